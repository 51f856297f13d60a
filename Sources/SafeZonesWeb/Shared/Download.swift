import Foundation
import Vapor

/// A file the browser saves rather than shows (`Content-Disposition: attachment`).
enum Download {
  static func response(_ body: String, type: HTTPMediaType, filename: String) -> Response {
    let response = Response(status: .ok, headers: headers(filename: filename), body: .init(string: body))
    response.headers.contentType = type
    return response
  }

  /// The headers of a download: saved under `filename`; kept by no shared cache, and
  /// revalidated (`ETag`, `If-None-Match`) before a private copy is used again.
  static func headers(filename: String) -> HTTPHeaders {
    [
      "Content-Disposition": "attachment; filename=\"\(filename)\"",
      "Cache-Control": "private, no-cache",
    ]
  }

  static let csv = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
  static let svg = HTTPMediaType(type: "image", subType: "svg+xml", parameters: ["charset": "utf-8"])
  static let yaml = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
}
