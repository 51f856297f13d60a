import FluentKit
import Foundation
import SQLKit
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// The audit trail: every write appends a record naming its writer, the records form a
  /// SHA-256 chain that `AuditChain.verify` recomputes, and the database refuses to change
  /// or delete assessments and audit records.
  @Suite("audit trail")
  struct AuditTests {
    static func verify(_ repo: FluentDomainRepository) async throws -> AuditVerification {
      AuditChain.verify(
        try await repo.audit.auditRecords(AuditQuery()), head: try await repo.audit.auditHead(),
        sha256: AuditHash.sha256)
    }

    @Test(
      "each write appends one record with its writer, address and the ids it touched",
      arguments: try StoreTests.locations())
    func recordsWrites(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo in
        // act
        try await AuditContext.$current.withValue(AuditContext(actor: "ada@example.org", address: "192.0.2.7")) {
          try await repo.create(Fixture.minimal("audited"))
          try await repo.append(
            Fixture.assessment("Ada", "2026-02-01", value: 2), to: "audited", basedOn: 1)
        }
        try await repo.create(Fixture.minimal("by-system"))

        // check
        let records = try await repo.audit.auditRecords(AuditQuery())
        #expect(records.map(\.action) == ["domain.create", "assessment.add", "domain.create"])
        #expect(records.map(\.seq) == [1, 2, 3])
        #expect(records[0].actor == "ada@example.org" && records[0].address == "192.0.2.7")
        #expect(records[1].summary.contains("\"domain\":\"audited\"") && records[1].summary.contains("\"version\":2"))
        #expect(records[2].actor == "system" && records[2].address == nil)
        #expect(records[1].previousHash == records[0].hash)
        #expect(try await Self.verify(repo) == .intact(records: 3, head: records[2].hash))
        // Filters: by writer, by action prefix.
        #expect(try await repo.audit.auditRecords(AuditQuery(actor: "ada@example.org")).count == 2)
        #expect(try await repo.audit.auditRecords(AuditQuery(action: "assessment.")).map(\.seq) == [2])
      }
    }

    @Test("a failed write leaves no record; a refused stale write neither", arguments: try StoreTests.locations())
    func failedWritesLeaveNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo in
        try await repo.create(Fixture.minimal("once"))
        await #expect(throws: StoreError.self) { try await repo.create(Fixture.minimal("once")) }
        await #expect(throws: StoreError.self) {
          try await repo.append(Fixture.assessment("B", "2026-02-01", value: 1), to: "once", basedOn: 7)
        }
        #expect(try await repo.audit.auditRecords(AuditQuery()).count == 1)
        #expect(try await Self.verify(repo) == .intact(records: 1, head: try await repo.audit.auditHead()!.hash))
      }
    }

    @Test("concurrent writers keep one unbroken chain", arguments: try StoreTests.locations())
    func concurrentAppends(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo in
        try await withThrowingTaskGroup(of: Void.self) { group in
          for i in 0..<12 {
            group.addTask {
              try await AuditContext.$current.withValue(AuditContext(actor: "writer-\(i)")) {
                try await repo.audit.appendAudit(AuditEvent("test.concurrent", ["i": .number(i)]))
              }
            }
          }
          try await group.waitForAll()
        }
        let records = try await repo.audit.auditRecords(AuditQuery())
        #expect(records.count == 12)
        #expect(Set(records.map(\.actor)).count == 12)
        guard case .intact(12, _) = try await Self.verify(repo) else {
          Issue.record("chain broken: \(try await Self.verify(repo))")
          return
        }
      }
    }

    @Test(
      "the database refuses to change or delete an assessment or an audit record", arguments: try StoreTests.locations()
    )
    func appendOnly(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo in
        try await repo.create(Fixture.minimal("kept"))
        let sql = try #require(runtime.database as? any SQLDatabase)
        for statement in [
          "UPDATE assessments SET assessor = 'someone else'", "DELETE FROM assessments",
          "UPDATE audit_records SET actor = 'someone else'", "DELETE FROM audit_records",
        ] {
          await #expect(throws: (any Error).self, "\(statement)") { try await sql.raw(SQLQueryString(statement)).run() }
        }
        #expect(
          try await repo.domain(id: "kept")?.assessments.first?.assessor
            == Fixture.minimal("kept").assessments[0].assessor)
        #expect(try await repo.audit.auditRecords(AuditQuery()).count == 1)
      }
    }

    @Test(
      "verify finds a changed record, a removed one and removed newest records", arguments: try StoreTests.locations())
    func tampering(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo in
        for i in 1...4 { try await repo.create(Fixture.minimal("t\(i)")) }
        let sql = try #require(runtime.database as? any SQLDatabase)
        // Someone with the database's keys first drops the guard.
        if location.isPostgres {
          try await sql.raw("ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only").run()
        } else {
          try await sql.raw("DROP TRIGGER audit_records_no_update").run()
          try await sql.raw("DROP TRIGGER audit_records_no_delete").run()
        }

        // act, check: a changed summary
        try await sql.raw("UPDATE audit_records SET summary = '{\"domain\":\"forged\"}' WHERE seq = 2").run()
        #expect(
          try await Self.verify(repo)
            == .broken(seq: 2, reason: "its contents do not match its hash (the record was changed)"))

        // act, check: the record removed instead
        try await sql.raw("DELETE FROM audit_records WHERE seq = 2").run()
        guard case .broken(3, let reason) = try await Self.verify(repo) else {
          Issue.record("a removed record was not found: \(try await Self.verify(repo))")
          return
        }
        #expect(reason.contains("record 2 is missing"))

        // act, check: only the newest removed (the head still names it)
        try await sql.raw("DELETE FROM audit_records WHERE seq >= 2").run()
        guard case .broken(2, let tail) = try await Self.verify(repo) else {
          Issue.record("removed newest records were not found: \(try await Self.verify(repo))")
          return
        }
        #expect(tail.contains("were removed"))
        if location.isPostgres {
          try await sql.raw("ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only").run()
        }
      }
    }
  }
}
