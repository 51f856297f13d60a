import Dispatch
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import Testing

@testable import SafeZonesWeb

/// The catalog catches up with the store by reading what changed, never the whole store
/// again, and it answers reads from its last snapshot while it catches up. These tests run
/// on SQLite in memory (each its own store), whatever `DATABASE_URL` says.
@Suite("Catalog", .serialized)
struct CatalogTests {
  /// A fresh store with the shipped rubric and knowledge base, behind a counting wrapper.
  static func withStore(_ body: (CountingStore, FluentDomainRepository) async throws -> Void) async throws {
    let runtime = try StoreRuntime(location: .sqliteMemory)
    do {
      try await runtime.migrate()
      try await StoreSetup.seed(runtime.repository, knowledgeBase: true)
      try await body(CountingStore(inner: runtime.repository), runtime.repository)
    } catch {
      await runtime.shutdown()
      throw error
    }
    await runtime.shutdown()
  }

  static func assessment(_ assessor: String, value: Double) -> Assessment {
    Assessment(
      assessor: assessor, date: Day("2026-11-30")!,
      scores: Dictionary(uniqueKeysWithValues: CriterionID.allCases.map { ($0, CriterionScore(value)) }))
  }

  @Test("a write through the catalog reloads that domain only, and the writer reads it at once")
  func writeReloadsOneDomain() async throws {
    try await Self.withStore { store, _ in
      // setup
      let catalog = Catalog(repository: store)
      let before = try await catalog.snapshot()
      let id = "quantum-encryption"
      let version = before.domain(id)!.latestVersion

      // act
      try await catalog.repository.append(Self.assessment("Writer", value: 0.5), to: id, basedOn: version)
      let after = try await catalog.snapshot()

      // check: the whole store was read once (the first snapshot), the write's domain once more
      #expect(await store.wholeReads == 1)
      #expect(await store.domainsReadSince == [id])
      #expect(after.revision > before.revision)
      #expect(after.domain(id)?.current?.assessor == "Writer")
      #expect(after.placedDomain(id)?.assessment.assessor == "Writer")
      #expect(after.placedDomain(id) != before.placedDomain(id))
      for other in before.domains.map(\.id) where other != id {
        #expect(after.placedDomain(other) == before.placedDomain(other))
      }
    }
  }

  @Test("a write by another server is seen on the next read, by reading what changed")
  func otherWritersAreSeen() async throws {
    try await Self.withStore { store, other in
      // setup
      let catalog = Catalog(repository: store)
      let before = try await catalog.snapshot()
      let new = Domain(id: "aaa-first-by-id", name: "First by id", assessments: [Self.assessment("Other", value: 3)])

      // act: written past the catalog, as another process would
      try await other.create(new)
      let after = try await catalog.snapshot()

      // check
      #expect(await store.wholeReads == 1)
      #expect(after.domains.count == before.domains.count + 1)
      #expect(after.domains.first?.id == new.id)
      #expect(after.domains.map(\.id) == after.domains.map(\.id).sorted())
      #expect(after.placedDomain(new.id)?.assessment.assessor == "Other")
      #expect(after.byID[new.id] == 0)
    }
  }

