import Foundation
import Plot
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore

/// The map's "show uncertainty" checkbox (a plain GET field, `uncertainty=1`) and the map
/// drawn with the uncertainty layer: 90% ellipses, points coloured by P(safe zone).
enum MapUncertaintyControls {
  static func field(on: Bool) -> HTMLNode {
    .el(
      "fieldset", ["class": "uncertainty-filter"],
      .el("legend", [:], .safe(tr("Uncertainty"))),
      .el(
        "label", ["class": "check"],
        .void(
          "input",
          [
            "id": "filter-uncertainty", "type": "checkbox", "name": "uncertainty", "value": "1",
            "checked": Attrs.flag(on),
            "aria-describedby": "uncertainty-hint",
          ]),
        .safe(tr(" Show uncertainty"))),
      .el(
        "p", ["class": "hint", "id": "uncertainty-hint"],
        .safe(
          tr(
            "Draws where each domain lies with 90% probability (an ellipse from {samples} simulated placements) and colours the points by their chance of lying in the safe zone.",
            ["samples": .text(UncertaintySection.grouped(MonteCarloDefaults.mapSamples))]
          ))))
  }

  /// The figure caption's sentence when the layer is shown.
  static func caption(_ on: Bool) -> HTMLNode {
    on
      ? .safe(
        tr(
          " Ellipses: where 90% of the simulated placements fall. Colour: the chance of lying in the safe zone, from pale yellow (below 20%) to dark green (80% or more); each domain's page shows the full breakdown."
        ))
      : .none
  }

}
