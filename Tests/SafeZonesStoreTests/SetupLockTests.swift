import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  @Suite struct SetupLocks {
    actor Timeline {
      var spans: [(start: Date, end: Date)] = []
      func add(_ start: Date, _ end: Date) { spans.append((start, end)) }
    }

    /// Two processes' worth of setup on one empty database at the same time: the second
    /// waits for the first instead of creating the same tables (on PostgreSQL, where two
    /// servers started together used to fail on a duplicate catalogue entry).
    /// (PostgreSQL only: an SQLite store belongs to one server, and an in-memory one to its
    /// runtime.)
    @Test(arguments: try StoreTests.locations().filter(\.isPostgres))
    func setupsOnOneDatabaseRunOneAtATime(location: StoreLocation) async throws {
      let first = try StoreRuntime(location: location, postgresSchema: StoreTests.postgresSchema)
      try await first.revertAll()
      let second = try StoreRuntime(location: location, postgresSchema: StoreTests.postgresSchema)
      let timeline = Timeline()
      func setup(_ runtime: StoreRuntime) async throws {
        try await SetupLock.holding(on: runtime.database) {
          let start = Date()
          try await runtime.migrate()
          try await Task.sleep(for: .milliseconds(150))
          await timeline.add(start, Date())
        }
      }
      do {
        async let a: Void = setup(first)
        async let b: Void = setup(second)
        _ = try await (a, b)
        let spans = await timeline.spans.sorted { $0.start < $1.start }
        #expect(spans.count == 2)
        // The second setup started only after the first had ended.
        #expect(spans[1].start >= spans[0].end)
        #expect(try await first.appliedMigrations().sorted() == StoreMigrations.all.map(\.name).sorted())
      } catch {
        await first.shutdown()
        await second.shutdown()
        throw error
      }
      await first.shutdown()
      await second.shutdown()
    }
  }
}
