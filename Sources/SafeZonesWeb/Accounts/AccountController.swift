import Foundation
import SafeZonesApplication
import SafeZonesCore
import Vapor

/// The signed-in person's own account: personal API tokens, password, signing out everywhere.
struct AccountController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let own = routes.access(.signedIn)
    own.get("account", use: page)
    own.post("account", "tokens", use: createToken)
    own.post("account", "tokens", ":token", "revoke", use: revokeToken)
    own.post("account", "password", use: changePassword)
    own.post("account", "sign-out-everywhere", use: signOutEverywhere)
    own.post("account", "second-factor", "setup", use: secondFactorSetup)
    own.post("account", "second-factor", use: secondFactorEnable)
    own.post("account", "second-factor", "off", use: secondFactorDisable)
  }

  func render(
    _ req: Request, status: HTTPResponseStatus = .ok, newToken: String? = nil, notice: String? = nil,
    errors: [String: [String]] = [:], form: FormFields = .init(), setupSecret: String? = nil,
    recoveryCodes: [String]? = nil
  ) async throws -> Response {
    let principal = try req.requirePrincipal()
    let tokens = try await req.catalog.repository.accounts.tokens(accountID: principal.account.id)
    return AccountPage.page(
      AccountPageModel(
        account: principal.account, tokens: tokens, now: Date(), csrf: req.csrfToken, newToken: newToken,
        notice: notice, errors: errors, form: form, setupSecret: setupSecret, recoveryCodes: recoveryCodes,
        mfaRequired: req.settings.requireMFA && principal.account.role == .admin)
    ).response(status: status)
  }

  @Sendable
  func page(req: Request) async throws -> Response {
    let notice = req.query[String.self, at: "done"].flatMap { AccountPage.notices[$0] }
    return try await render(req, notice: notice)
  }

  @Sendable
  func createToken(req: Request) async throws -> Response {
    let principal = try req.requirePrincipal()
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    let roleText = fields["role"] ?? ""
    let daysText = (fields["expires_days"] ?? "").trimmingCharacters(in: .whitespaces)
    var errors: [String: [String]] = [:]
    let role = roleText.isEmpty ? principal.account.role : Role(rawValue: roleText)
    if role == nil { errors["role", default: []].append(tr("choose one of {roles}", ["roles": .text(Role.list)])) }
    var days: Int?
    if !daysText.isEmpty {
      days = Int(daysText)
      if days == nil {
        errors["expires_days", default: []].append(tr("a whole number of days, or empty for no expiry"))
      }
    }
    if errors.isEmpty, let role {
      do {
        let made = try await req.asPrincipal {
          try await req.accountService.createToken(
            for: principal.account, name: fields["name"] ?? "", role: role, expiresInDays: days)
        }
        return try await render(req, newToken: made.token)
      } catch let e as AccountError {
        errors[e.field == "expires-days" ? "expires_days" : e.field, default: []].append(
          e.description.components(separatedBy: ": ").dropFirst().joined(separator: ": "))
      }
    }
    return try await render(req, status: .unprocessableEntity, errors: errors, form: fields)
  }

  @Sendable
  func revokeToken(req: Request) async throws -> Response {
    let principal = try req.requirePrincipal()
    guard let id = req.parameters.get("token").flatMap(Int.init) else {
      throw AppError.notFound(tr("no such API token"))
    }
    do {
      try await req.asPrincipal {
        try await req.catalog.repository.accounts.revokeToken(id: id, accountID: principal.account.id)
      }
    } catch AccountError.noSuchToken {
      throw AppError.notFound(tr("no API token {id} on your account", ["id": .text(String(id))]))
    }
    return req.redirect(to: "/account?done=revoked")
  }

  @Sendable
  func changePassword(req: Request) async throws -> Response {
    let principal = try req.requirePrincipal()
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    let current = fields["current_password"] ?? ""
    let new = fields["new_password"] ?? ""
    guard try await req.accountService.checkPassword(current, of: principal.account) else {
      return try await render(
        req, status: .unprocessableEntity, errors: ["current_password": [tr("this is not your current password")]])
    }
    do {
      try await req.asPrincipal {
        try await req.accountService.setPassword(email: principal.account.email, password: new)
      }
    } catch let e as AccountError {
      return try await render(req, status: .unprocessableEntity, errors: ["new_password": [AccountPage.message(e)]])
    }
    // Every session ended with the new password, this one too: sign in again here.
    try await Self.continueSession(of: principal.account, on: req)
    return req.redirect(to: "/account?done=password")
  }

  /// Shows a new secret to add to an authenticator app, and asks for its first code.
  @Sendable
  func secondFactorSetup(req: Request) async throws -> Response {
    try await render(req, setupSecret: TOTP.newSecret())
  }

  @Sendable
  func secondFactorEnable(req: Request) async throws -> Response {
    let principal = try req.requirePrincipal()
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    let secret = fields["secret"] ?? ""
    guard Base32.decode(secret)?.count == 20 else {
      throw AppError.badRequest(tr("start the setup again"), field: "secret")
    }
    do {
      let codes = try await req.asPrincipal {
        try await req.accountService.enableSecondFactor(
          for: principal.account, secret: secret, code: fields["code"] ?? "")
      }
      // Turning it on ended the account's other sessions; this one goes on.
      try await Self.continueSession(of: principal.account, on: req)
      return try await render(req, notice: tr("Two-step verification is on."), recoveryCodes: codes)
    } catch let e as AccountError {
      return try await render(
        req, status: .unprocessableEntity, errors: ["code": [AccountPage.message(e)]], setupSecret: secret)
    }
  }

  @Sendable
  func secondFactorDisable(req: Request) async throws -> Response {
    let principal = try req.requirePrincipal()
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    guard try await req.accountService.checkPassword(fields["mfa_password"] ?? "", of: principal.account) else {
      return try await render(
        req, status: .unprocessableEntity, errors: ["mfa_password": [tr("this is not your password")]])
    }
    try await req.asPrincipal { try await req.accountService.disableSecondFactor(for: principal.account) }
    try await Self.continueSession(of: principal.account, on: req)
    return req.redirect(to: "/account?done=second-factor-off")
  }

  @Sendable
  func signOutEverywhere(req: Request) async throws -> Response {
    let principal = try req.requirePrincipal()
    try await req.asPrincipal { try await req.catalog.repository.accounts.endSessions(accountID: principal.account.id) }
    req.session.destroy()
    return req.redirect(to: "/login?signed-out=everywhere")
  }
}

