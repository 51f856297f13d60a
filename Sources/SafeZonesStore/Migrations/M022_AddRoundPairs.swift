import FluentKit

/// The country pair a Delphi round judges; `NULL` (every round stored before pairs) is the
/// rubric's default pair.
struct M022_AddRoundPairs: AsyncMigration {
  var name: String { "M022_AddRoundPairs" }

  func prepare(on database: any Database) async throws {
    try await database.schema("delphi_rounds").field("pair", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("delphi_rounds").deleteField("pair").update()
  }
}
