import Foundation

/// Why a store refused a write. Each case carries what a user needs to act on it.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No domain with this id.
  case notFound(String)
  /// A domain with this id already exists (creating must not overwrite).
  case alreadyExists(String)
  /// The assessment was based on `expected` assessments but the domain now has `current`:
  /// someone else saved in between, and saving would hide their judgement.
  case stale(id: String, expected: Int, current: Int)
  /// The data does not pass validation.
  case invalid(InputError)
  /// A rubric with this version is stored with a different text; versions are immutable.
  case rubricVersionExists(String)
  /// Stored data no longer matches its own hash: it was changed outside the application.
  case corrupt(String)

  public var description: String {
    switch self {
    case .notFound(let id): return "no domain with id '\(TextLimits.preview(id))'"
    case .alreadyExists(let id):
      return "a domain with id '\(TextLimits.preview(id))' already exists; add an assessment to it instead"
    case .stale(let id, let expected, let current):
      return
        "'\(TextLimits.preview(id))' changed while you were editing: your assessment was based on version \(expected), but the domain is now at version \(current). Review the newer assessment and submit again."
    case .invalid(let error): return error.description
    case .rubricVersionExists(let version):
      return
        "rubric version '\(TextLimits.preview(version))' is already stored with different content; give the new rubric a new version"
    case .corrupt(let what): return what
    }
  }
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable, Codable {
  /// Domains that did not exist before.
  public var created: [String]
  /// Existing domains that received new assessments.
  public var updated: [String]
  /// Assessments added in total.
  public var assessmentsAdded: Int
  /// Assessments skipped because an identical one (same assessor, date and scores) was stored.
  public var assessmentsUnchanged: Int

  public init(created: [String] = [], updated: [String] = [], assessmentsAdded: Int = 0, assessmentsUnchanged: Int = 0)
  {
    self.created = created
    self.updated = updated
    self.assessmentsAdded = assessmentsAdded
    self.assessmentsUnchanged = assessmentsUnchanged
  }
}

/// What changed in a store since a revision: what a cache needs to catch up.
public struct StoreChanges: Sendable {
  /// The store revision these changes bring a reader up to.
  public var revision: Int
  /// The domains created or written since, each with its full history, in id order.
  public var domains: [Domain]
  /// Whether a rubric version was stored since (the one in force may have changed).
  public var rubricsChanged: Bool

  public init(revision: Int, domains: [Domain], rubricsChanged: Bool) {
    self.revision = revision
    self.domains = domains
    self.rubricsChanged = rubricsChanged
  }
}

/// A stored rubric version.
public struct StoredRubric: Sendable, Hashable {
  public var rubric: Rubric
  /// The file text it was loaded from, kept so it can be downloaded unchanged.
  public var text: String
  public var storedAt: Date?

  public init(rubric: Rubric, text: String, storedAt: Date? = nil) {
    self.rubric = rubric
    self.text = text
    self.storedAt = storedAt
  }
}

/// Persistence of domains and their assessments. Assessments are append-only: nothing is
/// ever overwritten, the newest is current, and every write is all-or-nothing.
///
/// A domain's *version* is the number of its assessments; a writer states the version it
/// read, and the store refuses the write if another writer got there first.
public protocol DomainRepository: Sendable {
  /// A number that changes whenever anything in the store changes (for caches).
  func revision() async throws -> Int
  /// Every domain with its full history, ordered by id.
  func allDomains() async throws -> [Domain]
  /// The domains written after `revision` and whether a rubric was stored since, so that a
  /// cache holding the store as of `revision` can catch up by reading only what changed.
  func changes(since revision: Int) async throws -> StoreChanges
  /// One domain with its full history.
  func domain(id: String) async throws -> Domain?
  /// Creates a new domain with its assessments. Throws `.alreadyExists`.
  func create(_ domain: Domain) async throws
  /// Appends an assessment to a domain whose current version is `basedOn`; returns the new
  /// version. Throws `.notFound` or `.stale`.
  @discardableResult
  func append(_ assessment: Assessment, to id: String, basedOn version: Int) async throws -> Int
  /// Creates new domains and appends new assessments to existing ones, all in one
  /// transaction: either everything is stored or nothing is.
  func importDomains(_ domains: [Domain]) async throws -> ImportSummary
  /// Whether the store holds no domain (without reading any).
  func isEmpty() async throws -> Bool
}

extension DomainRepository {
  /// Appends the assessment `make` derives from domain `id` as it stands now, based on its
  /// current version: when another writer got there first (`StoreError.stale`) the domain
  /// is read again and `make` asked again, up to three times. `make` returning `nil` adds
  /// nothing. Returns the new version, or `nil`.
  ///
  /// `make` sees the domain with the assessments of `pair` only (`nil`: the store's default
  /// pair, whose assessments read back without a pair), so that "current" means the
  /// current judgement of that pair.
  public func appendToCurrent(
    _ id: String, pair: CountryPair? = nil, _ make: (Domain) throws -> Assessment?
  ) async throws -> Int? {
    var attempt = 0
    while true {
      attempt += 1
      guard let stored = try await domain(id: id) else { throw StoreError.notFound(id) }
      var domain = stored
      domain.versionAcrossPairs = stored.latestVersion
      domain.assessments = stored.assessments.filter { $0.pair == pair }
      guard let assessment = try make(domain) else { return nil }
      do {
        return try await append(assessment, to: id, basedOn: stored.latestVersion)
      } catch StoreError.stale where attempt < 3 {
        continue
      }
    }
  }

  /// Everything, for a store that cannot tell what changed: correct, but not incremental.
  public func changes(since revision: Int) async throws -> StoreChanges {
    let current = try await self.revision()
    guard current != revision else { return StoreChanges(revision: current, domains: [], rubricsChanged: false) }
    return StoreChanges(revision: current, domains: try await allDomains(), rubricsChanged: true)
  }
}

/// Persistence of rubric versions.
public protocol RubricRepository: Sendable {
  /// All stored rubrics, oldest first; the last is the one in force.
  func rubrics() async throws -> [StoredRubric]
  /// Stores a rubric version. Storing the same version with the same text again does
  /// nothing; with a different text it throws `.rubricVersionExists`.
  func save(_ rubric: StoredRubric) async throws
}

/// The whole store behind the core's repositories: what the web app holds, so that no
/// route, page or cache sees the database.
public protocol Store: DomainRepository, RubricRepository {
  /// The Delphi rounds and judgements, on the same store.
  var deliberation: any DeliberationRepository { get }
  /// The simulation runs, on the same store.
  var simulationRuns: any SimulationRunRepository { get }
  /// The accounts and their API tokens, on the same store.
  var accounts: any AccountRepository { get }
  /// The audit trail, on the same store.
  var audit: any AuditLog { get }
  /// Screening decision records, on the same store.
  var decisions: any DecisionRecordRepository { get }
  /// Supply-chain stress runs, on the same store.
  var stressRuns: any StressRunRepository { get }
  /// A random secret made with the store, shared by every server on it (hex).
  func serverSecret() async throws -> String
}
