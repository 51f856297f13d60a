import FluentKit
import SQLKit

/// The store revision at which each domain and each rubric was last written, so that a
/// cache can read only what changed since the revision it holds instead of the whole store
/// (also when the writer was another server on the same PostgreSQL database). Rows written
/// before this migration carry 0: a reader that loaded the whole store already has them.
struct M010_AddChangeRevisions: AsyncMigration {
  var name: String { "M010_AddChangeRevisions" }

  func prepare(on database: any Database) async throws {
    for table in ["domains", "rubrics"] {
      try await database.schema(table).field("changed_revision", .int, .required, .sql(.default(0))).update()
    }
    guard let sql = database as? any SQLDatabase else { return }
    try await sql.create(index: "domains_changed_revision").on("domains").column("changed_revision").run()
  }

  func revert(on database: any Database) async throws {
    if let sql = database as? any SQLDatabase {
      try await sql.drop(index: "domains_changed_revision").run()
    }
    for table in ["domains", "rubrics"] {
      try await database.schema(table).deleteField("changed_revision").update()
    }
  }
}