  @Test("after any mix of writes the caught-up snapshot equals one built from scratch")
  func incrementalEqualsFull() async throws {
    try await Self.withStore { store, other in
      // setup
      let catalog = Catalog(repository: store)
      _ = try await catalog.snapshot()
      var rng = SplitMix64(seed: 7)
      var rubric = try KnowledgeBase.rubric()

      // act: creations, appends and imports from both sides, a new rubric version
      for step in 0..<12 {
        let writer: any Store = step.isMultiple(of: 2) ? catalog.repository : other
        let snapshot = try await catalog.snapshot()
        switch step % 4 {
        case 0:
          let value = Double(rng.next() % 5)
          let id = "mix-\(step)-\(rng.next() % 1000)"
          try await writer.create(Domain(id: id, name: id, assessments: [Self.assessment("A", value: value)]))
        case 1:
          let target = snapshot.domains[Int(rng.next() % UInt64(snapshot.domains.count))]
          _ = try await writer.append(
            Self.assessment("B\(step)", value: Double(rng.next() % 5)), to: target.id,
            basedOn: target.latestVersion)
        case 2:
          let target = snapshot.domains[Int(rng.next() % UInt64(snapshot.domains.count))]
          var imported = target
          imported.assessments = [Self.assessment("C\(step)", value: 1)]
          _ = try await writer.importDomains([
            imported, Domain(id: "zz-import-\(step)", name: "Imported", assessments: [Self.assessment("C", value: 2)]),
          ])
        default:
          rubric.version = "test-\(step)"
          rubric.thresholds.gains = 0.4 + Double(step) / 100
          try await writer.save(StoredRubric(rubric: rubric, text: "version \(step)"))
        }
      }
      let caughtUp = try await catalog.snapshot()
      let fresh = try await Catalog(repository: other).snapshot()

      // check
      #expect(await store.wholeReads == 1)
      #expect(caughtUp.revision == fresh.revision)
      #expect(caughtUp.rubric == fresh.rubric)
      #expect(caughtUp.domains == fresh.domains)
      #expect(caughtUp.placed == fresh.placed)
      #expect(caughtUp.byID == fresh.byID)
      #expect(caughtUp.tags == fresh.tags)
      #expect(caughtUp.nameOrder == fresh.nameOrder)
    }
  }

  @Test("writes that change no domain (Delphi rounds) keep the snapshot and what is cached from it")
  func deliberationKeepsTheSnapshot() async throws {
    try await Self.withStore { store, _ in
      // setup
      let catalog = Catalog(repository: store)
      let before = try await catalog.snapshot()
      let page = try await catalog.body(revision: before.revision, key: "probe") { Data("first".utf8) }

      // act
      _ = try await catalog.repository.deliberation.openRound(
        NewRound(study: "Study", title: "Round", domainIDs: ["quantum-encryption"], facilitator: "F"))
      let after = try await catalog.snapshot()
      let again = try await catalog.body(revision: after.revision, key: "probe") { Data("second".utf8) }

      // check
      #expect(after.revision == before.revision)
      #expect(again.data == page.data)
      #expect(await store.domainsReadSince.isEmpty)
    }
  }

