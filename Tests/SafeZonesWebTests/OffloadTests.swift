import Dispatch
import Foundation
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// Long computations (Monte Carlo, the map of thousands of domains) run on the compute
  /// threads, so requests are still answered while they run.
  @Suite("work off the request threads")
  struct OffloadWork {
    @Test("while more computations than cores hold the compute threads, /health answers")
    func healthDuringHeavyWork() async throws {
      try await API.withAPI { app in
        // setup: twice as many blocked computations as the concurrency pool has threads
        let gate = DispatchSemaphore(value: 0)
        let held = ProcessInfo.processInfo.activeProcessorCount * 2
        let work = (0..<held).map { _ in Task { await Offload.run { gate.wait() } } }

        // act
        let health = try await API.send(app, .GET, "/health")
        let page = try await API.send(app, .GET, "/api/v1/rubric")

        // check: answered while every computation still waits
        #expect(health.status == .ok)
        #expect(page.status == .ok)
        for _ in 0..<held { gate.signal() }
        for task in work { await task.value }
      }
    }
  }
}
