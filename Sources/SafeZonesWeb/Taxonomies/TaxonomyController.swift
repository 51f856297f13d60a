import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Vapor

/// The shipped technology taxonomies (`/taxonomies`, `/taxonomies/:id`): read-only
/// reference data, read once from the installation.
struct TaxonomyController: RouteCollection {
  /// Read on first use; a broken installation answers 500 with the loader's message.
  static let shipped = Result { () throws(InputError) -> [Taxonomy] in try KnowledgeBase.taxonomies() }
  static let crosswalk = Result { () throws(InputError) -> Crosswalk in try KnowledgeBase.crosswalk() }

  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("taxonomies", use: list)
    read.get("taxonomies", ":taxonomy", use: detail)
  }

  @Sendable
  func list(req: Request) async throws -> Response {
    TaxonomyPage.list(try Self.shipped.get()).response()
  }

  @Sendable
  func detail(req: Request) async throws -> Response {
    let all = try Self.shipped.get()
    let id = req.parameters.get("taxonomy") ?? ""
    guard let taxonomy = all.first(where: { $0.id == id }) else {
      throw AppError.notFound(
        tr(
          "no taxonomy '{id}'; the shipped ones are {known}",
          ["id": .text(TextLimits.preview(id)), "known": .text(all.map(\.id).joined(separator: ", "))]))
    }
    let snapshot = try await req.snapshot()
    return TaxonomyPage.detail(taxonomy, crosswalk: try Self.crosswalk.get()) {
      snapshot.domain($0).map(DomainText.name)
    }
    .response()
  }
}
