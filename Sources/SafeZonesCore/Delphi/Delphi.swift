import Foundation

/// A group's pooled judgement of one criterion: the linear opinion pool of every
/// assessor's latest judgement in a round, summarised by its quantiles. It names no one.
public struct GroupDistribution: Sendable, Hashable, Codable {
  /// How many assessors scored the criterion.
  public var n: Int
  public var p05: Double
  public var p25: Double
  public var median: Double
  public var p75: Double
  public var p95: Double

  public init(n: Int, p05: Double, p25: Double, median: Double, p75: Double, p95: Double) {
    self.n = n
    self.p05 = p05
    self.p25 = p25
    self.median = median
    self.p75 = p75
    self.p95 = p95
  }

  /// The summary of a pooled criterion.
  public init(_ pooled: PooledCriterion) {
    let t = pooled.table
    self.init(
      n: pooled.judges, p05: t.quantile(0.05), p25: t.quantile(0.25), median: t.median, p75: t.quantile(0.75),
      p95: t.quantile(0.95))
  }

  /// The pool's interquartile range, p75 − p25.
  public var iqr: Double { p75 - p25 }
  /// The width of the pool's central 90% band, p95 − p05.
  public var width90: Double { p95 - p05 }

  /// Where a value lies relative to the middle half of the group.
  public func position(of value: Double) -> Delphi.Position {
    let tolerance = 1e-9
    if value < p25 - tolerance { return .below }
    if value > p75 + tolerance { return .above }
    return .within
  }

  /// `median 2.5, IQR 2–3, 90% 1.2–3.8 (n = 3)`.
  public var text: String {
    "median \(Format.number(median, digits: 2)), IQR \(Format.number(p25, digits: 2))–\(Format.number(p75, digits: 2)), 90% \(Format.number(p05, digits: 2))–\(Format.number(p95, digits: 2)) (n = \(n))"
  }
}

/// What an assessor sees after a round closes: per domain and criterion, the anonymous
/// group distribution beside their own latest judgement, the previous round's beside it,
/// every panellist's value and rationale without names, and how the spread moved.
public struct RoundFeedback: Sendable, Hashable {
  public struct Item: Sendable, Hashable {
    public var criterion: CriterionID
    /// `nil` when no assessor scored the criterion.
    public var group: GroupDistribution?
    /// The assessor's own latest score, `nil` when they did not give one.
    public var own: CriterionScore?
    /// The previous round's group distribution: `nil` without a previous round, or when
    /// nobody scored the criterion in it.
    public var previous: GroupDistribution? = nil
    /// Every panellist's latest value in this round (the assessor's own included), without
    /// names, sorted by value (`Value` order), so that a chart can draw each as a dot.
    public var values: [Value] = []
    /// The previous round's values, likewise.
    public var previousValues: [Value] = []
    /// The assessor's own score in the previous round.
    public var previousOwn: CriterionScore? = nil
    /// The rationales every panellist gave for this criterion in this round, without names,
    /// sorted by value then text (`Rationale` order); the assessor's own marked.
    public var rationales: [Rationale] = []
    /// How the spread moved since the previous round, and how much of it is the panel
    /// changing (`Convergence.Change.note`). `nil` without a previous round, or when the
    /// criterion was not scored in both.
    public var change: Convergence.Change? = nil

    /// Where the assessor's most likely value lies relative to the group's middle half.
    public var position: Delphi.Position? {
      guard let group, let own else { return nil }
      return group.position(of: own.value.likely)
    }
  }

  public struct DomainFeedback: Sendable, Hashable {
    public var domainID: String
    /// How many assessors judged the domain in the round.
    public var assessors: Int
    /// How many judged it in the previous round (`nil` without a previous round).
    public var previousAssessors: Int? = nil
    /// The assessor's own latest judgement of the domain, if any.
    public var own: RoundJudgement?
    /// One item per criterion scored by anyone, in rubric order.
    public var items: [Item]
  }

