import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  @Suite("Delphi rounds (read-only)")
  struct Rounds {
    static let secretAssessor = "Zenobia Secretname"
    static let secretNote = "my private reasoning"

    /// Opens a round on two shipped domains under a unique study, with two assessors'
    /// judgements (one revised).
    static func openRound(_ app: Application, study: String) async throws -> Round {
      let delphi = app.catalog.repository.deliberation
      let round = try await delphi.openRound(
        NewRound(
          study: study, title: "Initial judgements", domainIDs: ["quantum-encryption", "solid-earth-physics"],
          facilitator: "Fay Facilitator"))
      func judgement(_ assessor: String, _ military: ScoreValue) -> RoundJudgement {
        RoundJudgement(
          roundID: round.id, domainID: "quantum-encryption", assessor: assessor, perspective: "US",
          scores: [.military: CriterionScore(military), .fundamentality: CriterionScore(3)], note: secretNote)
      }
      try await delphi.submit(judgement(secretAssessor, .range(low: 2, likely: 3, high: 4)))
      try await delphi.submit(judgement(secretAssessor, .range(low: 3, likely: 3.5, high: 4)))
      try await delphi.submit(judgement("Another Assessor", .point(1)))
      return round
    }

    @Test("GET /rounds lists rounds with participation counts, never names or judgements")
    func list() async throws {
      try await API.withAPI { app in
        // setup
        let study = API.uniqueID("study")
        let round = try await Self.openRound(app, study: study)
        // act
        let res = try await API.send(app, .GET, "/api/v1/rounds?study=\(study)")
        let all = try await API.send(app, .GET, "/api/v1/rounds")
        // check
        #expect(res.status == .ok)
        API.expectDocumented(res, "get", "/api/v1/rounds")
        API.expectDocumented(all, "get", "/api/v1/rounds")
        let rounds = API.object(res)["rounds"] as? [[String: Any]] ?? []
        #expect(rounds.count == 1)
        let entry = try #require(rounds.first)
        #expect(entry["id"] as? Int == round.id)
        #expect(entry["study"] as? String == study)
        #expect(entry["number"] as? Int == 1)
        #expect(entry["status"] as? String == "open")
        #expect(entry["domains"] as? [String] == ["quantum-encryption", "solid-earth-physics"])
        #expect(entry["assessors"] as? Int == 2)
        #expect(entry["judgements"] as? Int == 3)
        #expect(!res.body.string.contains(Self.secretAssessor))
        #expect(!res.body.string.contains(Self.secretNote))
      }
    }

    @Test("GET /rounds/{id}: an open round shows counts per domain only; once closed, the anonymous spread")
    func detail() async throws {
      try await API.withAPI { app in
        // setup
        let round = try await Self.openRound(app, study: API.uniqueID("study"))
        // act
        let open = try await API.send(app, .GET, "/api/v1/rounds/\(round.id)")
        // check
        #expect(open.status == .ok)
        API.expectDocumented(open, "get", "/api/v1/rounds/{id}")
        let body = API.object(open)
        #expect(body["status"] as? String == "open")
        #expect(body["convergence"] == nil)
        let participation = body["participation"] as? [[String: Any]] ?? []
        #expect(participation.map { $0["domain"] as? String } == ["quantum-encryption", "solid-earth-physics"])
        #expect(participation.first?["assessors"] as? Int == 2)
        #expect(participation.first?["submissions"] as? Int == 3)
        #expect(participation.last?["assessors"] as? Int == 0)
        for secret in [Self.secretAssessor, Self.secretNote, "\"perspective\"", "\"scores\""] {
          #expect(!open.body.string.contains(secret), "\(secret) leaked")
        }

        // act: close it
        try await app.catalog.repository.deliberation.closeRound(id: round.id)
        let closed = try await API.send(app, .GET, "/api/v1/rounds/\(round.id)")
        // check
        #expect(closed.status == .ok)
        API.expectDocumented(closed, "get", "/api/v1/rounds/{id}")
        let after = API.object(closed)
        #expect(after["status"] as? String == "closed")
        #expect(after["closed_at"] as? String != nil)
        let convergence = after["convergence"] as? [String: Any] ?? [:]
        let rows = convergence["rows"] as? [[String: Any]] ?? []
        let military = rows.first {
          $0["domain"] as? String == "quantum-encryption" && $0["criterion"] as? String == "military"
        }
        let spread = (military?["spreads"] as? [[String: Any]])?.first
        #expect(spread?["n"] as? Int == 2)
        #expect(spread?["round"] as? Int == 1)
        #expect(!closed.body.string.contains(Self.secretAssessor))
        #expect(!closed.body.string.contains(Self.secretNote))
      }
    }

    @Test("GET /rounds/{id} of an unknown or malformed id is 404", arguments: ["999999", "abc", "0"])
    func unknown(id: String) async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/rounds/\(id)")
        #expect(API.error(res, .notFound, code: "not_found")["field"] as? String == "id")
        API.expectDocumented(res, "get", "/api/v1/rounds/{id}")
      }
    }
  }
}
