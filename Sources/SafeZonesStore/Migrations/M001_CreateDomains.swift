import FluentKit

/// Domains. Table and column names are literals: a shipped migration never changes.
struct M001_CreateDomains: AsyncMigration {
  var name: String { "M001_CreateDomains" }

  func prepare(on database: any Database) async throws {
    try await database.schema("domains")
      .id()
      .field("slug", .string, .required)
      .field("name", .string, .required)
      .field("summary", .string)
      .field("source", .string)
      .field("tags", .string, .required)
      .field("version", .int, .required)
      .field("created_at", .datetime)
      .field("updated_at", .datetime)
      .unique(on: "slug")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("domains").delete()
  }
}
