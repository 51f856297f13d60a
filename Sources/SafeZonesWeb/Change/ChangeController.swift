import Foundation
import SafeZonesApplication
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
/// `/graph` (the link graph).
struct ChangeController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("warnings", use: warnings)
    read.get("graph", use: graph)
  }

  @Sendable
  func warnings(req: Request) async throws -> Response {
    let fields = req.queryFields
    let day = try fields.asOf()
    var horizon = WatchHorizon.defaultYears
    if let text = fields["horizon"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
      guard let h = Double(text), WatchHorizon.accepts(h) else {
        throw AppError.badRequest(
          tr(
            "horizon must be a number of years above 0 and at most {max}, got '{value}'",
            ["max": .text(Format.number(WatchHorizon.maxYears)), "value": .text(TextLimits.preview(text))]),
          field: "horizon")
      }
      horizon = h
    }
    let years = horizon
    let snapshot = try await req.snapshot()
    let rubric = snapshot.rubric
    let domains = snapshot.domains
    let names = Dictionary(domains.map { ($0.id, DomainText.name($0)) }, uniquingKeysWith: { first, _ in first })
    let key = "warnings-page|\(day?.description ?? "now")|\(Format.number(horizon))"
    let page = try await req.catalog.body(snapshot: snapshot, key: key, wait: req.settings.pageWait) {
      let report = WatchReport(domains: domains, rubric: rubric, asOf: day, horizon: years)
      let model = WarningsPageModel(rubric: rubric, asOf: day, horizon: years, report: report, names: names)
      return Data(WarningsPage.page(model).html().render().utf8)
    }
    return Page.response(page, to: req)
  }

  @Sendable
  func graph(req: Request) async throws -> Response {
    let fields = req.queryFields
    let day = try fields.asOf()
    let onlyLinked = fields.isOn("only_linked")
    let snapshot = try await req.snapshot()
    let rubric = snapshot.rubric
    let all = snapshot.domains
    let current = snapshot.placed
    let key = "graph-page|\(day?.description ?? "now")|\(onlyLinked)"
    let page = try await req.catalog.body(snapshot: snapshot, key: key, wait: req.settings.pageWait) {
      let model = GraphPageModel.make(domains: all, current: current, rubric: rubric, asOf: day, onlyLinked: onlyLinked)
      return Data(GraphPage.page(model).html().render().utf8)
    }
    return Page.response(page, to: req)
  }
}
