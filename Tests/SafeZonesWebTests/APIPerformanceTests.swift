import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// `GET /api/v1/placements` on 1,000 domains with 10,000 assessments. The target is a
  /// median under 50 ms in a release build; the document is encoded once per store revision,
  /// so a request costs a revision check and a copy of the cached bytes.
  @Suite("performance", .enabled(if: API.freshStore, "fills the store with 1,000 synthetic domains"))
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

    @Test("GET /placements on 1,000 domains / 10,000 assessments: median under the budget")
    func placementsMedian() async throws {
      try await API.withAPI({ $0.seedKnowledgeBase = false }) { app in
        // setup
        let domains = try Self.synthetic(domains: 1_000, assessmentsEach: 10)
        let summary = try await app.catalog.repository.importDomains(domains)
        #expect(summary.assessmentsAdded == 10_000)
        let tester = try app.testing()
        let warm = try await tester.sendRequest(.GET, "/api/v1/placements")
        #expect(warm.status == .ok)
        #expect((API.object(warm)["domains"] as? [Any])?.count == 1_000)
        // act
        var times: [Double] = []
        for _ in 0..<41 {
          let start = ContinuousClock.now
          let res = try await tester.sendRequest(.GET, "/api/v1/placements")
          times.append(Double((ContinuousClock.now - start).components.attoseconds) / 1e15)
          #expect(res.body.readableBytes == warm.body.readableBytes)
        }
        // check
        let median = times.sorted()[times.count / 2]
        #if DEBUG
          let budget = 150.0  // unoptimised build; the 50 ms target applies to release builds
        #else
          let budget = 50.0
        #endif
        #expect(median < budget, "median \(median) ms")
        print("GET /api/v1/placements, 1,000 domains / 10,000 assessments: median \(String(format: "%.2f", median)) ms")

        // A write invalidates the cache; the next request recomputes and is correct.
        let res = try await API.send(
          app, .POST, "/api/v1/domains/synthetic-0001/assessments", json: API.assessmentJSON(base: 10))
        #expect(res.status == .created)
        let start = ContinuousClock.now
        let after = try await tester.sendRequest(.GET, "/api/v1/placements")
        let rebuild = Double((ContinuousClock.now - start).components.attoseconds) / 1e15
        print("GET /api/v1/placements after a write (recompute + encode): \(String(format: "%.0f", rebuild)) ms")
        #expect(after.body.string != warm.body.string)
      }
    }
  }
}
