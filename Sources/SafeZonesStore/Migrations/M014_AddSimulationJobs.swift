import FluentKit
import SQLKit

/// Simulation runs become jobs that any server on the store can take: who holds a run,
/// when it last reported, how far it got, and how many times it was taken.
struct M014_AddSimulationJobs: AsyncMigration {
  var name: String { "M014_AddSimulationJobs" }

  func prepare(on database: any Database) async throws {
    // One column per statement: SQLite adds one at a time.
    try await database.schema("simulation_runs").field("worker", .string).update()
    try await database.schema("simulation_runs").field("heartbeat_at", .datetime).update()
    try await database.schema("simulation_runs").field("progress", .int, .required, .sql(.default(0))).update()
    try await database.schema("simulation_runs").field("attempts", .int, .required, .sql(.default(0))).update()
    guard let sql = database as? any SQLDatabase else { return }
    try await sql.create(index: "simulation_runs_status").on("simulation_runs").column("status").column("id").run()
  }

  func revert(on database: any Database) async throws {
    if let sql = database as? any SQLDatabase { try await sql.drop(index: "simulation_runs_status").run() }
    for field in ["worker", "heartbeat_at", "progress", "attempts"] {
      try await database.schema("simulation_runs").deleteField(FieldKey(stringLiteral: field)).update()
    }
  }
}
