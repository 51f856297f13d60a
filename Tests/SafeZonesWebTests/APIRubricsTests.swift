import Foundation
import NIOCore
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  @Suite("rubrics")
  struct Rubrics {
    /// The rubric in force as the API gives it, changed by `edit`, as JSON text.
    static func rubricJSON(_ app: Application, _ edit: (inout [String: Any]) -> Void) async throws -> String {
      var rubric = API.object(try await API.send(app, .GET, "/api/v1/rubric"))
      edit(&rubric)
      return String(decoding: try JSONSerialization.data(withJSONObject: rubric, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("GET /rubric gives the rubric in force in the file's shape, which the loader reads back")
    func current() async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/rubric")
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/rubric")
        let parsed = try RubricLoader.parse(res.body.string, file: "rubric.json")
        #expect(parsed.version == API.object(try await API.send(app, .GET, "/api/v1/rubrics"))["current"] as? String)
        if API.freshStore { #expect(parsed == (try KnowledgeBase.rubric())) }
        let body = API.object(res)
        #expect(body["countries"] as? [String] == ["US", "CN"])
        #expect(((body["criteria"] as? [[String: Any]])?.first?["levels"] as? [String])?.count == 5)
      }
    }

    @Test("GET /rubrics lists the versions; GET /rubrics/{version} gives one or 404")
    func list() async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/rubrics")
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/rubrics")
        let body = API.object(res)
        let version = try KnowledgeBase.rubric().version
        if API.freshStore { #expect(body["current"] as? String == version) }
        let entries = body["rubrics"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["version"] as? String == version })
        #expect(
          entries.filter { $0["current"] as? Bool == true }.map { $0["version"] as? String } == [
            body["current"] as? String
          ])

        let one = try await API.send(app, .GET, "/api/v1/rubrics/\(version)")
        #expect(one.status == .ok)
        API.expectDocumented(one, "get", "/api/v1/rubrics/{version}")
        if API.freshStore { #expect(one.body.string == (try await API.send(app, .GET, "/api/v1/rubric")).body.string) }
        let unknown = try await API.send(app, .GET, "/api/v1/rubrics/1999.9")
        #expect(API.error(unknown, .notFound, code: "not_found")["field"] as? String == "version")
        API.expectDocumented(unknown, "get", "/api/v1/rubrics/{version}")
      }
    }

    @Test(
      "POST /rubrics stores a new version (201) and puts it in force",
      .enabled(if: API.freshStore, "changes the rubric in force for everyone on a shared database"))
    func create() async throws {
      try await API.withAPI { app in
        // setup
        let version = "test-\(UUID().uuidString.prefix(8))"
        let text = try await Self.rubricJSON(app) {
          $0["version"] = version
          var thresholds = $0["thresholds"] as? [String: Any] ?? [:]
          thresholds["gains"] = 0.9
          $0["thresholds"] = thresholds
        }
        // act
        let res = try await API.send(app, .POST, "/api/v1/rubrics", json: text)
        // check
        #expect(res.status == .created, "\(res.body.string.prefix(400))")
        API.expectDocumented(res, "post", "/api/v1/rubrics")
        #expect(res.headers.first(name: .location) == "/api/v1/rubrics/\(version)")
        let current = API.object(try await API.send(app, .GET, "/api/v1/rubric"))
        #expect(current["version"] as? String == version)
        let list = API.object(try await API.send(app, .GET, "/api/v1/rubrics"))
        #expect(list["current"] as? String == version)
        // Placements now use it; the earlier version stays available by name.
        let placements = API.object(try await API.send(app, .GET, "/api/v1/placements"))
        let thresholds = (placements["rubric"] as? [String: Any])?["thresholds"] as? [String: Any]
        #expect(thresholds?["gains"] as? Double == 0.9)
        let shipped = try KnowledgeBase.rubric().version
        let old = API.object(try await API.send(app, .GET, "/api/v1/placements?rubric=\(shipped)"))
        #expect((old["rubric"] as? [String: Any])?["version"] as? String == shipped)
      }
    }

    @Test("POST /rubrics: the same version with the same content is 200, with other content 409")
    func sameVersion() async throws {
      try await API.withAPI { app in
        // Same content, written differently (sorted keys, no pretty printing): nothing changes.
        let same = try await Self.rubricJSON(app) { _ in }
        let res = try await API.send(app, .POST, "/api/v1/rubrics", json: same)
        #expect(res.status == .ok, "\(res.body.string.prefix(300))")
        API.expectDocumented(res, "post", "/api/v1/rubrics")
        // Other content under the stored version: refused.
        let changed = try await Self.rubricJSON(app) { $0["title"] = "Another title" }
        let conflict = try await API.send(app, .POST, "/api/v1/rubrics", json: changed)
        #expect(API.error(conflict, .conflict, code: "rubric_version_exists")["field"] as? String == "version")
        API.expectDocumented(conflict, "post", "/api/v1/rubrics")
      }
    }

    @Test("POST /rubrics reports invalid rubrics (422), malformed JSON (400) and other content types (415)")
    func invalid() async throws {
      try await API.withAPI { app in
        let text = try await Self.rubricJSON(app) {
          $0["version"] = "broken"
          var thresholds = $0["thresholds"] as? [String: Any] ?? [:]
          thresholds["risk"] = 3
          $0["thresholds"] = thresholds
          $0["criteria"] = Array(($0["criteria"] as? [[String: Any]] ?? []).dropFirst())
        }
        let res = try await API.send(app, .POST, "/api/v1/rubrics", json: text)
        let error = API.error(res, .unprocessableEntity, code: "invalid")
        API.expectDocumented(res, "post", "/api/v1/rubrics")
        let fields = (error["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields.contains("thresholds.risk"), "\(fields)")
        #expect(fields.contains("criteria"), "\(fields)")
        let stillCurrent = API.object(try await API.send(app, .GET, "/api/v1/rubric"))
        #expect(stillCurrent["version"] as? String != "broken")

        let malformed = try await API.send(app, .POST, "/api/v1/rubrics", json: "{\"version\": ")
        _ = API.error(malformed, .badRequest, code: "malformed_json")
        API.expectDocumented(malformed, "post", "/api/v1/rubrics")
        let yaml = try await API.send(
          app, .POST, "/api/v1/rubrics", json: try KnowledgeBase.rubricText(),
          headers: ["Content-Type": "application/yaml"])
        _ = API.error(yaml, .unsupportedMediaType, code: "unsupported_media_type")
        API.expectDocumented(yaml, "post", "/api/v1/rubrics")
      }
    }
  }
}
