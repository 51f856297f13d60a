import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// Country pairs through the real app: the pair in view (query, remembered cookie,
  /// default), refusals, one pair's judgement never moving another's, the compare page and
  /// drawing, the API's `pair=` and `/api/v1/compare`, and Delphi rounds per pair.
  @Suite("country pairs")
  struct PairPagesTests {
    static func quadrant(_ html: String, _ id: String) -> String? {
      PagesKit.tags(html, "tr", having: ["data-id": id]).first?["data-quadrant"]
    }

    static func selected(_ html: String) -> String? {
      PagesKit.tags(html, "option", having: ["selected": ""]).first?["value"]
    }

    @Test("pair= scopes the map and is remembered in a cookie; the default pair is unchanged; an unknown pair is 400")
    func pairInView() async throws {
      try await PagesKit.withSite { app in
        let us = try await PagesKit.get(app, "/").body.string
        #expect(Self.selected(us) == "US-CN")
        #expect(Self.quadrant(us, "aerospace") == "monitor")
        #expect(Self.quadrant(us, "high-performance-computing") != nil)

        let res = try await PagesKit.get(app, "/?pair=EU-CN")
        #expect(res.status == .ok)
        let eu = res.body.string
        #expect(Self.selected(eu) == "EU-CN")
        #expect(Self.quadrant(eu, "aerospace") == "traditional")
        #expect(Self.quadrant(eu, "high-performance-computing") == nil, "not assessed for EU-CN")
        #expect(eu.contains("Safe zones for science: EU–CN cooperation"))
        let cookie = try #require(PagesKit.cookie(res, PairInView.cookie))
        #expect(cookie == "EU-CN")

        // The remembered pair holds on the next page without pair=.
        let session = PagesKit.session(app)
        let next = try await app.testing().sendRequest(
          .GET, "/warnings", headers: ["Cookie": session.cookies() + "; \(PairInView.cookie)=EU-CN"])
        #expect(Self.selected(next.body.string) == "EU-CN")
        // A remembered pair the rubric does not know is forgotten, not an error.
        let stale = try await app.testing().sendRequest(
          .GET, "/", headers: ["Cookie": session.cookies() + "; \(PairInView.cookie)=XX-YY"])
        #expect(stale.status == .ok)
        #expect(Self.selected(stale.body.string) == "US-CN")

        let bad = try await PagesKit.get(app, "/?pair=FR-CN")
        #expect(bad.status == .badRequest)
        #expect(
          bad.body.string.contains("unknown pair &#39;FR-CN&#39;; known pairs: US-CN, EU-CN")
            || bad.body.string.contains("unknown pair 'FR-CN'; known pairs: US-CN, EU-CN"))

        // The US-CN map is what it was before anyone looked at EU-CN.
        #expect(try await PagesKit.get(app, "/?pair=US-CN").body.string.contains("US–CN cooperation"))
      }
    }

    @Test("an EU-CN assessment through the form is recorded for EU-CN and never moves the US-CN placement")
    func assessForAPair() async throws {
      try await PagesKit.withSite { app in
        let id = "high-performance-computing"
        let before = try await PagesKit.get(app, "/domains/\(id)").body.string
        let missing = try await PagesKit.get(app, "/domains/\(id)?pair=EU-CN")
        #expect(missing.status == .notFound)
        #expect(missing.body.string.contains("has no assessment for EU–CN yet"))

        // The form for a domain not yet judged for the pair is blank and posts the pair back.
        let form = try await PagesKit.get(app, "/domains/\(id)/assess?pair=EU-CN").body.string
        let action = PagesKit.tags(form, "form", having: ["id": "assessment-form"]).first?["action"]
        #expect(action == "/domains/\(id)/assess?pair=EU-CN")
        let stored = try #require(try await app.catalog.repository.domain(id: id))
        var fields = PagesKit.appendFields(base: stored.latestVersion)
        fields.removeAll { $0.0.hasPrefix("score-") || $0.0.hasPrefix("low-") || $0.0.hasPrefix("high-") }
        for c in CriterionID.allCases { fields.append(("score-\(c.rawValue)", c.canonicalAxis == .gains ? "4" : "0")) }
        let res = try await PagesKit.submit(app, "/domains/\(id)/assess?pair=EU-CN", fields)
        #expect(res.status == .seeOther, "\(res.body.string.prefix(400))")

        let after = try #require(try await app.catalog.repository.domain(id: id))
        #expect(after.assessments.last?.pair == CountryPair("EU", "CN"))
        let eu = try await PagesKit.get(app, "/domains/\(id)?pair=EU-CN").body.string
        #expect(PagesKit.tags(eu, "section", having: ["id": "placement"]).first?["data-quadrant"] == "safe-zone")
        let us = try await PagesKit.get(app, "/domains/\(id)?pair=US-CN").body.string
        let quadrant = { (html: String) in
          PagesKit.tags(html, "section", having: ["id": "placement"]).first?["data-quadrant"]
        }
        #expect(quadrant(us) == quadrant(before))
        #expect(quadrant(us) != "safe-zone")
        #expect(PagesKit.text(us, id: "domain-pairs")?.contains("Also assessed for") == true)
      }
    }

    @Test("/compare lists the domains that change quadrant with their criteria, draws the maps; refuses one pair")
    func comparePage() async throws {
      try await PagesKit.withSite { app in
        let page = try await PagesKit.get(app, "/compare?pairs=US-CN,EU-CN")
        #expect(page.status == .ok)
        let html = page.body.string
        let count = try #require(PagesKit.tags(html, "p", having: ["id": "compare-count"]).first)
        #expect(Int(count["data-differing"] ?? "") ?? 0 > 0)
        let row = try #require(PagesKit.tags(html, "tr", having: ["data-id": "aerospace"]).first)
        #expect(row["data-differs"] == "true")
        #expect(html.contains("military: 3 for US–CN"))
        let svg = try await PagesKit.get(app, "/compare/maps.svg?pairs=US-CN,EU-CN")
        #expect(svg.status == .ok)
        #expect(svg.body.string.contains("Domains that change quadrant between US–CN and EU–CN"))
        #expect(try await PagesKit.get(app, "/compare?pairs=US-CN").status == .badRequest)
        #expect(try await PagesKit.get(app, "/compare?pairs=US-CN,XX-CN").status == .badRequest)
      }
    }

    @Test("a simulation run keeps the pair it was started for, and is planned on that pair's placements")
    func simulationRunPair() async throws {
      try await PagesKit.withSite { app in
        let runs = app.catalog.repository.simulationRuns
        let portfolio = "portfolio: {name: P, years: 5}\ncollaborations:\n  - {id: c1, domain: aerospace, budget: 1}\n"
        let created = try await runs.create(
          NewSimulationRun(
            portfolioName: "P", portfolioText: portfolio, seed: 1, trials: 10, years: 5, catalogueVersion: "x",
            rubricVersion: "y", pair: CountryPair("EU", "CN")))
        let read = try #require(try await runs.run(id: created.id))
        #expect(read.inputs.pair == CountryPair("EU", "CN"))
        let snapshot = try await app.catalog.snapshot(pair: read.inputs.pair)
        #expect(snapshot.pair == CountryPair("EU", "CN"))
        #expect(snapshot.placedDomain("aerospace")?.quadrant == .traditional)
      }
    }

    @Test("a Delphi round opened for EU-CN adopts its pooled judgement for EU-CN only")
    func roundPerPair() async throws {
      try await PagesKit.withSite { app in
        let repo = app.catalog.repository
        let round = try await repo.deliberation.openRound(
          NewRound(
            study: "EU panel", title: "First", domainIDs: ["wind-energy"], facilitator: "F",
            pair: CountryPair("EU", "CN")))
        #expect(round.pair == CountryPair("EU", "CN"))
        let stored = try #require(try await repo.domain(id: "wind-energy"))
        let eu = try #require(stored.assessments.last { $0.pair == CountryPair("EU", "CN") })
        var judged = eu
        judged.assessor = "Ada"
        for c in CriterionID.riskCriteria { judged.scores[c] = CriterionScore(0) }
        try await repo.deliberation.submit(RoundJudgement(judged, roundID: round.id, domainID: "wind-energy"))
        _ = try await repo.deliberation.closeRound(id: round.id)
        let usBefore = stored.assessments.filter { $0.pair == nil }
        let adopted = try await repo.deliberation.adopt(round: round.id, into: repo, date: Day(Date()))
        #expect(adopted.count == 1)
        let after = try #require(try await repo.domain(id: "wind-energy"))
        #expect(after.assessments.filter { $0.pair == nil } == usBefore, "the US-CN history is untouched")
        #expect(after.assessments.last?.pair == CountryPair("EU", "CN"))
        #expect(after.assessments.last?.assessor.contains("Delphi panel") == true)
        let page = try await PagesKit.get(app, "/rounds/\(round.id)").body.string
        #expect(PagesKit.text(page, id: "round-pair")?.contains("EU–CN") == true)
      }
    }
  }
}
