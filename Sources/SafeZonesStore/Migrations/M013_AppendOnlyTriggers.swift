import FluentKit
import SQLKit

/// The database itself refuses to change or delete an assessment or an audit record:
/// triggers on both SQLite and PostgreSQL, so that neither a bug nor a stray SQL session
/// through the app's own connection rewrites the record. (Someone who owns the database can
/// drop a trigger; `safezones audit verify` then still finds a changed record.)
struct M013_AppendOnlyTriggers: AsyncMigration {
  var name: String { "M013_AppendOnlyTriggers" }
  static let tables = ["assessments", "audit_records"]

  func prepare(on database: any Database) async throws {
    guard let sql = database as? any SQLDatabase else { return }
    if sql.dialect.name == "postgresql" {
      try await sql.raw(
        """
        CREATE OR REPLACE FUNCTION safezones_append_only() RETURNS trigger AS $$
        BEGIN
          RAISE EXCEPTION 'SafeZones keeps % append-only: % refused', TG_TABLE_NAME, TG_OP;
        END;
        $$ LANGUAGE plpgsql
        """
      ).run()
      for table in Self.tables {
        try await sql.raw(
          "CREATE TRIGGER \(unsafeRaw: table)_append_only BEFORE UPDATE OR DELETE ON \(unsafeRaw: table) FOR EACH ROW EXECUTE FUNCTION safezones_append_only()"
        ).run()
      }
    } else {
      for table in Self.tables {
        for op in ["UPDATE", "DELETE"] {
          try await sql.raw(
            "CREATE TRIGGER \(unsafeRaw: table)_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON \(unsafeRaw: table) BEGIN SELECT RAISE(ABORT, 'SafeZones keeps \(unsafeRaw: table) append-only: \(unsafeRaw: op) refused'); END"
          ).run()
        }
      }
    }
  }

  func revert(on database: any Database) async throws {
    guard let sql = database as? any SQLDatabase else { return }
    if sql.dialect.name == "postgresql" {
      for table in Self.tables {
        try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_append_only ON \(unsafeRaw: table)").run()
      }
      try await sql.raw("DROP FUNCTION IF EXISTS safezones_append_only()").run()
    } else {
      for table in Self.tables {
        for op in ["update", "delete"] {
          try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: table)_no_\(unsafeRaw: op)").run()
        }
      }
    }
  }
}
