import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  @Suite("assess forms")
  struct PagesAssessTests {
    static let criterionIDs = CriterionID.allCases.map(\.rawValue)

    @Test("GET /assess has every field of a new domain and of an assessment")
    func newForm() async throws {
      try await PagesKit.withSite { app in
        // act
        let res = try await PagesKit.get(app, "/assess")
        let html = res.body.string
        // check
        #expect(res.status == .ok)
        let form = try #require(PagesKit.tags(html, "form", having: ["id": "assessment-form"]).first)
        #expect(form["method"] == "post")
        // The pair judged travels with the form.
        #expect(form["action"] == "/assess?pair=US-CN")
        let names = Set(PagesKit.formFields(html, id: "assessment-form").map(\.0))
        var expected: Set<String> = [
          "_csrf", "id", "name", "summary", "tags", "date", "perspective", "note",
        ]
        for id in Self.criterionIDs {
          expected.formUnion(["score-\(id)", "low-\(id)", "high-\(id)", "q-\(id)", "rationale-\(id)", "evidence-\(id)"])
        }
        // Three empty link rows (their targets and kinds are selects).
        for row in 0..<3 { expected.formUnion(["link-weight-\(row)", "link-rationale-\(row)"]) }
        #expect(names == expected)
        #expect(PagesKit.tags(html, "input", having: ["name": "date"]).first?["value"] == Day(Date()).description)
        #expect(PagesKit.tags(html, "button", having: ["id": "save-assessment"]).count == 1)
        // The rubric's question and level meanings are the help text of each criterion.
        let rubric = try KnowledgeBase.rubric()
        for c in rubric.criteria {
          #expect(html.contains(Esc.text(c.question)), "question of \(c.id)")
          let describedBy =
            PagesKit.tags(html, "input", having: ["name": "score-\(c.id.rawValue)"]).first?["aria-describedby"] ?? ""
          #expect(describedBy.contains("levels-\(c.id.rawValue)"))
        }
        // No CSRF-less form on the page.
        let token = PagesKit.tags(html, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
        #expect(token.count == 43)
      }
    }

    @Test("GET /domains/:id/assess is prefilled from the current assessment and carries base_version")
    func appendForm() async throws {
      try await PagesKit.withSite { app in
        let domain = try #require(try await app.catalog.snapshot().domain("quantum-encryption"))
        let current = try #require(domain.current)
        // act
        let html = try await PagesKit.get(app, "/domains/quantum-encryption/assess").body.string
        // check
        let fields = Dictionary(PagesKit.formFields(html, id: "assessment-form"), uniquingKeysWith: { a, _ in a })
        #expect(fields["base_version"] == String(domain.latestVersion))
        // No name to type: the signed-in account signs.
        #expect(fields["assessor"] == nil)
        #expect(PagesKit.text(html, id: "signed-by")?.contains("Site Admin") == true)
        #expect(fields["date"] == Day(Date()).description)
        for (id, score) in current.scores {
          #expect(fields["score-\(id.rawValue)"] == Format.number(score.value.likely), "score of \(id)")
          #expect(fields["rationale-\(id.rawValue)"] == (score.rationale ?? ""), "rationale of \(id)")
        }
        #expect(fields["id"] == nil)
        #expect(
          PagesKit.tags(html, "form", having: ["id": "assessment-form"]).first?["action"]
            == "/domains/quantum-encryption/assess?pair=US-CN")
      }
    }

    /// Posts `changes` over a valid new-domain form and returns the re-rendered form.
    static func invalid(
      _ app: Application, _ changes: [String: String], removing: [String] = []
    ) async throws -> (TestingHTTPResponse, String) {
      var fields = PagesKit.replacing(PagesKit.newDomainFields(id: "tidal-stream-energy"), changes)
      fields.removeAll { removing.contains($0.0) }
      let res = try await PagesKit.submit(app, "/assess", fields)
      return (res, res.body.string)
    }

    /// The error shown next to `field`, checked to be wired to the input.
    static func fieldError(
      _ html: String, _ field: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String? {
      let input =
        PagesKit.tags(html, "input", having: ["name": field]).first
        ?? PagesKit.tags(html, "textarea", having: ["name": field]).first
      #expect(input?["aria-invalid"] == "true", "aria-invalid on \(field)", sourceLocation: sourceLocation)
      let describedBy = (input?["aria-describedby"] ?? "").split(separator: " ").map(String.init)
      #expect(describedBy.contains("error-\(field)"), "aria-describedby of \(field)", sourceLocation: sourceLocation)
      #expect(
        PagesKit.tags(html, "p", having: ["class": "field-error", "id": "error-\(field)"]).count == 1,
        sourceLocation: sourceLocation)
      return PagesKit.text(html, id: "error-\(field)")
    }

    @Test("a score of 5 is refused next to its field, and the typed values are kept")
    func scoreOutOfRange() async throws {
      try await PagesKit.withSite { app in
        // act
        let (res, html) = try await Self.invalid(app, ["score-military": "5", "rationale-military": "Too high"])
        // check
        #expect(res.status == .unprocessableEntity)
        let summary = try #require(PagesKit.tags(html, "div", having: ["id": "form-errors"]).first)
        #expect(summary["role"] == "alert")
        #expect(
          PagesKit.text(html, id: "form-errors")?.contains(
            "Military applicability, score: a score must be between 0 and 4, got 5") == true)
        #expect(Self.fieldError(html, "score-military") == "A score must be between 0 and 4, got 5")
        // What the user typed is still there.
        #expect(PagesKit.tags(html, "input", having: ["name": "score-military"]).first?["value"] == "5")
        #expect(PagesKit.tags(html, "input", having: ["name": "name"]).first?["value"] == "Tidal stream energy")
        #expect(html.contains(">Too high</textarea>"))
        #expect(PagesKit.tags(html, "input", having: ["name": "_csrf"]).first?["value"]?.count == 43)
        // Nothing stored.
        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy") == nil)
      }
    }

    @Test(
      "non-numbers, ranges out of order, a bad date and a bad id are each reported at their field")
    func fieldErrors() async throws {
      try await PagesKit.withSite { app in
        // act
        let (res, html) = try await Self.invalid(
          app,
          [
            "score-economic": "abc", "score-parity": "2", "low-parity": "3", "high-parity": "4", "low-scale": "x",
            "date": "2026-13-45", "id": "Fusion Energy!",
          ])
        // check
        #expect(res.status == .unprocessableEntity)
        #expect(Self.fieldError(html, "score-economic") == "'abc' is not a number; enter a score from 0 to 4")
        #expect(
          Self.fieldError(html, "score-parity")?.hasPrefix("Range must be ordered [low, likely, high], got [3, 2, 4]")
            == true)
        #expect(Self.fieldError(html, "low-scale") == "'x' is not a number; enter the low end from 0 to 4")
        #expect(Self.fieldError(html, "date")?.contains("'2026-13-45' is not a date") == true)
        #expect(Self.fieldError(html, "id")?.contains("is not a valid id") == true)
        let items = PagesKit.tags(html, "a").compactMap { $0["href"] }.filter { $0.hasPrefix("#") && $0 != "#main" }
        #expect(Set(items) == ["#id", "#date", "#score-parity", "#low-scale", "#score-economic"])
        #expect(PagesKit.tags(html, "input", having: ["name": "date"]).first?["value"] == "2026-13-45")
      }
    }

    @Test("an empty name, nothing scored and a rationale without a score are refused")
    func emptyFields() async throws {
      try await PagesKit.withSite { app in
        // act
        let (res, html) = try await Self.invalid(
          app, ["name": "", "rationale-indifference": "no score given"],
          removing: ["score-indifference"] + Self.criterionIDs.filter { $0 != "indifference" }.map { "score-\($0)" })
        // check
        #expect(res.status == .unprocessableEntity)
        #expect(Self.fieldError(html, "name") == "Give the domain a name")
        #expect(Self.fieldError(html, "score-indifference")?.hasPrefix("Enter a score from 0 to 4") == true)
        // stakeholder_support keeps its range without a likely value.
        #expect(PagesKit.text(html, id: "form-errors")?.contains("a range needs its most likely value too") == true)
      }
    }

    @Test("a duplicate id is refused with a link to the existing domain")
    func duplicateID() async throws {
      try await PagesKit.withSite { app in
        let before = try await app.catalog.repository.domain(id: "quantum-encryption")
        // act
        let (res, html) = try await Self.invalid(app, ["id": "quantum-encryption"])
        // check
        #expect(res.status == .unprocessableEntity)
        #expect(Self.fieldError(html, "id")?.contains("already exists") == true)
        #expect(PagesKit.tags(html, "a", having: ["href": "/domains/quantum-encryption/assess"]).count == 1)
        #expect(try await app.catalog.repository.domain(id: "quantum-encryption") == before)
      }
    }

    @Test("creating a domain stores it, redirects to it, and puts it on the map")
    func create() async throws {
      try await PagesKit.withSite { app in
        let total = try await app.catalog.snapshot().domains.count
        // act
        let res = try await PagesKit.submit(app, "/assess", PagesKit.newDomainFields(id: "tidal-stream-energy"))
        // check
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/domains/tidal-stream-energy?saved=1")
        let stored = try #require(try await app.catalog.repository.domain(id: "tidal-stream-energy"))
        #expect(stored.name == "Tidal stream energy")
        #expect(stored.tags == ["energy", "big-science"])
        let a = try #require(stored.current)
        // The form's typed name is not taken: the signed-in account signs.
        #expect(a.assessor == "Site Admin")
        #expect(a.date.description == "2026-11-20")
        #expect(a.perspective == "US")
        #expect(a.note == nil)
        #expect(a.scores.count == 14)
        #expect(a.scores[.stakeholderSupport]?.value == .range(low: 2, likely: 3, high: 4))
        #expect(
          a.scores[.fundamentality]?.evidence == ["https://example.org/iter", "Essay, 'A framework for cooperation'"])

        let page = try await PagesKit.get(app, "/domains/tidal-stream-energy?saved=1").body.string
        #expect(page.contains("id=\"saved-notice\""))
        let map = try await PagesKit.get(app, "/").body.string
        #expect(PagesKit.tableIDs(map).contains("tidal-stream-energy"))
        #expect(PagesKit.mapPoints(map).contains("tidal-stream-energy"))
        #expect(PagesKit.text(map, id: "domain-count") == "\(total + 1) of \(total + 1) domains")
        let svg = try await PagesKit.get(app, "/map.svg").body.string
        #expect(svg.contains("data-id=\"tidal-stream-energy\""))
      }
    }

    @Test("appending keeps the history: new version current, old version viewable, map moves")
    func append() async throws {
      try await PagesKit.withSite { app in
        #expect(
          try await PagesKit.submit(app, "/assess", PagesKit.newDomainFields(id: "tidal-stream-energy", military: "1"))
            .status
            == .seeOther)
        let before = try #require(try await app.catalog.snapshot().placedDomain("tidal-stream-energy"))

        // act: another account appends
        let reviewer = try await PagesKit.signIn(app, role: .assessor, name: "B. Reviewer")
        let res = try await PagesKit.submit(
          app, "/domains/tidal-stream-energy/assess", PagesKit.appendFields(base: 1, military: "4"), as: reviewer)

        // check
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/domains/tidal-stream-energy?saved=2")
        let stored = try #require(try await app.catalog.repository.domain(id: "tidal-stream-energy"))
        #expect(stored.assessments.count == 2)
        #expect(stored.assessments[0].scores[.military]?.value == .point(1))
        #expect(stored.assessments[1].scores[.military]?.value == .point(4))

        let html = try await PagesKit.get(app, "/domains/tidal-stream-energy").body.string
        let versions = PagesKit.tags(html, "li").compactMap { $0["data-version"] }
        #expect(versions == ["2", "1"])  // newest first
        let newest = try #require(PagesKit.text(html, id: "version-2"))
        #expect(newest.contains("B. Reviewer"))
        #expect(newest.contains("Military applicability: 1 → 4"))
        #expect(newest.contains("Placement:") || newest.contains("Moved to another quadrant:"))
        #expect(PagesKit.tags(html, "a", having: ["href": "/domains/tidal-stream-energy?version=1"]).count == 1)

        let old = try await PagesKit.get(app, "/domains/tidal-stream-energy?version=1")
        #expect(old.status == .ok)
        #expect(
          PagesKit.text(old.body.string, id: "version-notice")?.hasPrefix("You are viewing version 1 of 2") == true)
        #expect(
          PagesKit.tags(old.body.string, "section", having: ["id": "placement"]).first?["data-quadrant"]
            == before.quadrant.rawValue)
        #expect(PagesKit.text(old.body.string, id: "risk") == Format.fixed(before.placement.risk))

        let after = try #require(try await app.catalog.snapshot().placedDomain("tidal-stream-energy"))
        #expect(after.placement.risk > before.placement.risk)
        let map = try await PagesKit.get(app, "/").body.string
        #expect(map.contains("data-risk=\"\(Format.number(after.placement.risk, digits: 3))\""))
      }
    }

    @Test("the prefilled form, submitted as it is with an assessor, saves the same judgement")
    func roundTrip() async throws {
      try await PagesKit.withSite { app in
        let token = try await PagesKit.csrfToken(app)
        let html = try await PagesKit.get(app, "/domains/high-performance-computing/assess", cookie: token).body.string
        let fields = PagesKit.replacing(PagesKit.formFields(html, id: "assessment-form"), ["assessor": "Round trip"])
        // act
        let res = try await PagesKit.post(
          app, "/domains/high-performance-computing/assess", fields, cookie: token, field: nil)
        // check
        #expect(res.status == .seeOther, "\(res.body.string.prefix(500))")
        let domain = try #require(try await app.catalog.repository.domain(id: "high-performance-computing"))
        #expect(domain.assessments.count == 2)
        #expect(domain.assessments[1].scores == domain.assessments[0].scores)
        #expect(domain.assessments[1].perspective == domain.assessments[0].perspective)
        let page = try await PagesKit.get(app, "/domains/high-performance-computing").body.string
        #expect(PagesKit.text(page, id: "version-2")?.contains("Same scores and reasons as version 1") == true)
      }
    }

    @Test("a stale base_version is refused with 409, their values shown, the input kept, nothing saved")
    func stale() async throws {
      try await PagesKit.withSite { app in
        #expect(
          try await PagesKit.submit(app, "/assess", PagesKit.newDomainFields(id: "tidal-stream-energy")).status
            == .seeOther)
        // Someone else saves version 2 while our form (based on version 1) is open.
        let colleague = try await PagesKit.signIn(app, role: .assessor, name: "C. Colleague")
        let late = try await PagesKit.signIn(app, role: .assessor, name: "D. Late")
        #expect(
          try await PagesKit.submit(
            app, "/domains/tidal-stream-energy/assess", PagesKit.appendFields(base: 1, military: "2"), as: colleague
          ).status == .seeOther)

        // act
        var mine = PagesKit.appendFields(base: 1, military: "3.5")
        mine = PagesKit.replacing(mine, ["rationale-military": "My own reasoning"])
        let res = try await PagesKit.submit(app, "/domains/tidal-stream-energy/assess", mine, as: late)
        let html = res.body.string

        // check
        #expect(res.status == .conflict)
        let message = try #require(PagesKit.text(html, id: "conflict"))
        #expect(
          message.contains(
            "Someone else saved version 2 of this domain while you were editing: C. Colleague on 2026-11-25"))
        #expect(PagesKit.tags(html, "div", having: ["id": "conflict"]).first?["role"] == "alert")
        // Their value next to ours.
        #expect(PagesKit.tags(html, "tr", having: ["data-criterion": "military"]).count == 1)
        #expect(message.contains("Military applicability23.5"))
        // Our input kept, and the form now based on the current version.
        #expect(PagesKit.tags(html, "input", having: ["name": "score-military"]).first?["value"] == "3.5")
        #expect(PagesKit.text(html, id: "signed-by")?.contains("D. Late") == true)
        #expect(html.contains(">My own reasoning</textarea>"))
        #expect(PagesKit.tags(html, "input", having: ["name": "base_version"]).first?["value"] == "2")
        // Nothing saved.
        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy")?.assessments.count == 2)

        // Resubmitting the re-rendered form succeeds as version 3.
        let again = try await PagesKit.submit(
          app, "/domains/tidal-stream-energy/assess", PagesKit.formFields(html, id: "assessment-form"), as: late)
        #expect(again.status == .seeOther)
        let stored = try await app.catalog.repository.domain(id: "tidal-stream-energy")
        #expect(stored?.assessments.count == 3)
        #expect(stored?.current?.assessor == "D. Late")
        #expect(stored?.current?.scores[.military]?.rationale == "My own reasoning")
      }
    }

    @Test("a base_version from the future → 409; a missing one → 422; nothing saved")
    func oddBaseVersions() async throws {
      try await PagesKit.withSite { app in
        // act
        var res = try await PagesKit.submit(
          app, "/domains/high-performance-computing/assess", PagesKit.appendFields(base: 9))
        // check
        #expect(res.status == .conflict)
        #expect(
          PagesKit.text(res.body.string, id: "conflict")?.contains(
            "Your form says it started from version 9, but the domain is at version 1") == true)
        #expect(PagesKit.tags(res.body.string, "input", having: ["name": "base_version"]).first?["value"] == "1")

        res = try await PagesKit.submit(
          app, "/domains/high-performance-computing/assess",
          PagesKit.appendFields(base: 1).filter { $0.0 != "base_version" })
        #expect(res.status == .unprocessableEntity)
        #expect(
          PagesKit.text(res.body.string, id: "form-errors")?.contains(
            "Version: the form did not say which version it started from") == true)
        #expect(try await app.catalog.repository.domain(id: "high-performance-computing")?.assessments.count == 1)

        // Refused input on a stale form shows the conflict too, and rebases the form.
        #expect(
          try await PagesKit.submit(
            app, "/domains/high-performance-computing/assess", PagesKit.appendFields(base: 1, assessor: "First")
          ).status == .seeOther)
        res = try await PagesKit.submit(
          app, "/domains/high-performance-computing/assess", PagesKit.appendFields(base: 1, military: "9"))
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains("id=\"conflict\""))
        #expect(res.body.string.contains("id=\"form-errors\""))
        #expect(PagesKit.tags(res.body.string, "input", having: ["name": "base_version"]).first?["value"] == "2")
      }
    }

    @Test("a missing or wrong CSRF token → 403 and nothing saved")
    func csrf() async throws {
      try await PagesKit.withSite { app in
        let token = try await PagesKit.csrfToken(app)
        let fields = PagesKit.newDomainFields(id: "tidal-stream-energy")

        // act & check: no field
        var res = try await PagesKit.post(app, "/assess", fields, cookie: token, field: nil)
        #expect(res.status == .forbidden)
        #expect(res.headers.contentType == .html)
        #expect(res.body.string.contains("This form expired or came from another site"))
        // wrong field
        res = try await PagesKit.post(app, "/assess", fields, cookie: token, field: String(repeating: "x", count: 43))
        #expect(res.status == .forbidden)
        // no cookie
        res = try await PagesKit.post(app, "/assess", fields, cookie: nil, field: token)
        #expect(res.status == .forbidden)
        // appending is protected too
        res = try await PagesKit.post(
          app, "/domains/high-performance-computing/assess", PagesKit.appendFields(base: 1), cookie: token,
          field: "wrong")
        #expect(res.status == .forbidden)

        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy") == nil)
        #expect(try await app.catalog.repository.domain(id: "high-performance-computing")?.assessments.count == 1)
      }
    }

    @Test("a form posted as JSON is refused: its token cannot be read, and a header does not replace the field")
    func wrongContentType() async throws {
      try await PagesKit.withSite { app in
        let session = PagesKit.session(app)
        let res = try await app.testing().sendRequest(
          .POST, "/assess",
          headers: ["Content-Type": "application/json", "Cookie": session.cookies(), "X-CSRF-Token": session.token],
          body: .init(string: "{\"_csrf\": \"\(session.token)\", \"id\": \"json-form\"}"))
        #expect(res.status == .forbidden || res.status == .unsupportedMediaType)
        #expect(try await app.catalog.repository.domain(id: "json-form") == nil)
      }
    }
  }
}
