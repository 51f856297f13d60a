/// A passage of the essay that an action rests on.
public struct Precedent: Sendable, Hashable, Codable {
  /// A short name for the example (e.g. "Carbon capture under strained relations").
  public var example: String
  /// Where in the essay it appears.
  public var passage: String

  public init(example: String, passage: String) {
    self.example = example
    self.passage = passage
  }
}

extension Precedent {
  /// ``example`` in the language in view (a shipped precedent's; others as written).
  public var displayExample: String {
    guard Localization.current != nil, let name = Self.catalogueNames[self] else { return example }
    return Localization.shipped("precedent.\(name).example", example)
  }

  /// ``passage`` in the language in view (a shipped precedent's; others as written).
  public var displayPassage: String {
    guard Localization.current != nil, let name = Self.catalogueNames[self] else { return passage }
    return Localization.shipped("precedent.\(name).passage", passage)
  }
}

/// What the framework recommends for a quadrant as a whole.
public struct Stance: Sendable, Hashable, Codable {
  public var quadrant: Quadrant
  public var headline: String
  public var summary: String
  public var precedent: Precedent

  /// ``headline`` in the language in view (the standard playbook's; a custom one's as written).
  public var displayHeadline: String { Localization.shipped("strategy.\(quadrant.rawValue).headline", headline) }

  /// ``summary`` in the language in view (the standard playbook's; a custom one's as written).
  public var displaySummary: String { Localization.shipped("strategy.\(quadrant.rawValue).summary", summary) }
}

/// A criterion fact that triggered an action, shown so the reader sees why.
public struct Reason: Sendable, Hashable, Codable {
  public var criterion: CriterionID?
  public var score: Double?
  public var text: String
  // The bounds the condition checked, used to merge two conditions on one criterion.
  var lower: Double?
  var upper: Double?
  // What the sentence says, to write it in another language (`text` is the English, kept
  // in the JSON whatever the language).
  var fact: Fact?

  enum Fact: Sendable, Hashable {
    case atLeast, atMost, between
    case placed(Quadrant, gains: Double, risk: Double)
    case margin([Axis])
    case missing([CriterionID])
  }

  enum CodingKeys: String, CodingKey { case criterion, score, text }

  init(
    criterion: CriterionID?, score: Double?, text: String, lower: Double? = nil, upper: Double? = nil,
    fact: Fact? = nil
  ) {
    self.criterion = criterion
    self.score = score
    self.text = text
    self.lower = lower
    self.upper = upper
    self.fact = fact
  }

  /// ``text`` in the language in view.
  public var displayText: String {
    guard Localization.current != nil, let fact else { return text }
    let title = criterion?.displayTitle ?? ""
    let scored = score.map { Format.number($0) } ?? ""
    switch fact {
    case .atLeast:
      return tr(
        "{criterion} scored {score} (≥ {level})",
        ["criterion": .text(title), "score": .text(scored), "level": .text(Format.number(lower ?? 0))])
    case .atMost:
      return tr(
        "{criterion} scored {score} (≤ {level})",
        ["criterion": .text(title), "score": .text(scored), "level": .text(Format.number(upper ?? 0))])
    case .between:
      return tr(
        "{criterion} scored {score} (between {lower} and {upper})",
        [
          "criterion": .text(title), "score": .text(scored), "lower": .text(Format.number(lower ?? 0)),
          "upper": .text(Format.number(upper ?? 0)),
        ])
    case .placed(let quadrant, let gains, let risk):
      return tr(
        "placed in {quadrant} (gains {gains}, risk {risk})",
        ["quadrant": .text(quadrant.inText), "gains": .text(Format.fixed(gains)), "risk": .text(Format.fixed(risk))])
    case .margin(let axes):
      return tr("within the margin of the {axes} threshold", ["axes": .text(Axis.phrase(axes))])
    case .missing(let criteria):
      return tr("not scored: {criteria}", ["criteria": .text(criteria.map(\.rawValue).joined(separator: ", "))])
    }
  }

  /// One reason per criterion and no repeated sentence: "scored 3 (≥ 1.5)" and "scored 3
  /// (≤ 3)" become "scored 3 (between 1.5 and 3)".
  static func merged(_ reasons: [Reason]) -> [Reason] {
    var out: [Reason] = []
    for r in reasons {
      if let c = r.criterion, let i = out.firstIndex(where: { $0.criterion == c }) {
        let lower = out[i].lower ?? r.lower
        let upper = out[i].upper ?? r.upper
        if let lower, let upper, let score = r.score {
          out[i] = Reason(
            criterion: c, score: score,
            text:
              "\(c.title) scored \(Format.number(score)) (between \(Format.number(lower)) and \(Format.number(upper)))",
            lower: lower, upper: upper, fact: .between)
        }
      } else if !out.contains(where: { $0.text == r.text }) {
        out.append(r)
      }
    }
    return out
  }
}

/// One concrete recommendation for a placement.
public struct Action: Sendable, Hashable, Codable, Identifiable {
  public var id: String
  public var title: String
  public var detail: String
  public var because: [Reason]
  public var precedent: Precedent

  /// ``title`` in the language in view (the standard playbook's; a custom one's as written).
  public var displayTitle: String { Localization.shipped("action.\(id).title", title) }

  /// ``detail`` in the language in view (the standard playbook's; a custom one's as written).
  public var displayDetail: String { Localization.shipped("action.\(id).detail", detail) }
}

