import Foundation
import SafeZonesCore

/// The small map of a screened proposal: the four quadrants and one point per placed aim,
/// labelled with the aim's id, the most sensitive aim ringed, and each aim's risk range
/// (the spread of its matched domains' risk) as a whisker. For the screening page and the
/// printed decision record; attributes only, like ``PlacementMapChart``.
public enum ScreeningMapChart {
  /// One aim on the map.
  public struct Mark: Sendable, Hashable {
    public var label: String
    public var gains: Double
    public var risk: Double
    public var quadrant: Quadrant
    /// The risk the matched domains span (low, high); drawn when it is wider than a dot.
    public var riskRange: ClosedRange<Double>?
    public var ringed: Bool

    public init(
      label: String, gains: Double, risk: Double, quadrant: Quadrant, riskRange: ClosedRange<Double>? = nil,
      ringed: Bool = false
    ) {
      self.label = label
      self.gains = gains
      self.risk = risk
      self.quadrant = quadrant
      self.riskRange = riskRange
      self.ringed = ringed
    }
  }

  public static func svg(title: String, marks: [Mark], thresholds t: Thresholds) -> String {
    typealias P = PlacementMapChart
    let size = P.size
    let described = marks.map {
      tr(
        "{aim}: {quadrant}, gains {gains}, risk {risk}",
        [
          "aim": .text($0.label), "quadrant": .text(ChartWords.quadrant($0.quadrant)),
          "gains": .text(Format.fixed($0.gains)), "risk": .text(Format.fixed($0.risk)),
        ])
    }.joined(separator: "; ")
    let label = tr(
      "{title} on the map. {aims}",
      ["title": .text(title), "aims": .text(marks.isEmpty ? tr("No aim placed.") : described)])
    let open =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"placement-map-svg screening-map-svg\" viewBox=\"0 0 \(P.n(size)) \(P.n(size))\" width=\"\(P.n(size))\" height=\"\(P.n(size))\" role=\"img\" aria-label=\"\(SVG.escape(label))\" focusable=\"false\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\">"
    let bold = marks.first(where: \.ringed)?.quadrant
    var parts = P.background(open: open, thresholds: t, bold: bold)
    let (px, _, side) = P.plot
    // Labels go right of their point unless near the right edge; a label that would sit
    // on an earlier one moves down a line.
    var taken: [(x: Double, y: Double)] = []
    for m in marks {
      let cx = P.x(m.gains)
      let cy = P.y(m.risk)
      if let r = m.riskRange, r.upperBound - r.lowerBound > 0.01 {
        parts.append(
          "<line class=\"range\" x1=\"\(P.n(cx))\" y1=\"\(P.n(P.y(r.upperBound)))\" x2=\"\(P.n(cx))\" y2=\"\(P.n(P.y(r.lowerBound)))\" stroke=\"\(Palette.ink(m.quadrant))\" stroke-width=\"2\"/>"
        )
      }
      if m.ringed {
        parts.append(
          "<circle class=\"ring\" cx=\"\(P.n(cx))\" cy=\"\(P.n(cy))\" r=\"11\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>"
        )
      }
      parts.append(
        "<circle class=\"point\" data-aim=\"\(SVG.escape(m.label))\" cx=\"\(P.n(cx))\" cy=\"\(P.n(cy))\" r=\"6\" fill=\"\(Palette.ink(m.quadrant))\" stroke=\"#1a1a1a\" stroke-width=\"1.5\"/>"
      )
      let right = cx < px + side - 40
      var ly = cy + 4
      while taken.contains(where: { abs($0.y - ly) < 11 && abs($0.x - cx) < 40 }) { ly += 12 }
      taken.append((cx, ly))
      parts.append(
        "<text class=\"point-label\" x=\"\(P.n(right ? cx + 14 : cx - 14))\" y=\"\(P.n(ly))\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"\(right ? "start" : "end")\" fill=\"#1a1a1a\">\(SVG.escape(m.label))</text>"
      )
    }
    parts.append("</svg>")
    return parts.joined()
  }
}
