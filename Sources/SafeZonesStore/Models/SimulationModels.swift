import FluentKit
import Foundation

/// The store's private representation of a simulation run; `SimulationRun` in the core is
/// the contract.
final class SimulationRunModel: Model, @unchecked Sendable {
  static let schema = "simulation_runs"

  /// A small number chosen by the database, shown in addresses (`/simulate/runs/3`).
  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "portfolio_name") var portfolioName: String
  /// The portfolio file exactly as given.
  @Field(key: "portfolio_text") var portfolioText: String
  @OptionalField(key: "scenario_name") var scenarioName: String?
  @OptionalField(key: "scenario_text") var scenarioText: String?
  /// The seed in decimal: a UInt64 does not fit a signed 64-bit column.
  @Field(key: "seed") var seed: String
  @Field(key: "trials") var trials: Int
  @Field(key: "years") var years: Int
  @Field(key: "compare_structures") var compareStructures: Bool
  @Field(key: "frontier") var frontier: Bool
  @Field(key: "catalogue_version") var catalogueVersion: String
  @Field(key: "rubric_version") var rubricVersion: String
  /// The country pair simulated (`EU-CN`); `NULL` for the rubric's default pair.
  @OptionalField(key: "pair") var pair: String?
  /// `queued`, `running`, `done` or `failed`.
  @Field(key: "status") var status: String
  /// Why a failed run failed.
  @OptionalField(key: "message") var message: String?
  /// The report as JSON, once done.
  @OptionalField(key: "result") var result: String?
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "started_at") var startedAt: Date?
  @OptionalField(key: "finished_at") var finishedAt: Date?
  /// The worker holding the run while it runs.
  @OptionalField(key: "worker") var worker: String?
  @OptionalField(key: "heartbeat_at") var heartbeatAt: Date?
  /// Trials simulated so far.
  @Field(key: "progress") var progress: Int
  @Field(key: "attempts") var attempts: Int

  init() {}
}
