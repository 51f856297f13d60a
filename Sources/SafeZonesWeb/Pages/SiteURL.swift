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

  /// The map with a filter applied.
  static func map(_ filter: PlacementFilter) -> String { "/" + query(filter) }
  static func mapSVG(_ filter: PlacementFilter = PlacementFilter()) -> String { "/map.svg" + query(filter) }
  static func exportJSON(_ filter: PlacementFilter = PlacementFilter()) -> String { "/export.json" + query(filter) }
  static func exportCSV(_ filter: PlacementFilter = PlacementFilter()) -> String { "/export.csv" + query(filter) }
  static let historyCSV = "/history.csv"

  /// `?quadrant=…&tag=…&q=…`, or empty when the filter shows everything.
  static func query(_ filter: PlacementFilter) -> String {
    var parts: [String] = []
    if filter.quadrants.count < Quadrant.allCases.count {
      parts += filter.quadrants.sorted().map { "quadrant=\($0.rawValue)" }
    }
    if let tag = filter.tag { parts.append("tag=\(Esc.url(tag))") }
    if !filter.query.isEmpty { parts.append("q=\(Esc.url(filter.query))") }
    return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
  }
}
