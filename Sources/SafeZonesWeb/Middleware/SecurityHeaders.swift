import Foundation
import SafeZonesCore
import Vapor

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
