import Fluent
import Foundation
import NIOCore
import SafeZonesApplication
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

/// Who may do what, through the real app: a table generated from the router (every route,
/// each role and no account), sign-in, sessions, tokens, CSRF bound to the session, and the
/// first start without an administrator.
@Suite("access")
struct AccessTests {
  /// A request's path with each parameter filled in from the fixture store.
  static func concrete(_ route: Route) -> String {
    let parts = route.path.map { component -> String in
      switch component {
      case .constant(let s): return s
      case .parameter(let name):
        switch name {
        case "id": return "alpha-physics"
        case "version": return "2026.1"
        case "round", "run", "token", "account": return "1"
        case "file": return "result.json"
        default: return "x"
        }
      case .anything: return "x"
      case .catchall: return "x/y"
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  enum Who: CustomStringConvertible, CaseIterable {
    case anonymous, viewer, assessor, facilitator, admin
    var role: Role? {
      switch self {
      case .anonymous: return nil
      case .viewer: return .viewer
      case .assessor: return .assessor
      case .facilitator: return .facilitator
      case .admin: return .admin
      }
    }
    var description: String { role?.rawValue ?? "no account" }
  }

  @Test("every route has an access rule, and each role gets what its rule says (generated from the router)")
  func routeTable() async throws {
    try await PagesKit.withFixture { app in
      // setup: a round and a simulation run exist, so that their pages can answer
      _ = try await app.catalog.repository.deliberation.openRound(
        NewRound(study: "S", title: "T", domainIDs: ["alpha-physics"], facilitator: "F"))
      var tokens: [Role: String] = [:]
      for role in Role.allCases { tokens[role] = try await API.token(app, role: role) }
      let routes = app.routes.all
      #expect(routes.count > 40, "the router lists \(routes.count) routes")
      var checked = 0
      for route in routes {
        let path = Self.concrete(route)
        let label = "\(route.method.rawValue) \(route.path.map(\.description).joined(separator: "/"))"
        guard let rule = route.accessRule else {
          Issue.record("\(label) has no access rule: register it through routes.access(…)")
          continue
        }
        let isAPI = path.hasPrefix("/api/")
        for who in Who.allCases {
          let res = try await Self.send(app, route.method, path, as: who, tokens: tokens)
          let status = res.status
          if isAPI {
            // Every answer, refusals included, is one the OpenAPI document describes.
            let template =
              "/"
              + route.path.map { c -> String in
                if case .parameter(let name) = c { return "{\(name)}" }
                return c.description
              }.joined(separator: "/")
            API.expectDocumented(res, route.method.rawValue.lowercased(), template)
          }
          // The guard's own answers (a handler may answer 401 or send to /login for its own reasons).
          let toSignIn = status == .seeOther && (res.headers.first(name: .location) ?? "").hasPrefix("/login?next=")
          let guardRefused =
            (status == .unauthorized
              && (res.body.string.contains("Sign in first") || res.body.string.contains("\"unauthenticated\"")))
            || (status == .forbidden && res.body.string.contains("This needs the"))
          switch rule.decide(role: who.role, publicRead: false) {
          case .allow:
            #expect(
              !guardRefused && !toSignIn,
              "\(label) as \(who): allowed by '\(rule)', got \(status.code) \(res.body.string.prefix(200))")
          case .signIn:
            if isAPI || route.method != .GET {
              #expect(
                status == .unauthorized && guardRefused, "\(label) as \(who): needs an account, got \(status.code)")
            } else {
              #expect(toSignIn, "\(label) as \(who): should go to sign in, got \(status.code)")
            }
          case .forbidden:
            #expect(
              status == .forbidden && guardRefused, "\(label) as \(who): refused by '\(rule)', got \(status.code)")
          }
          checked += 1
        }
      }
      #expect(checked == routes.count * Who.allCases.count)
    }
  }

