import Foundation
import SafeZonesCore
import Vapor

/// The rubric in force, its stored versions, and its file.
struct RubricController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("rubric", use: rubric)
    read.get("rubric.yaml", use: rubricFile)
  }

  @Sendable
  func rubric(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    return RubricPage.page(RubricPageModel(rubric: snapshot.rubric, stored: snapshot.rubrics)).response()
  }

  @Sendable
  func rubricFile(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let version = String(
      snapshot.rubric.version.unicodeScalars.filter {
        CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)
      })
    return Download.response(
      snapshot.rubricText, type: Download.yaml,
      filename: "safezones-rubric-\(version.isEmpty ? "current" : version).yaml")
  }
}
