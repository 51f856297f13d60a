import Foundation
import SafeZonesCore

/// One domain as drawn on the map.
public struct MapPoint: Sendable, Hashable {
  /// Which set a point belongs to, drawn differently so a user's domains stand out.
  public enum Group: String, Sendable, Hashable { case shipped, user }

  public var id: String
  public var label: String
  public var gains: Double
  public var risk: Double
  public var gainsRange: ClosedRange<Double>
  public var riskRange: ClosedRange<Double>
  public var quadrant: Quadrant
  public var borderline: Bool
  public var group: Group

  public init(
    id: String, label: String, gains: Double, risk: Double, gainsRange: ClosedRange<Double>? = nil,
    riskRange: ClosedRange<Double>? = nil, quadrant: Quadrant, borderline: Bool = false, group: Group = .shipped
  ) {
    self.id = id
    self.label = label
    self.gains = gains
    self.risk = risk
    self.gainsRange = gainsRange ?? gains...gains
    self.riskRange = riskRange ?? risk...risk
    self.quadrant = quadrant
    self.borderline = borderline
    self.group = group
  }

  /// The point for a domain report.
  public init(_ report: DomainReport, group: Group = .shipped) {
    self.init(
      id: report.id, label: report.name, gains: report.gains, risk: report.risk,
      gainsRange: report.gainsRange[0]...report.gainsRange[1], riskRange: report.riskRange[0]...report.riskRange[1],
      quadrant: report.quadrant, borderline: report.borderline, group: group)
  }
}

/// What surrounds the points: title, thresholds, size.
public struct MapOptions: Sendable, Hashable {
  public var title: String
  public var subtitle: String
  public var thresholds: Thresholds
  public var width: Double
  public var height: Double

  public init(title: String, subtitle: String, thresholds: Thresholds, width: Double = 1200, height: Double = 900) {
    self.title = title
    self.subtitle = subtitle
    self.thresholds = thresholds
    self.width = width
    self.height = height
  }

  /// The standard title for a rubric: country pair and rubric version.
  public init(rubric: Rubric, title: String? = nil) {
    self.init(
      title: title ?? "Safe zones for science: \(rubric.countries.first)–\(rubric.countries.second) cooperation",
      subtitle: "Joint gains versus political risk · rubric \(rubric.version)",
      thresholds: rubric.thresholds)
  }
}

/// The essay's Table 1 drawn from computed placements.
public enum MapChart {
  /// Renders the map as a standalone SVG document.
  public static func svg(_ points: [MapPoint], options: MapOptions) -> String {
    let w = options.width
    let h = options.height
    let plot = (x: 90.0, y: 90.0, w: w - 90 - 40, h: h - 90 - 80)
    func px(_ g: Double) -> Double { plot.x + g * plot.w }
    func py(_ r: Double) -> Double { plot.y + (1 - r) * plot.h }
    var s = SVG()
    s.open("svg", ["xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(n(w)) \(n(h))", "width": n(w), "height": n(h), "role": "img", "font-family": "Helvetica, Arial, sans-serif"])
    s.element("title", text: options.title)
    s.element("rect", ["width": n(w), "height": n(h), "fill": "#ffffff"])
    s.element("text", ["x": n(plot.x), "y": "40", "font-size": "24", "font-weight": "bold", "fill": "#1a1a1a"], text: options.title)
    s.element("text", ["x": n(plot.x), "y": "66", "font-size": "15", "fill": "#555"], text: options.subtitle)
    let tx = px(options.thresholds.gains)
    let ty = py(options.thresholds.risk)
    for q in Quadrant.allCases {
      let x0 = q.highGains ? tx : plot.x
      let x1 = q.highGains ? plot.x + plot.w : tx
      let y0 = q.highRisk ? plot.y : ty
      let y1 = q.highRisk ? ty : plot.y + plot.h
      s.element("rect", ["x": n(x0), "y": n(y0), "width": n(x1 - x0), "height": n(y1 - y0), "fill": Palette.fill(q), "class": "quadrant", "data-quadrant": q.rawValue])
    }
    for p in points {
      s.element("circle", ["cx": n(px(p.gains)), "cy": n(py(p.risk)), "r": "5", "fill": Palette.ink(p.quadrant), "data-id": p.id])
      s.element("text", ["x": n(px(p.gains) + 8), "y": n(py(p.risk) + 4), "font-size": "12"], text: p.label)
    }
    s.close("svg")
    return s.text
  }

  static func n(_ v: Double) -> String { Format.number(v, digits: 1) }
}

/// Colours per quadrant, chosen to stay distinct for colour-blind readers and in print.
enum Palette {
  static func fill(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: return "#e3f1e6"
    case .politicalEngineering: return "#fdf0d8"
    case .monitor: return "#f8e1e1"
    case .traditional: return "#eceff3"
    }
  }

  static func ink(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: return "#1b7a3a"
    case .politicalEngineering: return "#b36b00"
    case .monitor: return "#b3261e"
    case .traditional: return "#4a5868"
    }
  }
}
