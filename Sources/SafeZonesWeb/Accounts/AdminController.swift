import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesStore
import Vapor

/// Administrators' pages: accounts (the same operations as `safezones users …`) and the
/// audit trail.
struct AdminController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let admin = routes.access(.permission(.administer))
    admin.get("admin", "users", use: users)
    admin.post("admin", "users", use: addUser)
    admin.post("admin", "users", ":account", "role", use: setRole)
    admin.post("admin", "users", ":account", "disabled", use: setDisabled)
    admin.post("admin", "users", ":account", "password", use: resetPassword)
    admin.get("admin", "audit", use: audit)
  }

  func render(
    _ req: Request, status: HTTPResponseStatus = .ok, notice: String? = nil, errors: [String: [String]] = [:],
    form: FormFields = .init()
  ) async throws -> Response {
    let accounts = try await req.catalog.repository.accounts.accounts()
    return AdminUsersPage.page(
      AdminUsersPageModel(
        accounts: accounts, me: try req.requirePrincipal().account, csrf: req.csrfToken, notice: notice, errors: errors,
        form: form)
    ).response(status: status)
  }

  @Sendable
  func users(req: Request) async throws -> Response {
    try await render(req, notice: req.query[String.self, at: "done"].map { TextLimits.preview($0, limit: 200) })
  }

  @Sendable
  func addUser(req: Request) async throws -> Response {
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    guard let role = Role(rawValue: fields["role"] ?? "") else {
      return try await render(
        req, status: .unprocessableEntity, errors: ["role": [tr("choose one of {roles}", ["roles": .text(Role.list)])]],
        form: fields)
    }
    do {
      let made = try await req.asPrincipal {
        try await req.accountService.add(
          email: fields["email"] ?? "", name: fields["name"] ?? "", role: role, password: fields["password"] ?? "")
      }
      return req.redirect(
        to: "/admin/users?done="
          + PercentEncoding.component(
            tr("Added {email} as {role}.", ["email": .text(made.email), "role": .text(made.role.title)])))
    } catch let e as AccountError {
      return try await render(
        req, status: .unprocessableEntity, errors: [e.field: [AccountPage.message(e)]], form: fields)
    }
  }

  func account(_ req: Request) async throws -> Account {
    guard let id = req.parameters.get("account").flatMap(Int.init),
      let a = try await req.catalog.repository.accounts.account(id: id)
    else { throw AppError.notFound(tr("no such account")) }
    return a
  }

  func change(_ req: Request, _ body: @Sendable (Account) async throws -> String) async throws -> Response {
    let a = try await account(req)
    do {
      let done = try await req.asPrincipal { try await body(a) }
      return req.redirect(to: "/admin/users?done=" + PercentEncoding.component(done))
    } catch let e as AccountError {
      return try await render(
        req, status: .unprocessableEntity, notice: nil, errors: ["account-\(a.id)": [AccountPage.message(e)]])
    }
  }

  @Sendable
  func setRole(req: Request) async throws -> Response {
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    guard let role = Role(rawValue: fields["role"] ?? "") else {
      throw AppError(
        .unprocessableEntity, code: "invalid", message: tr("choose one of {roles}", ["roles": .text(Role.list)]),
        field: "role")
    }
    return try await change(req) { a in
      let changed = try await req.catalog.repository.accounts.setRole(accountID: a.id, role: role)
      return tr("{email} is now {role}.", ["email": .text(changed.email), "role": .text(changed.role.title)])
    }
  }

  @Sendable
  func setDisabled(req: Request) async throws -> Response {
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    let disabled = FormFields.isOn(fields["disabled"])
    return try await change(req) { a in
      let changed = try await req.catalog.repository.accounts.setDisabled(accountID: a.id, disabled: disabled)
      return changed.disabled
        ? tr("{email} is disabled; its sessions and tokens stopped working.", ["email": .text(changed.email)])
        : tr("{email} is enabled again.", ["email": .text(changed.email)])
    }
  }

  @Sendable
  func resetPassword(req: Request) async throws -> Response {
    let fields = FormFields(urlEncoded: req.body.string ?? "")
    let password = fields["password"] ?? ""
    return try await change(req) { a in
      try await req.accountService.setPassword(email: a.email, password: password)
      return tr("New password set for {email}; its sessions ended.", ["email": .text(a.email)])
    }
  }

  @Sendable
  func audit(req: Request) async throws -> Response {
    let fields = FormFields(urlEncoded: req.url.query ?? "")
    var errors: [String: [String]] = [:]
    func day(_ name: String) -> Date? {
      guard let text = fields[name], !text.isEmpty else { return nil }
      guard let d = Day(text) else {
        errors[name, default: []].append(
          tr("'{text}' is not a date; use YYYY-MM-DD", ["text": .text(TextLimits.preview(text))]))
        return nil
      }
      return d.date
    }
    let since = day("since")
    let until = day("until").map { $0.addingTimeInterval(86_400) }
    let query = AuditQuery(
      actor: fields["actor"].map { Account.normalised(email: $0) }.flatMap { $0.isEmpty ? nil : $0 },
      action: fields["action"].flatMap { $0.isEmpty ? nil : $0 }, since: since, until: until, limit: 500)
    let records = try await req.catalog.repository.audit.auditRecords(query)
    var verification: AuditVerification?
    if FormFields.isOn(fields["verify"]) {
      let all = try await req.catalog.repository.audit.auditRecords(AuditQuery())
      verification = AuditChain.verify(
        all, head: try await req.catalog.repository.audit.auditHead(), sha256: AuditHash.sha256)
    }
    return AdminAuditPage.page(
      AdminAuditPageModel(records: records, fields: fields, errors: errors, verification: verification)
    ).response(status: errors.isEmpty ? .ok : .unprocessableEntity)
  }
}

