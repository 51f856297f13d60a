import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  @Suite("import and export page")
  struct PagesDataTests {
    static let good = """
      domains:
        - id: tidal-stream-energy
          name: Tidal stream energy
          tags: [energy]
          assessment:
            assessor: J. Analyst
            date: 2026-11-01
            scores:
              fundamentality: 3
              military: [0, 1, 2]
      """

    /// One good record and one bad one (line 9: bad id; line 15: score 7).
    static let bad = """
      domains:
        - id: tidal-stream-energy
          name: Tidal stream energy
          assessment:
            assessor: J. Analyst
            date: 2026-11-01
            scores:
              fundamentality: 3
        - id: Bad_ID
          name: Bad
          assessment:
            assessor: J. Analyst
            date: 2026-11-01
            scores:
              military: 7
      """

    @Test("GET /data has the upload form and the export links")
    func dataPage() async throws {
      try await PagesKit.withSite { app in
        let res = try await PagesKit.get(app, "/data")
        let html = res.body.string
        #expect(res.status == .ok)
        let form = try #require(PagesKit.tags(html, "form", having: ["id": "import-form"]).first)
        #expect(form["method"] == "post")
        #expect(form["action"] == "/data")
        #expect(form["enctype"] == "multipart/form-data")
        #expect(PagesKit.tags(html, "input", having: ["type": "file", "name": "file"]).count == 1)
        for href in ["/export.json", "/export.csv", "/history.csv", "/map.svg", "/rubric.yaml"] {
          #expect(PagesKit.tags(html, "a", having: ["href": href]).count == 1, "\(href)")
        }
      }
    }

    @Test("a good file is imported and summarised")
    func importGood() async throws {
      try await PagesKit.withSite { app in
        // act
        let res = try await PagesKit.upload(app, filename: "mine.yaml", content: Self.good)
        // check
        #expect(res.status == .ok)
        let summary = try #require(PagesKit.text(res.body.string, id: "import-summary"))
        #expect(summary.contains("Imported mine.yaml"))
        #expect(PagesKit.text(res.body.string, id: "import-created") == "tidal-stream-energy")
        #expect(PagesKit.text(res.body.string, id: "import-added") == "1")
        #expect(
          try await app.catalog.repository.domain(id: "tidal-stream-energy")?.current?.scores[.military]?.value
            == .range(low: 0, likely: 1, high: 2))
        #expect(PagesKit.tableIDs(try await PagesKit.get(app, "/").body.string).contains("tidal-stream-energy"))

        // Importing the same file again adds nothing.
        let again = try await PagesKit.upload(app, filename: "mine.yaml", content: Self.good)
        #expect(PagesKit.text(again.body.string, id: "import-unchanged") == "1")
        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy")?.assessments.count == 1)
      }
    }

    @Test("a bad file is refused as a whole, naming each bad record and its line")
    func importBad() async throws {
      try await PagesKit.withSite { app in
        let revision = try await app.catalog.repository.revision()
        // act
        let res = try await PagesKit.upload(app, filename: "bad.yaml", content: Self.bad)
        // check
        #expect(res.status == .unprocessableEntity)
        let html = res.body.string
        #expect(PagesKit.tags(html, "div", having: ["id": "import-errors"]).first?["role"] == "alert")
        #expect(PagesKit.text(html, id: "import-errors")?.contains("bad.yaml was not imported") == true)
        let rows = PagesKit.tags(html, "tr").filter { $0["data-key"] != nil }
        #expect(rows.map { $0["data-key"] ?? "" } == ["domains[1].id", "domains[1].assessment.scores.military"])
        #expect(rows.map { $0["data-line"] ?? "" } == ["9", "15"])
        #expect(html.contains("&#39;Bad_ID&#39; is not a valid id") || html.contains("'Bad_ID' is not a valid id"))
        #expect(html.contains("score must be between 0 and 4, got 7"))
        // All or nothing: the good record was not stored either.
        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy") == nil)
        #expect(try await app.catalog.repository.revision() == revision)
      }
    }

    @Test("no file, an empty file, a file that is not YAML, a link to an unknown domain")
    func importProblems() async throws {
      try await PagesKit.withSite { app in
        var res = try await PagesKit.upload(app, filename: "", content: "")
        #expect(res.status == .unprocessableEntity)
        #expect(PagesKit.text(res.body.string, id: "import-errors")?.contains("choose a file to import") == true)

        res = try await PagesKit.upload(app, filename: "empty.yaml", content: "")
        #expect(res.status == .unprocessableEntity)

        res = try await PagesKit.upload(app, filename: "junk.yaml", content: "domains: [\n")
        #expect(res.status == .unprocessableEntity)
        #expect(PagesKit.tags(res.body.string, "tr").contains { $0["data-line"] != nil })

        let linked = Self.good + "\n    links:\n      - {target: nowhere-domain}\n"
        res = try await PagesKit.upload(app, filename: "links.yaml", content: linked)
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains("links to unknown domain"))
      }
    }

    @Test("an upload without the CSRF field → 403, nothing stored")
    func importCSRF() async throws {
      try await PagesKit.withSite { app in
        let res = try await PagesKit.upload(app, filename: "mine.yaml", content: Self.good, csrf: false)
        #expect(res.status == .forbidden)
        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy") == nil)
      }
    }
  }
}
