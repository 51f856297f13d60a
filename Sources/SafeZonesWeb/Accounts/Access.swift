import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import Vapor

/// Who made a request: an account signed in on the pages (a session) or a script using a
/// personal API token (the API). Pages never see a token, the API never sees a session.
struct Principal: Sendable {
  enum Via: Sendable {
    case session
    case token(APIToken)
  }

  var account: Account
  /// The role in force: the account's, or the lower of the token's and the account's.
  var role: Role
  var via: Via

  /// Who writes, for the audit trail.
  func auditContext(address: String?) -> AuditContext { AuditContext(actor: account.email, address: address) }
}

extension Request {
  private struct PrincipalKey: StorageKey { typealias Value = Principal }

  /// The signed-in account (pages) or the token's account (API), if any.
  var principal: Principal? {
    get { storage[PrincipalKey.self] }
    set { storage[PrincipalKey.self] = newValue }
  }

  /// The client's address, as the audit trail and the sign-in throttle record it (behind a
  /// trusted proxy, the address it forwards).
  var clientAddress: String? {
    settings.clientAddress(peer: remoteAddress?.ipAddress, forwardedFor: headers.first(name: "X-Forwarded-For"))
  }

  /// Runs a write as the request's principal (the audit trail's *who* and *from where*).
  @discardableResult
  func asPrincipal<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    let context =
      principal?.auditContext(address: clientAddress) ?? AuditContext(actor: "anonymous", address: clientAddress)
    return try await AuditContext.$current.withValue(context) { try await body() }
  }
}

/// The route's access rule, enforced: a request the rule does not allow is refused before
/// the handler runs — pages send a visitor to the sign-in page, the API answers 401; a
/// role too low gets 403 naming the role needed. Until the first administrator exists,
/// only open routes answer (503 with the command that creates one).
struct AccessGuard: AsyncMiddleware {
  static let userInfoKey = "access"
  let rule: AccessRule

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    guard rule != .open else { return try await next.respond(to: request) }
    let isAPI = request.url.path.hasPrefix("/api/")
    guard try await request.application.adminPresence.exists(request.catalog.repository.accounts) else {
      // The sign-in page shows the command that creates the first administrator.
      if !isAPI, request.method == .GET { return request.redirect(to: "/login") }
      throw AppError(
        .serviceUnavailable, code: "no_admin",
        message: tr(
          "SafeZones has no administrator yet. On the server, run: {command} — then sign in.",
          ["command": .text(request.settings.firstAdminCommand)]))
    }
    switch rule.decide(role: request.principal?.role, publicRead: request.settings.publicRead) {
    case .allow:
      if case .permission = rule, request.settings.requireMFA, let p = request.principal, p.account.role == .admin,
        !p.account.hasSecondFactor
      {
        throw AppError(
          .forbidden, code: "second_factor_required",
          message: tr(
            "This server requires administrators to use two-step verification: turn it on on your account page (/account) first."
          ))
      }
      return try await next.respond(to: request)
    case .signIn:
      if isAPI {
        throw AppError(
          .unauthorized, code: "unauthenticated",
          message: tr("send a personal API token: Authorization: Bearer szt_… (create one on /account)"),
          headers: ["WWW-Authenticate": "Bearer realm=\"SafeZones\""])
      }
      if request.method == .GET || request.method == .HEAD {
        var target = request.url.path
        if let q = request.url.query, !q.isEmpty { target += "?" + q }
        return request.redirect(to: "/login?next=" + PercentEncoding.component(target), redirectType: .normal)
      }
      throw AppError(.unauthorized, code: "unauthenticated", message: tr("Sign in first: nothing was saved."))
    case .forbidden(let needs):
      throw AppError(
        .forbidden, code: "forbidden",
        message: request.principal?.via.isToken == true
          ? tr(
            "This needs the {role} role; this token has {current}. Ask an administrator if you need it.",
            ["role": .text(needs.title), "current": .text(request.principal?.role.title ?? tr("none"))])
          : tr(
            "This needs the {role} role; your account has {current}. Ask an administrator if you need it.",
            ["role": .text(needs.title), "current": .text(request.principal?.role.title ?? tr("none"))]))
    }
  }
}

