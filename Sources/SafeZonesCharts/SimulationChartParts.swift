import Foundation
import SafeZonesCore

/// Size and captions of a simulation chart.
public struct SimulationChartOptions: Sendable, Hashable {
  public var title: String
  public var subtitle: String
  /// Canvas width; the height grows when labels or a key need room.
  public var width: Double
  public var height: Double

  public init(title: String, subtitle: String = "", width: Double = 900, height: Double = 520) {
    self.title = title
    self.subtitle = subtitle
    self.width = width
    self.height = height
  }
}

/// Round tick values for an axis.
enum SimScale {
  /// A step of 1, 2 or 5 × 10ⁿ giving about `count` intervals over `span`.
  static func step(_ span: Double, count: Int) -> Double {
    guard span.isFinite, span > 0 else { return 1 }
    let raw = span / Double(max(1, count))
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let residual = raw / magnitude
    let factor: Double = residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1
    return factor * magnitude
  }

  /// The smallest multiple of the step at or above `maximum` (at least one step).
  static func top(_ maximum: Double, count: Int = 5) -> (top: Double, step: Double) {
    let s = step(max(maximum, 1e-9), count: count)
    return (max(s, (maximum / s - 1e-9).rounded(.up) * s), s)
  }

  /// A round range around `low…high` with a margin, for points that sit far from zero;
  /// never below zero when every value is at or above it.
  static func around(_ low: Double, _ high: Double, count: Int = 5) -> (low: Double, high: Double, step: Double) {
    var span = high - low
    if !(span > 0) { span = max(1, abs(high) * 0.2) }
    let s = step(span * 1.2, count: count)
    var lo = ((low - span * 0.1) / s).rounded(.down) * s
    if low >= 0 && lo < 0 { lo = 0 }
    let hi = max(lo + s, ((high + span * 0.1) / s).rounded(.up) * s)
    return (lo, hi, s)
  }

  /// low, low + step, … up to `high`.
  static func ticks(low: Double, high: Double, step: Double) -> [Double] {
    guard step > 0, low.isFinite, high.isFinite, high >= low else { return [low] }
    let n = Int(((high - low) / step).rounded())
    return (0...max(0, min(n, 50))).map { low + Double($0) * step }
  }

  /// 0, step, 2·step, … up to `top`.
  static func ticks(top: Double, step: Double) -> [Double] {
    guard step > 0, top.isFinite else { return [0] }
    let n = Int((top / step).rounded())
    return (0...max(0, min(n, 50))).map { Double($0) * step }
  }
}

/// Line styles for many series: the Okabe–Ito colours (distinct for colour-blind readers;
/// yellow left out, too pale on white), then the same colours dashed, then dotted.
enum SimStyle {
  static let colours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#333333"]
  static let dashes: [String?] = [nil, "7 4", "2 3"]

  /// Darker shades of the same colours for text on white (contrast at least 4.5:1).
  static let textColours = ["#0072b2", "#a1400a", "#00664a", "#9c4a7a", "#875a00", "#1f6f9f", "#333333"]

  static func colour(_ i: Int) -> String { colours[i % colours.count] }
  static func textColour(_ i: Int) -> String { textColours[i % textColours.count] }
  static func dash(_ i: Int) -> String? { dashes[(i / colours.count) % dashes.count] }

  static let fan = "#0072b2"
  static let ink = Palette.ink
  static let muted = Palette.muted
  static let gridLine = "#e3e3e3"
  static let frame = Palette.frame
  static let font = "Helvetica, Arial, 'Liberation Sans', Arimo, sans-serif"
}

/// Drawing helpers shared by the simulation charts.
enum SimDraw {
  static func n(_ v: Double) -> String { MapChart.n(v) }

  /// A number as written in labels: at most one decimal.
  static func value(_ v: Double) -> String { Format.number(v, digits: 1) }

  /// `87%`, or `99.5%` when rounding would hide that it is not 100%.
  static func percent(_ p: Double) -> String {
    let whole = (p * 100).rounded()
    if (whole == 100 && p < 1) || (whole == 0 && p > 0) { return Format.number(p * 100, digits: 1) + "%" }
    return Format.number(whole, digits: 0) + "%"
  }

