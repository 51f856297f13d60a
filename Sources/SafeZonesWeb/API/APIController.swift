import Foundation
import SafeZonesCore
import Vapor

/// The JSON API under `/api/v1`.
struct APIController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let api = routes.grouped("api", "v1")
    api.get("placements", use: placements)
  }

  @Sendable
  func placements(req: Request) async throws -> Response {
    let snapshot = try await req.catalog.snapshot()
    let data = try PlacementDocument(rubric: snapshot.rubric, domains: snapshot.reports).json()
    let response = Response(status: .ok, body: .init(data: data))
    response.headers.contentType = .json
    return response
  }
}
