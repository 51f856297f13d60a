import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import Vapor

/// Screening proposals on the site (`/screen`) and the decision records it saves
/// (`/screen/records`). Every route needs a signed-in account: proposals, screenings and
/// decisions are sensitive, so `--public-read` does not open them. The server never trusts
/// a screening sent back by the browser: saving screens the proposal text again.
struct ScreenController: RouteCollection {
  /// The largest proposal text accepted.
  static let maxTextBytes = 256 * 1024

  func boot(routes: any RoutesBuilder) throws {
    let signedIn = routes.access(.signedIn)
    signedIn.get("screen", use: form)
    signedIn.post("screen", use: screen)
    signedIn.get("screen", "records", use: records)
    signedIn.post("screen", "records", use: save)
    signedIn.get("screen", "records", ":proposal", use: latest)
    signedIn.get("screen", "records", ":proposal", ":version", use: record)
    routes.access(.permission(.facilitate)).post("screen", "partners", use: importLists)
  }

  static func repository(_ req: Request) -> any DecisionRecordRepository { req.catalog.repository.decisions }

  /// What a screening request rests on, read once per request: the store as placed now, the
  /// shipped taxonomies, the partner lists in force and every decision record.
  struct Ground {
    let snapshot: Catalog.Snapshot
    let taxonomies: [Taxonomy]
    let lists: [PartnerList]
    let records: [DecisionRecord]
    /// The default pair's placements, and those of the other pairs records were decided for.
    let placed: [String: PlacedDomain]
    let placedByPair: [String: [String: PlacedDomain]]

    static func load(_ req: Request) async throws -> Ground {
      let snapshot = try await req.snapshot()
      let records = try await repository(req).allRecords()
      func byID(_ s: Catalog.Snapshot) -> [String: PlacedDomain] {
        Dictionary(s.placed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      }
      let base = try await req.catalog.snapshot()
      var others: [String: [String: PlacedDomain]] = [:]
      for id in Set(records.compactMap(\.draft.versions.pair)) {
        guard let pair = CountryPair(id: id), base.rubric.pairs.contains(pair) else { continue }
        others[id] = byID(try await req.catalog.snapshot(pair: pair))
      }
      return Ground(
        snapshot: snapshot, taxonomies: try TaxonomyController.shipped.get(),
        lists: try await repository(req).partnerLists(), records: records, placed: byID(base), placedByPair: others)
    }

    /// The decisions whose ground moved, against the store as it is now (each record
    /// against the pair it was decided for).
    var due: [ReReview] {
      ReReview.due(
        records, placed: placed, taxonomies: taxonomyVersions, partnerLists: listVersions, placedByPair: placedByPair)
    }

    /// What moved under one record.
    func reasons(_ record: DecisionRecord) -> [String] {
      let now = record.draft.versions.pair.map { placedByPair[$0] ?? [:] } ?? placed
      return ReReview.reasons(record, placed: now, taxonomies: taxonomyVersions, partnerLists: listVersions)
    }

    var taxonomyVersions: [String: String] { ScreeningRecords.versions(of: taxonomies) }
    var listVersions: [String: String] { ScreeningRecords.versions(of: lists) }
  }

  static func model(_ req: Request, text: String, ground: Ground) -> ScreenPageModel {
    var model = ScreenPageModel(
      text: text, csrf: req.csrfToken, maxKiB: maxTextBytes / 1024, thresholds: ground.snapshot.rubric.thresholds,
      canSave: req.principal != nil, reviewer: req.principal?.account.name ?? "")
    model.due = ground.due.count
    model.partnerLists = ground.lists.map(\.name)
    return model
  }

  @Sendable
  func form(req: Request) async throws -> Response {
    let text = req.queryFields["example"] != nil ? ScreenPage.example : ""
    return ScreenPage.page(Self.model(req, text: text, ground: try await Ground.load(req))).response()
  }

  /// The fields of the screening form: URL-encoded or multipart (with an uploaded file).
  struct Upload: Content {
    var proposal: String?
    var proposal_file: File?
  }