struct AdminUsersPageModel {
  var accounts: [Account]
  var me: Account
  var csrf: String
  var notice: String?
  var errors: [String: [String]]
  var form: FormFields
}

enum AdminUsersPage {
  static func page(_ m: AdminUsersPageModel) -> Page {
    let roleOptions = Role.allCases.map { ($0.rawValue, $0.title) }
    let rows: [HTMLNode] = m.accounts.map { a in
      let errors = m.errors["account-\(a.id)"] ?? []
      return .el(
        "tr", ["data-account": a.email],
        .el(
          "td", [:], DomainText.asTyped(a.email),
          errors.isEmpty
            ? .none : .el("p", ["class": "error-message", "role": "alert"], .safe(errors.joined(separator: " ")))),
        .el("td", [:], DomainText.asTyped(a.name)),
        .el(
          "td", [:],
          .el(
            "form", ["method": "post", "action": "/admin/users/\(a.id)/role", "class": "inline-form"],
            ViewParts.csrfField(m.csrf),
            .el(
              "label", ["class": "visually-hidden", "for": "role-\(a.id)"],
              .safe(tr("Role of {email}", ["email": .text(a.email)]))),
            .el(
              "select", ["name": "role", "id": "role-\(a.id)"],
              roleOptions.map { v, t in
                .el("option", ["value": v, "selected": Attrs.flag(v == a.role.rawValue)], .safe(t))
              }),
            .el("button", ["type": "submit", "class": "button secondary small"], .safe(tr("Set role"))))),
        .el("td", [:], .safe(a.disabled ? tr("disabled") : tr("active"))),
        .el(
          "td", [:],
          .el(
            "form", ["method": "post", "action": "/admin/users/\(a.id)/disabled", "class": "inline-form"],
            ViewParts.csrfField(m.csrf),
            .void("input", ["type": "hidden", "name": "disabled", "value": a.disabled ? "false" : "true"]),
            .el(
              "button", ["type": "submit", "class": "button secondary small"],
              .safe(a.disabled ? tr("Enable") : tr("Disable")))
          ),
          .el(
            "form", ["method": "post", "action": "/admin/users/\(a.id)/password", "class": "inline-form"],
            ViewParts.csrfField(m.csrf),
            .el(
              "label", ["class": "visually-hidden", "for": "password-\(a.id)"],
              .safe(tr("New password for {email}", ["email": .text(a.email)]))),
            .void(
              "input",
              [
                "type": "password", "name": "password", "id": "password-\(a.id)", "autocomplete": "new-password",
                "placeholder": tr("new password"), "maxlength": "200",
              ]),
            .el("button", ["type": "submit", "class": "button secondary small"], .safe(tr("Reset password"))))))
    }
    return Page(
      title: tr("Accounts"), section: .account,
      body: [
        ViewParts.breadcrumb([(tr("Your account"), "/account"), (tr("Accounts"), nil)]),
        .el(
          "div", ["class": "page-head"], .el("h1", [:], .safe(tr("Accounts"))),
          .el(
            "p", ["class": "lede"],
            .safe(tr("Who may sign in, and what each may do. Every change here is kept in the audit trail.")))),
        m.notice.map {
          .el("div", ["class": "notice success", "role": "status", "id": "admin-notice"], .el("p", [:], .safe($0)))
        } ?? .none,
        .el(
          "dl", ["class": "facts"],
          .group(
            Role.allCases.map { r in .group([.el("dt", [:], .safe(r.title)), .el("dd", [:], .safe(r.summary))]) })),
        .el(
          "div", ["class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": tr("Accounts")],
          .el(
            "table", ["class": "data", "id": "account-table"],
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .group(
                  [tr("Email"), tr("Name"), tr("Role"), tr("Status"), ""].map { .el("th", ["scope": "col"], .safe($0)) }
                ))),
            .el("tbody", [:], rows))),
        .el(
          "form",
          [
            "method": "post", "action": "/admin/users", "id": "add-account", "class": "assessment-form",
            "novalidate": "",
          ],
          ViewParts.csrfField(m.csrf),
          .el(
            "fieldset", ["class": "group"], .el("legend", [:], .safe(tr("Add an account"))),
            .el(
              "div", ["class": "field-row"],
              AssessPage.field(
                "email", tr("Email"), hint: nil, errors: m.errors, required: true,
                input: ["type": "email", "value": m.form["email"] ?? "", "maxlength": "200", "autocomplete": "off"]),
              AssessPage.field(
                "name", tr("Name"), hint: tr("As shown on assessments (default: the email)."), errors: m.errors,
                input: ["type": "text", "value": m.form["name"] ?? "", "maxlength": "200"]),
              AccountPage.selectField(
                "role", tr("Role"), hint: nil, errors: m.errors, options: roleOptions,
                chosen: m.form["role"] ?? Role.viewer.rawValue),
              AssessPage.field(
                "password", tr("First password"), hint: tr("At least 12 characters; tell the person to change it."),
                errors: m.errors, required: true,
                input: ["type": "password", "maxlength": "200", "autocomplete": "new-password"])),
            .el(
              "button", ["type": "submit", "class": "button primary", "id": "add-account-button"],
              .safe(tr("Add account")))
          )),
      ])
  }
}

