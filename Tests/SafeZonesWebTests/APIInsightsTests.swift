import Foundation
import NIOCore
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  @Suite("uncertainty, warnings and links")
  struct Insights {
    /// The shipped knowledge base in id order, as the store holds it.
    static func shipped() throws -> [Domain] { try KnowledgeBase.domains().sorted { $0.id < $1.id } }

    static func sum(_ probabilities: Any?) -> Double {
      (probabilities as? [String: Double] ?? [:]).values.reduce(0, +)
    }

    // MARK: - Placements with samples

    @Test("GET /placements?samples= adds each domain's quadrant probabilities, as `assess --samples N --format json`")
    func placementsWithSamples() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/placements?samples=300&seed=7")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/placements")
        let domains = API.object(res)["domains"] as? [[String: Any]] ?? []
        #expect(!domains.isEmpty)
        for d in domains {
          let id = d["id"] as? String ?? "?"
          let probabilities = d["probabilities"] as? [String: Double] ?? [:]
          #expect(Set(probabilities.keys) == Set(Quadrant.allCases.map(\.rawValue)), "\(id)")
          #expect(abs(Self.sum(probabilities) - 1) < 0.001, "\(id): \(probabilities)")
          let mostLikely = try #require(d["most_likely"] as? String)
          #expect(d["confidence"] as? Double == probabilities[mostLikely], "\(id)")
          #expect(probabilities.values.allSatisfy { $0 <= probabilities[mostLikely]! }, "\(id)")
          #expect((d["gains_interval"] as? [Double])?.count == 2, "\(id)")
          #expect((d["risk_interval"] as? [Double])?.count == 2, "\(id)")
          #expect((d["importance"] as? [String: Any])?.count == CriterionID.allCases.count, "\(id)")
          #expect(d["samples"] as? Int == 300)
          #expect(d["pooling"] as? String == "linear")
        }
        if API.freshStore {
          // Byte for byte what `safezones assess FILE --samples 300 --seed 7 --format json` prints for
          // the same domains in id order (without its final newline).
          let rubric = try KnowledgeBase.rubric()
          let placed = try Propagation.place(
            try Self.shipped(), rubric: rubric,
            options: MonteCarlo.Options(samples: 300, seed: 7, threads: 1, importance: true))
          let expected = try PlacementDocument(rubric: rubric, placed: placed).json()
          #expect(res.body.string == String(decoding: expected, as: UTF8.self))
        }
        // Without samples the document has none of it.
        let plain = try await API.send(app, .GET, "/api/v1/placements")
        #expect(!plain.body.string.contains("\"probabilities\""))
      }
    }

    @Test("GET /placements?samples=: the same seed gives the same bytes, another seed others; combines with thresholds")
    func placementsSeedAndThresholds() async throws {
      try await API.withAPI { app in
        // act
        let first = try await API.send(app, .GET, "/api/v1/placements?samples=200&seed=11")
        let again = try await API.send(app, .GET, "/api/v1/placements?seed=11&samples=200&pool=linear")
        let other = try await API.send(app, .GET, "/api/v1/placements?samples=200&seed=12")
        let strict = try await API.send(
          app, .GET, "/api/v1/placements?samples=200&seed=11&gains_threshold=0.95&risk_threshold=0.05")
        // The shipped quantum domains: on a shared database other tests' domains may have
        // assessors who disagree on exact values, which no logarithmic pool can combine.
        let log = try await API.send(app, .GET, "/api/v1/placements?samples=200&seed=11&pool=log&q=quantum")
        let quantum = try await API.send(app, .GET, "/api/v1/placements?q=quantum")
        // check
        #expect(first.status == .ok)
        #expect(first.body.string == again.body.string)
        #expect(first.body.string != other.body.string)
        API.expectDocumented(strict, "get", "/api/v1/placements")
        let body = API.object(strict)
        let thresholds = (body["rubric"] as? [String: Any])?["thresholds"] as? [String: Any] ?? [:]
        #expect(thresholds["gains"] as? Double == 0.95)
        // With these cuts almost nothing is high-gains and almost everything high-risk.
        for d in body["domains"] as? [[String: Any]] ?? [] {
          let p = d["probabilities"] as? [String: Double] ?? [:]
          #expect((p["monitor"] ?? 0) + (p["traditional"] ?? 0) > 0.5, "\(d["id"] ?? "?"): \(p)")
        }
        #expect(log.status == .ok, "\(log.body.string.prefix(300))")
        API.expectDocumented(log, "get", "/api/v1/placements")
        let pooling = Set(
          (API.object(log)["domains"] as? [[String: Any]] ?? []).compactMap { $0["pooling"] as? String })
        #expect(pooling == ["logarithmic"])
        let ids = { (r: TestingHTTPResponse) in
          (API.object(r)["domains"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(ids(log) == ids(quantum))
        #expect(ids(quantum).contains("quantum-encryption") && ids(quantum).contains("quantum-computing"))
        let about = Dictionary(uniqueKeysWithValues: try Self.shipped().map { ($0.id, $0) })
        #expect(
          ids(quantum).allSatisfy { id in
            guard let d = about[id] else { return false }
            return ([d.id, d.name, d.summary ?? ""] + d.tags + d.keywords).joined(separator: " ").lowercased()
              .contains("quantum")
          })
      }
    }

    static let quantumTag = "quantum-information-and-enabling-technologies"

    @Test("GET /placements?quadrant=&tag=&q= selects domains as the map does; with samples, only those are simulated")
    func placementsFilter() async throws {
      try await API.withAPI { app in
        let ids = { (r: TestingHTTPResponse) in
          (API.object(r)["domains"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        let all = API.object(try await API.send(app, .GET, "/api/v1/placements"))["domains"] as? [[String: Any]] ?? []
        let safe = all.filter { $0["quadrant"] as? String == "safe-zone" }.compactMap { $0["id"] as? String }
        let tagged = all.filter { ($0["tags"] as? [String] ?? []).contains(Self.quantumTag) }.compactMap {
          $0["id"] as? String
        }
        #expect(!safe.isEmpty && safe.count < all.count)

        // act
        let bySafe = try await API.send(app, .GET, "/api/v1/placements?quadrant=safe-zone")
        let byTwo = try await API.send(app, .GET, "/api/v1/placements?quadrant=safe-zone,%20monitor")
        let byTag = try await API.send(app, .GET, "/api/v1/placements?tag=\(Self.quantumTag)&samples=200")
        let bad = try await API.send(app, .GET, "/api/v1/placements?quadrant=north")

        // check
        #expect(ids(bySafe) == safe)
        API.expectDocumented(bySafe, "get", "/api/v1/placements")
        #expect(ids(byTwo).count > safe.count)
        #expect(ids(byTag) == tagged)
        #expect(
          (API.object(byTag)["domains"] as? [[String: Any]] ?? []).allSatisfy { $0["probabilities"] != nil })
        #expect(API.error(bad, .unprocessableEntity, code: "invalid_parameter")["field"] as? String == "quadrant")
      }
    }

    // MARK: - Sensitivity

    @Test(
      "GET /domains/{id}/sensitivity is `safezones sensitivity DOMAIN --format json`, by default 10,000 samples, seed 1"
    )
    func sensitivity() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/domains/quantum-encryption/sensitivity")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/domains/{id}/sensitivity")
        let body = API.object(res)
        #expect(body["id"] as? String == "quantum-encryption")
        #expect(body["samples"] as? Int == 10_000)
        #expect(body["seed"] as? Int == 1)
        #expect(body["pool"] as? String == "linear")
        let placement = body["placement"] as? [String: Any] ?? [:]
        #expect(abs(Self.sum(placement["probabilities"]) - 1) < 0.001)
        #expect(!(body["tornado"] as? [Any] ?? []).isEmpty)
        #expect(body["viability"] as? [String: Any] != nil)
        if API.freshStore {
          let domain = try #require(try Self.shipped().first { $0.id == "quantum-encryption" })
          let report = try SensitivityReport.make(
            domain, rubric: try KnowledgeBase.rubric(),
            options: MonteCarlo.Options(samples: 10_000, seed: 1, cloudSize: 0, importance: true))
          #expect(res.body.string == String(decoding: try StableJSONEncoder().encode(report), as: UTF8.self))
        }
      }
    }

    @Test("GET /domains/{id}/sensitivity: samples, seed and pool; the same seed gives the same bytes")
    func sensitivityParameters() async throws {
      try await API.withAPI { app in
        // setup: a domain scored with ranges, so that the seed matters
        let path = "/api/v1/domains/advanced-materials/sensitivity"
        // act
        let first = try await API.send(app, .GET, "\(path)?samples=500&seed=3&pool=log")
        let again = try await API.send(app, .GET, "\(path)?pool=logarithmic&seed=3&samples=500")
        let other = try await API.send(app, .GET, "\(path)?samples=500&seed=4&pool=log")
        // check
        #expect(first.status == .ok, "\(first.body.string.prefix(300))")
        API.expectDocumented(first, "get", "/api/v1/domains/{id}/sensitivity")
        #expect(first.body.string == again.body.string)
        #expect(first.body.string != other.body.string)
        let body = API.object(first)
        #expect(body["samples"] as? Int == 500)
        #expect(body["seed"] as? Int == 3)
        #expect(body["pool"] as? String == "logarithmic")
        let big = try await API.send(app, .GET, "\(path)?samples=100&seed=18446744073709551615")
        #expect(big.status == .ok)
        #expect(big.body.string.contains("\"seed\" : 18446744073709551615"))
      }
    }

    @Test("GET /domains/{id}/sensitivity of an unknown domain is 404")
    func sensitivityUnknown() async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/domains/no-such-domain/sensitivity")
        #expect(API.error(res, .notFound, code: "not_found")["field"] as? String == "id")
        API.expectDocumented(res, "get", "/api/v1/domains/{id}/sensitivity")
      }
    }

    // MARK: - Warnings

    @Test("GET /warnings lists the migration warnings, as `safezones watch --format json`")
    func warnings() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/warnings")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/warnings")
        let body = API.object(res)
        #expect(body["horizon"] as? Double == 3)
        #expect(body["as_of"] == nil)
        let warnings = body["warnings"] as? [[String: Any]] ?? []
        let northWest = warnings.first { $0["domain"] as? String == "solid-earth-physics" }
        #expect(northWest?["kind"] as? String == "north-west")
        #expect((northWest?["precedent"] as? String)?.contains("solid earth physics") == true)
        #expect(warnings.contains { $0["kind"] as? String == "reframed-down" })
        #expect(!(body["projections"] as? [Any] ?? []).isEmpty)
        if API.freshStore {
          // The command line's report for the same domains in id order.
          let expected = try WatchReport(domains: try Self.shipped(), rubric: try KnowledgeBase.rubric()).json()
          #expect(res.body.string == String(decoding: expected, as: UTF8.self))
        }
      }
    }

    @Test("GET /warnings?as_of=&horizon= takes the map as it stood then")
    func warningsAsOf() async throws {
      try await API.withAPI { app in
        // act: before the second assessment of solid-earth physics there is no move to warn of
        let early = try await API.send(app, .GET, "/api/v1/warnings?as_of=2017-01-01&horizon=10")
        // check
        #expect(early.status == .ok)
        API.expectDocumented(early, "get", "/api/v1/warnings")
        let body = API.object(early)
        #expect(body["as_of"] as? String == "2017-01-01")
        #expect(body["horizon"] as? Double == 10)
        let warnings = body["warnings"] as? [[String: Any]] ?? []
        #expect(!warnings.contains { $0["domain"] as? String == "solid-earth-physics" })
      }
    }

    // MARK: - Graph

    @Test("GET /graph lists the links and the risk they carry, as `safezones graph --format json`")
    func graph() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/graph")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/graph")
        let body = API.object(res)
        let links = body["links"] as? [[String: Any]] ?? []
        func link(_ from: String, _ to: String) -> [String: Any]? {
          links.first { $0["from"] as? String == from && $0["to"] as? String == to }
        }
        // The essay's links: solid-earth physics informs missile guidance; COVID-19 origins
        // reframed as zoonotic disease control.
        #expect(link("solid-earth-physics", "missile-guidance")?["kind"] as? String == "enables")
        #expect(link("solid-earth-physics", "missile-guidance")?["weight"] as? Double == 0.4)
        #expect(link("covid-19-origins", "zoonotic-disease-control")?["kind"] as? String == "reframes")
        #expect(link("quantum-encryption", "fundamental-quantum-physics")?["rationale"] as? String != nil)
        let entries = body["linked_risk"] as? [[String: Any]] ?? []
        let solid = try #require(entries.first { $0["id"] as? String == "solid-earth-physics" })
        #expect(solid["source"] as? String == "missile-guidance")
        #expect((solid["effective"] as? Double ?? 0) > (solid["own"] as? Double ?? 1))
        #expect((solid["path"] as? [[String: Any]])?.first?["kind"] as? String == "enables")
        if API.freshStore {
          let domains = try Self.shipped()
          let rubric = try KnowledgeBase.rubric()
          let expected = try LinkListing.make(
            domains: domains, placed: PlacedDomain.many(domains, rubric: rubric), rubric: rubric, asOf: nil
          ).json()
          #expect(res.body.string == String(decoding: expected, as: UTF8.self))
        }
      }
    }

    @Test("GET /graph?as_of= lists only the domains placed by then; a new link shows at once")
    func graphAsOfAndRevision() async throws {
      try await API.withAPI { app in
        // act
        let early = try await API.send(app, .GET, "/api/v1/graph?as_of=2019-01-01")
        let before = try await API.send(app, .GET, "/api/v1/graph")
        let id = API.uniqueID("graph-link")
        let created = try await API.send(
          app, .POST, "/api/v1/domains", json: API.domainJSON(id: id, links: ["missile-guidance"]))
        let after = try await API.send(app, .GET, "/api/v1/graph")
        // check
        #expect(early.status == .ok)
        API.expectDocumented(early, "get", "/api/v1/graph")
        #expect(API.object(early)["as_of"] as? String == "2019-01-01")
        let earlyLinks = API.object(early)["links"] as? [[String: Any]] ?? []
        #expect(earlyLinks.count < (API.object(before)["links"] as? [Any] ?? []).count)
        #expect(created.status == .created)
        let links = API.object(after)["links"] as? [[String: Any]] ?? []
        #expect(links.contains { $0["from"] as? String == id && $0["to"] as? String == "missile-guidance" })
        let entries = API.object(after)["linked_risk"] as? [[String: Any]] ?? []
        #expect(entries.contains { $0["id"] as? String == id && $0["source"] as? String == "missile-guidance" })
      }
    }

    // MARK: - Bad parameters

    @Test(
      "Bad Monte Carlo, date and horizon parameters are 422 naming the parameter",
      arguments: [
        ("/api/v1/placements", "samples=99", "samples"), ("/api/v1/placements", "samples=200001", "samples"),
        ("/api/v1/placements", "samples=abc", "samples"), ("/api/v1/placements", "samples=", "samples"),
        ("/api/v1/placements", "samples=100&seed=-1", "seed"),
        ("/api/v1/placements", "samples=100&seed=18446744073709551616", "seed"),
        ("/api/v1/placements", "samples=100&pool=geometric", "pool"), ("/api/v1/placements", "seed=5", "seed"),
        ("/api/v1/placements", "pool=log", "pool"),
        ("/api/v1/placements", "samples=100&gains_threshold=2", "gains_threshold"),
        ("/api/v1/domains/quantum-encryption/sensitivity", "samples=50", "samples"),
        ("/api/v1/domains/quantum-encryption/sensitivity", "seed=1.5", "seed"),
        ("/api/v1/domains/quantum-encryption/sensitivity", "pool=", "pool"),
        ("/api/v1/warnings", "as_of=2026-02-30", "as_of"), ("/api/v1/warnings", "as_of=yesterday", "as_of"),
        ("/api/v1/warnings", "horizon=0", "horizon"), ("/api/v1/warnings", "horizon=51", "horizon"),
        ("/api/v1/warnings", "horizon=nan", "horizon"), ("/api/v1/graph", "as_of=2026-13-01", "as_of"),
        ("/api/v1/graph", "as_of=", "as_of"),
      ])
    func badParameters(path: String, query: String, parameter: String) async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "\(path)?\(query)")
        #expect(API.error(res, .unprocessableEntity, code: "invalid_parameter")["field"] as? String == parameter)
        let documented = path.contains("/domains/") ? "/api/v1/domains/{id}/sensitivity" : path
        API.expectDocumented(res, "get", documented)
      }
    }
  }
}
