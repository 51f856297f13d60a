import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore

/// What the command line and the server share to turn a screening into a decision record:
/// the versions it rests on, the domains it rests on, and the record's hash.
public enum ScreeningRecords {
  /// Taxonomy id → version.
  public static func versions(of taxonomies: [Taxonomy]) -> [String: String] {
    Dictionary(taxonomies.map { ($0.id, $0.version) }, uniquingKeysWith: { a, _ in a })
  }

  /// Partner list name → version (its date and digest).
  public static func versions(of lists: [PartnerList]) -> [String: String] {
    Dictionary(lists.map { ($0.name, $0.version) }, uniquingKeysWith: { a, _ in a })
  }

  /// Partner lists from a CSV file (`name,aliases,country,list,source,date`), each with the
  /// file's SHA-256 as its digest.
  public static func partnerLists(csv text: String, file: String) throws -> [PartnerList] {
    try PartnerList.parseCSV(text, file: file, digest: AuditHash.sha256(text))
  }

  /// The shipped knowledge base, named by its files' digest (`shipped kb sha256:…`), for
  /// screenings computed from the installation rather than a store.
  public static func shippedKnowledgeBase() throws -> String {
    let text = try KnowledgeBase.domainFiles().map { "\($0.name)\n\($0.text)" }.joined(separator: "\n")
    return "shipped knowledge base sha256:\(AuditHash.sha256(text).prefix(16))"
  }

  /// A store's knowledge base at one revision.
  public static func storeKnowledgeBase(revision: Int) -> String { "store revision \(revision)" }

  /// The draft of a decision on `screening` of `proposal`.
  public static func draft(
    proposal: Proposal, screening: ProposalScreening, decision: ScreeningDecision, conditions: String,
    rationale: String, reviewer: String, date: Day, rubric: Rubric, knowledgeBase: String, taxonomies: [Taxonomy],
    placed: [PlacedDomain], partnerLists: [PartnerList] = []
  ) -> DecisionDraft {
    let byID = Dictionary(placed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    return DecisionDraft(
      proposal: proposal, screening: screening, decision: decision, conditions: conditions, rationale: rationale,
      reviewer: reviewer, date: date,
      versions: KnowledgeVersions(
        rubric: rubric.version, knowledgeBase: knowledgeBase, taxonomies: versions(of: taxonomies),
        partnerLists: versions(of: partnerLists),
        pair: rubric.countries == rubric.defaultPair ? nil : rubric.countries.id),
      basis: DecisionBasis.of(screening, placed: byID))
  }

  /// A record not stored anywhere (the command line's `--out` with a decision): version 1,
  /// stamped now, hashed like a stored one.
  public static func unsaved(_ draft: DecisionDraft, at date: Date = Date()) throws -> DecisionRecord {
    let stamped = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1e6).rounded() / 1e6)
    return try DecisionRecord.seal(draft, version: 1, recordedAt: stamped, sha256: AuditHash.sha256).record
  }

  /// The SHA-256 of a screening alone (a record document without a decision).
  public static func sha256(of screening: ProposalScreening, proposal: Proposal) throws -> String {
    struct Body: Encodable {
      var proposal: Proposal
      var screening: ProposalScreening
    }
    let data = try StableJSONEncoder(pretty: false).encode(Body(proposal: proposal, screening: screening))
    return AuditHash.sha256(String(decoding: data, as: UTF8.self))
  }
}
