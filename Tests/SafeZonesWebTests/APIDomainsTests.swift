import Foundation
import NIOCore
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  @Suite("domains")
  struct Domains {
    @Test("GET /domains lists every shipped domain with its placement and version")
    func list() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/domains?limit=1000")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/domains")
        let body = API.object(res)
        let domains = body["domains"] as? [[String: Any]] ?? []
        let shipped = try KnowledgeBase.domains()
        if API.freshStore {
          #expect(body["total"] as? Int == shipped.count)
          #expect(domains.count == shipped.count)
          #expect(domains.compactMap { $0["id"] as? String } == shipped.map(\.id).sorted())
        }
        let first = try #require(domains.first)
        for key in ["id", "name", "tags", "version", "gains", "risk", "quadrant", "borderline"] {
          #expect(first[key] != nil, "missing \(key)")
        }
      }
    }

    @Test("GET /domains filters by quadrant, tag and text, and paginates with a total")
    func filtersAndPages() async throws {
      try await API.withAPI { app in
        // setup: five domains under a tag of their own (so other writers cannot disturb the
        // counts), three of them with a severe military score
        let tag = API.uniqueID("tag")
        var ids: [String] = []
        for i in 0..<5 {
          let id = API.uniqueID("filter-\(i)")
          ids.append(id)
          let res = try await API.send(
            app, .POST, "/api/v1/domains",
            json: API.domainJSON(id: id, name: "Filter \(i) Ångström", tags: [tag], military: i < 3 ? 4 : 0))
          #expect(res.status == .created)
        }
        let mine =
          API.object(try await API.send(app, .GET, "/api/v1/domains?tag=\(tag)"))["domains"] as? [[String: Any]] ?? []
        let quadrantOf = Dictionary(uniqueKeysWithValues: mine.map { ($0["id"] as! String, $0["quadrant"] as! String) })
        let severe = quadrantOf[ids[0]]!
        // act
        let byTag = try await API.send(app, .GET, "/api/v1/domains?tag=\(tag)")
        let byQuadrant = try await API.send(app, .GET, "/api/v1/domains?tag=\(tag)&quadrant=\(severe)")
        let twoQuadrants = try await API.send(
          app, .GET, "/api/v1/domains?tag=\(tag)&quadrant=\(severe),\(quadrantOf[ids[4]]!)")
        let byText = try await API.send(app, .GET, "/api/v1/domains?q=angstrom&tag=\(tag)")
        let byShippedText = try await API.send(app, .GET, "/api/v1/domains?q=QUANTUM")
        let page = try await API.send(app, .GET, "/api/v1/domains?tag=\(tag)&limit=2&offset=1")
        let beyond = try await API.send(app, .GET, "/api/v1/domains?tag=\(tag)&offset=10")
        // check
        #expect(API.object(byTag)["total"] as? Int == 5)
        #expect((API.object(byTag)["domains"] as? [[String: Any]])?.map { $0["id"] as? String } == ids.sorted())
        let quadrantBody = API.object(byQuadrant)
        #expect(quadrantBody["total"] as? Int == quadrantOf.values.filter { $0 == severe }.count)
        #expect(
          (quadrantBody["domains"] as? [[String: Any]])?.allSatisfy { $0["quadrant"] as? String == severe } == true)
        #expect(API.object(twoQuadrants)["total"] as? Int == 5)
        #expect(API.object(byText)["total"] as? Int == 5)
        let quantum = API.object(byShippedText)["domains"] as? [[String: Any]] ?? []
        #expect(!quantum.isEmpty)
        // Every domain found is about the word (its name, id, tags, keywords or summary).
        let shipped = Dictionary(uniqueKeysWithValues: try KnowledgeBase.domains().map { ($0.id, $0) })
        for found in quantum {
          let d = try #require(shipped[found["id"] as? String ?? ""])
          let text = ([d.id, d.name, d.summary ?? ""] + d.tags + d.keywords).joined(separator: " ").lowercased()
          #expect(text.contains("quantum"), "\(d.id)")
        }
        let pageBody = API.object(page)
        #expect(pageBody["limit"] as? Int == 2)
        #expect(pageBody["offset"] as? Int == 1)
        #expect(pageBody["total"] as? Int == 5)
        #expect(
          (pageBody["domains"] as? [[String: Any]])?.map { $0["id"] as? String } == ids.sorted()[1...2].map { $0 })
        #expect(API.object(beyond)["total"] as? Int == 5)
        #expect((API.object(beyond)["domains"] as? [Any])?.isEmpty == true)
        for res in [byTag, byQuadrant, twoQuadrants, byText, byShippedText, page, beyond] {
          API.expectDocumented(res, "get", "/api/v1/domains")
        }
      }
    }

    @Test(
      "GET /domains refuses bad parameters with 422 naming the parameter",
      arguments: [
        ("quadrant=north", "quadrant"), ("quadrant=safe-zone,", "quadrant"), ("quadrant=", "quadrant"),
        ("limit=0", "limit"), ("limit=abc", "limit"), ("limit=5000", "limit"),
        ("offset=-1", "offset"), ("limit=", "limit"),
      ])
    func badListParameters(query: String, parameter: String) async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/domains?\(query)")
        let error = API.error(res, .unprocessableEntity, code: "invalid_parameter")
        #expect(error["field"] as? String == parameter)
        API.expectDocumented(res, "get", "/api/v1/domains")
      }
    }

    @Test("GET /domains/{id} gives the report, links, version, ETag and current assessment in the input format")
    func detail() async throws {
      try await API.withAPI { app in
        // setup
        let shipped = try KnowledgeBase.domains()
        let domain = try #require(shipped.first { !$0.links.isEmpty })
        // act
        let res = try await API.send(app, .GET, "/api/v1/domains/\(domain.id)")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/domains/{id}")
        let body = API.object(res)
        #expect(body["id"] as? String == domain.id)
        #expect(body["name"] as? String == domain.name)
        #expect(res.headers.first(name: "ETag") == "\"\(body["version"] as? Int ?? -1)\"")
        #expect((body["links"] as? [[String: Any]])?.count == domain.links.count)
        #expect((body["contributions"] as? [String: Any])?.isEmpty == false)
        #expect((body["strategy"] as? [String: Any])?["stance"] != nil)
        // The assessment is the input format: it parses back into an assessment.
        let assessment = try #require(body["assessment"])
        let text = String(decoding: try JSONSerialization.data(withJSONObject: assessment), as: UTF8.self)
        let parsed = try DomainLoader.parseAssessment(text)
        guard API.freshStore else { return }
        // On the shipped store: the shipped domain's placement and assessment, exactly.
        let expected = DomainReport(PlacedDomain(domain: domain, rubric: try KnowledgeBase.rubric()))
        #expect(body["quadrant"] as? String == expected.quadrant.rawValue)
        #expect(body["gains"] as? Double == expected.gains)
        #expect(body["risk"] as? Double == expected.risk)
        #expect(parsed.scores == domain.current?.scores)
        #expect(parsed.assessor == domain.current?.assessor)
      }
    }

    @Test("GET /domains/{id} and its history answer 404 for an unknown id")
    func unknownDomain() async throws {
      try await API.withAPI { app in
        for (path, template) in [
          ("/api/v1/domains/no-such-domain", "/api/v1/domains/{id}"),
          ("/api/v1/domains/no-such-domain/history", "/api/v1/domains/{id}/history"),
        ] {
          let res = try await API.send(app, .GET, path)
          let error = API.error(res, .notFound, code: "not_found")
          #expect((error["message"] as? String)?.contains("no-such-domain") == true)
          API.expectDocumented(res, "get", template)
        }
        let other = try await API.send(app, .GET, "/api/v1/no-such-route")
        _ = API.error(other, .notFound, code: "not_found")
        // A known path with a method it does not have: 405 and the methods it has.
        let put = try await API.send(app, .PUT, "/api/v1/domains/quantum-encryption", json: "{}")
        _ = API.error(put, .methodNotAllowed, code: "method_not_allowed")
        #expect(put.headers.first(name: .allow) == "GET")
        let delete = try await API.send(app, .DELETE, "/api/v1/rubrics")
        _ = API.error(delete, .methodNotAllowed, code: "method_not_allowed")
        #expect(delete.headers.first(name: .allow) == "GET, POST")
      }
    }

    // MARK: - Create

    @Test("POST /domains creates a domain: 201, Location, ETag, the domain as GET shows it")
    func create() async throws {
      try await API.withAPI { app in
        // setup
        let id = API.uniqueID("fusion")
        let target = try #require(try KnowledgeBase.domains().first).id
        // act
        let res = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id, links: [target]))
        // check
        #expect(res.status == .created, "\(res.body.string.prefix(500))")
        API.expectDocumented(res, "post", "/api/v1/domains")
        #expect(res.headers.first(name: .location) == "/api/v1/domains/\(id)")
        #expect(res.headers.first(name: "ETag") == "\"1\"")
        let created = API.object(res)
        #expect(created["id"] as? String == id)
        #expect(created["version"] as? Int == 1)
        #expect(created["summary"] as? String == "A domain made by the API tests.")
        #expect((created["links"] as? [[String: Any]])?.first?["target"] as? String == target)
        let fetched = try await API.send(app, .GET, "/api/v1/domains/\(id)")
        #expect(fetched.status == .ok)
        #expect(fetched.body.string == res.body.string)
        let listed = API.object(try await API.send(app, .GET, "/api/v1/domains?q=\(id)"))
        #expect(listed["total"] as? Int == 1)
      }
    }

    @Test("POST /domains with an existing id is 409 already_exists")
    func createConflict() async throws {
      try await API.withAPI { app in
        let id = API.uniqueID("twice")
        let first = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        #expect(first.status == .created)
        let res = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let error = API.error(res, .conflict, code: "already_exists")
        #expect(error["field"] as? String == "id")
        API.expectDocumented(res, "post", "/api/v1/domains")
      }
    }

    @Test("POST /domains reports every validation problem with its field path and line (422)")
    func createInvalid() async throws {
      try await API.withAPI { app in
        // setup: a bad id (line 2), a link to an unknown domain (line 4) and an impossible date,
        // a score out of range and an unknown criterion in the assessment (line 8).
        let body = """
          {
            "id": "Not An Id",
            "name": "Broken",
            "links": ["no-such-domain"],
            "assessment": {
              "assessor": "API test",
              "date": "2026-02-30",
              "scores": {"military": 7, "charm": 2}
            }
          }
          """
        // act
        let res = try await API.send(app, .POST, "/api/v1/domains", json: body)
        // check
        let error = API.error(res, .unprocessableEntity, code: "invalid")
        API.expectDocumented(res, "post", "/api/v1/domains")
        let issues = error["issues"] as? [[String: Any]] ?? []
        let fields = Set(issues.compactMap { $0["field"] as? String })
        #expect(fields.contains("assessment.date"))
        #expect(fields.contains("assessment.scores.military"))
        #expect(fields.contains("assessment.scores.charm"))
        #expect(issues.first { $0["field"] as? String == "assessment.date" }?["line"] as? Int == 7)
        #expect(issues.first { $0["field"] as? String == "assessment.scores.military" }?["line"] as? Int == 8)

        // Once the assessment reads, the id and the link are checked too.
        let second = """
          {
            "id": "Not An Id",
            "name": "Broken",
            "links": ["no-such-domain"],
            "assessment": {"assessor": "API test", "date": "2026-02-01", "scores": {"military": 1}}
          }
          """
        let res2 = try await API.send(app, .POST, "/api/v1/domains", json: second)
        let error2 = API.error(res2, .unprocessableEntity, code: "invalid")
        let fields2 = (error2["issues"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields2.contains("id"))
        #expect(fields2.contains("links[0].target"))
        let missing = try await API.send(app, .POST, "/api/v1/domains", json: #"{"id": "lonely", "name": "Lonely"}"#)
        let error3 = API.error(missing, .unprocessableEntity, code: "invalid")
        #expect(error3["field"] as? String == "assessment")
      }
    }

    @Test("POST /domains refuses malformed JSON (400), other content types (415) and oversized bodies (413)")
    func createRefusals() async throws {
      try await API.withAPI({ $0.maxBodyBytes = 4096 }) { app in
        // malformed: the message says where
        let malformed = try await API.send(
          app, .POST, "/api/v1/domains", json: "{\n  \"id\": \"x\",\n  \"name\" \"y\"\n}")
        let error = API.error(malformed, .badRequest, code: "malformed_json")
        #expect((error["message"] as? String)?.contains("line 3") == true, "\(error)")
        API.expectDocumented(malformed, "post", "/api/v1/domains")
        let empty = try await API.send(app, .POST, "/api/v1/domains", json: "")
        _ = API.error(empty, .badRequest, code: "malformed_json")

        // not JSON: a form post (what a cross-site form can send) and a missing type
        for headers: HTTPHeaders in [
          ["Content-Type": "application/x-www-form-urlencoded"], ["Content-Type": "text/plain"], [:],
        ] {
          let res = try await app.testing().sendRequest(
            .POST, "/api/v1/domains", headers: API.authorized(app, headers),
            body: ByteBuffer(string: API.domainJSON(id: API.uniqueID("form"))))
          let error = API.error(res, .unsupportedMediaType, code: "unsupported_media_type")
          #expect(error["field"] as? String == "Content-Type")
          API.expectDocumented(res, "post", "/api/v1/domains")
        }
        // a charset parameter is fine
        let withCharset = try await API.send(
          app, .POST, "/api/v1/domains", json: API.domainJSON(id: API.uniqueID("charset")),
          headers: ["Content-Type": "application/json; charset=utf-8"])
        #expect(withCharset.status == .created)

        // too large
        let padding = String(repeating: "x", count: 5000)
        let big = try await API.send(
          app, .POST, "/api/v1/domains", json: API.domainJSON(id: API.uniqueID("big"), name: padding))
        _ = API.error(big, .payloadTooLarge, code: "payload_too_large")
        API.expectDocumented(big, "post", "/api/v1/domains")
      }
    }

    @Test("JSON that YAML readers dislike (tabs, escaped slashes, surrogate pairs) is accepted as sent")
    func jsonQuirks() async throws {
      try await API.withAPI { app in
        let id = API.uniqueID("quirks")
        let body =
          "{\t\"id\": \"\(id)\",\t\"name\": \"Fusion \\/ plasma \\ud83d\\ude80 \\u00e9\",\n"
          + "\"assessment\": {\"assessor\": \"A\\tB\", \"date\": \"2026-11-02\", \"scores\": {\"military\": 1}}}"
        let res = try await API.send(app, .POST, "/api/v1/domains", json: body)
        #expect(res.status == .created, "\(res.body.string.prefix(400))")
        #expect(API.object(res)["name"] as? String == "Fusion / plasma 🚀 é")
      }
    }

    // MARK: - Assessments

    @Test("POST /domains/{id}/assessments with base_version: 201, new version, placement and changes")
    func addAssessment() async throws {
      try await API.withAPI { app in
        // setup
        let id = API.uniqueID("grow")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id, military: 0))
        // act: another account's token; the account signs, not the body's name
        let second = try await API.token(app, role: .assessor, name: "Second assessor")
        let res = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 1, military: 4),
          headers: ["Authorization": "Bearer \(second)"])
        // check
        #expect(res.status == .created, "\(res.body.string.prefix(500))")
        API.expectDocumented(res, "post", "/api/v1/domains/{id}/assessments")
        #expect(res.headers.first(name: "ETag") == "\"2\"")
        #expect(res.headers.first(name: .location) == "/api/v1/domains/\(id)/history")
        let body = API.object(res)
        #expect(body["version"] as? Int == 2)
        let entry = body["assessment"] as? [String: Any] ?? [:]
        #expect(entry["assessor"] as? String == "Second assessor")
        #expect((entry["placement"] as? [String: Any])?["quadrant"] != nil)
        let changes = entry["changes"] as? [String: Any] ?? [:]
        #expect(changes["previous_version"] as? Int == 1)
        let changed = changes["changed"] as? [[String: Any]] ?? []
        #expect(
          changed.contains {
            $0["criterion"] as? String == "military" && $0["old"] as? Double == 0 && $0["new"] as? Double == 4
          })
        #expect((changes["added"] as? [[String: Any]])?.contains { $0["criterion"] as? String == "economic" } == true)
        #expect(
          (changes["removed"] as? [[String: Any]])?.contains { $0["criterion"] as? String == "stakeholder_support" }
            == true)
        #expect(changes["assessor_changed"] as? Bool == true)
        #expect((changes["risk_delta"] as? Double ?? 0) > 0)
        // The domain now shows the new assessment as current.
        let detail = API.object(try await API.send(app, .GET, "/api/v1/domains/\(id)"))
        #expect(detail["version"] as? Int == 2)
        #expect((detail["assessment"] as? [String: Any])?["assessor"] as? String == "Second assessor")
      }
    }

    @Test("If-Match carries the version instead of base_version; both must agree")
    func ifMatch() async throws {
      try await API.withAPI { app in
        let id = API.uniqueID("etag")
        let created = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let etag = try #require(created.headers.first(name: "ETag"))
        let res = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: nil),
          headers: ["If-Match": etag])
        #expect(res.status == .created, "\(res.body.string.prefix(300))")
        let weak = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: nil),
          headers: ["If-Match": "W/\"2\""])
        #expect(weak.status == .created)
        let disagree = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 3),
          headers: ["If-Match": "\"2\""])
        #expect(API.error(disagree, .unprocessableEntity, code: "invalid")["field"] as? String == "base_version")
        let garbage = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: nil),
          headers: ["If-Match": "*"])
        #expect(API.error(garbage, .unprocessableEntity, code: "invalid")["field"] as? String == "If-Match")
        API.expectDocumented(garbage, "post", "/api/v1/domains/{id}/assessments")
      }
    }

    @Test("Without base_version or If-Match the answer is 428 naming base_version")
    func baseVersionRequired() async throws {
      try await API.withAPI { app in
        let id = API.uniqueID("nobase")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let res = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: nil))
        let error = API.error(res, .preconditionRequired, code: "base_version_required")
        #expect(error["field"] as? String == "base_version")
        API.expectDocumented(res, "post", "/api/v1/domains/{id}/assessments")
        for bad in ["true", "\"1\"", "1.5", "-1"] {
          let body = "{\n  \"base_version\": \(bad)," + API.assessmentJSON(base: nil).dropFirst()
          let res = try await API.send(app, .POST, "/api/v1/domains/\(id)/assessments", json: body)
          #expect(API.error(res, .unprocessableEntity, code: "invalid")["field"] as? String == "base_version", "\(bad)")
        }
      }
    }

    @Test("A stale base_version is 409 stale_version with the current version in the message and ETag")
    func stale() async throws {
      try await API.withAPI { app in
        let id = API.uniqueID("stale")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let first = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 1))
        #expect(first.status == .created)
        // act: another client still holds version 1
        let res = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 1, assessor: "Late"))
        // check
        let error = API.error(res, .conflict, code: "stale_version")
        #expect((error["message"] as? String)?.contains("version 2") == true, "\(error)")
        #expect(error["field"] as? String == "base_version")
        #expect(res.headers.first(name: "ETag") == "\"2\"")
        API.expectDocumented(res, "post", "/api/v1/domains/{id}/assessments")
        let history = API.object(try await API.send(app, .GET, "/api/v1/domains/\(id)/history"))
        #expect((history["assessments"] as? [[String: Any]])?.count == 2)
      }
    }

    @Test("Concurrent saves on the same base_version: one 201, the others 409, one new history entry each round")
    func concurrentStale() async throws {
      try await API.withAPI { app in
        // setup
        let id = API.uniqueID("race")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let tester = try app.testing()
        let path = "/api/v1/domains/\(id)/assessments"
        for round in 1...3 {
          // act: two (then three, four) clients that all read version `round`
          let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for writer in 0...round {
              group.addTask {
                try await tester.sendRequest(
                  .POST, path, headers: API.authorized(app, API.jsonHeaders),
                  body: ByteBuffer(
                    string: API.assessmentJSON(base: round, assessor: "writer \(writer)", military: Double(writer)))
                ).status
              }
            }
            return try await group.reduce(into: []) { $0.append($1) }
          }
          // check
          #expect(statuses.filter { $0 == .created }.count == 1, "round \(round): \(statuses)")
          #expect(statuses.filter { $0 == .conflict }.count == round, "round \(round): \(statuses)")
        }
        let history = API.object(try await API.send(app, .GET, "/api/v1/domains/\(id)/history"))
        let entries = history["assessments"] as? [[String: Any]] ?? []
        #expect(entries.count == 4)
        #expect(history["version"] as? Int == 4)
        #expect(entries.map { $0["version"] as? Int } == [1, 2, 3, 4])
      }
    }

    @Test("POST /domains/{id}/assessments: 404 for an unknown domain, 422 with line numbers for a bad assessment")
    func assessmentErrors() async throws {
      try await API.withAPI { app in
        let unknown = try await API.send(
          app, .POST, "/api/v1/domains/no-such-domain/assessments", json: API.assessmentJSON(base: 1))
        _ = API.error(unknown, .notFound, code: "not_found")
        API.expectDocumented(unknown, "post", "/api/v1/domains/{id}/assessments")

        let id = API.uniqueID("badscore")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id))
        let body = """
          {
            "base_version": 1,
            "assessor": "API test",
            "date": "2026-11-20",
            "scores": {
              "military": [3, 2, 4],
              "economic": "high"
            },
            "mood": "cheerful"
          }
          """
        let res = try await API.send(app, .POST, "/api/v1/domains/\(id)/assessments", json: body)
        let error = API.error(res, .unprocessableEntity, code: "invalid")
        API.expectDocumented(res, "post", "/api/v1/domains/{id}/assessments")
        let issues = error["issues"] as? [[String: Any]] ?? []
        #expect(issues.first { $0["field"] as? String == "scores.military" }?["line"] as? Int == 6, "\(issues)")
        #expect(issues.first { $0["field"] as? String == "scores.economic" }?["line"] as? Int == 7, "\(issues)")
        #expect(issues.contains { ($0["field"] as? String)?.contains("mood") == true }, "\(issues)")
        // base_version is not mistaken for an unknown field
        #expect(!issues.contains { ($0["field"] as? String)?.contains("base_version") == true })
        let malformed = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: "{\"base_version\": 1,")
        _ = API.error(malformed, .badRequest, code: "malformed_json")
        let form = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 1),
          headers: ["Content-Type": "text/plain"])
        _ = API.error(form, .unsupportedMediaType, code: "unsupported_media_type")
      }
    }

    @Test("Quantile judgements are accepted, shown in the input format and compared in the history")
    func quantiles() async throws {
      try await API.withAPI { app in
        // setup
        let id = API.uniqueID("elicited")
        let body = """
          {"id": "\(id)", "name": "Elicited", "assessment": {"assessor": "Expert", "date": "2026-11-02",
            "scores": {"military": {"quantiles": {"0.05": 1, "0.5": 2, "0.95": 3.5}, "rationale": "elicited"},
                       "fundamentality": 3}}}
          """
        // act
        let created = try await API.send(app, .POST, "/api/v1/domains", json: body)
        let next = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments",
          json:
            #"{"base_version": 1, "assessor": "Expert", "date": "2026-11-03", "scores": {"military": [1, 2, 3], "fundamentality": 3}}"#
        )
        // check
        #expect(created.status == .created, "\(created.body.string.prefix(400))")
        API.expectDocumented(created, "post", "/api/v1/domains")
        let scores = (API.object(created)["assessment"] as? [String: Any])?["scores"] as? [String: Any] ?? [:]
        let military = scores["military"] as? [String: Any] ?? [:]
        #expect(military["value"] == nil)
        #expect((military["quantiles"] as? [String: Any])?["0.95"] as? Double == 3.5)
        #expect(next.status == .created, "\(next.body.string.prefix(400))")
        API.expectDocumented(next, "post", "/api/v1/domains/{id}/assessments")
        let changed =
          ((API.object(next)["assessment"] as? [String: Any])?["changes"] as? [String: Any])?["changed"]
          as? [[String: Any]]
        let old = changed?.first { $0["criterion"] as? String == "military" }?["old"] as? [String: Any]
        #expect((old?["quantiles"] as? [String: Any])?.count == 3)
        let history = try await API.send(app, .GET, "/api/v1/domains/\(id)/history")
        API.expectDocumented(history, "get", "/api/v1/domains/{id}/history")
      }
    }

    // MARK: - History

    @Test("GET /domains/{id}/history lists every assessment with its placement and what changed")
    func history() async throws {
      try await API.withAPI { app in
        // setup
        let id = API.uniqueID("story")
        _ = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: id, military: 0))
        _ = try await API.send(
          app, .POST, "/api/v1/domains/\(id)/assessments", json: API.assessmentJSON(base: 1, military: 4))
        // act
        let res = try await API.send(app, .GET, "/api/v1/domains/\(id)/history")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/domains/{id}/history")
        let body = API.object(res)
        #expect(body["version"] as? Int == 2)
        let entries = body["assessments"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["version"] as? Int } == [1, 2])
        #expect(entries[0]["changes"] == nil)
        #expect(entries[0]["perspective"] as? String == "US")
        #expect(entries[0]["recorded_at"] as? String != nil)
        #expect((entries[1]["changes"] as? [String: Any])?["previous_version"] as? Int == 1)
        let p0 = entries[0]["placement"] as? [String: Any] ?? [:]
        let p1 = entries[1]["placement"] as? [String: Any] ?? [:]
        #expect((p1["risk"] as? Double ?? 0) > (p0["risk"] as? Double ?? 1))
        #expect(res.headers.first(name: "ETag") == "\"2\"")
      }
    }
  }
}
