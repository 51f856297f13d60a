import Foundation
import SafeZonesCore

/// What the map's uncertainty layer draws for one domain: the 90% ellipse of its simulated
/// placements, optionally the sample cloud, and its quadrant probabilities.
public struct UncertaintyMark: Sendable, Hashable {
  public var gainsMean: Double
  public var riskMean: Double
  /// Variance of gains, covariance of gains and risk, variance of risk.
  public var covariance: [Double]
  /// Simulated (gains, risk) placements to draw as dots; empty for none.
  public var cloud: [[Double]]
  public var probabilities: [Quadrant: Double]
  public var mostLikely: Quadrant
  public var confidence: Double

  public init(
    gainsMean: Double, riskMean: Double, covariance: [Double], cloud: [[Double]] = [],
    probabilities: [Quadrant: Double],
    mostLikely: Quadrant, confidence: Double
  ) {
    self.gainsMean = gainsMean
    self.riskMean = riskMean
    self.covariance = covariance
    self.cloud = cloud
    self.probabilities = probabilities
    self.mostLikely = mostLikely
    self.confidence = confidence
  }

  /// The mark of a Monte Carlo result; the cloud only when asked for.
  public init(_ u: UncertainPlacement, cloud: Bool = false) {
    self.init(
      gainsMean: u.gainsMean, riskMean: u.riskMean, covariance: u.covariance, cloud: cloud ? u.cloud : [],
      probabilities: u.probabilities, mostLikely: u.mostLikely, confidence: u.confidence)
  }

  /// P(safe zone).
  public var safeZone: Double { probabilities[.safeZone] ?? 0 }

  /// `true` when the placement does not vary (every judgement a point): no ellipse.
  public var isCertain: Bool { covariance.count != 3 || covariance[0] + covariance[2] < 1e-9 }
}

/// How the map colours its markers.
public enum MapColourMode: String, Sendable, Hashable, CaseIterable {
  /// By quadrant (the default).
  case quadrant
  /// By the probability of lying in the safe zone, on a sequential scale (needs
  /// `MapOptions.uncertainty`).
  case safeZoneProbability = "safe-zone-probability"
}

/// The 90% ellipse in pixels: centre, radii and the rotation of the first radius.
struct EllipseGeometry: Hashable, Sendable {
  var cx: Double
  var cy: Double
  var rx: Double
  var ry: Double
  var degrees: Double

  /// χ²₂(0.9): the squared radius of a bivariate normal's 90% region.
  static let chiSquare90 = 4.605170185988091

  /// The ellipse of a covariance in data units, drawn with `scale` pixels per unit across
  /// and down (risk grows upwards, so the vertical scale is negative); `nil` when the
  /// placement is certain.
  init?(mark: UncertaintyMark, centre: Point, scaleX: Double, scaleY: Double) {
    guard mark.covariance.count == 3, mark.covariance.allSatisfy(\.isFinite) else { return nil }
    let a = mark.covariance[0] * scaleX * scaleX
    let b = mark.covariance[1] * scaleX * scaleY
    let d = mark.covariance[2] * scaleY * scaleY
    let mid = (a + d) / 2
    let spread = (((a - d) / 2) * ((a - d) / 2) + b * b).squareRoot()
    let l1 = max(0, mid + spread)
    let l2 = max(0, mid - spread)
    guard l1 > 1e-6 else { return nil }
    cx = centre.x
    cy = centre.y
    rx = max(0.75, (Self.chiSquare90 * l1).squareRoot())
    ry = max(0.75, (Self.chiSquare90 * l2).squareRoot())
    degrees = atan2(2 * b, a - d) / 2 * 180 / Double.pi
  }
}

extension MapChart {
  /// Marker colours by P(safe zone), five classes from pale (unlikely) to dark green
  /// (likely): ColorBrewer YlGn, which keeps its order in grey and for colour-blind readers.
  static let probabilityColours = ["#ffffcc", "#c2e699", "#78c679", "#31a354", "#006837"]

  /// The class (0–4) of a probability: below 20%, 20–40%, … 80% and above.
  static func probabilityClass(_ p: Double) -> Int { min(4, max(0, Int((p * 5).rounded(.down)))) }

  /// The legend's text for a class, highest first in the legend.
  static func probabilityLegend(_ k: Int, text: MapText = .english) -> String {
    let lo = k * 20
    let range: [String: LocalizationArgument] = ["low": .text(String(lo)), "high": .text(String(lo + 20))]
    return text.text(k == 4 ? "map.legend.probability-top" : "map.legend.probability-band", range)
  }

  /// The fill of a point's marker when colouring by P(safe zone), else `nil`.
  static func probabilityColour(_ options: MapOptions, id: String) -> String? {
    guard options.colourMode == .safeZoneProbability, !options.uncertainty.isEmpty else { return nil }
    guard let mark = options.uncertainty[id] else { return "#bbbbbb" }
    return probabilityColours[probabilityClass(mark.safeZone)]
  }

