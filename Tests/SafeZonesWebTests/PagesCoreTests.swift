import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing

@testable import SafeZonesWeb

extension PagesTests {
  /// The core helpers the pages rely on: form drafts, filters and history diffs.
  @Suite("core helpers of the pages")
  struct PagesCoreTests {
    static func draft(
      _ scores: [CriterionID: AssessmentDraft.ScoreDraft], assessor: String = "A", date: String = "2026-01-02"
    ) -> AssessmentDraft {
      AssessmentDraft(assessor: assessor, date: date, scores: scores)
    }

    static func issues(_ draft: AssessmentDraft) -> [String: String] {
      do {
        _ = try draft.assessment()
        return [:]
      } catch {
        return Dictionary(error.issues.map { ($0.key ?? "", $0.message) }, uniquingKeysWith: { a, _ in a })
      }
    }

    @Test("a draft becomes an assessment: points, ranges, decimal commas, evidence lines")
    func draftToAssessment() throws {
      let a = try Self.draft([
        .military: .init(likely: " 2,5 ", rationale: "  why  ", evidence: "one\n\n two \n"),
        .parity: .init(likely: "3", low: "2", high: "4"),
        .scale: .init(likely: "3", low: "3", high: "3"),
        .salience: .init(likely: "1", high: "2"),
      ]).assessment()
      #expect(a.scores[.military] == CriterionScore(2.5, rationale: "why", evidence: ["one", "two"]))
      #expect(a.scores[.parity]?.value == .range(low: 2, likely: 3, high: 4))
      #expect(a.scores[.scale]?.value == .point(3))
      #expect(a.scores[.salience]?.value == .range(low: 1, likely: 1, high: 2))
      #expect(a.date.description == "2026-01-02")
    }

