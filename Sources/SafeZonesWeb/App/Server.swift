import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesStore
import Vapor

/// Runs the web app until it is interrupted (SIGINT/SIGTERM).
public enum WebServer {
  public static func run(settings: Settings) async throws {
    var env = Environment(name: "production", arguments: ["safezones"])
    try LoggingSystem.bootstrap(from: &env)
    // ArgumentParser owns the command line; Vapor gets only what its serve command needs.
    env.arguments = ["safezones", "serve", "--hostname", settings.hostname, "--port", "\(settings.port)"]
    let app = try await Application.make(env)
    do {
      try await configure(app, settings: settings)
      if try await !app.catalog.repository.accounts.hasAdmin() {
        FileHandle.standardError.write(
          Data(
            """
            This store has no administrator yet, so only the sign-in page answers. Create one with:
              \(settings.firstAdminCommand)
            then sign in at http://\(settings.hostname):\(settings.port)/login

            """.utf8))
      }
      app.logger.notice("SafeZones on http://\(settings.hostname):\(settings.port) — store: \(settings.database)")
      try await app.execute()
    } catch {
      try? await app.asyncShutdown()
      throw error
    }
    try await app.asyncShutdown()
  }
}
