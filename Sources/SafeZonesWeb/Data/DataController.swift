import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import Vapor

/// Import and export: the import form and its upload, the whole store as JSON (re-importable)
/// and the history of every assessment as CSV.
struct DataController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("export.json", use: exportJSON)
    read.get("history.csv", use: historyCSV)
    read.get("data", use: data)
    routes.access(.permission(.facilitate)).post("data", use: importFile)
  }

  @Sendable
  func exportJSON(req: Request) async throws -> Response {
    let filter = req.queryFields.placementFilter
    let snapshot = try await req.snapshot()
    let ids = Set(filter.apply(snapshot.placed, textMatches: snapshot.textMatches(filter)).map(\.id))
    let domains = snapshot.domains.filter { ids.contains($0.id) }
    let data = try DomainExport(domains: domains, rubricVersion: snapshot.rubric.version, exportedAt: Date()).json()
    return Download.response(String(decoding: data, as: UTF8.self), type: .json, filename: "safezones-export.json")
  }

  @Sendable
  func historyCSV(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let csv = DomainExport.historyCSV(snapshot.domains, rubric: snapshot.rubric)
    return Download.response(
      csv, type: Download.csv,
      filename: "safezones-history.csv")
  }

  @Sendable
  func data(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    return DataPage.page(Self.dataModel(snapshot, req: req)).response()
  }

  struct Upload: Content {
    var file: File?
  }

  @Sendable
  func importFile(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    var model = Self.dataModel(snapshot, req: req)
    func refuse(_ file: String?, _ issues: [InputIssue]) -> Response {
      model.outcome = .refused(file: file, issues: issues)
      return DataPage.page(model).response(status: .unprocessableEntity)
    }
    guard req.headers.contentType?.type == "multipart", req.headers.contentType?.subType == "form-data" else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: tr("upload the file with the import form (multipart/form-data)"))
    }
    let upload = try? req.content.decode(Upload.self)
    guard let file = upload?.file, file.data.readableBytes > 0 || !file.filename.isEmpty else {
      return refuse(nil, [InputIssue(key: "file", message: tr("choose a file to import"))])
    }
    let name =
      (file.filename as NSString).lastPathComponent.isEmpty ? "upload" : (file.filename as NSString).lastPathComponent
    guard file.data.readableBytes > 0 else {
      return refuse(name, [InputIssue(key: "file", message: tr("the file is empty"))])
    }
    guard let text = String(data: Data(file.data.readableBytesView), encoding: .utf8) else {
      return refuse(
        name, [InputIssue(key: "file", message: tr("the file is not UTF-8 text; save it as UTF-8 YAML or JSON"))])
    }
    do {
      let known = Set(snapshot.byID.keys)
      // A large file takes seconds to read: not on a thread that other requests need.
      let domains = try await Offload.run { try DomainLoader.parse(text, file: name, knownIDs: known) }
      // The file keeps its recorded assessors; the audit trail records who imported it.
      let summary = try await req.asPrincipal { try await req.catalog.repository.importDomains(domains) }
      let fresh = try await req.snapshot()
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
    var model = DataPageModel(
      domainCount: snapshot.domains.count, assessmentCount: snapshot.domains.reduce(0) { $0 + $1.assessments.count },
      rubricVersion: snapshot.rubric.version, csrf: req.csrfToken, maxBytes: req.settings.maxBodyBytes)
    model.canImport = req.may(.facilitate)
    return model
  }
}
