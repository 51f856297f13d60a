import Foundation
import Plot
import SafeZonesCore

/// What the map page shows: the filtered placements, drawn and tabulated.
struct MapPageModel {
  var rubric: Rubric
  var filter: PlacementFilter
  /// Every tag in the store, sorted.
  var tags: [String]
  /// Number of domains before filtering.
  var total: Int
  /// The domains that pass the filter, in id order.
  var placed: [PlacedDomain]
  /// The table's rows, rendered, in name order (`MapPage.row`).
  var rows: [String]
  /// The map of `placed`, an SVG fragment safe to inline.
  var svg: String
  var stances: [Quadrant: Stance]
  /// The date the map is shown as of (`nil`: today), and whether trajectories are drawn.
  var asOf: Day? = nil
  var trajectories: Bool = false
  var uncertainty: Bool = false

  /// The date and layers shown, which links to other maps and to the map file keep.
  var view: MapView { MapView(asOf: asOf, trajectories: trajectories, uncertainty: uncertainty) }
}
