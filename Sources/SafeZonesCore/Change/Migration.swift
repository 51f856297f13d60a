import Foundation

/// Finds domains that are moving on the map: quadrant changes, trends about to cross a
/// threshold, the essay's north-west and leftward migrations, and reframings that lowered
/// risk. The rules and their constants are documented in `docs/change-over-time.md`.
public enum Migration {
  public struct Options: Sendable, Hashable {
    /// How far ahead a trend may cross a threshold and still be reported, in years.
    public var horizon: Double
    /// How many recent placements (assessments of the timeline) the trend and the
    /// north-west and leftward rules look at.
    public var window: Int
    /// Changes of gains or risk smaller than this are treated as no change.
    public var minimumChange: Double

    public init(horizon: Double = 3, window: Int = 4, minimumChange: Double = 0.005) {
      self.horizon = horizon
      self.window = window
      self.minimumChange = minimumChange
    }
  }

  /// Every warning for `domains` as the map stood on `day` (today's data with no day), most
  /// severe first, then the most recent, then by domain id.
  public static func warnings(
    _ domains: [Domain], rubric: Rubric, asOf day: Day? = nil, options: Options = Options()
  ) -> [MigrationWarning] {
    let trajectories = Dictionary(
      domains.map { ($0.id, Trajectory($0, rubric: rubric)) }, uniquingKeysWith: { first, _ in first })
    var out: [MigrationWarning] = []
    for domain in domains {
      guard let trajectory = trajectories[domain.id] else { continue }
      out += warnings(trajectory, rubric: rubric, asOf: day, options: options)
      for link in domain.links where link.kind == "reframes" {
        guard let target = trajectories[link.target] else { continue }
        if let w = reframing(trajectory, as: target, asOf: day, options: options) { out.append(w) }
      }
    }
    return sorted(out)
  }

  /// Most severe first, then the most recent, then by domain id and kind.
  public static func sorted(_ warnings: [MigrationWarning]) -> [MigrationWarning] {
    let kinds = MigrationKind.allCases
    return warnings.sorted { a, b in
      if a.severity != b.severity { return a.severity > b.severity }
      if a.to.date != b.to.date { return a.to.date > b.to.date }
      if a.domain != b.domain { return a.domain < b.domain }
      if a.kind != b.kind { return kinds.firstIndex(of: a.kind)! < kinds.firstIndex(of: b.kind)! }
      return (a.trend?.axis.rawValue ?? "") < (b.trend?.axis.rawValue ?? "")
    }
  }

