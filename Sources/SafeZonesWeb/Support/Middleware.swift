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
            message:
              "\(request.method.rawValue) is not allowed on \(request.url.path); use \(allowed.joined(separator: " or "))",
            headers: ["Allow": allowed.joined(separator: ", ")])
        }
      }
      let what =
        request.url.path.hasPrefix("/api/")
        ? "no such resource: \(request.method.rawValue) \(request.url.path)" : "no such page: \(request.url.path)"
      let message =
        e.status.code >= 500 ? "internal error" : (e.status == .notFound && e.reason == "Not Found" ? what : e.reason)
      return AppError(e.status, code: code, message: message, headers: e.headers)
    default:
      return AppError(.internalServerError, code: "internal", message: "internal error; the server log has the details")
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
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let response = Response(status: e.status, body: .init(data: try encoder.encode(body)))
    for (name, value) in e.headers { response.headers.replaceOrAdd(name: name, value: value) }
    response.headers.contentType = .json
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(let type, let context): return "expected \(type) at \(path(context) ?? "the top level")"
    case .valueNotFound(_, let context): return "missing value at \(path(context) ?? "the top level")"
    case .keyNotFound(let key, _): return "missing required field '\(key.stringValue)'"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "the body is not valid JSON" : context.debugDescription
    @unknown default: return "the body could not be read"
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

/// Security headers on every response. The pages use no inline script or style, so the
/// content security policy can forbid both.
struct SecurityHeaders: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let response = try await next.respond(to: request)
    Self.apply(to: response)
    return response
  }

  static func apply(to response: Response) {
    response.headers.replaceOrAdd(
      name: "Content-Security-Policy",
      value:
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
    response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
    response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
  }
}

/// Cross-site request forgery protection for the HTML forms (double-submit cookie): every
/// page carries a random token in a `SameSite=Strict` cookie and in a hidden `_csrf`
/// field; a form POST whose field does not match the cookie is refused with 403. The JSON
/// API is not covered: it accepts only `application/json`, which a cross-site form cannot send.
struct CSRFProtection: AsyncMiddleware {
  static let cookie = "sz_csrf"
  static let field = "_csrf"
  let secureCookies: Bool

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let existing = request.cookies[Self.cookie]?.string
    let token = existing.flatMap { $0.count == 43 ? $0 : nil } ?? Self.newToken()
    request.storage[TokenKey.self] = token
    if request.method == .POST || request.method == .PUT || request.method == .DELETE || request.method == .PATCH {
      // A body larger than what arrived with the headers is still streaming: collect it
      // (up to the route limit, else 413) so the field can be read.
      if request.body.data == nil {
        _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
      }
      let sent = (try? request.content.get(String.self, at: Self.field)) ?? request.headers.first(name: "X-CSRF-Token")
      guard let existing, let sent, Self.constantTimeEqual(sent, existing) else {
        throw AppError(
          .forbidden, code: "csrf",
          message: "This form expired or came from another site. Reload the page and submit it again.",
          field: Self.field)
      }
    }
    let response = try await next.respond(to: request)
    if existing != token {
      response.cookies[Self.cookie] = HTTPCookies.Value(
        string: token, expires: nil, maxAge: 60 * 60 * 24 * 30, path: "/", isSecure: secureCookies, isHTTPOnly: true,
        sameSite: .strict)
    }
    return response
  }

  struct TokenKey: StorageKey { typealias Value = String }

  static func newToken() -> String {
    var bytes = [UInt8](repeating: 0, count: 32)
    var rng = SystemRandomNumberGenerator()
    for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255, using: &rng) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
      of: "/", with: "_"
    )
    .replacingOccurrences(of: "=", with: "")
  }

  static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var diff: UInt8 = 0
    for i in x.indices { diff |= x[i] ^ y[i] }
    return diff == 0
  }
}

extension Request {
  /// The CSRF token to embed in this page's forms.
  var csrfToken: String { storage[CSRFProtection.TokenKey.self] ?? "" }
}
