import Foundation
import SafeZonesCore
import Vapor

/// A domain's page: its placement explained, its history, links, change and uncertainty.
struct DomainController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let read = routes.access(.permission(.read))
    read.get("domains") { _ in Response(status: .seeOther, headers: ["Location": SiteURL.map]) }
    read.get("domains", ":id", use: domain)
  }

  /// The shipped crosswalk's links of `id` (none when the installation has no crosswalk).
  static func crosswalk(_ id: String) -> [DomainPageModel.CrosswalkEntry] {
    guard let taxonomies = try? TaxonomyController.shipped.get(), let walk = try? TaxonomyController.crosswalk.get()
    else { return [] }
    return walk.links(domain: id, taxonomyOrder: taxonomies.map(\.id)).compactMap { link in
      guard let t = taxonomies.first(where: { $0.id == link.taxonomy }), let area = t.area(id: link.entry) else {
        return nil
      }
      return DomainPageModel.CrosswalkEntry(taxonomy: t, entry: area.entry, subfield: area.subfield, link: link)
    }
  }

  @Sendable
  func domain(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let domain = try req.pathDomain(in: snapshot)
    let fields = req.queryFields
    let versions = domain.assessments.count
    guard versions > 0 else {
      throw AppError.notFound(tr("domain '{domain}' has no assessment", ["domain": .text(domain.id)]))
    }
    let currentIndex = versions - 1
    var index = currentIndex
    if let text = fields["version"] {
      guard let n = Int(text) else {
        throw AppError.badRequest(
          tr("version must be a whole number, got '{text}'", ["text": .text(TextLimits.preview(text))]),
          field: "version")
      }
      guard let found = domain.index(ofVersion: n) else {
        throw AppError.notFound(
          tr(
            "'{domain}' has no version {version}; it has {count} (1–{count})",
            ["domain": .text(domain.id), "version": .text(String(n)), "count": .text(String(versions))]))
      }
      index = found
    }
    let assessment = domain.assessments[index]
    let placed =
      index == currentIndex
      ? (snapshot.placedDomain(domain.id) ?? PlacedDomain(domain: domain, rubric: snapshot.rubric))
      : PlacedDomain(domain: domain, assessment: assessment, rubric: snapshot.rubric)
    let diffs = AssessmentDiff.history(of: domain, rubric: snapshot.rubric)
    let history = domain.assessments.indices.reversed().map { i in
      DomainPageModel.HistoryEntry(
        version: domain.version(at: i), previousVersion: i > 0 ? domain.version(at: i - 1) : nil,
        assessment: domain.assessments[i], diff: diffs[i], backDated: domain.isBackDated(at: i))
    }
    let links = domain.links.map {
      DomainPageModel.LinkEntry(id: $0.target, name: snapshot.domain($0.target).map(DomainText.name), link: $0)
    }
    let linkedFrom = snapshot.domains.flatMap { other in
      other.links.filter { $0.target == domain.id }.map {
        DomainPageModel.LinkEntry(id: other.id, name: DomainText.name(other), link: $0)
      }
    }
    var model = DomainPageModel(
      domain: domain, rubric: snapshot.rubric, version: domain.version(at: index), versions: versions,
      currentVersion: domain.version(at: currentIndex), assessment: assessment,
      placed: placed,
      history: history, links: links, linkedFrom: linkedFrom, savedVersion: fields["saved"].flatMap { Int($0) },
      change: DomainChangeModel.make(domain, domains: snapshot.domains, rubric: snapshot.rubric),
      uncertainty: await req.catalog.uncertainty(for: domain.id, in: snapshot))
    model.canAssess = req.may(.assess)
    model.pairs = try await req.catalog.assessedPairs(of: domain.id)
    model.crosswalk = Self.crosswalk(domain.id)
    // Which stored supply networks depend on the domain: sensitive, so signed-in readers only.
    if req.principal != nil {
      model.supplyChains = try await req.catalog.repository.stressRuns.depending(on: domain.id, limit: 20)
    }
    return DomainPage.page(model).response()
  }
}
