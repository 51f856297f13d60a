import Foundation
import Testing

@testable import SafeZonesCore

/// The screening rules on a small fixture: matches need evidence, an aim is placed by its
/// matched domains weighted by score, the proposal by its most sensitive aim, and nothing
/// matched is said, not guessed.
@Suite("Screener")
struct ScreenerTests {
  struct StripS: Stemmer {
    func stem(_ word: String) -> String { word.hasSuffix("s") ? String(word.dropLast()) : word }
  }

  static let rubric = Fixtures.rubric()

  static func domain(
    _ id: String, _ name: String, _ summary: String, military: Double, fundamentality: Double
  )
    -> Domain
  {
    var scores: [CriterionID: CriterionScore] = [:]
    for c in CriterionID.allCases { scores[c] = CriterionScore(2) }
    scores[.military] = CriterionScore(military)
    scores[.securityExposure] = CriterionScore(military)
    scores[.fundamentality] = CriterionScore(fundamentality)
    return Domain(
      id: id, name: name, summary: summary,
      assessments: [Assessment(assessor: "T", date: Day("2026-01-01")!, scores: scores)])
  }

  static let domains = [
    domain(
      "wave-physics", "Gravitational waves", "Interferometers detect ripples in spacetime.", military: 0,
      fundamentality: 4),
    domain(
      "guidance", "Missile guidance", "Inertial navigation and homing for missiles.", military: 4, fundamentality: 1),
  ]

  static func screen(_ proposal: Proposal) -> ProposalScreening {
    let analyzer = TextAnalyzer(stemmer: StripS(), stopWords: TextAnalyzer.searchStopWords)
    let placed = PlacedDomain.many(domains, rubric: rubric)
    return Screener.screen(
      proposal, placed: Dictionary(uniqueKeysWithValues: placed.map { ($0.id, $0) }),
      domainIndex: SearchIndex(domains.map { DomainSearch.document($0) }, analyzer: analyzer),
      categoryIndex: SearchIndex(
        [
          SearchDocument(id: "tax/navigation", fields: [.init("Positioning and navigation"), .init("inertial homing")])
        ],
        analyzer: analyzer),
      categoryNames: ["tax/navigation": "Positioning and navigation"], synonyms: SynonymTable(), rubric: rubric)
  }

  @Test("each aim is placed by what it touches; the proposal by its most sensitive aim")
  func mostSensitiveAim() throws {
    let s = Self.screen(
      Proposal(
        id: "p", title: "Mixed",
        aims: [
          .init(id: "a1", text: "Build interferometers that detect spacetime ripples."),
          .init(id: "a2", text: "Improve inertial navigation for missiles."),
        ]))
    let placed = PlacedDomain.many(Self.domains, rubric: Self.rubric)
    #expect(s.aims.map { $0.domains.map(\.id) } == [["wave-physics"], ["guidance"]])
    #expect(s.aims[0].placement?.risk == Format.rounded(placed[0].placement.risk))
    #expect(s.aims[1].placement?.quadrant == placed[1].quadrant)
    #expect(s.overall?.mostSensitiveAim == "a2")
    #expect(s.overall?.risk == Format.rounded(placed[1].placement.risk))
    #expect(s.aims[1].categories.map(\.id) == ["navigation"])
    #expect(s.aims[1].categories.first?.taxonomy == "tax")
    // The benign, fundamental aim can go ahead jointly if the sensitive one is run apart.
    #expect(s.actions.contains { $0.hasPrefix("Run aim a2 separately from the partner") })
    #expect(s.actions.contains { $0.hasPrefix("Aim a1 is fundamental research") })
    #expect(s.checks.contains { $0.contains("Aim a2 → Missile guidance") })
  }

  @Test("one generic word is no evidence: the aim is not placed, and the screening says so")
  func abstains() {
    let s = Self.screen(
      Proposal(id: "p", title: "Vague", aims: [.init(id: "a1", text: "Study ripples in a pond.")]))
    #expect(s.aims[0].domains.isEmpty && s.aims[0].placement == nil)
    #expect(s.overall == nil)
    #expect(s.checks.contains { $0.contains("No domain matched aim a1 well") })
  }

  @Test("evidence: two words, or one phrase of two words or more; and at least half the best score")
  func evidenceRule() {
    func hit(_ id: String, _ score: Double, _ terms: [String]) -> SearchHit {
      SearchHit(id: id, score: score, matchedTerms: terms, matchesAll: false)
    }
    #expect(!Screener.isEvidence(hit("a", 9, ["quantum"])))
    #expect(Screener.isEvidence(hit("a", 9, ["quantum", "key"])))
    #expect(Screener.isEvidence(hit("a", 9, ["ai (artificial intelligence)"])))
    let kept = Screener.matches([
      hit("a", 10, ["x", "y"]), hit("b", 6, ["x", "z"]), hit("c", 4, ["x", "y"]), hit("d", 9, ["x"]),
    ])
    #expect(kept.map(\.id) == ["a", "b"])
  }
}
