import Foundation

/// A person who signs in. The email is the account's name (stored lower case); the role
/// says what it may do.
public struct Account: Sendable, Hashable, Identifiable {
  public var id: Int
  /// Lower case, unique.
  public var email: String
  /// How the person is named on assessments and pages (defaults to the email).
  public var name: String
  public var role: Role
  /// A disabled account cannot sign in, and its sessions and tokens stop working.
  public var disabled: Bool
  public var createdAt: Date
  /// Raised to end every session of the account at once ("sign out everywhere", a new
  /// password, disabling): a session remembers the value it started with.
  public var sessionEpoch: Int
  /// Whether signing in also needs a code from an authenticator app (TOTP).
  public var hasSecondFactor: Bool

  public init(
    id: Int, email: String, name: String, role: Role, disabled: Bool = false, createdAt: Date, sessionEpoch: Int = 0,
    hasSecondFactor: Bool = false
  ) {
    self.hasSecondFactor = hasSecondFactor
    self.id = id
    self.email = email
    self.name = name
    self.role = role
    self.disabled = disabled
    self.createdAt = createdAt
    self.sessionEpoch = sessionEpoch
  }

  /// An email as accounts store it: trimmed, lower case.
  public static func normalised(email: String) -> String {
    email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  /// Why `email` cannot name an account, or `nil`. Not a full address check: one `@`
  /// with text on both sides, no spaces or control characters, within the length limit.
  public static func problem(email: String) -> String? {
    let e = normalised(email: email)
    if e.isEmpty { return tr("give an email address") }
    if e.count > TextLimits.name { return tr("at most {count} characters", ["count": .text(String(TextLimits.name))]) }
    let parts = e.split(separator: "@", omittingEmptySubsequences: false)
    if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty
      || e.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
    {
      return tr("'{email}' is not an email address (name@example.org)", ["email": .text(TextLimits.preview(e))])
    }
    return nil
  }
}

/// A personal API token as stored: never the token itself, only its SHA-256.
public struct APIToken: Sendable, Hashable, Identifiable {
  public var id: Int
  public var accountID: Int
  public var name: String
  /// At most the account's role; the account's current role caps it again at each use.
  public var role: Role
  /// The first characters of the token, to recognise it in a list.
  public var prefix: String
  public var createdAt: Date
  public var expiresAt: Date?
  public var revokedAt: Date?
  public var lastUsedAt: Date?

  public init(
    id: Int, accountID: Int, name: String, role: Role, prefix: String, createdAt: Date, expiresAt: Date? = nil,
    revokedAt: Date? = nil, lastUsedAt: Date? = nil
  ) {
    self.id = id
    self.accountID = accountID
    self.name = name
    self.role = role
    self.prefix = prefix
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.revokedAt = revokedAt
    self.lastUsedAt = lastUsedAt
  }

  /// Whether the token may be used at `now`.
  public func isActive(at now: Date) -> Bool {
    revokedAt == nil && (expiresAt.map { now < $0 } ?? true)
  }
}

/// What an account store refused.
public enum AccountError: Error, Sendable, Equatable, CustomStringConvertible {
  case emailTaken(String)
  case noSuchAccount(String)
  case noSuchToken(Int)
  /// The change would leave no enabled administrator.
  case lastAdmin
  case invalid(field: String, message: String)

  public var description: String {
    switch self {
    case .emailTaken(let e):
      return tr("an account with the email '{email}' already exists", ["email": .text(TextLimits.preview(e))])
    case .noSuchAccount(let e):
      return tr("no account with the email '{email}'", ["email": .text(TextLimits.preview(e))])
    case .noSuchToken(let id): return tr("no API token {id} on this account", ["id": .text(String(id))])
    case .lastAdmin:
      return tr(
        "this is the last enabled administrator: make another account admin first, so that someone can still manage accounts"
      )
    case .invalid(let field, let message): return "\(field): \(message)"
    }
  }

  /// The field or parameter the error concerns.
  public var field: String {
    switch self {
    case .emailTaken, .noSuchAccount: return "email"
    case .noSuchToken: return "token"
    case .lastAdmin: return "role"
    case .invalid(let field, _): return field
    }
  }
}

/// Accounts, their API tokens and their password hashes. Every write appends its audit
/// record in the same transaction (`AuditContext` names who and from where).
public protocol AccountRepository: Sendable {
  func accounts() async throws -> [Account]
  func account(id: Int) async throws -> Account?
  func account(email: String) async throws -> Account?
  /// The stored password hash of an account (`nil` when none is set).
  func passwordHash(accountID: Int) async throws -> String?
  /// Whether an enabled administrator exists.
  func hasAdmin() async throws -> Bool
  /// Throws `.emailTaken`.
  func createAccount(email: String, name: String, role: Role, passwordHash: String) async throws -> Account
  /// Throws `.lastAdmin` when it would demote the last enabled administrator.
  func setRole(accountID: Int, role: Role) async throws -> Account
  /// Disabling also ends the account's sessions; throws `.lastAdmin`.
  func setDisabled(accountID: Int, disabled: Bool) async throws -> Account
  /// A new password also ends the account's sessions.
  func setPasswordHash(accountID: Int, hash: String) async throws
  /// Ends every session of the account (raises its session epoch).
  func endSessions(accountID: Int) async throws

  func createToken(
    accountID: Int, name: String, role: Role, prefix: String, hash: String, expiresAt: Date?
  ) async throws -> APIToken
  func tokens(accountID: Int) async throws -> [APIToken]
  /// The token whose SHA-256 is `hash`, with its account.
  func token(hash: String) async throws -> (APIToken, Account)?
  func revokeToken(id: Int, accountID: Int) async throws
  /// Records a use (rounded by the caller, so that a busy script does not write each time).
  func touchToken(id: Int, at: Date) async throws

  /// The account's TOTP secret (base32) and the last time step it accepted, if it has one.
  func secondFactor(accountID: Int) async throws -> (secret: String, lastStep: Int64)?
  /// Turns the second factor on (a secret and the hashes of new recovery codes) or off (`nil`).
  func setSecondFactor(accountID: Int, secret: String?, recoveryHashes: [String]) async throws
  /// Accepts a TOTP time step once: `true` and recorded when it is later than the last one.
  func useTimeStep(accountID: Int, step: Int64) async throws -> Bool
  /// Uses up a recovery code by its hash: `true` when it was unused.
  func useRecoveryCode(accountID: Int, hash: String) async throws -> Bool
}
