import Foundation
import Plot
import SafeZonesCore

/// The map form's time controls: the date the map is shown as of, and whether trajectories
/// are drawn (plain GET fields, no script), with links to the warnings and the link graph.
enum MapTimeControls {
  static func fields(asOf: Day?, trajectories: Bool) -> HTMLNode {
    .el(
      "fieldset", ["class": "time-filter"],
      .el("legend", [:], .safe(tr("Over time"))),
      .el(
        "div", ["class": "field"],
        .el("label", ["for": "filter-as-of"], .safe(tr("Map as of"))),
        .void("input", ["id": "filter-as-of", "type": "date", "name": "as_of", "value": asOf?.description ?? ""])),
      .el(
        "label", ["class": "check"],
        .void(
          "input",
          [
            "id": "filter-trajectories", "type": "checkbox", "name": "trajectories", "value": "on",
            "checked": Attrs.flag(trajectories),
          ]),
        .safe(tr(" Show trajectories"))),
      .el(
        "p", ["class": "time-links"],
        .link(SiteURL.warnings(asOf: asOf), tr("Migration warnings"), ["id": "warnings-link"]), .safe(" · "),
        .link(SiteURL.graph, tr("Links between domains"), ["id": "graph-link"]))
    )
  }
}
