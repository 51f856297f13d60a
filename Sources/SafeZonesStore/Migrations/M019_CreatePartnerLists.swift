import FluentKit

/// Imported partner lists (`PartnerList`): one row per import of a list, the entries as
/// JSON; the newest row of a name is the list in force, earlier ones are kept.
struct M019_CreatePartnerLists: AsyncMigration {
  var name: String { "M019_CreatePartnerLists" }

  func prepare(on database: any Database) async throws {
    try await database.schema("partner_lists")
      .field("id", .int, .identifier(auto: true))
      .field("name", .string, .required)
      .field("source", .string, .required)
      .field("list_date", .string, .required)
      .field("digest", .string, .required)
      .field("entries", .string, .required)
      .field("imported_at", .datetime, .required)
      .create()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("partner_lists").delete()
  }
}