  /// Ellipses (and clouds) under the points, clipped to the plot.
  static func drawUncertainty(_ s: inout SVG, _ layout: MapLayout) {
    let options = layout.options
    let data = layout.data
    let plot = layout.plot
    let byProbability = options.colourMode == .safeZoneProbability
    s.open("defs")
    s.open("clipPath", ["id": "map-plot-clip"])
    s.element("rect", ["x": n(plot.x), "y": n(plot.y), "width": n(plot.w), "height": n(plot.h)])
    s.close("clipPath")
    s.close("defs")
    s.open("g", ["class": "uncertainty", "clip-path": "url(#map-plot-clip)"])
    for p in layout.points {
      guard let mark = options.uncertainty[p.id] else { continue }
      let ink = byProbability ? "#3d3d3d" : Palette.ink(p.quadrant)
      let fill = byProbability ? (probabilityColour(options, id: p.id) ?? "#bbbbbb") : Palette.ink(p.quadrant)
      s.open(
        "g",
        ["class": "uncertainty-mark", "data-id": p.id, "data-p-safe": Format.number(mark.safeZone, digits: 3)])
      if !mark.cloud.isEmpty {
        s.open("g", ["class": "cloud", "fill": ink, "fill-opacity": "0.35"])
        for point in mark.cloud where point.count == 2 {
          s.element("circle", ["cx": n(layout.x(point[0])), "cy": n(layout.y(point[1])), "r": "1.8"])
        }
        s.close("g")
      }
      let centre = Point(x: layout.x(mark.gainsMean), y: layout.y(mark.riskMean))
      if let e = EllipseGeometry(mark: mark, centre: centre, scaleX: data.w, scaleY: -data.h) {
        s.element(
          "ellipse",
          [
            "class": "ellipse", "cx": n(e.cx), "cy": n(e.cy), "rx": n(e.rx), "ry": n(e.ry),
            "transform": "rotate(\(Format.number(e.degrees, digits: 1)) \(n(e.cx)) \(n(e.cy)))", "fill": fill,
            "fill-opacity": byProbability ? "0.22" : "0.07", "stroke": ink,
            "stroke-opacity": byProbability ? "0.55" : "0.7",
            "stroke-width": "1.2",
          ])
      }
      s.close("g")
    }
    s.close("g")
  }

  static func uncertaintyLegendSymbol(_ s: inout SVG, _ symbol: MapLayout.LegendSymbol, at a: Point) {
    switch symbol {
    case .ellipse:
      s.element(
        "ellipse",
        [
          "cx": n(a.x), "cy": n(a.y), "rx": "14", "ry": "7", "transform": "rotate(-20 \(n(a.x)) \(n(a.y)))",
          "fill": Palette.muted,
          "fill-opacity": "0.12", "stroke": Palette.muted, "stroke-width": "1.2",
        ])
    case .probability(let k):
      s.element(
        "circle",
        [
          "cx": n(a.x), "cy": n(a.y), "r": "6", "fill": k >= 0 ? probabilityColours[k] : "#bbbbbb",
          "stroke": Palette.ink, "stroke-width": "1",
        ])
    default:
      break
    }
  }

  /// The tooltip's sentence on quadrant probabilities and confidence (none without a mark).
  static func uncertaintySentences(_ options: MapOptions, id: String) -> [String] {
    guard let m = options.uncertainty[id] else { return [] }
    let text = options.text
    func pct(_ p: Double) -> LocalizationArgument { .text("\(Format.number(p * 100, digits: 0))%") }
    let parts = Quadrant.allCases.map {
      text.text(
        "map.tooltip.probability", ["quadrant": .text(text.quadrantInText($0)), "share": pct(m.probabilities[$0] ?? 0)])
    }
    return [
      text.text(
        "map.tooltip.probabilities",
        [
          "list": .list(parts), "quadrant": .text(text.quadrantInText(m.mostLikely)), "confidence": pct(m.confidence),
        ])
    ]
  }

  /// The accessible summary's sentences on the ellipses and colours.
  static func uncertaintyDescription(_ layout: MapLayout) -> [String] {
    let marks = layout.points.compactMap { layout.options.uncertainty[$0.id] }
    guard !marks.isEmpty else { return [] }
    let text = layout.options.text
    let drawn = marks.filter { !$0.isCertain }.count
    var d = [
      drawn < marks.count
        ? text.text(
          "map.description.ellipses-some-certain",
          ["count": .text(String(drawn)), "certain": .text(String(marks.count - drawn))])
        : text.text("map.description.ellipses", ["count": .text(String(drawn))])
    ]
    if layout.options.colourMode == .safeZoneProbability {
      d.append(text.text("map.description.probability-colours"))
    }
    return d
  }
}