  @Sendable
  func screen(req: Request) async throws -> Response {
    let multipart = req.headers.contentType?.type == "multipart" && req.headers.contentType?.subType == "form-data"
    guard multipart || req.headers.contentType == .urlEncodedForm else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: tr("send the form as multipart/form-data or application/x-www-form-urlencoded"))
    }
    let upload = (try? req.content.decode(Upload.self)) ?? Upload()
    var text = upload.proposal ?? ""
    var name = tr("pasted proposal")
    var issues: [InputIssue] = []
    if let file = upload.proposal_file, file.data.readableBytes > 0 {
      let fileName = (file.filename as NSString).lastPathComponent
      if let content = String(data: Data(file.data.readableBytesView), encoding: .utf8) {
        text = content
        if !fileName.isEmpty { name = fileName }
      } else {
        issues.append(
          InputIssue(
            key: "proposal",
            message: tr(
              "the file {file} is not UTF-8 text; save it as UTF-8 YAML or JSON", ["file": .text(fileName)])))
      }
    }
    let ground = try await Ground.load(req)
    var model = Self.model(req, text: text, ground: ground)
    if issues.isEmpty {
      switch try Self.screenings(text: text, name: name, ground: ground) {
      case .success(let results): model.results = results
      case .failure(let error): issues = error.issues
      }
    }
    model.issues = issues
    return ScreenPage.page(model).response(status: issues.isEmpty ? .ok : .unprocessableEntity)
  }

  /// Reads and screens every proposal of `text` against the store as it is now.
  static func screenings(
    text: String, name: String, ground: Ground
  ) throws -> Result<
    [ScreenPageModel.Result], InputError
  > {
    if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      return .failure(InputError(InputIssue(key: "proposal", message: tr("paste a proposal or choose its file"))))
    }
    if text.utf8.count > maxTextBytes {
      return .failure(
        InputError(
          InputIssue(
            key: "proposal",
            message: tr("the proposal is larger than {size} KiB", ["size": .text(String(maxTextBytes / 1024))]))))
    }
    let proposals: [Proposal]
    do throws(InputError) {
      proposals = try ProposalLoader.parse(text, file: name)
    } catch {
      return .failure(error)
    }
    let screener = try ground.snapshot.screener(taxonomies: ground.taxonomies)
    return .success(
      proposals.map { p in
        .init(
          proposal: p, screening: screener.screen(p).checkingPartners(against: ground.lists),
          earlier: ground.records.filter { $0.proposalID == p.id }.reversed())
      })
  }

  @Sendable
  func save(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let text = fields["proposal"] ?? ""
    let id = fields["proposal_id"] ?? ""
    let prefix =
      fields["prefix"].flatMap { $0.range(of: #"^p[0-9]{1,3}-$"#, options: .regularExpression) != nil ? $0 : nil }
      ?? "p0-"
    let ground = try await Ground.load(req)
    var model = Self.model(req, text: text, ground: ground)
    let results: [ScreenPageModel.Result]
    switch try Self.screenings(text: text, name: tr("submitted proposal"), ground: ground) {
    case .success(let r): results = r
    case .failure(let error):
      model.issues = error.issues
      return ScreenPage.page(model).response(status: .unprocessableEntity)
    }
    guard let index = results.firstIndex(where: { $0.proposal.id == id }) else {
      throw AppError.badRequest(
        tr("the proposal text holds no proposal '{id}'", ["id": .text(TextLimits.preview(id))]), field: "proposal_id")
    }
    var result = results[index]
    result.decision = fields["decision"] ?? ""
    result.conditions = fields["\(prefix)conditions"] ?? ""
    result.rationale = fields["\(prefix)rationale"] ?? ""
    let principal = try req.requirePrincipal()
    let snapshot = ground.snapshot
    var issues: [InputIssue] = []
    var decision: ScreeningDecision?
    switch ScreeningDecision.parse(result.decision, key: "decision") {
    case .success(let d): decision = d
    case .failure(let issue): issues.append(issue)
    }
    // The record keeps the screening's sentences in English, whatever the reader's language:
    // it is data, hashed and read later by anyone.
    let recorded = try Self.screeningInEnglish(result.proposal, ground: ground)
    let draft = ScreeningRecords.draft(
      proposal: result.proposal, screening: recorded, decision: decision ?? .proceed,
      conditions: result.conditions, rationale: result.rationale, reviewer: principal.account.name, date: Day(Date()),
      rubric: snapshot.rubric, knowledgeBase: ScreeningRecords.storeKnowledgeBase(revision: snapshot.revision),
      taxonomies: ground.taxonomies, placed: snapshot.placed, partnerLists: ground.lists)
    // The proposal was checked when it was read; what is left is the reviewer's part.
    if decision != nil { issues += draft.validate().filter { $0.key == "rationale" || $0.key == "conditions" } }
    guard issues.isEmpty else {
      result.decisionIssues = issues
      var shown = results
      shown[index] = result
      model.results = shown
      return ScreenPage.page(model).response(status: .unprocessableEntity)
    }
    let saved = try await req.asPrincipal { try await Self.repository(req).save(draft) }
    return req.redirect(to: ScreenURL.record(saved.proposalID, saved.version) + "?saved=1", redirectType: .normal)
  }

  /// `proposal` screened as the store stands, in English (the text a decision record keeps).
  static func screeningInEnglish(_ proposal: Proposal, ground: Ground) throws -> ProposalScreening {
    try Localization.with(nil) {
      try ground.snapshot.screener(taxonomies: ground.taxonomies).screen(proposal).checkingPartners(
        against: ground.lists)
    }
  }

  @Sendable
  func records(req: Request) async throws -> Response {
    let imported = req.queryFields["imported"].flatMap { Int($0) }
    return try await Self.recordsPage(
      req,
      imported: imported.map { [$0 == 1 ? tr("1 list") : tr("{count} lists", ["count": .text(String($0))])] } ?? []
    )
    .response()
  }

  static func recordsPage(_ req: Request, issues: [InputIssue] = [], imported: [String] = []) async throws -> Page {
    let ground = try await Ground.load(req)
    return RecordPage.list(
      ground.records, due: ground.due,
      lists: RecordPage.Lists(
        lists: ground.lists, canImport: req.may(.facilitate), csrf: req.csrfToken, issues: issues, imported: imported))
  }

  struct ListUpload: Content {
    var partner_file: File?
  }

  /// Imports partner lists from an uploaded CSV (facilitators and administrators).
  @Sendable
  func importLists(req: Request) async throws -> Response {
    guard req.headers.contentType?.type == "multipart", req.headers.contentType?.subType == "form-data" else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type", message: tr("upload the file with the import form"))
    }
    let upload = (try? req.content.decode(ListUpload.self)) ?? ListUpload()
    guard let file = upload.partner_file, file.data.readableBytes > 0 else {
      return try await Self.recordsPage(
        req, issues: [InputIssue(key: "partner_file", message: tr("choose a CSV file"))]
      )
      .response(status: .unprocessableEntity)
    }
    let name = (file.filename as NSString).lastPathComponent
    guard file.data.readableBytes <= Self.maxTextBytes * 4,
      let text = String(data: Data(file.data.readableBytesView), encoding: .utf8)
    else {
      return try await Self.recordsPage(
        req,
        issues: [
          InputIssue(
            file: name,
            message: tr(
              "not a UTF-8 CSV file of at most {size} KiB", ["size": .text(String(Self.maxTextBytes * 4 / 1024))]))
        ]
      ).response(status: .unprocessableEntity)
    }
    let lists: [PartnerList]
    do {
      lists = try ScreeningRecords.partnerLists(csv: text, file: name.isEmpty ? "upload.csv" : name)
    } catch let error as InputError {
      return try await Self.recordsPage(req, issues: error.issues).response(status: .unprocessableEntity)
    }
    try await req.asPrincipal { try await Self.repository(req).importPartnerLists(lists) }
    // Back to the page with a GET, so that reloading it does not import again.
    return req.redirect(to: ScreenURL.records + "?imported=\(lists.count)#partner-lists-section", redirectType: .normal)
  }

  @Sendable
  func latest(req: Request) async throws -> Response {
    let id = req.parameters.get("proposal") ?? ""
    guard let last = try await Self.repository(req).records(proposalID: id).last else {
      throw AppError.notFound(tr("no decision record for proposal '{id}'", ["id": .text(TextLimits.preview(id))]))
    }
    return req.redirect(to: ScreenURL.record(id, last.version), redirectType: .normal)
  }

  @Sendable
  func record(req: Request) async throws -> Response {
    let id = req.parameters.get("proposal") ?? ""
    let text = req.parameters.get("version") ?? ""
    guard let version = Int(text) else {
      throw AppError.badRequest(
        tr("version must be a whole number, got '{version}'", ["version": .text(TextLimits.preview(text))]),
        field: "version")
    }
    let ground = try await Ground.load(req)
    let versions = ground.records.filter { $0.proposalID == id }.sorted { $0.version < $1.version }
    guard let record = versions.first(where: { $0.version == version }) else {
      throw AppError.notFound(
        versions.isEmpty
          ? tr("no decision record for proposal '{id}'", ["id": .text(TextLimits.preview(id))])
          : tr(
            "proposal '{id}' has no version {version}; it has 1–{count}",
            [
              "id": .text(TextLimits.preview(id)), "version": .text(String(version)),
              "count": .text(String(versions.count)),
            ]))
    }
    let reasons = version == versions.last?.version ? ground.reasons(record) : []
    var body = RecordPage.document(
      record, versions: versions, reasons: reasons, thresholds: ground.snapshot.rubric.thresholds, standalone: false)
    if req.queryFields["saved"] != nil {
      body.insert(
        .el(
          "p", ["id": "saved-notice", "class": "notice success", "role": "status"],
          .safe(
            tr(
              "Saved as version {version}. Print this page or save it as PDF to file it.",
              ["version": .text(String(record.version))]))), at: 1)
    }
    return Page(
      title: tr(
        "Decision record {id} v{version}", ["id": .text(record.proposalID), "version": .text(String(record.version))]),
      section: .screen, body: body
    )
    .response()
  }
}
