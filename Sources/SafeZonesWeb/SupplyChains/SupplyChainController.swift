import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge
import Vapor

enum SupplyChainURL {
  static let list = "/supply-chains"
  static func run(_ id: Int) -> String { "/supply-chains/\(id)" }
  static func status(_ id: Int) -> String { "/supply-chains/\(id)/status" }
  static func file(_ id: Int, _ name: String) -> String { "/supply-chains/\(id)/\(name)" }
}

/// Supply-chain stress tests on the site: upload a network, run it (in the background with
/// progress when it is large), read the report with its charts, download it. Networks and
/// their weak points are sensitive: every page needs a signed-in account, running one needs
/// a facilitator.
struct SupplyChainController: RouteCollection {
  static let maxTextBytes = 2 * 1024 * 1024
  /// Networks up to this many nodes are solved before the page answers; larger ones run in
  /// the background and the page shows their progress.
  static let inlineNodes = 150
  static let listed = 50

  func boot(routes: any RoutesBuilder) throws {
    let signedIn = routes.access(.signedIn)
    signedIn.get("supply-chains", use: list)
    routes.access(.permission(.facilitate)).post("supply-chains", use: start)
    signedIn.get("supply-chains", ":run", use: run)
    signedIn.get("supply-chains", ":run", "status", use: status)
    signedIn.get("supply-chains", ":run", ":file", use: download)
  }

  static func repository(_ req: Request) -> any StressRunRepository { req.catalog.repository.stressRuns }

  static func settings(_ mitigate: String?) -> StressTest.Settings {
    StressTest.Settings(
      mitigate: mitigate.flatMap(SupplyNetwork.RecoveryTarget.init(rawValue:)),
      workers: max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
  }

  static func formModel(
    _ req: Request, text: String = "", issues: [InputIssue] = []
  ) async throws -> SupplyChainPage.ListModel {
    SupplyChainPage.ListModel(
      runs: try await repository(req).recent(limit: listed), csrf: req.csrfToken,
      canRun: req.principal?.account.role.allows(.facilitate) ?? false, text: text, issues: issues,
      maxKiB: maxTextBytes / 1024)
  }

  @Sendable
  func list(req: Request) async throws -> Response {
    let text = req.queryFields["example"] != nil ? SupplyChainPage.example : ""
    return SupplyChainPage.list(try await Self.formModel(req, text: text)).response()
  }

  struct Upload: Content {
    var network: String?
    var network_file: File?
    var mitigate: String?
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
    var text = upload.network ?? ""
    var name = "pasted network"
    var issues: [InputIssue] = []
    if let file = upload.network_file, file.data.readableBytes > 0 {
      let fileName = (file.filename as NSString).lastPathComponent
      if let content = String(data: Data(file.data.readableBytesView), encoding: .utf8) {
        text = content
        if !fileName.isEmpty { name = fileName }
      } else {
        issues.append(
          InputIssue(
            key: "network",
            message: tr(
              "the file {file} is not UTF-8 text; save it as UTF-8 YAML or JSON", ["file": .text(fileName)])))
      }
    }
    let mitigate = upload.mitigate.flatMap { $0.isEmpty || $0 == "none" ? nil : $0 }
    if let m = mitigate, SupplyNetwork.RecoveryTarget(rawValue: m) == nil {
      issues.append(InputIssue(key: "mitigate", message: tr("choose none, likely or high")))
    }
    if text.utf8.count > Self.maxTextBytes {
      issues.append(
        InputIssue(
          key: "network",
          message: tr(
            "is {size} KiB; at most {limit} KiB are accepted",
            ["size": .text(String(text.utf8.count / 1024)), "limit": .text(String(Self.maxTextBytes / 1024))])))
    } else if issues.isEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(InputIssue(key: "network", message: tr("paste a network or choose a file")))
    }
    var network: SupplyNetwork?
    if issues.isEmpty {
      do {
        let known = Set(try await req.snapshot().domains.map(\.id))
        network = try SupplyChains.parse(text, file: name, knownDomains: known)
      } catch let error as InputError {
        issues = error.issues
      }
    }
    guard let network, issues.isEmpty else {
      let model = try await Self.formModel(req, text: text.utf8.count > Self.maxTextBytes ? "" : text, issues: issues)
      return SupplyChainPage.list(model).response(status: .unprocessableEntity)
    }
    let repository = Self.repository(req)
    let domains = Array(Set(network.nodes.flatMap(\.domains))).sorted()
    let stored = try await req.asPrincipal {
      try await repository.create(
        NewStressRun(
          name: network.name, fileName: name, text: text, mitigate: mitigate, nodeCount: network.nodes.count,
          domains: domains, createdBy: req.principal?.account.name ?? "unknown"))
    }
    let jobs = StressJobs.of(req.application)
    let settings = Self.settings(mitigate)
    if network.nodes.count <= Self.inlineNodes {
      await jobs.execute(
        id: stored.id, network: network, settings: settings, repository: repository, logger: req.logger)
    } else {
      jobs.launch(id: stored.id, network: network, settings: settings, repository: repository, logger: req.logger)
    }
    return req.redirect(to: SupplyChainURL.run(stored.id), redirectType: .normal)
  }

