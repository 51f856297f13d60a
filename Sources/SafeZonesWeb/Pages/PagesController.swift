import Foundation
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import Vapor

/// The HTML site. Controllers only read the request, ask the catalog or repository, and
/// hand plain values to a view; rules (validation, scoring, filtering, diffs) live in the core.
struct PagesController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    routes.get(use: map)
    routes.get("map.svg", use: mapSVG)
    routes.get("export.json", use: exportJSON)
    routes.get("export.csv", use: exportCSV)
    routes.get("history.csv", use: historyCSV)
    routes.get("domains") { _ in Response(status: .seeOther, headers: ["Location": SiteURL.map]) }
    routes.get("domains", ":id", use: domain)
    routes.get("domains", ":id", "assess", use: appendForm)
    routes.post("domains", ":id", "assess", use: append)
    routes.get("assess", use: newDomainForm)
    routes.post("assess", use: create)
    routes.get("rubric", use: rubric)
    routes.get("rubric.yaml", use: rubricFile)
    routes.get("data", use: data)
    routes.post("data", use: importFile)
    try RoundsController().boot(routes: routes)
    try SimulateController().boot(routes: routes)
    try ChangeController().boot(routes: routes)
  }

  // MARK: - Map and downloads

  @Sendable
  func map(req: Request) async throws -> Response {
    let fields = Self.query(req)
    let filter = fields.placementFilter
    let view = try Self.mapView(fields)
    let snapshot = try await req.catalog.snapshot()
    let marks = view.uncertainty ? await req.catalog.uncertaintyMarks(in: snapshot, asOf: view.asOf) : [:]
    // The page holds nothing specific to the request (the CSRF cookie is added by the
    // middleware), so it is rendered once per store revision and filter, as typed, and the
    // same bytes are served until the store changes: with 1,000 domains the page is
    // 1.7 MB of HTML and rendering it (sorting the table by name, building and escaping the
    // rows) costs far more than the 50 ms budget of the map page.
    let key =
      "map-page|" + Self.exactKey(filter)
      + "|as_of=\(view.asOf?.description ?? "")|trajectories=\(view.trajectories)|uncertainty=\(view.uncertainty)"
    let page = await req.catalog.data(revision: snapshot.revision, key: key) {
      let reports = ChangeController.mapReports(snapshot, filter: filter, asOf: view.asOf)
      let svg = MapPage.inlineSVG(Self.drawMap(reports, snapshot: snapshot, view: view, marks: marks, linked: true))
      let model = MapPageModel(
        rubric: snapshot.rubric, filter: filter, tags: snapshot.tags, total: snapshot.reports.count, reports: reports,
        svg: svg, stances: Playbook.standard.stances, asOf: view.asOf, trajectories: view.trajectories,
        uncertainty: view.uncertainty)
      return Data(MapPage.page(model).html().render().utf8)
    }
    return Page.response(page)
  }

  /// The filter exactly as it shows on the page (`PlacementFilter.key` folds case and treats
  /// all four quadrants as none, which selects the same domains but not the same form).
  static func exactKey(_ filter: PlacementFilter) -> String {
    "quadrants=\(filter.quadrants.map(\.rawValue).sorted().joined(separator: ","))|tag=\(filter.tag.map { "=" + $0 } ?? "none")|q=\(filter.query)"
  }

  /// The map as a file, drawn as the page draws it: the same filter, date and layers.
  @Sendable
  func mapSVG(req: Request) async throws -> Response {
    let fields = Self.query(req)
    let filter = fields.placementFilter
    let view = try Self.mapView(fields)
    let snapshot = try await req.catalog.snapshot()
    let marks = view.uncertainty ? await req.catalog.uncertaintyMarks(in: snapshot, asOf: view.asOf) : [:]
    let key = "file|" + filter.key + "|" + view.parameters.joined(separator: "&")
    let svg = await req.catalog.svg(revision: snapshot.revision, key: key) {
      let reports = ChangeController.mapReports(snapshot, filter: filter, asOf: view.asOf)
      return Self.drawMap(reports, snapshot: snapshot, view: view, marks: marks, linked: false)
    }
    return Self.download(
      svg, type: HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"]),
      filename: view.asOf.map { "safezones-map-\($0).svg" } ?? "safezones-map.svg")
  }

  /// The date and layers the map's query asks for (`as_of`, `trajectories`, `uncertainty`).
  static func mapView(_ fields: FormFields) throws -> MapView {
    MapView(
      asOf: try ChangeController.asOf(fields), trajectories: ChangeController.flag(fields, "trajectories"),
      uncertainty: ChangeController.flag(fields, "uncertainty"))
  }

  /// The map of `reports` with the layers `view` asks for.
  static func drawMap(
    _ reports: [DomainReport], snapshot: Catalog.Snapshot, view: MapView, marks: [String: UncertaintyMark],
    linked: Bool
  ) -> String {
    var options = MapOptions(rubric: snapshot.rubric, linkPrefix: linked ? "/domains/" : nil)
    if let day = view.asOf { options.subtitle += " · as of \(day)" }
    if view.uncertainty {
      options.subtitle += " · 90% ellipses, colour by P(safe zone)"
      let shown = Set(reports.map(\.id))
      options.uncertainty = marks.filter { shown.contains($0.key) }
      options.colourMode = .safeZoneProbability
    }
    let points = reports.map { MapPoint($0, group: $0.source == nil ? .user : .shipped) }
    let drawn =
      view.trajectories
      ? reports.compactMap { r in
        snapshot.domain(r.id).flatMap { MapTrajectory(Trajectory($0, rubric: snapshot.rubric), through: view.asOf) }
      } : []
    return MapChart.svg(points, options: options, trajectories: drawn)
  }

  @Sendable
  func exportJSON(req: Request) async throws -> Response {
    let filter = Self.query(req).placementFilter
    let snapshot = try await req.catalog.snapshot()
    let ids = Set(filter.apply(snapshot.reports).map(\.id))
    let domains = snapshot.domains.filter { ids.contains($0.id) }
    let data = try DomainExport(domains: domains, rubricVersion: snapshot.rubric.version, exportedAt: Date()).json()
    return Self.download(String(decoding: data, as: UTF8.self), type: .json, filename: "safezones-export.json")
  }

  @Sendable
  func exportCSV(req: Request) async throws -> Response {
    let fields = Self.query(req)
    let asOf = try ChangeController.asOf(fields)
    let snapshot = try await req.catalog.snapshot()
    let reports = ChangeController.mapReports(snapshot, filter: fields.placementFilter, asOf: asOf)
    let csv = TextOutput.placementCSV(reports, rubric: snapshot.rubric)
    return Self.download(
      csv, type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
      filename: asOf.map { "safezones-placements-\($0).csv" } ?? "safezones-placements.csv")
  }

  @Sendable
  func historyCSV(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let csv = DomainExport.historyCSV(snapshot.domains, rubric: snapshot.rubric)
    return Self.download(
      csv, type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
      filename: "safezones-history.csv")
  }

  // MARK: - Domain

  @Sendable
  func domain(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let domain = try Self.domain(req, in: snapshot)
    let fields = Self.query(req)
    let versions = domain.assessments.count
    guard versions > 0 else { throw AppError.notFound("domain '\(domain.id)' has no assessment") }
    var version = versions
    if let text = fields["version"] {
      guard let n = Int(text) else {
        throw AppError.badRequest("version must be a whole number, got '\(text)'", field: "version")
      }
      guard (1...versions).contains(n) else {
        throw AppError.notFound("'\(domain.id)' has no version \(n); it has \(versions) (1–\(versions))")
      }
      version = n
    }
    let assessment = domain.assessments[version - 1]
    let report =
      version == versions
      ? (snapshot.report(domain.id) ?? DomainReport(domain: domain, rubric: snapshot.rubric))
      : DomainReport(
        domain: domain, assessment: assessment, placement: Scoring.place(assessment, rubric: snapshot.rubric),
        rubric: snapshot.rubric)
    let diffs = AssessmentDiff.history(of: domain, rubric: snapshot.rubric)
    let history = domain.assessments.indices.reversed().map { i in
      DomainPageModel.HistoryEntry(version: i + 1, assessment: domain.assessments[i], diff: diffs[i])
    }
    let links = domain.links.map {
      DomainPageModel.LinkEntry(id: $0.target, name: snapshot.domain($0.target)?.name, link: $0)
    }
    let linkedFrom = snapshot.domains.flatMap { other in
      other.links.filter { $0.target == domain.id }.map {
        DomainPageModel.LinkEntry(id: other.id, name: other.name, link: $0)
      }
    }
    let model = DomainPageModel(
      domain: domain, rubric: snapshot.rubric, version: version, versions: versions, assessment: assessment,
      report: report,
      history: history, links: links, linkedFrom: linkedFrom, savedVersion: fields["saved"].flatMap { Int($0) },
      change: DomainChangeModel.make(domain, domains: snapshot.domains, rubric: snapshot.rubric),
      uncertainty: await req.catalog.uncertainty(for: domain.id, in: snapshot))
    return DomainPage.page(model).response()
  }

  // MARK: - Assessing an existing domain

  @Sendable
  func appendForm(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let domain = try Self.domain(req, in: snapshot)
    let draft =
      domain.current.map { AssessmentDraft(startingFrom: $0, date: Day(Date())) }
      ?? AssessmentDraft(date: Day(Date()).description)
    let model = AssessPageModel(
      mode: .append(id: domain.id, name: domain.name, baseVersion: domain.assessments.count), rubric: snapshot.rubric,
      domain: DomainDraft(id: domain.id, name: domain.name, assessment: draft), current: domain.current,
      csrf: req.csrfToken)
    return AssessPage.page(model).response()
  }

  @Sendable
  func append(req: Request) async throws -> Response {
    let fields = try Self.form(req)
    let snapshot = try await req.catalog.snapshot()
    let domain = try Self.domain(req, in: snapshot)
    let repository = req.catalog.repository
    let draft = fields.assessmentDraft
    var model = AssessPageModel(
      mode: .append(id: domain.id, name: domain.name, baseVersion: domain.assessments.count), rubric: snapshot.rubric,
      domain: DomainDraft(id: domain.id, name: domain.name, assessment: draft), current: domain.current,
      csrf: req.csrfToken)

    var issues: [InputIssue] = []
    let base = fields["base_version"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    if base == nil {
      issues.append(
        InputIssue(
          key: "base_version",
          message: "the form did not say which version it started from; reload the page and enter your assessment again"
        ))
    }
    var assessment: Assessment?
    do { assessment = try draft.assessment() } catch { issues += error.issues }
    if let base, let assessment, issues.isEmpty {
      do {
        let saved = try await repository.append(assessment, to: domain.id, basedOn: base)
        return req.redirect(to: SiteURL.domain(domain.id) + "?saved=\(saved)", redirectType: .normal)
      } catch StoreError.stale {
        return try await Self.conflict(model, id: domain.id, base: base, repository: repository)
      } catch StoreError.invalid(let error) {
        issues += error.issues.map(Self.withoutPrefix)
      }
    }
    // Invalid input: keep what was typed; if the domain moved on meanwhile, say so now too.
    model.issues = issues
    if let base, base != domain.assessments.count, let current = domain.current {
      model.conflict = .init(baseVersion: base, currentVersion: domain.assessments.count, theirs: current)
    }
    return AssessPage.page(model).response(status: .unprocessableEntity)
  }

  /// The form again after a stale save: their newest assessment next to the user's input,
  /// and the form now based on the current version so that a resubmission is accepted.
  static func conflict(
    _ model: AssessPageModel, id: String, base: Int, repository: any DomainRepository
  ) async throws -> Response {
    guard let fresh = try await repository.domain(id: id), let theirs = fresh.current else {
      throw AppError.notFound("no domain with id '\(id)'")
    }
    var model = model
    let current = fresh.assessments.count
    model.mode = .append(id: fresh.id, name: fresh.name, baseVersion: current)
    model.current = theirs
    model.conflict = .init(baseVersion: base, currentVersion: current, theirs: theirs)
    return AssessPage.page(model).response(status: .conflict)
  }

  // MARK: - New domain

  @Sendable
  func newDomainForm(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let suggested =
      Self.query(req)["id"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { Domain.isValidID($0) ? $0 : nil }
      ?? ""
    let model = AssessPageModel(
      mode: .newDomain, rubric: snapshot.rubric,
      domain: DomainDraft(id: suggested, assessment: AssessmentDraft(date: Day(Date()).description)),
      csrf: req.csrfToken)
    return AssessPage.page(model).response()
  }

  @Sendable
  func create(req: Request) async throws -> Response {
    let fields = try Self.form(req)
    let snapshot = try await req.catalog.snapshot()
    let draft = fields.domainDraft
    var model = AssessPageModel(mode: .newDomain, rubric: snapshot.rubric, domain: draft, csrf: req.csrfToken)
    var issues: [InputIssue] = []
    var domain: Domain?
    do { domain = try draft.domain() } catch { issues = error.issues }
    let id = draft.id.trimmingCharacters(in: .whitespaces)
    if snapshot.domain(id) != nil {
      issues.removeAll { $0.key == "id" }
      issues.insert(Self.duplicate(id), at: 0)
      model.duplicateOf = id
    }
    if let domain, issues.isEmpty {
      do {
        try await req.catalog.repository.create(domain)
        return req.redirect(to: SiteURL.domain(domain.id) + "?saved=1", redirectType: .normal)
      } catch StoreError.alreadyExists(let existing) {
        issues.insert(Self.duplicate(existing), at: 0)
        model.duplicateOf = existing
      } catch StoreError.invalid(let error) {
        issues += error.issues.map(Self.withoutPrefix)
      }
    }
    model.issues = issues
    return AssessPage.page(model).response(status: .unprocessableEntity)
  }

  static func duplicate(_ id: String) -> InputIssue {
    InputIssue(
      key: "id",
      message: "a domain with id '\(id)' already exists; choose another id, or add an assessment to the existing domain"
    )
  }

  // MARK: - Rubric

  @Sendable
  func rubric(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    return RubricPage.page(RubricPageModel(rubric: snapshot.rubric, stored: snapshot.rubrics)).response()
  }

  @Sendable
  func rubricFile(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let version = String(
      snapshot.rubric.version.unicodeScalars.filter {
        CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)
      })
    return Self.download(
      snapshot.rubricText, type: HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"]),
      filename: "safezones-rubric-\(version.isEmpty ? "current" : version).yaml")
  }

  // MARK: - Import and export

  @Sendable
  func data(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    return DataPage.page(Self.dataModel(snapshot, req: req)).response()
  }

  struct Upload: Content {
    var file: File?
  }

  @Sendable
  func importFile(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    var model = Self.dataModel(snapshot, req: req)
    func refuse(_ file: String?, _ issues: [InputIssue]) -> Response {
      model.outcome = .refused(file: file, issues: issues)
      return DataPage.page(model).response(status: .unprocessableEntity)
    }
    guard req.headers.contentType?.type == "multipart", req.headers.contentType?.subType == "form-data" else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: "upload the file with the import form (multipart/form-data)")
    }
    let upload = try? req.content.decode(Upload.self)
    guard let file = upload?.file, file.data.readableBytes > 0 || !file.filename.isEmpty else {
      return refuse(nil, [InputIssue(key: "file", message: "choose a file to import")])
    }
    let name =
      (file.filename as NSString).lastPathComponent.isEmpty ? "upload" : (file.filename as NSString).lastPathComponent
    guard file.data.readableBytes > 0 else {
      return refuse(name, [InputIssue(key: "file", message: "the file is empty")])
    }
    guard let text = String(data: Data(file.data.readableBytesView), encoding: .utf8) else {
      return refuse(
        name, [InputIssue(key: "file", message: "the file is not UTF-8 text; save it as UTF-8 YAML or JSON")])
    }
    do {
      let domains = try DomainLoader.parse(text, file: name, knownIDs: Set(snapshot.domains.map(\.id)))
      let summary = try await req.catalog.repository.importDomains(domains)
      let fresh = try await req.catalog.snapshot()
      model = Self.dataModel(fresh, req: req)
      model.outcome = .imported(file: name, summary: summary)
      return DataPage.page(model).response()
    } catch let error as InputError {
      return refuse(name, error.issues)
    } catch StoreError.invalid(let error) {
      return refuse(name, error.issues)
    }
  }

  static func dataModel(_ snapshot: Catalog.Snapshot, req: Request) -> DataPageModel {
    DataPageModel(
      domainCount: snapshot.domains.count, assessmentCount: snapshot.domains.reduce(0) { $0 + $1.assessments.count },
      rubricVersion: snapshot.rubric.version, csrf: req.csrfToken, maxBytes: req.settings.maxBodyBytes)
  }

  // MARK: - Helpers

  static func domain(_ req: Request, in snapshot: Catalog.Snapshot) throws -> Domain {
    let id = req.parameters.get("id") ?? ""
    guard let domain = snapshot.domain(id) else { throw AppError.notFound("no domain with id '\(id)'") }
    return domain
  }

  static func query(_ req: Request) -> FormFields { FormFields(urlEncoded: req.url.query ?? "") }

  /// The fields of a posted form; only URL-encoded forms are accepted.
  static func form(_ req: Request) throws -> FormFields {
    guard req.headers.contentType == .urlEncodedForm else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: "send the form as application/x-www-form-urlencoded")
    }
    return FormFields(urlEncoded: req.body.string ?? "")
  }

  static func withoutPrefix(_ issue: InputIssue) -> InputIssue {
    var issue = issue
    if let key = issue.key {
      for prefix in ["assessment.", "domains[0].assessments[0].", "domains[0].", "."] where key.hasPrefix(prefix) {
        issue.key = String(key.dropFirst(prefix.count))
        break
      }
    }
    return issue
  }

  static func download(_ body: String, type: HTTPMediaType, filename: String) -> Response {
    let response = Response(status: .ok, body: .init(string: body))
    response.headers.contentType = type
    response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
  }
}
