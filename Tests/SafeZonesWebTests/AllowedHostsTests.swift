import Foundation
import SafeZonesApplication
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// DNS rebinding: a page on another site that resolves its own name to this server's
  /// address sends requests with its own name in `Host`; they are refused.
  @Suite("allowed hosts")
  struct AllowedHostsTests {
    @Test("requests naming another host are refused, pages and API, reads and writes")
    func otherHostsRefused() async throws {
      try await PagesKit.withSite { app in
        let evil: HTTPHeaders = ["Host": "rebind.evil.example"]
        for path in ["/", "/domains/quantum-encryption", "/api/v1/domains", "/health"] {
          let res = try await app.testing().sendRequest(.GET, path, headers: evil)
          #expect(res.status == .badRequest, "\(path)")
          let body = res.body.string
          #expect(body.contains("host_not_allowed") || body.contains("does not answer"), "\(path)")
        }
        var post = evil
        post.contentType = .json
        let write = try await app.testing().sendRequest(
          .POST, "/api/v1/domains", headers: post, body: ByteBuffer(string: #"{"id": "x-new", "name": "X"}"#))
        #expect(write.status == .badRequest)
        #expect(try await app.catalog.snapshot().domain("x-new") == nil)
        // The message names the setting, and does not echo a long header whole.
        let long = try await app.testing().sendRequest(
          .GET, "/api/v1/domains", headers: ["Host": String(repeating: "a", count: 5000) + ".example"])
        #expect(long.status == .badRequest)
        #expect(long.body.string.contains("--allowed-hosts"))
        #expect(long.body.string.count < 1000)
      }
    }

    @Test("this machine's names, with or without a port, are answered by default")
    func localNamesAnswered() async throws {
      try await PagesKit.withSite { app in
        for host in ["127.0.0.1:8080", "localhost", "LOCALHOST:80", "[::1]:8080", "127.0.0.1"] {
          let res = try await app.testing().sendRequest(.GET, "/health", headers: ["Host": host])
          #expect(res.status == .ok, "\(host)")
        }
      }
    }

    @Test("the setting: names with ports ignored, case and final dots ignored, * allows any, bad names refused")
    func setting() throws {
      let settings = try Settings.resolve(
        allowedHosts: "SafeZones.Example.org., 10.0.0.5:8443", environment: [:])
      #expect(settings.allowedHosts == ["safezones.example.org", "10.0.0.5"])
      #expect(settings.allows(host: "safezones.example.org:443"))
      #expect(settings.allows(host: "SAFEZONES.EXAMPLE.ORG"))
      #expect(settings.allows(host: "10.0.0.5"))
      #expect(!settings.allows(host: "localhost"))
      #expect(!settings.allows(host: "evil.example"))

      let any = try Settings.resolve(environment: ["SAFEZONES_ALLOWED_HOSTS": "*"])
      #expect(any.allows(host: "whatever.example:1"))

      let defaults = try Settings.resolve(hostname: "0.0.0.0", environment: [:])
      #expect(defaults.bindsBeyondThisMachine)
      #expect(defaults.allows(host: "localhost:8080"))
      #expect(!defaults.allows(host: "evil.example"))
      #expect(!(try Settings.resolve(environment: [:])).bindsBeyondThisMachine)

      for bad in ["a b.example", "evil.example/path", "x.example,,y.example", "user@host"] {
        #expect(throws: InputError.self, "\(bad)") { try Settings.resolve(allowedHosts: bad, environment: [:]) }
        do {
          _ = try Settings.resolve(allowedHosts: bad, environment: [:])
        } catch {
          #expect(error.issues.first?.key == "--allowed-hosts")
        }
      }
    }
  }
}