struct AdminAuditPageModel {
  var records: [AuditRecord]
  var fields: FormFields
  var errors: [String: [String]]
  var verification: AuditVerification?
}

enum AdminAuditPage {
  static func page(_ m: AdminAuditPageModel) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Your account"), "/account"), (tr("Audit trail"), nil)]),
      .el(
        "div", ["class": "page-head"], .el("h1", [:], .safe(tr("Audit trail"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Every write, sign-in and account change, newest first. Each record holds the SHA-256 of the one before, so a changed or removed record breaks the chain (safezones audit verify)."
            )))),
    ]
    if let v = m.verification {
      switch v {
      case .intact(let n, let head):
        body.append(
          .el(
            "div", ["class": "notice success", "id": "verification", "role": "status"],
            .el(
              "p", [:],
              .safe(
                tr(
                  "Intact: {count} records; head {head}…",
                  ["count": .text(String(n)), "head": .text(String(head.prefix(16)))])
              ))))
      case .broken(let seq, let reason):
        body.append(
          .el(
            "div", ["class": "notice warning", "id": "verification", "role": "alert"],
            .el(
              "p", [:],
              .safe(tr("Broken at record {seq}: {reason}.", ["seq": .text(String(seq)), "reason": .text(reason)])))))
      }
    }
    body.append(
      .el(
        "form", ["method": "get", "action": "/admin/audit", "class": "filters", "id": "audit-filters"],
        AssessPage.field(
          "actor", tr("Who (email)"), hint: nil, errors: m.errors,
          input: ["type": "text", "value": m.fields["actor"] ?? "", "maxlength": "200"]),
        AssessPage.field(
          "action", tr("What (starts with)"), hint: tr("e.g. assessment, round., sign-in"), errors: m.errors,
          input: ["type": "text", "value": m.fields["action"] ?? "", "maxlength": "100"]),
        AssessPage.field(
          "since", tr("From", context: "date"), hint: nil, errors: m.errors,
          input: ["type": "date", "value": m.fields["since"] ?? ""]),
        AssessPage.field(
          "until", tr("To (inclusive)"), hint: nil, errors: m.errors,
          input: ["type": "date", "value": m.fields["until"] ?? ""]),
        .el(
          "div", ["class": "actions"],
          .el("button", ["type": "submit", "class": "button primary"], .safe(tr("Filter"))),
          .el(
            "button",
            ["type": "submit", "name": "verify", "value": "1", "class": "button secondary", "id": "verify-button"],
            .safe(tr("Verify the chain"))))))
    body.append(
      .el(
        "p", ["class": "count"],
        .safe(
          m.records.count == 1
            ? tr("1 record")
            : m.records.count == 500
              ? tr("{count} records (the newest 500; narrow the filter for more)", ["count": .text(String(500))])
              : tr("{count} records", ["count": .text(String(m.records.count))]))))
    body.append(
      .el(
        "div", ["class": "table-scroll", "role": "region", "tabindex": "0", "aria-label": tr("Audit records")],
        .el(
          "table", ["class": "data", "id": "audit-table"],
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .group(
                ["#", tr("When (UTC)"), tr("Who"), tr("From"), tr("What"), tr("Details")].map {
                  .el("th", ["scope": "col"], .safe($0))
                }))),
          .el(
            "tbody", [:],
            m.records.reversed().map { r in
              .el(
                "tr", ["data-seq": String(r.seq)],
                .el("td", [:], .safe(String(r.seq))), .el("td", ["class": "nowrap"], .safe(Format.utcSecond(r.date))),
                .el("td", [:], .safe(r.actor)), .el("td", [:], .safe(r.address ?? "")),
                .el("td", [:], .el("code", [:], .safe(r.action))),
                .el("td", [:], .el("code", ["class": "wrap"], .safe(r.summary))))
            }))))
    return Page(title: tr("Audit trail"), section: .account, body: body)
  }
}
