import Foundation
import Testing

@testable import SafeZonesCore

@Suite("Sensitivity report, its text, and quantiles as typed")
struct SensitivityReportTests {
  let rubric = Fixtures.rubric()

  /// A domain whose military score is uncertain enough to cross the risk threshold.
  func domain(assessments: [Assessment]? = nil) -> Domain {
    var scores = Fixtures.all(2).mapValues { CriterionScore($0) }
    scores[.military] = CriterionScore(.range(low: 0, likely: 2, high: 4))
    scores[.fundamentality] = CriterionScore(.range(low: 1, likely: 2, high: 3))
    let a = Assessment(assessor: "A", date: Fixtures.day, perspective: "US", scores: scores)
    return Domain(id: "d", name: "Domain D", assessments: assessments ?? [a])
  }

  @Test("the report pools, propagates, sweeps and judges viability; its text draws the tornado")
  func report() throws {
    // act
    let r = try SensitivityReport.make(domain(), rubric: rubric, options: .init(samples: 4_000, seed: 2, threads: 1))
    // check
    #expect(abs(r.placement.probabilities.values.reduce(0, +) - 1) < 1e-3)
    #expect(r.placement.importance != nil, "importance is always computed")
    #expect(r.assessors == ["A"])
    #expect(r.influence.isEmpty)
    #expect(r.tornado.first?.criterion == .military)
    #expect(r.tornado.first?.axis == .risk)
    #expect(r.tornado.contains { $0.criterion == .fundamentality && $0.axis == .gains })
    #expect(r.tornado.filter(\.isFlat).count == CriterionID.allCases.count - 2)
    // The median placement is the scoring of the medians.
    let medians = Dictionary(uniqueKeysWithValues: CriterionID.allCases.map { ($0, 2.0) })
    let (g, risk) = Scoring.axes(medians, rubric: rubric)
    #expect(abs(r.median.gains - g) < 1e-3 && abs(r.median.risk - risk) < 1e-3)
    #expect(r.viability.reasons.contains("no assessment from the CN side yet"))
    #expect(!r.viability.viable)
    let text = TextOutput.sensitivity(r)
    #expect(text.hasPrefix("Sensitivity of Domain D (d)\n"))
    let row = try #require(text.split(separator: "\n").first { $0.hasPrefix("Military applicability") })
    #expect(row.contains("|") && row.contains("-") && row.contains("+"))
    #expect(row.count > 41)
    #expect(text.contains("Judged with certainty (no sweep): "))
    // The US side judged it (all criteria at 2: not acceptable), the CN side has not yet.
    #expect(r.viability.status == .notAcceptable && r.viability.missing == ["CN"])
    #expect(
      text.contains("Not viable: not acceptable from the US side")
        && text.contains("no assessment from the CN side yet."))
    // JSON round-trips through the stable encoder.
    let json = try StableJSONEncoder().encode(r)
    let decoded = try JSONDecoder.snake.decode(SensitivityReport.self, from: json)
    #expect(decoded.tornado == r.tornado)
  }

  @Test("several assessors: influence for each, and the text lists them")
  func several() throws {
    let first = domain().assessments[0]
    var second = first
    second.assessor = "B"
    second.perspective = "CN"
    second.scores[.military] = CriterionScore(
      .quantiles([.init(p: 0.05, value: 3), .init(p: 0.5, value: 3.5), .init(p: 0.95, value: 4)]))
    let r = try SensitivityReport.make(
      domain(assessments: [first, second]), rubric: rubric, options: .init(samples: 2_000, threads: 1))
    #expect(Set(r.influence.map(\.assessor)) == ["A", "B"])
    #expect(Set(r.viability.perspectives.map(\.perspective)) == ["CN", "US"])
    #expect(TextOutput.sensitivity(r).contains("Assessor influence"))
  }

  @Test("quantiles as typed: percents, fractions, p-forms and bare percents; problems in words")
  func parse() {
    func parsed(_ text: String) -> [ElicitedQuantile]? {
      if case .success(let q) = ScoreValue.parseQuantiles(text) { return q }
      return nil
    }
    let expected = [ElicitedQuantile(p: 0.05, value: 1), .init(p: 0.5, value: 2), .init(p: 0.95, value: 3.5)]
    #expect(parsed("5%: 1, 50%: 2, 95%: 3.5") == expected)
    #expect(parsed("0.05=1; 0.5=2; 0.95=3.5") == expected)
    #expect(parsed("p5: 1\np50: 2\np95: 3.5") == expected)
    #expect(parsed("5: 1, 50: 2, 95: 3.5") == expected)
    #expect(ScoreValue.quantileText(expected) == "5%: 1, 50%: 2, 95%: 3.5")
    #expect(parsed(ScoreValue.quantileText(expected)) == expected)
    for bad in ["", "two", "5%: x", "half: 2", "150: 2", "5.5: 1"] {
      guard case .failure(let issue) = ScoreValue.parseQuantiles(bad) else {
        Issue.record("'\(bad)' should be refused")
        continue
      }
      #expect(!issue.message.isEmpty)
    }
  }

  @Test("the assessment draft takes quantiles instead of a score, and reports their problems under .quantiles")
  func draft() throws {
    var draft = AssessmentDraft(assessor: "Q", date: "2026-11-01")
    draft.scores[.military] = .init(quantiles: "5%: 1, 50%: 2, 95%: 3.5")
    let a = try draft.assessment()
    #expect(
      a.scores[.military]?.value
        == .quantiles([.init(p: 0.05, value: 1), .init(p: 0.5, value: 2), .init(p: 0.95, value: 3.5)]))
    // Back into the form: quantiles in their own field, the score empty.
    let fields = AssessmentDraft.ScoreDraft(a.scores[.military]!)
    #expect(fields.quantiles == "5%: 1, 50%: 2, 95%: 3.5" && fields.likely.isEmpty)

    draft.scores[.military] = .init(quantiles: "5%: 3, 50%: 2, 95%: 3.5")
    #expect(throws: InputError.self) { try draft.assessment() }
    do {
      _ = try draft.assessment()
    } catch {
      #expect(error.issues.map(\.key) == ["scores.military.quantiles"])
      #expect(error.issues.first?.message.contains("out of order") == true)
    }
    draft.scores[.military] = .init(likely: "2", quantiles: "5%: 1, 95%: 3")
    do {
      _ = try draft.assessment()
      Issue.record("a score and quantiles together should be refused")
    } catch {
      #expect(error.issues.first?.key == "scores.military.quantiles")
      #expect(error.issues.first?.message.contains("not both") == true)
    }
  }

  @Test("a domain judged through a date keeps only the assessments made by then")
  func judgedThrough() {
    let early = domain().assessments[0]
    var late = early
    late.date = Day(year: 2027, month: 1, day: 1)!
    let d = domain(assessments: [early, late])
    #expect(d.judged(through: Fixtures.day).assessments.count == 1)
    #expect(d.judged(through: nil).assessments.count == 2)
  }
}

extension JSONDecoder {
  static var snake: JSONDecoder {
    let d = JSONDecoder()
    d.keyDecodingStrategy = .convertFromSnakeCase
    return d
  }
}