/// The quadrant's stance and the actions that follow from the criteria behind a placement.
public struct Strategy: Sendable, Hashable, Codable {
  public var stance: Stance
  public var actions: [Action]
}

/// A condition on a placement and its scores, used by playbook rules.
public indirect enum Condition: Sendable, Hashable {
  /// The criterion is scored at or above the level (likely value).
  case atLeast(CriterionID, Double)
  /// The criterion is scored at or below the level (likely value).
  case atMost(CriterionID, Double)
  case inQuadrant(Set<Quadrant>)
  case highGains
  case highRisk
  case borderline
  case incomplete
  case all([Condition])
  case any([Condition])

  func holds(_ placement: Placement, _ scores: [CriterionID: Double]) -> Bool {
    switch self {
    case .atLeast(let id, let level): return (scores[id] ?? -1) >= level
    case .atMost(let id, let level): return scores[id].map { $0 <= level } ?? false
    case .inQuadrant(let set): return set.contains(placement.quadrant)
    case .highGains: return placement.quadrant.highGains
    case .highRisk: return placement.quadrant.highRisk
    case .borderline: return placement.borderline
    case .incomplete: return !placement.missing.isEmpty
    case .all(let conditions): return conditions.allSatisfy { $0.holds(placement, scores) }
    case .any(let conditions): return conditions.contains { $0.holds(placement, scores) }
    }
  }

  /// The criterion facts in this condition that hold, for the action's "because" list.
  func reasons(_ placement: Placement, _ scores: [CriterionID: Double]) -> [Reason] {
    switch self {
    case .atLeast(let id, let level) where holds(placement, scores):
      return [
        Reason(
          criterion: id, score: scores[id],
          text: "\(id.title) scored \(Format.number(scores[id]!)) (≥ \(Format.number(level)))", lower: level,
          fact: .atLeast)
      ]
    case .atMost(let id, let level) where holds(placement, scores):
      return [
        Reason(
          criterion: id, score: scores[id],
          text: "\(id.title) scored \(Format.number(scores[id]!)) (≤ \(Format.number(level)))", upper: level,
          fact: .atMost)
      ]
    case .inQuadrant where holds(placement, scores), .highGains where holds(placement, scores),
      .highRisk where holds(placement, scores):
      return [
        Reason(
          criterion: nil, score: nil,
          text:
            "placed in \(placement.quadrant.title.lowercased()) (gains \(Format.fixed(placement.gains)), risk \(Format.fixed(placement.risk)))",
          fact: .placed(placement.quadrant, gains: placement.gains, risk: placement.risk))
      ]
    case .borderline where holds(placement, scores):
      let axes = placement.borderlineAxes.map(\.rawValue).joined(separator: " and ")
      return [
        Reason(
          criterion: nil, score: nil, text: "within the margin of the \(axes) threshold",
          fact: .margin(placement.borderlineAxes))
      ]
    case .incomplete where holds(placement, scores):
      return [
        Reason(
          criterion: nil, score: nil, text: "not scored: \(placement.missing.map(\.rawValue).joined(separator: ", "))",
          fact: .missing(placement.missing))
      ]
    case .all(let conditions):
      return conditions.flatMap { $0.reasons(placement, scores) }
    case .any(let conditions):
      return conditions.filter { $0.holds(placement, scores) }.flatMap { $0.reasons(placement, scores) }
    default:
      return []
    }
  }
}

/// A rule of the playbook: when the condition holds, recommend the action.
public struct PlaybookRule: Sendable, Hashable {
  public var id: String
  public var when: Condition
  public var title: String
  public var detail: String
  public var precedent: Precedent

  public init(id: String, when: Condition, title: String, detail: String, precedent: Precedent) {
    self.id = id
    self.when = when
    self.title = title
    self.detail = detail
    self.precedent = precedent
  }
}

/// The recommendations of the framework: a stance per quadrant and rules that turn the
/// criteria behind a placement into concrete actions.
public struct Playbook: Sendable {
  public var stances: [Quadrant: Stance]
  public var rules: [PlaybookRule]

  public init(stances: [Quadrant: Stance], rules: [PlaybookRule]) {
    self.stances = stances
    self.rules = rules
  }

  /// The strategy for a placement: its quadrant's stance and every rule that fires, the
  /// actions tied to the criteria that move the placement most listed first.
  public func strategy(for placement: Placement, scores: [CriterionID: Double]) -> Strategy {
    let weightOf = Dictionary(uniqueKeysWithValues: placement.contributions.map { ($0.criterion, abs($0.value)) })
    var fired: [(rank: Double, order: Int, action: Action)] = []
    for (order, rule) in rules.enumerated() where rule.when.holds(placement, scores) {
      let reasons = Reason.merged(rule.when.reasons(placement, scores))
      let rank = reasons.compactMap { $0.criterion.flatMap { weightOf[$0] } }.max() ?? 0
      fired.append(
        (
          rank, order,
          Action(id: rule.id, title: rule.title, detail: rule.detail, because: reasons, precedent: rule.precedent)
        ))
    }
    fired.sort { $0.rank != $1.rank ? $0.rank > $1.rank : $0.order < $1.order }
    return Strategy(stance: stances[placement.quadrant]!, actions: fired.map(\.action))
  }

  /// Convenience: place an assessment and derive its strategy.
  public func strategy(for placement: Placement, assessment: Assessment) -> Strategy {
    strategy(for: placement, scores: assessment.scores.mapValues(\.value.likely))
  }
}