extension AccountController {
  /// After a change that ended every session of the account (a new password, the second
  /// factor turned on or off): this browser, which made the change, stays signed in.
  static func continueSession(of account: Account, on req: Request) async throws {
    guard let fresh = try await req.catalog.repository.accounts.account(id: account.id) else {
      throw AppError.notFound(tr("no such account"))
    }
    try await SessionAuthenticator.signIn(fresh, on: req)
  }
}

extension Request {
  /// The principal a signed-in route is guaranteed to have (by its access rule).
  func requirePrincipal() throws -> Principal {
    guard let principal else { throw AppError(.unauthorized, code: "unauthenticated", message: tr("Sign in first.")) }
    return principal
  }
}

struct AccountPageModel {
  var account: Account
  var tokens: [APIToken]
  var now: Date
  var csrf: String
  var newToken: String?
  var notice: String?
  var errors: [String: [String]]
  var form: FormFields
  /// A new secret being set up (shown with the form for its first code).
  var setupSecret: String?
  /// Recovery codes just made (shown once).
  var recoveryCodes: [String]?
  /// The server requires administrators to use a second factor.
  var mfaRequired: Bool
}

enum AccountPage {
  /// The notice after a change, by the `done=` it redirects with (in the language in view).
  static var notices: [String: String] {
    [
      "revoked": tr("The token was revoked: scripts using it are refused from now on."),
      "password": tr("Your password was changed. Every other session of your account has ended."),
      "second-factor-off": tr("Two-step verification is off: signing in takes the password only."),
    ]
  }

