import Foundation
import SafeZonesCore
import SafeZonesStore

/// Every setting of the web app, read in one place (`Settings.resolve`). A missing or bad
/// setting fails at start with a message that names it.
public struct Settings: Sendable, Hashable {
  public var hostname: String
  public var port: Int
  /// Where the embedded SQLite database (and other files) live.
  public var dataDirectory: String
  public var database: StoreLocation
  /// Largest accepted request body (uploads, forms, JSON).
  public var maxBodyBytes: Int
  /// Load the shipped knowledge base into an empty store on first start.
  public var seedKnowledgeBase: Bool
  /// Send `Secure` cookies (set when served over HTTPS behind a proxy).
  public var secureCookies: Bool
  /// How long a page request waits for a page being drawn again after a change before it
  /// gets the last complete one (`nil`: as long as it takes).
  public var pageWait: Duration?
  /// The host names requests may be addressed to (`Host`), lower case, without ports; `*`
  /// allows any. `nil`: the bound address and this machine's names (`localhost`,
  /// `127.0.0.1`, `::1`), which closes DNS rebinding against a server on this machine.
  public var allowedHosts: [String]?
  /// Let visitors who are not signed in read the map, domains, warnings, graph and rubric
  /// (`--public-read`). Writes always need an account.
  public var publicRead: Bool = false
  /// A session unused for this long ends (default 8 hours).
  public var idleTimeout: Duration = .seconds(8 * 3600)
  /// Addresses of reverse proxies whose `X-Forwarded-For` (the client's address) and, with
  /// `trustedIdentityHeader`, identity header are believed. Empty: none.
  public var trustedProxies: [String] = []
  /// A header set by a trusted reverse proxy that names the signed-in person's email
  /// (single sign-on done by the proxy, e.g. `X-Remote-User`); `nil`: off.
  public var trustedIdentityHeader: String?
  /// Administrators must sign in with a second factor (TOTP) to do anything beyond their
  /// own account page (`--require-mfa`).
  public var requireMFA: Bool = false
  /// Start the simulation-job worker with the server, so that runs queued before a restart
  /// (or by a server that died) are taken up at once. The tests start it on first use only.
  public var startsJobWorker: Bool = true
  /// Bcrypt's cost factor for new password hashes (12; the tests use the minimum, 4).
  public var passwordHashCost: Int = 12

  public init(
    hostname: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./safezones-data",
    database: StoreLocation? = nil, maxBodyBytes: Int = 8 * 1024 * 1024, seedKnowledgeBase: Bool = true,
    secureCookies: Bool = false, pageWait: Duration? = .milliseconds(250)
  ) {
    self.hostname = hostname
    self.port = port
    self.dataDirectory = dataDirectory
    self.database = database ?? Self.defaultDatabase(in: dataDirectory)
    self.maxBodyBytes = maxBodyBytes
    self.seedKnowledgeBase = seedKnowledgeBase
    self.secureCookies = secureCookies
    self.pageWait = pageWait
  }

  /// The settings for tests: SQLite in memory (or `DATABASE_URL` when set), knowledge base
  /// seeded, pages always as of the latest change (a test that wants the last complete page
  /// served meanwhile sets `pageWait`).
  public static func testing(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
    var settings = Settings(dataDirectory: NSTemporaryDirectory(), database: .sqliteMemory, pageWait: nil)
    settings.passwordHashCost = 4
    settings.startsJobWorker = false
    if let url = environment["DATABASE_URL"], !url.isEmpty { settings.database = try StoreLocation(url: url) }
    return settings
  }

  /// The hosts a request may name in its `Host` header: `allowedHosts`, or by default the
  /// bound address and this machine's loopback names.
  public var effectiveAllowedHosts: [String] {
    allowedHosts ?? [Self.normalisedHost(hostname)] + Self.loopbackNames
  }

  /// Whether a request whose `Host` header is `header` is addressed to this server.
  public func allows(host header: String) -> Bool {
    let allowed = effectiveAllowedHosts
    return allowed.contains("*") || allowed.contains(Self.normalisedHost(Self.hostPart(of: header)))
  }

