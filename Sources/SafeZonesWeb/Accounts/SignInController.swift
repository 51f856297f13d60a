import Foundation
import SafeZonesApplication
import SafeZonesCore
import Vapor

/// Signing in and out.
struct SignInController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let open = routes.access(.open)
    open.get("login", use: form)
    open.post("login", use: signIn)
    open.get("login", "verify", use: verifyForm)
    open.post("login", "verify", use: verify)
    routes.access(.signedIn).post("logout", use: signOut)
  }

  @Sendable
  func form(req: Request) async throws -> Response {
    let hasAdmin = try await req.application.adminPresence.exists(req.catalog.repository.accounts)
    if req.principal != nil, hasAdmin { return req.redirect(to: Self.safeNext(req.query[String.self, at: "next"])) }
    let signedOut: String? =
      switch req.query[String.self, at: "signed-out"] {
      case "everywhere": tr("You are signed out on every device and browser.")
      case .some: tr("You are signed out.")
      case nil: nil
      }
    return SignInPage.page(
      SignInPageModel(
        csrf: req.csrfToken, email: "", next: Self.safeNext(req.query[String.self, at: "next"]), message: nil,
        setupCommand: hasAdmin ? nil : req.settings.firstAdminCommand, publicRead: req.settings.publicRead,
        notice: signedOut)
    ).response()
  }

  @Sendable
  func signIn(req: Request) async throws -> Response {
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    let email = String((fields["email"] ?? "").prefix(TextLimits.name + 10))
    let password = fields["password"] ?? ""
    let next = Self.safeNext(fields["next"])
    let result = try await req.accountService.signIn(email: email, password: password, address: req.clientAddress)
    switch result {
    case .success(let account):
      try await SessionAuthenticator.signIn(account, on: req)
      return req.redirect(to: next)
    case .needsSecondFactor(let account):
      try await SessionAuthenticator.pendSecondFactor(account, next: next, on: req)
      return req.redirect(to: "/login/verify")
    case .refused(let message), .throttled(let message):
      let status: HTTPResponseStatus = {
        if case .throttled = result { return .tooManyRequests } else { return .unauthorized }
      }()
      return SignInPage.page(
        SignInPageModel(
          csrf: req.csrfToken, email: email, next: next, message: message, setupCommand: nil,
          publicRead: req.settings.publicRead, notice: nil)
      ).response(status: status)
    }
  }

  /// The second step of signing in: a code from the authenticator app, or a recovery code.
  @Sendable
  func verifyForm(req: Request) async throws -> Response {
    guard try await SessionAuthenticator.pendingSecondFactor(on: req) != nil else { return req.redirect(to: "/login") }
    return SecondStepPage.page(csrf: req.csrfToken, message: nil).response()
  }

  @Sendable
  func verify(req: Request) async throws -> Response {
    guard let (account, next) = try await SessionAuthenticator.pendingSecondFactor(on: req) else {
      return req.redirect(to: "/login")
    }
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    guard
      try await req.accountService.verifySecondFactor(fields["code"] ?? "", for: account, address: req.clientAddress)
    else {
      return SecondStepPage.page(
        csrf: req.csrfToken,
        message: tr(
          "That code is not right (or was used already). Type the 6 digits your app shows now, or one of your recovery codes."
        )
      ).response(status: .unauthorized)
    }
    try await SessionAuthenticator.signIn(account, on: req)
    return req.redirect(to: next)
  }

  /// Ends this session, on every device it was used from (it is deleted from the store).
  @Sendable
  func signOut(req: Request) async throws -> Response {
    try await req.asPrincipal { try await req.catalog.repository.audit.appendAudit(AuditEvent("sign-out")) }
    req.session.destroy()
    return req.redirect(to: "/login?signed-out=1")
  }

  /// A local path to go to after signing in; anything else (another site, `//host`) goes home.
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), next.count < 2000,
      !next.unicodeScalars.contains(where: { $0.value < 0x20 })
    else { return "/" }
    return next
  }
}

