import FluentKit

/// A domain's keywords (a JSON list, `NULL` when there are none): the words of the field
/// that screening and search read beside its name (`Domain.keywords`).
struct M017_AddDomainKeywords: AsyncMigration {
  var name: String { "M017_AddDomainKeywords" }

  func prepare(on database: any Database) async throws {
    try await database.schema("domains").field("keywords", .string).update()
  }

  func revert(on database: any Database) async throws {
    try await database.schema("domains").deleteField("keywords").update()
  }
}
