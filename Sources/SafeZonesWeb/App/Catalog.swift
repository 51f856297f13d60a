import Foundation
import NIOConcurrencyHelpers
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesStore

/// Everything the pages and the API show, kept in memory: the rubric in force, every
/// domain with its history, and each domain's current report.
///
/// The catalog follows the store's revision. When it moves (a write here, or by another
/// server on the same PostgreSQL database), the catalog reads only the domains written since
/// the revision it holds and places them again, so catching up costs what changed,
/// not what the store holds. While it catches up, other requests are answered from the
/// last complete snapshot: no read waits for another's rebuild.
public actor Catalog {
  /// One consistent view of the store.
  public struct Snapshot: Sendable {
    /// The store revision of the last change to what this snapshot holds (domains or
    /// rubrics): derived values are cached, and tagged, by it. Writes that change neither
    /// (Delphi rounds, for instance) leave it as it was.
    public let revision: Int
    public let rubric: Rubric
    public let rubricText: String
    public let rubrics: [StoredRubric]
    public let domains: [Domain]
    /// Each domain placed by its current assessment, in id order.
    public let placed: [PlacedDomain]
    public let byID: [String: Int]
    public let tags: [String]
    /// Domain ids in the order of their names as people read them (case and accents
    /// ignored, by the locale's rules; ids break ties): the order of the map's table, kept
    /// up to date as domains are added rather than sorted again for every page.
    public let nameOrder: [String]
    /// Domains judged for other pairs but not this one, by id, with no assessment (they
    /// are left out of `domains`; the assessment form can give them their first).
    public internal(set) var notAssessed: [String: Domain] = [:]

    /// The country pair this snapshot judges (its rubric is scoped to it).
    public var pair: CountryPair { rubric.countries }
    /// What cache keys of this snapshot start with: bodies of different pairs never mix.
    public var cacheScope: String { pair.id }

    public func domain(_ id: String) -> Domain? { byID[id].map { domains[$0] } }
    public func placedDomain(_ id: String) -> PlacedDomain? { byID[id].map { placed[$0] } }
    /// A stored rubric version (versions are unique in the store).
    public func rubric(version: String) -> StoredRubric? { rubrics.last { $0.rubric.version == version } }

    /// The domains as placed on `day` (now, with no day), filtered.
    public func placedDomains(asOf day: Day?, filter: PlacementFilter) -> [PlacedDomain] {
      let found = textMatches(filter)
      guard let day else { return filter.apply(placed, textMatches: found) }
      return filter.apply(PlacedDomain.asOf(day, domains: domains, rubric: rubric), textMatches: found)
    }

    /// The ids the filter's text query finds — every word (or a synonym of it) in the
    /// domain's name, id, tags or summary, the last word also as the start of a word, as one
    /// types (`DomainSearcher`) — or `nil` with no query. The index is built on the first
    /// query of this snapshot and kept with it.
    public func textMatches(_ filter: PlacementFilter) -> Set<String>? {
      // An index that cannot be built (no stemmer) is remembered as none: the box then
      // matches ids and names as written.
      guard !filter.query.isEmpty, let searcher = search.value({ try? DomainSearcher(domains: domains) }) else {
        return nil
      }
      return Set(searcher.search(filter.query, asTyped: true).filter(\.matchesAll).map(\.id))
    }

    /// The snapshot's search index, built once when first needed.
    let search = BuiltOnce<DomainSearcher?>()

    /// The snapshot's screener (its domains as placed now, the shipped taxonomies), built
    /// on the first screening of this snapshot and kept with it.
    func screener(taxonomies: [Taxonomy]) throws -> ProposalScreener {
      try screening.value { try ProposalScreener(placed: placed, rubric: rubric, taxonomies: taxonomies) }
    }
    let screening = BuiltOnce<ProposalScreener>()

    /// A snapshot built from scratch (the first load): `domains` are already scoped to
    /// `pair` (the rubric's default pair when `nil`) and `placed` places them.
    init(
      revision: Int, rubrics: [StoredRubric], domains: [Domain], placed: [PlacedDomain], pair: CountryPair? = nil
    ) throws {
      try self.init(
        revision: revision, rubrics: rubrics, domains: domains, placed: placed,
        byID: Dictionary(uniqueKeysWithValues: domains.enumerated().map { ($1.id, $0) }),
        tags: Array(Set(domains.flatMap(\.tags))).sorted(), nameOrder: Self.byName(domains), pair: pair)
    }

    /// Every stored domain (with every pair's assessments) as one pair's snapshot.
    static func scoped(
      _ all: [Domain], revision: Int, rubrics: [StoredRubric], pair: CountryPair?
    ) throws -> Snapshot {
      guard let current = rubrics.last?.rubric else {
        return try Snapshot(revision: revision, rubrics: rubrics, domains: all, placed: [])
      }
      let scope = PairScope(pair ?? current.defaultPair, rubric: current, domains: all)
      var snapshot = try Snapshot(
        revision: revision, rubrics: rubrics, domains: scope.domains,
        placed: PlacedDomain.many(scope.domains, rubric: scope.rubric), pair: scope.pair)
      let missing = Set(scope.notAssessed)
      snapshot.notAssessed = Dictionary(
        all.filter { missing.contains($0.id) }.map { ($0.id, $0.judging(scope.pair, default: current.defaultPair)) },
        uniquingKeysWith: { a, _ in a })
      return snapshot
    }

    private init(
      revision: Int, rubrics: [StoredRubric], domains: [Domain], placed: [PlacedDomain], byID: [String: Int],
      tags: [String], nameOrder: [String], pair: CountryPair? = nil
    ) throws {
      guard let current = rubrics.last else {
        throw StoreError.invalid(InputError(InputIssue(key: "rubric", message: "the store holds no rubric")))
      }
      self.revision = revision
      self.rubric = current.rubric.scoped(to: pair ?? current.rubric.defaultPair)
      self.rubricText = current.text
      self.rubrics = rubrics
      self.domains = domains
      self.placed = placed
      self.byID = byID
      self.tags = tags
      self.nameOrder = nameOrder
    }

    /// `a` reads before `b`: by name as people read it, then by id.
    static func readsBefore(_ a: Domain, _ b: Domain) -> Bool {
      switch a.name.localizedCaseInsensitiveCompare(b.name) {
      case .orderedAscending: return true
      case .orderedDescending: return false
      case .orderedSame: return a.id < b.id
      }
    }

    static func byName(_ domains: [Domain]) -> [String] { domains.sorted(by: readsBefore).map(\.id) }

    /// The domains among `shown` in name order.
    public func inNameOrder(_ shown: [PlacedDomain]) -> [PlacedDomain] {
      let byID = Dictionary(shown.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      return nameOrder.compactMap { byID[$0] }
    }

    /// This snapshot with `changed` domains replaced or added (kept in id order) and placed
    /// again; every domain placed again when the rubric in force changed. Apart from
    /// copying the arrays, the work follows the change: new domains are merged in, the
    /// name order and the tags are updated, not rebuilt.
    func applying(_ changed: [Domain], rubrics newRubrics: [StoredRubric]?, revision: Int) throws -> Snapshot {
      let rubrics = newRubrics ?? self.rubrics
      guard let inForce = rubrics.last?.rubric.scoped(to: pair) else {
        throw StoreError.invalid(InputError(InputIssue(key: "rubric", message: "the store holds no rubric")))
      }
      let changed = changed.map { $0.judging(pair, default: inForce.defaultPair) }
      var domains = self.domains
      var placed = self.placed
      var byID = self.byID
      var added: [Domain] = []
      var replaced: [Int] = []
      for domain in changed {
        if let i = byID[domain.id] {
          domains[i] = domain
          replaced.append(i)
        } else {
          added.append(domain)
        }
      }
      if inForce != rubric {
        if !added.isEmpty { domains = Self.merge(domains, added) }
        placed = PlacedDomain.many(domains, rubric: inForce)
      } else {
        let fresh = PlacedDomain.many(replaced.map { domains[$0] } + added, rubric: inForce)
        for (i, one) in zip(replaced, fresh) { placed[i] = one }
        if !added.isEmpty {
          domains = Self.merge(domains, added)
          placed = Self.merge(placed, Array(fresh.dropFirst(replaced.count)))
        }
      }
      if !added.isEmpty { byID = Dictionary(uniqueKeysWithValues: domains.enumerated().map { ($1.id, $0) }) }
      // Names and tags of stored domains do not change; new domains bring theirs.
      var order = nameOrder
      for domain in added.sorted(by: Self.readsBefore) {
        var low = 0
        var high = order.count
        while low < high {
          let mid = (low + high) / 2
          if Self.readsBefore(domains[byID[order[mid]]!], domain) { low = mid + 1 } else { high = mid }
        }
        order.insert(domain.id, at: low)
      }
      let newTags = Set(changed.flatMap(\.tags)).subtracting(tags)
      var next = try Snapshot(
        revision: revision, rubrics: rubrics, domains: domains, placed: placed, byID: byID,
        tags: newTags.isEmpty ? tags : (tags + newTags).sorted(), nameOrder: order, pair: pair)
      next.notAssessed = notAssessed
      return next
    }

    /// Two lists sorted by id, merged (ids are unique across both).
    static func merge<T: Identifiable>(_ a: [T], _ b: [T]) -> [T] where T.ID == String {
      let b = b.sorted { $0.id < $1.id }
      var out: [T] = []
      out.reserveCapacity(a.count + b.count)
      var i = 0
      var j = 0
      while i < a.count || j < b.count {
        if j == b.count || (i < a.count && a[i].id < b[j].id) {
          out.append(a[i])
          i += 1
        } else {
          out.append(b[j])
          j += 1
        }
      }
      return out
    }
  }

  /// The store, read and written through the catalog: after a write the catalog catches
  /// up with it before the writer goes on, so the writer's next read sees what it wrote.
  public nonisolated var repository: any Store { WritingThrough(store: store, catalog: self) }
  private let store: any Store
  /// Fragments of pages by domain, kept across snapshots.
  public nonisolated let fragments = FragmentCache()
  private var cached: Snapshot?
  /// The store revision `cached` reflects (at least as new as `cached.revision`).
  private var seen = -1
  private var refreshing: Task<Snapshot, any Error>?
  private var rerubricated = RevisionCache<[PlacedDomain]>(limit: 32)
  private var bodies = RevisionCache<CachedBody>(limit: 128)
  private var uncertaintyCache = RevisionCache<DomainUncertainty>(limit: 256)
  private var marksCache = RevisionCache<[String: UncertaintyMark]>(limit: 16)
  /// Every stored domain with every pair's assessments, as of `seen`: what the snapshots
  /// of pairs other than the default are scoped from.
  private var everyPair: [String: Domain] = [:]
  /// Snapshots of pairs other than the default, of the current revision, by pair id.
  private var pairSnapshots: [String: Task<Snapshot, any Error>] = [:]

  public init(repository: any Store) { self.store = repository }

  /// Runs `work` in English. What the catalog caches (snapshots, placements, uncertainty)
  /// is shared by readers of every language, so any text inside it is the code's English;
  /// pages translate when they render, and their bodies are cached per language.
  nonisolated static func neutral<T>(_ work: () throws -> T) rethrows -> T { try Localization.with(nil, work) }

  /// The uncertainty of a domain's current judgements (Monte Carlo with a fixed seed, the
  /// tornado, importance, influence and viability), computed once per store revision;
  /// `nil` when `snapshot` has no such domain.
  func uncertainty(for id: String, in snapshot: Snapshot) async -> DomainUncertainty? {
    let key = snapshot.cacheScope + "|" + id
    if let hit = uncertaintyCache.value(key, revision: snapshot.revision) { return hit }
    guard let domain = snapshot.domain(id) else { return nil }
    let rubric = snapshot.rubric
    let value = await Offload.run { Catalog.neutral { DomainUncertainty.compute(domain, rubric: rubric) } }
    uncertaintyCache.store(value, key, revision: snapshot.revision)
    return value
  }

  /// The map's uncertainty layer for every domain (as judged on `asOf`), cached per
  /// revision and date.
  func uncertaintyMarks(in snapshot: Snapshot, asOf: Day?) async -> [String: UncertaintyMark] {
    let key = snapshot.cacheScope + "|" + (asOf?.description ?? "now")
    if let hit = marksCache.value(key, revision: snapshot.revision) { return hit }
    let (domains, rubric) = (snapshot.domains, snapshot.rubric)
    let marks = await Offload.run {
      Catalog.neutral { MapDrawing.uncertainty(domains, rubric: rubric, asOf: asOf).marks }
    }
    marksCache.store(marks, key, revision: snapshot.revision)
    return marks
  }

  /// The current snapshot: never older than the store's revision when the request asked,
  /// so that a read sees every write acknowledged before it began, on this server or
  /// another one on the same database. A request arriving while the catalog catches up
  /// waits for that (a write's few domains take milliseconds).
  public func snapshot() async throws -> Snapshot {
    let revision = try await store.revision()
    if let cached, seen >= revision { return cached }
    return try await refresh(atLeast: revision)
  }

  /// Every stored domain with every pair's assessments (in id order), with the snapshot of
  /// the default pair at the same revision: what comparisons between pairs read.
  public func everyPairDomains() async throws -> (snapshot: Snapshot, domains: [Domain]) {
    let base = try await snapshot()
    return (base, everyPair.values.sorted { $0.id < $1.id })
  }

  /// The pairs the stored domain `id` is assessed for (rubric order first).
  public func assessedPairs(of id: String) async throws -> [CountryPair] {
    let base = try await snapshot()
    guard let domain = everyPair[id], let rubric = base.rubrics.last?.rubric else { return [] }
    return domain.assessedPairs(default: rubric.defaultPair, known: rubric.pairs)
  }

  /// The current snapshot as judged for `pair` (the default pair's when `nil` or the
  /// default): the same revision, its domains scoped to the pair and placed under the
  /// rubric scoped to it. Made once per revision and pair.
  public func snapshot(pair: CountryPair?) async throws -> Snapshot {
    let base = try await snapshot()
    guard let pair, pair != base.rubric.defaultPair else { return base }
    if let running = pairSnapshots[pair.id] {
      let made = try await running.value
      if made.revision == base.revision { return made }
    }
    let all = everyPair.values.sorted { $0.id < $1.id }
    let (revision, rubrics) = (base.revision, base.rubrics)
    let task = Task {
      try await Offload.run {
        try Catalog.neutral { try Snapshot.scoped(all, revision: revision, rubrics: rubrics, pair: pair) }
      }
    }
    pairSnapshots[pair.id] = task
    return try await task.value
  }

  /// Brings the catalog up to the store's current revision and returns the snapshot. A
  /// writer calls it after its write so that its next read sees what it wrote; a refresh
  /// already running is awaited first, since it may have started before that write.
  @discardableResult
  public func refresh() async throws -> Snapshot {
    try await refresh(atLeast: try await store.revision())
  }

  private func refresh(atLeast revision: Int) async throws -> Snapshot {
    while let running = refreshing {
      _ = try? await running.value
      // Awaiting a finished task does not suspend: clear it here, or this loop would spin
      // on the actor before the refresh's own caller could run its cleanup.
      if refreshing == running { refreshing = nil }
      if let cached, seen >= revision { return cached }
    }
    let task = Task { try await self.catchUp() }
    refreshing = task
    defer { if refreshing == task { refreshing = nil } }
    return try await task.value
  }

  private func catchUp() async throws -> Snapshot {
    // Scoring runs on the compute threads, so requests keep being answered meanwhile.
    guard let base = cached else {
      // First load: the revision before the data, so that nothing written meanwhile is missed.
      let revision = try await store.revision()
      let rubrics = try await store.rubrics()
      let domains = try await store.allDomains()
      everyPair = Dictionary(domains.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
      let snapshot = try await Offload.run {
        try Catalog.neutral { try Snapshot.scoped(domains, revision: revision, rubrics: rubrics, pair: nil) }
      }
      return install(snapshot, seen: revision)
    }
    let changes = try await store.changes(since: seen)
    guard !changes.domains.isEmpty || changes.rubricsChanged else {
      seen = max(seen, changes.revision)
      return base
    }
    let rubrics = changes.rubricsChanged ? try await store.rubrics() : nil
    for domain in changes.domains { everyPair[domain.id] = domain }
    // A domain judged so far only for other pairs leaves the default pair's snapshot, and a
    // new rubric may name another default pair: both are rare, and rebuilt from scratch.
    let defaultPair = (rubrics ?? base.rubrics).last?.rubric.defaultPair ?? base.rubric.defaultPair
    let leaves = changes.domains.contains { d in
      !d.assessments.isEmpty && d.judging(defaultPair, default: defaultPair).assessments.isEmpty
    }
    if leaves || defaultPair != base.rubric.defaultPair {
      let all = everyPair.values.sorted { $0.id < $1.id }
      let rubrics = rubrics ?? base.rubrics
      let revision = changes.revision
      let snapshot = try await Offload.run {
        try Catalog.neutral { try Snapshot.scoped(all, revision: revision, rubrics: rubrics, pair: nil) }
      }
      return install(snapshot, seen: changes.revision)
    }
    // A write's own few domains are applied here, at once: on the compute threads they
    // would queue behind a page being drawn, and the writer waits for this.
    let small = rubrics == nil && changes.domains.count <= 64
    let snapshot =
      small
      ? try Catalog.neutral { try base.applying(changes.domains, rubrics: nil, revision: changes.revision) }
      : try await Offload.run {
        try Catalog.neutral { try base.applying(changes.domains, rubrics: rubrics, revision: changes.revision) }
      }
    return install(snapshot, seen: changes.revision)
  }

  private func install(_ snapshot: Snapshot, seen revision: Int) -> Snapshot {
    cached = snapshot
    seen = revision
    // Entries of older revisions can never hit again: free them.
    bodies.removeAll()
    rerubricated.removeAll()
    uncertaintyCache.removeAll()
    marksCache.removeAll()
    pairSnapshots.removeAll()
    return snapshot
  }

  /// Reports under another rubric (a stored version or changed thresholds), cached per key.
  public func placedDomains(in snapshot: Snapshot, rubric: Rubric, key: String) async -> [PlacedDomain] {
    let key = snapshot.cacheScope + "|" + key
    let rubric = rubric.scoped(to: snapshot.pair)
    if let hit = rerubricated.value(key, revision: snapshot.revision) { return hit }
    let domains = snapshot.domains
    let placed = await Offload.run { Catalog.neutral { PlacedDomain.many(domains, rubric: rubric) } }
    rerubricated.store(placed, key, revision: snapshot.revision)
    return placed
  }

  private var computing: [String: (revision: Int, task: Task<CachedBody, any Error>)] = [:]
  /// The last complete body of each key, whatever its revision: what a page request gets
  /// while the body of the new revision is still being made (`body(…, wait:)`).
  private var latest: [String: CachedBody] = [:]

  /// Bytes derived from a snapshot (a page, a drawing, an API document), made once per
  /// revision and key with their tag and compressed form. `make` runs on the compute
  /// threads (`Offload`), so other requests are served meanwhile, and requests for the
  /// same key and revision arriving together share one computation.
  ///
  /// With `wait`, the request waits at most that long for a body it has to make; if the
  /// body is not ready by then and an earlier one of the same key exists, it gets that
  /// earlier one, and the new body, still being made, serves the requests after it. (A
  /// map of a thousand domains takes a few hundred milliseconds to draw; nobody should wait
  /// for it behind a write.)
  /// A body derived from `snapshot` (``body(revision:key:wait:make:)`` with the snapshot's
  /// revision and its pair in the key).
  public func body(
    snapshot: Snapshot, key: String, wait: Duration? = nil, make: @escaping @Sendable () throws -> Data
  ) async throws -> CachedBody {
    // Pages are made in the reader's language: one body per pair and language.
    try await body(
      revision: snapshot.revision, key: snapshot.cacheScope + "|" + LanguageInView.current.tag + "|" + key, wait: wait,
      make: make)
  }

  public func body(
    revision: Int, key: String, wait: Duration? = nil, make: @escaping @Sendable () throws -> Data
  ) async throws -> CachedBody {
    if let hit = bodies.value(key, revision: revision) { return hit }
    let task: Task<CachedBody, any Error>
    if let running = computing[key], running.revision == revision {
      task = running.task
    } else {
      task = Task {
        do {
          let body = try await Offload.run { CachedBody(try make(), tag: "\(revision)|\(key)") }
          await self.made(body, key: key, revision: revision)
          return body
        } catch {
          await self.made(nil, key: key, revision: revision)
          throw error
        }
      }
      computing[key] = (revision, task)
    }
    guard let wait, let earlier = latest[key] else { return try await task.value }
    // Not a task group: a group waits for all its children, and the drawing goes on.
    let first = Once()
    let ready: CachedBody? = await withCheckedContinuation { continuation in
      Task {
        let body = try? await task.value
        if first.claim() { continuation.resume(returning: body) }
      }
      Task {
        try? await Task.sleep(for: wait)
        if first.claim() { continuation.resume(returning: nil) }
      }
    }
    return ready ?? earlier
  }

  /// Keeps a body made for `revision`, if the catalog has not moved past it meanwhile.
  private func made(_ body: CachedBody?, key: String, revision: Int) {
    if computing[key]?.revision == revision { computing[key] = nil }
    guard let body, revision == cached?.revision else { return }
    bodies.store(body, key, revision: revision)
    if latest.count > 256 { latest.removeAll() }
    latest[key] = body
  }
}

/// A flag that lets exactly one of several racers through.
final class Once: Sendable {
  private let taken = NIOLockedValueBox(false)

  /// `true` for the first caller only.
  func claim() -> Bool {
    taken.withLockedValue { taken in
      defer { taken = true }
      return !taken
    }
  }
}

/// The store behind the catalog, whose writes bring the catalog up to date before they return.
struct WritingThrough: Store {
  let store: any Store
  let catalog: Catalog

  var deliberation: any DeliberationRepository { store.deliberation }
  var simulationRuns: any SimulationRunRepository { store.simulationRuns }
  var accounts: any AccountRepository { store.accounts }
  var audit: any AuditLog { store.audit }
  var decisions: any DecisionRecordRepository { store.decisions }
  var stressRuns: any StressRunRepository { store.stressRuns }
  func serverSecret() async throws -> String { try await store.serverSecret() }

  func revision() async throws -> Int { try await store.revision() }
  func allDomains() async throws -> [Domain] { try await store.allDomains() }
  func changes(since revision: Int) async throws -> StoreChanges { try await store.changes(since: revision) }
  func domain(id: String) async throws -> Domain? { try await store.domain(id: id) }
  func isEmpty() async throws -> Bool { try await store.isEmpty() }
  func rubrics() async throws -> [StoredRubric] { try await store.rubrics() }

  func create(_ domain: Domain) async throws {
    try await store.create(domain)
    await caughtUp()
  }

  func append(_ assessment: Assessment, to id: String, basedOn version: Int) async throws -> Int {
    let version = try await store.append(assessment, to: id, basedOn: version)
    await caughtUp()
    return version
  }

  func importDomains(_ domains: [Domain]) async throws -> ImportSummary {
    let summary = try await store.importDomains(domains)
    await caughtUp()
    return summary
  }

  func save(_ rubric: StoredRubric) async throws {
    try await store.save(rubric)
    await caughtUp()
  }

  /// The write is stored whatever happens here; a catalog that cannot catch up now (the
  /// database went away) tries again on the next read.
  private func caughtUp() async { _ = try? await catalog.refresh() }
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

/// What a snapshot builds on first use (its search index, its screener: most snapshots are
/// never searched), under a lock, and shares with every request that reads the snapshot.
final class BuiltOnce<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var built: Value?

  /// The value, made by `make` on the first call (a call that throws leaves it unmade).
  func value(_ make: () throws -> Value) rethrows -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let built { return built }
    let made = try make()
    built = made
    return made
  }
}