  @Test(
    "writers at the same moment all get their answer (waiting for a finished refresh does not spin)",
    .timeLimit(.minutes(1)))
  func concurrentWriters() async throws {
    try await Self.withStore { store, _ in
      let catalog = Catalog(repository: store)
      let before = try await catalog.snapshot()
      let ids = Array(before.domains.map(\.id).prefix(8))
      // act: eight writers through the catalog at once, each then reading
      let versions = try await withThrowingTaskGroup(of: (String, Int).self) { group in
        for id in ids {
          let base = before.domain(id)!.latestVersion
          group.addTask {
            let v = try await catalog.repository.append(
              Self.assessment("Writer \(id)", value: 2), to: id, basedOn: base)
            return (id, v)
          }
        }
        return try await group.reduce(into: [String: Int]()) { $0[$1.0] = $1.1 }
      }
      // check: every write answered and seen
      let after = try await catalog.snapshot()
      #expect(versions.count == ids.count)
      for id in ids { #expect(after.domain(id)?.latestVersion == versions[id]) }
    }
  }

  @Test("a read arriving while the catalog catches up waits for it: it never misses a write already acknowledged")
  func readsSeeAcknowledgedWrites() async throws {
    try await Self.withStore { store, other in
      // setup: another server writes
      let catalog = Catalog(repository: store)
      let before = try await catalog.snapshot()
      let id = "quantum-encryption"
      _ = try await other.append(
        Self.assessment("Slow", value: 4), to: id, basedOn: before.domain(id)!.latestVersion)
      await store.holdChanges()

      // act: one refresh is held inside the store; reads arrive meanwhile
      let refresh = Task { try await catalog.refresh() }
      await store.waitUntilHeld()
      let readers = (0..<3).map { _ in Task { try await catalog.snapshot() } }
      try await Task.sleep(for: .milliseconds(100))
      await store.release()
      let done = try await refresh.value

      // check: every read made after the write sees it
      #expect(done.domain(id)?.current?.assessor == "Slow")
      for reader in readers {
        let seen = try await reader.value
        #expect(seen.domain(id)?.current?.assessor == "Slow")
        #expect(seen.revision == done.revision)
      }
    }
  }

  @Test("a page being drawn again is not waited for beyond its budget: the last complete one is served meanwhile")
  func pagesServeTheLastCompleteOne() async throws {
    try await Self.withStore { store, _ in
      // setup: the page as of the first snapshot
      let catalog = Catalog(repository: store)
      let before = try await catalog.snapshot()
      let first = try await catalog.body(revision: before.revision, key: "page", wait: .zero) { Data("one".utf8) }
      _ = try await catalog.repository.append(
        Self.assessment("Writer", value: 1), to: "quantum-encryption",
        basedOn: before.domain("quantum-encryption")!.latestVersion)
      let after = try await catalog.snapshot()
      let gate = DispatchSemaphore(value: 0)

      // act: the new page is held back; a request with no time to wait, then one that waits
      let during = try await catalog.body(revision: after.revision, key: "page", wait: .zero) {
        gate.wait()
        return Data("two".utf8)
      }
      gate.signal()
      let fresh = try await catalog.body(revision: after.revision, key: "page") { Data("never made".utf8) }
      let next = try await catalog.body(revision: after.revision, key: "page", wait: .zero) { Data("again".utf8) }

      // check: the old page meanwhile; the new one (made once) once ready
      #expect(String(decoding: first.data, as: UTF8.self) == "one")
      #expect(String(decoding: during.data, as: UTF8.self) == "one")
      #expect(during.etag == first.etag)
      #expect(String(decoding: fresh.data, as: UTF8.self) == "two")
      #expect(String(decoding: next.data, as: UTF8.self) == "two")
      #expect(fresh.etag != first.etag)
    }
  }
}

/// A store that counts whole-store reads and records what `changes(since:)` returned, and
/// can hold `changes(since:)` until released (to catch the catalog in the middle of a refresh).
actor CountingStore: Store {
  let inner: FluentDomainRepository
  private(set) var wholeReads = 0
  private(set) var domainsReadSince: [String] = []
  private var hold = false
  private var held: CheckedContinuation<Void, Never>?
  private var waiting: CheckedContinuation<Void, Never>?

  init(inner: FluentDomainRepository) { self.inner = inner }

  nonisolated var deliberation: any DeliberationRepository { inner.deliberation }
  nonisolated var simulationRuns: any SimulationRunRepository { inner.simulationRuns }
  nonisolated var accounts: any AccountRepository { inner.accounts }
  nonisolated var audit: any AuditLog { inner.audit }
  nonisolated var decisions: any DecisionRecordRepository { inner.decisions }
  nonisolated var stressRuns: any StressRunRepository { inner.stressRuns }
  func serverSecret() async throws -> String { try await inner.serverSecret() }

  func holdChanges() { hold = true }

  func waitUntilHeld() async {
    if held != nil { return }
    await withCheckedContinuation { waiting = $0 }
  }

  func release() {
    hold = false
    held?.resume()
    held = nil
  }

  func revision() async throws -> Int { try await inner.revision() }
  func allDomains() async throws -> [Domain] {
    wholeReads += 1
    return try await inner.allDomains()
  }
  func changes(since revision: Int) async throws -> StoreChanges {
    if hold {
      await withCheckedContinuation { continuation in
        held = continuation
        waiting?.resume()
        waiting = nil
      }
    }
    let changes = try await inner.changes(since: revision)
    domainsReadSince += changes.domains.map(\.id)
    return changes
  }
  func domain(id: String) async throws -> Domain? { try await inner.domain(id: id) }
  func create(_ domain: Domain) async throws { try await inner.create(domain) }
  func append(_ assessment: Assessment, to id: String, basedOn version: Int) async throws -> Int {
    try await inner.append(assessment, to: id, basedOn: version)
  }
  func importDomains(_ domains: [Domain]) async throws -> ImportSummary { try await inner.importDomains(domains) }
  func isEmpty() async throws -> Bool { try await inner.isEmpty() }
  func rubrics() async throws -> [StoredRubric] { try await inner.rubrics() }
  func save(_ rubric: StoredRubric) async throws { try await inner.save(rubric) }
}