  /// Opens the document: root element with its accessible name and description, a white
  /// background, title and subtitle. `id` prefixes element ids, so that several charts can
  /// sit in one HTML page.
  static func open(
    _ s: inout SVG, id: String, width: Double, height: Double, options: SimulationChartOptions, description: String
  ) {
    s.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1", "viewBox": "0 0 \(n(width)) \(n(height))",
        "width": n(width), "height": n(height), "role": "img", "aria-labelledby": "\(id)-title \(id)-desc",
        "font-family": SimStyle.font, "class": "simulation-chart \(id)-chart",
      ])
    s.element(
      "title", ["id": "\(id)-title"],
      text: options.subtitle.isEmpty ? options.title : "\(options.title) — \(options.subtitle)")
    s.element("desc", ["id": "\(id)-desc"], text: description)
    s.element("rect", ["class": "background", "width": n(width), "height": n(height), "fill": "#ffffff"])
    s.open("g", ["class": "header"])
    let maxWidth = width - 48
    s.element(
      "text",
      ["class": "title", "x": "24", "y": "34", "font-size": "20", "font-weight": "bold", "fill": SimStyle.ink],
      text: TextMetrics.truncate(options.title, size: 20, bold: true, maxWidth: maxWidth))
    if !options.subtitle.isEmpty {
      s.element(
        "text", ["class": "subtitle", "x": "24", "y": "56", "font-size": "13", "fill": SimStyle.muted],
        text: TextMetrics.truncate(options.subtitle, size: 13, maxWidth: maxWidth))
    }
    s.close("g")
  }

  /// Horizontal grid lines with their labels on the left, and the plot's frame.
  static func yAxis(_ s: inout SVG, plot: Rect, ticks: [Double], y: (Double) -> Double, label: (Double) -> String) {
    s.open("g", ["class": "grid", "stroke": SimStyle.gridLine, "stroke-width": "1"])
    for t in ticks { s.element("line", ["x1": n(plot.x), "y1": n(y(t)), "x2": n(plot.maxX), "y2": n(y(t))]) }
    s.close("g")
    s.open("g", ["class": "y-ticks", "fill": SimStyle.muted, "font-size": "12", "text-anchor": "end"])
    for t in ticks { s.element("text", ["x": n(plot.x - 8), "y": n(y(t) + 4)], text: label(t)) }
    s.close("g")
  }

  /// Tick labels under the plot.
  static func xAxis(_ s: inout SVG, plot: Rect, ticks: [Double], x: (Double) -> Double, label: (Double) -> String) {
    s.open("g", ["class": "x-ticks", "fill": SimStyle.muted, "font-size": "12", "text-anchor": "middle"])
    for t in ticks {
      s.element(
        "line", ["x1": n(x(t)), "y1": n(plot.maxY), "x2": n(x(t)), "y2": n(plot.maxY + 5), "stroke": SimStyle.frame])
      s.element("text", ["x": n(x(t)), "y": n(plot.maxY + 19)], text: label(t))
    }
    s.close("g")
  }

  static func frame(_ s: inout SVG, _ plot: Rect) {
    s.element(
      "rect",
      [
        "class": "frame", "x": n(plot.x), "y": n(plot.y), "width": n(plot.w), "height": n(plot.h), "fill": "none",
        "stroke": SimStyle.frame, "stroke-width": "1",
      ])
  }

  /// An axis title under the plot, centred.
  static func xTitle(_ s: inout SVG, _ text: String, plot: Rect, y: Double) {
    s.element(
      "text",
      [
        "class": "axis-title", "x": n(plot.midX), "y": n(y), "text-anchor": "middle", "font-size": "14",
        "font-weight": "bold", "fill": SimStyle.ink,
      ], text: TextMetrics.truncate(text, size: 14, bold: true, maxWidth: plot.w))
  }

  /// A vertical axis title left of the plot, reading upwards.
  static func yTitle(_ s: inout SVG, _ text: String, plot: Rect, x: Double) {
    s.element(
      "text",
      [
        "class": "axis-title", "transform": "translate(\(n(x)) \(n(plot.midY))) rotate(-90)", "text-anchor": "middle",
        "font-size": "14", "font-weight": "bold", "fill": SimStyle.ink,
      ], text: TextMetrics.truncate(text, size: 14, bold: true, maxWidth: plot.h))
  }

  /// A polyline path through `points` (`M x y L x y …`).
  static func path(_ points: [Point]) -> String {
    points.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(n(p.x)) \(n(p.y))" }.joined(separator: " ")
  }

  /// Spreads labels wanted at `wanted` (y of each, any order) so that no two are closer
  /// than `gap`, staying within `range` when there is room; returns the y of each label.
  /// Labels keep their order; each moves as little as the others allow.
  static func spread(_ wanted: [Double], gap: Double, range: ClosedRange<Double>) -> [Double] {
    let order = wanted.indices.sorted { wanted[$0] != wanted[$1] ? wanted[$0] < wanted[$1] : $0 < $1 }
    var ys = order.map { wanted[$0] }
    guard !ys.isEmpty else { return [] }
    // Push down, then pull back up from the bottom edge, then push down from the top edge.
    for i in 1..<max(1, ys.count) where ys[i] < ys[i - 1] + gap { ys[i] = ys[i - 1] + gap }
    if ys.last! > range.upperBound {
      ys[ys.count - 1] = range.upperBound
      for i in stride(from: ys.count - 2, through: 0, by: -1) where ys[i] > ys[i + 1] - gap { ys[i] = ys[i + 1] - gap }
    }
    if ys[0] < range.lowerBound {
      ys[0] = range.lowerBound
      for i in 1..<max(1, ys.count) where ys[i] < ys[i - 1] + gap { ys[i] = ys[i - 1] + gap }
    }
    var out = [Double](repeating: 0, count: wanted.count)
    for (k, i) in order.enumerated() { out[i] = ys[k] }
    return out
  }
}
