import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// Drifts in the input format, and the history the shipped knowledge base keeps where the
/// essay describes a migration.
@Suite("Drifts and history")
struct HistoryTests {
  static func file(drifts: String) -> String {
    """
    domains:
      - id: fusion
        name: Fusion
        assessment:
          assessor: A
          date: 2026-01-01
          scores:
            maturity: 1
            military: 2
          drifts:
    \(drifts)
    """
  }

  @Test("drifts as a rate or as a change over years, with an optional uncertainty")
  func parses() throws {
    let text = Self.file(
      drifts: """
                - {criterion: maturity, per_year: 0.2}
                - {criterion: military, change: 1, years: 5, uncertainty: 0.5}
        """)
    let domains = try DomainLoader.parse(text, file: "f.yaml")
    let drifts = try #require(domains.first?.current?.drifts)
    #expect(
      drifts == [
        Drift(criterion: .maturity, perYear: 0.2), Drift(criterion: .military, change: 1, years: 5, uncertainty: 0.5),
      ])
    #expect(drifts[1].perYear == 0.2 && drifts[1].spread == 0.1)
  }

  @Test(
    "bad drifts are reported at their line with a precise message",
    arguments: [
      (
        "- {criterion: bravery, per_year: 0.2}", "domains[0].assessment.drifts[0].criterion",
        "unknown criterion 'bravery'"
      ),
      ("- {criterion: maturity, change: 1}", "domains[0].assessment.drifts[0].years", "needs 'years'"),
      ("- {criterion: maturity, years: 5}", "domains[0].assessment.drifts[0].change", "needs 'change'"),
      ("- {criterion: maturity}", "domains[0].assessment.drifts[0]", "give 'per_year'"),
      ("- {criterion: maturity, per_year: 0.2, change: 1, years: 5}", "domains[0].assessment.drifts[0]", "not both"),
      ("- {criterion: maturity, per_year: 7}", "domains[0].assessment.drifts[0].per_year", "at most 4 points a year"),
      (
        "- {criterion: maturity, change: 1, years: 0}", "domains[0].assessment.drifts[0].years",
        "positive number of years"
      ),
      (
        "- {criterion: maturity, per_year: 0.1, uncertainty: -1}", "domains[0].assessment.drifts[0].uncertainty",
        "at least 0"
      ),
      ("- {criterion: maturity, per_year: fast}", "domains[0].assessment.drifts[0].per_year", "expected a number"),
      ("- {criterion: maturity, per_year: 0.1, speed: 2}", "domains[0].assessment.drifts[0]", "speed"),
    ])
  func errors(_ item: String, _ key: String, _ message: String) throws {
    let text = Self.file(drifts: "        " + item)
    do {
      _ = try DomainLoader.parse(text, file: "f.yaml")
      Issue.record("accepted: \(item)")
    } catch {
      let issue = try #require(error.issues.first)
      #expect(issue.key == key || (issue.key ?? "").hasPrefix(key), "\(error.issues)")
      #expect(issue.message.contains(message), "\(issue.message)")
      #expect(issue.line == 11, "\(error.issues)")
    }
  }

  @Test("a criterion drifts once per assessment")
  func duplicate() throws {
    let text = Self.file(
      drifts: """
                - {criterion: maturity, per_year: 0.2}
                - {criterion: maturity, per_year: 0.1}
        """)
    #expect(throws: InputError.self) { try DomainLoader.parse(text, file: "f.yaml") }
  }

  @Test("an export writes the drifts in the input format, and reads back the same")
  func exportRoundTrip() throws {
    let domains = try KnowledgeBase.domains()
    let json = String(decoding: try DomainExport(domains: domains).json(), as: UTF8.self)
    #expect(json.contains("\"per_year\" : 0.2"))
    #expect(json.contains("\"change\" : 1"))
    let again = try DomainLoader.parse(json, file: "export.json")
    #expect(again.map { $0.assessments.map(\.drifts) } == domains.map { $0.assessments.map(\.drifts) })
  }

  // MARK: - The shipped history

  @Test("the essay's migrations have older assessments; the newest stays the current one")
  func shippedHistory() throws {
    let domains = Dictionary(uniqueKeysWithValues: try KnowledgeBase.domains().map { ($0.id, $0) })
    let essay = Day("2021-07-01")!
    let essayIDs = Set(try DomainLoader.parse(KnowledgeBase.domainsText(), file: "knowledge-base.yaml").map(\.id))
    for id in ["solid-earth-physics", "carbon-capture", "direct-air-capture", "covid-19-origins"] {
      let d = try #require(domains[id])
      #expect(d.assessments.count >= 2, "\(id)")
      // The essay's migrations start before the essay.
      #expect(d.assessments.first!.date < essay, "\(id)")
    }
    for d in domains.values {
      // The current judgement is the essay's, or one dated by later evidence.
      #expect(d.current!.date >= essay, "\(d.id)")
      // Every earlier judgement is marked as a reconstruction.
      #expect(d.assessments.dropLast().allSatisfy { ($0.note ?? "").hasPrefix("Retrospective") }, "\(d.id)")
      // A domain whose current judgement rests on later evidence keeps the essay's too.
      // (The essay's domains, that is: those added for screening start at their own date.)
      if d.current!.date > essay && essayIDs.contains(d.id) {
        #expect(d.assessments.contains { $0.date == essay }, "\(d.id)")
      }
    }
  }

  @Test("watch on the knowledge base shows the essay's cases: north-west, maturing left, reframed down")
  func shippedWarnings() throws {
    let rubric = try KnowledgeBase.rubric()
    let warnings = Migration.warnings(try KnowledgeBase.domains(), rubric: rubric)
    func has(_ kind: MigrationKind, _ id: String) -> Bool { warnings.contains { $0.kind == kind && $0.domain == id } }
    #expect(has(.northWest, "solid-earth-physics"))
    #expect(has(.maturingLeft, "carbon-capture"))
    #expect(has(.maturingLeft, "direct-air-capture"))
    #expect(has(.reframedDown, "covid-19-origins"))
    #expect(warnings.first { $0.kind == .reframedDown }?.related == "zoonotic-disease-control")
    // The north-west move is the first warning: the most severe.
    #expect(warnings.first?.kind == .northWest)
    // The history does not move any domain out of the quadrant the essay gives it.
    #expect(!warnings.contains { $0.kind == .quadrantChanged })
  }

  @Test("projections from the shipped drifts, and links that raise solid-earth physics' risk")
  func shippedProjectionsAndLinks() throws {
    let rubric = try KnowledgeBase.rubric()
    let domains = try KnowledgeBase.domains()
    let projected = domains.compactMap {
      Projection.project($0, rubric: rubric, options: .init(years: 5, samples: 1_000))
    }
    #expect(Set(projected.map(\.domain)) == ["solid-earth-physics", "carbon-capture", "direct-air-capture"])
    let dac = try #require(projected.first { $0.domain == "direct-air-capture" })
    #expect(dac.years.last!.gains < dac.from.gains)
    let linked = LinkedRisk.compute(domains, rubric: rubric)
    let earth = try #require(linked["solid-earth-physics"])
    #expect(earth.isRaised && earth.source == "missile-guidance")
    // Fundamental quantum physics is tied to quantum encryption, but its own risk stands.
    #expect(linked["fundamental-quantum-physics"]?.source == "quantum-encryption")
    #expect(linked["fundamental-quantum-physics"]?.isRaised == false)
    // The reframing carries nothing to COVID-19 origins.
    #expect(linked["covid-19-origins"]?.source == nil)
  }
}
