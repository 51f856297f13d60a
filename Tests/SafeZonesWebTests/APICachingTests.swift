import CompressNIO
import Foundation
import NIOCore
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// Repeated reads are cheap: tags, `304 Not Modified`, and gzip for clients that accept it.
  @Suite("conditional and compressed reads")
  struct Caching {
    static func gunzip(_ body: ByteBuffer) throws -> String {
      var compressed = body
      var plain = try compressed.decompress(with: .gzip())
      return plain.readString(length: plain.readableBytes) ?? ""
    }

    @Test("placements: a weak tag, 304 while nothing changed, a new tag after a write")
    func placementsRevalidate() async throws {
      try await API.withAPI { app in
        // setup
        let first = try await API.send(app, .GET, "/api/v1/placements")
        let etag = try #require(first.headers.first(name: .eTag))

        // act
        let same = try await API.send(app, .GET, "/api/v1/placements", headers: ["If-None-Match": etag])
        let listed = try await API.send(
          app, .GET, "/api/v1/placements", headers: ["If-None-Match": "W/\"other\", \(etag)"])
        let id = API.uniqueID("etag")
        try await app.catalog.repository.create(
          Domain(
            id: id, name: "Tagged",
            assessments: [
              Assessment(
                assessor: "T", date: Day("2026-11-30")!,
                scores: Dictionary(uniqueKeysWithValues: CriterionID.allCases.map { ($0, CriterionScore(2)) }))
            ]))
        let changed = try await API.send(app, .GET, "/api/v1/placements", headers: ["If-None-Match": etag])

        // check
        #expect(first.status == .ok)
        #expect(etag.hasPrefix("W/\""))
        #expect(same.status == .notModified)
        #expect(same.body.readableBytes == 0)
        #expect(same.headers.first(name: .eTag) == etag)
        #expect(listed.status == .notModified)
        #expect(changed.status == .ok)
        #expect(changed.headers.first(name: .eTag) != etag)
        #expect(changed.body.string.contains(id))
      }
    }

    @Test("a client that accepts gzip gets the same document compressed", arguments: ["gzip", "deflate, gzip;q=0.5"])
    func placementsCompressed(acceptEncoding: String) async throws {
      try await API.withAPI { app in
        // act
        let plain = try await API.send(app, .GET, "/api/v1/placements")
        let zipped = try await API.send(app, .GET, "/api/v1/placements", headers: ["Accept-Encoding": acceptEncoding])
        let refused = try await API.send(app, .GET, "/api/v1/placements", headers: ["Accept-Encoding": "gzip;q=0"])

        // check
        #expect(plain.headers.first(name: .contentEncoding) == nil)
        #expect(zipped.headers.first(name: .contentEncoding) == "gzip")
        #expect(zipped.headers.first(name: .vary)?.hasPrefix("Accept-Encoding") == true)
        #expect(zipped.body.readableBytes * 4 < plain.body.readableBytes)
        #expect(try Self.gunzip(zipped.body) == plain.body.string)
        #expect(refused.headers.first(name: .contentEncoding) == nil)
      }
    }

    @Test(
      "every GET of the API and every download carries a tag and answers 304 to it",
      arguments: [
        "/api/v1/domains", "/api/v1/rubric", "/api/v1/rubrics", "/api/v1/map.svg", "/api/v1/warnings",
        "/api/v1/graph", "/api/v1/rounds", "/api/v1/openapi.json", "/map.svg", "/export.csv", "/history.csv",
        "/rubric.yaml",
      ])
    func tagged(path: String) async throws {
      try await API.withAPI { app in
        // act
        let first = try await API.send(app, .GET, path)
        let etag = try #require(first.headers.first(name: .eTag), "\(path) has no ETag")
        let again = try await API.send(app, .GET, path, headers: ["If-None-Match": etag])

        // check
        #expect(first.status == .ok)
        #expect(again.status == .notModified, "\(path)")
        #expect(again.body.readableBytes == 0)
        #expect(first.headers.first(name: .cacheControl)?.contains("no-store") != true, "\(path)")
      }
    }

    @Test("a domain's version tag is for If-Match, not a validator of its bytes")
    func versionTagsAreNotValidators() async throws {
      try await API.withAPI { app in
        // act
        let first = try await API.send(app, .GET, "/api/v1/domains/quantum-encryption")
        let etag = try #require(first.headers.first(name: .eTag))
        let again = try await API.send(
          app, .GET, "/api/v1/domains/quantum-encryption", headers: ["If-None-Match": etag])

        // check: a rubric change would change the bytes but not the version, so no 304
        #expect(!etag.hasPrefix("W/"))
        #expect(again.status == .ok)
      }
    }

    @Test("over real sockets, large answers the catalog does not keep are compressed on the way out")
    func dynamicCompression() async throws {
      try await API.withAPI { app in
        let tester = try app.testing(method: .running(port: 22_000 + Int.random(in: 0..<2000)))
        // act
        let plain = try await tester.sendRequest(.GET, "/api/v1/domains?limit=1000", headers: API.authorized(app))
        let zipped = try await tester.sendRequest(
          .GET, "/api/v1/domains?limit=1000", headers: API.authorized(app, ["Accept-Encoding": "gzip"]))
        let health = try await tester.sendRequest(.GET, "/health", headers: ["Accept-Encoding": "gzip"])

        // check
        #expect(zipped.headers.first(name: .contentEncoding) == "gzip")
        #expect(zipped.body.readableBytes * 4 < plain.body.readableBytes)
        #expect(try Self.gunzip(zipped.body) == plain.body.string)
        #expect(health.headers.first(name: .contentEncoding) == nil)
        #expect(health.body.string.contains("\"version\""))
      }
    }
  }
}
