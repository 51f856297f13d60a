import Foundation
import NIOCore
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// Against a running server (real sockets), where a body larger than what arrives with the
  /// headers is streamed: the route must collect it, and the size limit must still hold.
  @Suite("running server")
  struct RunningServer {
    @Test("A large import is streamed and accepted; a body over the limit is 413 from its Content-Length")
    func streamedBodies() async throws {
      try await API.withAPI({ $0.maxBodyBytes = 512 * 1024 }) { app in
        let tester = try app.testing(method: .running(port: 20_000 + Int.random(in: 0..<2000)))
        // setup: an export of 40 shipped domains is well above one read, below the limit
        let export = String(
          decoding: try StableJSONEncoder().encode(
            DomainExport(domains: Array(try KnowledgeBase.domains().prefix(40)))),
          as: UTF8.self)
        #expect(export.utf8.count > 64 * 1024 && export.utf8.count < 512 * 1024)
        // act
        let res = try await tester.sendRequest(
          .POST, "/api/v1/import", headers: API.authorized(app, API.jsonHeaders), body: ByteBuffer(string: export))
        // check
        #expect(res.status == .ok, "\(res.body.string.prefix(300))")
        #expect(API.object(res)["assessments_added"] as? Int == 0)

        let padding = String(repeating: " ", count: 600 * 1024)
        let big = try await tester.sendRequest(
          .POST, "/api/v1/import", headers: API.authorized(app, API.jsonHeaders),
          body: ByteBuffer(string: export + padding))
        _ = API.error(big, .payloadTooLarge, code: "payload_too_large")
      }
    }
  }
}
