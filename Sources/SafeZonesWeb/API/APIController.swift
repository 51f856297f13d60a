import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge
import Vapor

/// The JSON API under `/api/v1` (documented in `docs/api.md` and, machine-readably, at
/// `/api/v1/openapi.json`). Handlers only read the request, ask the catalog or the
/// repository, and turn core values into DTOs; the rules live in the core and the loaders.
struct APIController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let v1 = routes.grouped("api", "v1")
    // The document describing the API is public; everything else needs a token (or, for
    // reading, --public-read).
    v1.access(.open).get("openapi.json") { _ async throws in
      APIResponse.data(try await Offload.run { try OpenAPIDocument.served.get() })
    }
    let api = v1.access(.permission(.read))
    api.get("domains", use: listDomains)
    api.get("domains", ":id", use: domain)
    api.get("domains", ":id", "history", use: history)
    api.get("placements", use: placements)
    api.get("rubric", use: rubric)
    api.get("rubrics", use: rubrics)
    api.get("rubrics", ":version", use: rubricVersion)
    api.get("export", use: export)
    api.get("map.svg", use: map)
    api.get("compare", use: compare)
    try api.register(collection: InsightsAPI())
    try api.register(collection: RoundsAPI())

    // The access rule first (an anonymous write is 401 whatever it sends), then the body's checks.
    v1.access(.permission(.assess)).grouped(APIWriteGuard()).post("domains", use: createDomain)
    v1.access(.permission(.assess)).grouped(APIWriteGuard()).post("domains", ":id", "assessments", use: addAssessment)
    v1.access(.permission(.administer)).grouped(APIWriteGuard()).post("rubrics", use: createRubric)
    v1.access(.permission(.facilitate)).grouped(APIWriteGuard()).post("import", use: importDomains)
  }

  // MARK: - Domains

  @Sendable
  func listDomains(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let filter = try QueryParameter.placementFilter(req)
    let limit = try QueryParameter.int(req, "limit", default: 100, range: 1...1000)
    let offset = try QueryParameter.int(req, "offset", default: 0, range: 0...Int(Int32.max))
    let found = snapshot.textMatches(filter)
    let matching = snapshot.placed.indices.filter { filter.matches(snapshot.placed[$0], textMatches: found) }
    let page = matching.dropFirst(offset).prefix(limit).map {
      DomainSummaryDTO(snapshot.placed[$0], version: snapshot.domains[$0].latestVersion)
    }
    return try APIResponse.json(DomainListDTO(total: matching.count, limit: limit, offset: offset, domains: page))
  }

  @Sendable
  func domain(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let id = try req.parameters.require("id")
    guard let domain = snapshot.domain(id), let placed = snapshot.placedDomain(id) else {
      throw StoreError.notFound(id)
    }
    return try APIResponse.json(
      DomainDetailDTO(domain, placed: placed, rubric: snapshot.rubric),
      headers: ["ETag": APIResponse.etag(domain.latestVersion)])
  }

  @Sendable
  func history(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let id = try req.parameters.require("id")
    guard let domain = snapshot.domain(id) else { throw StoreError.notFound(id) }
    let body = HistoryDTO(
      id: domain.id, name: domain.name, version: domain.latestVersion, rubric: snapshot.rubric.version,
      assessments: HistoryEntryDTO.history(of: domain, rubric: snapshot.rubric))
    return try APIResponse.json(body, headers: ["ETag": APIResponse.etag(domain.latestVersion)])
  }

  /// Creates a domain from one domain in the input format; links must name known domains.
  @Sendable
  func createDomain(req: Request) async throws -> Response {
    let body = try JSONBody.read(req)
    let snapshot = try await req.snapshot()
    var parsed = try DomainLoader.parseDomain(body.text, file: "body", knownIDs: Set(snapshot.byID.keys))
    // The token's account signs the assessment, whatever name the body gives.
    let signer = try req.requirePrincipal().account.name
    for i in parsed.assessments.indices {
      parsed.assessments[i].assessor = signer
      parsed.assessments[i].pair = try Self.pair(of: parsed.assessments[i], in: snapshot)
    }
    // Two clients creating the same id at once: the store turns the loser's write into
    // `alreadyExists`.
    try await req.asPrincipal { try await req.catalog.repository.create(parsed) }
    let stored = try await req.catalog.repository.domain(id: parsed.id) ?? parsed
    let placed = PlacedDomain(domain: stored, rubric: snapshot.rubric)
    return try APIResponse.json(
      DomainDetailDTO(stored, placed: placed, rubric: snapshot.rubric), status: .created,
      headers: ["Location": "/api/v1/domains/\(stored.id)", "ETag": APIResponse.etag(stored.latestVersion)])
  }

  /// Appends an assessment, refusing it when the domain changed since the client read it.
  ///
  /// The client states the version it read as `base_version` in the body or as
  /// `If-Match: "N"`; without either the answer is 428 Precondition Required.
  @Sendable
  func addAssessment(req: Request) async throws -> Response {
    let id = try req.parameters.require("id")
    let snapshot = try await req.snapshot()
    guard snapshot.domain(id) != nil || snapshot.notAssessed[id] != nil else { throw StoreError.notFound(id) }
    let body = try JSONBody.read(req)
    guard let object = body.object else {
      // Not an object: the loader says what it got instead (422).
      _ = try DomainLoader.parseAssessment(body.text, file: "body")
      throw AppError(.unprocessableEntity, code: "invalid", message: "expected a JSON object")
    }
    let base = try Self.baseVersion(body: object, ifMatch: req.headers.first(name: .ifMatch))
    var assessment = try DomainLoader.parseAssessment(body.removingMember("base_version"), file: "body")
    assessment.assessor = try req.requirePrincipal().account.name
    assessment.pair = try Self.pair(of: assessment, in: snapshot)
    let version = try await req.asPrincipal {
      try await req.catalog.repository.append(assessment, to: id, basedOn: base)
    }
    // Another writer may have appended after us already: pick our version, not the last.
    guard let domain = try await req.catalog.repository.domain(id: id),
      let index = domain.assessments.firstIndex(where: { $0.sequence == version })
    else { throw StoreError.notFound(id) }
    let stored = domain.assessments[index]
    let entry = HistoryEntryDTO.entry(at: index, of: domain, rubric: snapshot.rubric)
    let strategy = Playbook.standard.strategy(for: Scoring.place(stored, rubric: snapshot.rubric), assessment: stored)
    return try APIResponse.json(
      AssessmentCreatedDTO(id: id, version: version, assessment: entry, strategy: strategy), status: .created,
      headers: ["Location": "/api/v1/domains/\(id)/history", "ETag": APIResponse.etag(version)])
  }

  /// The pair an assessment sent to the API judges: its own `pair` when the rubric knows
  /// it, else the pair in view (`pair=`, default the rubric's).
  static func pair(of assessment: Assessment, in snapshot: Catalog.Snapshot) throws -> CountryPair {
    guard let own = assessment.pair else { return snapshot.pair }
    guard snapshot.rubric.pairs.contains(own) else {
      throw AppError(
        .unprocessableEntity, code: "invalid",
        message: "unknown pair '\(own.id)'; known pairs: \(snapshot.rubric.pairs.map(\.id).joined(separator: ", "))",
        field: "pair")
    }
    return own
  }

  /// The version a write is based on, from the body's `base_version` or `If-Match`.
  static func baseVersion(body: [String: Any]?, ifMatch: String?) throws -> Int {
    var fromBody: Int?
    if let raw = body?["base_version"], !(raw is NSNull) {
      // Foundation reads JSON `true` as a number 1 too; its boolean class gives it away.
      let isBoolean = String(describing: type(of: raw)).contains("Boolean")
      guard !isBoolean, let number = raw as? NSNumber, let value = Int(exactly: number.doubleValue), value >= 0 else {
        throw AppError(
          .unprocessableEntity, code: "invalid", message: "base_version must be a whole number (the version you read)",
          field: "base_version")
      }
      fromBody = value
    }
    var fromHeader: Int?
    if let ifMatch, !ifMatch.trimmingCharacters(in: .whitespaces).isEmpty {
      var tag = ifMatch.trimmingCharacters(in: .whitespaces)
      if tag.hasPrefix("W/") { tag.removeFirst(2) }
      if tag.count >= 2, tag.hasPrefix("\""), tag.hasSuffix("\"") { tag = String(tag.dropFirst().dropLast()) }
      guard let value = Int(tag), value >= 0 else {
        throw AppError(
          .unprocessableEntity, code: "invalid",
          message: "If-Match must be the domain's ETag, e.g. \"3\"; got \(ifMatch)",
          field: "If-Match")
      }
      fromHeader = value
    }
    if let fromBody, let fromHeader, fromBody != fromHeader {
      throw AppError(
        .unprocessableEntity, code: "invalid",
        message: "base_version (\(fromBody)) and If-Match (\(fromHeader)) disagree; send one of them",
        field: "base_version")
    }
    guard let base = fromBody ?? fromHeader else {
      throw AppError(
        .preconditionRequired, code: "base_version_required",
        message:
          "state the version you read: \"base_version\" in the body or an If-Match header with the domain's ETag, so that a concurrent change is not overwritten",
        field: "base_version")
    }
    return base
  }

  // MARK: - Placements, map, export, import

  /// The placement document of every domain, encoded once per store revision and parameters;
  /// with `samples`, with every domain's uncertainty propagated.
  @Sendable
  func placements(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    var rubric = snapshot.rubric
    if let version = QueryParameter.string(req, "rubric") {
      rubric = try Self.storedRubric(version, in: snapshot, field: "rubric").rubric
    }
    let overrides: [(String, WritableKeyPath<Thresholds, Double>)] = [
      ("gains_threshold", \.gains), ("risk_threshold", \.risk), ("margin", \.margin),
    ]
    for (name, path) in overrides {
      guard let value = try QueryParameter.double(req, name) else { continue }
      rubric.thresholds[keyPath: path] = value
    }
    // The rubric's own rules decide what a valid threshold is; report them by parameter.
    let names = [
      "thresholds.gains": "gains_threshold", "thresholds.risk": "risk_threshold", "thresholds.margin": "margin",
    ]
    if let issue = rubric.validate().first(where: { names[$0.key ?? ""] != nil }), let name = names[issue.key ?? ""] {
      throw AppError.parameter(name, issue.message)
    }
    let monteCarlo = try MonteCarloQuery.optional(req)
    let filter = try QueryParameter.placementFilter(req)
    let t = rubric.thresholds
    let rubricKey = "placements|\(rubric.version)|\(t.gains)|\(t.risk)|\(t.margin)"
    let key = rubricKey + (filter.isEmpty ? "" : "|" + filter.key)
    let chosen = rubric
    let all =
      chosen == snapshot.rubric
      ? snapshot.placed : await req.catalog.placedDomains(in: snapshot, rubric: chosen, key: rubricKey)
    // The filter selects by each domain's placement under the chosen rubric (its quadrant
    // from the likely values), as on the map page.
    let placed = filter.isEmpty ? all : filter.apply(all, textMatches: snapshot.textMatches(filter))
    if let monteCarlo {
      let ids = Set(placed.map(\.id))
      return try await InsightsAPI.placements(
        req, snapshot: snapshot, domains: snapshot.domains.filter { ids.contains($0.id) }, rubric: chosen, key: key,
        monteCarlo: monteCarlo)
    }
    let body = try await req.catalog.body(snapshot: snapshot, key: key) {
      try PlacementDocument.json(rubric: chosen, placed: placed)
    }
    return body.response(to: req, contentType: .json)
  }

  @Sendable
  func map(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let svg = try await req.catalog.body(snapshot: snapshot, key: "api:map") {
      var options = MapOptions(rubric: snapshot.rubric, text: LanguageInView.localizer.map(MapText.init) ?? .english)
      options.linkPrefix = "/domains/"
      return Data(MapChart.svg(snapshot.placed.map { MapPoint($0) }, options: options).utf8)
    }
    return svg.response(to: req, contentType: HTTPMediaType(type: "image", subType: "svg+xml"))
  }

  @Sendable
  func export(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let format = QueryParameter.raw(req, "format") ?? "json"
    let text: String
    let name: String
    let type: HTTPMediaType
    let csv = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
    switch format {
    case "json":
      let export = DomainExport(domains: snapshot.domains, rubricVersion: snapshot.rubric.version, exportedAt: Date())
      text = String(decoding: try export.json(), as: UTF8.self) + "\n"
      (name, type) = ("safezones-export.json", .json)
    case "csv":
      text = TextOutput.placementCSV(snapshot.placed, rubric: snapshot.rubric)
      (name, type) = ("safezones-placements.csv", csv)
    case "history":
      text = DomainExport.historyCSV(snapshot.domains, rubric: snapshot.rubric)
      (name, type) = ("safezones-history.csv", csv)
    default:
      throw AppError.parameter("format", "must be json, csv or history, got '\(format)'")
    }
    return APIResponse.data(
      Data(text.utf8), contentType: type, headers: ["Content-Disposition": "attachment; filename=\"\(name)\""])
  }

  /// Imports a file's worth of domains, all or nothing; importing the same data again adds
  /// nothing (assessments already stored are recognised and skipped).
  @Sendable
  func importDomains(req: Request) async throws -> Response {
    let body = try JSONBody.read(req)
    let snapshot = try await req.snapshot()
    let (text, known) = (body.text, Set(snapshot.byID.keys))
    // A large file takes seconds to read: not on a thread that other requests need.
    let domains = try await Offload.run { try DomainLoader.parse(text, file: "body", knownIDs: known) }
    // A file keeps its recorded assessors; the audit trail records who imported it.
    let summary = try await req.asPrincipal { try await req.catalog.repository.importDomains(domains) }
    return try APIResponse.json(summary)
  }

  // MARK: - Rubrics

  @Sendable
  func rubric(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    return try APIResponse.json(RubricDTO(snapshot.rubric))
  }

  @Sendable
  func rubrics(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    return try APIResponse.json(RubricListDTO(snapshot.rubrics))
  }

  @Sendable
  func rubricVersion(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let version = try req.parameters.require("version")
    return try APIResponse.json(RubricDTO(try Self.storedRubric(version, in: snapshot, field: "version").rubric))
  }

  /// A stored rubric version, or 404 naming the parameter that asked for it.
  static func storedRubric(_ version: String, in snapshot: Catalog.Snapshot, field: String) throws -> StoredRubric {
    guard let stored = snapshot.rubric(version: version) else {
      throw AppError(
        .notFound, code: "not_found", message: "no rubric with version '\(TextLimits.preview(version))'", field: field)
    }
    return stored
  }

  /// Stores a rubric version and puts it in force. Posting a version that is stored with the
  /// same content changes nothing (200); with different content it is a conflict (409).
  @Sendable
  func createRubric(req: Request) async throws -> Response {
    let body = try JSONBody.read(req)
    let parsed = try RubricLoader.parse(body.text, file: "body")
    let snapshot = try await req.snapshot()
    let location: HTTPHeaders = ["Location": "/api/v1/rubrics/\(parsed.version)"]
    if let existing = snapshot.rubric(version: parsed.version) {
      guard existing.rubric == parsed else { throw StoreError.rubricVersionExists(parsed.version) }
      return try APIResponse.json(RubricDTO(existing.rubric), headers: location)
    }
    try await req.asPrincipal { try await req.catalog.repository.save(StoredRubric(rubric: parsed, text: body.text)) }
    return try APIResponse.json(RubricDTO(parsed), status: .created, headers: location)
  }
}
