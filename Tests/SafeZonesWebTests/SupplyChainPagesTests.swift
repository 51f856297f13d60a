import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// Supply-chain stress tests through the real app: run the example, read the report with
  /// its charts and downloads, the refusals, who may do what, a large network in the
  /// background, and the domain page's list of chains.
  @Suite("supply-chain pages")
  struct SupplyChainPagesTests {
    static let example = SupplyChainPage.example

    @Test("every supply-chain page needs an account, even when the map is open to the public")
    func needsAccount() async throws {
      try await PagesKit.withSite(adjust: { $0.publicRead = true }) { app in
        for path in ["/supply-chains", "/supply-chains/1", "/supply-chains/1/report.json", "/supply-chains/1/status"] {
          let res = try await app.testing().sendRequest(.GET, path)
          #expect(res.status == .seeOther, "\(path): \(res.status)")
        }
      }
    }

    @Test("run the example: report, charts, placements of the domains, downloads; listed on the domain page")
    func runExample() async throws {
      try await PagesKit.withSite { app in
        let form = try await PagesKit.get(app, "/supply-chains?example")
        #expect(form.status == .ok)
        #expect(form.body.string.contains("cells-a"), "the example fills the box")
        let res = try await PagesKit.submit(app, "/supply-chains", [("network", Self.example), ("mitigate", "likely")])
        #expect(res.status == .seeOther)
        let location = try #require(res.headers.first(name: .location))
        #expect(location.hasPrefix("/supply-chains/"))
        let page = try await PagesKit.get(app, location)
        #expect(page.status == .ok)
        let html = page.body.string
        #expect(
          PagesKit.text(html, id: "run-status")?.contains("done") == true,
          "\(PagesKit.text(html, id: "run-status") ?? "")")
        #expect(html.contains("id=\"tts-ttr-chart\""))
        #expect(html.contains("id=\"network-chart\""))
        // pack holds 5 days against a 10-day recovery: at risk, and so on the page.
        let pack = PagesKit.tags(html, "tr", having: ["data-node": "pack"])
        #expect(pack.first?["class"] == "at-risk")
        // The node's domain is shown with its placement, linked to its page.
        #expect(html.contains("/domains/lithium-based-batteries"))
        #expect(html.contains("id=\"mitigation\""))
        let json = try await PagesKit.get(app, location + "/report.json")
        #expect(json.status == .ok)
        let report = try JSONDecoder().decode(StressReport.self, from: Data(json.body.readableBytesView))
        #expect(report.nodes.count == 4)
        #expect(report.mitigation?.atRiskAfter == 0)
        let svg = try await PagesKit.get(app, location + "/tts-ttr.svg")
        #expect(svg.body.string.hasPrefix("<svg"))
        let input = try await PagesKit.get(app, location + "/input")
        #expect(input.body.string == Self.example)
        // Listed with its runs, and on the page of a domain it depends on.
        #expect(try await PagesKit.get(app, "/supply-chains").body.string.contains(location))
        let domain = try await PagesKit.get(app, "/domains/lithium-based-batteries").body.string
        #expect(PagesKit.tags(domain, "a", having: ["href": location]).count == 1, "the domain page lists the chain")
        let other = try await PagesKit.get(app, "/domains/neutrino-physics").body.string
        #expect(other.contains("no-supply-chains"))
      }
    }

    @Test("a bad network is refused with its line, nothing stored, the text kept")
    func refused() async throws {
      try await PagesKit.withSite { app in
        let broken = Self.example.replacingOccurrences(
          of: "{from: cathode, to: cells-b}", with: "{from: cathod, to: cells-b}")
        let res = try await PagesKit.submit(app, "/supply-chains", [("network", broken)])
        #expect(res.status == .unprocessableEntity)
        let html = res.body.string
        #expect(html.contains("pasted network:11:12"), "the line of the bad link")
        #expect(html.contains("did you mean &#39;cathode&#39;") || html.contains("did you mean 'cathode'"))
        #expect(html.contains("cathod, to: cells-b"), "the text is kept")
        #expect(try await app.catalog.repository.stressRuns.recent(limit: 5).isEmpty)
        let empty = try await PagesKit.submit(app, "/supply-chains", [("network", "  ")])
        #expect(empty.status == .unprocessableEntity)
        let unknown = try await PagesKit.get(app, "/supply-chains/999")
        #expect(unknown.status == .notFound)
      }
    }

    @Test("an assessor reads runs but may not start one")
    func assessorCannotRun() async throws {
      try await PagesKit.withSite { app in
        let assessor = try await PagesKit.signIn(app, role: .assessor)
        let list = try await PagesKit.get(app, "/supply-chains", as: assessor).body.string
        #expect(list.contains("needs-facilitator"))
        #expect(!list.contains("id=\"stress-form\""))
        let res = try await PagesKit.submit(app, "/supply-chains", [("network", Self.example)], as: assessor)
        #expect(res.status == .forbidden)
      }
    }

    @Test("a large network runs in the background; its status answers, then the report shows")
    func background() async throws {
      // A chain of 200 suppliers into one assembly: above the inline limit.
      var yaml =
        "network: {name: Wide}\nnodes:\n  - {id: asm, produces: kit, demand_per_day: 100, needs: {part: 1}, ttr_days: 1}\n"
      for i in 0..<200 {
        yaml +=
          "  - {id: s\(i), produces: part, capacity_per_day: 1, inventory: \(i), ttr_days: 30, country: C\(i % 4), tier: 1}\n"
      }
      yaml += "links:\n"
      for i in 0..<200 { yaml += "  - {from: s\(i), to: asm}\n" }
      try await PagesKit.withSite { app in
        let res = try await PagesKit.submit(app, "/supply-chains", [("network", yaml)])
        #expect(res.status == .seeOther)
        let location = try #require(res.headers.first(name: .location))
        var status = ""
        for _ in 0..<600 {
          let s = try await PagesKit.get(app, location + "/status")
          #expect(s.status == .ok)
          status = s.body.string
          if status.contains("\"status\":\"done\"") { break }
          try await Task.sleep(for: .milliseconds(100))
        }
        #expect(status.contains("\"status\":\"done\""), "\(status)")
        let page = try await PagesKit.get(app, location).body.string
        #expect(page.contains("stress-nodes"))
        #expect(PagesKit.tags(page, "tr", having: ["data-node": "s199"]).count == 1)
      }
    }
  }
}
