import Foundation
import SafeZonesCharts
import SafeZonesCore
import Vapor

extension SiteURL {
  static let graph = "/graph"
  static let warnings = "/warnings"

  /// The warnings page as of a date.
  static func warnings(asOf: Day?) -> String { warnings + (asOf.map { "?as_of=\($0)" } ?? "") }

  /// The map with trajectories drawn, optionally narrowed to domains matching `query`.
  static func mapTrajectories(query: String? = nil) -> String {
    "/?trajectories=on" + (query.map { "&q=\(Esc.url($0))" } ?? "")
  }
}

/// The pages about change over time and links: `/warnings` (migration warnings) and
/// `/graph` (the link graph). The map's `as_of` and `trajectories` and the domain page's
/// change section use the helpers here too.
struct ChangeController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    routes.get("warnings", use: warnings)
    routes.get("graph", use: graph)
  }

  /// `as_of` from the query: `nil` when absent or empty; 400 when not a date.
  static func asOf(_ fields: FormFields) throws -> Day? {
    guard let text = fields["as_of"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
    guard let day = Day(text) else {
      throw AppError.badRequest("as_of must be a date YYYY-MM-DD, got '\(text)'", field: "as_of")
    }
    return day
  }

  /// `true` when a checkbox-style field is on.
  static func flag(_ fields: FormFields, _ name: String) -> Bool { FormFields.isOn(fields[name]) }

  @Sendable
  func warnings(req: Request) async throws -> Response {
    let fields = PagesController.query(req)
    let day = try Self.asOf(fields)
    var horizon = 3.0
    if let text = fields["horizon"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
      guard let h = Double(text), h.isFinite, h > 0, h <= 50 else {
        throw AppError.badRequest(
          "horizon must be a number of years above 0 and at most 50, got '\(text)'", field: "horizon")
      }
      horizon = h
    }
    let years = horizon
    let snapshot = try await req.catalog.snapshot()
    let rubric = snapshot.rubric
    let domains = snapshot.domains
    let names = Dictionary(domains.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    let key = "warnings-page|\(day?.description ?? "now")|\(Format.number(horizon))"
    let page = await req.catalog.data(revision: snapshot.revision, key: key) {
      let report = WatchReport(domains: domains, rubric: rubric, asOf: day, horizon: years)
      let model = WarningsPageModel(rubric: rubric, asOf: day, horizon: years, report: report, names: names)
      return Data(WarningsPage.page(model).html().render().utf8)
    }
    return Page.response(page)
  }

  @Sendable
  func graph(req: Request) async throws -> Response {
    let fields = PagesController.query(req)
    let day = try Self.asOf(fields)
    let onlyLinked = Self.flag(fields, "only_linked")
    let snapshot = try await req.catalog.snapshot()
    let rubric = snapshot.rubric
    let all = snapshot.domains
    let current = snapshot.reports
    let key = "graph-page|\(day?.description ?? "now")|\(onlyLinked)"
    let page = await req.catalog.data(revision: snapshot.revision, key: key) {
      let model = GraphPageModel.make(domains: all, current: current, rubric: rubric, asOf: day, onlyLinked: onlyLinked)
      return Data(GraphPage.page(model).html().render().utf8)
    }
    return Page.response(page)
  }

  // MARK: - The map over time

  /// The map's reports as of `day` (the current ones with no day), filtered.
  static func mapReports(_ snapshot: Catalog.Snapshot, filter: PlacementFilter, asOf day: Day?) -> [DomainReport] {
    guard let day else { return filter.apply(snapshot.reports) }
    return filter.apply(DomainReport.asOf(day, domains: snapshot.domains, rubric: snapshot.rubric))
  }

}
