import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SafeZonesCore

/// Where the store lives: an SQLite file (the embedded default), SQLite in memory (tests),
/// or a PostgreSQL server (teams).
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
  case sqliteFile(String)
  case sqliteMemory
  case postgres(String)

  /// Parses `postgres://user:pass@host:port/db`, `sqlite:///abs/path.db`, `sqlite://relative.db`,
  /// `sqlite::memory:`, or a plain file path ending in `.db`/`.sqlite`.
  public init(url: String) throws(InputError) {
    let text = url.trimmingCharacters(in: .whitespaces)
    func bad(_ why: String) -> InputError { InputError(InputIssue(key: "database", message: why)) }
    if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
      guard let parsed = URLComponents(string: text), let host = parsed.host, !host.isEmpty,
        let user = parsed.user, !user.isEmpty, !parsed.path.isEmpty, parsed.path != "/"
      else {
        throw bad(
          "'\(Self.redacted(text))' is not a usable PostgreSQL URL: expected postgres://user:password@host:port/database"
        )
      }
      self = .postgres(text)
    } else if text == "sqlite::memory:" || text == ":memory:" {
      self = .sqliteMemory
    } else if text.hasPrefix("sqlite://") {
      let path = String(text.dropFirst("sqlite://".count))
      guard !path.isEmpty else { throw bad("'\(text)' names no file: expected sqlite:///path/to/file.db") }
      self = .sqliteFile(path)
    } else if !text.contains("://"), !text.isEmpty {
      self = .sqliteFile(text)
    } else {
      throw bad(
        "'\(Self.redacted(text))' is not a supported database URL: use postgres://user:password@host:port/database or sqlite:///path/file.db"
      )
    }
  }

  /// Hides a password in a URL before it is printed or logged.
  public static func redacted(_ url: String) -> String {
    guard var components = URLComponents(string: url), components.password != nil else { return url }
    components.password = "***"
    return components.string ?? url
  }

  public var description: String {
    switch self {
    case .sqliteFile(let path): return "SQLite file \(path)"
    case .sqliteMemory: return "SQLite in memory"
    case .postgres(let url): return "PostgreSQL \(Self.redacted(url))"
    }
  }

  public var isPostgres: Bool { if case .postgres = self { return true } else { return false } }

  /// The Fluent configuration for this location. Each call for `.sqliteMemory` makes a new,
  /// empty store (its file is removed when the process exits).
  public func configuration() throws -> DatabaseConfigurationFactory {
    try configurationAndTemporaryFile().configuration
  }

  /// The configuration, and for `.sqliteMemory` the temporary file that backs it.
  func configurationAndTemporaryFile() throws -> (configuration: DatabaseConfigurationFactory, temporaryFile: String?) {
    switch self {
    case .sqliteFile(let path):
      return (.sqlite(.file(path), connectionPoolTimeout: Self.sqlitePoolTimeout, sqlLogLevel: .trace), nil)
    case .sqliteMemory:
      let path = TemporaryStoreFiles.makePath()
      return (.sqlite(.file(path), connectionPoolTimeout: Self.sqlitePoolTimeout, sqlLogLevel: .trace), path)
    case .postgres(let url):
      let configuration = try SQLPostgresConfiguration(url: url)
      return (
        .postgres(
          configuration: configuration, maxConnectionsPerEventLoop: Self.postgresConnectionsPerEventLoop,
          sqlLogLevel: .trace), nil
      )
    }
  }

  public var databaseID: DatabaseID { isPostgres ? .psql : .sqlite }

  /// How long a request waits for SQLite's one connection before giving up. SQLite writes
  /// one at a time, so under a burst (an import of the whole knowledge base while pages
  /// are read) a queue forms; Fluent's default of 10 s failed requests that would have
  /// been served a few seconds later.
  static let sqlitePoolTimeout: TimeAmount = .seconds(60)

  /// PostgreSQL connections per event loop. A repository is bound to one event loop (the web
  /// app keeps one for its lifetime), so with Fluent's default of one connection every
  /// request would wait for the previous one's queries.
  static let postgresConnectionsPerEventLoop = 4
}

/// A store usable without a web server: the command line and the store tests use it; the
/// web app configures the same location and migrations on Vapor's databases instead.
public final class StoreRuntime: Sendable {
  public let location: StoreLocation
  /// The PostgreSQL schema the store lives in, when not the server's default (`public`).
  public let postgresSchema: String?
  let databases: Databases
  let logger: Logger
  /// For `.sqliteMemory`: the file behind the store, removed on shutdown.
  let temporaryFile: String?

  /// - Parameter postgresSchema: keep the store's tables in this PostgreSQL schema (created
  ///   when missing) instead of the default one, so that a test suite can reset its own
  ///   tables without touching those of another suite sharing the database. Ignored for SQLite.
  public init(
    location: StoreLocation, postgresSchema: String? = nil, logger: Logger = Logger(label: "safezones.store")
  ) throws {
    self.location = location
    self.postgresSchema = location.isPostgres ? postgresSchema : nil
    self.logger = logger
    databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
    if case .postgres(let url) = location, let schema = self.postgresSchema {
      var configuration = try SQLPostgresConfiguration(url: url)
      configuration.searchPath = [schema]
      databases.use(
        .postgres(
          configuration: configuration, maxConnectionsPerEventLoop: StoreLocation.postgresConnectionsPerEventLoop,
          sqlLogLevel: .trace),
        as: location.databaseID)
      temporaryFile = nil
    } else {
      let (configuration, file) = try location.configurationAndTemporaryFile()
      databases.use(configuration, as: location.databaseID)
      temporaryFile = file
    }
  }

  /// A database handle for repositories.
  public var database: any Database {
    databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
  }

  /// Creates or upgrades the schema.
  public func migrate() async throws {
    try await createSchemaIfNeeded()
    let migrator = makeMigrator()
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
  }

  /// Removes every table (tests only: refuses a non-local PostgreSQL server).
  public func revertAll() async throws {
    if case .postgres(let url) = location {
      let host = URLComponents(string: url)?.host ?? ""
      guard ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) else {
        throw StoreError.invalid(
          InputError(InputIssue(key: "database", message: "refusing to reset a non-local database (\(host))")))
      }
    }
    try await createSchemaIfNeeded()
    let migrator = makeMigrator()
    try await migrator.setupIfNeeded().get()
    try await migrator.revertAllBatches().get()
  }

  public var repository: FluentDomainRepository { FluentDomainRepository(database: database) }

  /// `count` repositories bound to distinct event loops where the machine has several, and
  /// so to distinct connections: for tests of concurrent writers.
  func repositories(count: Int) -> [FluentDomainRepository] {
    let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
    return (0..<count).map { i in
      FluentDomainRepository(database: databases.database(logger: logger, on: loops[i % loops.count])!)
    }
  }

  /// The names of the migrations recorded as applied, in the order they were applied.
  func appliedMigrations() async throws -> [String] {
    try await MigrationLog.query(on: database).sort(\.$batch).sort(\.$createdAt).all().map(\.name)
  }

  public func shutdown() async {
    await databases.shutdownAsync()
    if let temporaryFile { TemporaryStoreFiles.remove(temporaryFile) }
  }

  private func makeMigrator() -> Migrator {
    let migrations = Migrations()
    migrations.add(StoreMigrations.all)
    return Migrator(
      databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any(),
      migrationLogLevel: .debug)
  }

  private func createSchemaIfNeeded() async throws {
    guard let schema = postgresSchema, let sql = database as? any SQLDatabase else { return }
    try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
  }
}
