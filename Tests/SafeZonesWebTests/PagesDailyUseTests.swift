import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// Assessing and reading a domain as people meet it: links from a new domain, a
  /// back-dated save said for what it is, and viability that does not alarm over missing data.
  @Suite("Pages: daily use")
  struct PagesDailyUseTests {
    @Test("/assess links the new domain to existing ones, and the linked risk applies")
    func newDomainLinks() async throws {
      try await PagesKit.withFixture { app in
        // check: the form offers every domain as a target, and the kinds with their meaning
        let form = try await PagesKit.get(app, "/assess").body.string
        #expect(PagesKit.tags(form, "fieldset", having: ["id": "link-fields"]).count == 1)
        let options = PagesKit.tags(form, "option").compactMap { $0["value"] }
        for id in ["alpha-physics", "beta-batteries", "delta-devices", "gamma-wind", "applies", "reframes"] {
          #expect(options.contains(id), "\(id)")
        }
        #expect(PagesKit.tags(form, "select", having: ["name": "link-target-2"]).count == 1)

        // act: a new domain that applies the results of the fixture's most sensitive domain
        let fields =
          PagesKit.newDomainFields(id: "tidal-stream-energy") + [
            ("link-target-0", ""), ("link-kind-0", "related"), ("link-weight-0", "0.5"), ("link-rationale-0", ""),
            ("link-target-1", "delta-devices"), ("link-kind-1", "applies"), ("link-weight-1", "1"),
            ("link-rationale-1", "Uses the devices' control systems."),
          ]
        let res = try await PagesKit.submit(app, "/assess", fields)
        #expect(res.status == .seeOther)

        // check: the link is stored as typed, and the risk it carries is the domain's
        let domain = try #require(try await app.catalog.repository.domain(id: "tidal-stream-energy"))
        #expect(
          domain.links == [
            DomainLink(
              target: "delta-devices", kind: "applies", weight: 1, rationale: "Uses the devices' control systems.")
          ])
        let snapshot = try await app.catalog.snapshot()
        let entry = try #require(
          LinkedRisk.entry(for: "tidal-stream-energy", in: snapshot.domains, rubric: snapshot.rubric))
        #expect(entry.isRaised && entry.source == "delta-devices")
        let page = try await PagesKit.get(app, "/domains/tidal-stream-energy").body.string
        #expect(PagesKit.tags(page, "p", having: ["id": "linked-risk", "class": "raised"]).count == 1)
      }
    }

    @Test("a bad link is refused next to its row, naming the problem; what was typed stays")
    func badLinks() async throws {
      try await PagesKit.withFixture { app in
        let fields =
          PagesKit.newDomainFields(id: "tidal-stream-energy") + [
            ("link-target-0", "no-such-domain"), ("link-kind-0", "applies"), ("link-weight-0", "0.5"),
            ("link-target-1", "gamma-wind"), ("link-kind-1", "related"), ("link-weight-1", "2"),
            ("link-rationale-1", "Kept <as typed>"),
            ("link-target-2", "tidal-stream-energy"), ("link-kind-2", "related"), ("link-weight-2", "0.3"),
          ]
        let res = try await PagesKit.submit(app, "/assess", fields)
        #expect(res.status == .unprocessableEntity)
        let html = res.body.string
        #expect(PagesKit.text(html, id: "error-link-target-0")?.contains("No domain with id 'no-such-domain'") == true)
        #expect(PagesKit.text(html, id: "error-link-weight-1")?.contains("from 0 (a loose tie) to 1") == true)
        #expect(PagesKit.text(html, id: "error-link-target-2")?.contains("cannot link to itself") == true)
        #expect(PagesKit.text(html, id: "form-errors")?.contains("Link 2, weight") == true)
        #expect(PagesKit.tags(html, "input", having: ["name": "link-weight-1"]).first?["value"] == "2")
        #expect(html.contains(">Kept &lt;as typed&gt;</textarea>"))
        #expect(try await app.catalog.repository.domain(id: "tidal-stream-energy") == nil)
      }
    }

    @Test("a back-dated save joins the history at its date and is said to leave the current placement unchanged")
    func backDatedSave() async throws {
      try await PagesKit.withFixture { app in
        // act: an assessment of alpha-physics dated before its current one (2026-01-15)
        let form = try await PagesKit.get(app, "/domains/alpha-physics/assess").body.string
        let fields = PagesKit.replacing(
          PagesKit.formFields(form, id: "assessment-form"), ["date": "2020-03-01", "score-military": "3"])
        let res = try await PagesKit.submit(app, "/domains/alpha-physics/assess", fields)
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/domains/alpha-physics?saved=2")

        // check: version 2 is back-dated; version 1 stays current
        let html = try await PagesKit.get(app, "/domains/alpha-physics?saved=2").body.string
        let notice = try #require(PagesKit.text(html, id: "saved-notice"))
        #expect(notice.contains("Saved as version 2, dated 2020-03-01"))
        #expect(notice.contains("the current placement is unchanged"))
        let order = PagesKit.tags(html, "li").compactMap { $0["data-version"] }
        #expect(order == ["1", "2"])  // newest date first: version 1 (2026) above version 2 (2020)
        #expect(PagesKit.text(html, id: "version-1")?.contains("Version 1 (current)") == true)
        #expect(PagesKit.text(html, id: "version-2")?.contains("back-dated") == true)
        // The version number still opens the same assessment.
        let old = try await PagesKit.get(app, "/domains/alpha-physics?version=2").body.string
        #expect(PagesKit.text(old, id: "version-notice")?.contains("version 2 of 2") == true)
        #expect(PagesKit.text(old, id: "version-notice")?.contains("2020-03-01") == true)
        // The map as of 2021 places the back-dated judgement; today's map the current one.
        let snapshot = try await app.catalog.snapshot()
        let domain = try #require(snapshot.domain("alpha-physics"))
        #expect(domain.assessment(asOf: Day("2021-01-01")!)?.date == Day("2020-03-01")!)
        #expect(domain.current?.date == Day("2026-01-15")!)
      }
    }

    @Test("viability says what is missing in neutral words, and 'not viable' only when a side judged it so")
    func viabilityWording() async throws {
      try await PagesKit.withFixture { app in
        // The fixture's alpha-physics has only a US assessor.
        let html = try await PagesKit.get(app, "/domains/alpha-physics").body.string
        let text = try #require(PagesKit.text(html, id: "viability"))
        #expect(text.hasPrefix("Viability not known yet."))
        #expect(text.contains("No assessment from the CN side yet"))
        #expect(!html.contains("Not shown to be viable"))
        #expect(PagesKit.tags(html, "p", having: ["id": "viability", "data-status": "incomplete"]).count == 1)
      }
    }
  }
}
