import FluentKit

/// Judgements submitted in Delphi rounds, append-only. `(round_id, domain, assessor, seq)`
/// is unique so that two submissions of the same assessor cannot get the same number.
struct M007_CreateJudgements: AsyncMigration {
  var name: String { "M007_CreateJudgements" }

  func prepare(on database: any Database) async throws {
    try await database.schema("delphi_judgements")
      .field("id", .int, .identifier(auto: true))
      .field("round_id", .int, .required, .references("delphi_rounds", "id", onDelete: .cascade))
      .field("domain", .string, .required)
      .field("assessor", .string, .required)
      .field("seq", .int, .required)
      .field("perspective", .string)
      .field("note", .string)
      .field("scores", .string, .required)
      .field("submitted_at", .datetime, .required)
      .unique(on: "round_id", "domain", "assessor", "seq")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("delphi_judgements").delete()
  }
}
