import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
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
      guard let parsed = URL(string: text), parsed.host != nil, !parsed.path.isEmpty, parsed.path != "/" else {
        throw bad("'\(Self.redacted(text))' is not a usable PostgreSQL URL: expected postgres://user:password@host:port/database")
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

  /// The Fluent configuration for this location.
  public func configuration() throws -> DatabaseConfigurationFactory {
    switch self {
    case .sqliteFile(let path): return .sqlite(.file(path), sqlLogLevel: .trace)
    case .sqliteMemory: return .sqlite(.memory, sqlLogLevel: .trace)
    case .postgres(let url): return try .postgres(url: url, sqlLogLevel: .trace)
    }
  }

  public var databaseID: DatabaseID { isPostgres ? .psql : .sqlite }
}

/// A store usable without a web server: the command line and the store tests use it; the
/// web app configures the same location and migrations on Vapor's databases instead.
public final class StoreRuntime: Sendable {
  public let location: StoreLocation
  let databases: Databases
  let logger: Logger

  public init(location: StoreLocation, logger: Logger = Logger(label: "safezones.store")) throws {
    self.location = location
    self.logger = logger
    databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
    databases.use(try location.configuration(), as: location.databaseID)
  }

  /// A database handle for repositories.
  public var database: any Database {
    databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
  }

  /// Creates or upgrades the schema.
  public func migrate() async throws {
    let migrations = Migrations()
    migrations.add(StoreMigrations.all)
    let migrator = Migrator(
      databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any(),
      migrationLogLevel: .debug)
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
  }

  /// Removes every table (tests only: refuses a non-local PostgreSQL server).
  public func revertAll() async throws {
    if case .postgres(let url) = location, let host = URL(string: url)?.host,
      !["127.0.0.1", "localhost", "::1"].contains(host)
    {
      throw StoreError.invalid(InputError(InputIssue(key: "database", message: "refusing to reset a non-local database (\(host))")))
    }
    let migrations = Migrations()
    migrations.add(StoreMigrations.all)
    let migrator = Migrator(
      databases: databases, migrations: migrations, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any(),
      migrationLogLevel: .debug)
    try await migrator.setupIfNeeded().get()
    try await migrator.revertAllBatches().get()
  }

  public var repository: FluentDomainRepository { FluentDomainRepository(database: database) }

  public func shutdown() async {
    await databases.shutdownAsync()
  }
}
