import FluentKit

/// Delphi rounds. `(study, number)` is unique so that two rounds opened at the same time
/// cannot both become a study's next round.
struct M006_CreateRounds: AsyncMigration {
  var name: String { "M006_CreateRounds" }

  func prepare(on database: any Database) async throws {
    try await database.schema("delphi_rounds")
      .field("id", .int, .identifier(auto: true))
      .field("study", .string, .required)
      .field("number", .int, .required)
      .field("title", .string, .required)
      .field("domains", .string, .required)
      .field("facilitator", .string, .required)
      .field("status", .string, .required)
      .field("opened_at", .datetime, .required)
      .field("closed_at", .datetime)
      .field("previous_id", .int)
      .unique(on: "study", "number")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("delphi_rounds").delete()
  }
}
