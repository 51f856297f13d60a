import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesTestSupport
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// `GET /api/v1/placements` on 1,000 domains with 10,000 assessments: what a write changes.
  /// (How fast is measured by `Benchmarks/web/run.sh`, not here.)
  @Suite("a large store", .enabled(if: API.freshStore, "fills the store with 1,000 synthetic domains"))
  struct Performance {
    static func synthetic(domains: Int, assessmentsEach: Int) throws -> [Domain] {
      var rng = SplitMix64(seed: 7)
      let rubric = try KnowledgeBase.rubric()
      let pool = Synthetic.domains(count: domains * assessmentsEach, rubric: rubric, using: &rng)
      return (0..<domains).map { i in
        let assessments = (0..<assessmentsEach).map { k -> Assessment in
          var a = pool[i * assessmentsEach + k].assessments[0]
          a.date = Day(year: 2016 + k, month: 1 + i % 12, day: 1 + i % 28)!
          a.assessor = "assessor \(k)"
          return a
        }
        return Domain(
          id: String(format: "synthetic-%04d", i), name: "Synthetic domain \(i)",
          tags: ["synthetic", "group-\(i % 7)"],
          assessments: assessments)
      }
    }

    @Test("1,000 domains / 10,000 assessments: after a write only that domain's entry changes")
    func placementsAfterAWrite() async throws {
      try await API.withAPI({ $0.seedKnowledgeBase = false }) { app in
        // setup
        let domains = try Self.synthetic(domains: 1_000, assessmentsEach: 10)
        let summary = try await app.catalog.repository.importDomains(domains)
        #expect(summary.assessmentsAdded == 10_000)
        let tester = try app.testing()
        let before = try await tester.sendRequest(.GET, "/api/v1/placements", headers: API.authorized(app))
        let again = try await tester.sendRequest(.GET, "/api/v1/placements", headers: API.authorized(app))

        // act
        let res = try await API.send(
          app, .POST, "/api/v1/domains/synthetic-0001/assessments", json: API.assessmentJSON(base: 10))
        let after = try await tester.sendRequest(.GET, "/api/v1/placements", headers: API.authorized(app))

        // check: the cached document is served again unchanged; after the write, the written
        // domain's entry is new and every other entry is as it was
        #expect(res.status == .created)
        #expect(again.body == before.body)
        func entries(_ response: TestingHTTPResponse) -> [String: NSDictionary] {
          let domains = API.object(response)["domains"] as? [[String: Any]] ?? []
          return Dictionary(uniqueKeysWithValues: domains.map { ($0["id"] as? String ?? "", $0 as NSDictionary) })
        }
        let old = entries(before)
        let new = entries(after)
        #expect(old.count == 1_000)
        #expect(Set(new.keys) == Set(old.keys))
        #expect(new["synthetic-0001"]?["assessments"] as? Int == 11)
        let changed = new.keys.filter { new[$0] != old[$0] }
        #expect(changed == ["synthetic-0001"])
      }
    }
  }
}
