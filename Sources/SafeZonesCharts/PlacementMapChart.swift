import Foundation
import SafeZonesCore

/// The small map of one domain's placement, for the domain page and its printed memo: the
/// four quadrants split at the rubric's thresholds and the domain's point (with its
/// envelope, when its ranges give one). Attributes only (the pages' content security
/// policy forbids `style`), legible at 260 pixels and in print.
public enum PlacementMapChart {
  static let size = 260.0
  /// The plot square: gains 0…1 left to right, risk 0…1 bottom to top.
  static let plot = (x: 34.0, y: 8.0, side: 216.0)

  static func x(_ gains: Double) -> Double { plot.x + max(0, min(1, gains)) * plot.side }
  static func y(_ risk: Double) -> Double { plot.y + (1 - max(0, min(1, risk))) * plot.side }
  static func n(_ v: Double) -> String { Format.number(v, digits: 1) }

  /// The quadrants, names, frame, thresholds and axes, after the opening tag `open`;
  /// `bold` names the quadrant whose name is set in bold.
  static func background(open: String, thresholds t: Thresholds, bold: Quadrant?) -> [String] {
    let (px, py, side) = plot
    let tx = x(t.gains)
    let ty = y(t.risk)
    var parts = [open]
    // The quadrants: (quadrant, x, y, width, height).
    let regions: [(Quadrant, Double, Double, Double, Double)] = [
      (.monitor, px, py, tx - px, ty - py),
      (.politicalEngineering, tx, py, px + side - tx, ty - py),
      (.traditional, px, ty, tx - px, py + side - ty),
      (.safeZone, tx, ty, px + side - tx, py + side - ty),
    ]
    for (q, rx, ry, w, h) in regions {
      parts.append(
        "<rect class=\"quadrant\" data-quadrant=\"\(q.rawValue)\" x=\"\(n(rx))\" y=\"\(n(ry))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\" fill=\"\(Palette.fill(q))\"/>"
      )
    }
    // Quadrant names in the outer corners, two short lines each in English; another
    // language's name (`quadrant.<id>.name`) on one line, the lower ones kept at the bottom.
    let names: [(Quadrant, [String], Double, Double, String)] = [
      (.monitor, ["Monitor"], px + 5, py + 14, "start"),
      (.politicalEngineering, ["Political", "engineering"], px + side - 5, py + 14, "end"),
      (.traditional, ["Traditional", "cooperation"], px + 5, py + side - 19, "start"),
      (.safeZone, ["Safe zone"], px + side - 5, py + side - 7, "end"),
    ]
    for (q, english, lx, englishY, anchor) in names {
      let lines = Localization.current == nil ? english : [ChartWords.quadrant(q)]
      let ly = q.highRisk ? englishY : englishY + 12 * Double(english.count - lines.count)
      let weight = q == bold ? " font-weight=\"bold\"" : ""
      let spans = lines.enumerated().map { i, line in
        "<tspan x=\"\(n(lx))\" dy=\"\(i == 0 ? "0" : "12")\">\(SVG.escape(line))</tspan>"
      }.joined()
      parts.append(
        "<text class=\"quadrant-name\" x=\"\(n(lx))\" y=\"\(n(ly))\" font-size=\"11\" text-anchor=\"\(anchor)\" fill=\"\(Palette.text(q))\"\(weight)>\(spans)</text>"
      )
    }
    parts.append(
      "<rect class=\"frame\" x=\"\(n(px))\" y=\"\(n(py))\" width=\"\(n(side))\" height=\"\(n(side))\" fill=\"none\" stroke=\"\(Palette.frame)\" stroke-width=\"1\"/>"
    )
    parts.append(
      "<line class=\"threshold\" x1=\"\(n(tx))\" y1=\"\(n(py))\" x2=\"\(n(tx))\" y2=\"\(n(py + side))\" stroke=\"\(Palette.threshold)\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
    )
    parts.append(
      "<line class=\"threshold\" x1=\"\(n(px))\" y1=\"\(n(ty))\" x2=\"\(n(px + side))\" y2=\"\(n(ty))\" stroke=\"\(Palette.threshold)\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
    )
    // Axis names and the ends of each scale.
    parts.append(
      "<text class=\"axis\" x=\"\(n(px + side / 2))\" y=\"\(n(py + side + 26))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">\(SVG.escape(tr("Joint gains →")))</text>"
    )
    parts.append(
      "<text class=\"axis\" transform=\"translate(12 \(n(py + side / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1a1a1a\">\(SVG.escape(tr("Political risk →")))</text>"
    )
    parts.append(
      "<text class=\"tick\" x=\"\(n(px))\" y=\"\(n(py + side + 12))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#555555\">0</text>"
    )
    parts.append(
      "<text class=\"tick\" x=\"\(n(px + side))\" y=\"\(n(py + side + 12))\" font-size=\"9\" text-anchor=\"middle\" fill=\"#555555\">1</text>"
    )
    parts.append(
      "<text class=\"tick\" x=\"\(n(px - 4))\" y=\"\(n(py + 4))\" font-size=\"9\" text-anchor=\"end\" fill=\"#555555\">1</text>"
    )
    return parts
  }

  public static func svg(name: String, placement r: Placement, thresholds t: Thresholds) -> String {
    let label = tr(
      "{name} on the map: {quadrant}, joint gains {gains}, political risk {risk}",
      [
        "name": .text(name), "quadrant": .text(ChartWords.quadrant(r.quadrant)), "gains": .text(Format.fixed(r.gains)),
        "risk": .text(Format.fixed(r.risk)),
      ])
    let open =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"placement-map-svg\" viewBox=\"0 0 \(n(size)) \(n(size))\" width=\"\(n(size))\" height=\"\(n(size))\" role=\"img\" aria-label=\"\(SVG.escape(label))\" focusable=\"false\" font-family=\"Helvetica, Arial, 'Liberation Sans', sans-serif\">"
    var parts = background(open: open, thresholds: t, bold: r.quadrant)
    let (px, py, side) = plot
    // The envelope the assessors' ranges allow, then the point.
    if r.hasEnvelope {
      let (g, k) = (r.gainsEnvelope, r.riskEnvelope)
      parts.append(
        "<rect class=\"envelope\" x=\"\(n(x(g.lowerBound)))\" y=\"\(n(y(k.upperBound)))\" width=\"\(n(max(1, x(g.upperBound) - x(g.lowerBound))))\" height=\"\(n(max(1, y(k.lowerBound) - y(k.upperBound))))\" fill=\"\(Palette.ink(r.quadrant))\" fill-opacity=\"0.18\" stroke=\"\(Palette.ink(r.quadrant))\" stroke-width=\"1\"/>"
      )
    }
    let cx = x(r.gains)
    let cy = y(r.risk)
    parts.append(
      "<circle class=\"point\" cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"7\" fill=\"\(Palette.ink(r.quadrant))\" stroke=\"#1a1a1a\" stroke-width=\"2\"/>"
    )
    // The values beside the point, on the side with room.
    let right = cx < px + side - 70
    parts.append(
      "<text class=\"point-label\" x=\"\(n(right ? cx + 11 : cx - 11))\" y=\"\(n(cy < py + 20 ? cy + 16 : cy - 9))\" font-size=\"11\" font-weight=\"bold\" text-anchor=\"\(right ? "start" : "end")\" fill=\"#1a1a1a\">\(Format.fixed(r.gains)), \(Format.fixed(r.risk))</text>"
    )
    parts.append("</svg>")
    return parts.joined()
  }
}
