import FluentKit

/// Rubric versions, with the text they were loaded from.
struct M004_CreateRubrics: AsyncMigration {
  var name: String { "M004_CreateRubrics" }

  func prepare(on database: any Database) async throws {
    try await database.schema("rubrics")
      .id()
      .field("version", .string, .required)
      .field("text", .string, .required)
      .field("json", .string, .required)
      .field("stored_at", .datetime)
      .unique(on: "version")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("rubrics").delete()
  }
}
