import Foundation

// The panel behind the numbers: each panellist's value and rationale without names, who
// answered both rounds (so that narrowing is told apart from drop-out), and who has not
// answered yet.

extension RoundFeedback {
  /// One panellist's value of one criterion, without a name: the most likely value and the
  /// range around it (equal to it for a point score; a quantile score's lowest and highest
  /// quantiles).
  public struct Value: Sendable, Hashable, Comparable {
    public var low: Double
    public var likely: Double
    public var high: Double

    public init(low: Double, likely: Double, high: Double) {
      self.low = low
      self.likely = likely
      self.high = high
    }

    public init(_ value: ScoreValue) { self.init(low: value.low, likely: value.likely, high: value.high) }

    /// `true` when the value has a range around it.
    public var isRange: Bool { low < likely || high > likely }

    /// By most likely value, then low end, then high end: an order that follows the values
    /// and says nothing about who gave them.
    public static func < (a: Value, b: Value) -> Bool {
      (a.likely, a.low, a.high) < (b.likely, b.low, b.high)
    }
  }

  /// A rationale given for a criterion, without a name.
  public struct Rationale: Sendable, Hashable, Comparable {
    public var text: String
    /// The score it was given with.
    public var value: ScoreValue
    /// `true` for the reader's own.
    public var isOwn: Bool

    public init(text: String, value: ScoreValue, isOwn: Bool) {
      self.text = text
      self.value = value
      self.isOwn = isOwn
    }

    /// By most likely value, then text (then the reader's own last among equals): the order
    /// of submission, which could tell who wrote what, is lost.
    public static func < (a: Rationale, b: Rationale) -> Bool {
      if a.value.likely != b.value.likely { return a.value.likely < b.value.likely }
      if a.text != b.text { return a.text < b.text }
      return !a.isOwn && b.isOwn
    }
  }
}

extension Convergence {
  /// Who scored one criterion of one domain in two consecutive rounds, and how far apart
  /// those who scored it in both were in each: counts and spreads, never names.
  public struct Panel: Sendable, Hashable {
    /// Panellists who scored the criterion in the earlier round.
    public var before: Int
    /// Panellists who scored it in the later round.
    public var after: Int
    /// Panellists who scored it in both.
    public var stayed: Int
    /// The range (highest minus lowest most likely value) among those who stayed, in the
    /// earlier round and in the later one; 0 when fewer than two stayed.
    public var stayedRangeBefore: Double
    public var stayedRangeAfter: Double

    public init(before: Int, after: Int, stayed: Int, stayedRangeBefore: Double, stayedRangeAfter: Double) {
      self.before = before
      self.after = after
      self.stayed = stayed
      self.stayedRangeBefore = stayedRangeBefore
      self.stayedRangeAfter = stayedRangeAfter
    }

    /// Answered the earlier round only.
    public var left: Int { before - stayed }
    /// Answered the later round only.
    public var joined: Int { after - stayed }
    /// The same panellists in both rounds.
    public var isSame: Bool { left == 0 && joined == 0 }

    /// How the range among those who stayed moved (same tolerance as the trend); `nil`
    /// when fewer than two stayed.
    public var stayedTrend: Trend? {
      guard stayed >= 2 else { return nil }
      let d = stayedRangeAfter - stayedRangeBefore
      return d < -Delphi.tolerance ? .narrowed : d > Delphi.tolerance ? .widened : .unchanged
    }
  }

  /// Why a change should be read with care.
  public enum Caveat: String, Sendable, Hashable, Codable, CaseIterable {
    /// The spread narrowed while fewer panellists answered: the narrowing partly reflects
    /// missing panellists.
    case dropout
    /// The spread widened while more panellists answered: the widening partly reflects
    /// newcomers.
    case newcomers
    /// The panel changed otherwise (fewer or more without the trend going that way, or as
    /// many but not the same people).
    case panelChanged = "panel-changed"
  }
}

extension Convergence.Change {
  /// `.dropout` when the spread narrowed and N fell, `.newcomers` when it widened and N
  /// rose, `.panelChanged` for any other change of the panel, `nil` for the same panel.
  public var caveat: Convergence.Caveat? {
    if trend == .narrowed && panel.after < panel.before { return .dropout }
    if trend == .widened && panel.after > panel.before { return .newcomers }
    return panel.isSame ? nil : .panelChanged
  }

