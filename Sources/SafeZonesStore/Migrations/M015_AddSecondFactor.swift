import FluentKit

/// A second factor for accounts: a TOTP secret (RFC 6238), the last time step used (so a
/// code works once), and the SHA-256 hashes of unused recovery codes (a JSON array).
struct M015_AddSecondFactor: AsyncMigration {
  var name: String { "M015_AddSecondFactor" }

  func prepare(on database: any Database) async throws {
    // One column per statement: SQLite adds one at a time.
    try await database.schema("accounts").field("totp_secret", .string).update()
    try await database.schema("accounts").field("totp_last_step", .int64, .required, .sql(.default(0))).update()
    try await database.schema("accounts").field("recovery_codes", .string).update()
  }

  func revert(on database: any Database) async throws {
    for field in ["totp_secret", "totp_last_step", "recovery_codes"] {
      try await database.schema("accounts").deleteField(FieldKey(stringLiteral: field)).update()
    }
  }
}
