import Foundation
import SafeZonesApplication
import SafeZonesCore
import Vapor

/// The API's views of uncertainty, change over time and links — what `safezones
/// sensitivity`, `watch` and `graph` print as JSON, and (through `GET /placements?samples=`)
/// what `assess --samples N --format json` prints. The core computes; these handlers read
/// the query, ask the catalog for bytes cached per store revision and parameters, and
/// answer them.
struct InsightsAPI: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    routes.get("domains", ":id", "sensitivity", use: sensitivity)
    routes.get("warnings", use: warnings)
    routes.get("graph", use: graph)
  }

  /// The placement document with every domain's uncertainty propagated (`GET
  /// /placements?samples=N`).
  static func placements(
    _ req: Request, snapshot: Catalog.Snapshot, domains: [Domain], rubric: Rubric, key: String,
    monteCarlo: MonteCarloQuery
  ) async throws -> Response {
    let options = monteCarlo.options
    let data = try await req.catalog.body(snapshot: snapshot, key: key + "|" + monteCarlo.key) {
      let placed = try Propagation.place(domains, rubric: rubric, method: monteCarlo.pool, options: options)
      return try PlacementDocument.json(rubric: rubric, placed: placed)
    }
    return data.response(to: req, contentType: .json)
  }

  /// One domain's sensitivity report (`safezones sensitivity DOMAIN --format json`).
  @Sendable
  func sensitivity(req: Request) async throws -> Response {
    let id = try req.parameters.require("id")
    let monteCarlo = try MonteCarloQuery.read(req, defaultSamples: MonteCarloDefaults.samples)
    let snapshot = try await req.snapshot()
    guard let domain = snapshot.domain(id) else { throw StoreError.notFound(id) }
    guard !domain.assessments.isEmpty else {
      throw AppError(
        .unprocessableEntity, code: "invalid",
        message: "domain '\(TextLimits.preview(id))' has no assessment to analyse", field: "id")
    }
    let key = "sensitivity|\(id)|\(monteCarlo.key)"
    // The domain page's report has these parameters: share it rather than simulate again.
    if monteCarlo == .pageDefaults, let report = await req.catalog.uncertainty(for: id, in: snapshot)?.report {
      let data = try await req.catalog.body(snapshot: snapshot, key: key) {
        try StableJSONEncoder().encode(report)
      }
      return data.response(to: req, contentType: .json)
    }
    let rubric = snapshot.rubric
    let options = monteCarlo.options
    let data = try await req.catalog.body(snapshot: snapshot, key: key) {
      try StableJSONEncoder().encode(
        try SensitivityReport.make(domain, rubric: rubric, method: monteCarlo.pool, options: options))
    }
    return data.response(to: req, contentType: .json)
  }

  /// The migration warnings and drift projections (`safezones watch --format json`).
  @Sendable
  func warnings(req: Request) async throws -> Response {
    let day = try QueryParameter.day(req, "as_of")
    let horizon = try QueryParameter.double(req, "horizon") ?? WatchHorizon.defaultYears
    guard WatchHorizon.accepts(horizon) else {
      throw AppError.parameter(
        "horizon",
        tr(
          "{requirement}, got '{text}'",
          ["requirement": .text(WatchHorizon.requirement), "text": .text(QueryParameter.raw(req, "horizon") ?? "")]))
    }
    let snapshot = try await req.snapshot()
    let (domains, rubric) = (snapshot.domains, snapshot.rubric)
    let key = "warnings|\(day?.description ?? "now")|\(horizon)"
    let data = try await req.catalog.body(snapshot: snapshot, key: key) {
      try WatchReport(domains: domains, rubric: rubric, asOf: day, horizon: horizon).json()
    }
    return data.response(to: req, contentType: .json)
  }

  /// The links and the risk they carry (`safezones graph --format json`).
  @Sendable
  func graph(req: Request) async throws -> Response {
    let day = try QueryParameter.day(req, "as_of")
    let snapshot = try await req.snapshot()
    let (domains, rubric, current) = (snapshot.domains, snapshot.rubric, snapshot.placed)
    let key = "graph|\(day?.description ?? "now")"
    let data = try await req.catalog.body(snapshot: snapshot, key: key) {
      let placed = day == nil ? current : PlacedDomain.asOf(day, domains: domains, rubric: rubric)
      return try LinkListing.make(domains: domains, placed: placed, rubric: rubric, asOf: day).json()
    }
    return data.response(to: req, contentType: .json)
  }
}

/// The Monte Carlo parameters `samples`, `seed` and `pool` of a query.
struct MonteCarloQuery: Sendable, Hashable {
  static let samplesRange = MonteCarloDefaults.serverSamples
  /// What the domain page's uncertainty section uses.
  static let pageDefaults = MonteCarloQuery(
    samples: MonteCarloDefaults.samples, seed: MonteCarloDefaults.seed, pool: .linear)

  var samples: Int
  var seed: UInt64
  var pool: PoolingMethod

  /// The part of a cache key these parameters decide.
  var key: String { "mc|\(samples)|\(seed)|\(pool.rawValue)" }

  /// The options of the command line's JSON output: rank correlations on. The results do
  /// not depend on the number of threads, and no report shows the cloud of samples.
  var options: MonteCarlo.Options {
    MonteCarlo.Options(samples: samples, seed: seed, cloudSize: 0, importance: true)
  }

  /// The parameters with `samples` defaulting to `defaultSamples`, `seed` to 1 and `pool` to
  /// linear.
  static func read(_ req: Request, defaultSamples: Int) throws -> MonteCarloQuery {
    MonteCarloQuery(
      samples: try QueryParameter.int(req, "samples", default: defaultSamples, range: samplesRange),
      seed: try QueryParameter.uint64(req, "seed") ?? MonteCarloDefaults.seed, pool: try pool(req))
  }

  /// The parameters when `samples` is given, `nil` without it (then `seed` and `pool`, which
  /// mean nothing alone, are refused).
  static func optional(_ req: Request) throws -> MonteCarloQuery? {
    guard try QueryParameter.int(req, "samples", range: samplesRange) != nil else {
      for name in ["seed", "pool"] where QueryParameter.raw(req, name) != nil {
        throw AppError.parameter(name, "needs samples (the number of Monte Carlo samples per domain)")
      }
      return nil
    }
    return try read(req, defaultSamples: samplesRange.lowerBound)
  }

  /// `linear` (default), `log` or `logarithmic`.
  static func pool(_ req: Request) throws -> PoolingMethod {
    guard let text = QueryParameter.raw(req, "pool") else { return .linear }
    switch text {
    case "linear": return .linear
    case "log", "logarithmic": return .logarithmic
    default: throw AppError.parameter("pool", "must be linear or log, got '\(TextLimits.preview(text))'")
    }
  }
}
