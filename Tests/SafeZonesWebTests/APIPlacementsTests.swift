import Foundation
import NIOCore
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  @Suite("placements, map, export and import")
  struct Placements {
    @Test("GET /placements is the command line's document: rubric and every domain's report")
    func placements() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/placements")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/placements")
        let body = API.object(res)
        let rubric = body["rubric"] as? [String: Any] ?? [:]
        #expect(
          rubric["version"] as? String == API.object(try await API.send(app, .GET, "/api/v1/rubric"))["version"]
            as? String)
        let domains = body["domains"] as? [[String: Any]] ?? []
        if API.freshStore {
          // Byte for byte what `safezones domains --format json` prints for the same domains in id
          // order (the command line keeps the file's order), without its final newline.
          let expected = try PlacementDocument(
            rubric: try KnowledgeBase.rubric(),
            placed: try KnowledgeBase.domains().sorted { $0.id < $1.id }.map {
              PlacedDomain(domain: $0, rubric: try KnowledgeBase.rubric())
            }
          ).json()
          #expect(res.body.string == String(decoding: expected, as: UTF8.self))
        }
        let first = try #require(domains.first)
        for key in ["id", "name", "gains", "risk", "quadrant", "borderline", "missing", "contributions", "strategy"] {
          #expect(first[key] != nil, "missing \(key)")
        }
      }
    }

    @Test("GET /placements is cached per revision: the same bytes until a write, then the new domain")
    func cachedPerRevision() async throws {
      try await API.withAPI { app in
        // setup
        let before = try await API.send(app, .GET, "/api/v1/placements")
        let again = try await API.send(app, .GET, "/api/v1/placements")
        if API.freshStore { #expect(before.body.string == again.body.string) }
        // act
        let id = API.uniqueID("cached")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let after = try await API.send(app, .GET, "/api/v1/placements")
        // check
        #expect(after.body.string != before.body.string)
        let ids = (API.object(after)["domains"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.contains(id))
      }
    }

    @Test("GET /placements overrides thresholds and margin, and uses stored rubric versions")
    func thresholdsAndRubric() async throws {
      try await API.withAPI { app in
        // act
        let strict = try await API.send(
          app, .GET, "/api/v1/placements?gains_threshold=0.95&risk_threshold=0.05&margin=0")
        // check: with these cuts nothing is high-gains, everything is high-risk
        #expect(strict.status == .ok)
        API.expectDocumented(strict, "get", "/api/v1/placements")
        let body = API.object(strict)
        let thresholds = (body["rubric"] as? [String: Any])?["thresholds"] as? [String: Any] ?? [:]
        #expect(thresholds["gains"] as? Double == 0.95)
        #expect(thresholds["risk"] as? Double == 0.05)
        #expect(thresholds["margin"] as? Double == 0)
        let quadrants = Set((body["domains"] as? [[String: Any]] ?? []).compactMap { $0["quadrant"] as? String })
        #expect(quadrants.isSubset(of: ["monitor", "traditional"]))

        let version = try KnowledgeBase.rubric().version
        let named = try await API.send(app, .GET, "/api/v1/placements?rubric=\(version)")
        #expect((API.object(named)["rubric"] as? [String: Any])?["version"] as? String == version)
        if API.freshStore {
          let plain = try await API.send(app, .GET, "/api/v1/placements")
          #expect(named.body.string == plain.body.string)
        }
      }
    }

    @Test(
      "GET /placements: bad thresholds are 422 naming the parameter; an unknown rubric is 404",
      arguments: [
        ("gains_threshold=1.5", "gains_threshold"), ("risk_threshold=-0.1", "risk_threshold"),
        ("gains_threshold=abc", "gains_threshold"), ("margin=0.7", "margin"), ("risk_threshold=nan", "risk_threshold"),
      ])
    func badThresholds(query: String, parameter: String) async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/placements?\(query)")
        #expect(API.error(res, .unprocessableEntity, code: "invalid_parameter")["field"] as? String == parameter)
        API.expectDocumented(res, "get", "/api/v1/placements")
        let unknown = try await API.send(app, .GET, "/api/v1/placements?rubric=1999.9")
        #expect(API.error(unknown, .notFound, code: "not_found")["field"] as? String == "rubric")
        API.expectDocumented(unknown, "get", "/api/v1/placements")
      }
    }

    @Test("GET /map.svg draws every domain as SVG, cached per revision")
    func map() async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/map.svg")
        #expect(res.status == .ok)
        #expect(res.headers.contentType?.type == "image")
        #expect(res.headers.contentType?.subType == "svg+xml")
        #expect(res.body.string.hasPrefix("<svg"))
        API.expectDocumented(res, "get", "/api/v1/map.svg")
        let again = try await API.send(app, .GET, "/api/v1/map.svg")
        #expect(again.body.string == res.body.string)
        for domain in try KnowledgeBase.domains().prefix(3) where API.freshStore {
          #expect(res.body.string.contains(domain.id))
        }
      }
    }

    @Test("GET /export in json, csv and history, each as an attachment")
    func export() async throws {
      try await API.withAPI { app in
        // json: the full history, re-importable
        let json = try await API.send(app, .GET, "/api/v1/export?format=json")
        #expect(json.status == .ok)
        API.expectDocumented(json, "get", "/api/v1/export")
        #expect(
          json.headers.first(name: .contentDisposition)?.contains("attachment; filename=\"safezones-export.json\"")
            == true)
        let domains = try DomainLoader.parse(json.body.string, file: "export.json")
        if API.freshStore { #expect(domains.map(\.id) == (try KnowledgeBase.domains().map(\.id).sorted())) }
        let plain = try await API.send(app, .GET, "/api/v1/export")
        #expect(plain.headers.first(name: .contentDisposition) == json.headers.first(name: .contentDisposition))

        // csv: one row per domain
        let csv = try await API.send(app, .GET, "/api/v1/export?format=csv")
        #expect(csv.status == .ok)
        #expect(csv.headers.contentType?.subType == "csv")
        #expect(csv.headers.first(name: .contentDisposition)?.contains("safezones-placements.csv") == true)
        #expect(csv.body.string.hasPrefix("id,name,gains,risk,quadrant"))
        if API.freshStore {
          #expect(csv.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == domains.count + 1)
        }
        API.expectDocumented(csv, "get", "/api/v1/export")

        // history: one row per assessment
        let history = try await API.send(app, .GET, "/api/v1/export?format=history")
        #expect(history.headers.first(name: .contentDisposition)?.contains("safezones-history.csv") == true)
        #expect(history.body.string.hasPrefix("domain,name,version,pair,assessor,date"))
        let rows = history.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count - 1
        if API.freshStore { #expect(rows == domains.reduce(0) { $0 + $1.assessments.count }) }

        let bad = try await API.send(app, .GET, "/api/v1/export?format=xml")
        #expect(API.error(bad, .unprocessableEntity, code: "invalid_parameter")["field"] as? String == "format")
        API.expectDocumented(bad, "get", "/api/v1/export")
      }
    }

    @Test("Export then import is idempotent: the second import adds nothing")
    func roundTrip() async throws {
      try await API.withAPI { app in
        // setup: a domain with two assessments, so the history matters
        let id = API.uniqueID("roundtrip")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        _ = try await API.send(app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 1))
        let export = try await API.send(app, .GET, "/api/v1/export?format=json")
        let before = try await API.send(app, .GET, "/api/v1/placements")
        // act
        let first = try await API.send(app, .POST, "/api/v1/import", json: export.body.string)
        let second = try await API.send(app, .POST, "/api/v1/import", json: export.body.string)
        // check
        for res in [first, second] {
          #expect(res.status == .ok, "\(res.body.string.prefix(400))")
          API.expectDocumented(res, "post", "/api/v1/import")
          let summary = API.object(res)
          #expect((summary["created"] as? [Any])?.isEmpty == true)
          #expect((summary["updated"] as? [Any])?.isEmpty == true)
          #expect(summary["assessments_added"] as? Int == 0)
          #expect((summary["assessments_unchanged"] as? Int ?? 0) >= 2)
        }
        let after = try await API.send(app, .GET, "/api/v1/placements")
        if API.freshStore { #expect(after.body.string == before.body.string) }
        let history = API.object(try await API.send(app, .GET, "/api/v1/domains/\(id)/history"))
        #expect((history["assessments"] as? [Any])?.count == 2)

        // Into an empty store: the first import creates everything, the second adds nothing,
        // and the new store exports the same domains and history.
        guard API.freshStore else { return }
        let exported = export.body.string
        try await API.withAPI({ $0.seedKnowledgeBase = false }) { empty in
          let listed = API.object(try await API.send(empty, .GET, "/api/v1/domains"))
          #expect(listed["total"] as? Int == 0)
          let created = API.object(try await API.send(empty, .POST, "/api/v1/import", json: exported))
          let domains = try DomainLoader.parse(exported, file: "export.json")
          #expect((created["created"] as? [String])?.count == domains.count)
          #expect(created["assessments_added"] as? Int == domains.reduce(0) { $0 + $1.assessments.count })
          let again = API.object(try await API.send(empty, .POST, "/api/v1/import", json: exported))
          #expect((again["created"] as? [Any])?.isEmpty == true)
          #expect((again["updated"] as? [Any])?.isEmpty == true)
          #expect(again["assessments_added"] as? Int == 0)
          let reexported = try await API.send(empty, .GET, "/api/v1/export?format=json")
          func withoutTimestamp(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"exported_at\"") }.joined(separator: "\n")
          }
          #expect(withoutTimestamp(reexported.body.string) == withoutTimestamp(exported))
          let placements = try await API.send(empty, .GET, "/api/v1/placements")
          #expect(placements.body.string == before.body.string)
        }
      }
    }

    @Test("POST /import creates and updates domains, all or nothing")
    func importDomains() async throws {
      try await API.withAPI { app in
        // setup
        let existing = API.uniqueID("existing")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: existing))
        let fresh = API.uniqueID("fresh")
        let file = """
          {"domains": [
            \(API.domainJSON(id: fresh, links: [existing])),
            {"id": "\(existing)", "name": "Test domain",
             "assessment": {"assessor": "Importer", "date": "2026-12-01", "scores": {"military": 2}}}
          ]}
          """
        // act
        let res = try await API.send(app, .POST, "/api/v1/import", json: file)
        // check
        #expect(res.status == .ok, "\(res.body.string.prefix(400))")
        let summary = API.object(res)
        #expect(summary["created"] as? [String] == [fresh])
        #expect(summary["updated"] as? [String] == [existing])
        #expect(summary["assessments_added"] as? Int == 2)
        #expect(API.object(try await API.send(app, .GET, "/api/v1/domains/\(existing)"))["version"] as? Int == 2)

        // all or nothing: one bad domain keeps the good one out
        let other = API.uniqueID("other")
        let bad = """
          {"domains": [
            \(API.domainJSON(id: other)),
            {"id": "broken", "name": "Broken", "links": ["nowhere"],
             "assessment": {"assessor": "X", "date": "2026-12-01", "scores": {"military": 2}}}
          ]}
          """
        let refused = try await API.send(app, .POST, "/api/v1/import", json: bad)
        let error = API.error(refused, .unprocessableEntity, code: "invalid")
        #expect(error["field"] as? String == "domains[1].links[0].target")
        #expect((error["issues"] as? [[String: Any]])?.first?["line"] as? Int != nil)
        API.expectDocumented(refused, "post", "/api/v1/import")
        let missing = try await API.send(app, .GET, "/api/v1/domains/\(other)")
        #expect(missing.status == .notFound)

        let notAFile = try await API.send(app, .POST, "/api/v1/import", json: #"{"things": []}"#)
        _ = API.error(notAFile, .unprocessableEntity, code: "invalid")
        let malformed = try await API.send(app, .POST, "/api/v1/import", json: #"{"domains": [}"#)
        _ = API.error(malformed, .badRequest, code: "malformed_json")
        let form = try await API.send(
          app, .POST, "/api/v1/import", json: file, headers: ["Content-Type": "multipart/form-data"])
        _ = API.error(form, .unsupportedMediaType, code: "unsupported_media_type")
      }
    }
  }
}
