import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import Vapor

extension SiteURL {
  static let compare = "/compare"

  /// The comparison of `pairs`, every domain listed with `all`.
  static func compare(_ pairs: [CountryPair], all: Bool = false) -> String {
    compare + "?pairs=" + Esc.url(pairs.map(\.id).joined(separator: ",")) + (all ? "&all=on" : "")
  }
}

/// `/compare`: the same domains placed for several country pairs, side by side, with the
/// domains whose quadrant differs and the criteria that make the difference; and the maps
/// as one SVG.
struct CompareController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("compare", use: page)
    read.get("compare", "maps.svg", use: maps)
  }

  /// The pairs asked for (`pairs=US-CN,EU-CN`, or `pairs` repeated), refused when unknown
  /// or fewer than two; with none, the default pair and the pair in view (or the next known).
  static func pairs(_ fields: FormFields, rubric: Rubric, inView: CountryPair?) throws -> [CountryPair] {
    let given = fields.all("pairs")
    guard !given.isEmpty else {
      let second =
        inView.flatMap { $0 == rubric.defaultPair ? nil : $0 } ?? rubric.pairs.first { $0 != rubric.defaultPair }
      return [rubric.defaultPair] + (second.map { [$0] } ?? [])
    }
    do {
      return try rubric.pairs(named: given)
    } catch {
      throw AppError.badRequest(error.issues.first?.message ?? tr("unknown pair"), field: "pairs")
    }
  }

  static func comparison(req: Request) async throws -> (Catalog.Snapshot, PairComparison, Bool) {
    let (snapshot, domains) = try await req.catalog.everyPairDomains()
    let fields = req.queryFields
    let rubric = snapshot.rubrics.last?.rubric ?? snapshot.rubric
    let pairs = try pairs(fields, rubric: rubric, inView: req.pairChoice?.current)
    // `all` is a checkbox: `on`, or `off`, once.
    let all = fields.all("all")
    guard all.count <= 1, all.allSatisfy({ ["on", "off"].contains($0) }) else {
      throw AppError.badRequest(tr("all= is on or off, given once"), field: "all")
    }
    return (snapshot, PairComparison(pairs: pairs, rubric: rubric, domains: domains), all.first == "on")
  }

  @Sendable
  func page(req: Request) async throws -> Response {
    let (snapshot, comparison, all) = try await Self.comparison(req: req)
    let known = snapshot.rubrics.last?.rubric.pairs ?? []
    let key =
      "compare-page|\(comparison.pairs.map(\.id).joined(separator: ","))|\(all)|\(req.pairChoice?.current.id ?? "")"
    let page = try await req.catalog.body(snapshot: snapshot, key: key, wait: req.settings.pageWait) {
      Data(ComparePage.page(ComparePageModel(comparison: comparison, known: known, all: all)).html().render().utf8)
    }
    return Page.response(page, to: req)
  }

  @Sendable
  func maps(req: Request) async throws -> Response {
    let (snapshot, comparison, all) = try await Self.comparison(req: req)
    let rubric = snapshot.rubrics.last?.rubric ?? snapshot.rubric
    let key = "compare-svg|\(comparison.pairs.map(\.id).joined(separator: ","))|\(all)"
    let svg = try await req.catalog.body(snapshot: snapshot, key: key) {
      Data(
        PairComparisonDrawing.svg(comparison, rubric: rubric, allJoined: all, localizer: LanguageInView.localizer).utf8)
    }
    return svg.response(to: req, contentType: HTTPMediaType(type: "image", subType: "svg+xml"))
  }
}