extension Request {
  /// Whether the signed-in account (or token) may `permission`: pages show a form only to
  /// those who may send it (the route's rule decides either way).
  func may(_ permission: Permission) -> Bool { principal?.role.allows(permission) ?? false }
}

extension Principal.Via {
  var isToken: Bool { if case .token = self { return true } else { return false } }
}

/// A route builder whose routes all carry one access rule, enforced by `AccessGuard` and
/// recorded on the route (the route-table test reads it from the router).
struct AccessRoutes: RoutesBuilder {
  let guarded: any RoutesBuilder
  let rule: AccessRule

  func add(_ route: Route) {
    // Registered once per route: a rule set nearer the route is not overwritten.
    if route.accessRule == nil { route.userInfo[.init(AccessGuard.userInfoKey)] = rule }
    guarded.add(route)
  }
}

extension RoutesBuilder {
  /// The routes registered on the result need `rule`.
  func access(_ rule: AccessRule) -> AccessRoutes {
    AccessRoutes(guarded: grouped(AccessGuard(rule: rule)), rule: rule)
  }
}

extension Route {
  /// The access rule this route was registered with, if any.
  var accessRule: AccessRule? { userInfo[.init(AccessGuard.userInfoKey)] as? AccessRule }
}

/// Whether an enabled administrator exists: asked of the store until one does, then
/// remembered (the store refuses to disable or demote the last one).
actor AdminPresence {
  private var known = false

  func exists(_ accounts: any AccountRepository) async throws -> Bool {
    if known { return true }
    known = try await accounts.hasAdmin()
    return known
  }
}

extension Application {
  private struct AdminPresenceKey: StorageKey { typealias Value = AdminPresence }
  var adminPresence: AdminPresence {
    if let existing = storage[AdminPresenceKey.self] { return existing }
    let made = AdminPresence()
    storage[AdminPresenceKey.self] = made
    return made
  }
}

