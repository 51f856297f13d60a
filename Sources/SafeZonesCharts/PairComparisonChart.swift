import Foundation
import SafeZonesCore

/// Maps of the same domains for several country pairs in one drawing: the pairs' maps side
/// by side, and below them one map where each domain that changes quadrant between pairs
/// is drawn for every pair, the placements joined by arrows ending at the last pair's.
public enum PairComparisonChart {
  /// One panel: a map of one pair.
  public struct Panel: Sendable {
    public var points: [MapPoint]
    public var options: MapOptions
    public var joins: [MapTrajectory]

    public init(points: [MapPoint], options: MapOptions, joins: [MapTrajectory] = []) {
      self.points = points
      self.options = options
      self.joins = joins
    }
  }

  /// The panels in a row (`side`) above `joined` (full width, optional), as one SVG
  /// document. Each panel is a whole map, nested at its place; the output depends only on
  /// the arguments.
  public static func svg(side: [Panel], joined: Panel?, title: String) -> String {
    let gap = 24.0
    let rendered = side.map { (MapChart.svg($0.points, options: $0.options, trajectories: $0.joins), $0.options) }
    let rowWidth = side.reduce(0) { $0 + $1.options.width } + gap * Double(max(side.count - 1, 0))
    let rowHeight = side.map(\.options.height).max() ?? 0
    let joinedOptions = joined.map { panel in
      var options = panel.options
      options.width = max(rowWidth, options.width)
      return options
    }
    let width = max(rowWidth, joinedOptions?.width ?? 0)
    let height = rowHeight + (joinedOptions.map { gap + $0.height } ?? 0)
    var s = SVG()
    let (w, h) = (MapChart.n(width), MapChart.n(height))
    s.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1", "viewBox": "0 0 \(w) \(h)", "width": w, "height": h,
        "role": "group", "aria-label": title,
        "font-family": "Helvetica, Arial, 'Liberation Sans', Arimo, sans-serif",
      ])
    s.element("rect", ["width": w, "height": h, "fill": "#ffffff"])
    var x = 0.0
    for (svg, options) in rendered {
      s.raw(nested(svg, x: x, y: 0))
      x += options.width + gap
    }
    if let joined, let joinedOptions {
      let svg = MapChart.svg(joined.points, options: joinedOptions, trajectories: joined.joins)
      s.raw(nested(svg, x: 0, y: rowHeight + gap))
    }
    s.close("svg")
    return s.text
  }

  /// A whole SVG document placed at (x, y) inside another: its root element gains `x` and
  /// `y` attributes (nested `svg` elements are positioned that way).
  static func nested(_ svg: String, x: Double, y: Double) -> String {
    guard let open = svg.range(of: "<svg ") else { return svg }
    var out = svg
    out.replaceSubrange(open, with: "<svg x=\"\(MapChart.n(x))\" y=\"\(MapChart.n(y))\" ")
    return out
  }
}