    @Test("each problem is reported under its field key")
    func draftIssues() {
      #expect(
        Self.issues(Self.draft([.military: .init(likely: "5")])) == [
          "scores.military": "a score must be between 0 and 4, got 5"
        ])
      #expect(
        Self.issues(Self.draft([.military: .init(likely: "abc")]))["scores.military"]
          == "'abc' is not a number; enter a score from 0 to 4")
      #expect(
        Self.issues(Self.draft([.military: .init(likely: "2", low: "3")]))["scores.military"]?.hasPrefix(
          "range must be ordered") == true)
      #expect(
        Self.issues(Self.draft([.military: .init(likely: "2", high: "9")]))["scores.military.high"]
          == "the high end must be between 0 and 4, got 9")
      #expect(
        Self.issues(Self.draft([.military: .init(low: "1")]))["scores.military"]
          == "a range needs its most likely value too")
      #expect(Self.issues(Self.draft([.military: .init(likely: "nan")]))["scores.military"] != nil)
      #expect(Self.issues(Self.draft([:])) == ["scores": "score at least one criterion"])
      #expect(
        Self.issues(Self.draft([.military: .init(likely: "1")], assessor: " "))["assessor"]
          == "name who made this assessment")
      #expect(
        Self.issues(Self.draft([.military: .init(likely: "1")], date: "01/02/2026"))["date"]?.contains("is not a date")
          == true)
      #expect(Self.issues(Self.draft([.military: .init(likely: "1")], date: ""))["date"] != nil)
    }

    @Test("a domain draft checks id, name and tags with the assessment")
    func domainDraft() throws {
      let assessment = Self.draft([.military: .init(likely: "1")])
      let d = try DomainDraft(
        id: "fusion", name: " Fusion ", tags: "Energy, big science, energy,", assessment: assessment
      ).domain()
      #expect(d.name == "Fusion")
      #expect(d.tags == ["energy", "big-science"])
      do {
        _ = try DomainDraft(id: "Bad ID", name: "", assessment: AssessmentDraft()).domain()
        Issue.record("expected a failure")
      } catch {
        let keys = error.issues.compactMap(\.key)
        #expect(keys.contains("id"))
        #expect(keys.contains("name"))
        #expect(keys.contains("assessor"))
        #expect(keys.contains("date"))
      }
    }

    @Test("a draft started from an assessment shows its values and drops the assessor")
    func startingFrom() throws {
      let a = Assessment(
        assessor: "X", date: Day("2026-01-01")!, perspective: "CN", note: "n",
        scores: [.parity: CriterionScore(.range(low: 1, likely: 2, high: 3.5), rationale: "r", evidence: ["e1", "e2"])])
      let d = AssessmentDraft(startingFrom: a, date: Day("2026-02-02")!)
      #expect(d.assessor == "")
      #expect(d.note == "")
      #expect(d.perspective == "CN")
      #expect(d.date == "2026-02-02")
      #expect(d.scores[.parity] == .init(likely: "2", low: "1", high: "3.5", rationale: "r", evidence: "e1\ne2"))
      var again = d
      again.assessor = "Y"
      #expect(try again.assessment().scores == a.scores)
    }

    @Test("the filter matches quadrant, tag, and id or name without case or accents")
    func filter() throws {
      let rubric = try KnowledgeBase.rubric()
      let domains = try KnowledgeBase.domains()
      let reports = domains.map { PlacedDomain(domain: $0, rubric: rubric) }
      #expect(PlacementFilter().apply(reports).count == reports.count)
      #expect(PlacementFilter().isEmpty)
      #expect(PlacementFilter(quadrants: Set(Quadrant.allCases)).isEmpty)
      #expect(PlacementFilter(quadrants: [.monitor]).apply(reports).allSatisfy { $0.quadrant == .monitor })
      // Accents and case set aside: the same domains as the plain lowercase word.
      let quantum = reports.filter { $0.id.contains("quantum") || $0.name.lowercased().contains("quantum") }.map(\.id)
      #expect(quantum.contains("fundamental-quantum-physics") && quantum.contains("quantum-encryption"))
      #expect(PlacementFilter(query: "QUÁNTUM").apply(reports).map(\.id).sorted() == quantum.sorted())
      #expect(PlacementFilter(tag: "  ").tag == nil)
      #expect(
        PlacementFilter(quadrants: [.monitor, .safeZone], tag: "a", query: "Q").key
          == PlacementFilter(quadrants: [.safeZone, .monitor], tag: "a", query: "q").key)
      #expect(PlacementFilter(quadrants: [.monitor]).key != PlacementFilter().key)
    }

    @Test("the diff lists criteria added, removed, changed and reworded, and the move")
    func diff() throws {
      let rubric = try KnowledgeBase.rubric()
      let day = Day("2026-01-01")!
      let old = Assessment(
        assessor: "A", date: day, perspective: "US",
        scores: [.military: CriterionScore(1), .parity: CriterionScore(2, rationale: "a"), .scale: CriterionScore(3)])
      let new = Assessment(
        assessor: "B", date: day, perspective: "CN",
        scores: [
          .military: CriterionScore(4), .parity: CriterionScore(2, rationale: "b"),
          .salience: CriterionScore(.range(low: 1, likely: 2, high: 3)),
        ])
      let d = AssessmentDiff(from: old, to: new, rubric: rubric)
      #expect(d.changed == [.init(criterion: .military, old: .point(1), new: .point(4))])
      #expect(d.added == [.init(criterion: .salience, value: .range(low: 1, likely: 2, high: 3))])
      #expect(d.removed == [.init(criterion: .scale, value: .point(3))])
      #expect(d.reasonsChanged == [.parity])
      #expect(d.perspectiveChanged)
      #expect(d.moved)
      #expect(d.to.risk > d.from!.risk)
      #expect(!d.scoresUnchanged)

      let first = AssessmentDiff(from: nil, to: old, rubric: rubric)
      #expect(first.from == nil)
      #expect(first.added.count == 3)
      #expect(!first.moved && !first.changedQuadrant)
      #expect(AssessmentDiff(from: old, to: old, rubric: rubric).scoresUnchanged)
    }

    @Test("form field names map to and from issue keys")
    func fieldNames() {
      #expect(FormField.name(for: "scores.military") == "score-military")
      #expect(FormField.name(for: "scores.military.low") == "low-military")
      #expect(FormField.name(for: "scores.public_good.evidence") == "evidence-public_good")
      #expect(FormField.name(for: "scores") == nil)
      #expect(FormField.name(for: "assessor") == "assessor")
      let fields = FormFields(
        urlEncoded: "quadrant=monitor&quadrant=safe-zone&tag=any&q=a+b%20c&score-military=3&low-military=&bad=%zz")
      #expect(fields.placementFilter == PlacementFilter(quadrants: [.monitor, .safeZone], query: "a b c"))
      #expect(fields.assessmentDraft.scores[.military]?.likely == "3")
      #expect(fields["bad"] == "%zz")
    }

    @Test("URLs in evidence become links, only for http and https")
    func linkify() {
      let html = HTMLNode.el(
        "p", [:],
        ViewParts.linkified("See https://a.example/x?y=1&z=\"2\". Or javascript:alert(1), (http://b.example).")
      ).render()
      #expect(html.contains("<a href=\"https://a.example/x?y=1&amp;z=\" rel"))
      #expect(html.contains("<a href=\"http://b.example\" rel"))
      #expect(!html.contains("href=\"javascript"))
    }
  }
}
