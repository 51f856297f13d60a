import Foundation
import SafeZonesCore
import Vapor

/// Building JSON responses: snake_case keys, sorted, pretty-printed, like the command line.
enum APIResponse {
  static func json<T: Encodable>(
    _ value: T, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]
  ) throws -> Response {
    try data(StableJSONEncoder().encode(value), status: status, headers: headers)
  }

  static func data(
    _ data: Data, status: HTTPResponseStatus = .ok, contentType: HTTPMediaType = .json, headers: HTTPHeaders = [:]
  ) -> Response {
    let response = Response(status: status, headers: headers, body: .init(data: data))
    response.headers.contentType = contentType
    return response
  }

  /// `ETag: "N"` for a domain at version N, the value `If-Match` expects back.
  static func etag(_ version: Int) -> String { "\"\(version)\"" }
}
