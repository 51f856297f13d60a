import SafeZonesCore

/// Every address of the HTML site, built in one place so views never assemble paths by
/// hand. Values are percent-encoded here; views still escape them as attributes.
enum SiteURL {
  static let map = "/"
  static let newDomain = "/assess"
  static let rubric = "/rubric"
  static let rubricFile = "/rubric.yaml"
  static let data = "/data"

  static func domain(_ id: String, version: Int? = nil) -> String {
    "/domains/\(Esc.url(id))" + (version.map { "?version=\($0)" } ?? "")
  }

  static func assess(_ id: String) -> String { "/domains/\(Esc.url(id))/assess" }

  /// The map with a filter applied, shown as `view` asks.
  static func map(_ filter: PlacementFilter, view: MapView = MapView()) -> String {
    "/" + query(filter, view.parameters)
  }
  /// The map file as the page shows it: the same date, trajectories and uncertainty layer.
  static func mapSVG(_ filter: PlacementFilter = PlacementFilter(), view: MapView = MapView()) -> String {
    "/map.svg" + query(filter, view.parameters)
  }
  static func exportJSON(_ filter: PlacementFilter = PlacementFilter()) -> String { "/export.json" + query(filter) }
  /// The placements as CSV; with a date, as they stood then.
  static func exportCSV(_ filter: PlacementFilter = PlacementFilter(), asOf: Day? = nil) -> String {
    "/export.csv" + query(filter, MapView(asOf: asOf).parameters)
  }
  static let historyCSV = "/history.csv"

  /// `?quadrant=…&tag=…&q=…`, or empty when the filter shows everything.
  static func query(_ filter: PlacementFilter, _ extra: [String] = []) -> String {
    var parts: [String] = []
    if filter.quadrants.count < Quadrant.allCases.count {
      parts += filter.quadrants.sorted().map { "quadrant=\($0.rawValue)" }
    }
    if let tag = filter.tag { parts.append("tag=\(Esc.url(tag))") }
    if !filter.query.isEmpty { parts.append("q=\(Esc.url(filter.query))") }
    parts += extra
    return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
  }
}

/// How the map is shown, apart from which domains: the date it stands as of, and the
/// trajectory and uncertainty layers. Links that lead from one map to another keep it.
struct MapView: Sendable, Hashable {
  var asOf: Day? = nil
  var trajectories = false
  var uncertainty = false

  /// The query parameters that ask for this view (none for today's plain map).
  var parameters: [String] {
    var parts: [String] = []
    if let asOf { parts.append("as_of=\(asOf)") }
    if trajectories { parts.append("trajectories=on") }
    if uncertainty { parts.append("uncertainty=1") }
    return parts
  }

  var isPlain: Bool { parameters.isEmpty }
}
