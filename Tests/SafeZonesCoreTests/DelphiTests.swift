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

  /// A judgement of alpha's military applicability with a rationale.
  static func said(_ r: Round, _ who: String, _ value: ScoreValue, _ why: String?) -> RoundJudgement {
    var j = Self.j(r, "alpha", who, value)
    j.scores[.military] = CriterionScore(value, rationale: why)
    return j
  }

  @Test("feedback shows the previous round, every value and rationale without names, and the reader's own")
  func feedbackAgainstPreviousRound() throws {
    // setup: three answer round 1; Cy drops out of round 2, where Ada and Bo move closer
    let r1 = Self.round(1, number: 1)
    let r2 = Self.round(2, number: 2)
    let first = [
      Self.said(r1, "Ada", .point(1), "Dual use is remote."), Self.said(r1, "Bo", .point(3), nil),
      Self.said(r1, "Cy Outlier", .point(4), "Navies already buy it."),
    ]
    let second = [
      Self.said(r2, "Bo", .range(low: 2, likely: 2.5, high: 3), "  Export controls exist.  "),
      Self.said(r2, "Ada", .point(2), "Moved up after the drone reports."),
      Self.said(r2, "Ada", .point(2), "Moved up after the drone reports."),
    ]

    // act
    let fb = try Delphi.feedback(round: r2, judgements: second, assessor: "Ada", previous: (r1, first))

    // check
    #expect(fb.previous?.id == 1)
    let alpha = fb.domains[0]
    #expect(alpha.assessors == 2 && alpha.previousAssessors == 3)
    #expect(fb.domains[1].previousAssessors == 0)
    let item = try #require(alpha.items.first { $0.criterion == .military })
    #expect(item.group?.n == 2 && item.previous?.n == 3)
    #expect(
      item.values == [
        .init(low: 2, likely: 2, high: 2), .init(low: 2, likely: 2.5, high: 3),
      ])
    #expect(item.values.map(\.isRange) == [false, true])
    #expect(item.previousValues.map(\.likely) == [1, 3, 4])
    #expect(item.own?.value == .point(2) && item.previousOwn?.value == .point(1))
    // This round's rationales only, trimmed, sorted by value then text; Ada's is hers.
    #expect(item.rationales.map(\.text) == ["Moved up after the drone reports.", "Export controls exist."])
    #expect(item.rationales.map(\.isOwn) == [true, false])
    // The narrowing is partly Cy's absence; Ada and Bo did converge.
    let change = try #require(item.change)
    #expect(change.trend == .narrowed && change.caveat == .dropout)
    #expect(change.before.iqr == 1.5 && change.after.iqr == 0.25)
    #expect(
      change.panel == Convergence.Panel(before: 3, after: 2, stayed: 2, stayedRangeBefore: 2, stayedRangeAfter: 0.5))
    #expect(change.trendText.hasPrefix("Narrowed: the IQR went from 1.5 to 0.25; the 90% band went from "))
    #expect(change.panelText == "N fell from 3 to 2: the narrowing partly reflects a missing panellist.")
    #expect(change.stayedText == "Among the 2 who answered both rounds the range went from 2 to 0.5: they converged.")
    #expect(change.note == "\(change.trendText) \(change.panelText) \(change.stayedText!)")
    // Fundamentality: the same 2, same values, but Cy's 2 is gone: N fell, nothing narrowed.
    let fundamentality = try #require(alpha.items.first { $0.criterion == .fundamentality }?.change)
    #expect(fundamentality.trend == .unchanged && fundamentality.caveat == .panelChanged)
    #expect(fundamentality.panelText == "N fell from 3 to 2.")
    #expect(
      fundamentality.stayedText
        == "Among the 2 who answered both rounds the range stayed at 0: they agreed in both rounds.")
    // Nothing names Bo or Cy.
    let everything = String(reflecting: fb)
    #expect(!everything.contains("Bo\"") && !everything.contains("Cy") && !everything.contains("Outlier"))
    // Without the previous round: no comparison.
    let alone = try Delphi.feedback(round: r2, judgements: second, assessor: "Ada")
    #expect(alone.domains[0].items[1].change == nil && alone.domains[0].previousAssessors == nil)
    #expect(alone.domains[0].items.first { $0.criterion == .military }?.previousValues == [])
  }

  @Test("narrowing that is only drop-out: those who stayed moved apart")
  func narrowingByDropout() throws {
    let r1 = Self.round(1, number: 1)
    let r2 = Self.round(2, number: 2)
    let c = try Delphi.convergence([
      (
        r1,
        [Self.j(r1, "alpha", "A", .point(2)), Self.j(r1, "alpha", "B", .point(2)), Self.j(r1, "alpha", "C", .point(4))]
      ),
      (r2, [Self.j(r2, "alpha", "A", .point(1.5)), Self.j(r2, "alpha", "B", .point(2.5))]),
    ])
    let row = try #require(c.rows.first { $0.criterion == .military })
    let change = try #require(row.changes[0])
    #expect(change.before.iqr == 1 && change.after.iqr == 0.5)
    #expect(change.caveat == .dropout)
    #expect(
      change.note.hasSuffix(
        "N fell from 3 to 2: the narrowing partly reflects a missing panellist. Among the 2 who answered both rounds the range went from 0 to 1: they moved apart."
      ))
    // The summary counts rows whose N changed and narrowings while N fell.
    #expect(
      c.latest
        == Convergence.Summary(
          from: 1, to: 2, narrowed: 1, widened: 0, unchanged: 1, nChanged: 2, narrowedWhileNFell: 1))
  }

  @Test("the panel notes: the same panel, newcomers, a swap, one or no one staying")
  func panelNotes() {
    func change(_ trend: Convergence.Trend, _ panel: Convergence.Panel) -> Convergence.Change {
      let s = Convergence.Spread(n: panel.before, iqr: 1, pooledWidth: 2, median: 2)
      var after = s
      after.n = panel.after
      return Convergence.Change(iqr: 0, pooledWidth: 0, trend: trend, before: s, after: after, panel: panel)
    }
    let same = change(.narrowed, .init(before: 3, after: 3, stayed: 3, stayedRangeBefore: 2, stayedRangeAfter: 1))
    #expect(same.caveat == nil && same.stayedText == nil)
    #expect(same.panelText == "The same 3 panellists answered both rounds.")
    #expect(same.trendText == "Narrowed: the IQR stayed at 1; the 90% band stayed at 2.")
    let joined = change(.widened, .init(before: 2, after: 4, stayed: 2, stayedRangeBefore: 1, stayedRangeAfter: 1))
    #expect(joined.caveat == .newcomers)
    #expect(joined.panelText == "N rose from 2 to 4: the widening partly reflects 2 panellists who joined.")
    let swap = change(.narrowed, .init(before: 2, after: 2, stayed: 1, stayedRangeBefore: 0, stayedRangeAfter: 0))
    #expect(swap.caveat == .panelChanged)
    #expect(swap.panelText == "N stayed at 2, but 1 panellist left and 1 joined.")
    #expect(
      swap.stayedText
        == "Only 1 panellist answered both rounds, so there is no spread among those who stayed to compare.")
    let twoGone = change(.narrowed, .init(before: 4, after: 2, stayed: 0, stayedRangeBefore: 0, stayedRangeAfter: 0))
    #expect(twoGone.panelText == "N fell from 4 to 2: the narrowing partly reflects 4 missing panellists.")
    #expect(twoGone.stayedText == "Nobody answered both rounds.")
  }

  @Test("who has not answered: the previous round's panel and this round's, per domain")
  func unanswered() {
    // setup: Ada, Bo and Cy answered round 1; in round 2 Ada judges both domains, Bo only
    // alpha, Dee (new) only beta, Cy nothing
    let r1 = Self.round(1, number: 1)
    let r2 = Self.round(2, number: 2, status: .open)
    let previous = [
      Self.j(r1, "alpha", "Ada", .point(1)), Self.j(r1, "beta", "Bo", .point(1)), Self.j(r1, "alpha", "Cy", .point(1)),
      Self.j(Self.round(7), "alpha", "Elsewhere", .point(1)),
    ]
    let now = [
      Self.j(r2, "alpha", "Ada", .point(2)), Self.j(r2, "beta", "Dee", .point(2)), Self.j(r2, "alpha", "Bo", .point(2)),
      Self.j(r2, "beta", "Ada", .point(2)),
    ]

    // act
    let u = Delphi.unanswered(round: r2, judgements: now, previousJudgements: previous)

    // check
    #expect(u.panel == ["Ada", "Bo", "Cy", "Dee"], "another round's assessors are not expected")
    #expect(u.domains.map(\.domainID) == ["alpha", "beta"])
    #expect(u.domains.map(\.missing) == [["Cy", "Dee"], ["Bo", "Cy"]])
    #expect(u.silent == ["Cy"])
    #expect(!u.isComplete)
    // Round 1 alone: its own submitters are the panel.
    let first = Delphi.unanswered(round: Self.round(1, number: 1, status: .open), judgements: previous)
    #expect(first.panel == ["Ada", "Bo", "Cy"])
    #expect(first.domains.map(\.missing) == [["Bo"], ["Ada", "Cy"]])
    #expect(Delphi.unanswered(round: r2, judgements: []).panel.isEmpty)
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
