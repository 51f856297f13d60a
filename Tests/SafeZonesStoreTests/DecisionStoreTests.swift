import FluentKit
import Foundation
import SQLKit
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// Decision records in the store: versions per proposal, audited, hashed, append-only.
  @Suite struct Decisions {
    static func draft(
      _ proposal: String = "p-1", decision: ScreeningDecision = .proceed, rationale: String = "Open work."
    )
      throws -> DecisionDraft
    {
      let screening = try JSONDecoder().decode(
        ProposalScreening.self,
        from: Data(
          #"{"id":"\#(proposal)","title":"T","domains":[],"categories":[],"aims":[],"partners":[],"actions":["Publish."],"checks":[]}"#
            .utf8))
      return DecisionDraft(
        proposal: Proposal(id: proposal, title: "T", abstract: "Basic physics."), screening: screening,
        decision: decision, conditions: "", rationale: rationale, reviewer: "R. Officer", date: Day("2026-12-01")!,
        versions: KnowledgeVersions(rubric: "1", knowledgeBase: "store revision 1", taxonomies: ["t": "1"]),
        basis: [DecisionBasis(id: "d", name: "D", quadrant: .safeZone, gains: 0.7, risk: 0.2)])
    }

    @Test(
      "each save is the proposal's next version, with its hash and an audit record",
      arguments: try StoreTests.locations())
    func versions(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo in
        let first = try await repo.decisions.save(try Self.draft())
        let second = try await repo.decisions.save(try Self.draft(decision: .decline, rationale: "Changed my mind."))
        let other = try await repo.decisions.save(try Self.draft("p-2"))
        #expect([first.version, second.version, other.version] as [Int] == [1, 2, 1])
        let body = try DecisionRecord.canonicalBody(
          proposalID: "p-1", version: 2, recordedAt: second.recordedAt, draft: second.draft)
        #expect(second.sha256 == AuditHash.sha256(String(decoding: body, as: UTF8.self)))
        let read = try await repo.decisions.records(proposalID: "p-1")
        #expect(read.map(\.version) == [1, 2])
        #expect(read[1] == second)
        #expect(try await repo.decisions.allRecords().count == 3)
        let audit = try await repo.audit.auditRecords(AuditQuery()).filter { $0.action == "screening.decide" }
        #expect(audit.count == 3)
        #expect(audit.contains { $0.summary.contains(second.sha256) })
      }
    }

    @Test("a draft without a rationale is refused and nothing is stored", arguments: try StoreTests.locations())
    func refused(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo in
        let bad = try Self.draft(rationale: "")
        await #expect {
          _ = try await repo.decisions.save(bad)
        } throws: { error in
          guard case .invalid(let input)? = error as? StoreError else { return false }
          return input.issues.map(\.key) == ["rationale"]
        }
        let none = try await repo.decisions.allRecords()
        #expect(none.isEmpty)
      }
    }

    @Test(
      "the database refuses to change a record; one changed behind its back fails to read",
      arguments: try StoreTests.locations())
    func appendOnly(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo in
        _ = try await repo.decisions.save(try Self.draft())
        let sql = try #require(runtime.database as? any SQLDatabase)
        for statement in ["UPDATE decision_records SET decision = 'decline'", "DELETE FROM decision_records"] {
          await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
        }
        #expect(try await repo.decisions.records(proposalID: "p-1").first?.draft.decision == .proceed)
        // Someone with the database's keys drops the guard and rewrites the decision.
        if location.isPostgres {
          try await sql.raw("ALTER TABLE decision_records DISABLE TRIGGER decision_records_append_only").run()
        } else {
          try await sql.raw("DROP TRIGGER decision_records_no_update").run()
        }
        try await sql.raw("UPDATE decision_records SET body = replace(body, '\"proceed\"', '\"decline\"')").run()
        await #expect {
          _ = try await repo.decisions.records(proposalID: "p-1")
        } throws: { error in
          guard case .corrupt(let message)? = error as? StoreError else { return false }
          return message.contains("p-1 version 1") && message.contains("SHA-256")
        }
        if location.isPostgres {
          try await sql.raw("ALTER TABLE decision_records ENABLE TRIGGER decision_records_append_only").run()
        }
      }
    }
  }
}