  public var round: Round
  public var assessor: String
  /// In the round's domain order.
  public var domains: [DomainFeedback]
  /// The study's round before this one, when its judgements were given to `Delphi.feedback`.
  public var previous: Round? = nil

  /// `true` when the assessor judged at least one domain of the round.
  public var participated: Bool { domains.contains { $0.own != nil } }
}

/// How the spread of the panel's judgements changed from round to round.
public struct Convergence: Sendable, Hashable {
  /// The spread of one criterion of one domain in one round.
  public struct Spread: Sendable, Hashable {
    /// Assessors who scored the criterion.
    public var n: Int
    /// Interquartile range of the assessors' most likely values (disagreement).
    public var iqr: Double
    /// Width of the pooled distribution's 90% band, p95 − p05 (disagreement and each
    /// assessor's own uncertainty).
    public var pooledWidth: Double
    /// Median of the pooled distribution.
    public var median: Double
  }

  public enum Trend: String, Sendable, Hashable, Codable, CaseIterable {
    case narrowed, widened, unchanged
  }

  /// The change between two consecutive rounds.
  public struct Change: Sendable, Hashable {
    /// IQR in the later round minus IQR in the earlier one (negative = converging).
    public var iqr: Double
    /// Pooled 90% width, later minus earlier.
    public var pooledWidth: Double
    public var trend: Trend
    /// The spreads compared.
    public var before: Spread
    public var after: Spread
    /// Who scored the criterion in each round, and the spread among those who scored it in
    /// both (`Delphi+Panel.swift`): what separates real narrowing from drop-out.
    public var panel: Panel
  }

  public struct Row: Sendable, Hashable {
    public var domainID: String
    public var criterion: CriterionID
    /// One per round, `nil` when nobody scored the criterion in that round.
    public var spreads: [Spread?]
    /// One per pair of consecutive rounds, `nil` when either round has no spread.
    public var changes: [Change?]
  }

  /// How many criteria narrowed, widened or stayed between two consecutive rounds.
  public struct Summary: Sendable, Hashable {
    /// Round numbers compared.
    public var from: Int
    public var to: Int
    public var narrowed: Int
    public var widened: Int
    public var unchanged: Int
    /// Rows compared whose number of panellists changed between the two rounds.
    public var nChanged: Int = 0
    /// Rows that narrowed while their number of panellists fell (`Caveat.dropout`): the
    /// narrowing partly reflects missing panellists.
    public var narrowedWhileNFell: Int = 0
    /// Rows with a spread in both rounds.
    public var compared: Int { narrowed + widened + unchanged }
  }

  /// Oldest first.
  public var rounds: [Round]
  /// Per domain (in order of first appearance) and criterion (rubric order).
  public var rows: [Row]
  /// One per pair of consecutive rounds.
  public var summaries: [Summary]

  /// The comparison of the last two rounds.
  public var latest: Summary? { summaries.last }
}

/// The pure functions of a Delphi deliberation: who counts, group feedback, convergence,
/// and the panel's pooled judgement.
public enum Delphi {
  /// Where an assessor's value lies relative to the group's interquartile range.
  public enum Position: String, Sendable, Hashable, Codable {
    case below, within, above
  }

  /// Most domains one round may ask about.
  public static let maxDomainsPerRound = 200

  /// A change of the IQR (or, when the IQR did not move, of the pooled 90% width) smaller
  /// than this, on the 0–4 scale, counts as unchanged.
  public static let tolerance = 0.005

  /// The judgements that count: per domain, each assessor's latest (highest sequence; on
  /// equal or missing sequences, the later in `judgements`). Domains in order of first
  /// submission, assessors in order of their first submission for that domain.
  public static func latest(_ judgements: [RoundJudgement]) -> [(domainID: String, judgements: [RoundJudgement])] {
    var domainOrder: [String] = []
    var byDomain: [String: (order: [String], latest: [String: RoundJudgement])] = [:]
    for j in judgements {
      if byDomain[j.domainID] == nil {
        domainOrder.append(j.domainID)
        byDomain[j.domainID] = ([], [:])
      }
      if let existing = byDomain[j.domainID]!.latest[j.assessor] {
        if (j.sequence ?? Int.max) >= (existing.sequence ?? Int.min) { byDomain[j.domainID]!.latest[j.assessor] = j }
      } else {
        byDomain[j.domainID]!.order.append(j.assessor)
        byDomain[j.domainID]!.latest[j.assessor] = j
      }
    }
    return domainOrder.map { id in
      let entry = byDomain[id]!
      return (id, entry.order.map { entry.latest[$0]! })
    }
  }

