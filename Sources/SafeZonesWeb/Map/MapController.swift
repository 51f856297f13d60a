import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import Vapor

/// The map page (`/`) and the files that follow what it shows: the map as SVG and the
/// placements as CSV, with the same filter, date and layers.
struct MapController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get(use: map)
    read.get("map.svg", use: mapSVG)
    read.get("export.csv", use: exportCSV)
  }

  @Sendable
  func map(req: Request) async throws -> Response {
    let fields = req.queryFields
    let filter = fields.placementFilter
    let view = try MapView(fields)
    let snapshot = try await req.snapshot()
    let marks = view.uncertainty ? await req.catalog.uncertaintyMarks(in: snapshot, asOf: view.asOf) : [:]
    // The page holds nothing specific to the request (the CSRF cookie is added by the
    // middleware), so it is rendered once per store revision and filter, as typed, and the
    // same bytes are served until the store changes: with 1,000 domains the page is
    // 1.7 MB of HTML and rendering it (sorting the table by name, building and escaping the
    // rows) costs far more than the 50 ms budget of the map page.
    let key =
      "map-page|" + Self.exactKey(filter)
      + "|as_of=\(view.asOf?.description ?? "")|trajectories=\(view.trajectories)|uncertainty=\(view.uncertainty)"
    let fragments = req.catalog.fragments
    let page = try await req.catalog.body(snapshot: snapshot, key: key, wait: req.settings.pageWait) {
      let placed = snapshot.placedDomains(asOf: view.asOf, filter: filter)
      let svg = MapPage.inlineSVG(Self.drawMap(placed, snapshot: snapshot, view: view, marks: marks, linked: true))
      let rows = snapshot.inNameOrder(placed).map { d in
        fragments.text(
          // Rows hold words in the reader's language: one cached row per language.
          "map-row|\(d.id)|\(view.asOf?.description ?? "")|\(LanguageInView.current.tag)",
          fingerprint: MapPage.rowFingerprint(d, rubric: snapshot.rubric)
        ) { MapPage.row(d).render() }
      }
      let model = MapPageModel(
        rubric: snapshot.rubric, filter: filter, tags: snapshot.tags, total: snapshot.placed.count, placed: placed,
        rows: rows,
        svg: svg, stances: Playbook.standard.stances, asOf: view.asOf, trajectories: view.trajectories,
        uncertainty: view.uncertainty)
      return Data(MapPage.page(model).html().render().utf8)
    }
    return Page.response(page, to: req)
  }

  /// The filter exactly as it shows on the page (`PlacementFilter.key` folds case and treats
  /// all four quadrants as none, which selects the same domains but not the same form).
  static func exactKey(_ filter: PlacementFilter) -> String {
    "quadrants=\(filter.quadrants.map(\.rawValue).sorted().joined(separator: ","))|tag=\(filter.tag.map { "=" + $0 } ?? "none")|q=\(filter.query)"
  }

  /// The map as a file, drawn as the page draws it: the same filter, date and layers.
  @Sendable
  func mapSVG(req: Request) async throws -> Response {
    let fields = req.queryFields
    let filter = fields.placementFilter
    let view = try MapView(fields)
    let snapshot = try await req.snapshot()
    let marks = view.uncertainty ? await req.catalog.uncertaintyMarks(in: snapshot, asOf: view.asOf) : [:]
    let key = "file|" + filter.key + "|" + view.parameters.joined(separator: "&")
    let svg = try await req.catalog.body(snapshot: snapshot, key: key) {
      let placed = snapshot.placedDomains(asOf: view.asOf, filter: filter)
      return Data(Self.drawMap(placed, snapshot: snapshot, view: view, marks: marks, linked: false).utf8)
    }
    let filename = view.asOf.map { "safezones-map-\($0).svg" } ?? "safezones-map.svg"
    return svg.response(to: req, contentType: Download.svg, headers: Download.headers(filename: filename))
  }

  /// The map of the `placed` domains with the layers `view` asks for.
  static func drawMap(
    _ placed: [PlacedDomain], snapshot: Catalog.Snapshot, view: MapView, marks: [String: UncertaintyMark],
    linked: Bool
  ) -> String {
    let shown = placed.map(\.id)
    let options = MapDrawing.options(
      rubric: snapshot.rubric, asOf: view.asOf, marks: view.uncertainty ? marks : nil, shown: shown,
      linkPrefix: linked ? "/domains/" : nil, noteLayers: true, localizer: LanguageInView.localizer)
    let points = placed.map { MapPoint($0, group: $0.domain.source == nil ? .user : .shipped) }
    let drawn =
      view.trajectories
      ? MapDrawing.trajectories(snapshot.domains, ids: Set(shown), rubric: snapshot.rubric, asOf: view.asOf) : []
    return MapChart.svg(points, options: options, trajectories: drawn)
  }

  @Sendable
  func exportCSV(req: Request) async throws -> Response {
    let fields = req.queryFields
    let asOf = try fields.asOf()
    let snapshot = try await req.snapshot()
    let placed = snapshot.placedDomains(asOf: asOf, filter: fields.placementFilter)
    let csv = TextOutput.placementCSV(placed, rubric: snapshot.rubric)
    return Download.response(
      csv, type: Download.csv,
      filename: asOf.map { "safezones-placements-\($0).csv" } ?? "safezones-placements.csv")
  }
}

extension MapView {
  /// The date and layers the map's query asks for (`as_of`, `trajectories`, `uncertainty`).
  init(_ fields: FormFields) throws {
    self.init(
      asOf: try fields.asOf(), trajectories: fields.isOn("trajectories"), uncertainty: fields.isOn("uncertainty"))
  }
}
