import FluentKit
import Foundation

// The store's private representation of accounts, API tokens and the audit trail;
// `Account`, `APIToken` and `AuditRecord` in the core are the contracts.

final class AccountModel: Model, @unchecked Sendable {
  static let schema = "accounts"

  @ID(custom: "id", generatedBy: .database) var id: Int?
  /// Lower case; unique.
  @Field(key: "email") var email: String
  @Field(key: "name") var name: String
  @Field(key: "role") var role: String
  /// Bcrypt (`$2b$…`).
  @Field(key: "password_hash") var passwordHash: String
  @Field(key: "disabled") var disabled: Bool
  @Field(key: "session_epoch") var sessionEpoch: Int
  @Field(key: "created_at") var createdAt: Date
  /// Base32 TOTP secret, when the second factor is on.
  @OptionalField(key: "totp_secret") var totpSecret: String?
  /// The last TOTP time step accepted: a code is good once.
  @Field(key: "totp_last_step") var totpLastStep: Int64
  /// JSON array of the SHA-256 hashes of unused recovery codes.
  @OptionalField(key: "recovery_codes") var recoveryCodes: String?

  init() {}
}

final class APITokenModel: Model, @unchecked Sendable {
  static let schema = "api_tokens"

  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "account_id") var accountID: Int
  @Field(key: "name") var name: String
  @Field(key: "role") var role: String
  @Field(key: "prefix") var prefix: String
  /// SHA-256 of the token, lower-case hex; unique.
  @Field(key: "token_hash") var tokenHash: String
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "expires_at") var expiresAt: Date?
  @OptionalField(key: "revoked_at") var revokedAt: Date?
  @OptionalField(key: "last_used_at") var lastUsedAt: Date?

  init() {}
}

final class AuditRecordModel: Model, @unchecked Sendable {
  static let schema = "audit_records"

  /// The sequence number (1, 2, …), unique: the chain's order.
  @ID(custom: "seq", generatedBy: .user) var id: Int?
  @Field(key: "at_us") var microseconds: Int64
  @Field(key: "actor") var actor: String
  @Field(key: "action") var action: String
  @Field(key: "summary") var summary: String
  @OptionalField(key: "address") var address: String?
  @Field(key: "previous_hash") var previousHash: String
  @Field(key: "hash") var hash: String

  init() {}
}

/// The chain's newest sequence number and hash, one row. Appenders queue on it, so the
/// chain has one order whatever the number of servers.
final class AuditHeadModel: Model, @unchecked Sendable {
  static let schema = "audit_head"

  @ID(custom: "id", generatedBy: .user) var id: Int?
  @Field(key: "seq") var seq: Int
  @Field(key: "hash") var hash: String

  init() {}
}

/// A random secret made when the store is created and shared by every server on it (it
/// binds the pages' CSRF tokens to their sessions).
final class ServerSecretModel: Model, @unchecked Sendable {
  static let schema = "server_secret"

  @ID(custom: "id", generatedBy: .user) var id: Int?
  @Field(key: "value") var value: String

  init() {}
}
