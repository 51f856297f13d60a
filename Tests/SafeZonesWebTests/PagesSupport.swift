import Foundation
import NIOCore
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

/// The HTML site's tests: every page route through the real app (`configure`), each test on
/// its own SQLite database in memory (never `DATABASE_URL`, so that snapshots see fixed
/// data). Nested suites live in the `Pages*.swift` files.
@Suite("HTML pages")
struct PagesTests {}

/// Helpers of the page tests.
enum PagesKit {
  /// Runs `test` against the real app on a fresh in-memory store, seeded with the shipped
  /// knowledge base unless `seed` is false (the shipped rubric is always stored), signed in
  /// as an administrator (`get`, `post` and `submit` send the session).
  static func withSite(
    seed: Bool = true, adjust: @escaping @Sendable (inout Settings) -> Void = { _ in },
    _ test: (Application) async throws -> Void
  ) async throws {
    try await withApp(configure: { app in
      var settings = try Settings.testing(environment: [:])
      settings.seedKnowledgeBase = seed
      adjust(&settings)
      try await configure(app, settings: settings)
    }) { app in
      // A fixed account, so that pages naming who is signed in snapshot the same each time
      // (the pages' tests run on their own store in memory).
      try await app.accountService.add(email: siteAdmin, name: "Site Admin", role: .admin, password: password)
      app.storage[SessionKey.self] = try await signIn(app, email: siteAdmin, password: password)
      try await test(app)
    }
  }

  /// Runs `test` on a store holding only the fixture domains (`fixtureYAML`).
  static func withFixture(_ test: (Application) async throws -> Void) async throws {
    try await withSite(seed: false) { app in
      _ = try await app.catalog.repository.importDomains(try DomainLoader.parse(fixtureYAML, file: "fixture.yaml"))
      try await test(app)
    }
  }

  // MARK: - Signing in

  /// A signed-in browser: its session cookie, its CSRF nonce cookie and the token its forms carry.
  struct WebSession: Sendable {
    var email: String
    var session: String
    var nonce: String
    var token: String

    /// The `Cookie` header (`csrf: false` leaves the CSRF nonce out).
    func cookies(csrf: Bool = true) -> String {
      "\(SessionAuthenticator.cookie)=\(session)" + (csrf ? "; \(CSRFProtection.cookie)=\(nonce)" : "")
    }
  }

  struct SessionKey: StorageKey { typealias Value = WebSession }

  static let password = "correct horse battery staple"
  /// The administrator the site's tests sign in as.
  static let siteAdmin = "site-admin@example.org"

  /// Makes an account with `role` (a unique email) and signs it in through the real sign-in form.
  static func signIn(_ app: Application, role: Role, name: String? = nil) async throws -> WebSession {
    let email = "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@example.org"
    try await app.accountService.add(email: email, name: name ?? "", role: role, password: password)
    return try await signIn(app, email: email, password: password)
  }

  /// Signs `email` in through `GET /login` and `POST /login`.
  static func signIn(_ app: Application, email: String, password: String) async throws -> WebSession {
    let form = try await app.testing().sendRequest(.GET, "/login")
    let nonce = cookie(form, CSRFProtection.cookie) ?? ""
    let token = tags(form.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
    let res = try await app.testing().sendRequest(
      .POST, "/login",
      headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "\(CSRFProtection.cookie)=\(nonce)"],
      body: ByteBuffer(string: urlEncoded([("_csrf", token), ("email", email), ("password", password)])))
    #expect(res.status == .seeOther, "sign-in as \(email): \(res.status) \(res.body.string.prefix(300))")
    let session = cookie(res, SessionAuthenticator.cookie) ?? ""
    // The forms' token is bound to the new session: read it from a page.
    let page = try await app.testing().sendRequest(
      .GET, "/account",
      headers: ["Cookie": "\(SessionAuthenticator.cookie)=\(session); \(CSRFProtection.cookie)=\(nonce)"])
    let bound = tags(page.body.string, "input", having: ["name": "_csrf"]).first?["value"] ?? ""
    return WebSession(email: email, session: session, nonce: nonce, token: bound)
  }

  /// The value of the cookie `name` that a response sets.
  static func cookie(_ res: TestingHTTPResponse, _ name: String) -> String? {
    guard let header = res.headers[.setCookie].first(where: { $0.hasPrefix("\(name)=") }) else { return nil }
    return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
  }

  /// The administrator the site's tests are signed in as.
  static func session(_ app: Application) -> WebSession { app.storage[SessionKey.self]! }