  /// `Narrowed: the IQR went from 2 to 1; the 90% band went from 3.2 to 2.`
  public var trendText: String {
    let word: String
    switch trend {
    case .narrowed: word = tr("Narrowed")
    case .widened: word = tr("Widened")
    case .unchanged: word = tr("Unchanged")
    }
    let (iqrFrom, iqrTo) = Self.pair(before.iqr, after.iqr)
    let iqr =
      iqrFrom == iqrTo
      ? tr("the IQR stayed at {value}", ["value": .text(iqrFrom)])
      : tr("the IQR went from {from} to {to}", ["from": .text(iqrFrom), "to": .text(iqrTo)])
    let (bandFrom, bandTo) = Self.pair(before.pooledWidth, after.pooledWidth)
    let band =
      bandFrom == bandTo
      ? tr("the 90% band stayed at {value}", ["value": .text(bandFrom)])
      : tr("the 90% band went from {from} to {to}", ["from": .text(bandFrom), "to": .text(bandTo)])
    return tr("{trend}: {iqr}; {band}.", ["trend": .text(word), "iqr": .text(iqr), "band": .text(band)])
  }

  /// Who answered: `N fell from 3 to 2: the narrowing partly reflects a missing
  /// panellist.`, `N rose from 2 to 3.`, `The same 3 panellists answered both rounds.`…
  public var panelText: String {
    let p = panel
    let counts: [String: LocalizationArgument] = [
      "before": .text(String(p.before)), "after": .text(String(p.after)), "left": .text(String(p.left)),
      "joined": .text(String(p.joined)),
    ]
    if p.after < p.before {
      guard caveat == .dropout else { return tr("N fell from {before} to {after}.", counts) }
      return p.left == 1
        ? tr("N fell from {before} to {after}: the narrowing partly reflects a missing panellist.", counts)
        : tr("N fell from {before} to {after}: the narrowing partly reflects {left} missing panellists.", counts)
    }
    if p.after > p.before {
      guard caveat == .newcomers else { return tr("N rose from {before} to {after}.", counts) }
      return p.joined == 1
        ? tr("N rose from {before} to {after}: the widening partly reflects a panellist who joined.", counts)
        : tr("N rose from {before} to {after}: the widening partly reflects {joined} panellists who joined.", counts)
    }
    if !p.isSame {
      return p.left == 1
        ? tr("N stayed at {after}, but {left} panellist left and {joined} joined.", counts)
        : tr("N stayed at {after}, but {left} panellists left and {joined} joined.", counts)
    }
    return p.after == 1
      ? tr("The same panellist answered both rounds.")
      : tr("The same {after} panellists answered both rounds.", counts)
  }

  /// For a changed panel, how those who answered both rounds moved: `Among the 2 who
  /// answered both rounds the range went from 2 to 1: they converged.`; `nil` for the same
  /// panel (the trend is theirs).
  public var stayedText: String? {
    let p = panel
    guard !p.isSame else { return nil }
    switch p.stayed {
    case 0: return tr("Nobody answered both rounds.")
    case 1: return tr("Only 1 panellist answered both rounds, so there is no spread among those who stayed to compare.")
    default:
      let verdict: String
      switch p.stayedTrend {
      case .narrowed?: verdict = tr("they converged")
      case .widened?: verdict = tr("they moved apart")
      default:
        verdict = p.stayedRangeAfter < Delphi.tolerance ? tr("they agreed in both rounds") : tr("they did not converge")
      }
      let (from, to) = Self.pair(p.stayedRangeBefore, p.stayedRangeAfter)
      let count = LocalizationArgument.text(String(p.stayed))
      return from == to
        ? tr(
          "Among the {count} who answered both rounds the range stayed at {value}: {verdict}.",
          ["count": count, "value": .text(from), "verdict": .text(verdict)])
        : tr(
          "Among the {count} who answered both rounds the range went from {from} to {to}: {verdict}.",
          ["count": count, "from": .text(from), "to": .text(to), "verdict": .text(verdict)])
    }
  }

  /// The whole note: the trend, who answered, and (for a changed panel) those who stayed.
  public var note: String {
    ([trendText, panelText] + (stayedText.map { [$0] } ?? [])).joined(separator: Self.sentenceSpace)
  }

  /// What separates two sentences in the language in view: a space, none in Chinese.
  static var sentenceSpace: String { Localization.language.usesCJKScript ? "" : " " }

  /// Two values as shown (two decimals at most): equal when they agree to two decimals.
  static func pair(_ a: Double, _ b: Double) -> (String, String) {
    (Format.number(a, digits: 2), Format.number(b, digits: 2))
  }
}

/// Who has not answered a round yet: for the facilitator only (it names the panel).
public struct Unanswered: Sendable, Hashable {
  public struct Domain: Sendable, Hashable {
    public var domainID: String
    /// Members of the expected panel without a judgement of this domain, in panel order.
    public var missing: [String]
  }

