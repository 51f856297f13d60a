import Foundation

/// What a reviewer decided about a screened proposal (`docs/screening.md`).
public enum ScreeningDecision: String, Sendable, Hashable, Codable, CaseIterable {
  case proceed
  case proceedWithConditions = "proceed-with-conditions"
  case separateButCoordinated = "separate-but-coordinated"
  case decline

  /// How pages and records name the decision.
  public var label: String {
    switch self {
    case .proceed: tr("Proceed")
    case .proceedWithConditions: tr("Proceed with conditions")
    case .separateButCoordinated: tr("Separate but coordinated")
    case .decline: tr("Decline")
    }
  }

  /// Whether the decision is empty without its conditions.
  public var needsConditions: Bool { self == .proceedWithConditions || self == .separateButCoordinated }

  public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The decision `text` names, or the problem keyed by `key` (a form field or an option).
  public static func parse(_ text: String, key: String) -> Result<ScreeningDecision, InputIssue> {
    if let d = ScreeningDecision(rawValue: text) { return .success(d) }
    return .failure(
      InputIssue(
        key: key,
        message: text.isEmpty
          ? tr("choose a decision ({list})", ["list": .text(list)])
          : tr(
            "unknown decision '{decision}' (use {list})",
            ["decision": .text(TextLimits.preview(text)), "list": .text(list)])))
  }
}

/// The versions of what a screening rests on, so that a record says what it was computed
/// against and re-review can tell when the ground moved.
public struct KnowledgeVersions: Sendable, Hashable, Codable {
  /// The rubric's version.
  public var rubric: String
  /// Which knowledge base placed the domains: the store's revision, or the shipped files'
  /// digest for the command line.
  public var knowledgeBase: String
  /// Taxonomy id → version.
  public var taxonomies: [String: String]
  /// Partner list name → its date or version (empty when no list was checked).
  public var partnerLists: [String: String]
  /// The country pair the domains were placed for (`EU-CN`); absent for the rubric's default
  /// pair, so records made before pairs read and hash as they did.
  public var pair: String?

  public init(
    rubric: String, knowledgeBase: String, taxonomies: [String: String], partnerLists: [String: String] = [:],
    pair: String? = nil
  ) {
    self.pair = pair
    self.rubric = rubric
    self.knowledgeBase = knowledgeBase
    self.taxonomies = taxonomies
    self.partnerLists = partnerLists
  }
}

/// A domain the decision rests on, as it stood when decided.
public struct DecisionBasis: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var quadrant: Quadrant
  public var gains: Double
  public var risk: Double

  public init(id: String, name: String, quadrant: Quadrant, gains: Double, risk: Double) {
    self.id = id
    self.name = name
    self.quadrant = quadrant
    self.gains = gains
    self.risk = risk
  }

  /// Every domain the screening matched (the proposal's and each aim's), once, in the
  /// order found, with its placement from `placed`.
  public static func of(_ screening: ProposalScreening, placed: [String: PlacedDomain]) -> [DecisionBasis] {
    var seen: Set<String> = []
    var out: [DecisionBasis] = []
    for match in screening.domains + screening.aims.flatMap(\.domains) where seen.insert(match.id).inserted {
      guard let p = placed[match.id] else { continue }
      out.append(
        DecisionBasis(
          id: p.id, name: p.name, quadrant: p.quadrant, gains: Format.rounded(p.placement.gains),
          risk: Format.rounded(p.placement.risk)))
    }
    return out
  }
}

/// What a reviewer submits to save a decision: validated by ``validate()``.
public struct DecisionDraft: Sendable, Hashable, Codable {
  public var proposal: Proposal
  public var screening: ProposalScreening
  public var decision: ScreeningDecision
  public var conditions: String
  public var rationale: String
  public var reviewer: String
  /// The day the decision was made.
  public var date: Day
  public var versions: KnowledgeVersions
  public var basis: [DecisionBasis]

  public init(
    proposal: Proposal, screening: ProposalScreening, decision: ScreeningDecision, conditions: String,
    rationale: String, reviewer: String, date: Day, versions: KnowledgeVersions, basis: [DecisionBasis]
  ) {
    self.proposal = proposal
    self.screening = screening
    self.decision = decision
    self.conditions = conditions
    self.rationale = rationale
    self.reviewer = reviewer
    self.date = date
    self.versions = versions
    self.basis = basis
  }