  /// A request as `who`: a bearer token on the API, a fresh signed-in session on the pages
  /// (some answers end the session they came with), with a valid CSRF token on a form.
  static func send(
    _ app: Application, _ method: HTTPMethod, _ path: String, as who: Who, tokens: [Role: String]
  ) async throws -> TestingHTTPResponse {
    var headers: HTTPHeaders = [:]
    var body: ByteBuffer?
    if path.hasPrefix("/api/") {
      if let role = who.role, let token = tokens[role] { headers.add(name: .authorization, value: "Bearer \(token)") }
      if method != .GET {
        headers.add(name: .contentType, value: "application/json")
        body = ByteBuffer(string: "{}")
      }
      return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }
    var cookies: [String] = []
    var token = ""
    if let role = who.role {
      let session = try await PagesKit.signIn(app, role: role)
      cookies.append(session.cookies())
      token = session.token
    } else {
      // Anonymous: a valid pre-session token from the sign-in page.
      let form = try await app.testing().sendRequest(.GET, "/login")
      cookies.append("\(CSRFProtection.cookie)=\(PagesKit.cookie(form, CSRFProtection.cookie) ?? "")")
      token = PagesKit.tags(form.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
    }
    headers.add(name: .cookie, value: cookies.joined(separator: "; "))
    if method != .GET {
      headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
      body = ByteBuffer(string: "_csrf=\(token)")
    }
    return try await app.testing().sendRequest(method, path, headers: headers, body: body)
  }

  @Test("with --public-read, visitors read but never write")
  func publicRead() async throws {
    try await PagesKit.withSite(seed: true, adjust: { $0.publicRead = true }) { app in
      for path in ["/", "/domains/quantum-encryption", "/rubric", "/warnings", "/api/v1/domains"] {
        let res = try await app.testing().sendRequest(.GET, path)
        #expect(res.status == .ok, "\(path): \(res.status)")
      }
      // A visitor sees no button for what needs an account.
      let domain = try await app.testing().sendRequest(.GET, "/domains/quantum-encryption")
      #expect(PagesKit.tags(domain.body.string, "a", having: ["id": "add-assessment"]).isEmpty)
      let viewer = try await PagesKit.signIn(app, role: .viewer)
      let asViewer = try await PagesKit.get(app, "/domains/quantum-encryption", as: viewer)
      #expect(PagesKit.tags(asViewer.body.string, "a", having: ["id": "add-assessment"]).isEmpty)
      let asAdmin = try await PagesKit.get(app, "/domains/quantum-encryption")
      #expect(PagesKit.tags(asAdmin.body.string, "a", having: ["id": "add-assessment"]).count == 1)
      for path in ["/assess", "/rounds", "/admin/users", "/account"] {
        let res = try await app.testing().sendRequest(.GET, path)
        #expect(res.status == .seeOther, "\(path)")
      }
      let write = try await app.testing().sendRequest(
        .POST, "/api/v1/domains", headers: ["Content-Type": "application/json"], body: ByteBuffer(string: "{}"))
      #expect(write.status == .unauthorized)
    }
  }

  @Test("the API never takes the session cookie, the pages never take a bearer token")
  func credentialsStayInTheirPlace() async throws {
    try await PagesKit.withSite { app in
      let session = PagesKit.session(app)
      let token = try await API.token(app, role: .admin)
      let api = try await app.testing().sendRequest(.GET, "/api/v1/domains", headers: ["Cookie": session.cookies()])
      #expect(api.status == .unauthorized)
      let page = try await app.testing().sendRequest(.GET, "/", headers: ["Authorization": "Bearer \(token)"])
      #expect(page.status == .seeOther)
      #expect(page.headers.first(name: .location)?.hasPrefix("/login") == true)
      // A dead token is refused outright.
      let bad = try await app.testing().sendRequest(
        .GET, "/api/v1/domains", headers: ["Authorization": "Bearer szt_nope"])
      #expect(bad.status == .unauthorized)
      #expect(bad.body.string.contains("invalid_token"))
    }
  }

  @Test("a token acts with the lower of its role and the account's, and stops at revocation, expiry or disabling")
  func tokens() async throws {
    try await PagesKit.withSite { app in
      let service = app.accountService
      let account = try await service.add(
        email: "script-owner@example.org", role: .assessor, password: PagesKit.password)
      await #expect(throws: AccountError.self) {
        try await service.createToken(for: account, name: "too high", role: .admin)
      }
      let viewerToken = try await service.createToken(for: account, name: "read only", role: .viewer)
      let writeBody = API.domainJSON(id: "token-written")
      func post(_ token: String) async throws -> HTTPStatus {
        try await app.testing().sendRequest(
          .POST, "/api/v1/domains", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
          body: ByteBuffer(string: writeBody)
        ).status
      }
      #expect(try await post(viewerToken.token) == .forbidden)
      let full = try await service.createToken(for: account, name: "writer")
      // The account is demoted: its token follows.
      _ = try await service.setRole(email: account.email, role: .viewer)
      #expect(try await post(full.token) == .forbidden)
      _ = try await service.setRole(email: account.email, role: .assessor)
      #expect(try await post(full.token) == .created)
      let stored = try #require(
        try await app.catalog.repository.accounts.tokens(accountID: account.id).first { $0.id == full.stored.id })
      #expect(stored.lastUsedAt != nil)
      try await app.catalog.repository.accounts.revokeToken(id: full.stored.id, accountID: account.id)
      #expect(try await post(full.token) == .unauthorized)
      let other = try await service.createToken(for: account, name: "another")
      _ = try await service.setDisabled(email: account.email, true)
      #expect(try await post(other.token) == .unauthorized)
    }
  }

  @Test(
    "sign-in: one message for a wrong password and an unknown account; throttled per account, also for unknown ones")
  func signIn() async throws {
    try await PagesKit.withSite { app in
      func attempt(_ email: String, _ password: String) async throws -> TestingHTTPResponse {
        let form = try await app.testing().sendRequest(.GET, "/login")
        let nonce = PagesKit.cookie(form, CSRFProtection.cookie) ?? ""
        let token = PagesKit.tags(form.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
        return try await app.testing().sendRequest(
          .POST, "/login",
          headers: [
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(CSRFProtection.cookie)=\(nonce)",
          ],
          body: ByteBuffer(string: PagesKit.urlEncoded([("_csrf", token), ("email", email), ("password", password)])))
      }
      let wrong = try await attempt(PagesKit.siteAdmin, "not the password at all")
      let unknown = try await attempt("nobody@example.org", "not the password at all")
      #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
      #expect(
        PagesKit.text(wrong.body.string, id: "sign-in-error") == PagesKit.text(unknown.body.string, id: "sign-in-error")
      )
      for _ in 0..<4 { _ = try await attempt("nobody@example.org", "still not it, sorry") }
      let throttled = try await attempt("nobody@example.org", "still not it, sorry")
      #expect(throttled.status == .tooManyRequests)
      // The right password of another account still works (the limit is per account here).
      _ = try await PagesKit.signIn(app, email: PagesKit.siteAdmin, password: PagesKit.password)
      // Every attempt is in the audit trail.
      let failures = try await app.catalog.repository.audit.auditRecords(AuditQuery(action: "sign-in.failed"))
      #expect(failures.count >= 6)
    }
  }

  @Test("sign-out ends the session; sign-out everywhere ends every session; an idle session ends")
  func sessions() async throws {
    try await PagesKit.withSite { app in
      let one = try await PagesKit.signIn(app, email: PagesKit.siteAdmin, password: PagesKit.password)
      let two = try await PagesKit.signIn(app, email: PagesKit.siteAdmin, password: PagesKit.password)
      #expect(try await PagesKit.get(app, "/account", as: one).status == .ok)
      #expect(try await PagesKit.submit(app, "/logout", [], as: one).status == .seeOther)
      #expect(try await PagesKit.get(app, "/account", as: one).status == .seeOther)
      #expect(try await PagesKit.get(app, "/account", as: two).status == .ok)
      #expect(try await PagesKit.submit(app, "/account/sign-out-everywhere", [], as: two).status == .seeOther)
      #expect(try await PagesKit.get(app, "/account", as: PagesKit.session(app)).status == .seeOther)
      // Idle: the session last seen longer ago than the setting (8 hours) ends.
      let three = try await PagesKit.signIn(app, email: PagesKit.siteAdmin, password: PagesKit.password)
      #expect(try await PagesKit.get(app, "/account", as: three).status == .ok)
      let record = try #require(
        try await SessionRecord.query(on: app.db).filter(\.$key == SessionID(string: three.session)).first())
      record.data[SessionAuthenticator.seenKey] = String(Int(Date().timeIntervalSince1970) - 8 * 3600 - 60)
      try await record.save(on: app.db)
      #expect(try await PagesKit.get(app, "/account", as: three).status == .seeOther)
    }
  }

  @Test("CSRF: a token is bound to its session and nonce, and another site's Origin is refused")
  func csrf() async throws {
    try await PagesKit.withSite { app in
      let me = PagesKit.session(app)
      let other = try await PagesKit.signIn(app, role: .admin)
      let fields = PagesKit.newDomainFields(id: "csrf-probe")
      // An attacker's own pair (cookie and field with the same value) does not pass.
      var res = try await app.testing().sendRequest(
        .POST, "/assess",
        headers: [
          "Content-Type": "application/x-www-form-urlencoded",
          "Cookie":
            "\(SessionAuthenticator.cookie)=\(me.session); \(CSRFProtection.cookie)=\(String(repeating: "a", count: 43))",
        ],
        body: ByteBuffer(string: PagesKit.urlEncoded([("_csrf", String(repeating: "a", count: 43))] + fields)))
      #expect(res.status == .forbidden)
      // Another session's token does not pass.
      res = try await PagesKit.post(app, "/assess", fields, cookie: "", field: other.token, as: me)
      #expect(res.status == .forbidden)
      // A valid token from another site's page.
      var headers: HTTPHeaders = [
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": me.cookies(), "Origin": "https://evil.example",
      ]
      res = try await app.testing().sendRequest(
        .POST, "/assess", headers: headers,
        body: ByteBuffer(string: PagesKit.urlEncoded([("_csrf", me.token)] + fields)))
      #expect(res.status == .forbidden)
      #expect(res.body.string.contains("another site"))
      headers.replaceOrAdd(name: "Origin", value: "null")
      res = try await app.testing().sendRequest(
        .POST, "/assess", headers: headers,
        body: ByteBuffer(string: PagesKit.urlEncoded([("_csrf", me.token)] + fields)))
      #expect(res.status == .forbidden)
      #expect(try await app.catalog.repository.domain(id: "csrf-probe") == nil)
      // The same request from this site passes.
      headers.replaceOrAdd(name: "Origin", value: "http://localhost:8080")
      headers.replaceOrAdd(name: .host, value: "localhost:8080")
      res = try await app.testing().sendRequest(
        .POST, "/assess", headers: headers,
        body: ByteBuffer(string: PagesKit.urlEncoded([("_csrf", me.token)] + fields)))
      #expect(res.status == .seeOther, "\(res.body.string.prefix(300))")
    }
  }

  @Test("single sign-on: the identity header and X-Forwarded-For are believed only from a trusted proxy")
  func trustedProxy() async throws {
    try await PagesKit.withSite(adjust: {
      $0.trustedProxies = ["127.0.0.1"]
      $0.trustedIdentityHeader = "X-Remote-User"
    }) { app in
      let tester = try app.testing(method: .running(port: 24_000 + Int.random(in: 0..<2000)))
      let page = try await tester.sendRequest(.GET, "/account", headers: ["X-Remote-User": PagesKit.siteAdmin])
      #expect(page.status == .ok)
      #expect(page.body.string.contains(PagesKit.siteAdmin))
      let unknown = try await tester.sendRequest(.GET, "/account", headers: ["X-Remote-User": "stranger@example.org"])
      #expect(unknown.status == .forbidden)
      // The forwarded address is what the audit trail records.
      let form = try await tester.sendRequest(.GET, "/login", headers: ["X-Forwarded-For": "198.51.100.9"])
      let nonce = PagesKit.cookie(form, CSRFProtection.cookie) ?? ""
      let token = PagesKit.tags(form.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
      _ = try await tester.sendRequest(
        .POST, "/login",
        headers: [
          "Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(CSRFProtection.cookie)=\(nonce)",
          "X-Forwarded-For": "203.0.113.1, 198.51.100.9",
        ],
        body: ByteBuffer(
          string: PagesKit.urlEncoded([("_csrf", token), ("email", "x@example.org"), ("password", "wrong password!")])))
      let failed = try await app.catalog.repository.audit.auditRecords(AuditQuery(action: "sign-in.failed"))
      #expect(failed.last?.address == "198.51.100.9")
    }
    // Not from a trusted proxy: the header is ignored.
    try await PagesKit.withSite(adjust: {
      $0.trustedProxies = ["192.0.2.1"]
      $0.trustedIdentityHeader = "X-Remote-User"
    }) { app in
      let tester = try app.testing(method: .running(port: 26_000 + Int.random(in: 0..<2000)))
      let page = try await tester.sendRequest(.GET, "/account", headers: ["X-Remote-User": PagesKit.siteAdmin])
      // (The running-server client follows the redirect to the sign-in page.)
      #expect(page.body.string.contains("id=\"sign-in\""))
      #expect(!page.body.string.contains(PagesKit.siteAdmin))
    }
  }

  @Test("before the first administrator: the sign-in page shows the command, other pages lead there, the API says so")
  func firstStart() async throws {
    try await withApp(configure: { app in
      try await configure(app, settings: try Settings.testing(environment: [:]))
    }) { app in
      let login = try await app.testing().sendRequest(.GET, "/login")
      #expect(login.status == .ok)
      #expect(
        PagesKit.text(login.body.string, id: "setup-command")?.hasPrefix(
          "safezones users add you@example.org --role admin") == true)
      let map = try await app.testing().sendRequest(.GET, "/")
      #expect(map.status == .seeOther && map.headers.first(name: .location) == "/login")
      let api = try await app.testing().sendRequest(.GET, "/api/v1/domains")
      #expect(api.status == .serviceUnavailable)
      #expect(api.body.string.contains("safezones users add"))
      #expect(try await app.testing().sendRequest(.GET, "/health").status == .ok)
      // Once an administrator exists, the site opens.
      try await app.accountService.add(email: "first@example.org", role: .admin, password: PagesKit.password)
      let signedIn = try await PagesKit.signIn(app, email: "first@example.org", password: PagesKit.password)
      #expect(try await PagesKit.get(app, "/", as: signedIn).status == .ok)
    }
  }

  @Test("Delphi: a panellist reads only their own judgements; the facilitator sees who answered, never who said what")
  func delphiAnonymity() async throws {
    try await PagesKit.withFixture { app in
      let ada = try await PagesKit.signIn(app, role: .assessor, name: "Ada Panel")
      let bert = try await PagesKit.signIn(app, role: .assessor, name: "Bert Panel")
      let round = try await app.catalog.repository.deliberation.openRound(
        NewRound(study: "Anon", title: "One", domainIDs: ["alpha-physics"], facilitator: "Site Admin"))
      for (who, value, reason) in [(ada, "1", "ADA-SECRET-REASON"), (bert, "3", "BERT-SECRET-REASON")] {
        let page = try await PagesKit.get(app, "/rounds/\(round.id)/assessor", as: who).body.string
        let fields = PagesKit.roundSubmission(
          page, domain: "alpha-physics", ["score-military": value, "rationale-military": reason])
        #expect(try await PagesKit.submit(app, "/rounds/\(round.id)/judgements", fields, as: who).status == .seeOther)
      }
      // Ada's page, whatever name the address gives, shows only her judgement.
      let asAda = try await PagesKit.get(app, "/rounds/\(round.id)/assessor?name=Bert%20Panel", as: ada).body.string
      #expect(asAda.contains("ADA-SECRET-REASON") && !asAda.contains("BERT-SECRET-REASON"))
      // A viewer cannot open a panellist's page at all.
      let viewer = try await PagesKit.signIn(app, role: .viewer)
      #expect(try await PagesKit.get(app, "/rounds/\(round.id)/assessor", as: viewer).status == .forbidden)
      #expect(try await PagesKit.get(app, "/rounds/\(round.id)", as: ada).status == .forbidden)
      // The facilitator's page names who answered but no reasons or values by person.
      let facilitator = try await PagesKit.get(app, "/rounds/\(round.id)").body.string
      #expect(facilitator.contains("Ada Panel") && facilitator.contains("Bert Panel"))
      #expect(!facilitator.contains("SECRET-REASON"))
      #expect(!facilitator.contains("/assessor?name="))
      // After closing, feedback is anonymous: Ada sees the group, her own, and the panel's
      // reasons without names (docs/deliberation.md): Bert's reason, never his name.
      _ = try await app.catalog.repository.deliberation.closeRound(id: round.id)
      let feedback = try await PagesKit.get(app, "/rounds/\(round.id)/feedback?name=Bert%20Panel", as: ada).body.string
      #expect(feedback.contains("Ada Panel") && !feedback.contains("Bert Panel"))
      #expect(feedback.contains("BERT-SECRET-REASON"), "the reasons are shared, without names")
      // The API's round detail has counts only.
      let api = try await app.testing().sendRequest(
        .GET, "/api/v1/rounds/\(round.id)",
        headers: ["Authorization": "Bearer \(try await API.token(app, role: .viewer))"])
      #expect(api.status == .ok)
      #expect(!api.body.string.contains("Panel\"") && !api.body.string.contains("SECRET"))
    }
  }
}