  /// The expected panel: everyone who submitted in the study's previous round (in order of
  /// first submission), then everyone else who submitted anything in this round.
  public var panel: [String]
  /// One per domain of the round, in the round's order.
  public var domains: [Domain]
  /// Members of the panel with no judgement at all in this round.
  public var silent: [String]

  /// `true` when every member of the panel has judged every domain.
  public var isComplete: Bool { domains.allSatisfy(\.missing.isEmpty) }
}

extension Delphi {
  /// Who has not answered `round` yet, per domain. The expected panel is everyone who
  /// submitted in the previous round of the study (`previousJudgements`: that round's,
  /// others are ignored) plus everyone who submitted anything in this round; a member
  /// missing a domain is listed under it.
  public static func unanswered(
    round: Round, judgements: [RoundJudgement], previousJudgements: [RoundJudgement] = []
  ) -> Unanswered {
    var panel: [String] = []
    var seen: Set<String> = []
    let earlier = round.previousRoundID.map { id in previousJudgements.filter { $0.roundID == id } } ?? []
    let current = judgements.filter { $0.roundID == round.id }
    for j in earlier + current where seen.insert(j.assessor).inserted { panel.append(j.assessor) }
    let latest = latestByDomain(round: round, judgements: current)
    let domains = round.domainIDs.map { id in
      let answered = Set((latest[id] ?? []).map(\.assessor))
      return Unanswered.Domain(domainID: id, missing: panel.filter { !answered.contains($0) })
    }
    let active = Set(current.map(\.assessor))
    return Unanswered(panel: panel, domains: domains, silent: panel.filter { !active.contains($0) })
  }

  /// One criterion's feedback item: this round's and the previous round's group and values,
  /// the rationales without names, the change of spread and who stayed.
  static func item(
    _ criterion: CriterionID, group: GroupDistribution?, judgements js: [RoundJudgement],
    previous before: [RoundJudgement]?, previousGroup: GroupDistribution?, name: String
  ) -> RoundFeedback.Item {
    let own = js.first { $0.assessor == name }
    var item = RoundFeedback.Item(criterion: criterion, group: group, own: own?.scores[criterion])
    item.values = values(js, criterion)
    item.rationales = js.compactMap { j -> RoundFeedback.Rationale? in
      guard let score = j.scores[criterion],
        let text = score.rationale?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
      else { return nil }
      return RoundFeedback.Rationale(text: text, value: score.value, isOwn: j.assessor == name)
    }.sorted()
    if let before {
      item.previous = previousGroup
      item.previousValues = values(before, criterion)
      item.previousOwn = before.first { $0.assessor == name }?.scores[criterion]
      if let group, let previousGroup {
        item.change = change(
          from: spread(before, previousGroup, criterion), to: spread(js, group, criterion),
          panel: panel(before: before, after: js, criterion: criterion))
      }
    }
    return item
  }

  /// The values of a criterion, without names, sorted.
  static func values(_ js: [RoundJudgement], _ criterion: CriterionID) -> [RoundFeedback.Value] {
    js.compactMap { $0.scores[criterion].map { RoundFeedback.Value($0.value) } }.sorted()
  }

  /// The spread of a criterion among `js` (each assessor's latest), whose pool is `g`.
  static func spread(_ js: [RoundJudgement], _ g: GroupDistribution, _ criterion: CriterionID) -> Convergence.Spread {
    let likely = js.compactMap { $0.scores[criterion]?.value.likely }
    return Convergence.Spread(n: g.n, iqr: interquartileRange(likely), pooledWidth: g.width90, median: g.median)
  }

  /// Who scored `criterion` in each of two rounds (each assessor's latest judgement of one
  /// domain), and the range of the most likely values among those who scored it in both.
  public static func panel(
    before: [RoundJudgement], after: [RoundJudgement], criterion: CriterionID
  ) -> Convergence.Panel {
    func likely(_ js: [RoundJudgement]) -> [String: Double] {
      Dictionary(
        js.compactMap { j in j.scores[criterion].map { (j.assessor, $0.value.likely) } },
        uniquingKeysWith: { _, later in later })
    }
    let (b, a) = (likely(before), likely(after))
    let stayed = b.keys.filter { a[$0] != nil }
    func range(_ values: [Double]) -> Double { values.count < 2 ? 0 : values.max()! - values.min()! }
    return Convergence.Panel(
      before: b.count, after: a.count, stayed: stayed.count, stayedRangeBefore: range(stayed.map { b[$0]! }),
      stayedRangeAfter: range(stayed.map { a[$0]! }))
  }
}