  /// The anonymous group distribution of each criterion of one domain: the linear pool of
  /// the given judgements (each assessor's latest), with equal weights.
  public static func group(
    _ judgements: [RoundJudgement], domainID: String
  ) throws(InputError)
    -> [CriterionID: GroupDistribution]
  {
    guard !judgements.isEmpty else { return [:] }
    var judges: [Judge] = []
    for j in judgements {
      // Weights are equal in a Delphi panel: every assessor's latest judgement counts once.
      judges.append(try Judge(j.assessment(date: Day(year: 2000, month: 1, day: 1)!), weight: 1))
    }
    return try Pooling.pool(judges, id: domainID, method: .linear).criteria.mapValues(GroupDistribution.init)
  }

  /// Each assessor's latest judgement of each domain in `round` (judgements of other
  /// rounds ignored), by domain id.
  static func latestByDomain(round: Round, judgements: [RoundJudgement]) -> [String: [RoundJudgement]] {
    Dictionary(
      uniqueKeysWithValues: latest(judgements.filter { $0.roundID == round.id }).map { ($0.domainID, $0.judgements) })
  }

  /// Every domain's group distributions in a round (no names), in the round's domain order.
  public static func groups(
    round: Round, judgements: [RoundJudgement]
  ) throws(InputError) -> [(
    domainID: String, assessors: Int, criteria: [CriterionID: GroupDistribution]
  )] {
    let latest = latestByDomain(round: round, judgements: judgements)
    var out: [(String, Int, [CriterionID: GroupDistribution])] = []
    for id in round.domainIDs {
      let js = latest[id] ?? []
      out.append((id, js.count, try group(js, domainID: id)))
    }
    return out
  }

  /// The feedback of a closed round for one assessor: per domain and criterion the
  /// anonymous group distribution (linear pool of every assessor's latest judgement, the
  /// assessor's own included) beside the assessor's own latest value; every panellist's
  /// value and rationale without names, sorted so that order says nothing of who; and,
  /// given the `previous` round of the study with its judgements, that round's group and
  /// values and how the spread moved, separating narrowing from drop-out
  /// (`Convergence.Change.note`). Nothing in it names another assessor. Throws
  /// `.roundOpen` while the round is open.
  public static func feedback(
    round: Round, judgements: [RoundJudgement], assessor: String,
    previous: (round: Round, judgements: [RoundJudgement])? = nil
  ) throws(DeliberationError)
    -> RoundFeedback
  {
    guard round.status == .closed else { throw .roundOpen(round.id) }
    let name = assessor.trimmingCharacters(in: .whitespacesAndNewlines)
    let latest = latestByDomain(round: round, judgements: judgements)
    let earlier = previous.map { latestByDomain(round: $0.round, judgements: $0.judgements) }
    var domains: [RoundFeedback.DomainFeedback] = []
    for id in round.domainIDs {
      let js = latest[id] ?? []
      let before: [RoundJudgement]? = earlier.map { $0[id] ?? [] }
      let groups: [CriterionID: GroupDistribution]
      var previousGroups: [CriterionID: GroupDistribution] = [:]
      do {
        groups = try group(js, domainID: id)
        if let before { previousGroups = try group(before, domainID: id) }
      } catch {
        throw .invalid(error)
      }
      let own = js.first { $0.assessor == name }
      let criteria = CriterionID.allCases.filter { groups[$0] != nil || own?.scores[$0] != nil }
      domains.append(
        .init(
          domainID: id, assessors: js.count, previousAssessors: before?.count, own: own,
          items: criteria.map {
            item($0, group: groups[$0], judgements: js, previous: before, previousGroup: previousGroups[$0], name: name)
          }))
    }
    return RoundFeedback(round: round, assessor: name, domains: domains, previous: previous?.round)
  }

