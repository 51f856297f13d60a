import Foundation

/// A simulation started from the web app, stored with everything needed to run it again:
/// the portfolio and scenario texts exactly as given, the seed, the trials, the horizon,
/// the options, and the versions of the shock catalogue and rubric in force.
public struct SimulationRun: Sendable, Hashable, Identifiable {
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting for an earlier run to finish.
    case queued
    case running
    case done
    case failed
  }

  public var id: Int
  public var inputs: NewSimulationRun
  public var status: Status
  /// Why a failed run failed.
  public var message: String?
  /// The report (`SimulationReport.json()`), once done.
  public var resultJSON: String?
  public var createdAt: Date
  public var startedAt: Date?
  public var finishedAt: Date?
  /// Trials simulated so far, as the worker last reported.
  public var progress: Int
  /// The worker (a server process) that holds the run while it runs.
  public var worker: String?
  /// When that worker last reported; a running run whose worker stops reporting is taken
  /// over by another (its server died).
  public var heartbeatAt: Date?
  /// How many times a worker took the run.
  public var attempts: Int

  public init(
    id: Int, inputs: NewSimulationRun, status: Status, message: String? = nil, resultJSON: String? = nil,
    createdAt: Date, startedAt: Date? = nil, finishedAt: Date? = nil, progress: Int = 0, worker: String? = nil,
    heartbeatAt: Date? = nil, attempts: Int = 0
  ) {
    self.progress = progress
    self.worker = worker
    self.heartbeatAt = heartbeatAt
    self.attempts = attempts
    self.id = id
    self.inputs = inputs
    self.status = status
    self.message = message
    self.resultJSON = resultJSON
    self.createdAt = createdAt
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }

  public var isFinished: Bool { status == .done || status == .failed }
}

/// The inputs of a run.
public struct NewSimulationRun: Sendable, Hashable {
  public var portfolioName: String
  public var portfolioText: String
  public var scenarioName: String?
  public var scenarioText: String?
  public var seed: UInt64
  public var trials: Int
  public var years: Int
  public var compareStructures: Bool
  public var frontier: Bool
  public var catalogueVersion: String
  public var rubricVersion: String
  /// The country pair whose placements the run simulates (`nil`: the rubric's default).
  public var pair: CountryPair?

  public init(
    portfolioName: String, portfolioText: String, scenarioName: String? = nil, scenarioText: String? = nil,
    seed: UInt64, trials: Int, years: Int, compareStructures: Bool = false, frontier: Bool = false,
    catalogueVersion: String, rubricVersion: String, pair: CountryPair? = nil
  ) {
    self.pair = pair
    self.portfolioName = portfolioName
    self.portfolioText = portfolioText
    self.scenarioName = scenarioName
    self.scenarioText = scenarioText
    self.seed = seed
    self.trials = trials
    self.years = years
    self.compareStructures = compareStructures
    self.frontier = frontier
    self.catalogueVersion = catalogueVersion
    self.rubricVersion = rubricVersion
  }
}

/// Why the run store refused something.
public enum SimulationRunError: Error, Sendable, Equatable, CustomStringConvertible {
  case notFound(Int)
  /// The run has already finished; its outcome is final.
  case finished(Int)

  public var description: String {
    switch self {
    case .notFound(let id): return tr("no simulation run {id}", ["id": .text(String(id))])
    case .finished(let id): return tr("simulation run {id} has already finished", ["id": .text(String(id))])
    }
  }
}

/// Persistence of simulation runs. A run is created queued, marked running, then finished
/// once, with its report or a failure; a finished run never changes.
public protocol SimulationRunRepository: Sendable {
  /// Stores a new queued run and returns it with its id and creation time.
  func create(_ run: NewSimulationRun) async throws -> SimulationRun
  /// Marks a queued run as running (stamps `startedAt`). Throws `.notFound`, `.finished`.
  func start(id: Int) async throws
  /// Finishes a run with its report. Throws `.notFound`, `.finished`.
  func finish(id: Int, resultJSON: String) async throws
  /// Finishes a run as failed. Throws `.notFound`, `.finished`.
  func fail(id: Int, message: String) async throws
  /// One run, with its texts and report.
  func run(id: Int) async throws -> SimulationRun?
  /// The latest runs first, at most `limit`, without their texts and reports (the
  /// `portfolioText` is empty and `resultJSON` nil), for lists.
  func recent(limit: Int) async throws -> [SimulationRun]

  // MARK: Jobs

  /// Takes the oldest queued run — or a running one whose worker has not reported for
  /// `staleAfter` seconds (its server died) — for `worker`, marks it running and returns it;
  /// `nil` when there is none. Two workers never take the same run (PostgreSQL: `FOR
  /// UPDATE SKIP LOCKED`; SQLite: one writer at a time).
  func claim(worker: String, staleAfter: TimeInterval) async throws -> SimulationRun?
  /// Records `done` trials and that `worker` is alive; `false` when the run is no longer
  /// this worker's (another took it over, or it finished).
  func heartbeat(id: Int, worker: String, done: Int) async throws -> Bool
  /// Finishes the run with its report, or as failed with `message` when `resultJSON` is
  /// `nil` — only if `worker` still holds it, so that a run is finished once. Returns
  /// whether it did.
  func complete(id: Int, worker: String, resultJSON: String?, message: String?) async throws -> Bool
  /// Runs queued before `id` that have not started.
  func queuedAhead(of id: Int) async throws -> Int
}
