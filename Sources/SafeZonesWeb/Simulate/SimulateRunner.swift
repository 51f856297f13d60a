import Foundation
import Logging
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import Vapor

/// Runs the web app's simulations as jobs in the store: a run started from a page is a
/// queued row; each server's worker claims the oldest queued run (or one whose worker
/// stopped reporting — its server died), runs it off the request threads, reports its
/// progress to the store every two seconds, and finishes it only if it still holds it. So
/// a run survives a restart, is never lost, and is finished once, whichever server takes it.
final class SimulationRunner: @unchecked Sendable {
  /// Progress of the run this process is computing.
  struct Progress: Sendable, Hashable {
    var done: Int
    var total: Int
  }

  /// At most this many runs wait for their turn (in the store, across servers); more are
  /// refused with a message.
  static let maxWaiting = 4
  /// A running run whose worker has not reported for this long is taken over.
  static let staleAfter: TimeInterval = 30
  static let heartbeatEvery: TimeInterval = 2
  /// How often an idle worker looks for runs queued by other servers.
  static let pollEvery: Duration = .seconds(2)

  /// This process, as the store knows it while it holds a run.
  let worker =
    "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
  private let lock = NSLock()
  private var current: (id: Int, progress: Progress)?
  private var stopped = false
  private var held = false
  private var loop: Task<Void, Never>?
  /// A run was queued (or the runner let go): look before the next poll.
  private var woken = false
  /// One run at a time, on a thread of its own: the machine keeps a core for the site.
  private let queue = DispatchQueue(label: "safezones.simulate", qos: .utility)
  /// Worker threads of each run: all cores but one.
  let threads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

  /// The runner of `app`, started on first use.
  static func of(_ app: Application) -> SimulationRunner {
    app.locks.lock(for: SimulationRunnerKey.self).withLock {
      if let runner = app.storage[SimulationRunnerKey.self] { return runner }
      let runner = SimulationRunner()
      app.storage.set(SimulationRunnerKey.self, to: runner, onShutdown: { $0.stop() })
      runner.start(app)
      return runner
    }
  }

  /// The progress of a run this process is computing now.
  func progress(of id: Int) -> Progress? {
    lock.withLock { current.flatMap { $0.id == id ? $0.progress : nil } }
  }

  /// Stops looking for runs; a run being computed is not saved (another server, or this one
  /// after a restart, takes it over).
  func stop() {
    let task = lock.withLock { () -> Task<Void, Never>? in
      stopped = true
      return loop
    }
    task?.cancel()
  }

  /// Holds queued runs (tests use it to see a run waiting); `resume` lets them go.
  func suspend() { lock.withLock { held = true } }
  func resume() {
    lock.withLock { held = false }
    notify()
  }

  /// A run was queued here: look now rather than at the next poll.
  func notify() { lock.withLock { woken = true } }

  private var isStopped: Bool { lock.withLock { stopped } }
  private var isHeld: Bool { lock.withLock { held } }

  private func start(_ app: Application) {
    let repository = app.catalog.repository.simulationRuns
    let logger = app.logger
    let task = Task.detached { [self] in
      while !isStopped {
        if !isHeld {
          do {
            if let run = try await repository.claim(worker: worker, staleAfter: Self.staleAfter) {
              await execute(run, app: app, repository: repository, logger: logger)
              continue
            }
          } catch {
            logger.warning("simulation runs: cannot claim a run: \(error)")
          }
        }
        await idle()
      }
    }
    lock.withLock { loop = task }
  }

  /// Waits for `notify`, `stop` or the next poll, checking every quarter second (no
  /// continuation to lose: a wake-up that comes early is a flag that stays set).
  private func idle() async {
    let checks = Int(Self.pollEvery / .milliseconds(250))
    for _ in 0..<max(1, checks) {
      if lock.withLock({ stopped || woken }) { break }
      try? await Task.sleep(for: .milliseconds(250))
    }
    lock.withLock { woken = false }
  }

  private func execute(
    _ run: SimulationRun, app: Application, repository: any SimulationRunRepository, logger: Logger
  ) async {
    let plan: SimulationPlan
    do {
      plan = try await Self.plan(for: run, catalog: app.catalog)
    } catch {
      let message = "the stored inputs cannot be run again: \(error)"
      _ = try? await repository.complete(id: run.id, worker: worker, resultJSON: nil, message: message)
      return
    }
    var tuned = plan
    tuned.options.threads = threads
    let work = tuned
    let total = plan.totalTrials
    lock.withLock { current = (run.id, Progress(done: 0, total: total)) }
    defer { lock.withLock { current = nil } }
    // Progress goes to the store every few seconds, with the worker's heartbeat.
    let reporter = Task { [self] in
      while !Task.isCancelled {
        try? await Task.sleep(for: .seconds(Self.heartbeatEvery))
        let done = progress(of: run.id)?.done ?? 0
        _ = try? await repository.heartbeat(id: run.id, worker: worker, done: done)
      }
    }
    let report = await withCheckedContinuation { (continuation: CheckedContinuation<SimulationReport, Never>) in
      queue.async { [self] in
        let report = work.run { [self] done, total in
          lock.withLock {
            if let c = current, c.id == run.id, done > c.progress.done {
              current = (run.id, Progress(done: done, total: total))
            }
          }
        }
        continuation.resume(returning: report)
      }
    }
    reporter.cancel()
    guard !isStopped else { return }
    do {
      let json = String(decoding: try report.json(), as: UTF8.self)
      if try await !repository.complete(id: run.id, worker: worker, resultJSON: json, message: nil) {
        logger.notice("simulation run \(run.id): another worker took it over; this result is dropped")
      }
    } catch {
      _ = try? await repository.complete(
        id: run.id, worker: worker, resultJSON: nil, message: "the report could not be written: \(error)")
    }
  }

  /// The plan of a stored run, read again from its texts, on the store as it is now and the
  /// rubric version it was started with (when still stored).
  static func plan(for run: SimulationRun, catalog: Catalog) async throws -> SimulationPlan {
    // The pair the run was started for, whatever pair its reader has in view.
    let snapshot = try await catalog.snapshot(pair: run.inputs.pair)
    let catalogue = try ShockCatalogueLoader.shipped()
    let i = run.inputs
    let draft = SimulationDraft(
      portfolio: i.portfolioText, portfolioName: i.portfolioName, scenario: i.scenarioText ?? "",
      scenarioName: i.scenarioName ?? "scenario", trials: String(i.trials), seed: String(i.seed), years: String(i.years)
    )
    let checked = try draft.check(knownDomains: Set(snapshot.domains.map(\.id)), catalogue: catalogue).get()
    let rubric = snapshot.rubric(version: i.rubricVersion)?.rubric.scoped(to: snapshot.pair) ?? snapshot.rubric
    return SimulationPlan(
      portfolio: checked.portfolio, domains: snapshot.domains, rubric: rubric, catalogue: catalogue,
      scenario: checked.scenario, years: checked.years,
      options: SimulationOptions(trials: checked.trials, seed: checked.seed), compareStructures: i.compareStructures,
      frontier: i.frontier)
  }
}

struct SimulationRunnerKey: StorageKey, LockKey { typealias Value = SimulationRunner }
