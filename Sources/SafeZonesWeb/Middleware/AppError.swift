import SafeZonesCore
import Vapor

/// An error with everything a client needs: HTTP status, a stable code, a message for a
/// person, and the field it concerns. Rendered as `{"error": {"code", "message", "field"}}`
/// by the API and as a page by the site.
public struct AppError: AbortError, Sendable {
  public var status: HTTPResponseStatus
  public var code: String
  public var message: String
  public var field: String?
  /// Every problem when there are several (validation); the first is `message`/`field`.
  public var issues: [InputIssue]
  /// Extra response headers (e.g. the current `ETag` with a stale-version conflict).
  public var headers: HTTPHeaders

  public var reason: String { message }

  public init(
    _ status: HTTPResponseStatus, code: String, message: String, field: String? = nil, issues: [InputIssue] = [],
    headers: HTTPHeaders = [:]
  ) {
    self.status = status
    self.code = code
    self.message = message
    self.field = field
    self.issues = issues
    self.headers = headers
  }

  public static func notFound(_ what: String) -> AppError {
    AppError(.notFound, code: "not_found", message: what)
  }

  public static func badRequest(_ message: String, field: String? = nil) -> AppError {
    AppError(.badRequest, code: "bad_request", message: message, field: field)
  }

  /// A request body above the configured limit.
  public static func tooLarge(limit: Int) -> AppError {
    let message =
      limit >= 1024 * 1024
      ? tr("the request body is larger than the limit of {size} MiB", ["size": .text(String(limit / (1024 * 1024)))])
      : tr("the request body is larger than the limit of {size} bytes", ["size": .text(String(limit))])
    return AppError(.payloadTooLarge, code: "payload_too_large", message: message)
  }

  /// Validation problems, reported together.
  public static func invalid(_ error: InputError) -> AppError {
    let first = error.issues.first
    return AppError(
      .unprocessableEntity, code: "invalid", message: first.map(Self.plain) ?? tr("invalid input"),
      field: first?.key.flatMap { $0.isEmpty ? nil : $0 },
      issues: error.issues)
  }

  static func plain(_ issue: InputIssue) -> String {
    guard let line = issue.line else { return issue.message }
    return tr("line {line}: {message}", ["line": .text(String(line)), "message": .text(issue.message)])
  }

  /// Maps store errors to HTTP.
  public static func from(_ error: StoreError) -> AppError {
    switch error {
    case .notFound: return AppError(.notFound, code: "not_found", message: error.description, field: "id")
    case .alreadyExists: return AppError(.conflict, code: "already_exists", message: error.description, field: "id")
    case .stale(_, _, let current):
      // The current version travels as the ETag too, for clients that retry with If-Match.
      return AppError(
        .conflict, code: "stale_version", message: error.description, field: "base_version",
        headers: ["ETag": APIResponse.etag(current)])
    case .invalid(let input): return invalid(input)
    case .rubricVersionExists:
      return AppError(.conflict, code: "rubric_version_exists", message: error.description, field: "version")
    case .corrupt: return AppError(.internalServerError, code: "corrupt_record", message: error.description)
    }
  }
}
