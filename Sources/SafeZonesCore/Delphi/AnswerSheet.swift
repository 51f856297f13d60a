import Foundation

/// A round exported for one assessor to fill in offline: a domain file in the input format
/// (docs/input-format.md), one entry per domain of the round, each with an `assessment:`
/// prefilled from the assessor's latest judgement, and the previous round's anonymous group
/// summary as YAML comments next to each criterion. `safezones elicit import` reads it back.
public struct AnswerSheet: Sendable {
  /// Where an entry's prefilled values come from.
  public enum Source: Sendable, Hashable {
    /// The assessor's latest submission in this round.
    case thisRound
    /// The assessor's judgement in the previous round (its number).
    case previousRound(Int)
    /// The domain's current assessment (by someone, on a date).
    case currentAssessment(assessor: String, date: Day)
    /// Nothing to start from.
    case blank
  }

  public struct Entry: Sendable {
    public var domainID: String
    public var name: String
    public var source: Source
    public var perspective: String?
    public var note: String?
    public var scores: [CriterionID: CriterionScore]
    /// The previous round's anonymous group distribution, per criterion.
    public var previousGroup: [CriterionID: GroupDistribution]
    /// The assessor's own scores in the previous round.
    public var previousOwn: [CriterionID: CriterionScore]

    public init(
      domainID: String, name: String, source: Source, perspective: String? = nil, note: String? = nil,
      scores: [CriterionID: CriterionScore] = [:], previousGroup: [CriterionID: GroupDistribution] = [:],
      previousOwn: [CriterionID: CriterionScore] = [:]
    ) {
      self.domainID = domainID
      self.name = name
      self.source = source
      self.perspective = perspective
      self.note = note
      self.scores = scores
      self.previousGroup = previousGroup
      self.previousOwn = previousOwn
    }
  }

  public var round: Round
  /// The round before this one, when it is closed (its feedback is in the comments).
  public var previous: Round?
  public var assessor: String
  public var date: Day
  public var entries: [Entry]

  public init(round: Round, previous: Round?, assessor: String, date: Day, entries: [Entry]) {
    self.round = round
    self.previous = previous
    self.assessor = assessor
    self.date = date
    self.entries = entries
  }

