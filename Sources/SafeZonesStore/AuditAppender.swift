import Crypto
import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// Appends audit records to the hash chain, inside the caller's transaction.
enum AuditAppender {
  /// Advances the head (its row lock queues concurrent appenders on PostgreSQL; SQLite
  /// writers already hold the database's write lock), then links the new record to the
  /// previous hash.
  static func append(
    _ event: AuditEvent, context: AuditContext, on db: any Database, at date: Date = Date()
  )
    async throws
  {
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw("UPDATE audit_head SET seq = seq + 1 WHERE id = 1").run()
    guard let head = try await AuditHeadModel.find(1, on: db) else { throw AuditStoreError.missingHead }
    let record = AuditRecordModel()
    record.id = head.seq
    record.microseconds = AuditRecord.microseconds(date)
    record.actor = context.actor
    record.action = event.action
    record.summary = event.summaryJSON
    record.address = context.address
    record.previousHash = head.hash
    record.hash = AuditHash.sha256(
      AuditRecord.hashedText(
        previous: head.hash, seq: head.seq, microseconds: record.microseconds, actor: record.actor,
        action: record.action, summary: record.summary, address: record.address))
    try await record.create(on: db)
    head.hash = record.hash
    try await head.save(on: db)
  }
}

enum AuditStoreError: Error, CustomStringConvertible {
  case missingHead
  var description: String { "the audit trail's head row is missing: the store was not migrated, or was tampered with" }
}

/// SHA-256 as lower-case hex (swift-crypto), for the audit chain and API tokens.
public enum AuditHash {
  public static func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }
}