  /// The warnings that concern one domain's own history (every kind but reframings, which
  /// need the reframed topic too).
  public static func warnings(
    _ trajectory: Trajectory, rubric: Rubric, asOf day: Day? = nil, options: Options = Options()
  ) -> [MigrationWarning] {
    let steps = trajectory.points(through: day)
    guard steps.count >= 2, let last = steps.last else { return [] }
    let window = Array(steps.suffix(max(2, options.window)))
    let first = window[0]
    let t = rubric.thresholds
    let eps = options.minimumChange
    var out: [MigrationWarning] = []

    func make(
      _ kind: MigrationKind, _ severity: Severity, from: TrajectoryPoint, to: TrajectoryPoint, message: String,
      criteria: [CriterionMove] = [], trend: AxisTrend? = nil, expected: Day? = nil
    ) -> MigrationWarning {
      MigrationWarning(
        domain: trajectory.id, name: trajectory.name, kind: kind, severity: severity, from: PlacementSummary(from),
        to: PlacementSummary(to), expected: expected, trend: trend, criteria: criteria, related: nil,
        message: message, precedent: kind.precedent)
    }

    // Quadrant changed: the latest placement against the one before it.
    let previous = steps[steps.count - 2]
    if previous.quadrant != last.quadrant {
      let riskUp = !previous.quadrant.highRisk && last.quadrant.highRisk
      let gainsDown = previous.quadrant.highGains && !last.quadrant.highGains
      let severity: Severity = riskUp ? .high : (gainsDown ? .medium : .info)
      out.append(
        make(
          .quadrantChanged, severity, from: previous, to: last,
          message: tr(
            "Moved from {from} ({fromCorner}) to {to} ({toCorner}) between {start} and {end}: gains {gains0} → {gains1}, risk {risk0} → {risk1}.",
            [
              "from": .text(inText(previous.quadrant)), "fromCorner": .text(corner(previous.quadrant)),
              "to": .text(inText(last.quadrant)), "toCorner": .text(corner(last.quadrant)),
              "start": .text(previous.date.description), "end": .text(last.date.description),
              "gains0": .text(Format.fixed(previous.gains)), "gains1": .text(Format.fixed(last.gains)),
              "risk0": .text(Format.fixed(previous.risk)), "risk1": .text(Format.fixed(last.risk)),
            ])
        ))
    }

    // Trends towards a threshold, one per axis.
    for axis in [Axis.risk, .gains] {
      guard
        let trend = trend(
          window, axis: axis, threshold: axis == .risk ? t.risk : t.gains, horizon: options.horizon)
      else { continue }
      let value = axis == .risk ? last.risk : last.gains
      let rising = trend.perYear > 0
      let severity: Severity
      switch (axis, rising) {
      case (.risk, true): severity = trend.yearsToCross <= 1 ? .high : .medium
      case (.gains, false): severity = trend.yearsToCross <= 1 ? .medium : .low
      default: severity = .info
      }
      let expected = last.date.adding(years: trend.yearsToCross)
      let next = Quadrant(
        gains: axis == .gains ? (rising ? t.gains : t.gains - 1) : last.gains,
        risk: axis == .risk ? (rising ? t.risk : t.risk - 1) : last.risk, thresholds: t)
      let about = Format.number(trend.yearsToCross, digits: 1)
      let arguments: [String: LocalizationArgument] = [
        "axis": .text(axis == .risk ? tr("Risk") : tr("Gains")), "value": .text(Format.fixed(value)),
        "rate": .text(Format.fixed(abs(trend.perYear), digits: 3)), "count": .text(String(trend.points)),
        "start": .text(window[0].date.description), "end": .text(last.date.description),
        "threshold": .text(Format.number(trend.threshold)),
        "duration": .text(
          trend.yearsToCross == 1
            ? tr("{years} year", ["years": .text(about)]) : tr("{years} years", ["years": .text(about)])),
        "expected": .text(expected.description), "from": .text(inText(last.quadrant)), "to": .text(inText(next)),
      ]
      out.append(
        make(
          .trendingAcrossThreshold, severity, from: window[0], to: last,
          message: rising
            ? tr(
              "{axis} {value} is rising by {rate} a year over the last {count} placements ({start} to {end}); continued, it crosses the {threshold} threshold in about {duration} (around {expected}), moving the domain from {from} to {to}.",
              arguments)
            : tr(
              "{axis} {value} is falling by {rate} a year over the last {count} placements ({start} to {end}); continued, it crosses the {threshold} threshold in about {duration} (around {expected}), moving the domain from {from} to {to}.",
              arguments),
          trend: trend, expected: expected))
    }

    // North-west: gains down, risk up, with military applicability or security exposure up.
    if first.date < last.date, last.gains < first.gains - eps, last.risk > first.risk + eps {
      let moves = moved(from: first, to: last, [.military, .securityExposure]).filter { $0.to > $0.from }
      if !moves.isEmpty {
        let crossed = !first.quadrant.highRisk && last.quadrant.highRisk
        let severity: Severity = crossed || last.quadrant == .monitor ? .high : .medium
        let arguments: [String: LocalizationArgument] = [
          "start": .text(first.date.description), "end": .text(last.date.description),
          "gains0": .text(Format.fixed(first.gains)), "gains1": .text(Format.fixed(last.gains)),
          "risk0": .text(Format.fixed(first.risk)), "risk1": .text(Format.fixed(last.risk)),
          "criteria": .text(both(moves.map(\.text))),
        ]
        out.append(
          make(
            .northWest, severity, from: first, to: last,
            message: crossed
              ? tr(
                "Moving north-west between {start} and {end}: gains {gains0} → {gains1}, risk {risk0} → {risk1}, as {criteria} rose — fundamental work turning towards military or security use, now across the risk threshold.",
                arguments)
              : tr(
                "Moving north-west between {start} and {end}: gains {gains0} → {gains1}, risk {risk0} → {risk1}, as {criteria} rose — fundamental work turning towards military or security use.",
                arguments),
            criteria: moves))
      }
    }

    // Maturing left: maturity up, gains down.
    if first.date < last.date, last.gains < first.gains - eps {
      let moves = moved(from: first, to: last, [.maturity]).filter { $0.to > $0.from }
      if !moves.isEmpty {
        let crossed = first.gains >= t.gains && last.gains < t.gains
        let arguments: [String: LocalizationArgument] = [
          "start": .text(first.date.description), "end": .text(last.date.description),
          "criteria": .text(Localization.language.list(moves.map(\.text))),
          "gains0": .text(Format.fixed(first.gains)), "gains1": .text(Format.fixed(last.gains)),
        ]
        out.append(
          make(
            .maturingLeft, crossed ? .medium : .low, from: first, to: last,
            message: crossed
              ? tr(
                "Maturing between {start} and {end}: {criteria}, gains {gains0} → {gains1}, now below the gains threshold. As the technology advances the case for joint work weakens; rethink the collaboration rather than expect political trouble.",
                arguments)
              : tr(
                "Maturing between {start} and {end}: {criteria}, gains {gains0} → {gains1}. As the technology advances the case for joint work weakens; rethink the collaboration rather than expect political trouble.",
                arguments),
            criteria: moves))
      }
    }
    return out
  }

