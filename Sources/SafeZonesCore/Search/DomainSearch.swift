import Foundation

/// What of a domain searching reads, and how much each part counts: its name most, then
/// the words of its id, its keywords and its tags, then its summary. The map's search box,
/// `safezones domains --search` and screening all search domains through this document.
public enum DomainSearch {
  public static let nameWeight = 3.0
  public static let idWeight = 2.0
  public static let tagWeight = 1.5
  public static let keywordWeight = 2.0
  public static let summaryWeight = 1.0

  /// The current assessment's rationales, for screening: the field's own vocabulary
  /// (what the work is, who leads it, what it is used for), weighed least.
  public static let rationaleWeight = 0.3

  /// The document of `domain`. With `rationales` (screening long texts), the current
  /// assessment's rationales count too; the map's search box leaves them out, so that a
  /// word typed there finds the domains that are about it, not those that mention it.
  public static func document(_ domain: Domain, rationales: Bool = false, summary: Bool = true) -> SearchDocument {
    var fields: [SearchDocument.Field] = [
      .init(domain.name, weight: nameWeight),
      .init(domain.id.replacingOccurrences(of: "-", with: " "), weight: idWeight),
      .init(domain.tags.joined(separator: " ").replacingOccurrences(of: "-", with: " "), weight: tagWeight),
      // Keywords are separate phrases: the full stop keeps a phrase from running into the next.
      .init(domain.keywords.joined(separator: ". "), weight: keywordWeight),
    ]
    if summary { fields.append(.init(domain.summary ?? "", weight: summaryWeight)) }
    if rationales, let current = domain.current {
      let text = CriterionID.allCases.compactMap { current.scores[$0]?.rationale }.joined(separator: "\n")
      fields.append(.init(text, weight: rationaleWeight))
    }
    return SearchDocument(id: domain.id, fields: fields)
  }
}

/// What of a taxonomy entry screening reads: its name most, then its keywords, its summary
/// and its subfields with their keywords. Ids are `TAXONOMY/ENTRY`.
public enum TaxonomySearch {
  public static func id(_ taxonomy: Taxonomy, _ entry: TaxonomyEntry) -> String { "\(taxonomy.id)/\(entry.id)" }

  public static func document(_ taxonomy: Taxonomy, _ entry: TaxonomyEntry) -> SearchDocument {
    SearchDocument(
      id: id(taxonomy, entry),
      fields: [
        .init(entry.name, weight: 3), .init(entry.keywords.joined(separator: ". "), weight: 2), .init(entry.summary),
        .init(
          entry.subfields.map { "\($0.name). \($0.keywords.joined(separator: ". "))" }.joined(separator: ". ")),
      ])
  }
}

/// The answer to a domain search, as `safezones domains --search --format json` writes it.
public struct DomainSearchListing: Sendable, Hashable, Codable {
  public struct Entry: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var score: Double
    public var matchedTerms: [String]
    public var quadrant: Quadrant

    enum CodingKeys: String, CodingKey {
      case id, name, score, quadrant
      case matchedTerms = "matched_terms"
    }
  }

  public var query: String
  /// Best match first.
  public var domains: [Entry]

  /// The hits that are among `placed` (in the hits' order), scores rounded to 4 digits.
  public init(query: String, hits: [SearchHit], placed: [PlacedDomain]) {
    self.query = query
    let byID = Dictionary(placed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    domains = hits.compactMap { hit in
      byID[hit.id].map {
        Entry(
          id: $0.id, name: $0.name, score: Format.rounded(hit.score, digits: 4), matchedTerms: hit.matchedTerms,
          quadrant: $0.quadrant)
      }
    }
  }
}