/// Two-step verification: TOTP as RFC 6238 computes it, set up on the account page, asked
/// for at sign-in, recovery codes, and `--require-mfa` for administrators.
@Suite("second factor")
struct SecondFactorTests {
  @Test("TOTP codes match RFC 6238's test vectors (SHA-1, 6 of the 8 digits)")
  func rfcVectors() {
    let secret = Array("12345678901234567890".utf8)
    for (time, eight) in [
      (59.0, "94287082"), (1_111_111_109, "07081804"), (1_234_567_890, "89005924"), (2_000_000_000, "69279037"),
    ] {
      let step = TOTP.step(at: Date(timeIntervalSince1970: time))
      #expect(TOTP.code(secret: secret, step: step, digits: 8) == eight)
      #expect(TOTP.code(secret: secret, step: step) == String(eight.suffix(6)))
    }
    #expect(Base32.decode(Base32.encode(secret)) == secret)
    #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
  }

  @Test("set up on the account page, then asked for after the password; a code works once; a recovery code works once")
  func flow() async throws {
    try await PagesKit.withSite { app in
      let me = PagesKit.session(app)
      // Set up: a secret, then the first code.
      let setup = try await PagesKit.submit(app, "/account/second-factor/setup", [], as: me)
      let secret = try #require(PagesKit.text(setup.body.string, id: "second-factor-secret")).filter { $0 != " " }
      #expect(PagesKit.tags(setup.body.string, "input", having: ["name": "secret"]).first?["value"] == secret)
      let wrong = try await PagesKit.submit(
        app, "/account/second-factor", [("secret", secret), ("code", "000000")], as: me)
      #expect(wrong.status == .unprocessableEntity)
      let code = TOTP.code(secret: Base32.decode(secret)!, step: TOTP.step(at: Date()))
      let on = try await PagesKit.submit(app, "/account/second-factor", [("secret", secret), ("code", code)], as: me)
      #expect(on.status == .ok)
      let recovery = try #require(PagesKit.text(on.body.string, id: "recovery-codes")).components(
        separatedBy: "only now."
      ).last!
      let codes = recovery.split(whereSeparator: \.isNewline).map(String.init).filter { $0.count == 14 }
      #expect(codes.count == 10)

      // Signing in now stops after the password.
      let form = try await app.testing().sendRequest(.GET, "/login")
      let nonce = PagesKit.cookie(form, CSRFProtection.cookie) ?? ""
      let token = PagesKit.tags(form.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
      let first = try await app.testing().sendRequest(
        .POST, "/login",
        headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(CSRFProtection.cookie)=\(nonce)"],
        body: ByteBuffer(
          string: PagesKit.urlEncoded([
            ("_csrf", token), ("email", PagesKit.siteAdmin), ("password", PagesKit.password),
          ])))
      #expect(first.headers.first(name: .location) == "/login/verify")
      let pending = PagesKit.cookie(first, SessionAuthenticator.cookie) ?? ""
      let cookies = "\(SessionAuthenticator.cookie)=\(pending); \(CSRFProtection.cookie)=\(nonce)"
      // Half signed in: no page but the second step.
      #expect(try await app.testing().sendRequest(.GET, "/account", headers: ["Cookie": cookies]).status == .seeOther)
      let step = try await app.testing().sendRequest(.GET, "/login/verify", headers: ["Cookie": cookies])
      let stepToken = PagesKit.tags(step.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
      func verify(_ code: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(
          .POST, "/login/verify", headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookies],
          body: ByteBuffer(string: PagesKit.urlEncoded([("_csrf", stepToken), ("code", code)])))
      }
      // The code used to turn it on was used already: refused.
      #expect(try await verify(code).status == .unauthorized)
      // A recovery code signs in once.
      let done = try await verify(codes[0])
      #expect(done.status == .seeOther && done.headers.first(name: .location) == "/")
      let full = PagesKit.cookie(done, SessionAuthenticator.cookie) ?? ""
      #expect(
        try await app.testing().sendRequest(
          .GET, "/account", headers: ["Cookie": "\(SessionAuthenticator.cookie)=\(full)"]
        ).status == .ok)
      #expect(
        try await app.catalog.repository.accounts.useRecoveryCode(
          accountID: try #require(try await app.catalog.repository.accounts.account(email: PagesKit.siteAdmin)).id,
          hash: "not-a-code") == false)
    }
  }

  @Test("--require-mfa: an administrator without a second factor can only reach their own account page")
  func required() async throws {
    try await PagesKit.withSite(adjust: { $0.requireMFA = true }) { app in
      let admin = PagesKit.session(app)
      let users = try await PagesKit.get(app, "/admin/users", as: admin)
      #expect(users.status == .forbidden)
      #expect(users.body.string.contains("two-step verification"))
      #expect(try await PagesKit.get(app, "/", as: admin).status == .forbidden)
      let account = try await PagesKit.get(app, "/account", as: admin)
      #expect(account.status == .ok && account.body.string.contains("id=\"mfa-required\""))
      // Other roles are not held back.
      let viewer = try await PagesKit.signIn(app, role: .viewer)
      #expect(try await PagesKit.get(app, "/", as: viewer).status == .ok)
    }
  }
}

/// A refused value is quoted in part, never echoed whole.
@Suite("error messages")
struct EchoTests {
  @Test("an over-long id is not echoed whole, in a body or in the address")
  func longIDs() async throws {
    try await API.withAPI { app in
      let long = String(repeating: "x", count: 5_000)
      let created = try await API.send(app, .POST, "/api/v1/domains", json: API.domainJSON(id: long))
      #expect(created.status == .unprocessableEntity)
      #expect(created.body.string.count < 2_000, "\(created.body.string.count) bytes")
      #expect(!created.body.string.contains(String(repeating: "x", count: 100)))
      let missing = try await API.send(app, .GET, "/api/v1/domains/" + long)
      #expect(missing.status == .notFound)
      #expect(missing.body.string.count < 1_000)
      #expect(missing.body.string.contains("(5000 characters)"))
    }
  }
}