  /// A reframing that lowered risk: `original` links to `reframed` with kind `reframes`, and
  /// the reframed topic, as it stands on `day`, is less risky than the original was when the
  /// reframed topic was first assessed.
  public static func reframing(
    _ original: Trajectory, as reframed: Trajectory, asOf day: Day? = nil, options: Options = Options()
  ) -> MigrationWarning? {
    let after = reframed.points(through: day)
    let before = original.points(through: day)
    guard let start = after.first, let now = after.last, let firstOriginal = before.first else { return nil }
    let was = before.last { $0.date <= start.date } ?? firstOriginal
    guard now.risk < was.risk - options.minimumChange else { return nil }
    return MigrationWarning(
      domain: original.id, name: original.name, kind: .reframedDown, severity: .info, from: PlacementSummary(was),
      to: PlacementSummary(now), expected: nil, trend: nil, criteria: [], related: reframed.id,
      message: tr(
        "Reframed as {reframed} ({id}): risk {risk0} → {risk1}, {from} → {to}, gains {gains0} → {gains1} ({original} on {start}, {reframed} on {end}).",
        [
          "reframed": .text(reframed.name), "id": .text(reframed.id), "original": .text(original.name),
          "risk0": .text(Format.fixed(was.risk)), "risk1": .text(Format.fixed(now.risk)),
          "from": .text(inText(was.quadrant)), "to": .text(inText(now.quadrant)),
          "gains0": .text(Format.fixed(was.gains)), "gains1": .text(Format.fixed(now.gains)),
          "start": .text(was.date.description), "end": .text(now.date.description),
        ]),
      precedent: MigrationKind.reframedDown.precedent)
  }

  // MARK: - Words of the messages

  /// A quadrant's name inside a sentence (`safe zone`), in the language in view.
  static func inText(_ q: Quadrant) -> String {
    Localization.current?.text("quadrant.\(q.rawValue).in-text") ?? q.title.lowercased()
  }

  /// Where the essay's Table 1 draws a quadrant (`lower right`), in the language in view.
  static func corner(_ q: Quadrant) -> String {
    Localization.current?.text("quadrant.\(q.rawValue).corner") ?? q.corner
  }

  /// `a and b and c`, in the language in view.
  static func both(_ items: [String]) -> String {
    guard var out = items.first else { return "" }
    for item in items.dropFirst() { out = tr("{first} and {second}", ["first": .text(out), "second": .text(item)]) }
    return out
  }

  /// The least-squares trend of one axis over `points` (at least two distinct dates), if,
  /// continued from the latest value, it crosses `threshold` within `horizon` years.
  public static func trend(_ points: [TrajectoryPoint], axis: Axis, threshold: Double, horizon: Double) -> AxisTrend? {
    guard points.count >= 2, let last = points.last, Set(points.map(\.date)).count >= 2 else { return nil }
    let xs = points.map { $0.date.years(since: last.date) }
    let ys = points.map { axis == .risk ? $0.risk : $0.gains }
    guard let slope = leastSquaresSlope(xs, ys), abs(slope) > 1e-9 else { return nil }
    let value = ys.last!
    let below = value < threshold
    // Only a trend heading towards the threshold from the side the domain is on.
    guard (below && slope > 0) || (!below && slope < 0) else { return nil }
    let years = (threshold - value) / slope
    guard years.isFinite, years >= 0, years <= horizon else { return nil }
    return AxisTrend(
      axis: axis, perYear: Format.rounded(slope), threshold: threshold, yearsToCross: Format.rounded(years, digits: 2),
      points: points.count)
  }

  /// The slope of the least-squares line through (xs, ys); `nil` when the xs do not vary.
  public static func leastSquaresSlope(_ xs: [Double], _ ys: [Double]) -> Double? {
    let n = Double(xs.count)
    guard xs.count == ys.count, xs.count >= 2 else { return nil }
    let mx = xs.reduce(0, +) / n
    let my = ys.reduce(0, +) / n
    var sxx = 0.0
    var sxy = 0.0
    for (x, y) in zip(xs, ys) {
      sxx += (x - mx) * (x - mx)
      sxy += (x - mx) * (y - my)
    }
    return sxx > 1e-12 ? sxy / sxx : nil
  }

  /// The criteria among `ids` whose likely score differs between the two placements.
  static func moved(from a: TrajectoryPoint, to b: TrajectoryPoint, _ ids: [CriterionID]) -> [CriterionMove] {
    ids.compactMap { id in
      guard let x = a.assessment.scores[id]?.value.likely, let y = b.assessment.scores[id]?.value.likely, x != y else {
        return nil
      }
      return CriterionMove(criterion: id, from: x, to: y)
    }
  }
}
