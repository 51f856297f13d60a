import Foundation

/// What an assessor said about one criterion: a point on the 0–4 scale or a range.
public enum ScoreValue: Sendable, Hashable {
  /// A single judgement, decimals allowed.
  case point(Double)
  /// A three-point judgement `[low, likely, high]` with `low ≤ likely ≤ high`.
  case range(low: Double, likely: Double, high: Double)
  /// Elicited quantiles (e.g. the 5th, 50th and 95th percentiles), fitted to a
  /// distribution when uncertainty is propagated.
  case quantiles([ElicitedQuantile])

  /// The value placed on the map (the point, or the range's most likely value).
  public var likely: Double {
    switch self {
    case .point(let v): return v
    case .range(_, let likely, _): return likely
    case .quantiles(let q): return Elicitation.interpolatedMedian(q.sorted { $0.p < $1.p })
    }
  }

  /// The lowest value judged plausible (a range's low end, the lowest quantile).
  public var low: Double {
    switch self {
    case .point(let v): return v
    case .range(let low, _, _): return low
    case .quantiles(let q): return q.map(\.value).min() ?? 0
    }
  }

  /// The highest value judged plausible (a range's high end, the highest quantile).
  public var high: Double {
    switch self {
    case .point(let v): return v
    case .range(_, _, let high): return high
    case .quantiles(let q): return q.map(\.value).max() ?? 4
    }
  }

  /// `true` for anything but a single point (a range or quantiles).
  public var isRange: Bool { if case .point = self { return false } else { return true } }

  /// The lowest and highest value a score may take.
  public static let scale: ClosedRange<Double> = 0...4

  /// Problems with this value: outside 0–4, not finite, or a range out of order.
  public func validate(key: String) -> [InputIssue] {
    switch self {
    case .point(let v):
      guard v.isFinite, ScoreValue.scale.contains(v) else {
        return [
          InputIssue(
            key: key, message: tr("score must be between 0 and 4, got {value}", ["value": .text(Format.number(v))]))
        ]
      }
      return []
    case .range(let low, let likely, let high):
      var issues: [InputIssue] = []
      for (name, v) in [("low", low), ("likely", likely), ("high", high)]
      where !(v.isFinite && ScoreValue.scale.contains(v)) {
        let got: [String: LocalizationArgument] = ["value": .text(Format.number(v))]
        let message: String
        switch name {
        case "low": message = tr("low value must be between 0 and 4, got {value}", got)
        case "likely": message = tr("likely value must be between 0 and 4, got {value}", got)
        default: message = tr("high value must be between 0 and 4, got {value}", got)
        }
        issues.append(InputIssue(key: key, message: message))
      }
      if issues.isEmpty && !(low <= likely && likely <= high) {
        issues.append(
          InputIssue(
            key: key,
            message: tr(
              "range must be ordered [low, likely, high], got [{low}, {likely}, {high}]",
              [
                "low": .text(Format.number(low)), "likely": .text(Format.number(likely)),
                "high": .text(Format.number(high)),
              ])
          ))
      }
      return issues
    case .quantiles(let q):
      return Elicitation.problems(q).map { InputIssue(key: key, message: $0) }
    }
  }

  /// `3`, `[2, 3, 4]` for a range, `{p5: 1, p50: 2, p95: 3.5}` for quantiles.
  public var text: String {
    switch self {
    case .point(let v): return Format.number(v)
    case .range(let l, let m, let h): return "[\(Format.number(l)), \(Format.number(m)), \(Format.number(h))]"
    case .quantiles(let q):
      return "{"
        + q.sorted { $0.p < $1.p }.map { "p\(Format.number($0.p * 100)): \(Format.number($0.value))" }.joined(
          separator: ", ") + "}"
    }
  }
}

/// One criterion's score within an assessment, with the reasons for it.
public struct CriterionScore: Sendable, Hashable {
  public var value: ScoreValue
  public var rationale: String?
  /// Citations or URLs.
  public var evidence: [String]

  public init(_ value: ScoreValue, rationale: String? = nil, evidence: [String] = []) {
    self.value = value
    self.rationale = rationale
    self.evidence = evidence
  }

  public init(_ point: Double, rationale: String? = nil, evidence: [String] = []) {
    self.init(.point(point), rationale: rationale, evidence: evidence)
  }
}

/// One assessor's dated judgement of a domain against the rubric. Assessments are never
/// edited: a new judgement is a new assessment, and the newest is the current one.
public struct Assessment: Sendable, Hashable {
  /// Set by the store: the number of this assessment in its domain's history (1 = first).
  public var sequence: Int?
  /// Set by the store: when the assessment was saved.
  public var recordedAt: Date?
  public var assessor: String
  public var date: Day
  /// The country pair judged (`EU-CN`); `nil` for the rubric's default pair.
  public var pair: CountryPair?
  /// Where the assessor stands (e.g. `US`, `CN`, `third-country`); optional.
  public var perspective: String?
  /// This assessor's weight in an opinion pool (default 1).
  public var weight: Double?
  public var note: String?
  public var scores: [CriterionID: CriterionScore]
  /// Expected drifts of criteria over time (e.g. maturity +0.2 a year), used to project the
  /// placement forward; empty for most assessments. See `docs/change-over-time.md`.
  public var drifts: [Drift]

  public init(
    assessor: String, date: Day, perspective: String? = nil, note: String? = nil,
    scores: [CriterionID: CriterionScore], sequence: Int? = nil, recordedAt: Date? = nil, drifts: [Drift] = [],
    pair: CountryPair? = nil
  ) {
    self.pair = pair
    self.sequence = sequence
    self.recordedAt = recordedAt
    self.assessor = assessor
    self.date = date
    self.perspective = perspective
    self.note = note
    self.scores = scores
    self.drifts = drifts
  }

  /// Criteria of the rubric that this assessment leaves out, in rubric order.
  public func missing(in rubric: Rubric) -> [CriterionID] {
    rubric.criteria.map(\.id).filter { scores[$0] == nil }
  }

  /// Format-independent checks: assessor named, every score on the 0–4 scale.
  public func validate(key: String) -> [InputIssue] {
    var issues: [InputIssue] = []
    if assessor.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(
        InputIssue(key: InputIssue.key(key, "assessor"), message: tr("must name who made the assessment")))
    }
    for id in scores.keys.sorted() {
      issues += scores[id]!.value.validate(key: InputIssue.key(key, "scores.\(id.rawValue)"))
    }
    for (i, drift) in drifts.enumerated() { issues += drift.validate(key: InputIssue.key(key, "drifts[\(i)]")) }
    return issues
  }
}
