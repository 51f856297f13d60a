import Foundation
import Testing

@testable import SafeZonesCore

/// Decision records: what a draft needs, what the hash covers, and when a saved decision
/// needs re-review.
@Suite("decision records")
struct DecisionRecordTests {
  static let rubric = Fixtures.rubric()

  static func screened() -> (ProposalScreening, [String: PlacedDomain]) {
    let proposal = Proposal(
      id: "p-1", title: "Mixed",
      aims: [
        .init(id: "a1", text: "Build interferometers that detect spacetime ripples."),
        .init(id: "a2", text: "Improve inertial navigation and homing for missiles."),
      ])
    let s = ScreenerTests.screen(proposal)
    let placed = PlacedDomain.many(ScreenerTests.domains, rubric: rubric)
    return (s, Dictionary(uniqueKeysWithValues: placed.map { ($0.id, $0) }))
  }

  static func draft(
    decision: ScreeningDecision = .proceedWithConditions, conditions: String = "a2 runs apart"
  )
    -> DecisionDraft
  {
    let (s, placed) = screened()
    return DecisionDraft(
      proposal: Proposal(id: "p-1", title: "Mixed", aims: [.init(id: "a1", text: "Interferometers.")]),
      screening: s, decision: decision, conditions: conditions, rationale: "Aim a2 is guidance work.",
      reviewer: "R. Officer", date: Day("2026-12-01")!,
      versions: KnowledgeVersions(
        rubric: "1", knowledgeBase: "store revision 4", taxonomies: ["us-cet-2024": "2024-02"]),
      basis: DecisionBasis.of(s, placed: placed))
  }

  @Test("a draft needs a rationale, and conditions when the decision is empty without them")
  func validate() {
    #expect(Self.draft().validate().isEmpty)
    var d = Self.draft()
    d.rationale = "  \n"
    #expect(d.validate().map(\.key) == ["rationale"])
    #expect(Self.draft(conditions: "").validate().map(\.key) == ["conditions"])
    #expect(Self.draft(decision: .separateButCoordinated, conditions: "").validate().map(\.key) == ["conditions"])
    #expect(Self.draft(decision: .proceed, conditions: "").validate().isEmpty)
    #expect(Self.draft(decision: .decline, conditions: "").validate().isEmpty)
    d = Self.draft()
    d.reviewer = ""
    #expect(d.validate().map(\.key) == ["reviewer"])
  }

  @Test("the basis is every matched domain once, as placed when decided")
  func basis() {
    let d = Self.draft()
    #expect(Set(d.basis.map(\.id)) == ["wave-physics", "guidance"])
    let guidance = d.basis.first { $0.id == "guidance" }!
    #expect(
      guidance.quadrant
        == PlacedDomain.many(ScreenerTests.domains, rubric: Self.rubric).first { $0.id == "guidance" }!.quadrant)
  }

  @Test("the canonical body is stable, covers every field, and decodes to the same record")
  func canonicalBody() throws {
    let d = Self.draft()
    let at = Date(timeIntervalSince1970: 1_790_000_000.123456)
    let a = try DecisionRecord.canonicalBody(proposalID: "p-1", version: 2, recordedAt: at, draft: d)
    let b = try DecisionRecord.canonicalBody(proposalID: "p-1", version: 2, recordedAt: at, draft: d)
    #expect(a == b)
    var changed = d
    changed.rationale += "!"
    #expect(try DecisionRecord.canonicalBody(proposalID: "p-1", version: 2, recordedAt: at, draft: changed) != a)
    #expect(try DecisionRecord.canonicalBody(proposalID: "p-1", version: 3, recordedAt: at, draft: d) != a)
    let decoded = try DecisionRecord.decode(body: a, sha256: "x")
    #expect(decoded.draft == d)
    #expect(decoded.version == 2)
    #expect(abs(decoded.recordedAt.timeIntervalSince1970 - at.timeIntervalSince1970) < 1e-6)
  }

  @Test("re-review: a domain that changed quadrant, a domain gone, a taxonomy of another version; latest only")
  func reReview() {
    let d = Self.draft()
    let (_, placed) = Self.screened()
    let record = DecisionRecord(proposalID: "p-1", version: 1, recordedAt: Date(), draft: d, sha256: "h")
    // Nothing moved.
    #expect(ReReview.due([record], placed: placed, taxonomies: ["us-cet-2024": "2024-02"]).isEmpty)
    // Guidance work judged harmless now: it leaves its quadrant.
    var calmer = ScreenerTests.domains
    calmer[1] = ScreenerTests.domain(
      "guidance", "Missile guidance", "Inertial navigation.", military: 0, fundamentality: 4)
    let moved = Dictionary(uniqueKeysWithValues: PlacedDomain.many(calmer, rubric: Self.rubric).map { ($0.id, $0) })
    #expect(moved["guidance"]!.quadrant != placed["guidance"]!.quadrant)
    let due = ReReview.due([record], placed: moved, taxonomies: ["us-cet-2024": "2024-02"])
    #expect(due.count == 1)
    #expect(due[0].reasons.count == 1)
    #expect(
      due[0].reasons[0].hasPrefix("Missile guidance moved from \(placed["guidance"]!.quadrant.title.lowercased()) to"))
    // A domain removed, a taxonomy with a new version and one no longer shipped.
    let reasons = ReReview.reasons(
      record, placed: placed.filter { $0.key != "wave-physics" }, taxonomies: ["us-cet-2024": "2025-01"])
    #expect(reasons.contains { $0.contains("no longer in the knowledge base") })
    #expect(reasons.contains("taxonomy us-cet-2024 changed from version 2024-02 to 2025-01"))
    #expect(
      ReReview.reasons(record, placed: placed, taxonomies: [:]) == [
        "taxonomy us-cet-2024 (version 2024-02) is no longer shipped"
      ])
    // A later version decided on the new ground settles it.
    var later = d
    later.basis = DecisionBasis.of(d.screening, placed: moved)
    let second = DecisionRecord(proposalID: "p-1", version: 2, recordedAt: Date(), draft: later, sha256: "h2")
    #expect(ReReview.due([record, second], placed: moved, taxonomies: ["us-cet-2024": "2024-02"]).isEmpty)
  }
}

