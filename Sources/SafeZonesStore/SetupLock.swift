import FluentKit
import SQLKit

/// Setting up a store (its migrations, then the first-start seeding) one process at a time.
///
/// Two servers started together on an empty PostgreSQL database used to race: both created
/// the same tables and one failed on a duplicate catalogue entry. On PostgreSQL the setup now
/// runs under a session-level advisory lock held on a connection of its own, so the second
/// process waits, then finds the schema in place and the store seeded. An SQLite store
/// belongs to one server (its data folder); the lock is not taken there.
public enum SetupLock {
  /// The advisory-lock key that names SafeZones' setup in PostgreSQL ("SAFE ZONE" in hex,
  /// near enough): any constant works, as long as other programs on the database do not use it.
  static let key: Int64 = 0x5AFE_2013_0000_0001

  /// Runs `body` holding the setup lock of the store behind `database` (PostgreSQL), or
  /// directly (SQLite). The lock is released when `body` ends, however it ends.
  public static func holding<T: Sendable>(
    on database: any Database, _ body: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    guard let sql = database as? any SQLDatabase, sql.dialect.name == "postgresql" else { return try await body() }
    return try await sql.withSession { session in
      try await session.raw("SELECT pg_advisory_lock(\(literal: key))").run()
      do {
        let result = try await body()
        try await session.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
        return result
      } catch {
        _ = try? await session.raw("SELECT pg_advisory_unlock(\(literal: key))").run()
        throw error
      }
    }
  }
}
