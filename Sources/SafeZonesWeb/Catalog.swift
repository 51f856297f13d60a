import Foundation
import SafeZonesCharts
import SafeZonesCore
import SafeZonesStore

/// Everything the pages and the API show, computed once per store revision: the rubric in
/// force, every domain with its history, and each domain's current report. Reads are
/// served from memory; a write anywhere (also by another server instance on the same
/// PostgreSQL database) bumps the store revision and the next read recomputes.
public actor Catalog {
  /// One consistent view of the store.
  public struct Snapshot: Sendable {
    public let revision: Int
    public let rubric: Rubric
    public let rubricText: String
    public let rubrics: [StoredRubric]
    public let domains: [Domain]
    /// The current report of each domain, in id order.
    public let reports: [DomainReport]
    public let byID: [String: Int]
    public let tags: [String]

    public func domain(_ id: String) -> Domain? { byID[id].map { domains[$0] } }
    public func report(_ id: String) -> DomainReport? { byID[id].map { reports[$0] } }
    /// A stored rubric version (versions are unique in the store).
    public func rubric(version: String) -> StoredRubric? { rubrics.last { $0.rubric.version == version } }
  }

  public let repository: any Store
  private var cached: Snapshot?
  private var rerubricated = RevisionCache<[DomainReport]>(limit: 32)
  private var svgCache = RevisionCache<String>(limit: 64)
  private var dataCache = RevisionCache<Data>(limit: 64)
  private var uncertaintyCache = RevisionCache<DomainUncertainty>(limit: 256)
  private var marksCache = RevisionCache<[String: UncertaintyMark]>(limit: 16)

  public init(repository: any Store) { self.repository = repository }

  /// The uncertainty of a domain's current judgements (Monte Carlo with a fixed seed, the
  /// tornado, importance, influence and viability), computed once per store revision;
  /// `nil` when `snapshot` has no such domain.
  func uncertainty(for id: String, in snapshot: Snapshot) async -> DomainUncertainty? {
    if let hit = uncertaintyCache.value(id, revision: snapshot.revision) { return hit }
    guard let domain = snapshot.domain(id) else { return nil }
    let rubric = snapshot.rubric
    let value = await Task.detached { DomainUncertainty.compute(domain, rubric: rubric) }.value
    uncertaintyCache.store(value, id, revision: snapshot.revision)
    return value
  }

  /// The map's uncertainty layer for every domain (as judged on `asOf`), cached per
  /// revision and date.
  func uncertaintyMarks(in snapshot: Snapshot, asOf: Day?) async -> [String: UncertaintyMark] {
    let key = asOf?.description ?? "now"
    if let hit = marksCache.value(key, revision: snapshot.revision) { return hit }
    let domains = snapshot.domains.map { $0.judged(through: asOf) }
    let rubric = snapshot.rubric
    let marks = await Task.detached { DomainUncertainty.marks(domains, rubric: rubric) }.value
    marksCache.store(marks, key, revision: snapshot.revision)
    return marks
  }

  /// The current snapshot, recomputed only when the store changed.
  public func snapshot() async throws -> Snapshot {
    let revision = try await repository.revision()
    if let cached, cached.revision == revision { return cached }
    // Requests arriving together after a write share one rebuild instead of each reading
    // the whole store (the actor is re-entered at every await).
    if let building, building.revision == revision { return try await building.task.value }
    let task = Task { try await self.rebuild(revision: revision) }
    building = (revision, task)
    defer { if building?.revision == revision { building = nil } }
    return try await task.value
  }

  private var building: (revision: Int, task: Task<Snapshot, any Error>)?

  private func rebuild(revision: Int) async throws -> Snapshot {
    if let cached, cached.revision == revision { return cached }
    let rubrics = try await repository.rubrics()
    guard let current = rubrics.last else {
      throw StoreError.invalid(InputError(InputIssue(key: "rubric", message: "the store holds no rubric")))
    }
    let domains = try await repository.allDomains()
    let reports = DomainReport.many(domains, rubric: current.rubric)
    let snapshot = Snapshot(
      revision: revision, rubric: current.rubric, rubricText: current.text, rubrics: rubrics, domains: domains,
      reports: reports, byID: Dictionary(uniqueKeysWithValues: domains.enumerated().map { ($1.id, $0) }),
      tags: Array(Set(domains.flatMap(\.tags))).sorted())
    cached = snapshot
    // Entries of older revisions can never hit again: free them.
    svgCache.removeAll()
    dataCache.removeAll()
    rerubricated.removeAll()
    uncertaintyCache.removeAll()
    marksCache.removeAll()
    return snapshot
  }

  /// Reports under another rubric (a stored version or changed thresholds), cached per key.
  public func reports(in snapshot: Snapshot, rubric: Rubric, key: String) -> [DomainReport] {
    if let hit = rerubricated.value(key, revision: snapshot.revision) { return hit }
    let reports = DomainReport.many(snapshot.domains, rubric: rubric)
    rerubricated.store(reports, key, revision: snapshot.revision)
    return reports
  }

  /// An SVG drawing cached per revision and key (e.g. the filter of the map page).
  public func svg(revision: Int, key: String, draw: @Sendable () -> String) -> String {
    if let hit = svgCache.value(key, revision: revision) { return hit }
    let svg = draw()
    svgCache.store(svg, key, revision: revision)
    return svg
  }

  /// Encoded bytes (e.g. the API's placements document) cached per revision and key, so a
  /// large document is encoded once per change of the store rather than once per request.
  public func data(revision: Int, key: String, make: @Sendable () throws -> Data) rethrows -> Data {
    if let hit = dataCache.value(key, revision: revision) { return hit }
    let data = try make()
    dataCache.store(data, key, revision: revision)
    return data
  }

  private var computing: [String: (revision: Int, task: Task<Data, any Error>)] = [:]

  /// Like `data(revision:key:make:)` for work that takes long (Monte Carlo): `make` runs off
  /// the actor, so other requests are served meanwhile, and requests for the same key and
  /// revision arriving together share one computation.
  public func computedData(revision: Int, key: String, make: @escaping @Sendable () throws -> Data) async throws -> Data
  {
    if let hit = dataCache.value(key, revision: revision) { return hit }
    if let running = computing[key], running.revision == revision { return try await running.task.value }
    let task = Task.detached(operation: make)
    computing[key] = (revision, task)
    defer { if computing[key]?.revision == revision { computing[key] = nil } }
    let data = try await task.value
    dataCache.store(data, key, revision: revision)
    return data
  }
}

/// Values computed from one store revision, by key: a hit only for the same revision. The
/// keys are few (filters, thresholds, dates, domains), so a full cache is simply emptied.
struct RevisionCache<Value: Sendable>: Sendable {
  let limit: Int
  private var entries: [String: (revision: Int, value: Value)] = [:]

  init(limit: Int) { self.limit = limit }

  func value(_ key: String, revision: Int) -> Value? {
    guard let hit = entries[key], hit.revision == revision else { return nil }
    return hit.value
  }

  mutating func store(_ value: Value, _ key: String, revision: Int) {
    if entries.count > limit { entries.removeAll() }
    entries[key] = (revision, value)
  }

  mutating func removeAll() { entries.removeAll() }
}
