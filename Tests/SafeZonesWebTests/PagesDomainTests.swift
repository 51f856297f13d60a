import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  @Suite("domain page, rubric page and errors")
  struct PagesDomainTests {
    @Test("GET /domains/:id explains the current placement, strategy, links and history")
    func domainPage() async throws {
      try await PagesKit.withSite { app in
        let snapshot = try await app.catalog.snapshot()
        let report = try #require(snapshot.placedDomain("quantum-encryption"))

        // act
        let res = try await PagesKit.get(app, "/domains/quantum-encryption")
        let html = res.body.string

        // check
        #expect(res.status == .ok)
        #expect(html.contains("<h1>Quantum encryption</h1>"))
        let placement = try #require(PagesKit.tags(html, "section", having: ["id": "placement"]).first)
        #expect(placement["data-quadrant"] == report.quadrant.rawValue)
        #expect(PagesKit.text(html, id: "gains") == Format.fixed(report.placement.gains))
        #expect(PagesKit.text(html, id: "risk") == Format.fixed(report.placement.risk))
        // One row per rubric criterion, with the level meaning of its score.
        let criteria = PagesKit.tags(html, "tr").compactMap { $0["data-criterion"] }
        #expect(criteria == snapshot.rubric.criteria.map(\.id.rawValue))
        #expect(html.contains("id=\"strategy\""))
        #expect(html.contains(Esc.text(report.strategy.stance.headline)))
        // Links to the linked domains, by name.
        for link in report.domain.links {
          #expect(html.contains("href=\"/domains/\(link.target)\""), "link to \(link.target)")
        }
        #expect(
          PagesKit.tags(html, "a", having: ["id": "add-assessment"]).first?["href"]
            == "/domains/quantum-encryption/assess")
        #expect(PagesKit.tags(html, "li", having: ["data-version": "1"]).count == 1)
        #expect(html.contains("id=\"history\""))
        #expect(!html.contains("id=\"version-notice\""))
      }
    }

    @Test("evidence URLs become links and everything else stays text")
    func evidenceLinks() async throws {
      try await PagesKit.withFixture { app in
        let html = try await PagesKit.get(app, "/domains/alpha-physics").body.string
        #expect(
          html.contains(
            "<a href=\"https://example.org/a?x=1&amp;y=2\" rel=\"noopener noreferrer nofollow\" class=\"evidence-link\">"
          ))
        #expect(
          html.contains("Essay, &#39;A framework for cooperation&#39;")
            || html.contains("Essay, 'A framework for cooperation'"))
        // The range is shown with its ends; the link's target is named.
        #expect(html.contains("3 (range 2–4)"))
        #expect(html.contains("href=\"/domains/delta-devices\">Delta devices</a>"))
        // The reverse link shows on the linked domain.
        let delta = try await PagesKit.get(app, "/domains/delta-devices").body.string
        #expect(delta.contains("id=\"linked-from\""))
        #expect(delta.contains("href=\"/domains/alpha-physics\">Alpha physics</a>"))
      }
    }

    @Test("a missing criterion is listed and shown as not scored")
    func missingCriterion() async throws {
      try await PagesKit.withFixture { app in
        let html = try await PagesKit.get(app, "/domains/beta-batteries").body.string
        #expect(PagesKit.text(html, id: "missing")?.hasPrefix("Domestic indifference.") == true)
        #expect(PagesKit.tags(html, "tr", having: ["data-criterion": "indifference", "class": "unscored"]).count == 1)
        #expect(html.contains("id=\"envelope\""))
      }
    }

    @Test("unknown domain → 404 page; bad or unknown version → 400 / 404")
    func notFound() async throws {
      try await PagesKit.withSite { app in
        // act
        let res = try await PagesKit.get(app, "/domains/no-such-domain")
        // check
        #expect(res.status == .notFound)
        #expect(res.headers.contentType == .html)
        #expect(
          res.body.string.contains("no domain with id &#39;no-such-domain&#39;")
            || res.body.string.contains("no domain with id 'no-such-domain'"))
        #expect(res.body.string.contains("Back to the map"))
        #expect(
          PagesKit.tags(res.body.string, "a", having: ["id": "create-missing"]).first?["href"]
            == "/assess?id=no-such-domain")
        let prefilled = try await PagesKit.get(app, "/assess?id=no-such-domain").body.string
        #expect(PagesKit.tags(prefilled, "input", having: ["name": "id"]).first?["value"] == "no-such-domain")

        #expect(try await PagesKit.get(app, "/domains/no-such-domain/assess").status == .notFound)
        #expect(try await PagesKit.get(app, "/domains/quantum-encryption?version=abc").status == .badRequest)
        let tooFar = try await PagesKit.get(app, "/domains/quantum-encryption?version=7")
        #expect(tooFar.status == .notFound)
        #expect(tooFar.body.string.contains("has no version 7"))
        #expect(try await PagesKit.get(app, "/domains/quantum-encryption?version=0").status == .notFound)
        #expect(try await PagesKit.get(app, "/domains/quantum-encryption?version=1").status == .ok)

        // Any unknown path gets the HTML error page, not JSON.
        let page = try await PagesKit.get(app, "/no/such/page")
        #expect(page.status == .notFound)
        #expect(page.headers.contentType == .html)
        #expect(page.body.string.contains("Error 404"))
      }
    }

    @Test(
      "GET /rubric shows thresholds, constants and every criterion with its levels; /rubric.yaml downloads the file")
    func rubricPage() async throws {
      try await PagesKit.withSite { app in
        let rubric = try KnowledgeBase.rubric()
        // act
        let res = try await PagesKit.get(app, "/rubric")
        let html = res.body.string
        // check
        #expect(res.status == .ok)
        #expect(html.contains("<h1>Rubric \(rubric.version)</h1>"))
        #expect(PagesKit.text(html, id: "threshold-gains")?.hasPrefix(Format.number(rubric.thresholds.gains)) == true)
        #expect(PagesKit.text(html, id: "threshold-risk")?.hasPrefix(Format.number(rubric.thresholds.risk)) == true)
        #expect(PagesKit.text(html, id: "peak-share")?.hasPrefix(Format.number(rubric.aggregation.peakShare)) == true)
        #expect(
          PagesKit.text(html, id: "mitigation-strength")?.hasPrefix(
            Format.number(rubric.aggregation.mitigationStrength)) == true)
        #expect(PagesKit.text(html, id: "countries") == "\(rubric.countries.first) and \(rubric.countries.second)")
        let cards = PagesKit.tags(html, "article").compactMap { $0["data-criterion"] }
        #expect(cards == Axis.allCases.flatMap { rubric.criteria(on: $0) }.map(\.id.rawValue))
        #expect(PagesKit.tags(html, "li").filter { $0["data-level"] != nil }.count == rubric.criteria.count * 5)
        #expect(PagesKit.tags(html, "a", having: ["id": "download-rubric"]).first?["href"] == "/rubric.yaml")

        let file = try await PagesKit.get(app, "/rubric.yaml")
        #expect(file.status == .ok)
        #expect(
          file.headers.first(name: .contentDisposition)?.hasPrefix("attachment; filename=\"safezones-rubric-") == true)
        #expect(file.body.string == (try KnowledgeBase.rubricText()))
      }
    }

    @Test("the error page has a heading, the message, and ways on")
    func errorPage() async throws {
      let page = ErrorPage.page(AppError.notFound("no domain with id '<x>'"), path: "/domains/x").html().render()
      #expect(page.contains("<h1>Not found</h1>"))
      #expect(page.contains("no domain with id '&lt;x&gt;'"))
      #expect(!page.contains("<x>"))
      let server = ErrorPage.page(
        AppError(.internalServerError, code: "internal", message: "internal error"), path: "/"
      ).html().render()
      #expect(server.contains("Something went wrong"))
    }
  }
}