  /// Whether the server listens on an address other machines can reach.
  public var bindsBeyondThisMachine: Bool {
    !Self.loopbackNames.contains(Self.normalisedHost(hostname))
  }

  /// This machine's own names.
  static let loopbackNames = ["localhost", "127.0.0.1", "::1"]

  /// The host of a `Host` header value: without the port, IPv6 addresses without brackets.
  static func hostPart(of header: String) -> String {
    let text = header.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
      return String(text[text.index(after: text.startIndex)..<end])
    }
    // A bare IPv6 address has several colons and no port.
    if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") { return String(text[..<colon]) }
    return text
  }

  /// Lower case, without brackets or a final dot: `Example.ORG.` and `example.org` are one host.
  static func normalisedHost(_ host: String) -> String {
    var h = host.lowercased()
    if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
    if h.count > 1, h.hasSuffix(".") { h.removeLast() }
    return h
  }

  /// The names of the environment variables, listed in error messages and the README.
  public static let environmentKeys: [(key: String, meaning: String)] = [
    ("SAFEZONES_HOSTNAME", "address to bind (default 127.0.0.1)"),
    ("SAFEZONES_PORT", "port (default 8080)"),
    ("SAFEZONES_DATA", "data folder for the SQLite database (default ./safezones-data)"),
    ("DATABASE_URL", "postgres://user:password@host:port/db or sqlite:///path.db (default: SQLite in the data folder)"),
    ("SAFEZONES_MAX_BODY_MB", "largest request body in MiB (default 8)"),
    ("SAFEZONES_SEED", "load the shipped knowledge base into an empty store: true or false (default true)"),
    ("SAFEZONES_SECURE_COOKIES", "mark cookies Secure (behind HTTPS): true or false (default false)"),
    (
      "SAFEZONES_ALLOWED_HOSTS",
      "host names requests may be addressed to, comma-separated, or * (default: the bound address and localhost)"
    ),
    ("SAFEZONES_REQUIRE_MFA", "administrators must use a second factor (TOTP): true or false (default false)"),
    ("SAFEZONES_PUBLIC_READ", "let visitors read without signing in: true or false (default false)"),
    ("SAFEZONES_IDLE_TIMEOUT_MINUTES", "minutes after which an unused session ends (default 480, 8 hours)"),
    (
      "SAFEZONES_TRUSTED_PROXIES",
      "addresses of reverse proxies whose X-Forwarded-For and identity header are believed, comma-separated"
    ),
    (
      "SAFEZONES_TRUSTED_IDENTITY_HEADER",
      "header a trusted proxy sets to the signed-in person's email (single sign-on), e.g. X-Remote-User"
    ),
    (
      "SAFEZONES_PAGE_WAIT_MS",
      "how long a page waits for a new drawing after a change before the last one is served (default 40; -1: always wait)"
    ),
  ]

  /// Resolves settings from command-line values (which win) and the environment.
  public static func resolve(
    hostname: String? = nil, port: Int? = nil, data: String? = nil, database: String? = nil,
    allowedHosts: String? = nil, publicRead: Bool? = nil, idleTimeoutMinutes: Int? = nil,
    trustedProxies: String? = nil, trustedIdentityHeader: String? = nil, requireMFA: Bool? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(InputError) -> Settings {
    var issues: [InputIssue] = []
    func fail(_ key: String, _ message: String) { issues.append(InputIssue(key: key, message: message)) }
    func env(_ key: String) -> String? {
      guard let value = environment[key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
      return value
    }
    func flag(_ key: String, default value: Bool) -> Bool {
      guard let text = env(key) else { return value }
      switch text.lowercased() {
      case "1", "true", "yes", "on": return true
      case "0", "false", "no", "off": return false
      default:
        fail(key, tr("expected true or false, got '{value}'", ["value": .text(text)]))
        return value
      }
    }

    var settings = Settings()
    settings.hostname = hostname ?? env("SAFEZONES_HOSTNAME") ?? settings.hostname
    if settings.hostname.isEmpty || settings.hostname.contains(where: \.isWhitespace) {
      fail(
        hostname != nil ? "--hostname" : "SAFEZONES_HOSTNAME",
        tr("'{host}' is not a host name or address", ["host": .text(settings.hostname)]))
    }
    if let port {
      settings.port = port
    } else if let text = env("SAFEZONES_PORT") {
      if let value = Int(text) {
        settings.port = value
      } else {
        fail("SAFEZONES_PORT", tr("expected a port number, got '{value}'", ["value": .text(text)]))
      }
    }
    if !(0...65535).contains(settings.port) {
      fail(
        port != nil ? "--port" : "SAFEZONES_PORT",
        tr("must be between 0 and 65535, got {value}", ["value": .text(String(settings.port))]))
    }
    settings.dataDirectory = data ?? env("SAFEZONES_DATA") ?? settings.dataDirectory
    if let text = env("SAFEZONES_MAX_BODY_MB") {
      if let mb = Int(text), mb >= 1, mb <= 1024 {
        settings.maxBodyBytes = mb * 1024 * 1024
      } else {
        fail(
          "SAFEZONES_MAX_BODY_MB",
          tr("expected a whole number of MiB between 1 and 1024, got '{value}'", ["value": .text(text)]))
      }
    }
    if let text = env("SAFEZONES_PAGE_WAIT_MS") {
      if let ms = Int(text), ms >= -1, ms <= 60_000 {
        settings.pageWait = ms < 0 ? nil : .milliseconds(ms)
      } else {
        fail(
          "SAFEZONES_PAGE_WAIT_MS",
          tr("expected milliseconds from 0 to 60000, or -1 to always wait, got '{value}'", ["value": .text(text)]))
      }
    }
    if let text = allowedHosts ?? env("SAFEZONES_ALLOWED_HOSTS") {
      let key = allowedHosts != nil ? "--allowed-hosts" : "SAFEZONES_ALLOWED_HOSTS"
      // Entries may carry a port (it is ignored, as in the requests' headers).
      let names = text.split(separator: ",", omittingEmptySubsequences: false).map {
        Self.normalisedHost(Self.hostPart(of: String($0)))
      }
      if let bad = names.first(where: { $0.isEmpty || $0.contains(where: { $0.isWhitespace || "/@?#".contains($0) }) })
      {
        fail(
          key,
          tr(
            "'{host}' is not a host name; give names such as safezones.example.org, comma-separated, or *",
            ["host": .text(bad)]))
      } else {
        settings.allowedHosts = names
      }
    }
    settings.seedKnowledgeBase = flag("SAFEZONES_SEED", default: true)
    settings.publicRead = publicRead ?? flag("SAFEZONES_PUBLIC_READ", default: false)
    settings.requireMFA = requireMFA ?? flag("SAFEZONES_REQUIRE_MFA", default: false)
    if let text = trustedProxies ?? env("SAFEZONES_TRUSTED_PROXIES") {
      let key = trustedProxies != nil ? "--trusted-proxy" : "SAFEZONES_TRUSTED_PROXIES"
      let addresses = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      if let bad = addresses.first(where: { !Self.isIPAddress($0) }) {
        fail(
          key,
          tr(
            "'{address}' is not an IP address; give the proxies' addresses, comma-separated, e.g. 127.0.0.1",
            ["address": .text(bad)]))
      } else {
        settings.trustedProxies = addresses
      }
    }
    if let header = trustedIdentityHeader ?? env("SAFEZONES_TRUSTED_IDENTITY_HEADER") {
      let key = trustedIdentityHeader != nil ? "--trusted-identity-header" : "SAFEZONES_TRUSTED_IDENTITY_HEADER"
      if header.isEmpty || !header.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
        fail(key, tr("'{header}' is not a header name, e.g. X-Remote-User", ["header": .text(header)]))
      } else if settings.trustedProxies.isEmpty {
        fail(key, tr("needs --trusted-proxy: the header is believed only from the proxy that sets it"))
      } else {
        settings.trustedIdentityHeader = header
      }
    }
    if let minutes = idleTimeoutMinutes ?? env("SAFEZONES_IDLE_TIMEOUT_MINUTES").map({ Int($0) ?? -1 }) {
      if (5...(60 * 24 * 30)).contains(minutes) {
        settings.idleTimeout = .seconds(minutes * 60)
      } else {
        fail(
          idleTimeoutMinutes != nil ? "--idle-timeout" : "SAFEZONES_IDLE_TIMEOUT_MINUTES",
          idleTimeoutMinutes == nil
            ? tr(
              "expected whole minutes from 5 to 43200 (30 days), got '{value}'",
              ["value": .text(env("SAFEZONES_IDLE_TIMEOUT_MINUTES") ?? "")])
            : tr("expected whole minutes from 5 to 43200 (30 days), got {value}", ["value": .text(String(minutes))]))
      }
    }
    settings.secureCookies = flag("SAFEZONES_SECURE_COOKIES", default: false)
    let databaseKey = database != nil ? "--database" : "DATABASE_URL"
    if let url = database ?? env("DATABASE_URL") {
      do { settings.database = try StoreLocation(url: url) } catch {
        fail(databaseKey, error.issues.first?.message ?? tr("invalid"))
      }
    } else {
      settings.database = Self.defaultDatabase(in: settings.dataDirectory)
    }
    if !issues.isEmpty { throw InputError(issues) }
    return settings
  }

  /// Creates the data folder for an SQLite file if needed, failing with a clear message.
  public func prepareDataDirectory() throws(InputError) {
    guard case .sqliteFile(let path) = database else { return }
    let folder = (path as NSString).deletingLastPathComponent
    guard !folder.isEmpty else { return }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw InputError(
        InputIssue(
          key: "--data",
          message: tr(
            "cannot create the data folder {folder}: {reason}",
            ["folder": .text(folder), "reason": .text(error.localizedDescription)])))
    }
  }

  /// Whether `text` is an IPv4 or IPv6 address.
  static func isIPAddress(_ text: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
  }

  /// The client's address for a connection from `peer`: with a trusted proxy, the last
  /// address it appended to `X-Forwarded-For`; otherwise the peer itself.
  public func clientAddress(peer: String?, forwardedFor: String?) -> String? {
    guard let peer, trustedProxies.contains(peer), let forwarded = forwardedFor else { return peer }
    let last = forwarded.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    return Self.isIPAddress(last) ? last : peer
  }

  /// Whether a request from `peer` may name its user in the trusted identity header.
  public func trustsIdentityHeader(from peer: String?) -> Bool {
    guard trustedIdentityHeader != nil, let peer else { return false }
    return trustedProxies.contains(peer)
  }

  /// The command that creates the first administrator on this store, as `serve` prints it.
  public var firstAdminCommand: String {
    var command = "safezones users add you@example.org --role admin"
    switch database {
    case .postgres: command += " --database \"$DATABASE_URL\""
    case .sqliteFile(let path):
      let folder = (path as NSString).deletingLastPathComponent
      command += " --data " + Self.shellQuoted(folder.isEmpty ? "." : folder)
    case .sqliteMemory: break
    }
    return command
  }

  static func shellQuoted(_ s: String) -> String {
    s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-".contains($0) })
      ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// The embedded database in a data folder.
  public static func defaultDatabase(in dataDirectory: String) -> StoreLocation {
    .sqliteFile((dataDirectory as NSString).appendingPathComponent("safezones.sqlite"))
  }

  /// A store that cannot be opened or migrated, reported against the setting that chose it.
  public func storeOpenError(_ error: any Error) -> InputError {
    InputError(
      InputIssue(
        key: database.isPostgres ? "DATABASE_URL" : "--data",
        message: tr(
          "cannot open the store ({store}): {reason}",
          ["store": .text("\(database)"), "reason": .text(String(reflecting: error))])))
  }
}
