import FluentKit

/// The country pair a simulation run simulates; `NULL` (every run stored before pairs) is the
/// rubric's default pair.
struct M023_AddSimulationRunPairs: AsyncMigration {
  var name: String { "M023_AddSimulationRunPairs" }

  func prepare(on database: any Database) async throws {
    try await database.schema("simulation_runs").field("pair", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("simulation_runs").deleteField("pair").update()
  }
}
