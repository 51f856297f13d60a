import Foundation
import SafeZonesCore
import Vapor

/// Guards every write under `/api/v1`: the body must be declared `application/json` (a
/// cross-site HTML form cannot send that, which is the API's defence against request
/// forgery) and must not exceed the configured size. Runs before the body is read.
struct APIWriteGuard: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let maxBodyBytes = request.application.routes.defaultMaxBodySize.value
    if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
      guard let type = request.headers.contentType, type.type.lowercased() == "application",
        type.subType.lowercased() == "json"
      else {
        let sent = request.headers.first(name: .contentType).map { "'\($0)'" } ?? "no Content-Type"
        throw AppError(
          .unsupportedMediaType, code: "unsupported_media_type",
          message: "send the body as JSON with the header Content-Type: application/json (got \(sent))",
          field: "Content-Type")
      }
      if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > maxBodyBytes {
        throw AppError.tooLarge(limit: maxBodyBytes)
      }
      if let body = request.body.data, body.readableBytes > maxBodyBytes {
        throw AppError.tooLarge(limit: maxBodyBytes)
      }
    }
    return try await next.respond(to: request)
  }
}