  /// Problems keyed by field: a rationale is required, conditions are required by the
  /// decisions that are empty without them, and text stays within the limits.
  public func validate() -> [InputIssue] {
    var issues: [InputIssue] = []
    let blank = { (s: String) in s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    if blank(rationale) {
      issues.append(
        InputIssue(key: "rationale", message: tr("say why: the record is read later by someone who was not there")))
    }
    if decision.needsConditions && blank(conditions) {
      issues.append(
        InputIssue(
          key: "conditions",
          message: tr(
            "'{decision}' needs its conditions (what must hold, who checks)", ["decision": .text(decision.label)])))
    }
    for (key, text) in [("rationale", rationale), ("conditions", conditions)] where text.count > TextLimits.otherwise {
      issues.append(
        InputIssue(key: key, message: tr("at most {count} characters", ["count": .text(String(TextLimits.otherwise))])))
    }
    if blank(reviewer) { issues.append(InputIssue(key: "reviewer", message: tr("the reviewer's name is missing"))) }
    issues += proposal.validate()
    return issues
  }
}

/// A saved decision: the draft as submitted, its place in the proposal's versions, when it
/// was stored, and the SHA-256 of its canonical JSON (``canonicalBody``). Records are
/// append-only: a changed decision is a new version.
public struct DecisionRecord: Sendable, Hashable, Codable {
  public var proposalID: String
  /// 1 for the first decision on this proposal id, then 2, …
  public var version: Int
  public var recordedAt: Date
  public var draft: DecisionDraft
  /// Lowercase hex SHA-256 of ``canonicalBody``.
  public var sha256: String

  public init(proposalID: String, version: Int, recordedAt: Date, draft: DecisionDraft, sha256: String) {
    self.proposalID = proposalID
    self.version = version
    self.recordedAt = recordedAt
    self.draft = draft
    self.sha256 = sha256
  }

  /// What the hash covers, as compact JSON with sorted keys (Foundation's encoder, keys as
  /// the types declare them): the proposal id, version, time of recording (µs) and the
  /// whole draft — proposal, screening, decision, conditions, rationale, reviewer, date,
  /// versions and basis. The store keeps these exact bytes, so a record is verified
  /// against the text it was hashed from, never a re-encoding.
  public static func canonicalBody(
    proposalID: String, version: Int, recordedAt: Date, draft: DecisionDraft
  ) throws
    -> Data
  {
    let micros = Int64((recordedAt.timeIntervalSince1970 * 1_000_000).rounded())
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(
      StoredBody(proposalID: proposalID, version: version, recordedAtMicroseconds: micros, draft: draft))
  }

  /// `draft` as version `version`, recorded at `recordedAt`: the canonical body (the text a
  /// store keeps) and the record read back from it, hashed with `sha256` (lower-case hex of
  /// the text; the store's SHA-256 — the core does not hash).
  public static func seal(
    _ draft: DecisionDraft, version: Int, recordedAt: Date, sha256: (String) -> String
  ) throws -> (record: DecisionRecord, body: String) {
    let data = try canonicalBody(proposalID: draft.proposal.id, version: version, recordedAt: recordedAt, draft: draft)
    let body = String(decoding: data, as: UTF8.self)
    return (try decode(body: data, sha256: sha256(body)), body)
  }

  /// The record held in `body` (bytes written by ``canonicalBody``) with its hash.
  public static func decode(body: Data, sha256: String) throws -> DecisionRecord {
    let b = try JSONDecoder().decode(StoredBody.self, from: body)
    return DecisionRecord(
      proposalID: b.proposalID, version: b.version,
      recordedAt: Date(timeIntervalSince1970: Double(b.recordedAtMicroseconds) / 1_000_000), draft: b.draft,
      sha256: sha256)
  }

  struct StoredBody: Codable {
    var proposalID: String
    var version: Int
    var recordedAtMicroseconds: Int64
    var draft: DecisionDraft
  }
}

/// Why a saved decision should be looked at again.
public struct ReReview: Sendable, Hashable, Codable {
  public var proposalID: String
  public var version: Int
  public var title: String
  public var decision: ScreeningDecision
  public var date: Day
  public var reviewer: String
  /// What changed, one sentence each.
  public var reasons: [String]

  enum CodingKeys: String, CodingKey {
    case proposalID = "proposal_id"
    case version, title, decision, date, reviewer, reasons
  }

