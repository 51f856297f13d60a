import FluentKit

/// Supply-chain stress runs (`StressRun`): the network text as given, the report as JSON,
/// and the domains the network depends on as `|a|b|` so a domain's page finds them.
struct M020_CreateStressRuns: AsyncMigration {
  var name: String { "M020_CreateStressRuns" }

  func prepare(on database: any Database) async throws {
    try await database.schema("stress_runs")
      .field("id", .int, .identifier(auto: true))
      .field("name", .string, .required)
      .field("file_name", .string, .required)
      .field("input_text", .string, .required)
      .field("mitigate", .string)
      .field("node_count", .int, .required)
      .field("domains", .string, .required)
      .field("created_by", .string, .required)
      .field("status", .string, .required)
      .field("message", .string)
      .field("result", .string)
      .field("created_at", .datetime, .required)
      .field("finished_at", .datetime)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("stress_runs").delete()
  }
}
