import FluentKit

/// Assessments, append-only; `(domain_id, seq)` is unique so two saves based on the same
/// version cannot both succeed.
struct M002_CreateAssessments: AsyncMigration {
  var name: String { "M002_CreateAssessments" }

  func prepare(on database: any Database) async throws {
    try await database.schema("assessments")
      .id()
      .field("domain_id", .uuid, .required, .references("domains", "id", onDelete: .cascade))
      .field("seq", .int, .required)
      .field("assessor", .string, .required)
      .field("day", .string, .required)
      .field("perspective", .string)
      .field("note", .string)
      .field("scores", .string, .required)
      .field("recorded_at", .datetime)
      .unique(on: "domain_id", "seq")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("assessments").delete()
  }
}
