import Foundation
import SafeZonesCore
import SafeZonesTestSupport
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// Simulation runs in the store (`FluentSimulationRunRepository`), on SQLite and, when
  /// `DATABASE_URL` is set, PostgreSQL.
  @Suite struct SimulationRuns {
    /// A clock that moves one second per reading.
    final class Clock: @unchecked Sendable {
      private let lock = NSLock()
      private var t = Date(timeIntervalSince1970: 1_790_000_000.123456)

      func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        t += 1
        return t
      }
    }

    static func inputs(_ name: String = "Portfolio ✓ “US–China”", seed: UInt64 = 42) -> NewSimulationRun {
      NewSimulationRun(
        portfolioName: name,
        portfolioText: "portfolio:\n  name: \(name)\n# 量子 — a comment with 'quotes' and \"more\"\n"
          + String(repeating: "x", count: 70_000),
        scenarioName: "Escalation", scenarioText: "scenario:\n  name: Escalation\n", seed: seed, trials: 10_000,
        years: 20, compareStructures: true, frontier: false, catalogueVersion: "2026.1", rubricVersion: "2026.1")
    }

    @Test(arguments: try StoreTests.locations())
    func aRunGoesFromQueuedToDoneAndKeepsItsInputs(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        let clock = Clock()
        let runs = FluentSimulationRunRepository(database: runtime.database, now: { clock.now() })
        let revision = try await repo.revision()

        // act
        let created = try await runs.create(Self.inputs(seed: .max))

        // check: queued, every input as given (the largest seed too)
        #expect(created.status == .queued)
        #expect(created.inputs == Self.inputs(seed: .max))
        #expect(created.startedAt == nil && created.finishedAt == nil && created.resultJSON == nil)
        #expect(try await runs.run(id: created.id) == created)
        #expect(try await repo.revision() == revision, "runs do not invalidate the domain caches")

        // act: start, finish
        try await runs.start(id: created.id)
        let running = try #require(try await runs.run(id: created.id))
        try await runs.finish(id: created.id, resultJSON: "{\"ok\" : true}\n")
        let done = try #require(try await runs.run(id: created.id))

        // check
        #expect(running.status == .running)
        #expect(running.startedAt != nil && running.finishedAt == nil)
        #expect(done.status == .done)
        #expect(done.resultJSON == "{\"ok\" : true}\n")
        #expect(done.startedAt == running.startedAt)
        #expect(done.finishedAt! > done.startedAt! && done.startedAt! > done.createdAt)
        #expect(done.inputs == created.inputs)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func aFinishedRunNeverChangesAndUnknownRunsAreReported(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, _ async throws in
        // setup
        let runs = runtime.simulationRuns
        let done = try await runs.create(Self.inputs())
        try await runs.finish(id: done.id, resultJSON: "{}")
        let failed = try await runs.create(Self.inputs())
        try await runs.fail(id: failed.id, message: "the server stopped")

        // act, check
        await #expect(throws: SimulationRunError.finished(done.id)) {
          try await runs.fail(id: done.id, message: "late")
        }
        await #expect(throws: SimulationRunError.finished(failed.id)) { try await runs.start(id: failed.id) }
        await #expect(throws: SimulationRunError.finished(failed.id)) {
          try await runs.finish(id: failed.id, resultJSON: "{}")
        }
        await #expect(throws: SimulationRunError.notFound(999)) { try await runs.start(id: 999) }
        #expect(try await runs.run(id: 999) == nil)
        let stillFailed = try #require(try await runs.run(id: failed.id))
        #expect(stillFailed.status == .failed && stillFailed.message == "the server stopped")
        #expect(stillFailed.resultJSON == nil)
        #expect(try await runs.run(id: done.id)?.resultJSON == "{}")
      }
    }

    @Test(arguments: try StoreTests.locations())
    func recentRunsComeNewestFirstWithoutTheirTexts(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, _ async throws in
        // setup
        let runs = runtime.simulationRuns
        var ids: [Int] = []
        for i in 1...4 { ids.append(try await runs.create(Self.inputs("Portfolio \(i)")).id) }
        try await runs.finish(id: ids[1], resultJSON: "{\"big\": true}")

        // act
        let recent = try await runs.recent(limit: 3)

        // check
        #expect(recent.map(\.id) == Array(ids.reversed().prefix(3)))
        #expect(recent.map(\.inputs.portfolioName) == ["Portfolio 4", "Portfolio 3", "Portfolio 2"])
        #expect(
          recent.allSatisfy { $0.inputs.portfolioText.isEmpty && $0.inputs.scenarioText == nil && $0.resultJSON == nil }
        )
        #expect(recent[2].status == .done)
        #expect(recent[0].inputs.seed == 42 && recent[0].inputs.scenarioName == "Escalation")
        #expect(try await runs.recent(limit: 0).isEmpty)
      }
    }

    @Test func theInMemoryStoreBehavesTheSame() async throws {
      let runs = InMemorySimulationRunRepository()
      let a = try await runs.create(Self.inputs())
      try await runs.start(id: a.id)
      try await runs.finish(id: a.id, resultJSON: "{}")
      await #expect(throws: SimulationRunError.finished(a.id)) { try await runs.start(id: a.id) }
      let b = try await runs.create(Self.inputs("B"))
      #expect(try await runs.recent(limit: 5).map(\.id) == [b.id, a.id])
      #expect(try await runs.run(id: a.id)?.status == .done)
    }

    @Test(
      "runs are jobs: claimed once, taken over when their worker stops reporting, finished only by their holder",
      arguments: try StoreTests.locations())
    func jobs(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, _ in
        let runs = FluentSimulationRunRepository(database: runtime.database)
        let first = try await runs.create(Self.inputs("First"))
        let second = try await runs.create(Self.inputs("Second"))
        #expect(try await runs.queuedAhead(of: second.id) == 1)

        // Concurrent workers: each run goes to exactly one.
        let claimed = try await withThrowingTaskGroup(of: Int?.self) { group in
          for w in 0..<6 { group.addTask { try await runs.claim(worker: "w\(w)", staleAfter: 30)?.id } }
          return try await group.reduce(into: [Int]()) { if let id = $1 { $0.append(id) } }
        }
        #expect(claimed.sorted() == [first.id, second.id])
        #expect(try await runs.claim(worker: "late", staleAfter: 30) == nil)

        // Progress is stored with the holder's heartbeat; others cannot report for it.
        let holder = try #require(try await runs.run(id: first.id)?.worker)
        #expect(try await runs.heartbeat(id: first.id, worker: holder, done: 1_234))
        #expect(try await !runs.heartbeat(id: first.id, worker: "someone-else", done: 9))
        #expect(try await runs.run(id: first.id)?.progress == 1_234)

        // The holder dies: after the stale interval another worker takes the run over.
        try await Task.sleep(for: .milliseconds(20))
        let taken = try #require(try await runs.claim(worker: "rescuer", staleAfter: 0.001))
        #expect(taken.id == first.id, "the oldest stale run first")
        #expect(taken.attempts == 2 && taken.worker == "rescuer")
        // The old holder's late result is refused; the rescuer's is kept; nothing finishes twice.
        #expect(try await !runs.complete(id: taken.id, worker: holder, resultJSON: "{\"late\":true}", message: nil))
        #expect(try await runs.complete(id: taken.id, worker: "rescuer", resultJSON: "{}", message: nil))
        #expect(try await !runs.complete(id: taken.id, worker: "rescuer", resultJSON: "{\"again\":true}", message: nil))
        let done = try #require(try await runs.run(id: taken.id))
        #expect(done.status == .done && done.resultJSON == "{}")
      }
    }
  }
}
