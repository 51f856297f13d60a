import Foundation
import Logging
import SafeZonesApplication
import SafeZonesCore
import Vapor

/// Runs stress tests of large networks off the request threads and keeps their progress
/// in memory; the run and its report live in the store. A run left running by a server
/// that stopped is taken up again when a server starts (finishing is first-come: the store
/// finishes a run once).
final class StressJobs: @unchecked Sendable {
  struct Progress: Sendable, Hashable {
    var done: Int
    var total: Int
  }

  private let lock = NSLock()
  private var progress: [Int: Progress] = [:]
  /// One stress test at a time on a thread of its own: the machine keeps a core for the site.
  private let queue = DispatchQueue(label: "safezones.stress", qos: .utility)

  static func of(_ app: Application) -> StressJobs {
    app.locks.lock(for: StressJobsKey.self).withLock {
      if let jobs = app.storage[StressJobsKey.self] { return jobs }
      let jobs = StressJobs()
      app.storage.set(StressJobsKey.self, to: jobs)
      return jobs
    }
  }

  func progress(of id: Int) -> Progress? { lock.withLock { progress[id] } }

  /// Solves the run's network and stores the report (or why it failed); returns when done.
  func execute(
    id: Int, network: SupplyNetwork, settings: StressTest.Settings, repository: any StressRunRepository,
    logger: Logger
  ) async {
    lock.withLock { progress[id] = Progress(done: 0, total: 1) }
    defer { lock.withLock { _ = progress.removeValue(forKey: id) } }
    let outcome: Result<StressReport, Error> = await withCheckedContinuation { continuation in
      queue.async { [self] in
        do {
          let report = try SupplyChains.run(network, settings: settings) { done, total in
            self.lock.withLock { self.progress[id] = Progress(done: done, total: total) }
          }
          continuation.resume(returning: .success(report))
        } catch {
          continuation.resume(returning: .failure(error))
        }
      }
    }
    do {
      switch outcome {
      case .success(let report):
        let json = String(decoding: try StableJSONEncoder().encode(report), as: UTF8.self)
        _ = try await repository.complete(id: id, resultJSON: json, message: nil)
      case .failure(let error):
        let message = (error as? LPError)?.message ?? (error as? InputError)?.description ?? "\(error)"
        _ = try await repository.complete(id: id, resultJSON: nil, message: message)
      }
    } catch {
      logger.warning("stress run \(id): the result could not be stored: \(error)")
    }
  }

  /// Starts `execute` in the background.
  func launch(
    id: Int, network: SupplyNetwork, settings: StressTest.Settings, repository: any StressRunRepository,
    logger: Logger
  ) {
    lock.withLock { progress[id] = Progress(done: 0, total: 1) }
    Task.detached { [self] in
      await execute(id: id, network: network, settings: settings, repository: repository, logger: logger)
    }
  }

  /// Takes up the runs a stopped server left running, from the texts stored with them.
  func resume(_ app: Application) {
    let repository = app.catalog.repository.stressRuns
    let logger = app.logger
    Task.detached { [self] in
      do {
        let known = Set(try await app.catalog.snapshot().domains.map(\.id))
        for run in try await repository.unfinished() where progress(of: run.id) == nil {
          do {
            let network = try SupplyChains.parse(run.inputs.text, file: run.inputs.fileName, knownDomains: known)
            await execute(
              id: run.id, network: network, settings: SupplyChainController.settings(run.inputs.mitigate),
              repository: repository, logger: logger)
          } catch {
            _ = try? await repository.complete(
              id: run.id, resultJSON: nil, message: "the stored network cannot be run again: \(error)")
          }
        }
      } catch {
        logger.warning("stress runs: cannot take up unfinished runs: \(error)")
      }
    }
  }
}

struct StressJobsKey: StorageKey, LockKey { typealias Value = StressJobs }