  static func stored(_ req: Request) async throws -> StressRun {
    let text = req.parameters.get("run") ?? ""
    guard let id = Int(text), let run = try await repository(req).run(id: id) else {
      throw AppError.notFound(tr("no stress run '{run}'", ["run": .text(TextLimits.preview(text))]))
    }
    return run
  }

  static func report(_ run: StressRun) throws -> StressReport? {
    guard run.status == .done, let json = run.resultJSON else { return nil }
    do {
      return try JSONDecoder().decode(StressReport.self, from: Data(json.utf8))
    } catch {
      throw AppError(
        .internalServerError, code: "internal",
        message: tr("the stored report of run {run} cannot be read", ["run": .text(String(run.id))]))
    }
  }

  /// The network as stored, read again (for the chart of its links).
  static func network(_ run: StressRun) -> SupplyNetwork? {
    try? SupplyNetworkLoader.parse(run.inputs.text, file: run.inputs.fileName)
  }

  @Sendable
  func run(req: Request) async throws -> Response {
    let run = try await Self.stored(req)
    let snapshot = try await req.snapshot()
    let model = SupplyChainPage.RunModel(
      run: run, report: try Self.report(run), network: Self.network(run),
      live: StressJobs.of(req.application).progress(of: run.id),
      placed: Dictionary(snapshot.placed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
    let page = SupplyChainPage.run(model)
    guard run.status == .running else { return page.response() }
    var html = page.html().render()
    if let head = html.range(of: "</head>") {
      html.replaceSubrange(head, with: "<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript></head>")
    }
    return Page.response(Data(html.utf8))
  }

  struct Status: Content {
    var id: Int
    var status: String
    var done: Int
    var total: Int
    var percent: Int
    var label: String
  }

  @Sendable
  func status(req: Request) async throws -> Response {
    let run = try await Self.stored(req)
    let live = StressJobs.of(req.application).progress(of: run.id)
    let percent =
      live.map { $0.total > 0 ? Int(100 * Double($0.done) / Double($0.total)) : 0 }
      ?? (run.status == .running ? 0 : 100)
    let body = Status(
      id: run.id, status: run.status.rawValue, done: live?.done ?? 0, total: live?.total ?? 0, percent: percent,
      label: SupplyChainPage.progressLabel(run, live))
    let response = Response(status: .ok, body: .init(data: try StableJSONEncoder(pretty: false).encode(body)))
    response.headers.contentType = .json
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
  }

  @Sendable
  func download(req: Request) async throws -> Response {
    let run = try await Self.stored(req)
    let file = req.parameters.get("file") ?? ""
    switch file {
    case "input":
      let ext = run.inputs.fileName.lowercased().hasSuffix(".json") ? "json" : "yaml"
      return Download.response(
        run.inputs.text, type: ext == "json" ? .json : .plainText, filename: "network-\(run.id).\(ext)")
    case "report.json", "tts-ttr.svg", "network.svg":
      guard let report = try Self.report(run) else {
        throw AppError(
          .conflict, code: "not_ready",
          message: tr(
            "stress run {run} has no report ({status})",
            ["run": .text(String(run.id)), "status": .text(SupplyChainPage.statusName(run.status))]))
      }
      if file == "report.json" {
        return Download.response(
          String(decoding: try StableJSONEncoder().encode(report), as: UTF8.self) + "\n", type: .json,
          filename: "stress-\(run.id).json")
      }
      let svg =
        file == "tts-ttr.svg"
        ? StressCharts.survivalScatter(report)
        : Self.network(run).map { StressCharts.network($0, report: report) } ?? ""
      return Download.response(
        svg, type: HTTPMediaType(type: "image", subType: "svg+xml"), filename: "\(run.id)-\(file)")
    default:
      throw AppError.notFound(
        tr(
          "stress run {run} has no file '{file}'",
          ["run": .text(String(run.id)), "file": .text(TextLimits.preview(file))]))
    }
  }
}
