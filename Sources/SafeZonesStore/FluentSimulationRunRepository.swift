import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// The Fluent implementation of `SimulationRunRepository`, for SQLite and PostgreSQL alike,
/// in the store's database. Runs do not change the store revision: no cached view of the
/// domains depends on them.
public struct FluentSimulationRunRepository: SimulationRunRepository {
  let database: any Database
  let now: @Sendable () -> Date

  /// - Parameter now: the clock that stamps creation, start and finish.
  public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
    self.database = database
    self.now = now
  }

  /// The domain repository's transactions (`BEGIN IMMEDIATE` on SQLite) and busy waits.
  var store: FluentDomainRepository { FluentDomainRepository(database: database) }

  public func create(_ run: NewSimulationRun) async throws -> SimulationRun {
    let createdAt = FluentDomainRepository.stamp(now())
    return try await store.writing(audit: { (created: SimulationRun) in
      AuditEvent(
        "simulation.run",
        ["run": .number(created.id), "portfolio": .text(run.portfolioName), "trials": .number(run.trials)])
    }) { db in
      let model = SimulationRunModel()
      model.portfolioName = run.portfolioName
      model.portfolioText = run.portfolioText
      model.scenarioName = run.scenarioName
      model.scenarioText = run.scenarioText
      model.seed = String(run.seed)
      model.trials = run.trials
      model.years = run.years
      model.compareStructures = run.compareStructures
      model.frontier = run.frontier
      model.catalogueVersion = run.catalogueVersion
      model.rubricVersion = run.rubricVersion
      model.pair = run.pair?.id
      model.status = SimulationRun.Status.queued.rawValue
      model.createdAt = createdAt
      model.progress = 0
      model.attempts = 0
      try await model.create(on: db)
      return try Self.run(try await SimulationRunModel.find(try model.requireID(), on: db) ?? model)
    }
  }

  public func start(id: Int) async throws {
    let now = self.now
    try await update(id) { model in
      model.status = SimulationRun.Status.running.rawValue
      model.startedAt = FluentDomainRepository.stamp(now())
    }
  }

  public func finish(id: Int, resultJSON: String) async throws {
    let now = self.now
    try await update(id) { model in
      model.status = SimulationRun.Status.done.rawValue
      model.result = resultJSON
      model.finishedAt = FluentDomainRepository.stamp(now())
    }
  }

  public func fail(id: Int, message: String) async throws {
    let now = self.now
    try await update(id) { model in
      model.status = SimulationRun.Status.failed.rawValue
      model.message = message
      model.finishedAt = FluentDomainRepository.stamp(now())
    }
  }

  private func update(_ id: Int, _ change: @escaping @Sendable (SimulationRunModel) -> Void) async throws {
    // Progress of a run whose start is recorded.
    try await store.writing(audit: { _ in nil }) { db in
      guard let model = try await SimulationRunModel.find(id, on: db) else { throw SimulationRunError.notFound(id) }
      let status = SimulationRun.Status(rawValue: model.status) ?? .failed
      guard status != .done && status != .failed else { throw SimulationRunError.finished(id) }
      change(model)
      try await model.save(on: db)
    }
  }

  public func run(id: Int) async throws -> SimulationRun? {
    try await store.reading { db in try await SimulationRunModel.find(id, on: db) }.map(Self.run)
  }

  public func recent(limit: Int) async throws -> [SimulationRun] {
    guard limit > 0 else { return [] }
    let models = try await store.reading { db in
      // The texts and the report stay in the database: a list needs none of them.
      try await SimulationRunModel.query(on: db)
        .field(\.$id).field(\.$portfolioName).field(\.$scenarioName).field(\.$seed).field(\.$trials)
        .field(\.$years).field(\.$compareStructures).field(\.$frontier).field(\.$catalogueVersion)
        .field(\.$rubricVersion).field(\.$pair).field(\.$status).field(\.$message).field(\.$createdAt).field(\.$startedAt)
        .field(\.$finishedAt).field(\.$progress).field(\.$worker).field(\.$heartbeatAt).field(\.$attempts)
        .sort(\.$id, .descending).limit(limit).all()
    }
    return try models.map { try Self.run($0, texts: false) }
  }

  // MARK: - Jobs

  public func claim(worker: String, staleAfter: TimeInterval) async throws -> SimulationRun? {
    let now = FluentDomainRepository.stamp(self.now())
    let cutoff = now.addingTimeInterval(-staleAfter)
    return try await store.writing(audit: { _ in nil }) { db -> SimulationRun? in
      let queued = SimulationRun.Status.queued.rawValue
      let running = SimulationRun.Status.running.rawValue
      var id: Int?
      if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
        // Another server's claim in progress is skipped, not waited for.
        let row = try await sql.raw(
          """
          SELECT id FROM simulation_runs
          WHERE status = \(bind: queued) OR (status = \(bind: running) AND (heartbeat_at IS NULL OR heartbeat_at < \(bind: cutoff)))
          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED
          """
        ).first()
        id = try row?.decode(column: "id", as: Int.self)
      } else {
        // SQLite: the write transaction (BEGIN IMMEDIATE) already excludes every other writer.
        id = try await SimulationRunModel.query(on: db)
          .group(.or) { or in
            or.filter(\.$status == queued)
            or.group(.and) { and in
              and.filter(\.$status == running)
              and.group(.or) { stale in
                stale.filter(\.$heartbeatAt == nil)
                stale.filter(\.$heartbeatAt < cutoff)
              }
            }
          }
          .sort(\.$id).first()?.id
      }
      guard let id, let model = try await SimulationRunModel.find(id, on: db) else { return nil }
      model.status = running
      model.worker = worker
      model.heartbeatAt = now
      model.startedAt = model.startedAt ?? now
      model.attempts += 1
      try await model.save(on: db)
      return try Self.run(model)
    }
  }

  public func heartbeat(id: Int, worker: String, done: Int) async throws -> Bool {
    let now = FluentDomainRepository.stamp(self.now())
    return try await store.writing(audit: { _ in nil }) { db in
      guard let model = try await SimulationRunModel.find(id, on: db),
        model.status == SimulationRun.Status.running.rawValue, model.worker == worker
      else { return false }
      model.progress = max(model.progress, done)
      model.heartbeatAt = now
      try await model.save(on: db)
      return true
    }
  }

  public func complete(id: Int, worker: String, resultJSON: String?, message: String?) async throws -> Bool {
    let now = FluentDomainRepository.stamp(self.now())
    return try await store.writing(audit: { _ in nil }) { db in
      guard let model = try await SimulationRunModel.find(id, on: db),
        model.status == SimulationRun.Status.running.rawValue, model.worker == worker
      else { return false }
      model.status = (resultJSON == nil ? SimulationRun.Status.failed : .done).rawValue
      model.result = resultJSON
      model.message = message
      model.finishedAt = now
      try await model.save(on: db)
      return true
    }
  }

  public func queuedAhead(of id: Int) async throws -> Int {
    try await store.reading { db in
      try await SimulationRunModel.query(on: db).filter(\.$status == SimulationRun.Status.queued.rawValue)
        .filter(\.$id < id).count()
    }
  }

  // MARK: - Helpers

  static func run(_ m: SimulationRunModel) throws -> SimulationRun { try run(m, texts: true) }

  /// The core value; without `texts`, the model holds only the list's fields.
  static func run(_ m: SimulationRunModel, texts: Bool) throws -> SimulationRun {
    let inputs = NewSimulationRun(
      portfolioName: m.portfolioName, portfolioText: texts ? m.portfolioText : "", scenarioName: m.scenarioName,
      scenarioText: texts ? m.scenarioText : nil, seed: UInt64(m.seed) ?? 0, trials: m.trials, years: m.years,
      compareStructures: m.compareStructures, frontier: m.frontier, catalogueVersion: m.catalogueVersion,
      rubricVersion: m.rubricVersion, pair: m.pair.flatMap(CountryPair.init(id:)))
    return SimulationRun(
      id: try m.requireID(), inputs: inputs, status: SimulationRun.Status(rawValue: m.status) ?? .failed,
      message: m.message, resultJSON: texts ? m.result : nil, createdAt: m.createdAt, startedAt: m.startedAt,
      finishedAt: m.finishedAt, progress: m.progress, worker: m.worker, heartbeatAt: m.heartbeatAt,
      attempts: m.attempts)
  }
}

extension FluentDomainRepository {
  /// The simulation-run repository on the same database.
  public var simulationRuns: any SimulationRunRepository { FluentSimulationRunRepository(database: database) }
}

extension StoreRuntime {
  /// The simulation-run repository of this store.
  public var simulationRuns: FluentSimulationRunRepository { FluentSimulationRunRepository(database: database) }
}
