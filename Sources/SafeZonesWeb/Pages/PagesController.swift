import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore
import Vapor

/// The HTML site. Controllers only read the request, ask the catalog or repository, and
/// hand plain values to a view; rules live in the core.
struct PagesController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    routes.get(use: map)
  }

  @Sendable
  func map(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let svg = await req.catalog.svg(revision: snapshot.revision, key: "map:all") {
      var options = MapOptions(rubric: snapshot.rubric)
      options.linkPrefix = "/domains/"
      return MapChart.svg(snapshot.reports.map { MapPoint($0) }, options: options)
    }
    return Page(
      title: "Map", section: .map,
      body: [
        .h1(.safe("Safe zones for science: \(snapshot.rubric.countries) cooperation")),
        .div(.class("map"), .raw(svg)),
      ]
    ).response()
  }
}
