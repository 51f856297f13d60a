import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// Change over time and links on the site: `/warnings`, `/graph`, the map's `as_of` and
  /// `trajectories`, and the domain page's migration section (shipped knowledge base).
  @Suite("change over time and links")
  struct PagesChangeTests {
    /// `data-…` values of the `<li class="warning …">` items, in page order.
    static func warnings(_ html: String, _ attribute: String) -> [String] {
      PagesKit.tags(html, "li").filter { ($0["class"] ?? "").hasPrefix("warning") }.compactMap { $0[attribute] }
    }

    @Test("GET /warnings lists the shipped migrations, most severe first, with links and the essay's cases")
    func warningsPage() async throws {
      try await PagesKit.withSite { app in
        // act
        let res = try await PagesKit.get(app, "/warnings")
        let html = res.body.string
        // check
        #expect(res.status == .ok)
        #expect(Self.warnings(html, "data-kind") == ["north-west", "maturing-left", "maturing-left", "reframed-down"])
        #expect(
          Self.warnings(html, "data-domain") == [
            // Of the two maturing-left warnings, the more recent first (direct air capture's
            // current judgement rests on 2025 evidence).
            "solid-earth-physics", "direct-air-capture", "carbon-capture", "covid-19-origins",
          ])
        #expect(Self.warnings(html, "data-severity") == ["medium", "low", "low", "info"])
        #expect(PagesKit.text(html, id: "warning-count") == "4 warnings")
        #expect(html.contains("href=\"/domains/solid-earth-physics\""))
        #expect(html.contains("href=\"/domains/zoonotic-disease-control\""))
        #expect(html.contains("some advances in solid earth physics"))
        #expect(PagesKit.tags(html, "input", having: ["type": "date", "name": "as_of"]).count == 1)
        #expect(PagesKit.tags(html, "table", having: ["data-id": "direct-air-capture"]).count == 1)
        #expect(!html.contains("<style") && !html.contains("style=\""))
      }
    }

    @Test("GET /warnings?as_of=… shows what was known then; bad dates and horizons are 400")
    func warningsAsOf() async throws {
      try await PagesKit.withSite { app in
        // Before the essay (2021-07-01) only solid-earth physics' drift was on record.
        let html = try await PagesKit.get(app, "/warnings?as_of=2021-06-15").body.string
        #expect(Self.warnings(html, "data-kind") == ["north-west"])
        #expect(PagesKit.tags(html, "input", having: ["name": "as_of", "value": "2021-06-15"]).count == 1)
        #expect(PagesKit.text(html, id: "warning-count") == "1 warning as of 2021-06-15")
        // By the essay's date, all four of its cases.
        let essay = try await PagesKit.get(app, "/warnings?as_of=2021-07-01").body.string
        #expect(Self.warnings(essay, "data-kind") == ["north-west", "maturing-left", "maturing-left", "reframed-down"])
        let none = try await PagesKit.get(app, "/warnings?as_of=2000-01-01").body.string
        #expect(PagesKit.text(none, id: "warning-count") == "No warnings as of 2000-01-01")
        #expect(try await PagesKit.get(app, "/warnings?as_of=2026-13-01").status == .badRequest)
        #expect(try await PagesKit.get(app, "/warnings?as_of=%3Cscript%3E").body.string.contains("&lt;script&gt;"))
        #expect(try await PagesKit.get(app, "/warnings?horizon=-1").status == .badRequest)
        #expect(try await PagesKit.get(app, "/warnings?as_of=").status == .ok)
      }
    }

    @Test("GET /graph draws the links inline (no style element), links every node and lists the carried risk")
    func graphPage() async throws {
      try await PagesKit.withSite { app in
        let res = try await PagesKit.get(app, "/graph")
        let html = res.body.string
        #expect(res.status == .ok)
        #expect(html.contains("<figure id=\"graph\""))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<style") && !html.contains("style=\""))
        let total = try KnowledgeBase.domains().count
        let nodes = PagesKit.tags(html, "g").filter { ($0["class"] ?? "").hasPrefix("domain") }.compactMap {
          $0["data-id"]
        }
        #expect(nodes.count == total)
        #expect(html.contains("href=\"/domains/missile-guidance\""))
        let edges = PagesKit.tags(html, "g", having: ["class": "edge"])
        #expect(edges.count == (try KnowledgeBase.domains().reduce(0) { $0 + $1.links.count }))
        #expect(
          PagesKit.tags(html, "tr", having: ["data-from": "solid-earth-physics", "data-to": "missile-guidance"]).count
            == 1)
        let raised = PagesKit.tags(html, "tr", having: ["class": "raised"]).compactMap { $0["data-id"] }
        #expect(raised == ["solid-earth-physics"])
        // Only linked domains, on request.
        let linked = try await PagesKit.get(app, "/graph?only_linked=on").body.string
        let shown = PagesKit.tags(linked, "g").filter { ($0["class"] ?? "").hasPrefix("domain") }.compactMap {
          $0["data-id"]
        }
        let shipped = try KnowledgeBase.domains()
        let touched = Set(shipped.filter { !$0.links.isEmpty }.map(\.id) + shipped.flatMap { $0.links.map(\.target) })
        #expect(Set(shown) == touched)
        #expect(shown.count < shipped.count)
        #expect(PagesKit.tags(linked, "input", having: ["name": "only_linked", "checked": ""]).count == 1)
        // As of 2015 only carbon capture had been assessed.
        let early = try await PagesKit.get(app, "/graph?as_of=2015-01-01").body.string
        #expect(PagesKit.tags(early, "g", having: ["class": "edge"]).isEmpty)
        #expect(try await PagesKit.get(app, "/graph?as_of=yesterday").status == .badRequest)
      }
    }

    @Test("the map takes as_of and trajectories from a plain GET form")
    func mapOverTime() async throws {
      try await PagesKit.withSite { app in
        let html = try await PagesKit.get(app, "/").body.string
        #expect(PagesKit.tags(html, "input", having: ["type": "date", "name": "as_of", "value": ""]).count == 1)
        #expect(PagesKit.tags(html, "input", having: ["type": "checkbox", "name": "trajectories"]).count == 1)
        #expect(PagesKit.tags(html, "a", having: ["href": "/warnings"]).count >= 1)
        #expect(PagesKit.tags(html, "a", having: ["href": "/graph"]).count >= 1)
        #expect(!html.contains("class=\"trajectory\""))

        // act: the map as of 2019
        let then = try await PagesKit.get(app, "/?as_of=2019-01-01").body.string
        // check
        #expect(Set(PagesKit.tableIDs(then)) == ["solid-earth-physics", "carbon-capture", "direct-air-capture"])
        #expect(PagesKit.tags(then, "input", having: ["name": "as_of", "value": "2019-01-01"]).count == 1)
        #expect(then.contains("as of 2019-01-01"))
        #expect(PagesKit.tags(then, "a", having: ["href": "/warnings?as_of=2019-01-01"]).count == 1)

        // act: trajectories, with a filter
        let drawn = try await PagesKit.get(app, "/?trajectories=on").body.string
        #expect(
          PagesKit.tags(drawn, "g", having: ["class": "trajectory"]).compactMap { $0["data-id"] }.sorted() == [
            "carbon-capture", "covid-19-origins", "direct-air-capture", "solid-earth-physics",
          ])
        #expect(PagesKit.tags(drawn, "input", having: ["name": "trajectories", "checked": ""]).count == 1)
        #expect(!drawn.contains("<style"))
        let one = try await PagesKit.get(app, "/?trajectories=on&q=covid").body.string
        #expect(
          PagesKit.tags(one, "g", having: ["class": "trajectory"]).compactMap { $0["data-id"] } == ["covid-19-origins"])
        #expect(try await PagesKit.get(app, "/?as_of=2019-02-30").status == .badRequest)
      }
    }

    @Test("links from a dated map keep its date and layers; the map file and CSV are drawn as the page shows them")
    func mapViewKeptByLinksAndDownloads() async throws {
      try await PagesKit.withSite { app in
        let html = try await PagesKit.get(app, "/?as_of=2019-01-01&trajectories=on&q=carbon").body.string
        let view = "as_of=2019-01-01&trajectories=on"
        #expect(
          PagesKit.tags(html, "a", having: ["id": "clear-filters"]).first?["href"] == "/?\(view)")
        #expect(
          PagesKit.tags(html, "a", having: ["id": "download-svg"]).first?["href"] == "/map.svg?q=carbon&\(view)")
        #expect(
          PagesKit.tags(html, "a", having: ["id": "download-csv"]).first?["href"]
            == "/export.csv?q=carbon&as_of=2019-01-01")
        #expect(
          PagesKit.tags(html, "a", having: ["href": "/?quadrant=safe-zone&q=carbon&\(view)"]).count == 1,
          "the quadrant cards keep the date and layers")

        // act: the file behind the link
        let svg = try await PagesKit.get(app, "/map.svg?q=carbon&\(view)")
        // check: the domains placed by then, with their trajectories, no page links
        #expect(svg.status == .ok)
        #expect(
          svg.headers.first(name: .contentDisposition) == "attachment; filename=\"safezones-map-2019-01-01.svg\"")
        let drawn = svg.body.string
        // "carbon" finds carbon capture and direct air capture (a keyword of it), not the
        // solid-earth physics also on the map by then.
        #expect(Set(PagesKit.mapPoints(drawn)) == ["carbon-capture", "direct-air-capture"])
        #expect(drawn.contains("as of 2019-01-01"))
        #expect(!drawn.contains("href=\"/domains/"))
        let today = try await PagesKit.get(app, "/map.svg?q=carbon&trajectories=on").body.string
        #expect(
          PagesKit.tags(today, "g", having: ["class": "trajectory"]).compactMap { $0["data-id"] } == [
            "carbon-capture", "direct-air-capture",
          ])

        let then = try await PagesKit.get(app, "/export.csv?as_of=2019-01-01").body.string
        #expect(
          Set(then.split(separator: "\r\n").dropFirst().map { String($0.prefix { $0 != "," }) })
            == ["solid-earth-physics", "carbon-capture", "direct-air-capture"])
        #expect(try await PagesKit.get(app, "/map.svg?as_of=2019-02-30").status == .badRequest)
        #expect(try await PagesKit.get(app, "/export.csv?as_of=soon").status == .badRequest)

        let layered = try await PagesKit.get(app, "/map.svg?uncertainty=1").body.string
        #expect(layered.contains("P(safe zone)"))
      }
    }

    @Test("a domain page shows its migration warnings, trajectory, projection and carried risk")
    func domainSection() async throws {
      try await PagesKit.withSite { app in
        let html = try await PagesKit.get(app, "/domains/solid-earth-physics").body.string
        #expect(html.contains("<section id=\"migration\""))
        #expect(Self.warnings(html, "data-kind") == ["north-west"])
        let rows = PagesKit.tags(html, "tr").compactMap { $0["data-date"] }
        #expect(rows == ["2016-06-01", "2021-06-01", "2021-07-01"])
        #expect(PagesKit.tags(html, "table", having: ["id": "projection"]).count == 1)
        #expect(PagesKit.tags(html, "p", having: ["id": "linked-risk", "class": "raised"]).count == 1)
        #expect(PagesKit.text(html, id: "linked-risk")?.contains("from missile-guidance") == true)
        #expect(PagesKit.tags(html, "a", having: ["href": "/?trajectories=on&q=solid-earth-physics"]).count == 1)
        // The section sits between the links and the history.
        let links = try #require(html.range(of: "id=\"linked\""))
        let migration = try #require(html.range(of: "id=\"migration\""))
        let history = try #require(html.range(of: "<section id=\"history\""))
        #expect(links.lowerBound < migration.lowerBound && migration.lowerBound < history.lowerBound)

        // The reframed topic shows the reframing too.
        let zoonotic = try await PagesKit.get(app, "/domains/zoonotic-disease-control").body.string
        #expect(Self.warnings(zoonotic, "data-kind") == ["reframed-down"])
        #expect(zoonotic.contains("href=\"/domains/zoonotic-disease-control\""))
        // A domain with one assessment says so.
        let radio = try await PagesKit.get(app, "/domains/radio-astronomy").body.string
        #expect(PagesKit.text(radio, id: "no-warnings")?.contains("a single assessment has no trajectory yet") == true)
        #expect(PagesKit.tags(radio, "table", having: ["id": "projection"]).isEmpty)
        #expect(!radio.contains("id=\"linked-risk\""))
      }
    }

    @Test("a new assessment that crosses into high risk shows up at once as a warning")
    func liveWarning() async throws {
      try await PagesKit.withFixture { app in
        // setup: alpha-physics is in the safe zone; add a much riskier assessment
        let response = try await PagesKit.submit(
          app, "/domains/alpha-physics/assess",
          PagesKit.replacing(
            PagesKit.appendFields(base: 1, military: "4"),
            [
              "score-security_exposure": "4", "score-salience": "4", "score-stakeholder_support": "0",
              "low-stakeholder_support": "", "high-stakeholder_support": "", "score-indifference": "0",
            ]))
        #expect(response.status == .seeOther)
        // act
        let page = try await PagesKit.get(app, "/domains/alpha-physics").body.string
        let list = try await PagesKit.get(app, "/warnings").body.string
        // check
        #expect(Self.warnings(page, "data-kind").contains("quadrant-changed"))
        #expect(Self.warnings(list, "data-domain").first == "alpha-physics")
        #expect(Self.warnings(list, "data-severity").first == "high")
      }
    }
  }
}
