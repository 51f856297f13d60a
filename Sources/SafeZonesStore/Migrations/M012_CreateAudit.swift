import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// The audit trail (a hash chain), its head, and the servers' shared secret.
struct M012_CreateAudit: AsyncMigration {
  var name: String { "M012_CreateAudit" }

  func prepare(on database: any Database) async throws {
    try await database.schema("audit_records")
      .field("seq", .int, .identifier(auto: false))
      .field("at_us", .int64, .required)
      .field("actor", .string, .required)
      .field("action", .string, .required)
      .field("summary", .string, .required)
      .field("address", .string)
      .field("previous_hash", .string, .required)
      .field("hash", .string, .required)
      .create()
    try await database.schema("audit_head")
      .field("id", .int, .identifier(auto: false))
      .field("seq", .int, .required)
      .field("hash", .string, .required)
      .create()
    try await database.schema("server_secret")
      .field("id", .int, .identifier(auto: false))
      .field("value", .string, .required)
      .create()
    if let sql = database as? any SQLDatabase {
      // Sign-in throttling counts recent failures by actor and by address.
      try await sql.create(index: "audit_records_actor").on("audit_records").column("actor").column("at_us").run()
      try await sql.create(index: "audit_records_address").on("audit_records").column("address").column("at_us").run()
    }
    let head = AuditHeadModel()
    head.id = 1
    head.seq = 0
    head.hash = AuditRecord.genesis
    try await head.create(on: database)
    let secret = ServerSecretModel()
    secret.id = 1
    var rng = SystemRandomNumberGenerator()
    secret.value = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &rng)) }.joined()
    try await secret.create(on: database)
  }

  func revert(on database: any Database) async throws {
    for table in ["server_secret", "audit_head", "audit_records"] { try await database.schema(table).delete() }
  }
}
