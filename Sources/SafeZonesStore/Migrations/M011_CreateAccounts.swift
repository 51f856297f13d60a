import FluentKit
import SQLKit

/// Accounts and their personal API tokens.
struct M011_CreateAccounts: AsyncMigration {
  var name: String { "M011_CreateAccounts" }

  func prepare(on database: any Database) async throws {
    try await database.schema("accounts")
      .field("id", .int, .identifier(auto: true))
      .field("email", .string, .required)
      .field("name", .string, .required)
      .field("role", .string, .required)
      .field("password_hash", .string, .required)
      .field("disabled", .bool, .required)
      .field("session_epoch", .int, .required)
      .field("created_at", .datetime, .required)
      .unique(on: "email")
      .create()
    try await database.schema("api_tokens")
      .field("id", .int, .identifier(auto: true))
      .field("account_id", .int, .required, .references("accounts", "id"))
      .field("name", .string, .required)
      .field("role", .string, .required)
      .field("prefix", .string, .required)
      .field("token_hash", .string, .required)
      .field("created_at", .datetime, .required)
      .field("expires_at", .datetime)
      .field("revoked_at", .datetime)
      .field("last_used_at", .datetime)
      .unique(on: "token_hash")
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("api_tokens").delete()
    try await database.schema("accounts").delete()
  }
}
