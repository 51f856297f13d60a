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

  @OptionGroup var store: StoreOptions

  func run() async throws {
    let settings = try store.settings(hostname: hostname, port: port, allowedHosts: allowedHosts)
    if settings.bindsBeyondThisMachine {
      Output.note(
        """
        warning: serving on \(settings.hostname), reachable from other machines, over plain HTTP.
          Put a TLS proxy in front (see README, "Configuration"), set SAFEZONES_SECURE_COOKIES=true,
          and name the hosts clients use with --allowed-hosts (now: \(settings.effectiveAllowedHosts.joined(separator: ", "))).
        """)
    }
    try await WebServer.run(settings: settings)
  }
}