/// Signs in the pages' requests from their session (Fluent sessions, cookie `sz_session`):
/// the session names the account and the session epoch it began in; it ends when the
/// account is disabled, its password changes, it signs out everywhere, or it has been idle
/// longer than the setting.
struct SessionAuthenticator: AsyncMiddleware {
  static let cookie = "sz_session"
  static let accountKey = "account"
  static let epochKey = "epoch"
  static let seenKey = "seen"

  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    // Single sign-on by a trusted reverse proxy: the header names the account, per request.
    if let header = request.settings.trustedIdentityHeader,
      request.settings.trustsIdentityHeader(from: request.remoteAddress?.ipAddress),
      let email = request.headers.first(name: header), !email.isEmpty
    {
      guard let account = try await request.catalog.repository.accounts.account(email: email), !account.disabled else {
        throw AppError(
          .forbidden, code: "forbidden",
          message: request.inItsLanguage {
            tr(
              "The sign-on names {email}, which has no enabled SafeZones account. Ask an administrator to add it.",
              ["email": .text(TextLimits.preview(email))])
          })
      }
      request.principal = Principal(account: account, role: account.role, via: .session)
      return try await next.respond(to: request)
    }
    if request.hasSession {
      let session = request.session
      if session.id == nil {
        // A cookie for no stored session (expired, signed out): clear it instead of making
        // an empty session.
        session.destroy()
      } else if session.data[Self.pendingKey] != nil {
        // Half signed in: waiting for the second factor (no principal yet).
      } else if let principal = try await Self.principal(of: session, request: request) {
        request.principal = principal
        // The last-seen time to the minute: enough for the idle timeout.
        let now = Date().timeIntervalSince1970
        if now - (Double(session.data[Self.seenKey] ?? "") ?? 0) > 60 {
          session.data[Self.seenKey] = String(Int(now))
        }
      } else {
        session.destroy()
      }
    }
    return try await next.respond(to: request)
  }

  static func principal(of session: Session, request: Request) async throws -> Principal? {
    guard let id = session.data[accountKey].flatMap(Int.init),
      let epoch = session.data[epochKey].flatMap(Int.init),
      let seen = session.data[seenKey].flatMap(Double.init)
    else { return nil }
    let idle = Double(request.settings.idleTimeout.components.seconds)
    guard Date().timeIntervalSince1970 - seen <= idle else { return nil }
    guard let account = try await request.catalog.repository.accounts.account(id: id), !account.disabled,
      account.sessionEpoch == epoch
    else { return nil }
    return Principal(account: account, role: account.role, via: .session)
  }

  static let pendingKey = "second-factor-account"
  static let pendingAtKey = "second-factor-at"
  static let pendingNextKey = "second-factor-next"

  /// After a right password for an account with a second factor: a session that signs
  /// nobody in yet, only remembers whose code to ask for (for five minutes).
  static func pendSecondFactor(_ account: Account, next: String, on request: Request) async throws {
    if request.hasSession, let old = request.session.id {
      try await request.application.sessions.driver.deleteSession(old, for: request).get()
      request.session.id = nil
    }
    request.session.data = SessionData()
    request.session.data[pendingKey] = String(account.id)
    request.session.data[pendingAtKey] = String(Int(Date().timeIntervalSince1970))
    request.session.data[pendingNextKey] = next
  }

  /// The account whose second factor this session waits for, and where to go after.
  static func pendingSecondFactor(on request: Request) async throws -> (Account, String)? {
    guard request.hasSession, let id = request.session.data[pendingKey].flatMap(Int.init),
      let at = request.session.data[pendingAtKey].flatMap(Double.init),
      Date().timeIntervalSince1970 - at < 300,
      let account = try await request.catalog.repository.accounts.account(id: id), !account.disabled
    else { return nil }
    return (account, request.session.data[pendingNextKey] ?? "/")
  }

  /// Starts a signed-in session for `account` on this request (a new session id, so a
  /// session id known before signing in is worth nothing after).
  static func signIn(_ account: Account, on request: Request) async throws {
    if request.hasSession, let old = request.session.id {
      try await request.application.sessions.driver.deleteSession(old, for: request).get()
      request.session.id = nil
    }
    request.session.data = SessionData()
    request.session.data[accountKey] = String(account.id)
    request.session.data[epochKey] = String(account.sessionEpoch)
    request.session.data[seenKey] = String(Int(Date().timeIntervalSince1970))
    request.principal = Principal(account: account, role: account.role, via: .session)
  }
}

/// Reads `Authorization: Bearer szt_…` on the API. A missing header leaves the request
/// anonymous (the route's rule decides); a header with an unknown, revoked or expired
/// token is refused outright, so that a script learns at once that its token is dead.
struct BearerAuthenticator: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    if let header = request.headers.first(name: .authorization) {
      let parts = header.split(separator: " ", maxSplits: 1)
      guard parts.count == 2, parts[0].lowercased() == "bearer" else {
        throw AppError(
          .unauthorized, code: "unauthenticated",
          message: request.inItsLanguage { tr("the API takes personal API tokens only: Authorization: Bearer szt_…") },
          headers: ["WWW-Authenticate": "Bearer realm=\"SafeZones\""])
      }
      guard let (account, token, role) = try await request.accountService.authenticate(token: String(parts[1])) else {
        throw AppError(
          .unauthorized, code: "invalid_token",
          message: request.inItsLanguage {
            tr("this API token is not valid (unknown, revoked or expired, or its account is disabled)")
          },
          headers: ["WWW-Authenticate": "Bearer realm=\"SafeZones\", error=\"invalid_token\""])
      }
      request.principal = Principal(account: account, role: role, via: .token(token))
    }
    return try await next.respond(to: request)
  }
}

/// Vapor's bcrypt behind the application layer's `PasswordHashing`.
public struct BcryptHasher: PasswordHashing {
  public let cost: Int
  public init(cost: Int = 12) { self.cost = cost }
  public func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }
  public func verify(_ password: String, against hash: String) throws -> Bool {
    try Bcrypt.verify(password, created: hash)
  }
}

extension Request {
  var accountService: AccountService { application.accountService }
}

extension Application {
  struct AccountServiceKey: StorageKey { typealias Value = AccountService }
  var accountService: AccountService { storage[AccountServiceKey.self]! }
}
