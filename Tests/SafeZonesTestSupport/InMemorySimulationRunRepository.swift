import Foundation
import SafeZonesCore

/// A run store in memory: a test double for the store's simulation runs.
public actor InMemorySimulationRunRepository: SimulationRunRepository {
  private var runs: [Int: SimulationRun] = [:]
  private var next = 1
  private let now: @Sendable () -> Date

  public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

  public func create(_ run: NewSimulationRun) async throws -> SimulationRun {
    let stored = SimulationRun(id: next, inputs: run, status: .queued, createdAt: now())
    runs[next] = stored
    next += 1
    return stored
  }

  public func start(id: Int) async throws {
    try update(id) {
      $0.status = .running
      $0.startedAt = now()
    }
  }

  public func finish(id: Int, resultJSON: String) async throws {
    try update(id) {
      $0.status = .done
      $0.resultJSON = resultJSON
      $0.finishedAt = now()
    }
  }

  public func fail(id: Int, message: String) async throws {
    try update(id) {
      $0.status = .failed
      $0.message = message
      $0.finishedAt = now()
    }
  }

  private func update(_ id: Int, _ change: (inout SimulationRun) -> Void) throws {
    guard var run = runs[id] else { throw SimulationRunError.notFound(id) }
    guard !run.isFinished else { throw SimulationRunError.finished(id) }
    change(&run)
    runs[id] = run
  }

  public func run(id: Int) async throws -> SimulationRun? { runs[id] }

  public func claim(worker: String, staleAfter: TimeInterval) async throws -> SimulationRun? {
    let cutoff = now().addingTimeInterval(-staleAfter)
    guard
      var run = runs.values.sorted(by: { $0.id < $1.id }).first(where: {
        $0.status == .queued || ($0.status == .running && ($0.heartbeatAt ?? .distantPast) < cutoff)
      })
    else { return nil }
    run.status = .running
    run.worker = worker
    run.heartbeatAt = now()
    run.startedAt = run.startedAt ?? now()
    run.attempts += 1
    runs[run.id] = run
    return run
  }

  public func heartbeat(id: Int, worker: String, done: Int) async throws -> Bool {
    guard var run = runs[id], run.status == .running, run.worker == worker else { return false }
    run.progress = max(run.progress, done)
    run.heartbeatAt = now()
    runs[id] = run
    return true
  }

  public func complete(id: Int, worker: String, resultJSON: String?, message: String?) async throws -> Bool {
    guard var run = runs[id], run.status == .running, run.worker == worker else { return false }
    run.status = resultJSON == nil ? .failed : .done
    run.resultJSON = resultJSON
    run.message = message
    run.finishedAt = now()
    runs[id] = run
    return true
  }

  public func queuedAhead(of id: Int) async throws -> Int {
    runs.values.filter { $0.status == .queued && $0.id < id }.count
  }

  public func recent(limit: Int) async throws -> [SimulationRun] {
    runs.values.sorted { $0.id > $1.id }.prefix(max(0, limit)).map { run in
      var brief = run
      brief.inputs.portfolioText = ""
      brief.inputs.scenarioText = nil
      brief.resultJSON = nil
      return brief
    }
  }
}
