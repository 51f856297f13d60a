import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

/// The domain page's small map (`PlacementMapChart`, drawn by SafeZonesCharts) with a
/// caption that says the same in words; in print it stays beside the placement on the
/// memo's first page.
enum PlacementMap {
  /// The figure: the drawing and a caption that says the same in words.
  static func figure(name: String, placement r: Placement, thresholds t: Thresholds) -> HTMLNode {
    let caption = tr(
      "Where {name} sits: joint gains {gains}, political risk {risk}; the dashed lines are the thresholds (gains {gainsThreshold}, risk {riskThreshold}).",
      [
        "name": .text(name), "gains": .text(Format.fixed(r.gains)), "risk": .text(Format.fixed(r.risk)),
        "gainsThreshold": .text(Format.number(t.gains)), "riskThreshold": .text(Format.number(t.risk)),
      ])
    return .el(
      "figure", ["class": "placement-map", "id": "placement-map"],
      .raw(PlacementMapChart.svg(name: name, placement: r, thresholds: t)),
      .el("figcaption", [:], .safe(caption)))
  }
}
