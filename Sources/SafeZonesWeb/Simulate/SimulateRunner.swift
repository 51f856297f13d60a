import Foundation
import Logging
import SafeZonesCore
import SafeZonesStore
import Vapor

/// Runs the web app's simulations in the background, one at a time, off the request
/// threads, and keeps their progress in memory. A run's inputs and outcome live in the
/// store; the progress of a queued or running run lives here, so a run that the store shows
/// as unfinished but this process does not know was interrupted (the server restarted).
final class SimulationRunner: @unchecked Sendable {
  /// Progress of one run this process has accepted.
  struct Progress: Sendable, Hashable {
    var done: Int
    var total: Int
    /// Runs accepted before this one that have not finished.
    var ahead: Int
    var started: Bool

    var percent: Int { total > 0 ? min(100, done * 100 / total) : 0 }
  }

  /// At most this many runs wait for their turn; more are refused with a message.
  static let maxWaiting = 4

  private let lock = NSLock()
  private var progress: [Int: Progress] = [:]
  private var order: [Int] = []
  private var stopped = false
  /// One run at a time: the machine keeps a core for the site.
  private let queue = DispatchQueue(label: "safezones.simulate", qos: .utility)
  /// Worker threads of each run: all cores but one.
  let threads = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

  /// The runner of `app`, made on first use.
  static func of(_ app: Application) -> SimulationRunner {
    app.locks.lock(for: SimulationRunnerKey.self).withLock {
      if let runner = app.storage[SimulationRunnerKey.self] { return runner }
      let runner = SimulationRunner()
      app.storage.set(SimulationRunnerKey.self, to: runner, onShutdown: { $0.stop() })
      return runner
    }
  }

  /// Runs accepted and not finished.
  var waiting: Int { lock.withLock { order.count } }

  /// The progress of a run this process accepted and has not finished, with the number of
  /// runs ahead of it.
  func progress(of id: Int) -> Progress? {
    lock.withLock {
      guard var p = progress[id] else { return nil }
      p.ahead = order.firstIndex(of: id) ?? 0
      return p
    }
  }

  /// Stops taking runs; a run being computed is not saved (the store may be closing).
  func stop() { lock.withLock { stopped = true } }

  /// Holds queued runs (tests use it to see a run waiting); `resume` lets them go.
  func suspend() { queue.suspend() }
  func resume() { queue.resume() }

  /// Queues a run; `false` when the queue is full or the runner stopped.
  func submit(
    id: Int, plan: SimulationPlan, repository: any SimulationRunRepository, logger: Logger
  ) -> Bool {
    let accepted = lock.withLock { () -> Bool in
      guard !stopped, order.count < Self.maxWaiting else { return false }
      progress[id] = Progress(done: 0, total: plan.totalTrials, ahead: order.count, started: false)
      order.append(id)
      return true
    }
    guard accepted else { return false }
    var plan = plan
    plan.options.threads = threads
    let work = plan
    queue.async { [self] in
      defer {
        lock.withLock {
          progress.removeValue(forKey: id)
          order.removeAll { $0 == id }
        }
      }
      guard !isStopped else { return }
      Self.wait(logger, "start") { try await repository.start(id: id) }
      lock.withLock { progress[id]?.started = true }
      let report = work.run { [self] done, total in
        lock.withLock {
          if let p = progress[id], done > p.done {
            progress[id] = Progress(done: done, total: total, ahead: 0, started: true)
          }
        }
      }
      guard !isStopped else { return }
      do {
        let json = String(decoding: try report.json(), as: UTF8.self)
        Self.wait(logger, "finish") { try await repository.finish(id: id, resultJSON: json) }
      } catch {
        let message = "the report could not be written: \(error)"
        Self.wait(logger, "fail") { try await repository.fail(id: id, message: message) }
      }
    }
    return true
  }

  private var isStopped: Bool { lock.withLock { stopped } }

  /// Runs a store call from the runner's thread and waits for it (the thread is the
  /// runner's own, not one of Swift's cooperative pool, so waiting blocks nothing else).
  private static func wait(_ logger: Logger, _ what: String, _ body: @escaping @Sendable () async throws -> Void) {
    let done = DispatchSemaphore(value: 0)
    Task {
      do { try await body() } catch { logger.warning("simulation run: cannot \(what): \(error)") }
      done.signal()
    }
    done.wait()
  }
}

struct SimulationRunnerKey: StorageKey, LockKey { typealias Value = SimulationRunner }
