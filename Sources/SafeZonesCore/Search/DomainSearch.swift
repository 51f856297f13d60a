import Foundation

/// What of a domain searching reads, and how much each part counts: its name most, then
/// the words of its id and its tags, then its summary. The map's search box,
/// `safezones domains --search` and screening all search domains through this document.
public enum DomainSearch {
  public static let nameWeight = 3.0
  public static let idWeight = 2.0
  public static let tagWeight = 1.5
  public static let summaryWeight = 1.0

  public static func document(_ domain: Domain) -> SearchDocument {
    SearchDocument(
      id: domain.id,
      fields: [
        .init(domain.name, weight: nameWeight),
        .init(domain.id.replacingOccurrences(of: "-", with: " "), weight: idWeight),
        .init(domain.tags.joined(separator: " ").replacingOccurrences(of: "-", with: " "), weight: tagWeight),
        .init(domain.summary ?? "", weight: summaryWeight),
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
