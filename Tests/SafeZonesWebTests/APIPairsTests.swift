import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// Pairs and languages through the API, serialized with the other API tests: on a shared
  /// PostgreSQL database they write to the same store.
  @Suite("pairs and languages")
  struct PairsAndLanguagesAPI {
    @Test("the API places a pair with pair=, compares pairs, records an assessment's pair and refuses an unknown one")
    func pairs() async throws {
      try await API.withAPI { app in
        let eu = API.object(try await API.send(app, .GET, "/api/v1/placements?pair=EU-CN"))
        let domains = try #require(eu["domains"] as? [[String: Any]])
        let us = API.object(try await API.send(app, .GET, "/api/v1/placements"))
        #expect(domains.count < (us["domains"] as? [[String: Any]])?.count ?? 0)
        #expect(domains.first { $0["id"] as? String == "aerospace" }?["quadrant"] as? String == "traditional")
        #expect(try await API.send(app, .GET, "/api/v1/placements?pair=XX-YY").status == .badRequest)

        let compare = try await API.send(app, .GET, "/api/v1/compare?pairs=US-CN,EU-CN")
        #expect(compare.status == .ok)
        API.expectDocumented(compare, "get", "/api/v1/compare")
        let body = API.object(compare)
        #expect(body["pairs"] as? [String] == ["US-CN", "EU-CN"])

        let id = "high-performance-computing"
        let detail = try await API.send(app, .GET, "/api/v1/domains/\(id)")
        let version = try #require(API.object(detail)["version"] as? Int)
        // The body's own pair (first member of the object).
        let json = "{\"pair\": \"EU-CN\"," + API.assessmentJSON(base: version).dropFirst()
        let added = try await API.send(app, .POST, "/api/v1/domains/\(id)/assessments", json: json)
        #expect(added.status == .created, "\(added.body.string.prefix(300))")
        #expect(try await app.catalog.repository.domain(id: id)?.assessments.last?.pair == CountryPair("EU", "CN"))
        let odd = "{\"pair\": \"FR-CN\"," + API.assessmentJSON(base: version + 1).dropFirst()
        let refused = try await API.send(app, .POST, "/api/v1/domains/\(id)/assessments", json: odd)
        #expect(refused.status == .unprocessableEntity)
      }
    }

    @Test("the API's map speaks the language asked; its JSON keys do not change")
    func language() async throws {
      try await API.withAPI { app in
        let svg = try await API.send(app, .GET, "/api/v1/map.svg?lang=zh-Hans")
        #expect(svg.status == .ok)
        #expect(svg.body.string.contains("安全区"))
        let zh = try await API.send(app, .GET, "/api/v1/placements?lang=zh-Hans")
        let en = try await API.send(app, .GET, "/api/v1/placements")
        // The same keys and quadrant ids (the whole document only on a store of this test's own:
        // on a shared database other tests write between the two reads).
        let (zhObject, enObject) = (API.object(zh), API.object(en))
        #expect(Set(zhObject.keys) == Set(enObject.keys))
        let quadrants = { (o: [String: Any]) in
          Set(((o["domains"] as? [[String: Any]]) ?? []).compactMap { $0["quadrant"] as? String })
        }
        #expect(quadrants(zhObject).isSubset(of: ["safe-zone", "political-engineering", "monitor", "traditional"]))
        #expect(!quadrants(zhObject).isEmpty)
        if API.freshStore { #expect(zh.body.string == en.body.string) }
        // An error's message is in the language asked; its code and field are not.
        let refusedZh = try await API.send(app, .GET, "/api/v1/placements?pair=XX-YY&lang=zh-Hans")
        let refusedEn = try await API.send(app, .GET, "/api/v1/placements?pair=XX-YY")
        #expect(refusedZh.status == .badRequest && refusedEn.status == .badRequest)
        let error = { (r: TestingHTTPResponse) in API.object(r)["error"] as? [String: Any] ?? [:] }
        #expect((error(refusedZh)["message"] as? String)?.contains("国家组合") == true, "\(refusedZh.body.string)")
        #expect((error(refusedEn)["message"] as? String)?.contains("unknown pair") == true, "\(refusedEn.body.string)")
        #expect(error(refusedZh)["code"] as? String == error(refusedEn)["code"] as? String)
        #expect(error(refusedZh)["field"] as? String == error(refusedEn)["field"] as? String)
        // A page's remembered language does not change what a program reads.
        let remembered = try await API.send(
          app, .GET, "/api/v1/placements?pair=XX-YY", headers: ["Cookie": "\(LanguageInView.cookie)=zh-Hans"])
        #expect((error(remembered)["message"] as? String)?.contains("unknown pair") == true)
        // Warnings follow lang= too (their messages), with the same keys.
        let warnZh = try await API.send(app, .GET, "/api/v1/warnings?lang=zh-Hans")
        let warnEn = try await API.send(app, .GET, "/api/v1/warnings")
        #expect(warnZh.status == .ok)
        #expect(Set(API.object(warnZh).keys) == Set(API.object(warnEn).keys))
      }
    }
  }
}
