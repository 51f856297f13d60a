import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing

@testable import SafeZonesStore

extension StoreTests {
  @Suite struct Rubrics {
    @Test(arguments: try StoreTests.locations())
    func savedRubricsReadBackOldestFirst(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let shipped = StoredRubric(rubric: try KnowledgeBase.rubric(), text: try KnowledgeBase.rubricText())
        // a version that sorts before the first: order must follow saving, not names
        let newer = StoredRubric(rubric: try Fixture.rubric("0-newer"), text: "version: 0-newer\n# ✓ non-ASCII\n")

        // act
        try await repo.save(shipped)
        try await repo.save(newer)

        // check
        let stored = try await repo.rubrics()
        #expect(stored.map(\.rubric) == [shipped.rubric, newer.rubric])
        #expect(stored.map(\.text) == [shipped.text, newer.text])
        #expect(stored.allSatisfy { $0.storedAt != nil })
      }
    }

    @Test(arguments: try StoreTests.locations())
    func savingTheSameVersionAgain(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        let rubric = StoredRubric(rubric: try Fixture.rubric("v1"), text: "version: v1\n")
        try await repo.save(rubric)
        let before = try await repo.rubrics()
        let revision = try await repo.revision()

        // act, check: the same text is a no-op
        try await repo.save(rubric)
        #expect(try await repo.rubrics() == before)
        #expect(try await repo.revision() == revision)

        // act, check: another text under the same version is refused
        var changed = rubric
        changed.text = "version: v1\n# edited\n"
        changed.rubric.title = "Edited"
        await #expect(throws: StoreError.rubricVersionExists("v1")) { try await repo.save(changed) }
        #expect(try await repo.rubrics() == before)
        #expect(try await repo.revision() == revision)
      }
    }
  }
}

extension StoreTests.Rubrics {
  @Test(arguments: try StoreTests.locations())
  func concurrentSavesOfOneVersion(location: StoreLocation) async throws {
    try await StoreTests.withStore(location) { runtime, repo async throws in
      // setup
      let writers = runtime.repositories(count: 2)
      let rubric = StoredRubric(rubric: try Fixture.rubric("same"), text: "version: same\n")
      let other = StoredRubric(rubric: try Fixture.rubric("other"), text: "version: other\n")

      // act, check: the same text twice at once is stored once
      async let a = outcome { try await writers[0].save(rubric) }
      async let b = outcome { try await writers[1].save(rubric) }
      for result in await [a, b] { #expect(throws: Never.self) { try result.get() } }
      #expect(try await repo.rubrics().map(\.text) == [rubric.text])

      // act, check: two texts under one version at once: one is stored, the other refused
      var changed = other
      changed.text += "# changed\n"
      async let c = outcome { try await writers[0].save(other) }
      async let d = outcome { try await writers[1].save(changed) }
      let results = await [c, d]
      #expect(results.filter { (try? $0.get()) != nil }.count == 1)
      for case .failure(let error) in results {
        #expect(error as? StoreError == .rubricVersionExists("other"), "\(String(reflecting: error))")
      }
      let stored = try await repo.rubrics()
      #expect(stored.map(\.rubric.version) == ["same", "other"])
      #expect([other.text, changed.text].contains(stored.last?.text ?? ""))
    }
  }
}
