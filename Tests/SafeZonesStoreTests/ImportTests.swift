import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing

@testable import SafeZonesStore

extension StoreTests {
  @Suite struct Imports {
    @Test(arguments: try StoreTests.locations())
    func aBatchWithAnInvalidLastDomainStoresNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let existing = Fixture.minimal("existing")
        try await repo.create(existing)
        let before = try await repo.allDomains()
        let revision = try await repo.revision()
        var update = existing
        update.assessments.append(Fixture.assessment("Update", "2026-07-01"))
        var invalid = Fixture.minimal("broken")
        invalid.assessments[0].scores[.military] = CriterionScore(.range(low: 3, likely: 2, high: 4))

        // act
        await #expect {
          _ = try await repo.importDomains([update, Fixture.full(id: "fresh"), Fixture.minimal("fresh-2"), invalid])
        } throws: { error in
          guard case .invalid(let input)? = error as? StoreError else { return false }
          return input.issues.map(\.key) == ["domains[3].assessments[0].scores.military"]
        }

        // check
        #expect(try await repo.allDomains() == before)
        #expect(try await repo.revision() == revision)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func importAppendsOnlyNewAssessmentsAndIsIdempotent(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup: "old" exists with one assessment
        let original = Fixture.minimal("old", assessments: [Fixture.assessment("Original", "2026-01-01")])
        try await repo.create(original)
        var incomingOld = original
        incomingOld.name = "Renamed in the file (ignored for an existing domain)"
        incomingOld.assessments += [
          Fixture.assessment("Original", "2026-01-01", value: 3),  // same assessor and day, other scores
          Fixture.assessment("Newcomer", "2026-02-01", perspective: "CN"),
        ]
        let fresh = Fixture.full(id: "fresh")
        let batch = [incomingOld, fresh, Fixture.minimal("also-fresh")]

        // act
        let first = try await repo.importDomains(batch)
        let afterFirst = try await repo.allDomains()
        let revision = try await repo.revision()
        let second = try await repo.importDomains(batch)

        // check
        #expect(
          first
            == ImportSummary(
              created: ["fresh", "also-fresh"], updated: ["old"], assessmentsAdded: 2 + 3 + 1, assessmentsUnchanged: 1))
        #expect(
          second == ImportSummary(created: [], updated: [], assessmentsAdded: 0, assessmentsUnchanged: 3 + 3 + 1))
        #expect(try await repo.allDomains() == afterFirst)
        #expect(try await repo.revision() == revision)
        let old = try #require(afterFirst.first { $0.id == "old" })
        #expect(old.name == original.name)
        #expect(old.assessments.map(\.withoutStoreFields) == incomingOld.assessments)
        #expect(old.assessments.map(\.sequence) == [1, 2, 3])
        #expect(try await repo.domain(id: "fresh")?.withoutStoreFields == fresh)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func theShippedKnowledgeBaseImportsAndRoundTrips(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let shipped = try KnowledgeBase.domains()
        let assessments = shipped.map(\.assessments.count).reduce(0, +)
        #expect(shipped.count > 10)

        // act
        let summary = try await repo.importDomains(shipped)
        let again = try await repo.importDomains(shipped)

        // check
        #expect(summary == ImportSummary(created: shipped.map(\.id), assessmentsAdded: assessments))
        #expect(again == ImportSummary(assessmentsUnchanged: assessments))
        let stored = try await repo.allDomains()
        #expect(stored.map(\.withoutStoreFields) == shipped.sorted { $0.id < $1.id })
        for domain in shipped {
          #expect(try await repo.domain(id: domain.id)?.withoutStoreFields == domain, "\(domain.id)")
        }
      }
    }

    @Test(arguments: try StoreTests.locations())
    func importingNothingChangesNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        #expect(try await repo.importDomains([]) == ImportSummary())
        #expect(try await repo.revision() == 0)
      }
    }
  }
}

extension StoreTests.Imports {
  /// An import racing an append to one of its domains: the import never fails because of
  /// the race, the append either wins or is told it is stale, and no sequence number is lost
  /// or doubled.
  @Test(arguments: try StoreTests.locations())
  func importRacingAnAppendLosesNothing(location: StoreLocation) async throws {
    try await StoreTests.withStore(location) { runtime, repo async throws in
      // setup
      let writers = runtime.repositories(count: 2)
      for round in 0..<5 {
        let id = "raced-\(round)"
        try await repo.create(Fixture.minimal(id))
        var incoming = Fixture.minimal(id)
        incoming.assessments.append(Fixture.assessment("Importer", "2026-08-01"))

        // act
        async let imported = outcome { try await writers[0].importDomains([incoming]) }
        async let appended = outcome {
          try await writers[1].append(Fixture.assessment("Editor", "2026-08-02"), to: id, basedOn: 1)
        }
        let (importResult, appendResult) = await (imported, appended)

        // check
        let summary = try importResult.get()
        #expect(summary.updated == [id] && summary.assessmentsAdded == 1, "\(summary)")
        var expected = 2
        switch appendResult {
        case .success(let version): expected = 3; #expect(version == 2)
        case .failure(let error): #expect(error as? StoreError == .stale(id: id, expected: 1, current: 2))
        }
        let stored = try #require(try await repo.domain(id: id))
        #expect(stored.assessments.compactMap(\.sequence).sorted() == Array(1...expected))
        #expect(Set(stored.assessments.map(\.assessor)).isSuperset(of: ["Initial", "Importer"]))
      }
    }
  }
}

extension StoreTests.Imports {
  @Test(arguments: try StoreTests.locations())
  func reimportWithAddedDriftsIsANewVersion(location: StoreLocation) async throws {
    try await StoreTests.withStore(location) { _, repo async throws in
      // setup
      let plain = Fixture.minimal("drifting")
      try await repo.create(plain)
      var withDrift = plain
      withDrift.assessments[0].drifts = [Drift(criterion: .maturity, perYear: 0.2)]

      // act
      let summary = try await repo.importDomains([withDrift])
      let again = try await repo.importDomains([withDrift])

      // check: the drifts are a new judgement; importing them twice adds them once
      #expect(summary.assessmentsAdded == 1)
      #expect(again.assessmentsAdded == 0 && again.assessmentsUnchanged == 1)
      let stored = try await repo.domain(id: "drifting")
      #expect(stored?.assessments.count == 2)
      #expect(stored?.current?.drifts == [Drift(criterion: .maturity, perYear: 0.2)])
    }
  }
}
