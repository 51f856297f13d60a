import FluentKit

/// Simulation runs started from the web app, with their inputs (portfolio and scenario
/// texts, seed, trials, horizon, options, catalogue and rubric versions) so that each can be
/// run again, and their report once finished.
struct M008_CreateSimulationRuns: AsyncMigration {
  var name: String { "M008_CreateSimulationRuns" }

  func prepare(on database: any Database) async throws {
    try await database.schema("simulation_runs")
      .field("id", .int, .identifier(auto: true))
      .field("portfolio_name", .string, .required)
      .field("portfolio_text", .string, .required)
      .field("scenario_name", .string)
      .field("scenario_text", .string)
      .field("seed", .string, .required)
      .field("trials", .int, .required)
      .field("years", .int, .required)
      .field("compare_structures", .bool, .required)
      .field("frontier", .bool, .required)
      .field("catalogue_version", .string, .required)
      .field("rubric_version", .string, .required)
      .field("status", .string, .required)
      .field("message", .string)
      .field("result", .string)
      .field("created_at", .datetime, .required)
      .field("started_at", .datetime)
      .field("finished_at", .datetime)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("simulation_runs").delete()
  }
}
