import FluentKit

/// Panellists' drafts in Delphi rounds: one row per round, domain and author, replaced by
/// each save and removed when the judgement is submitted (drafts are work in progress, not
/// judgements; the audit trail records that a draft was saved, never what it says).
struct M016_CreateRoundDrafts: AsyncMigration {
  var name: String { "M016_CreateRoundDrafts" }

  func prepare(on database: any Database) async throws {
    try await database.schema("delphi_drafts")
      .field("id", .int, .identifier(auto: true))
      .field("round_id", .int, .required, .references("delphi_rounds", "id", onDelete: .cascade))
      .field("domain", .string, .required)
      .field("assessor", .string, .required)
      .field("fields", .string, .required)
      .field("saved_at", .datetime, .required)
      .unique(on: "round_id", "domain", "assessor")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("delphi_drafts").delete()
  }
}
