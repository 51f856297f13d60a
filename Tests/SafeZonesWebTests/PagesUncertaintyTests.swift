import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The domain page's Uncertainty section, the map's uncertainty layer and quantiles in
  /// the assessment form, through the real app.
  @Suite("uncertainty pages")
  struct PagesUncertaintyTests {
    /// The `data-probability` of each quadrant's bar in the section.
    static func probabilities(_ html: String) -> [String: Double] {
      var out: [String: Double] = [:]
      for li in PagesKit.tags(html, "li") {
        if let q = li["data-quadrant"], let p = li["data-probability"].flatMap(Double.init) { out[q] = p }
      }
      return out
    }

    @Test(
      "the domain page shows the chance of each quadrant (summing to 1), intervals, tornado, importance and perspectives"
    )
    func domainSection() async throws {
      try await PagesKit.withSite { app in
        // act
        let res = try await PagesKit.get(app, "/domains/advanced-materials")
        let html = res.body.string
        // check
        #expect(res.status == .ok)
        #expect(PagesKit.tags(html, "section", having: ["id": "uncertainty"]).count == 1)
        let p = Self.probabilities(html)
        #expect(Set(p.keys) == Set(Quadrant.allCases.map(\.rawValue)))
        #expect(abs(p.values.reduce(0, +) - 1) < 0.002)
        // Advanced materials straddles the risk threshold: safe zone or political engineering.
        #expect((p["safe-zone"] ?? 0) > 0.3 && (p["political-engineering"] ?? 0) > 0.3)
        // Each bar carries its number as text, for screen readers and print.
        let list = try #require(PagesKit.text(html, id: "quadrant-probabilities"))
        for q in Quadrant.allCases { #expect(list.contains(q.title)) }
        #expect(list.contains("%"))
        let confidence = try #require(PagesKit.text(html, id: "confidence"))
        #expect(confidence.contains("Most likely"))
        #expect(PagesKit.text(html, id: "risk-interval")?.contains("90% interval") == true)
        #expect(PagesKit.text(html, id: "risk-interval")?.contains("straddling the threshold") == true)
        // The tornado inline, its table, and the sweep that crosses the threshold.
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(html.contains("class=\"tornado\""))
        #expect(PagesKit.tags(html, "tr", having: ["data-criterion": "military", "class": "crosses"]).count == 1)
        #expect(PagesKit.text(html, id: "tornado-summary")?.contains("military applicability") == true)
        #expect(PagesKit.tags(html, "table", having: ["id": "importance"]).count == 1)
        #expect(PagesKit.tags(html, "table", having: ["id": "perspective-table"]).count == 1)
        // One assessor: no leave-one-out table.
        #expect(PagesKit.tags(html, "div", having: ["id": "influence"]).isEmpty)
        // No inline style anywhere (the content security policy forbids it).
        #expect(!html.contains(" style=\""))
      }
    }

    @Test("with several assessors the section shows their influence and each side's view, recomputed after a save")
    func influence() async throws {
      try await PagesKit.withSite { app in
        // setup: a Chinese assessor who sees more military use, with quantiles.
        let before = try await PagesKit.get(app, "/domains/advanced-materials").body.string
        #expect(PagesKit.tags(before, "div", having: ["id": "influence"]).isEmpty)
        let analyst = try await PagesKit.signIn(app, role: .assessor, name: "C. Analyst")
        let token = analyst.token
        let form = try await PagesKit.get(app, "/domains/advanced-materials/assess", as: analyst).body.string
        let fields = PagesKit.replacing(
          PagesKit.formFields(form, id: "assessment-form"),
          [
            "assessor": "C. Analyst", "date": "2026-05-01", "perspective": "CN", "score-military": "",
            "low-military": "",
            "high-military": "", "q-military": "5%: 3, 50%: 3.5, 95%: 4",
          ])
        // act
        let saved = try await PagesKit.post(
          app, "/domains/advanced-materials/assess", fields, cookie: token, field: nil, as: analyst)
        let html = try await PagesKit.get(app, "/domains/advanced-materials").body.string
        // check
        #expect(saved.status == .seeOther)
        #expect(PagesKit.tags(html, "div", having: ["id": "influence"]).count == 1)
        #expect(PagesKit.tags(html, "tr", having: ["data-assessor": "C. Analyst"]).count == 1)
        #expect(PagesKit.tags(html, "tr", having: ["data-perspective": "CN"]).count == 1)
        #expect(abs(Self.probabilities(html).values.reduce(0, +) - 1) < 0.002)
        // The criteria table shows the quantiles as typed.
        #expect(html.contains("quantiles 5%: 3, 50%: 3.5, 95%: 4"))
      }
    }

    @Test("GET /?uncertainty=1 draws ellipses and colours by P(safe zone); without it, none")
    func mapLayer() async throws {
      try await PagesKit.withSite { app in
        // act
        let plain = try await PagesKit.get(app, "/").body.string
        let res = try await PagesKit.get(app, "/?uncertainty=1")
        let html = res.body.string
        // check
        #expect(res.status == .ok)
        #expect(!plain.contains("<ellipse"))
        #expect(PagesKit.tags(plain, "input", having: ["id": "filter-uncertainty"]).first?["checked"] == nil)
        #expect(PagesKit.tags(html, "input", having: ["id": "filter-uncertainty"]).first?["checked"] != nil)
        let ellipses = PagesKit.tags(html, "ellipse").filter { $0["class"] == "ellipse" }
        #expect(ellipses.count >= 3)
        let points = PagesKit.tags(html, "g").filter { ($0["class"] ?? "") == "domain" }
        #expect(points.count == PagesKit.mapPoints(plain).count)
        #expect(points.allSatisfy { $0["data-p-safe"] != nil && $0["data-confidence"] != nil })
        #expect(html.contains("P(safe zone) 80–100%"))
        #expect(html.contains("Ellipses: where 90% of the simulated placements fall."))
        // Filters still apply, and the layer is cached per filter.
        let filtered = try await PagesKit.get(app, "/?uncertainty=1&quadrant=monitor").body.string
        #expect(PagesKit.mapPoints(filtered).count < points.count)
        #expect(try await PagesKit.get(app, "/?uncertainty=1").body.string == html)
      }
    }

    @Test("the form accepts quantiles for a criterion and starts the next form from them")
    func quantilesSaved() async throws {
      try await PagesKit.withFixture { app in
        var fields = PagesKit.appendFields(base: 1)
        fields = PagesKit.replacing(fields, ["score-military": "", "q-military": "5%: 1, 50%: 2, 95%: 3.5"])
        // act
        let res = try await PagesKit.submit(app, "/domains/gamma-wind/assess", fields)
        // check
        #expect(res.status == .seeOther)
        let domain = try #require(try await app.catalog.snapshot().domain("gamma-wind"))
        let value = try #require(domain.current?.scores[.military]?.value)
        #expect(value == .quantiles([.init(p: 0.05, value: 1), .init(p: 0.5, value: 2), .init(p: 0.95, value: 3.5)]))
        let form = try await PagesKit.get(app, "/domains/gamma-wind/assess").body.string
        let prefilled = Dictionary(PagesKit.formFields(form, id: "assessment-form"), uniquingKeysWith: { a, _ in a })
        #expect(prefilled["q-military"] == "5%: 1, 50%: 2, 95%: 3.5")
        #expect(prefilled["score-military"] == "")
      }
    }

    @Test(
      "bad quantiles are refused with a message next to the field",
      arguments: [
        ("5%: 3, 50%: 2, 95%: 3.5", "out of order"),
        ("roughly two", "is not a quantile"),
        ("50%: 2", "at least two quantiles"),
        ("5%: 1, 95%: 7", "between 0 and 4"),
        ("5%: 2, 50%: 2, 95%: 2", "give it as a single score instead"),
      ])
    func quantilesRefused(_ typed: String, _ expected: String) async throws {
      try await PagesKit.withFixture { app in
        let fields = PagesKit.replacing(PagesKit.appendFields(base: 1), ["score-military": "", "q-military": typed])
        // act
        let res = try await PagesKit.submit(app, "/domains/gamma-wind/assess", fields)
        let html = res.body.string
        // check
        #expect(res.status == .unprocessableEntity)
        let message = try #require(PagesKit.text(html, id: "error-q-military"))
        #expect(message.contains(expected), "\(message)")
        let input = try #require(PagesKit.tags(html, "input", having: ["name": "q-military"]).first)
        #expect(input["aria-invalid"] == "true")
        #expect(input["value"] == typed)
        #expect(input["aria-describedby"]?.contains("error-q-military") == true)
        // The summary links to the field.
        #expect(html.contains("href=\"#q-military\""))
        #expect(try await app.catalog.snapshot().domain("gamma-wind")?.assessments.count == 1)
      }
    }

    @Test("a score and quantiles for the same criterion are refused")
    func quantilesAndScore() async throws {
      try await PagesKit.withFixture { app in
        let fields = PagesKit.replacing(PagesKit.appendFields(base: 1), ["q-military": "5%: 1, 50%: 2, 95%: 3"])
        let res = try await PagesKit.submit(app, "/domains/gamma-wind/assess", fields)
        #expect(res.status == .unprocessableEntity)
        #expect(PagesKit.text(res.body.string, id: "error-q-military")?.contains("not both") == true)
      }
    }
  }
}