  static func message(_ e: AccountError) -> String {
    if case .invalid(_, let message) = e { return message }
    return e.description
  }

  static func page(_ m: AccountPageModel) -> Page {
    let a = m.account
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"], .el("h1", [:], .safe(tr("Your account"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Signed in as {name} ({email}), role {role}: {summary}.",
              [
                "name": .text(a.name), "email": .text(a.email), "role": .text(a.role.title),
                "summary": .text(a.role.summary),
              ])))),
      .el(
        "div", ["class": "head-actions"],
        .el(
          "form", ["method": "post", "action": "/logout", "class": "inline-form"], ViewParts.csrfField(m.csrf),
          .el("button", ["type": "submit", "class": "button secondary", "id": "sign-out"], .safe(tr("Sign out")))),
        a.role == .admin
          ? .group([
            .link("/admin/users", tr("Manage accounts"), ["class": "button secondary", "id": "admin-users"]),
            .link("/admin/audit", tr("Audit trail"), ["class": "button secondary", "id": "admin-audit"]),
          ]) : .none),
    ]
    if let notice = m.notice {
      body.append(.el("div", ["class": "notice success", "role": "status"], .el("p", [:], .safe(notice))))
    }
    if let token = m.newToken {
      body.append(
        .el(
          "div", ["class": "notice success", "role": "status", "id": "new-token"],
          .el("h2", [:], .safe(tr("Your new API token"))),
          .el("p", [:], .safe(tr("Copy it now: it is shown only this once (SafeZones keeps only its hash)."))),
          .el("pre", ["class": "command"], .el("code", ["id": "new-token-value"], .safe(token))),
          .el(
            "p", [:],
            .safe(tr("Use it as: {header}", ["header": .text("Authorization: Bearer \(token.prefix(10))…")])))))
    }
    body.append(secondFactorSection(m))
    body.append(tokensSection(m))
    body.append(passwordSection(m))
    body.append(
      .el(
        "section", ["aria-labelledby": "everywhere-title"],
        .el("h2", ["id": "everywhere-title"], .safe(tr("Sign out everywhere"))),
        .el(
          "p", [:],
          .safe(
            tr(
              "Ends every session of your account, on every device and browser (API tokens stay valid; revoke them above)."
            ))),
        .el(
          "form", ["method": "post", "action": "/account/sign-out-everywhere"], ViewParts.csrfField(m.csrf),
          .el(
            "button", ["type": "submit", "class": "button secondary", "id": "sign-out-everywhere"],
            .safe(tr("Sign out everywhere"))))))
    return Page(title: tr("Your account"), section: .account, body: body)
  }

  static func tokensSection(_ m: AccountPageModel) -> HTMLNode {
    let rows: [HTMLNode] = m.tokens.reversed().map { t in
      let status: String
      let statusText: String
      if t.revokedAt != nil {
        (status, statusText) = ("revoked", tr("revoked"))
      } else if let e = t.expiresAt, e <= m.now {
        (status, statusText) = ("expired", tr("expired"))
      } else {
        (status, statusText) = ("active", tr("active"))
      }
      return .el(
        "tr", ["data-token": String(t.id)],
        .el("td", [:], .safe(t.name)), .el("td", [:], .el("code", [:], .safe(t.prefix + "…"))),
        .el("td", [:], .safe(t.role.title)), .el("td", [:], .safe(ViewParts.time(t.createdAt))),
        .el("td", [:], .safe(t.expiresAt.map(ViewParts.time) ?? tr("never"))),
        .el("td", [:], .safe(t.lastUsedAt.map(ViewParts.time) ?? tr("never used"))),
        .el("td", [:], .safe(statusText)),
        .el(
          "td", [:],
          status == "active"
            ? .el(
              "form", ["method": "post", "action": "/account/tokens/\(t.id)/revoke", "class": "inline-form"],
              ViewParts.csrfField(m.csrf),
              .el("button", ["type": "submit", "class": "button secondary small"], .safe(tr("Revoke"))))
            : .none))
    }
    let roles = Role.allCases.filter { $0 <= m.account.role }
    let chosenRole = m.form["role"] ?? m.account.role.rawValue
    return .el(
      "section", ["aria-labelledby": "tokens-title", "id": "tokens"],
      .el("h2", ["id": "tokens-title"], .safe(tr("Personal API tokens"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "Scripts use the JSON API with a token: Authorization: Bearer szt_…. A token acts as you, with a role no higher than yours; the API never accepts your browser session."
          ))),
      m.tokens.isEmpty
        ? .el("p", ["class": "muted"], .safe(tr("You have no API tokens.")))
        : .el(
          "div", ["class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": tr("Your API tokens")],
          .el(
            "table", ["class": "data", "id": "token-table"],
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .group(
                  [
                    tr("Name"), tr("Token"), tr("Role"), tr("Created"), tr("Expires"), tr("Last used"), tr("Status"),
                    "",
                  ].map {
                    .el("th", ["scope": "col"], .safe($0))
                  }))),
            .el("tbody", [:], rows))),
      .el(
        "form",
        [
          "method": "post", "action": "/account/tokens", "id": "create-token", "class": "assessment-form",
          "novalidate": "",
        ],
        ViewParts.csrfField(m.csrf),
        .el(
          "fieldset", ["class": "group"], .el("legend", [:], .safe(tr("New token"))),
          .el(
            "div", ["class": "field-row"],
            AssessPage.field(
              "name", tr("Name"), hint: tr("What will use it, e.g. “nightly export”."), errors: m.errors,
              required: true,
              input: ["type": "text", "value": m.form["name"] ?? "", "maxlength": "200"]),
            selectField(
              "role", tr("Role"), hint: tr("At most yours."), errors: m.errors,
              options: roles.map { ($0.rawValue, $0.title) }, chosen: chosenRole),
            AssessPage.field(
              "expires_days", tr("Expires after (days)"), hint: tr("Empty: never."), errors: m.errors,
              input: ["type": "text", "inputmode": "numeric", "value": m.form["expires_days"] ?? "", "maxlength": "5"])),
          .el(
            "div", [:],
            .el(
              "button", ["type": "submit", "class": "button primary", "id": "create-token-button"],
              .safe(tr("Create token")))))))
  }

  static func secondFactorSection(_ m: AccountPageModel) -> HTMLNode {
    var content: [HTMLNode] = [.el("h2", ["id": "mfa-title"], .safe(tr("Two-step verification")))]
    if m.mfaRequired && !m.account.hasSecondFactor {
      content.append(
        .el(
          "p", ["class": "notice warning", "id": "mfa-required", "role": "alert"],
          .safe(
            tr("This server requires administrators to use two-step verification: turn it on to manage anything."))))
    }
    if let codes = m.recoveryCodes {
      content.append(
        .el(
          "div", ["class": "notice success", "id": "recovery-codes"],
          .el(
            "p", [:],
            .safe(
              tr(
                "Keep these recovery codes somewhere safe: each signs you in once if you lose your phone. They are shown only now."
              ))),
          .el("pre", ["class": "command"], .el("code", [:], .safe(codes.joined(separator: "\n"))))))
    }
    if let secret = m.setupSecret {
      let uri = TOTP.uri(secret: secret, account: m.account.email)
      content.append(
        .el(
          "form",
          [
            "method": "post", "action": "/account/second-factor", "id": "second-factor-form", "class": "narrow-form",
            "novalidate": "",
          ],
          ViewParts.csrfField(m.csrf),
          .void("input", ["type": "hidden", "name": "secret", "value": secret]),
          .el("p", [:], .safe(tr("In your authenticator app, add an account with this key (time-based, 6 digits):"))),
          // In groups of four, as apps show keys; they take it with or without the spaces.
          .el(
            "pre", ["class": "command", "id": "second-factor-secret"],
            .el(
              "code", [:],
              .safe(
                stride(from: 0, to: secret.count, by: 4).map { i in
                  String(secret.dropFirst(i).prefix(4))
                }.joined(separator: " ")))),
          .el(
            "p", ["class": "hint"], .safe(tr("Or, where the app takes an address:") + " "),
            .el("code", ["class": "wrap"], .safe(uri))),
          AssessPage.field(
            "code", tr("The code the app shows now"), hint: nil, errors: m.errors, required: true,
            input: ["type": "text", "inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "6"]),
          .el(
            "button", ["type": "submit", "class": "button primary", "id": "second-factor-enable"], .safe(tr("Turn on")))
        ))
    } else if m.account.hasSecondFactor {
      content.append(
        .el("p", ["id": "mfa-status"], .safe(tr("On: signing in asks for a code from your authenticator app."))))
      content.append(
        .el(
          "form", ["method": "post", "action": "/account/second-factor/off", "class": "narrow-form", "novalidate": ""],
          ViewParts.csrfField(m.csrf),
          AssessPage.field(
            "mfa_password", tr("Your password, to turn it off"), hint: nil, errors: m.errors, required: true,
            input: ["type": "password", "autocomplete": "current-password", "maxlength": "200"]),
          .el(
            "button", ["type": "submit", "class": "button secondary", "id": "second-factor-disable"],
            .safe(tr("Turn off")))
        ))
    } else {
      content.append(
        .el(
          "p", ["id": "mfa-status"],
          .safe(tr("Off: signing in takes your password only. With it on, a stolen password is not enough."))))
      content.append(
        .el(
          "form", ["method": "post", "action": "/account/second-factor/setup"], ViewParts.csrfField(m.csrf),
          .el(
            "button", ["type": "submit", "class": "button secondary", "id": "second-factor-setup"],
            .safe(tr("Set up two-step verification")))))
    }
    return .el("section", ["aria-labelledby": "mfa-title", "id": "second-factor"], .group(content))
  }

  static func passwordSection(_ m: AccountPageModel) -> HTMLNode {
    .el(
      "section", ["aria-labelledby": "password-title"],
      .el("h2", ["id": "password-title"], .safe(tr("Change your password"))),
      .el(
        "form",
        [
          "method": "post", "action": "/account/password", "id": "change-password", "class": "narrow-form",
          "novalidate": "",
        ],
        ViewParts.csrfField(m.csrf),
        AssessPage.field(
          "current_password", tr("Current password"), hint: nil, errors: m.errors, required: true,
          input: ["type": "password", "autocomplete": "current-password", "maxlength": "200"]),
        AssessPage.field(
          "new_password", tr("New password"),
          hint: tr("At least 12 characters; a few unrelated words make a good one."),
          errors: m.errors, required: true,
          input: ["type": "password", "autocomplete": "new-password", "maxlength": "200"]),
        .el(
          "button", ["type": "submit", "class": "button primary", "id": "change-password-button"],
          .safe(tr("Change password")))))
  }

  /// A labelled `select`.
  static func selectField(
    _ name: String, _ label: String, hint: String?, errors: [String: [String]], options: [(String, String)],
    chosen: String
  ) -> HTMLNode {
    let messages = errors[name] ?? []
    return .el(
      "div", ["class": messages.isEmpty ? "field" : "field has-error"],
      .el("label", ["for": name], .safe(label)),
      hint.map { .el("p", ["class": "hint", "id": "hint-\(name)"], .safe($0)) } ?? .none,
      .el(
        "select", ["id": name, "name": name, "aria-describedby": hint == nil ? nil : "hint-\(name)"],
        options.map { value, text in
          .el("option", ["value": value, "selected": Attrs.flag(value == chosen)], .safe(text))
        }),
      AssessPage.errorNode(name, messages))
  }
}
