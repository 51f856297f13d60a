import FluentKit
import SQLKit

/// A single-row counter bumped by every write, so that caches (also in other server
/// instances sharing a PostgreSQL database) can tell cheaply whether anything changed.
struct M005_CreateRevision: AsyncMigration {
  var name: String { "M005_CreateRevision" }

  func prepare(on database: any Database) async throws {
    try await database.schema("store_revision")
      .field("id", .int, .identifier(auto: false))
      .field("value", .int, .required)
      .create()
    guard let sql = database as? any SQLDatabase else { return }
    try await sql.raw("INSERT INTO store_revision (id, value) VALUES (1, 0)").run()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("store_revision").delete()
  }
}
