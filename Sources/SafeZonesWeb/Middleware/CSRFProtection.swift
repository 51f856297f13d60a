import Crypto
import Foundation
import SafeZonesCore
import Vapor

/// Cross-site request forgery protection for the pages' forms.
///
/// Every visitor gets a random nonce in a `SameSite=Strict`, `HttpOnly` cookie; a form's
/// token is the HMAC-SHA-256, under the store's server secret, of that nonce and the
/// session id (when signed in). A cookie and a field an attacker picks together no longer
/// pass: without the secret nobody can make a token that matches a nonce, and a token is
/// worth nothing on another session. Every unsafe request must also come from this site:
/// an `Origin` (or, without one, a `Referer`) naming another host is refused. The JSON API
/// is not covered: it never reads the session cookie, only bearer tokens.
struct CSRFProtection: AsyncMiddleware {
  static let cookie = "sz_csrf"
  static let field = "_csrf"
  let secureCookies: Bool

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let existing = request.cookies[Self.cookie]?.string
    let nonce = existing.flatMap { $0.count == 43 ? $0 : nil } ?? Self.newNonce()
    request.storage[NonceKey.self] = nonce
    if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
      try Self.checkOrigin(request)
      // A body larger than what arrived with the headers is still streaming: collect it
      // (up to the route limit, else 413) so the field can be read.
      if request.body.data == nil {
        _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
      }
      let sent = try? request.content.get(String.self, at: Self.field)
      guard existing != nil, let sent, Self.constantTimeEqual(sent, Self.token(nonce: nonce, for: request)) else {
        throw AppError(
          .forbidden, code: "csrf",
          message: request.inItsLanguage {
            tr("This form expired or came from another site. Reload the page and submit it again.")
          },
          field: Self.field)
      }
    }
    let response = try await next.respond(to: request)
    if existing != nonce {
      response.cookies[Self.cookie] = HTTPCookies.Value(
        string: nonce, expires: nil, maxAge: 60 * 60 * 24 * 30, path: "/", isSecure: secureCookies, isHTTPOnly: true,
        sameSite: .strict)
    }
    return response
  }

  struct NonceKey: StorageKey { typealias Value = String }

  /// The token for the request's nonce and its session as it is now (after signing in, the
  /// next page carries a new one).
  static func token(nonce: String, for request: Request) -> String {
    let session = request.hasSession ? (request.session.id?.string ?? "") : ""
    let key = request.application.serverKey
    let mac = HMAC<SHA256>.authenticationCode(for: Data("\(nonce)|\(session)".utf8), using: key)
    return base64url(Data(mac))
  }

  /// Refuses an unsafe request whose `Origin` (or `Referer`) names another host than the
  /// one it was sent to (which `AllowedHosts` has already checked).
  static func checkOrigin(_ request: Request) throws {
    let host = request.headers.first(name: .host)?.lowercased() ?? ""
    func sameSite(_ url: String) -> Bool {
      guard let components = URLComponents(string: url), let h = components.host?.lowercased() else { return false }
      let named = components.port.map { "\(h):\($0)" } ?? h
      let bracketed = components.port.map { "[\(h)]:\($0)" } ?? "[\(h)]"
      return named == host || bracketed == host
    }
    if let origin = request.headers.first(name: .origin) {
      guard origin != "null", sameSite(origin) else {
        throw AppError(
          .forbidden, code: "cross_origin",
          message: request.inItsLanguage {
            tr(
              "This form was sent from another site ({origin}). Nothing was saved.",
              ["origin": .text(TextLimits.preview(origin))])
          },
          field: "Origin")
      }
    } else if let referer = request.headers.first(name: .referer), !sameSite(referer) {
      throw AppError(
        .forbidden, code: "cross_origin",
        message: request.inItsLanguage {
          tr("This form was sent from another site. Nothing was saved.")
        },
        field: "Referer")
    }
  }

  static func newNonce() -> String {
    var rng = SystemRandomNumberGenerator()
    return base64url(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }))
  }

  static func base64url(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
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
  var csrfToken: String {
    guard let nonce = storage[CSRFProtection.NonceKey.self] else { return "" }
    return CSRFProtection.token(nonce: nonce, for: self)
  }
}

extension Application {
  struct ServerKeyKey: StorageKey { typealias Value = SymmetricKey }
  /// The store's server secret as an HMAC key (read once at start).
  var serverKey: SymmetricKey { storage[ServerKeyKey.self]! }
}