  static func get(
    _ app: Application, _ path: String, cookie: String? = nil, as who: WebSession? = nil
  ) async throws -> TestingHTTPResponse {
    let headers: HTTPHeaders = ["Cookie": (who ?? session(app)).cookies()]
    return try await app.testing().sendRequest(.GET, path, headers: headers)
  }

  /// The CSRF token the signed-in session's forms carry.
  static func csrfToken(_ app: Application, from path: String = "/assess") async throws -> String {
    let token = session(app).token
    #expect(token.count == 43, "token: \(token)")
    return token
  }

  /// POSTs a URL-encoded form as the signed-in session: `cookie: nil` leaves the CSRF
  /// nonce cookie out, `field: nil` leaves the `_csrf` field out, a value sends that value.
  static func post(
    _ app: Application, _ path: String, _ fields: [(String, String)], cookie: String?, field: String?,
    as who: WebSession? = nil
  ) async throws -> TestingHTTPResponse {
    var all = fields
    if let field {
      all.removeAll { $0.0 == "_csrf" }
      all.insert(("_csrf", field), at: 0)
    }
    let headers: HTTPHeaders = [
      "Content-Type": "application/x-www-form-urlencoded", "Cookie": (who ?? session(app)).cookies(csrf: cookie != nil),
    ]
    return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: urlEncoded(all)))
  }

  /// POSTs a form with a valid CSRF token.
  static func submit(
    _ app: Application, _ path: String, _ fields: [(String, String)], as who: WebSession? = nil
  ) async throws -> TestingHTTPResponse {
    let token = (who ?? session(app)).token
    return try await post(app, path, fields, cookie: token, field: token, as: who)
  }

  /// Uploads a file to the import form.
  static func upload(
    _ app: Application, filename: String, content: String, csrf: Bool = true
  ) async throws -> TestingHTTPResponse {
    let who = session(app)
    let boundary = "----SafeZonesTestBoundary7MA4YWxkTrZu0gW"
    var body = ""
    if csrf { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(who.token)\r\n" }
    body +=
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    body += content + "\r\n--\(boundary)--\r\n"
    let headers: HTTPHeaders = [
      "Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": who.cookies(),
    ]
    return try await app.testing().sendRequest(.POST, "/data", headers: headers, body: ByteBuffer(string: body))
  }

  static func urlEncoded(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return fields.map { k, v in
      "\(k.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(v.addingPercentEncoding(withAllowedCharacters: allowed)!)"
    }.joined(separator: "&")
  }

  // MARK: - Reading HTML

  /// Every `<tag …>` opening tag in `html` whose attributes contain all of `having`
  /// (`["name": "q"]`), as attribute dictionaries (values unescaped).
  static func tags(_ html: String, _ tag: String, having: [String: String] = [:]) -> [[String: String]] {
    var found: [[String: String]] = []
    let pattern = try! NSRegularExpression(pattern: "<\(tag)(\\s[^>]*)?>", options: [])
    let ns = html as NSString
    for m in pattern.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
      let text = m.range(at: 1).location == NSNotFound ? "" : ns.substring(with: m.range(at: 1))
      let attrs = attributes(text)
      if having.allSatisfy({ attrs[$0.key] == $0.value }) { found.append(attrs) }
    }
    return found
  }

  static func attributes(_ text: String) -> [String: String] {
    var out: [String: String] = [:]
    let pattern = try! NSRegularExpression(pattern: "([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:=\"([^\"]*)\")?", options: [])
    let ns = text as NSString
    for m in pattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
      let name = ns.substring(with: m.range(at: 1))
      let value = m.range(at: 2).location == NSNotFound ? "" : unescape(ns.substring(with: m.range(at: 2)))
      out[name] = value
    }
    return out
  }

  static func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
      .replacingOccurrences(of: "&amp;", with: "&")
  }

  /// The text inside the first element with `id`, tags stripped and entities decoded.
  static func text(_ html: String, id: String) -> String? {
    guard let start = html.range(of: "id=\"\(id)\"") else { return nil }
    guard let open = html[start.upperBound...].firstIndex(of: ">") else { return nil }
    // Find the matching close by counting same-name tags.
    let before = html[..<start.lowerBound]
    guard let lt = before.lastIndex(of: "<") else { return nil }
    let name = String(html[html.index(after: lt)...].prefix { $0.isLetter || $0.isNumber })
    var depth = 1
    var i = html.index(after: open)
    let contentStart = i
    while i < html.endIndex {
      if html[i...].hasPrefix("</\(name)>") {
        depth -= 1
        if depth == 0 { break }
      } else if html[i...].hasPrefix("<\(name)") {
        let next = html.index(i, offsetBy: name.count + 1)
        if next < html.endIndex, html[next] == " " || html[next] == ">" { depth += 1 }
      }
      i = html.index(after: i)
    }
    let inner = String(html[contentStart..<i])
    let stripped = inner.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
    return unescape(stripped)
  }

  /// The fields a browser would submit for the form with `id` (inputs other than
  /// unchecked boxes and files, and text areas), in document order.
  static func formFields(_ html: String, id: String) -> [(String, String)] {
    guard let start = html.range(of: "<form id=\"\(id)\""),
      let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex)
    else { return [] }
    let form = String(html[start.lowerBound..<end.upperBound])
    var fields: [(Int, String, String)] = []
    let ns = form as NSString
    let input = try! NSRegularExpression(pattern: "<input(\\s[^>]*)>", options: [])
    for m in input.matches(in: form, range: NSRange(location: 0, length: ns.length)) {
      let a = attributes(ns.substring(with: m.range(at: 1)))
      guard let name = a["name"], a["type"] != "file",
        (a["type"] != "checkbox" && a["type"] != "radio") || a["checked"] != nil
      else { continue }
      fields.append((m.range.location, name, a["value"] ?? ""))
    }
    let area = try! NSRegularExpression(pattern: "<textarea(\\s[^>]*)>([^<]*)</textarea>", options: [])
    for m in area.matches(in: form, range: NSRange(location: 0, length: ns.length)) {
      let a = attributes(ns.substring(with: m.range(at: 1)))
      guard let name = a["name"] else { continue }
      fields.append((m.range.location, name, unescape(ns.substring(with: m.range(at: 2)))))
    }
    return fields.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2) }
  }

  /// `fields` with the named values replaced (or added).
  static func replacing(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
    var out = fields.map { ($0.0, changes[$0.0] ?? $0.1) }
    for (k, v) in changes where !fields.contains(where: { $0.0 == k }) { out.append((k, v)) }
    return out
  }

  /// One domain's fields in a Delphi assessor page's one form (`round-form`), without
  /// their `<domain>.` prefix.
  static func roundFields(_ html: String, domain: String) -> [(String, String)] {
    let prefix = domain + "."
    return formFields(html, id: "round-form").compactMap { name, value in
      name.hasPrefix(prefix) ? (String(name.dropFirst(prefix.count)), value) : nil
    }
  }

  /// What a panellist who changed only `domain` (by `changes`, unprefixed names) sends
  /// with the round form: the form's other fields (CSRF) and that domain's fields.
  static func roundSubmission(_ html: String, domain: String, _ changes: [String: String]) -> [(String, String)] {
    let prefix = domain + "."
    let own = formFields(html, id: "round-form").filter { !$0.0.contains(".") || $0.0.hasPrefix(prefix) }
    return replacing(own, Dictionary(uniqueKeysWithValues: changes.map { (prefix + $0.key, $0.value) }))
  }

  /// The ids of the rows of the map's table (`tr[data-id]`).
  static func tableIDs(_ html: String) -> [String] { tags(html, "tr").compactMap { $0["data-id"] } }

  /// Number of `g.domain` points in the inline map.
  static func mapPoints(_ html: String) -> [String] {
    tags(html, "g").filter { ($0["class"] ?? "").split(separator: " ").contains("domain") }.compactMap { $0["data-id"] }
  }

  // MARK: - Forms

  /// A complete, valid new-domain form.
  static func newDomainFields(
    id: String, name: String = "Tidal stream energy", military: String = "1"
  ) -> [(String, String)] {
    [
      ("id", id), ("name", name), ("summary", "Magnetic and inertial confinement research."),
      ("tags", "energy, big-science"),
      ("assessor", "A. Tester"), ("date", "2026-11-20"), ("perspective", "US"), ("note", ""),
      ("score-fundamentality", "3"), ("rationale-fundamentality", "Plasma physics is still open."),
      ("evidence-fundamentality", "https://example.org/iter\nEssay, 'A framework for cooperation'"),
      ("score-maturity", "1"), ("score-parity", "3"), ("score-scale", "4"), ("score-spillovers", "3"),
      ("score-recombination", "2"), ("score-public_good", "3"),
      ("score-military", military), ("score-economic", "1"), ("score-security_exposure", "1"), ("score-dominance", "1"),
      ("score-salience", "1"), ("score-stakeholder_support", "3"), ("low-stakeholder_support", "2"),
      ("high-stakeholder_support", "4"),
      ("score-indifference", "2"),
    ]
  }

  /// A complete, valid form for a new assessment of an existing domain.
  static func appendFields(base: Int, assessor: String = "B. Reviewer", military: String = "3.5") -> [(String, String)]
  {
    var fields = newDomainFields(id: "", military: military).filter {
      !["id", "name", "summary", "tags"].contains($0.0)
    }
    fields = replacing(fields, ["assessor": assessor, "date": "2026-11-25"])
    fields.append(("base_version", String(base)))
    return fields
  }

  // MARK: - Fixture

  /// A small, fixed knowledge base for snapshots: one domain per quadrant, a range, a
  /// missing criterion, a link, URLs in evidence and characters that need escaping.
  static let fixtureYAML = """
    domains:
      - id: alpha-physics
        name: Alpha physics
        summary: "Basic research & open questions: the fixture's safe-zone domain."
        tags: [fundamental-science, fixture]
        source: "Fixture, section 'Safe zone'"
        links:
          - {target: delta-devices, kind: enables, weight: 0.4, rationale: "Results could inform device design."}
        assessment:
          assessor: Fixture panel
          date: 2026-01-15
          perspective: US
          note: "First look <draft>."
          scores:
            fundamentality: {value: 4, rationale: "Asks how nature works.", evidence: ["https://example.org/a?x=1&y=2", "Essay, 'A framework for cooperation'"]}
            maturity: 1
            parity: 3
            scale: [2, 3, 4]
            spillovers: 4
            recombination: 3
            public_good: 2
            military: 1
            economic: 1
            security_exposure: 1
            dominance: 0
            salience: 1
            stakeholder_support: 3
            indifference: 3
      - id: beta-batteries
        name: Beta batteries
        tags: [energy, fixture]
        assessment:
          assessor: Fixture panel
          date: 2026-01-15
          scores:
            fundamentality: 2
            maturity: 2
            parity: 3
            scale: 3
            spillovers: 3
            recombination: 4
            public_good: 4
            military: 2
            economic: 4
            security_exposure: 2
            dominance: 4
            salience: 3
            stakeholder_support: 1
      - id: delta-devices
        name: Delta devices
        tags: [security]
        assessment:
          assessor: Fixture panel
          date: 2026-01-15
          scores:
            fundamentality: 0
            maturity: 3
            parity: 1
            scale: 1
            spillovers: 1
            recombination: 1
            public_good: 1
            military: 4
            economic: 3
            security_exposure: 4
            dominance: 3
            salience: 4
            stakeholder_support: 0
            indifference: 0
      - id: gamma-wind
        name: Gamma wind
        tags: [energy]
        assessment:
          assessor: Fixture panel
          date: 2026-01-15
          scores:
            fundamentality: 1
            maturity: 4
            parity: 2
            scale: 1
            spillovers: 1
            recombination: 1
            public_good: 2
            military: 0
            economic: 1
            security_exposure: 0
            dominance: 1
            salience: 0
            stakeholder_support: 2
            indifference: 3
    """

  // MARK: - Snapshots

  /// The page with its volatile parts replaced (CSRF token, asset hashes, today's date,
  /// recorded times, the chart drawn by SafeZonesCharts) and one tag per line.
  static func normalized(_ html: String) -> String {
    var s = html
    func replace(_ pattern: String, _ with: String) {
      s = s.replacingOccurrences(of: pattern, with: with, options: .regularExpression)
    }
    replace("name=\"_csrf\" value=\"[A-Za-z0-9_-]{43}\"", "name=\"_csrf\" value=\"CSRF\"")
    replace("\\?v=[0-9a-f]+", "?v=HASH")
    replace(
      "(?s)<svg xmlns=\"http://www.w3.org/2000/svg\".*?</svg>", "<svg><!-- map drawn by SafeZonesCharts --></svg>")
    replace("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC", "RECORDED")
    replace("datetime=\"\\d{4}-\\d{2}-\\d{2}T[^\"]+\"", "datetime=\"RECORDED\"")
    s = s.replacingOccurrences(of: Day(Date()).description, with: "TODAY")
    s = s.replacingOccurrences(of: "><", with: ">\n<")
    return s + "\n"
  }
}
