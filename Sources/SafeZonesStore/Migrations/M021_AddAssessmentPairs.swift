import FluentKit

/// The country pair each assessment judges. Every assessment stored before pairs existed
/// judged the United States and China, so the column's default fills them with `US-CN`
/// (assessments are append-only: no row is updated, the database fills the new column).
struct M021_AddAssessmentPairs: AsyncMigration {
  var name: String { "M021_AddAssessmentPairs" }

  func prepare(on database: any Database) async throws {
    try await database.schema("assessments")
      .field("pair", .string, .required, .sql(.default("US-CN")))
      .update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("assessments").deleteField("pair").update()
  }
}