  /// The sheet for `assessor`: per domain of the round, prefilled from their latest
  /// submission in this round, else their judgement in the previous round, else the
  /// domain's current assessment. `previousJudgements` are those of `previous` (closed).
  public static func make(
    round: Round, domains: [Domain], judgements: [RoundJudgement], previous: Round?,
    previousJudgements: [RoundJudgement], assessor: String, date: Day
  ) throws(InputError) -> AnswerSheet {
    let name = assessor.trimmingCharacters(in: .whitespacesAndNewlines)
    let own = Delphi.own(judgements.filter { $0.roundID == round.id }, assessor: name)
    var groups: [String: [CriterionID: GroupDistribution]] = [:]
    var previousOwn: [String: RoundJudgement] = [:]
    let closedPrevious = previous.flatMap { $0.status == .closed ? $0 : nil }
    if let p = closedPrevious {
      for g in try Delphi.groups(round: p, judgements: previousJudgements) { groups[g.domainID] = g.criteria }
      previousOwn = Delphi.own(previousJudgements.filter { $0.roundID == p.id }, assessor: name)
    }
    let byID = Dictionary(domains.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let entries = round.domainIDs.map { id -> Entry in
      var entry = Entry(
        domainID: id, name: byID[id]?.name ?? id, source: .blank, previousGroup: groups[id] ?? [:],
        previousOwn: previousOwn[id]?.scores ?? [:])
      if let mine = own[id] {
        entry.source = .thisRound
        entry.perspective = mine.perspective
        entry.note = mine.note
        entry.scores = mine.scores
      } else if let earlier = previousOwn[id], let p = closedPrevious {
        entry.source = .previousRound(p.number)
        entry.perspective = earlier.perspective
        entry.scores = earlier.scores
      } else if let current = byID[id]?.current {
        entry.source = .currentAssessment(assessor: current.assessor, date: current.date)
        entry.scores = current.scores
      }
      return entry
    }
    return AnswerSheet(round: round, previous: closedPrevious, assessor: name, date: date, entries: entries)
  }

  // MARK: - YAML

  /// The sheet as a YAML domain file.
  public func yaml() -> String {
    var out: [String] = []
    let r = round
    // The comments are for the person filling the sheet in, in the language in view; the
    // YAML itself (keys, ids, values) is the same in every language.
    out.append("# " + tr("SafeZones · Delphi answer sheet"))
    out.append(
      "# "
        + tr(
          "Study {study} · round {number} “{title}” (round id {id}) · for {assessor}",
          [
            "study": .text(Self.comment(r.study)), "number": .text(String(r.number)),
            "title": .text(Self.comment(r.title)), "id": .text(String(r.id)), "assessor": .text(Self.comment(assessor)),
          ]))
    out.append("#")
    out.append("# " + tr("Edit each domain's scores: a number from 0 to 4, or [low, likely, high] when unsure."))
    out.append(
      "# " + tr("Remove the '#' in front of a criterion to score it; delete a domain's entry to leave it unjudged."))
    out.append(
      "# " + tr("Your answers are private: when the round closes you see the anonymous group beside your own."))
    out.append("# " + tr("Then: safezones elicit import THIS-FILE --round {id}", ["id": .text(String(r.id))]))
    if let p = previous {
      let number: [String: LocalizationArgument] = ["number": .text(String(p.number))]
      out.append("#")
      out.append(
        "# " + tr("Comments after a criterion: round {number}'s anonymous group — the median, middle half", number))
      out.append(
        "# " + tr("(25th–75th percentile) and 90% band of the pooled judgements, and how many assessors", number))
      out.append("# " + tr("scored it — and your own value in round {number}.", number))
    }
    if r.status == .closed {
      out.append("#")
      out.append("# " + tr("NOTE: this round is closed; it no longer accepts answers."))
    }
    out.append("domains:")
    for e in entries {
      out.append("  - id: \(e.domainID)")
      out.append("    name: \(Self.quoted(e.name))")
      switch e.source {
      case .thisRound: out.append("    # " + tr("starts from your latest submission in this round"))
      case .previousRound(let n):
        out.append("    # " + tr("starts from your judgement in round {number}", ["number": .text(String(n))]))
      case .currentAssessment(let who, let day):
        out.append(
          "    # "
            + tr(
              "starts from the domain's current assessment ({assessor}, {date}): make it your own",
              ["assessor": .text(Self.comment(who)), "date": .text(day.description)]))
      case .blank: out.append("    # " + tr("nothing to start from: score the criteria you can judge"))
      }
      out.append("    assessment:")
      out.append("      assessor: \(Self.quoted(assessor))")
      out.append("      date: \(date)")
      if let perspective = e.perspective { out.append("      perspective: \(Self.quoted(perspective))") }
      if let note = e.note { out.append("      note: \(Self.quoted(note))") }
      out.append("      scores:")
      for id in CriterionID.allCases {
        let remark = remark(e, id)
        guard let score = e.scores[id] else {
          out.append("        # \(id.rawValue):" + (remark.isEmpty ? "" : "  # " + remark))
          continue
        }
        out += lines(id, score, remark: remark)
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// The comment next to a criterion: the previous round's group and the assessor's value.
  func remark(_ e: Entry, _ id: CriterionID) -> String {
    guard let p = previous else { return "" }
    var parts: [String] = []
    if let g = e.previousGroup[id] {
      let values: [String: LocalizationArgument] = [
        "number": .text(String(p.number)), "median": .text(Self.n(g.median)), "p25": .text(Self.n(g.p25)),
        "p75": .text(Self.n(g.p75)), "p05": .text(Self.n(g.p05)), "p95": .text(Self.n(g.p95)),
        "count": .text(String(g.n)),
      ]
      parts.append(
        g.n == 1
          ? tr(
            "round {number} group: median {median}, middle half {p25}–{p75}, 90% {p05}–{p95}, {count} assessor", values)
          : tr(
            "round {number} group: median {median}, middle half {p25}–{p75}, 90% {p05}–{p95}, {count} assessors", values
          ))
    } else {
      parts.append(tr("round {number} group: nobody scored it", ["number": .text(String(p.number))]))
    }
    if let own = e.previousOwn[id] { parts.append(tr("you: {value}", ["value": .text(own.value.text)])) }
    return parts.joined(separator: "; ")
  }

  func lines(_ id: CriterionID, _ score: CriterionScore, remark: String) -> [String] {
    let comment = remark.isEmpty ? "" : "  # " + remark
    let value = Self.value(score.value)
    let rationale = score.rationale.flatMap { $0.isEmpty ? nil : $0 }
    if rationale == nil && score.evidence.isEmpty, case .quantiles = score.value {
      return ["        \(id.rawValue): {\(value)}" + comment]
    }
    if rationale == nil && score.evidence.isEmpty { return ["        \(id.rawValue): \(value)" + comment] }
    var out = ["        \(id.rawValue):" + comment]
    if case .quantiles = score.value {
      out.append("          \(value)")
    } else {
      out.append("          value: \(value)")
    }
    if let rationale { out.append("          rationale: \(Self.quoted(rationale))") }
    if !score.evidence.isEmpty {
      out.append("          evidence: [\(score.evidence.map(Self.quoted).joined(separator: ", "))]")
    }
    return out
  }

  /// `3`, `[1, 2, 4]`, or `quantiles: {0.05: 1, 0.5: 2, 0.95: 3.5}`.
  static func value(_ v: ScoreValue) -> String {
    switch v {
    case .point(let x): return number(x)
    case .range(let l, let m, let h): return "[\(number(l)), \(number(m)), \(number(h))]"
    case .quantiles(let q):
      return "quantiles: {"
        + q.sorted { $0.p < $1.p }.map { "\(number($0.p)): \(number($0.value))" }.joined(separator: ", ") + "}"
    }
  }

  static func number(_ v: Double) -> String { Format.number(v, digits: 6) }
  static func n(_ v: Double) -> String { Format.number(v, digits: 2) }

  /// A YAML double-quoted string.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
          || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
        {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// Text safe inside a comment: one line.
  static func comment(_ s: String) -> String {
    s.components(separatedBy: .newlines).joined(separator: " ")
  }
}