  /// The latest decision on each proposal whose ground moved since: a domain it rests on
  /// is now in another quadrant or gone from the knowledge base, a taxonomy it was screened
  /// against has another version or is gone, a partner list it was checked against changed.
  /// Ordered by decision date, oldest first.
  ///
  /// A record decided for another pair than the default (`KnowledgeVersions.pair`) is
  /// compared with that pair's placements, `placedByPair[pair]`.
  public static func due(
    _ records: [DecisionRecord], placed: [String: PlacedDomain], taxonomies: [String: String],
    partnerLists: [String: String] = [:], placedByPair: [String: [String: PlacedDomain]] = [:]
  ) -> [ReReview] {
    var latest: [String: DecisionRecord] = [:]
    for r in records where (latest[r.proposalID]?.version ?? 0) < r.version { latest[r.proposalID] = r }
    return latest.values.compactMap { r in
      let now = r.draft.versions.pair.map { placedByPair[$0] ?? [:] } ?? placed
      let reasons = Self.reasons(r, placed: now, taxonomies: taxonomies, partnerLists: partnerLists)
      guard !reasons.isEmpty else { return nil }
      return ReReview(
        proposalID: r.proposalID, version: r.version, title: r.draft.proposal.title, decision: r.draft.decision,
        date: r.draft.date, reviewer: r.draft.reviewer, reasons: reasons)
    }.sorted { ($0.date, $0.proposalID) < ($1.date, $1.proposalID) }
  }

  /// What moved under one record (empty when nothing did).
  public static func reasons(
    _ r: DecisionRecord, placed: [String: PlacedDomain], taxonomies: [String: String],
    partnerLists: [String: String] = [:]
  ) -> [String] {
    var reasons: [String] = []
    for b in r.draft.basis {
      guard let now = placed[b.id] else {
        reasons.append(
          tr("{domain} ({id}) is no longer in the knowledge base", ["domain": .text(b.name), "id": .text(b.id)]))
        continue
      }
      if now.quadrant != b.quadrant {
        func inText(_ q: Quadrant) -> String {
          Localization.shipped("quadrant.\(q.rawValue).in-text", q.title.lowercased())
        }
        reasons.append(
          tr(
            "{domain} moved from {from} to {to} (risk {riskBefore} → {riskNow}, gains {gainsBefore} → {gainsNow})",
            [
              "domain": .text(now.name), "from": .text(inText(b.quadrant)), "to": .text(inText(now.quadrant)),
              "riskBefore": .text(Format.fixed(b.risk)), "riskNow": .text(Format.fixed(now.placement.risk)),
              "gainsBefore": .text(Format.fixed(b.gains)), "gainsNow": .text(Format.fixed(now.placement.gains)),
            ]))
      }
    }
    for (id, version) in r.draft.versions.taxonomies.sorted(by: { $0.key < $1.key }) {
      if let current = taxonomies[id] {
        if current != version {
          reasons.append(
            tr(
              "taxonomy {taxonomy} changed from version {before} to {now}",
              ["taxonomy": .text(id), "before": .text(version), "now": .text(current)]))
        }
      } else {
        reasons.append(
          tr(
            "taxonomy {taxonomy} (version {version}) is no longer shipped",
            ["taxonomy": .text(id), "version": .text(version)]))
      }
    }
    for (name, version) in r.draft.versions.partnerLists.sorted(by: { $0.key < $1.key }) {
      if let current = partnerLists[name] {
        if current != version {
          reasons.append(
            tr(
              "partner list '{list}' changed ({before} → {now})",
              ["list": .text(name), "before": .text(version), "now": .text(current)]))
        }
      } else {
        reasons.append(tr("partner list '{list}' was removed", ["list": .text(name)]))
      }
    }
    return reasons
  }
}

/// Persistence of decision records: append-only, every save audited.
public protocol DecisionRecordRepository: Sendable {
  /// Stores `draft` as the next version of its proposal's decisions and returns the record
  /// with its hash.
  func save(_ draft: DecisionDraft) async throws -> DecisionRecord
  /// Every version of one proposal's decisions, oldest first.
  func records(proposalID: String) async throws -> [DecisionRecord]
  /// Every record, oldest first.
  func allRecords() async throws -> [DecisionRecord]
  /// Stores `lists` as the current version of each (by name); earlier versions are kept.
  func importPartnerLists(_ lists: [PartnerList]) async throws
  /// The current version of every partner list, by name.
  func partnerLists() async throws -> [PartnerList]
}
