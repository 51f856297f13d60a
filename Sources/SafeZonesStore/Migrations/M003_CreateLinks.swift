import FluentKit

/// Typed, weighted links from a domain to another (by id).
struct M003_CreateLinks: AsyncMigration {
  var name: String { "M003_CreateLinks" }

  func prepare(on database: any Database) async throws {
    try await database.schema("links")
      .id()
      .field("domain_id", .uuid, .required, .references("domains", "id", onDelete: .cascade))
      .field("position", .int, .required)
      .field("target", .string, .required)
      .field("kind", .string, .required)
      .field("weight", .double, .required)
      .field("rationale", .string)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("links").delete()
  }
}
