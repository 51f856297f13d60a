/// How a domain is moving on the map, as `safezones watch` and the web app report it.
public enum MigrationKind: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
  /// The latest placement is in another quadrant than the one before.
  case quadrantChanged = "quadrant-changed"
  /// Recent placements trend towards a threshold and, continued, cross it within the horizon.
  case trendingAcrossThreshold = "trending-across-threshold"
  /// Gains falling while risk rises with military applicability or security exposure: the
  /// essay's solid-earth physics → missile guidance case.
  case northWest = "north-west"
  /// Maturity rising and gains falling: the essay's carbon capture and direct air capture
  /// advancing as wind power did.
  case maturingLeft = "maturing-left"
  /// Risk fell after the topic was reframed: the essay's COVID-19 origins → zoonotic disease
  /// control.
  case reframedDown = "reframed-down"

  public var title: String {
    switch self {
    case .quadrantChanged: return tr("Quadrant changed")
    case .trendingAcrossThreshold: return tr("Trending across a threshold")
    case .northWest: return tr("Moving north-west")
    case .maturingLeft: return tr("Maturing, moving left")
    case .reframedDown: return tr("Reframed, risk down")
    }
  }

  /// The essay's example of this kind of move, quoted (in the language in view).
  public var precedent: String? {
    switch self {
    case .northWest:
      return tr(
        "Essay: “some advances in solid earth physics (lower right quadrant) could inform the design of guidance systems for missiles (upper left quadrant)”."
      )
    case .maturingLeft:
      return tr(
        "Essay: “if carbon capture and sequestration or direct air capture technologies advance—as has happened in wind power—that might limit the potential for joint gains”."
      )
    case .reframedDown:
      return tr(
        "Essay: “rather than launching a collaborative study on the origins of COVID-19, China and the United States could establish a joint research program to control future zoonotic diseases … move this sensitive area from the upper right to lower right quadrants”."
      )
    case .quadrantChanged, .trendingAcrossThreshold:
      return nil
    }
  }
}

/// How urgently a warning asks for attention. Moves towards more risk rank highest; good
/// news (risk falling, gains rising) is reported as `info`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case info, low, medium, high

  var rank: Int {
    switch self {
    case .info: return 0
    case .low: return 1
    case .medium: return 2
    case .high: return 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Gains, risk and quadrant at one date.
public struct PlacementSummary: Sendable, Hashable, Codable {
  public var date: Day
  public var gains: Double
  public var risk: Double
  public var quadrant: Quadrant

  public init(date: Day, gains: Double, risk: Double, quadrant: Quadrant) {
    self.date = date
    self.gains = Format.rounded(gains)
    self.risk = Format.rounded(risk)
    self.quadrant = quadrant
  }

  init(_ p: TrajectoryPoint) { self.init(date: p.date, gains: p.gains, risk: p.risk, quadrant: p.quadrant) }

  /// `safe-zone (gains 0.73, risk 0.15) on 2016-06-01`.
  public var text: String {
    tr(
      "{quadrant} (gains {gains}, risk {risk}) on {date}",
      [
        "quadrant": .text(quadrant.rawValue), "gains": .text(Format.fixed(gains)), "risk": .text(Format.fixed(risk)),
        "date": .text(date.description),
      ])
  }
}

/// A criterion whose score moved between two placements.
public struct CriterionMove: Sendable, Hashable, Codable {
  public var criterion: CriterionID
  public var from: Double
  public var to: Double

  public init(criterion: CriterionID, from: Double, to: Double) {
    self.criterion = criterion
    self.from = from
    self.to = to
  }

  /// `military 0 → 1`.
  public var text: String { "\(criterion.rawValue) \(Format.number(from)) → \(Format.number(to))" }
}

/// A straight-line trend of one axis fitted to recent placements.
public struct AxisTrend: Sendable, Hashable, Codable {
  public var axis: Axis
  /// Change per year (least squares).
  public var perYear: Double
  public var threshold: Double
  /// Years from the latest placement until the trend, continued from the latest value,
  /// reaches the threshold.
  public var yearsToCross: Double
  /// How many placements the fit used.
  public var points: Int
}

/// One warning about a domain's movement on the map.
public struct MigrationWarning: Sendable, Hashable, Codable {
  public var domain: String
  public var name: String
  public var kind: MigrationKind
  public var severity: Severity
  /// The placement the move is measured from and the placement it reaches (for a reframing:
  /// the original topic and the reframed one).
  public var from: PlacementSummary
  public var to: PlacementSummary
  /// For a trend: the date when it is projected to cross the threshold.
  public var expected: Day?
  public var trend: AxisTrend?
  /// Criteria whose scores moved and explain the kind (military, security exposure,
  /// maturity).
  public var criteria: [CriterionMove]
  /// The other domain involved (the reframed topic).
  public var related: String?
  /// One sentence saying what happened, with the numbers.
  public var message: String
  /// The essay's example of this kind of move.
  public var precedent: String?

  /// `true` when the warning concerns `id`, directly or as the related domain.
  public func concerns(_ id: String) -> Bool { domain == id || related == id }
}
