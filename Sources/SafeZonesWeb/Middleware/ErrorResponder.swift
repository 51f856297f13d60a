import Foundation
import SafeZonesCore
import Vapor

/// Turns every error into a response without leaking internals: API paths get the JSON
/// error shape, pages get an HTML page; unexpected errors are logged and answered with a
/// generic 500 (never a stack trace).
struct ErrorResponder: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    do {
      return try await next.respond(to: request)
    } catch {
      // This runs outside `LanguageSelection`: the error is told in the reader's language here.
      return try await Localization.with(request.errorLocalizer) {
        let appError = Self.appError(for: error, request: request)
        if appError.status == .internalServerError {
          request.logger.report(error: error)
        }
        // Error responses are made here, outside SecurityHeaders, so they get the headers here.
        let response =
          request.url.path.hasPrefix("/api/") ? try Self.json(appError) : ErrorPage.response(appError, request: request)
        SecurityHeaders.apply(to: response)
        return response
      }
    }
  }

  static func appError(for error: any Error, request: Request) -> AppError {
    switch error {
    case let e as AppError: return e
    case let e as StoreError: return .from(e)
    case let e as InputError: return .invalid(e)
    case let e as DecodingError:
      return AppError(.badRequest, code: "bad_request", message: describe(e), field: path(of: e))
    case let e as any AbortError:
      let code: String
      switch e.status {
      case .notFound: code = "not_found"
      case .payloadTooLarge: code = "payload_too_large"
      case .unsupportedMediaType: code = "unsupported_media_type"
      case .methodNotAllowed: code = "method_not_allowed"
      case .forbidden: code = "forbidden"
      case .badRequest: code = "bad_request"
      default: code = e.status.code < 500 ? "bad_request" : "internal"
      }
      if e.status == .notFound, e.reason == "Not Found", request.url.path.hasPrefix("/api/") {
        // A known API path asked with another method: 405 with the methods it has.
        let allowed = APIRouteMatch.methods(for: request.url.path, in: request.application.routes)
        if !allowed.isEmpty {
          return AppError(
            .methodNotAllowed, code: "method_not_allowed",
            message: tr(
              "{method} is not allowed on {path}; use {methods}",
              [
                "method": .text(request.method.rawValue), "path": .text(request.url.path),
                "methods": .text(allowed.joined(separator: " or ")),
              ]),
            headers: ["Allow": allowed.joined(separator: ", ")])
        }
      }
      let what =
        request.url.path.hasPrefix("/api/")
        ? tr(
          "no such resource: {method} {path}",
          ["method": .text(request.method.rawValue), "path": .text(request.url.path)])
        : tr("no such page: {path}", ["path": .text(request.url.path)])
      let message =
        e.status.code >= 500
        ? tr("internal error") : (e.status == .notFound && e.reason == "Not Found" ? what : e.reason)
      return AppError(e.status, code: code, message: message, headers: e.headers)
    default:
      return AppError(
        .internalServerError, code: "internal", message: tr("internal error; the server log has the details"))
    }
  }

  struct Body: Encodable {
    struct Detail: Encodable {
      var code: String
      var message: String
      var field: String?
      var issues: [Issue]?
    }
    struct Issue: Encodable {
      var field: String?
      var line: Int?
      var column: Int?
      var message: String
    }
    var error: Detail
  }

  /// `{"error": {"code", "message", "field", "issues"}}`; `issues` lists every problem of a
  /// validation error (each with its field path and, when known, line and column).
  static func json(_ e: AppError) throws -> Response {
    let issues =
      e.issues.isEmpty
      ? nil
      : e.issues.map {
        Body.Issue(
          field: $0.key.flatMap { $0.isEmpty ? nil : $0 }, line: $0.line, column: $0.column, message: $0.message)
      }
    let body = Body(error: .init(code: e.code, message: e.message, field: e.field, issues: issues))
    let response = Response(status: e.status, body: .init(data: try StableJSONEncoder(pretty: false).encode(body)))
    for (name, value) in e.headers { response.headers.replaceOrAdd(name: name, value: value) }
    response.headers.contentType = .json
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(let type, let context):
      guard let at = path(context) else { return tr("expected {type} at the top level", ["type": .text("\(type)")]) }
      return tr("expected {type} at {path}", ["type": .text("\(type)"), "path": .text(at)])
    case .valueNotFound(_, let context):
      guard let at = path(context) else { return tr("missing value at the top level") }
      return tr("missing value at {path}", ["path": .text(at)])
    case .keyNotFound(let key, _): return tr("missing required field '{field}'", ["field": .text(key.stringValue)])
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? tr("the body is not valid JSON") : context.debugDescription
    @unknown default: return tr("the body could not be read")
    }
  }

  static func path(of error: DecodingError) -> String? {
    switch error {
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return path(c)
    case .keyNotFound(let key, let c): return path(c).map { "\($0).\(key.stringValue)" } ?? key.stringValue
    @unknown default: return nil
    }
  }

  static func path(_ context: DecodingError.Context) -> String? {
    let parts = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    let trimmed = parts.hasPrefix(".") ? String(parts.dropFirst()) : parts
    return trimmed.isEmpty ? nil : trimmed
  }
}

extension Request {
  /// The localizer of the language the request is answered in, for what is said outside
  /// `LanguageSelection` (the error pages, refusals before the routes): as it chooses, but
  /// never refusing (``LanguageInView/chosen(for:lenient:)``).
  var errorLocalizer: Localizer? {
    if let current = Localization.current { return current }
    let language = (try? LanguageInView.chosen(for: self, lenient: true).get()) ?? .english
    return LanguageInView.localizers[language]
  }

  /// `text()` in the language the request is answered in (see ``errorLocalizer``): for the
  /// messages of refusals made before `LanguageSelection` runs.
  func inItsLanguage(_ text: () -> String) -> String { Localization.with(errorLocalizer, text) }
}
