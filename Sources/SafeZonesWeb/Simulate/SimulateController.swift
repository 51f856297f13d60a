import Foundation
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import Vapor

/// The addresses of the simulation pages, built in one place (like `SiteURL`).
enum SimulateURL {
  static let list = "/simulate"
  static let example = "/simulate?example=1#simulate-form"

  static func again(_ id: Int) -> String { "/simulate?from=\(id)#simulate-form" }
  static func run(_ id: Int) -> String { "/simulate/runs/\(id)" }
  static func status(_ id: Int) -> String { "/simulate/runs/\(id)/status" }
  static func file(_ id: Int, _ name: String) -> String { "/simulate/runs/\(id)/\(Esc.url(name))" }
}

/// The simulation pages: a form that starts a run in the background, the run's page (its
/// progress, then its results with the charts), downloads, and the list of past runs.
/// Registered from `PagesController`, so the form shares its CSRF protection. Handlers read
/// the request and hand plain values to the views; the model lives in the core.
struct SimulateController: RouteCollection {
  /// The most trials a run from the site may ask for.
  /// The largest portfolio or scenario text accepted.
  static let maxTextBytes = SimulationDraft.maxTextBytes
  /// Past runs listed under the form.
  static let listed = 50

  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("simulate", use: form)
    routes.access(.permission(.facilitate)).post("simulate", use: start)
    read.get("simulate", "runs") { _ in Response(status: .seeOther, headers: ["Location": SimulateURL.list]) }
    read.get("simulate", "runs", ":run", use: run)
    read.get("simulate", "runs", ":run", "status", use: status)
    read.get("simulate", "runs", ":run", ":file", use: download)
  }

  static func repository(_ req: Request) -> any SimulationRunRepository { req.catalog.repository.simulationRuns }

  // MARK: - Form

  @Sendable
  func form(req: Request) async throws -> Response {
    let query = req.queryFields
    var form = SimulateForm()
    var notice: String?
    if let text = query["from"] {
      guard let id = Int(text), let stored = try await Self.repository(req).run(id: id) else {
        throw AppError.notFound(tr("no simulation run '{run}'", ["run": .text(TextLimits.preview(text))]))
      }
      form = SimulateForm(stored.inputs)
      notice = tr("The form holds the inputs of run {run}. Submit it to run them again.", ["run": .text(String(id))])
    } else if query["example"] != nil {
      form.portfolio = SimulatePage.examplePortfolio
    }
    return try await Self.formPage(req, form: form, issues: [], notice: notice).response()
  }

  static func formPage(_ req: Request, form: SimulateForm, issues: [InputIssue], notice: String?) async throws -> Page {
    let runs = try await repository(req).recent(limit: listed)
    var model = SimulatePageModel(
      form: form, issues: issues, notice: notice,
      runs: runs.map { run in .init(run: run, status: SimulateRunModel.state(of: run, now: Date())) },
      csrf: req.csrfToken, trials: SimulationDraft.trials, maxKiB: maxTextBytes / 1024)
    model.canStart = req.may(.facilitate)
    return SimulatePage.page(model)
  }

  /// The fields of the form: URL-encoded or multipart (with uploaded files).
  struct Upload: Content {
    var portfolio: String?
    var portfolio_file: File?
    var scenario: String?
    var scenario_file: File?
    var trials: String?
    var seed: String?
    var years: String?
    var compare_structures: String?
    var frontier: String?
  }

  @Sendable
  func start(req: Request) async throws -> Response {
    let multipart = req.headers.contentType?.type == "multipart" && req.headers.contentType?.subType == "form-data"
    guard multipart || req.headers.contentType == .urlEncodedForm else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: tr("send the form as multipart/form-data or application/x-www-form-urlencoded"))
    }
    let upload = (try? req.content.decode(Upload.self)) ?? Upload()
    var issues: [InputIssue] = []
    var form = SimulateForm(
      portfolio: upload.portfolio ?? "", scenario: upload.scenario ?? "", trials: upload.trials ?? "",
      seed: upload.seed ?? "", years: upload.years ?? "", compareStructures: FormFields.isOn(upload.compare_structures),
      frontier: FormFields.isOn(upload.frontier))
    // A chosen file wins over the text area, and its text comes back in the area.
    var portfolioName = "portfolio"
    var scenarioName = "scenario"
    for (file, field) in [(upload.portfolio_file, "portfolio"), (upload.scenario_file, "scenario")] {
      guard let file, file.data.readableBytes > 0 else { continue }
      let name = (file.filename as NSString).lastPathComponent
      guard let text = String(data: Data(file.data.readableBytesView), encoding: .utf8) else {
        issues.append(
          InputIssue(
            key: field,
            message: tr("the file {file} is not UTF-8 text; save it as UTF-8 YAML or JSON", ["file": .text(name)])))
        continue
      }
      if field == "portfolio" {
        form.portfolio = text
        if !name.isEmpty { portfolioName = name }
      } else {
        form.scenario = text
        if !name.isEmpty { scenarioName = name }
      }
    }

    let snapshot = try await req.snapshot()
    let catalogue = try ShockCatalogueLoader.shipped()
    let draft = SimulationDraft(
      portfolio: form.portfolio, portfolioName: portfolioName, scenario: form.scenario, scenarioName: scenarioName,
      trials: form.trials, seed: form.seed, years: form.years)
    var checked: SimulationDraft.Checked?
    switch draft.check(knownDomains: Set(snapshot.domains.map(\.id)), catalogue: catalogue) {
    case .success(let inputs): checked = inputs
    case .failure(let error): issues += error.issues
    }
    let runner = SimulationRunner.of(req.application)
    let waiting = try await Self.repository(req).queuedAhead(of: Int.max)
    if issues.isEmpty && waiting >= SimulationRunner.maxWaiting {
      issues.append(
        InputIssue(
          key: "form",
          message: tr(
            "{count} simulations are already waiting; try again in a minute (your input is kept below)",
            ["count": .text(String(waiting))])))
    }
    guard issues.isEmpty, let checked else {
      return try await Self.formPage(req, form: form, issues: SimulationDraft.inFieldOrder(issues), notice: nil)
        .response(status: .unprocessableEntity)
    }
    let (portfolio, scenario, trials, seed, horizon) = (
      checked.portfolio, checked.scenario, checked.trials, checked.seed, checked.years
    )
    let repository = Self.repository(req)
    let stored = try await req.asPrincipal {
      try await repository.create(
        NewSimulationRun(
          portfolioName: portfolio.name, portfolioText: form.portfolio, scenarioName: scenario?.name,
          scenarioText: scenario == nil ? nil : form.scenario, seed: seed, trials: trials, years: horizon,
          compareStructures: form.compareStructures, frontier: form.frontier, catalogueVersion: catalogue.version,
          rubricVersion: snapshot.rubric.version,
          pair: snapshot.pair == snapshot.rubric.defaultPair ? nil : snapshot.pair))
    }
    // The run is a job in the store: this server's worker (or another's) takes it, from the
    // texts stored with it (SimulationRunner.plan).
    runner.notify()
    return req.redirect(to: SimulateURL.run(stored.id), redirectType: .normal)
  }

  // MARK: - A run

  /// A run's page model: live progress when this server computes it, else what its worker
  /// last stored.
  static func runModel(_ req: Request, _ run: SimulationRun, report: SimulationReport?) async throws -> SimulateRunModel
  {
    let ahead = run.status == .queued ? try await repository(req).queuedAhead(of: run.id) : 0
    return SimulateRunModel(
      run: run, live: SimulationRunner.of(req.application).progress(of: run.id), ahead: ahead, report: report,
      now: Date())
  }

  static func stored(_ req: Request) async throws -> SimulationRun {
    let text = req.parameters.get("run") ?? ""
    guard let id = Int(text), let run = try await repository(req).run(id: id) else {
      throw AppError.notFound(tr("no simulation run '{run}'", ["run": .text(TextLimits.preview(text))]))
    }
    return run
  }

  static func report(_ run: SimulationRun) throws -> SimulationReport? {
    guard run.status == .done, let json = run.resultJSON else { return nil }
    do {
      return try SimulationReport.decode(Data(json.utf8))
    } catch {
      throw AppError(
        .internalServerError, code: "internal",
        message: tr("the stored report of run {run} cannot be read", ["run": .text(String(run.id))]))
    }
  }

  @Sendable
  func run(req: Request) async throws -> Response {
    let run = try await Self.stored(req)
    let model = try await Self.runModel(req, run, report: try Self.report(run))
    let page = SimulateRunPage.page(model)
    guard model.isWaiting else { return page.response() }
    // Not finished: the page reloads itself every two seconds without script (the script
    // polls the status instead and reloads once, when the run ends).
    var html = page.html().render()
    if let head = html.range(of: "</head>") {
      html.replaceSubrange(head, with: "<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript></head>")
    }
    return Page.response(Data(html.utf8))
  }

  /// What the status endpoint answers.
  struct Status: Content {
    var id: Int
    /// `queued`, `running`, `done`, `failed` or `interrupted`.
    var status: String
    var done: Int
    var total: Int
    var percent: Int
    var label: String
  }

  @Sendable
  func status(req: Request) async throws -> Response {
    let run = try await Self.stored(req)
    let model = try await Self.runModel(req, run, report: nil)
    let body = Status(
      id: run.id, status: model.state, done: model.done, total: model.total, percent: model.percent,
      label: model.progressLabel)
    let response = Response(status: .ok, body: .init(data: try StableJSONEncoder(pretty: false).encode(body)))
    response.headers.contentType = .json
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
  }

  @Sendable
  func download(req: Request) async throws -> Response {
    let run = try await Self.stored(req)
    let file = req.parameters.get("file") ?? ""
    let prefix = "safezones-run-\(run.id)"
    switch file {
    case "portfolio.yaml":
      return Download.response(run.inputs.portfolioText, type: Download.yaml, filename: "\(prefix)-portfolio.yaml")
    case "scenario.yaml":
      guard let text = run.inputs.scenarioText else {
        throw AppError.notFound(tr("run {run} has no scenario", ["run": .text(String(run.id))]))
      }
      return Download.response(text, type: Download.yaml, filename: "\(prefix)-scenario.yaml")
    case "report.json":
      guard let json = run.resultJSON, run.status == .done else {
        throw AppError.notFound(tr("run {run} has no report yet", ["run": .text(String(run.id))]))
      }
      return Download.response(json, type: .json, filename: "\(prefix).json")
    default:
      guard file.hasSuffix(".svg"), let kind = SimulationCharts.Kind(rawValue: String(file.dropLast(4))) else {
        throw AppError.notFound(tr("no such file: {file}", ["file": .text(file)]))
      }
      guard let report = try Self.report(run), let svg = SimulationCharts.svg(kind, report) else {
        throw AppError.notFound(
          tr("run {run} has no {chart} chart", ["run": .text(String(run.id)), "chart": .text(kind.rawValue)]))
      }
      return Download.response(
        svg, type: Download.svg,
        filename: "\(prefix)-\(kind.fileName)")
    }
  }
}
