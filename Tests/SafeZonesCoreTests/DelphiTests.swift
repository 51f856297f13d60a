import Foundation
import Testing

@testable import SafeZonesCore

/// The pure functions of Delphi rounds: validation, who counts, feedback, convergence and
/// the panel's pooled judgement.
@Suite("Delphi")
struct DelphiTests {
  static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

  static func round(
    _ id: Int = 1, number: Int = 1, status: Round.Status = .closed, domains: [String] = ["alpha", "beta"]
  )
    -> Round
  {
    Round(
      id: id, study: "Panel", number: number, title: "Round \(number)", domainIDs: domains, facilitator: "Fay",
      status: status, openedAt: t0, closedAt: status == .closed ? t0 + 3600 : nil,
      previousRoundID: number > 1 ? id - 1 : nil)
  }

  static func j(
    _ round: Round, _ domain: String, _ assessor: String, _ military: ScoreValue, seq: Int? = nil,
    others: Double = 2
  ) -> RoundJudgement {
    var scores: [CriterionID: CriterionScore] = [.fundamentality: CriterionScore(others)]
    scores[.military] = CriterionScore(military)
    return RoundJudgement(roundID: round.id, domainID: domain, assessor: assessor, scores: scores, sequence: seq)
  }

  @Test("the interquartile range interpolates between order statistics (R type 7)")
  func interquartileRange() {
    #expect(Delphi.interquartileRange([]) == 0)
    #expect(Delphi.interquartileRange([2]) == 0)
    #expect(Delphi.interquartileRange([1, 3]) == 1)
    #expect(Delphi.interquartileRange([4, 1, 3, 2]) == 1.5)
    #expect(Delphi.interquartileRange([2, 2, 2]) == 0)
  }

