import Crypto
import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore
import Synchronization

/// Hashes and checks passwords (bcrypt, from the web layer's Vapor). A protocol so that the
/// account rules here do not depend on the web framework.
public protocol PasswordHashing: Sendable {
  func hash(_ password: String) throws -> String
  func verify(_ password: String, against hash: String) throws -> Bool
}

/// What the command line and the server do with accounts: one set of rules (the password
/// policy, roles, tokens, sign-in throttling) behind both `safezones users …` and the pages.
/// Every change is written with its audit record by the store.
public struct AccountService: Sendable {
  public let accounts: any AccountRepository
  public let audit: any AuditLog
  let hasher: any PasswordHashing
  public let policy: PasswordPolicy
  public let throttle: LoginThrottle
  public let now: @Sendable () -> Date

  public init(
    store: any Store, hasher: any PasswordHashing, policy: PasswordPolicy? = nil, throttle: LoginThrottle = .init(),
    now: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    self.accounts = store.accounts
    self.audit = store.audit
    self.hasher = hasher
    self.policy = try policy ?? PasswordPolicy(common: KnowledgeBase.commonPasswords())
    self.throttle = throttle
    self.now = now
  }

  // MARK: - Accounts

  /// Creates an account. Refuses a bad email, a weak password or a taken email, naming the field.
  @discardableResult
  public func add(email: String, name: String = "", role: Role, password: String) async throws -> Account {
    let e = Account.normalised(email: email)
    if let problem = Account.problem(email: e) { throw AccountError.invalid(field: "email", message: problem) }
    let displayName = name.trimmingCharacters(in: .whitespacesAndNewlines)
    if let problem = TextLimits.problem(displayName, limit: TextLimits.name) {
      throw AccountError.invalid(field: "name", message: problem)
    }
    if let problem = policy.problem(password, email: e) {
      throw AccountError.invalid(field: "password", message: problem)
    }
    // The name signs assessments and Delphi judgements: two people may not share one.
    let shown = (displayName.isEmpty ? e : displayName).lowercased()
    if try await accounts.accounts().contains(where: { $0.name.lowercased() == shown && $0.email != e }) {
      throw AccountError.invalid(
        field: "name",
        message:
          tr(
            "another account is already named '{name}'; add something that tells them apart",
            ["name": .text(TextLimits.preview(displayName.isEmpty ? e : displayName))])
      )
    }
    return try await accounts.createAccount(
      email: e, name: displayName, role: role, passwordHash: try hasher.hash(password))
  }

  /// The account with this email, or `.noSuchAccount`.
  public func require(email: String) async throws -> Account {
    guard let a = try await accounts.account(email: email) else {
      throw AccountError.noSuchAccount(Account.normalised(email: email))
    }
    return a
  }

  public func setRole(email: String, role: Role) async throws -> Account {
    try await accounts.setRole(accountID: try await require(email: email).id, role: role)
  }

  public func setDisabled(email: String, _ disabled: Bool) async throws -> Account {
    try await accounts.setDisabled(accountID: try await require(email: email).id, disabled: disabled)
  }

  /// Sets a new password (an administrator's reset, or the user's own change after checking
  /// the current one); ends every session of the account.
  public func setPassword(email: String, password: String) async throws {
    let account = try await require(email: email)
    if let problem = policy.problem(password, email: account.email) {
      throw AccountError.invalid(field: "password", message: problem)
    }
    try await accounts.setPasswordHash(accountID: account.id, hash: try hasher.hash(password))
  }

  /// Whether `password` is the account's current password.
  public func checkPassword(_ password: String, of account: Account) async throws -> Bool {
    guard let hash = try await accounts.passwordHash(accountID: account.id) else { return false }
    return (try? hasher.verify(password, against: hash)) ?? false
  }

  // MARK: - Signing in

  public enum SignInResult: Sendable, Equatable {
    case success(Account)
    /// The password is right; the account's second factor is still to be checked.
    case needsSecondFactor(Account)
    /// Wrong email or password, or a disabled account: one message for all, so that it
    /// does not tell whether an account exists.
    case refused(String)
    /// Too many recent failures for the account or from the address.
    case throttled(String)
  }

  public static let refusedMessage = "The email or password is not right."