  /// The assessor's latest judgement of each domain in a round, keyed by domain id.
  public static func own(_ judgements: [RoundJudgement], assessor: String) -> [String: RoundJudgement] {
    let name = assessor.trimmingCharacters(in: .whitespacesAndNewlines)
    var out: [String: RoundJudgement] = [:]
    for (domainID, js) in latest(judgements) {
      if let mine = js.first(where: { $0.assessor == name }) { out[domainID] = mine }
    }
    return out
  }

  /// Who has submitted, per domain of the round (names in order of first submission), and
  /// every assessor of the round. For the facilitator: feedback never shows names.
  public static func participation(
    round: Round, judgements: [RoundJudgement]
  ) -> (
    perDomain: [(domainID: String, assessors: [String], submissions: Int)], assessors: [String]
  ) {
    let relevant = judgements.filter { $0.roundID == round.id }
    let latest = latestByDomain(round: round, judgements: relevant)
    var all: [String] = []
    for j in relevant where !all.contains(j.assessor) { all.append(j.assessor) }
    let perDomain = round.domainIDs.map { id in
      (id, (latest[id] ?? []).map(\.assessor), relevant.filter { $0.domainID == id }.count)
    }
    return (perDomain, all)
  }

  // MARK: - Convergence

  /// The interquartile range of values (linear interpolation between order statistics,
  /// the "type 7" quantile of R and numpy's default): 0 for fewer than two values.
  public static func interquartileRange(_ values: [Double]) -> Double {
    guard values.count >= 2 else { return 0 }
    let sorted = values.sorted()
    return Simulator.sortedQuantile(sorted, 0.75) - Simulator.sortedQuantile(sorted, 0.25)
  }

  /// The spread of every criterion of every domain in each round, and how it changed
  /// between consecutive rounds.
  ///
  /// Per round, only each assessor's latest judgement counts. The spread is the
  /// interquartile range of the assessors' most likely values (how much they disagree)
  /// and the width of the linear pool's 90% band (disagreement plus each assessor's own
  /// uncertainty). A criterion **narrowed** when its IQR fell by more than `tolerance`,
  /// or the IQR stayed within `tolerance` and the pooled width fell by more than
  /// `tolerance`; **widened** likewise upwards; otherwise **unchanged**.
  ///
  /// - Parameter rounds: the rounds with their judgements, in any order (sorted by number).
  public static func convergence(
    _ rounds: [(round: Round, judgements: [RoundJudgement])]
  ) throws(InputError)
    -> Convergence
  {
    let ordered = rounds.sorted { $0.round.number < $1.round.number }
    var domainOrder: [String] = []
    for r in ordered { for id in r.round.domainIDs where !domainOrder.contains(id) { domainOrder.append(id) } }

    // spreads[round index][domain][criterion]; judged[round index][domain]: the latest judgements
    var spreads: [[String: [CriterionID: Convergence.Spread]]] = []
    var judged: [[String: [RoundJudgement]]] = []
    for r in ordered {
      var perDomain: [String: [CriterionID: Convergence.Spread]] = [:]
      let byDomain = latestByDomain(round: r.round, judgements: r.judgements)
      for (domainID, js) in byDomain {
        let groups = try group(js, domainID: domainID)
        var perCriterion: [CriterionID: Convergence.Spread] = [:]
        for (criterion, g) in groups { perCriterion[criterion] = spread(js, g, criterion) }
        perDomain[domainID] = perCriterion
      }
      spreads.append(perDomain)
      judged.append(byDomain)
    }

    var rows: [Convergence.Row] = []
    var summaries = zip(ordered, ordered.dropFirst()).map {
      Convergence.Summary(from: $0.round.number, to: $1.round.number, narrowed: 0, widened: 0, unchanged: 0)
    }
    for domainID in domainOrder {
      for criterion in CriterionID.allCases {
        let perRound = spreads.map { $0[domainID]?[criterion] }
        guard perRound.contains(where: { $0 != nil }) else { continue }
        var changes: [Convergence.Change?] = []
        for i in perRound.indices.dropFirst() {
          guard let before = perRound[i - 1], let after = perRound[i] else {
            changes.append(nil)
            continue
          }
          let change = Self.change(
            from: before, to: after,
            panel: panel(before: judged[i - 1][domainID] ?? [], after: judged[i][domainID] ?? [], criterion: criterion))
          changes.append(change)
          switch change.trend {
          case .narrowed: summaries[i - 1].narrowed += 1
          case .widened: summaries[i - 1].widened += 1
          case .unchanged: summaries[i - 1].unchanged += 1
          }
          if before.n != after.n { summaries[i - 1].nChanged += 1 }
          if change.caveat == .dropout { summaries[i - 1].narrowedWhileNFell += 1 }
        }
        rows.append(Convergence.Row(domainID: domainID, criterion: criterion, spreads: perRound, changes: changes))
      }
    }
    return Convergence(rounds: ordered.map(\.round), rows: rows, summaries: summaries)
  }

