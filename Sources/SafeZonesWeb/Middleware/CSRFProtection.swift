import Foundation
import SafeZonesCore
import Vapor

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
