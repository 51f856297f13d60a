import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// Accounts, API tokens and the audit trail on the same database as the domains. Every
/// write appends its audit record in its own transaction (`FluentDomainRepository.writing`).
public struct FluentAccountRepository: AccountRepository, AuditLog {
  let database: any Database
  let now: @Sendable () -> Date

  public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
    self.database = database
    self.now = now
  }

  var store: FluentDomainRepository { FluentDomainRepository(database: database) }

  // MARK: - Accounts

  public func accounts() async throws -> [Account] {
    try await store.reading { db in try await AccountModel.query(on: db).sort(\.$id).all() }.map(Self.account)
  }

  public func account(id: Int) async throws -> Account? {
    try await store.reading { db in try await AccountModel.find(id, on: db) }.map(Self.account)
  }

  public func account(email: String) async throws -> Account? {
    let e = Account.normalised(email: email)
    return try await store.reading { db in try await AccountModel.query(on: db).filter(\.$email == e).first() }
      .map(Self.account)
  }

  public func passwordHash(accountID: Int) async throws -> String? {
    try await store.reading { db in try await AccountModel.find(accountID, on: db)?.passwordHash }
  }

  public func hasAdmin() async throws -> Bool {
    try await store.reading { db in
      try await AccountModel.query(on: db).filter(\.$role == Role.admin.rawValue).filter(\.$disabled == false).count()
        > 0
    }
  }

  public func createAccount(email: String, name: String, role: Role, passwordHash: String) async throws -> Account {
    let e = Account.normalised(email: email)
    let createdAt = FluentDomainRepository.stamp(now())
    do {
      return try await store.writing(audit: { (a: Account) in
        AuditEvent("account.create", ["account": .text(a.email), "role": .text(a.role.rawValue)])
      }) { db in
        if try await AccountModel.query(on: db).filter(\.$email == e).count() > 0 { throw AccountError.emailTaken(e) }
        let model = AccountModel()
        model.email = e
        model.name = name.isEmpty ? e : name
        model.role = role.rawValue
        model.passwordHash = passwordHash
        model.disabled = false
        model.sessionEpoch = 0
        model.createdAt = createdAt
        model.totpLastStep = 0
        try await model.create(on: db)
        return Self.account(model)
      }
    } catch let error where FluentDomainRepository.isConstraintFailure(error) {
      throw AccountError.emailTaken(e)
    }
  }

  public func setRole(accountID: Int, role: Role) async throws -> Account {
    try await change(accountID, action: "account.role", extra: ["role": .text(role.rawValue)]) { model, db in
      if model.role == Role.admin.rawValue, role != .admin, !model.disabled {
        try await Self.requireAnotherAdmin(than: accountID, on: db)
      }
      model.role = role.rawValue
    }
  }

  public func setDisabled(accountID: Int, disabled: Bool) async throws -> Account {
    try await change(accountID, action: disabled ? "account.disable" : "account.enable", extra: [:]) { model, db in
      if disabled, model.role == Role.admin.rawValue, !model.disabled {
        try await Self.requireAnotherAdmin(than: accountID, on: db)
      }
      if disabled != model.disabled, disabled { model.sessionEpoch += 1 }
      model.disabled = disabled
    }
  }

  public func setPasswordHash(accountID: Int, hash: String) async throws {
    _ = try await change(accountID, action: "account.password", extra: [:]) { model, _ in
      model.passwordHash = hash
      model.sessionEpoch += 1
    }
  }

  public func endSessions(accountID: Int) async throws {
    _ = try await change(accountID, action: "account.sign-out-everywhere", extra: [:]) { model, _ in
      model.sessionEpoch += 1
    }
  }

  private func change(
    _ id: Int, action: String, extra: [String: AuditValue],
    _ edit: @escaping @Sendable (AccountModel, any Database) async throws -> Void
  ) async throws -> Account {
    try await store.writing(audit: { (a: Account) in
      AuditEvent(action, extra.merging(["account": .text(a.email)]) { x, _ in x })
    }) { db in
      guard let model = try await AccountModel.find(id, on: db) else { throw AccountError.noSuchAccount("#\(id)") }
      try await edit(model, db)
      try await model.save(on: db)
      return Self.account(model)
    }
  }

  static func requireAnotherAdmin(than id: Int, on db: any Database) async throws {
    // On PostgreSQL two demotions at once could each see the other admin; lock the admins' rows.
    if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
      try await sql.raw("SELECT id FROM accounts WHERE role = 'admin' FOR UPDATE").run()
    }
    let others = try await AccountModel.query(on: db).filter(\.$role == Role.admin.rawValue)
      .filter(\.$disabled == false).filter(\.$id != id).count()
    if others == 0 { throw AccountError.lastAdmin }
  }

  static func account(_ m: AccountModel) -> Account {
    Account(
      id: m.id ?? 0, email: m.email, name: m.name, role: Role(rawValue: m.role) ?? .viewer, disabled: m.disabled,
      createdAt: m.createdAt, sessionEpoch: m.sessionEpoch, hasSecondFactor: m.totpSecret != nil)
  }

  // MARK: - Second factor

  public func secondFactor(accountID: Int) async throws -> (secret: String, lastStep: Int64)? {
    try await store.reading { db in try await AccountModel.find(accountID, on: db) }.flatMap { m in
      m.totpSecret.map { ($0, m.totpLastStep) }
    }
  }

  public func setSecondFactor(accountID: Int, secret: String?, recoveryHashes: [String]) async throws {
    let codes = secret == nil ? nil : String(decoding: try JSONEncoder().encode(recoveryHashes), as: UTF8.self)
    _ = try await change(
      accountID, action: secret == nil ? "account.second-factor-off" : "account.second-factor-on", extra: [:]
    ) { model, _ in
      model.totpSecret = secret
      model.recoveryCodes = codes
      model.totpLastStep = 0
      // Turning it off or on ends other sessions, as a new password does.
      model.sessionEpoch += 1
    }
  }

  public func useTimeStep(accountID: Int, step: Int64) async throws -> Bool {
    try await store.writing(audit: { _ in nil }) { db in
      guard let model = try await AccountModel.find(accountID, on: db), model.totpLastStep < step else { return false }
      model.totpLastStep = step
      try await model.save(on: db)
      return true
    }
  }

  public func useRecoveryCode(accountID: Int, hash: String) async throws -> Bool {
    try await store.writing(audit: { used in used ? AuditEvent("account.recovery-code-used") : nil }) { db in
      guard let model = try await AccountModel.find(accountID, on: db), let text = model.recoveryCodes,
        var hashes = try? JSONDecoder().decode([String].self, from: Data(text.utf8)),
        let index = hashes.firstIndex(of: hash)
      else { return false }
      hashes.remove(at: index)
      model.recoveryCodes = String(decoding: try JSONEncoder().encode(hashes), as: UTF8.self)
      try await model.save(on: db)
      return true
    }
  }

  // MARK: - Tokens

  public func createToken(
    accountID: Int, name: String, role: Role, prefix: String, hash: String, expiresAt: Date?
  ) async throws -> APIToken {
    let createdAt = FluentDomainRepository.stamp(now())
    let expires = expiresAt.map(FluentDomainRepository.stamp)
    return try await store.writing(audit: { (t: APIToken) in
      AuditEvent("token.create", ["token": .number(t.id), "name": .text(t.name), "role": .text(t.role.rawValue)])
    }) { db in
      guard try await AccountModel.find(accountID, on: db) != nil else {
        throw AccountError.noSuchAccount("#\(accountID)")
      }
      let model = APITokenModel()
      model.accountID = accountID
      model.name = name
      model.role = role.rawValue
      model.prefix = prefix
      model.tokenHash = hash
      model.createdAt = createdAt
      model.expiresAt = expires
      try await model.create(on: db)
      return Self.token(model)
    }
  }

  public func tokens(accountID: Int) async throws -> [APIToken] {
    try await store.reading { db in
      try await APITokenModel.query(on: db).filter(\.$accountID == accountID).sort(\.$id).all()
    }.map(Self.token)
  }

  public func token(hash: String) async throws -> (APIToken, Account)? {
    try await store.reading { db in
      guard let t = try await APITokenModel.query(on: db).filter(\.$tokenHash == hash).first(),
        let a = try await AccountModel.find(t.accountID, on: db)
      else { return nil }
      return (Self.token(t), Self.account(a))
    }
  }

  public func revokeToken(id: Int, accountID: Int) async throws {
    let at = FluentDomainRepository.stamp(now())
    _ = try await store.writing(audit: { _ in AuditEvent("token.revoke", ["token": .number(id)]) }) { db in
      guard let t = try await APITokenModel.find(id, on: db), t.accountID == accountID else {
        throw AccountError.noSuchToken(id)
      }
      if t.revokedAt == nil {
        t.revokedAt = at
        try await t.save(on: db)
      }
      return true
    }
  }

  public func touchToken(id: Int, at date: Date) async throws {
    let at = FluentDomainRepository.stamp(date)
    // Not audited: a use is not a change, and the write it authorises is recorded itself.
    _ = try await store.writing(audit: { _ in nil }) { db in
      try await APITokenModel.query(on: db).filter(\.$id == id).set(\.$lastUsedAt, to: at).update()
      return true
    }
  }

  static func token(_ m: APITokenModel) -> APIToken {
    APIToken(
      id: m.id ?? 0, accountID: m.accountID, name: m.name, role: Role(rawValue: m.role) ?? .viewer, prefix: m.prefix,
      createdAt: m.createdAt, expiresAt: m.expiresAt, revokedAt: m.revokedAt, lastUsedAt: m.lastUsedAt)
  }

  // MARK: - Audit

  public func appendAudit(_ event: AuditEvent) async throws {
    _ = try await store.writing(audit: { _ in event }) { _ in true }
  }

  public func auditRecords(_ query: AuditQuery) async throws -> [AuditRecord] {
    try await store.reading { db in
      var q = AuditRecordModel.query(on: db)
      if let actor = query.actor, !actor.isEmpty { q = q.filter(\.$actor == actor) }
      if let action = query.action, !action.isEmpty {
        q = q.filter(\.$action, .custom("LIKE"), Self.likePrefix(action))
      }
      if let since = query.since { q = q.filter(\.$microseconds >= AuditRecord.microseconds(since)) }
      if let until = query.until { q = q.filter(\.$microseconds < AuditRecord.microseconds(until)) }
      if let limit = query.limit {
        // The newest `limit`, shown oldest first.
        return try await q.sort(\.$id, .descending).limit(limit).all().reversed()
      }
      return try await q.sort(\.$id).all()
    }.map(Self.record)
  }

  static func likePrefix(_ s: String) -> String {
    s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
      .replacingOccurrences(of: "_", with: "\\_") + "%"
  }

  public func auditHead() async throws -> (seq: Int, hash: String)? {
    try await store.reading { db in try await AuditHeadModel.find(1, on: db) }.map { ($0.seq, $0.hash) }
  }

  public func failedSignIns(
    email: String, address: String?, since date: Date
  ) async throws -> (
    account: Int, address: Int
  ) {
    let e = Account.normalised(email: email)
    let from = AuditRecord.microseconds(date)
    return try await store.reading { db in
      let account = try await AuditRecordModel.query(on: db).filter(\.$actor == e)
        .filter(\.$action == "sign-in.failed").filter(\.$microseconds >= from).count()
      var byAddress = 0
      if let address {
        byAddress = try await AuditRecordModel.query(on: db).filter(\.$address == address)
          .filter(\.$action == "sign-in.failed").filter(\.$microseconds >= from).count()
      }
      return (account, byAddress)
    }
  }

  static func record(_ m: AuditRecordModel) -> AuditRecord {
    AuditRecord(
      seq: m.id ?? 0, microseconds: m.microseconds, actor: m.actor, action: m.action, summary: m.summary,
      address: m.address, previousHash: m.previousHash, hash: m.hash)
  }

  // MARK: - The servers' secret

  public func serverSecret() async throws -> String {
    try await store.reading { db in try await ServerSecretModel.find(1, on: db)?.value ?? "" }
  }
}

extension FluentDomainRepository {
  /// Accounts, tokens and the audit trail on the same database.
  public var accounts: any AccountRepository { FluentAccountRepository(database: database) }
  /// The audit trail on the same database.
  public var audit: any AuditLog { FluentAccountRepository(database: database) }
  public func serverSecret() async throws -> String {
    try await FluentAccountRepository(database: database).serverSecret()
  }
}
