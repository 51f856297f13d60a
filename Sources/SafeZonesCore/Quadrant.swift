/// The four regions of the map (the essay's Table 1).
public enum Quadrant: String, Sendable, Codable, CaseIterable, Comparable, CodingKeyRepresentable {
  /// High gains, low risk: the safe zone, most viable and durable.
  case safeZone = "safe-zone"
  /// High gains, high risk: needs political engineering.
  case politicalEngineering = "political-engineering"
  /// Low gains, high risk: the most problematic; monitor.
  case monitor
  /// Low gains, low risk: traditional cooperation with modest gains.
  case traditional

  /// Places a point given the thresholds; a value equal to a threshold counts as high.
  public init(gains: Double, risk: Double, thresholds: Thresholds) {
    let highGains = gains >= thresholds.gains
    let highRisk = risk >= thresholds.risk
    switch (highGains, highRisk) {
    case (true, false): self = .safeZone
    case (true, true): self = .politicalEngineering
    case (false, true): self = .monitor
    case (false, false): self = .traditional
    }
  }

  public var highGains: Bool { self == .safeZone || self == .politicalEngineering }
  public var highRisk: Bool { self == .politicalEngineering || self == .monitor }

  /// The name shown on the map.
  public var title: String {
    switch self {
    case .safeZone: return "Safe zone"
    case .politicalEngineering: return "Political engineering"
    case .monitor: return "Monitor"
    case .traditional: return "Traditional cooperation"
    }
  }

  /// ``title`` in the language in view, for text a person reads (`title` itself stays
  /// English: JSON and CSV carry it).
  public var displayTitle: String { Localization.shipped("quadrant.\(rawValue).name", title) }

  /// The name inside a sentence ("safe zone"), in the language in view.
  public var inText: String { Localization.shipped("quadrant.\(rawValue).in-text", title.lowercased()) }

  /// ``corner`` in the language in view.
  public var displayCorner: String { Localization.shipped("quadrant.\(rawValue).corner", corner) }

  /// The quadrant in a table or a short note: its id in English (what `--quadrant` takes),
  /// its name in another language.
  public var label: String { Localization.current == nil ? rawValue : displayTitle }

  /// Where the essay's Table 1 draws it.
  public var corner: String {
    switch self {
    case .safeZone: return "lower right"
    case .politicalEngineering: return "upper right"
    case .monitor: return "upper left"
    case .traditional: return "lower left"
    }
  }

  public static func < (lhs: Quadrant, rhs: Quadrant) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
