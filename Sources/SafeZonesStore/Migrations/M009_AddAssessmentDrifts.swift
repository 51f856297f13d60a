import FluentKit

/// Expected drifts recorded on an assessment (a JSON list, `NULL` when there are none), so
/// that projections survive a round trip through the store.
struct M009_AddAssessmentDrifts: AsyncMigration {
  var name: String { "M009_AddAssessmentDrifts" }

  func prepare(on database: any Database) async throws {
    try await database.schema("assessments").field("drifts", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("assessments").deleteField("drifts").update()
  }
}