/// The crosswalk's rules: links ordered strongest first, areas reached through subfields,
/// unknown ids and repeated links refused.
@Suite("crosswalk")
struct CrosswalkTests {
  static let taxonomy = Taxonomy(
    id: "t", name: "T", publisher: "P", title: "T", date: Day("2024-01-01")!, version: "1", url: "u",
    entries: [
      TaxonomyEntry(
        id: "a", name: "A", summary: "s", keywords: ["k"],
        subfields: [
          TaxonomySubfield(id: "a1", name: "A1", keywords: []), TaxonomySubfield(id: "a2", name: "A2", keywords: []),
        ]),
      TaxonomyEntry(id: "b", name: "B", summary: "s", keywords: ["k"]),
    ])

  @Test("unreached lists every subfield and entry no link reaches; an entry counts through its subfields")
  func unreached() {
    let walk = Crosswalk(links: [
      CrosswalkLink(domain: "d", taxonomy: "t", entry: "a1", strength: .direct, rationale: "r")
    ])
    #expect(walk.unreached(in: [Self.taxonomy]) == ["t/a2", "t/b"])
    let whole = Crosswalk(
      links: walk.links + [
        CrosswalkLink(domain: "e", taxonomy: "t", entry: "a2", strength: .enabling, rationale: "r"),
        CrosswalkLink(domain: "e", taxonomy: "t", entry: "b", strength: .partial, rationale: "r"),
      ])
    #expect(whole.unreached(in: [Self.taxonomy]).isEmpty)
    #expect(whole.links(taxonomy: Self.taxonomy, entry: Self.taxonomy.entries[0]).map(\.domain) == ["d", "e"])
    #expect(whole.links(domain: "e").map(\.strength) == [.partial, .enabling])
  }

  @Test("validate names unknown domains, taxonomies and areas, and a link given twice")
  func validate() {
    let link = CrosswalkLink(domain: "d", taxonomy: "t", entry: "a1", strength: .direct, rationale: "r")
    let walk = Crosswalk(links: [
      link, link,
      CrosswalkLink(domain: "x", taxonomy: "t", entry: "a9", strength: .partial, rationale: "r"),
      CrosswalkLink(domain: "d", taxonomy: "nope", entry: "a", strength: .partial, rationale: "r"),
    ])
    let messages = walk.validate(taxonomies: [Self.taxonomy], domainIDs: ["d"]).map(\.message)
    #expect(messages.contains("the link is given twice"))
    #expect(messages.contains("'x' is not a domain of the knowledge base"))
    #expect(messages.contains("'a9' is not an entry or subfield of t"))
    #expect(messages.contains("unknown taxonomy 'nope' (known: t)"))
    #expect(messages.count == 4)
  }
}
