import Foundation
import Vapor

/// Makes repeated reads cheap: every successful `GET` that may be kept by a cache gets a
/// weak `ETag` (from its bytes, unless the handler set one), and a request whose
/// `If-None-Match` names it gets `304 Not Modified` without the body.
///
/// Answers marked `no-store` are left alone, and so are strong tags set by a handler: those
/// are a domain's version for `If-Match` (optimistic locking), not validators of the bytes.
struct ConditionalGet: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let response = try await next.respond(to: request)
    guard request.method == .GET || request.method == .HEAD, response.status == .ok else { return response }
    if response.headers[.cacheControl].contains(where: { $0.lowercased().contains("no-store") }) { return response }
    let etag: String
    if let set = response.headers.first(name: .eTag) {
      etag = set
    } else {
      guard let buffer = response.body.buffer else { return response }
      etag = EntityTag.weak(bytes: buffer.readableBytesView)
      response.headers.replaceOrAdd(name: .eTag, value: etag)
    }
    guard etag.hasPrefix("W/"), EntityTag.matches(request.headers.first(name: .ifNoneMatch), etag) else {
      return response
    }
    var headers = response.headers
    headers.remove(name: .contentLength)
    headers.remove(name: .contentEncoding)
    return Response(status: .notModified, headers: headers)
  }
}
