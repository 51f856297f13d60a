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
    let caption =
      "Where \(name) sits: joint gains \(Format.fixed(r.gains)), political risk \(Format.fixed(r.risk)); the dashed lines are the thresholds (gains \(Format.number(t.gains)), risk \(Format.number(t.risk)))."
    return .el(
      "figure", ["class": "placement-map", "id": "placement-map"],
      .raw(PlacementMapChart.svg(name: name, placement: r, thresholds: t)),
      .el("figcaption", [:], .safe(caption)))
  }
}