  @Test("a new round needs a study, a title, a facilitator and well-formed, known domains")
  func newRoundValidation() {
    // act
    let empty = NewRound(study: " ", title: "", domainIDs: [" "], facilitator: "").validate()
    let bad = NewRound(study: "S", title: "T", domainIDs: ["Alpha", "gamma", "alpha"], facilitator: "F")
      .validate(knownDomainIDs: ["alpha"])
    let following = NewRound(study: "", title: "T", domainIDs: ["alpha"], facilitator: "F", after: 3).validate()

    // check
    #expect(empty.map(\.key) == ["study", "title", "facilitator", "domains"])
    #expect(
      bad.map(\.message) == [
        "not a domain id: 'Alpha' (ids use lowercase letters, digits and '-')", "no domain with id 'gamma'",
      ])
    #expect(following.isEmpty, "the study comes from the round it follows")
    #expect(
      NewRound(study: "S", title: "T", domainIDs: ["b", " a ", "b"], facilitator: "F").normalized.domainIDs == [
        "b", "a",
      ])
  }

  @Test("a judgement must be for one of the round's domains, named, scored, and on the scale")
  func judgementValidation() {
    let r = Self.round(status: .open)
    var empty = Self.j(r, "alpha", "Ada", .point(2))
    empty.scores = [:]
    #expect(Self.j(r, "alpha", " Ada ", .point(2)).validate(in: r).isEmpty)
    #expect(Self.j(r, "gamma", "Ada", .point(2)).validate(in: r).map(\.key) == ["domain"])
    #expect(Self.j(r, "alpha", "  ", .point(2)).validate(in: r).map(\.key) == ["assessor"])
    #expect(Self.j(r, "alpha", "Ada", .point(4.5)).validate(in: r, key: "j").map(\.key) == ["j.scores.military"])
    #expect(empty.validate(in: r).map(\.message) == ["score at least one criterion"])
    #expect(Self.j(Self.round(2), "alpha", "Ada", .point(2)).validate(in: r).map(\.key) == ["round"])
  }

  @Test("each assessor's latest judgement counts; order of first submission is kept")
  func latest() {
    let r = Self.round()
    let all = [
      Self.j(r, "beta", "Bo", .point(1), seq: 1), Self.j(r, "alpha", "Ada", .point(1), seq: 1),
      Self.j(r, "alpha", "Bo", .point(3), seq: 1), Self.j(r, "alpha", "Ada", .point(2), seq: 2),
    ]
    let latest = Delphi.latest(all)
    #expect(latest.map(\.domainID) == ["beta", "alpha"])
    #expect(latest[1].judgements.map(\.assessor) == ["Ada", "Bo"])
    #expect(latest[1].judgements[0].scores[.military]?.value == .point(2))
    #expect(Delphi.own(all, assessor: " Ada ")["alpha"]?.sequence == 2)
  }

  @Test("feedback pools every assessor's latest judgement, shows the assessor's own, and names no one else")
  func feedback() throws {
    // setup
    let r = Self.round()
    let judgements = [
      Self.j(r, "alpha", "Ada", .point(1), seq: 1),
      Self.j(r, "alpha", "Zoltan Quist", .range(low: 2, likely: 3, high: 4), seq: 1),
      Self.j(r, "alpha", "Ada", .point(1.5), seq: 2), Self.j(r, "alpha", "Third", .point(3), seq: 1),
    ]

    // act
    let fb = try Delphi.feedback(round: r, judgements: judgements, assessor: "Ada")

    // check
    #expect(fb.domains.map(\.domainID) == ["alpha", "beta"])
    let alpha = fb.domains[0]
    #expect(alpha.assessors == 3)
    let military = try #require(alpha.items.first { $0.criterion == .military })
    let group = try #require(military.group)
    #expect(group.n == 3)
    #expect(group.p05 <= group.p25 && group.p25 <= group.median && group.median <= group.p75 && group.p75 <= group.p95)
    #expect(group.p05 == 1.5 && group.p95 <= 4)
    #expect(military.own?.value == .point(1.5))
    #expect(military.position == .below || military.position == .within)
    #expect(fb.domains[1].items.isEmpty && fb.domains[1].own == nil)
    #expect(fb.participated)
    // Nothing in the feedback names another assessor.
    let everything = String(reflecting: fb)
    #expect(!everything.contains("Zoltan") && !everything.contains("Third"))
    // Identical judges pool to that judge.
    let same = try Delphi.group(
      [Self.j(r, "alpha", "A", .point(2)), Self.j(r, "alpha", "B", .point(2))], domainID: "alpha")
    #expect(same[.military] == GroupDistribution(n: 2, p05: 2, p25: 2, median: 2, p75: 2, p95: 2))
    // No feedback while the round is open.
    #expect(throws: DeliberationError.roundOpen(1)) {
      try Delphi.feedback(round: Self.round(status: .open), judgements: judgements, assessor: "Ada")
    }
  }

  @Test("convergence: the IQR decides, the pooled width breaks ties, and the summary counts both")
  func convergence() throws {
    // setup: military converges; fundamentality keeps its (zero) IQR but ranges narrow; beta widens
    let r1 = Self.round(1, number: 1)
    let r2 = Self.round(2, number: 2)
    func wide(_ r: Round, _ who: String) -> RoundJudgement {
      var j = Self.j(r, "alpha", who, .point(2))
      j.scores[.fundamentality] = CriterionScore(.range(low: 1, likely: 2, high: 3))
      return j
    }
    var a1 = wide(r1, "A")
    a1.scores[.military] = CriterionScore(1)
    var b1 = wide(r1, "B")
    b1.scores[.military] = CriterionScore(3)
    let a2 = Self.j(r2, "alpha", "A", .point(2))
    let b2 = Self.j(r2, "alpha", "B", .point(2.5))
    let history = [
      (r2, [a2, b2, Self.j(r2, "beta", "A", .point(0)), Self.j(r2, "beta", "B", .point(4))]),
      (r1, [a1, b1, Self.j(r1, "beta", "A", .point(2)), Self.j(r1, "beta", "B", .point(2))]),
    ]

    // act
    let c = try Delphi.convergence(history)

    // check
    #expect(c.rounds.map(\.number) == [1, 2])
    func row(_ d: String, _ id: CriterionID) -> Convergence.Row? {
      c.rows.first { $0.domainID == d && $0.criterion == id }
    }
    #expect(row("alpha", .military)?.spreads.map { $0?.iqr } == [1, 0.25])
    #expect(row("alpha", .military)?.changes.first??.trend == .narrowed)
    #expect(row("alpha", .fundamentality)?.spreads.map { $0?.iqr } == [0, 0])
    #expect(row("alpha", .fundamentality)?.changes.first??.trend == .narrowed, "same IQR, narrower pooled band")
    #expect(row("beta", .military)?.changes.first??.trend == .widened)
    #expect(row("beta", .fundamentality)?.changes.first??.trend == .unchanged)
    #expect(c.latest == Convergence.Summary(from: 1, to: 2, narrowed: 2, widened: 1, unchanged: 1))
  }

  @Test("the panel's judgement: a point where everyone agrees, pooled quantiles elsewhere")
  func consensus() throws {
    let r = Self.round()
    let adopted = try Delphi.consensus(
      round: r,
      judgements: [Self.j(r, "alpha", "A", .point(1)), Self.j(r, "alpha", "B", .range(low: 2, likely: 3, high: 4))],
      date: Day("2026-12-01")!)
    #expect(adopted.map(\.domainID) == ["alpha"], "beta, judged by nobody, is left out")
    let a = adopted[0].assessment
    #expect(a.assessor == "Delphi panel: Panel, round 1")
    #expect(a.scores[.fundamentality]?.value == .point(2))
    guard case .quantiles(let q)? = a.scores[.military]?.value else {
      Issue.record("military should be pooled quantiles")
      return
    }
    #expect(q.map(\.p) == [0.05, 0.25, 0.5, 0.75, 0.95])
    #expect(Elicitation.problems(q).isEmpty)
    #expect(a.validate(key: "a").isEmpty)
  }

  @Test("the answer sheet quotes every text so YAML reads it back unchanged")
  func sheetQuoting() {
    #expect(AnswerSheet.quoted("plain") == "\"plain\"")
    #expect(AnswerSheet.quoted("a \"b\" \\ c\nd\te") == "\"a \\\"b\\\" \\\\ c\\nd\\te\"")
    #expect(AnswerSheet.quoted("bell\u{7}") == "\"bell\\u0007\"")
    #expect(AnswerSheet.comment("two\nlines") == "two lines")
    #expect(AnswerSheet.value(.range(low: 1, likely: 2, high: 3.5)) == "[1, 2, 3.5]")
  }
}
