import Foundation

/// A stress test run from the web app, stored with its input exactly as given so it can be
/// read and run again, and with its report once done.
public struct StressRun: Sendable, Hashable, Identifiable {
  public enum Status: String, Sendable, Hashable, Codable { case running, done, failed }

  public var id: Int
  public var inputs: NewStressRun
  public var status: Status
  public var message: String?
  /// `StressReport` as JSON, once done.
  public var resultJSON: String?
  public var createdAt: Date
  public var finishedAt: Date?

  public init(
    id: Int, inputs: NewStressRun, status: Status, message: String? = nil, resultJSON: String? = nil,
    createdAt: Date, finishedAt: Date? = nil
  ) {
    self.id = id
    self.inputs = inputs
    self.status = status
    self.message = message
    self.resultJSON = resultJSON
    self.createdAt = createdAt
    self.finishedAt = finishedAt
  }
}

/// The inputs of a stress run.
public struct NewStressRun: Sendable, Hashable {
  /// The network's name.
  public var name: String
  /// The file name it came in (or "pasted network").
  public var fileName: String
  public var text: String
  /// `likely` or `high` when mitigation was asked.
  public var mitigate: String?
  public var nodeCount: Int
  /// The knowledge-base domains its nodes depend on (for each domain's page).
  public var domains: [String]
  /// Who ran it.
  public var createdBy: String

  public init(
    name: String, fileName: String, text: String, mitigate: String?, nodeCount: Int, domains: [String],
    createdBy: String
  ) {
    self.name = name
    self.fileName = fileName
    self.text = text
    self.mitigate = mitigate
    self.nodeCount = nodeCount
    self.domains = domains
    self.createdBy = createdBy
  }
}

/// Persistence of stress runs: created running, finished once (with a report or a failure).
public protocol StressRunRepository: Sendable {
  func create(_ run: NewStressRun) async throws -> StressRun
  /// Finishes a run still running; `false` when it had already finished.
  func complete(id: Int, resultJSON: String?, message: String?) async throws -> Bool
  func run(id: Int) async throws -> StressRun?
  /// Latest first, without texts and reports.
  func recent(limit: Int) async throws -> [StressRun]
  /// Runs whose network depends on `domain`, latest first, without texts and reports.
  func depending(on domain: String, limit: Int) async throws -> [StressRun]
  /// Runs left running (their server stopped): the runner takes them up again.
  func unfinished() async throws -> [StressRun]
}