  /// Checks a sign-in, throttled per account and per address. Failures and successes are
  /// recorded in the audit trail (which the throttle counts).
  public func signIn(email: String, password: String, address: String?) async throws -> SignInResult {
    let e = Account.normalised(email: email)
    let recent = try await audit.failedSignIns(
      email: e, address: address, since: now().addingTimeInterval(-throttle.window))
    guard throttle.allows(accountFailures: recent.account, addressFailures: recent.address) else {
      try await AuditContext.$current.withValue(
        AuditContext(actor: TextLimits.preview(e, limit: 200), address: address)
      ) {
        try await audit.appendAudit(AuditEvent("sign-in.throttled"))
      }
      return .throttled(throttle.message)
    }
    let account = try await accounts.account(email: e)
    let hash = try await account.asyncMap { try await accounts.passwordHash(accountID: $0.id) } ?? nil
    // Check a hash even when there is no account, so that the time taken does not tell.
    let matches = (try? hasher.verify(password, against: hash ?? Self.placeholderHash(hasher))) ?? false
    let actor = AuditContext(actor: account?.email ?? TextLimits.preview(e, limit: 200), address: address)
    guard let account, hash != nil, matches, !account.disabled else {
      try await AuditContext.$current.withValue(actor) {
        try await audit.appendAudit(AuditEvent("sign-in.failed"))
      }
      return .refused(Self.refusedMessage)
    }
    // With a second factor, the password alone signs nobody in: the code comes next.
    if account.hasSecondFactor { return .needsSecondFactor(account) }
    try await AuditContext.$current.withValue(actor) { try await audit.appendAudit(AuditEvent("sign-in")) }
    return .success(account)
  }

  /// A hash of a random password, made once per hasher, to spend the same time on unknown accounts.
  static func placeholderHash(_ hasher: any PasswordHashing) -> String {
    placeholder.withLock { cached in
      if let cached { return cached }
      let made = (try? hasher.hash(APITokens.random(bytes: 24))) ?? ""
      cached = made
      return made
    }
  }
  private static let placeholder = Mutex<String?>(nil)

  // MARK: - API tokens

  /// Makes a personal API token for `account`: returns the token (shown once) and what is
  /// stored of it. `role` defaults to the account's and may not exceed it.
  public func createToken(
    for account: Account, name: String, role: Role? = nil, expiresInDays: Int? = nil
  ) async throws -> (token: String, stored: APIToken) {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty {
      throw AccountError.invalid(field: "name", message: tr("give the token a name (what uses it)"))
    }
    if let problem = TextLimits.problem(trimmed, limit: TextLimits.name) {
      throw AccountError.invalid(field: "name", message: problem)
    }
    let role = role ?? account.role
    if role > account.role {
      throw AccountError.invalid(
        field: "role",
        message: tr(
          "a token's role cannot exceed the account's ({role}); got {asked}",
          ["role": .text(account.role.rawValue), "asked": .text(role.rawValue)]))
    }
    var expires: Date?
    if let days = expiresInDays {
      guard (1...3650).contains(days) else {
        throw AccountError.invalid(
          field: "expires-days",
          message: tr("give a number of days from 1 to 3650, got {days}", ["days": .text(String(days))]))
      }
      expires = now().addingTimeInterval(Double(days) * 86_400)
    }
    let token = APITokens.prefix + APITokens.random(bytes: 32)
    let stored = try await accounts.createToken(
      accountID: account.id, name: trimmed, role: role, prefix: String(token.prefix(APITokens.prefix.count + 6)),
      hash: AuditHash.sha256(token), expiresAt: expires)
    return (token, stored)
  }

  /// Who a bearer token speaks for, and with which role (the lower of the token's and the
  /// account's), or `nil` for an unknown, revoked or expired token or a disabled account.
  public func authenticate(token: String) async throws -> (account: Account, token: APIToken, role: Role)? {
    guard token.hasPrefix(APITokens.prefix), token.count < 200 else { return nil }
    guard let (stored, account) = try await accounts.token(hash: AuditHash.sha256(token)) else { return nil }
    let at = now()
    guard stored.isActive(at: at), !account.disabled else { return nil }
    // A last-used time to the minute is enough, and spares a write per request.
    if stored.lastUsedAt.map({ at.timeIntervalSince($0) > 60 }) ?? true {
      try? await accounts.touchToken(id: stored.id, at: at)
    }
    return (account, stored, min(stored.role, account.role))
  }
}

/// The form of API tokens: `szt_` and 43 URL-safe characters (256 random bits).
public enum APITokens {
  public static let prefix = "szt_"

  /// `bytes` random bytes as unpadded base64url.
  public static func random(bytes: Int) -> String {
    var rng = SystemRandomNumberGenerator()
    let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &rng) })
    return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}

extension Optional {
  func asyncMap<U>(_ f: (Wrapped) async throws -> U) async rethrows -> U? {
    switch self {
    case .none: return nil
    case .some(let w): return try await f(w)
    }
  }
}
