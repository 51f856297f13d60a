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

  public init(
    hostname: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./safezones-data",
    database: StoreLocation? = nil, maxBodyBytes: Int = 8 * 1024 * 1024, seedKnowledgeBase: Bool = true,
    secureCookies: Bool = false, pageWait: Duration? = .milliseconds(40)
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
    (
      "SAFEZONES_PAGE_WAIT_MS",
      "how long a page waits for a new drawing after a change before the last one is served (default 40; -1: always wait)"
    ),
  ]

  /// Resolves settings from command-line values (which win) and the environment.
  public static func resolve(
    hostname: String? = nil, port: Int? = nil, data: String? = nil, database: String? = nil,
    allowedHosts: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
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
        fail(key, "expected true or false, got '\(text)'")
        return value
      }
    }

    var settings = Settings()
    settings.hostname = hostname ?? env("SAFEZONES_HOSTNAME") ?? settings.hostname
    if settings.hostname.isEmpty || settings.hostname.contains(where: \.isWhitespace) {
      fail(
        hostname != nil ? "--hostname" : "SAFEZONES_HOSTNAME", "'\(settings.hostname)' is not a host name or address")
    }
    if let port {
      settings.port = port
    } else if let text = env("SAFEZONES_PORT") {
      if let value = Int(text) {
        settings.port = value
      } else {
        fail("SAFEZONES_PORT", "expected a port number, got '\(text)'")
      }
    }
    if !(0...65535).contains(settings.port) {
      fail(port != nil ? "--port" : "SAFEZONES_PORT", "must be between 0 and 65535, got \(settings.port)")
    }
    settings.dataDirectory = data ?? env("SAFEZONES_DATA") ?? settings.dataDirectory
    if let text = env("SAFEZONES_MAX_BODY_MB") {
      if let mb = Int(text), mb >= 1, mb <= 1024 {
        settings.maxBodyBytes = mb * 1024 * 1024
      } else {
        fail("SAFEZONES_MAX_BODY_MB", "expected a whole number of MiB between 1 and 1024, got '\(text)'")
      }
    }
    if let text = env("SAFEZONES_PAGE_WAIT_MS") {
      if let ms = Int(text), ms >= -1, ms <= 60_000 {
        settings.pageWait = ms < 0 ? nil : .milliseconds(ms)
      } else {
        fail("SAFEZONES_PAGE_WAIT_MS", "expected milliseconds from 0 to 60000, or -1 to always wait, got '\(text)'")
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
        fail(key, "'\(bad)' is not a host name; give names such as safezones.example.org, comma-separated, or *")
      } else {
        settings.allowedHosts = names
      }
    }
    settings.seedKnowledgeBase = flag("SAFEZONES_SEED", default: true)
    settings.secureCookies = flag("SAFEZONES_SECURE_COOKIES", default: false)
    let databaseKey = database != nil ? "--database" : "DATABASE_URL"
    if let url = database ?? env("DATABASE_URL") {
      do { settings.database = try StoreLocation(url: url) } catch {
        fail(databaseKey, error.issues.first?.message ?? "invalid")
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
        InputIssue(key: "--data", message: "cannot create the data folder \(folder): \(error.localizedDescription)"))
    }
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
        message: "cannot open the store (\(database)): \(String(reflecting: error))"))
  }
}
