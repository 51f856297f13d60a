import SafeZonesCore

/// Colours per quadrant from the Okabe–Ito palette, which stays distinct for colour-blind
/// readers; fills are light tints so that the page prints well and labels stay legible.
enum Palette {
  /// Background tint of the quadrant's region.
  static func fill(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: return "#e0f2ec"
    case .politicalEngineering: return "#fcf0d9"
    case .monitor: return "#f9e3d8"
    case .traditional: return "#e2ecf5"
    }
  }

  /// Colour of the quadrant's points and whiskers.
  static func ink(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: return "#009e73"
    case .politicalEngineering: return "#e69f00"
    case .monitor: return "#d55e00"
    case .traditional: return "#0072b2"
    }
  }

  /// A darker shade for text on the quadrant's tint (quadrant names).
  static func text(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: return "#00664a"
    case .politicalEngineering: return "#875a00"
    case .monitor: return "#a1400a"
    case .traditional: return "#00527f"
    }
  }

  static let ink = "#1a1a1a"
  static let muted = "#555555"
  static let grid = "#ffffff"
  static let frame = "#8a8a8a"
  static let threshold = "#333333"
  static let leader = "#6b6b6b"
}
