import FluentKit
import SQLKit

/// Screening decision records (`DecisionRecord`): one row per version of a proposal's
/// decision, the whole record as canonical JSON with its SHA-256. Append-only, like
/// assessments: triggers refuse UPDATE and DELETE on SQLite and PostgreSQL alike.
struct M018_CreateDecisionRecords: AsyncMigration {
  var name: String { "M018_CreateDecisionRecords" }

  func prepare(on database: any Database) async throws {
    try await database.schema("decision_records")
      .field("id", .int, .identifier(auto: true))
      .field("proposal_id", .string, .required)
      .field("version", .int, .required)
      .field("decision", .string, .required)
      .field("reviewer", .string, .required)
      .field("recorded_at", .datetime, .required)
      .field("body", .string, .required)
      .field("sha256", .string, .required)
      .unique(on: "proposal_id", "version")
      .create()
    guard let sql = database as? any SQLDatabase else { return }
    if sql.dialect.name == "postgresql" {
      // The function was created by M013.
      try await sql.raw(
        "CREATE TRIGGER decision_records_append_only BEFORE UPDATE OR DELETE ON decision_records FOR EACH ROW EXECUTE FUNCTION safezones_append_only()"
      ).run()
    } else {
      for op in ["UPDATE", "DELETE"] {
        try await sql.raw(
          "CREATE TRIGGER decision_records_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON decision_records BEGIN SELECT RAISE(ABORT, 'SafeZones keeps decision_records append-only: \(unsafeRaw: op) refused'); END"
        ).run()
      }
    }
  }

  func revert(on database: any Database) async throws {
    try await database.schema("decision_records").delete()
  }
}
