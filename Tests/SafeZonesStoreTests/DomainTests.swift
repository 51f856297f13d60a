import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  @Suite struct Domains {
    @Test(arguments: try StoreTests.locations())
    func createdDomainReadsBackEqual(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let full = Fixture.full()
        let minimal = Fixture.minimal("bare")

        // act
        try await repo.create(full)
        try await repo.create(minimal)

        // check: every field, in order; the store numbers assessments and stamps them
        let read = try #require(try await repo.domain(id: full.id))
        #expect(read.withoutStoreFields == full)
        #expect(read.assessments.map(\.sequence) == [1, 2, 3])
        #expect(read.assessments.allSatisfy { $0.recordedAt != nil })
        #expect(read.current?.assessor == "Third Party")
        #expect(try await repo.domain(id: "bare")?.withoutStoreFields == minimal)
        #expect(try await repo.allDomains().map(\.withoutStoreFields) == [minimal, full])
        #expect(try await repo.domain(id: "missing") == nil)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func creatingAnExistingIDFailsAndChangesNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let original = Fixture.full(id: "taken")
        try await repo.create(original)
        let revision = try await repo.revision()
        var other = Fixture.minimal("taken")
        other.name = "Someone else's domain"

        // act, check
        await #expect(throws: StoreError.alreadyExists("taken")) { try await repo.create(other) }
        #expect(try await repo.domain(id: "taken")?.withoutStoreFields == original)
        #expect(try await repo.allDomains().count == 1)
        #expect(try await repo.revision() == revision)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func invalidDomainsAndAssessmentsAreRefused(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await repo.create(Fixture.minimal("valid"))
        let revision = try await repo.revision()

        // act, check
        await #expect(throws: StoreError.self) { try await repo.create(Fixture.minimal("Not Valid")) }
        await #expect(throws: StoreError.self) { try await repo.create(Fixture.minimal("empty", assessments: [])) }
        await #expect(throws: StoreError.self) {
          try await repo.append(Fixture.assessment("Too high", value: 4.5), to: "valid", basedOn: 1)
        }
        await #expect(throws: StoreError.self) {
          try await repo.append(Fixture.assessment("  "), to: "valid", basedOn: 1)
        }
        #expect(try await repo.allDomains().map(\.id) == ["valid"])
        #expect(try await repo.domain(id: "valid")?.assessments.count == 1)
        #expect(try await repo.revision() == revision)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func appendingOnTheCurrentVersionKeepsTheHistory(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let original = Fixture.full(id: "history")
        try await repo.create(original)
        let before = try #require(try await repo.domain(id: "history"))
        // dated before the others: saved after them, it joins the timeline at its date
        let late = Fixture.assessment("Late reviewer", "2025-12-31", value: 1, perspective: "EU", note: "Backdated.")
        let next = Fixture.assessment("Next reviewer", "2026-06-01", value: 3)

        // act
        let v4 = try await repo.append(late, to: "history", basedOn: 3)
        let v5 = try await repo.append(next, to: "history", basedOn: v4)

        // check
        #expect(v4 == 4)
        #expect(v5 == 5)
        let after = try #require(try await repo.domain(id: "history"))
        // The timeline is in date order; version numbers are the order of saving.
        #expect(after.assessments.map(\.sequence) == [4, 1, 2, 3, 5])
        #expect(after.assessments.map(\.date) == after.assessments.map(\.date).sorted())
        #expect(Array(after.assessments[1...3]) == before.assessments)
        #expect(after.assessments.first?.withoutStoreFields == late)
        #expect(after.assessments.last?.withoutStoreFields == next)
        #expect(after.current?.assessor == "Next reviewer")
        #expect(after.isBackDated(at: 0) && !after.isBackDated(at: 4))
        #expect(after.withoutStoreFields.name == original.name)
        #expect(after.links == original.links)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func appendingOnAStaleVersionFailsAndWritesNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup: version 2
        try await repo.create(Fixture.minimal("busy"))
        _ = try await repo.append(Fixture.assessment("First"), to: "busy", basedOn: 1)
        let before = try await repo.domain(id: "busy")
        let revision = try await repo.revision()

        // act, check
        await #expect(throws: StoreError.stale(id: "busy", expected: 1, current: 2)) {
          try await repo.append(Fixture.assessment("Second"), to: "busy", basedOn: 1)
        }
        await #expect(throws: StoreError.stale(id: "busy", expected: 3, current: 2)) {
          try await repo.append(Fixture.assessment("Ahead"), to: "busy", basedOn: 3)
        }
        await #expect(throws: StoreError.notFound("nowhere")) {
          try await repo.append(Fixture.assessment("Lost"), to: "nowhere", basedOn: 0)
        }
        #expect(try await repo.domain(id: "busy") == before)
        #expect(try await repo.revision() == revision)
      }
    }

    /// The no-lost-update guarantee: of two saves based on the same version, exactly one
    /// wins and the other is told it is stale. Repeated, because the race is not always met.
    @Test(arguments: try StoreTests.locations())
    func concurrentAppendsOnTheSameVersionLetExactlyOneWin(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        try await repo.create(Fixture.minimal("contested"))
        let writers = runtime.repositories(count: 2)

        for round in 0..<8 {
          let base = 1 + round
          // act
          async let first = outcome {
            try await writers[0].append(Fixture.assessment("A\(round)"), to: "contested", basedOn: base)
          }
          async let second = outcome {
            try await writers[1].append(Fixture.assessment("B\(round)"), to: "contested", basedOn: base)
          }
          let results = await [first, second]

          // check
          let wins = results.compactMap { try? $0.get() }
          let losses = results.compactMap { result -> (any Error)? in
            if case .failure(let error) = result { return error } else { return nil }
          }
          #expect(wins == [base + 1], "round \(round): \(results)")
          #expect(
            losses.map { $0 as? StoreError } == [.stale(id: "contested", expected: base, current: base + 1)],
            "round \(round): \(losses.map { String(reflecting: $0) })")
          let domain = try #require(try await repo.domain(id: "contested"))
          #expect(domain.assessments.count == base + 1)
          #expect(domain.assessments.map(\.sequence) == (1...(base + 1)).map { Optional($0) })
        }
      }
    }

    @Test(arguments: try StoreTests.locations())
    func manyConcurrentWritersOnOneVersionLetExactlyOneWin(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        try await repo.create(Fixture.minimal("crowded"))
        let writers = runtime.repositories(count: 4)

        // act
        let results = await withTaskGroup(of: Result<Int, any Error>.self) { group in
          for (i, writer) in writers.enumerated() {
            group.addTask {
              await outcome { try await writer.append(Fixture.assessment("Writer \(i)"), to: "crowded", basedOn: 1) }
            }
          }
          return await group.reduce(into: []) { $0.append($1) }
        }

        // check
        #expect(results.compactMap { try? $0.get() } == [2], "\(results)")
        for case .failure(let error) in results {
          #expect(
            error as? StoreError == .stale(id: "crowded", expected: 1, current: 2), "\(String(reflecting: error))")
        }
        #expect(try await repo.domain(id: "crowded")?.assessments.count == 2)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func concurrentCreatesOfOneIDLetExactlyOneWin(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        let writers = runtime.repositories(count: 2)

        // act
        async let first = outcome { try await writers[0].create(Fixture.minimal("new-id")) }
        async let second = outcome { try await writers[1].create(Fixture.minimal("new-id")) }
        let results = await [first, second]

        // check
        #expect(results.filter { (try? $0.get()) != nil }.count == 1, "\(results)")
        for case .failure(let error) in results {
          #expect(error as? StoreError == .alreadyExists("new-id"), "\(String(reflecting: error))")
        }
        #expect(try await repo.allDomains().map { $0.assessments.count } == [1])
      }
    }

    @Test(arguments: try StoreTests.locations())
    func allDomainsAreOrderedByIDWithTheirOwnHistories(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup: ids where byte order and natural-language collations disagree
        let ids = ["zeta", "ab-c", "abb", "a1", "a-z", "b", "ab", "a10", "a9"]
        for (i, id) in ids.enumerated() {
          let assessments = (0...i % 3).map { Fixture.assessment("\(id) #\($0)", "2026-0\($0 + 1)-01") }
          try await repo.create(Fixture.minimal(id, assessments: assessments))
        }

        // act
        let all = try await repo.allDomains()

        // check
        #expect(all.map(\.id) == ids.sorted())
        for domain in all {
          let i = ids.firstIndex(of: domain.id)!
          #expect(domain.assessments.map(\.assessor) == (0...i % 3).map { "\(domain.id) #\($0)" })
          #expect(try await repo.domain(id: domain.id) == domain)
        }
      }
    }

    @Test(arguments: try StoreTests.locations())
    func revisionChangesOnEveryWriteAndNotOnReadsOrRefusals(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        var revision = try await repo.revision()
        func expectIncreased(_ what: String) async throws {
          let now = try await repo.revision()
          #expect(now > revision, "\(what) did not change the revision")
          revision = now
        }
        func expectUnchanged(_ what: String) async throws {
          #expect(try await repo.revision() == revision, "\(what) changed the revision")
        }

        try await repo.create(Fixture.minimal("one"))
        try await expectIncreased("create")
        _ = try await repo.append(Fixture.assessment("Second"), to: "one", basedOn: 1)
        try await expectIncreased("append")
        _ = try await repo.importDomains([Fixture.minimal("two")])
        try await expectIncreased("import")
        try await repo.save(StoredRubric(rubric: try Fixture.rubric("r1"), text: "version: r1"))
        try await expectIncreased("rubric save")

        _ = try await repo.allDomains()
        _ = try await repo.domain(id: "one")
        _ = try await repo.rubrics()
        _ = try await repo.revision()
        try await expectUnchanged("reading")
        _ = try? await repo.create(Fixture.minimal("one"))
        _ = try? await repo.append(Fixture.assessment("Stale"), to: "one", basedOn: 1)
        _ = try await repo.importDomains([Fixture.minimal("two")])
        try await repo.save(StoredRubric(rubric: try Fixture.rubric("r1"), text: "version: r1"))
        try await expectUnchanged("refused or no-op writes")
      }
    }
  }
}
