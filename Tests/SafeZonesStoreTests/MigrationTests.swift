import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  @Suite struct Migrations {
    @Test(arguments: try StoreTests.locations())
    func migrationsCreateTheSchemaAndAreIdempotent(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // check: every migration applied once, the tables usable and empty
        let expected = StoreMigrations.all.map(\.name)
        #expect(try await runtime.appliedMigrations().sorted() == expected.sorted())
        #expect(try await repo.revision() == 0)
        #expect(try await repo.allDomains().isEmpty)
        #expect(try await repo.rubrics().isEmpty)

        // setup
        try await repo.create(Fixture.minimal("kept"))
        let revision = try await repo.revision()

        // act: migrating again changes nothing
        try await runtime.migrate()
        try await runtime.migrate()

        // check
        #expect(try await runtime.appliedMigrations().sorted() == expected.sorted())
        #expect(try await repo.revision() == revision)
        #expect(try await repo.allDomains().map(\.id) == ["kept"])
      }
    }

    @Test(arguments: try StoreTests.locations())
    func revertAllRemovesEverythingAndMigrateStartsOver(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        try await repo.create(Fixture.minimal("gone"))

        // act
        try await runtime.revertAll()
        try await runtime.migrate()

        // check
        #expect(try await repo.allDomains().isEmpty)
        #expect(try await repo.revision() == 0)
        #expect(try await runtime.appliedMigrations().count == StoreMigrations.all.count)
      }
    }

    @Test func revertAllRefusesARemotePostgreSQLServer() async throws {
      // setup: creating the runtime does not connect
      let runtime = try StoreRuntime(location: try StoreLocation(url: "postgres://u:p@db.example.com:5432/prod"))

      // act, check
      await #expect {
        try await runtime.revertAll()
      } throws: { error in
        guard case .invalid(let input)? = error as? StoreError else { return false }
        return input.description.contains("refusing to reset a non-local database (db.example.com)")
      }
      await runtime.shutdown()
    }
  }
}