  static func change(
    from before: Convergence.Spread, to after: Convergence.Spread, panel: Convergence.Panel
  ) -> Convergence.Change {
    let dIQR = after.iqr - before.iqr
    let dWidth = after.pooledWidth - before.pooledWidth
    let trend: Convergence.Trend
    if dIQR < -tolerance {
      trend = .narrowed
    } else if dIQR > tolerance {
      trend = .widened
    } else if dWidth < -tolerance {
      trend = .narrowed
    } else if dWidth > tolerance {
      trend = .widened
    } else {
      trend = .unchanged
    }
    return Convergence.Change(
      iqr: dIQR, pooledWidth: dWidth, trend: trend, before: before, after: after, panel: panel)
  }

  // MARK: - Adopting the panel's judgement

  /// The name under which a round's pooled judgement is adopted as an assessment.
  public static func panelName(_ round: Round) -> String { "Delphi panel: \(round.study), round \(round.number)" }

  /// The panel's pooled judgement of each domain of a closed round, as an assessment dated
  /// `date`: per criterion the linear pool's 5th, 25th, 50th, 75th and 95th percentiles as
  /// elicited quantiles (a single score when the whole panel gave the same exact value).
  /// Domains nobody judged are left out.
  public static func consensus(
    round: Round, judgements: [RoundJudgement], date: Day
  ) throws(DeliberationError)
    -> [(domainID: String, assessment: Assessment)]
  {
    guard round.status == .closed else { throw .roundOpen(round.id) }
    let groups: [(domainID: String, assessors: Int, criteria: [CriterionID: GroupDistribution])]
    do { groups = try Self.groups(round: round, judgements: judgements) } catch { throw .invalid(error) }
    var out: [(String, Assessment)] = []
    for g in groups where g.assessors > 0 {
      var scores: [CriterionID: CriterionScore] = [:]
      for (criterion, d) in g.criteria {
        let r = { (v: Double) in Format.rounded(v, digits: 3) }
        let values = [r(d.p05), r(d.p25), r(d.median), r(d.p75), r(d.p95)]
        let value: ScoreValue =
          Set(values).count == 1
          ? .point(values[0])
          : .quantiles(zip([0.05, 0.25, 0.5, 0.75, 0.95], values).map { ElicitedQuantile(p: $0, value: $1) })
        scores[criterion] = CriterionScore(
          value, rationale: "Linear pool of \(d.n) assessor\(d.n == 1 ? "" : "s") in round \(round.number): \(d.text).")
      }
      let note =
        "Pooled judgement of \(g.assessors) assessor\(g.assessors == 1 ? "" : "s") in round \(round.number) (“\(round.title)”) of the Delphi study '\(round.study)', facilitated by \(round.facilitator)."
      out.append((g.domainID, Assessment(assessor: panelName(round), date: date, note: note, scores: scores)))
    }
    return out
  }
}
