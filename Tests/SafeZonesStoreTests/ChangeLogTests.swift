import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// `changes(since:)`: what a cache holding the store at one revision must read to catch up.
  @Suite struct ChangeLog {
    @Test(arguments: try StoreTests.locations())
    func changesNameExactlyTheDomainsWrittenSince(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await repo.save(StoredRubric(rubric: try Fixture.rubric("2026.1"), text: "v1"))
        try await repo.create(Fixture.minimal("alpha"))
        try await repo.create(Fixture.full(id: "beta"))
        try await repo.create(Fixture.minimal("gamma"))
        let before = try await repo.revision()

        // act: one append, one new domain, one import touching an old and a new domain
        _ = try await repo.append(Fixture.assessment("Second"), to: "beta", basedOn: 3)
        try await repo.create(Fixture.minimal("delta"))
        var gamma = Fixture.minimal("gamma")
        gamma.assessments = [Fixture.assessment("Imported", "2026-06-01", value: 3)]
        _ = try await repo.importDomains([gamma, Fixture.minimal("epsilon")])
        let changes = try await repo.changes(since: before)

        // check: the written domains, in id order, with their whole history; nothing else
        #expect(changes.revision == (try await repo.revision()))
        #expect(changes.domains.map(\.id) == ["beta", "delta", "epsilon", "gamma"])
        #expect(changes.domains.first { $0.id == "beta" }?.assessments.map(\.assessor).last == "Second")
        #expect(changes.domains.first { $0.id == "beta" } == (try await repo.domain(id: "beta")))
        #expect(changes.domains.first { $0.id == "gamma" }?.assessments.count == 2)
        #expect(!changes.rubricsChanged)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func nothingChangedReadsNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await repo.create(Fixture.minimal("alpha"))
        let now = try await repo.revision()
        // An import of what is stored already changes nothing, and says so.
        _ = try await repo.importDomains([Fixture.minimal("alpha")])

        // act
        let changes = try await repo.changes(since: now)

        // check
        #expect(changes.revision == now)
        #expect(changes.domains.isEmpty)
        #expect(!changes.rubricsChanged)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func aNewRubricVersionIsAChange(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await repo.save(StoredRubric(rubric: try Fixture.rubric("2026.1"), text: "v1"))
        try await repo.create(Fixture.minimal("alpha"))
        let before = try await repo.revision()

        // act
        try await repo.save(StoredRubric(rubric: try Fixture.rubric("2026.2"), text: "v2"))
        let changes = try await repo.changes(since: before)

        // check
        #expect(changes.rubricsChanged)
        #expect(changes.domains.isEmpty)
        #expect(changes.revision == before + 1)
      }
    }
  }
}
