import SafeZonesApplication
import SafeZonesCore
import Vapor

/// Refuses requests addressed to a host this server does not answer for (`Host` outside
/// `--allowed-hosts`): a page on another site that makes a browser resolve its own name to
/// this server's address (DNS rebinding) would otherwise read and write through the
/// browser as if it were a local user. A request without a `Host` header (HTTP/1.0, or the
/// in-process test client) names no other host and goes through.
struct AllowedHosts: AsyncMiddleware {
  let settings: Settings

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let host = request.headers.first(name: .host), !settings.allows(host: host) {
      throw AppError(
        .badRequest, code: "host_not_allowed",
        message: request.inItsLanguage {
          tr(
            "this server does not answer for the host '{host}'; its operator can allow it with --allowed-hosts or SAFEZONES_ALLOWED_HOSTS",
            ["host": .text(String(host.prefix(100)))])
        })
    }
    return try await next.respond(to: request)
  }
}
