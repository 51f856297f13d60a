import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import SafeZonesWeb

struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Run the web app (map, domains, assessments, import/export, JSON API).",
    discussion: "Environment: " + Settings.environmentKeys.map { "\($0.key) — \($0.meaning)" }.joined(separator: "; "))

  @ArgumentParser.Option(name: .long, help: "Address to bind (default 127.0.0.1: this machine only).")
  var hostname: String?

  @ArgumentParser.Option(name: .long, help: "Port (default 8080).")
  var port: Int?

  @ArgumentParser.Option(
    name: .long,
    help: ArgumentHelp(
      "Host names requests may be addressed to, comma-separated, or * (default: the bound address and localhost).",
      valueName: "hosts"))
  var allowedHosts: String?

  @Flag(
    help:
      "Let visitors who are not signed in read the map, domains, warnings, graph and rubric (writes always need an account)."
  )
  var publicRead = false

  @Flag(
    help:
      "Administrators must turn on a second factor (an authenticator app's codes) before they can do anything but set it up."
  )
  var requireMfa = false

  @Flag(help: "Mark cookies Secure (when served over HTTPS behind a proxy).")
  var secureCookies = false

  @ArgumentParser.Option(
    help: ArgumentHelp("Minutes after which an unused session ends (default 480, 8 hours).", valueName: "minutes"))
  var idleTimeout: Int?

  @ArgumentParser.Option(
    name: .customLong("trusted-proxy"),
    help: ArgumentHelp(
      "Addresses of reverse proxies whose X-Forwarded-For (and identity header) are believed, comma-separated.",
      valueName: "addresses"))
  var trustedProxies: String?

  @ArgumentParser.Option(
    help: ArgumentHelp(
      "A header your sign-on proxy sets to the person's email (e.g. X-Remote-User); believed only from --trusted-proxy.",
      valueName: "header"))
  var trustedIdentityHeader: String?

  @OptionGroup var store: StoreOptions

  func run() async throws {
    var settings = try Settings.resolve(
      hostname: hostname, port: port, data: store.data, database: store.database, allowedHosts: allowedHosts,
      publicRead: publicRead ? true : nil, idleTimeoutMinutes: idleTimeout, trustedProxies: trustedProxies,
      trustedIdentityHeader: trustedIdentityHeader, requireMFA: requireMfa ? true : nil)
    if secureCookies { settings.secureCookies = true }
    if settings.bindsBeyondThisMachine {
      Output.note(
        [
          tr(
            "warning: serving on {host}, reachable from other machines, over plain HTTP.",
            ["host": .text(settings.hostname)]),
          "  " + tr("Put a TLS proxy in front (see README, \"Configuration\"), set SAFEZONES_SECURE_COOKIES=true,"),
          "  "
            + tr(
              "and name the hosts clients use with --allowed-hosts (now: {hosts}).",
              ["hosts": .text(settings.effectiveAllowedHosts.joined(separator: ", "))]),
        ].joined(separator: "\n"))
    }
    try await WebServer.run(settings: settings)
  }
}