struct SignInPageModel {
  var csrf: String
  var email: String
  var next: String
  var message: String?
  /// Shown instead of the form until the first administrator exists.
  var setupCommand: String?
  var publicRead: Bool
  /// "You are signed out", after signing out.
  var notice: String?
}

enum SecondStepPage {
  static func page(csrf: String, message: String?) -> Page {
    Page(
      title: tr("Two-step verification"), section: nil,
      body: [
        .el(
          "div", ["class": "page-head narrow"], .el("h1", [:], .safe(tr("Two-step verification"))),
          .el(
            "p", ["class": "lede"],
            .safe(
              tr("Type the 6-digit code your authenticator app shows for SafeZones, or one of your recovery codes.")))),
        message.map {
          .el("div", ["class": "notice warning", "role": "alert", "id": "second-step-error"], .el("p", [:], .safe($0)))
        } ?? .none,
        .el(
          "form", ["id": "second-step", "class": "narrow-form", "method": "post", "action": "/login/verify"],
          ViewParts.csrfField(csrf),
          AssessPage.field(
            "code", tr("Code"), hint: nil, errors: [:], required: true,
            input: [
              "type": "text", "inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": "20",
              "autofocus": "",
            ]),
          .el(
            "div", ["class": "form-actions"],
            .el("button", ["type": "submit", "class": "button primary", "id": "verify-button"], .safe(tr("Verify"))))),
      ])
  }
}

enum SignInPage {
  static func page(_ m: SignInPageModel) -> Page {
    if let command = m.setupCommand {
      return Page(
        title: tr("Set up SafeZones"), section: nil,
        body: [
          .el(
            "div", ["class": "page-head"], .el("h1", [:], .safe(tr("Create the first administrator"))),
            .el(
              "p", ["class": "lede"],
              .safe(tr("This SafeZones store has no administrator yet, so only this page answers. On the server, run:"))
            )),
          .el("pre", ["class": "command", "id": "setup-command"], .el("code", [:], .safe(command))),
          .el(
            "p", [:],
            .safe(
              tr(
                "It asks for a password (at least 12 characters; or pipe one in with --password-stdin). Then reload this page and sign in; the administrator adds the other accounts on the Accounts page or with safezones users add."
              ))),
        ])
    }
    return Page(
      title: tr("Sign in"), section: nil,
      body: [
        .el(
          "div", ["class": "page-head narrow"], .el("h1", [:], .safe(tr("Sign in"))),
          .el(
            "p", ["class": "lede"],
            .safe(
              m.publicRead
                ? tr("Anyone may read this map; sign in to assess, deliberate or manage.")
                : tr("SafeZones holds deliberations and judgements that are not public: sign in to read and work.")))),
        m.notice.map {
          .el("div", ["class": "notice success", "role": "status", "id": "signed-out"], .el("p", [:], .safe($0)))
        } ?? .none,
        m.message.map {
          .el("div", ["class": "notice warning", "role": "alert", "id": "sign-in-error"], .el("p", [:], .safe($0)))
        } ?? .none,
        .el(
          "form",
          ["id": "sign-in", "class": "narrow-form", "method": "post", "action": "/login", "accept-charset": "UTF-8"],
          ViewParts.csrfField(m.csrf),
          .void("input", ["type": "hidden", "name": "next", "value": m.next]),
          AssessPage.field(
            "email", tr("Email"), hint: nil, errors: [:], required: true,
            input: ["type": "email", "value": m.email, "autocomplete": "username", "maxlength": "200", "autofocus": ""]),
          AssessPage.field(
            "password", tr("Password"), hint: nil, errors: [:], required: true,
            input: ["type": "password", "autocomplete": "current-password", "maxlength": "200"]),
          .el(
            "div", ["class": "form-actions"],
            .el("button", ["type": "submit", "class": "button primary", "id": "sign-in-button"], .safe(tr("Sign in"))))),
        .el(
          "p", ["class": "hint"],
          .safe(tr("Forgot your password? An administrator can set a new one (safezones users reset-password)."))),
      ])
  }
}
