import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStemming

/// Searching domains, for the command line and the server alike: BM25 over each domain's
/// name, id, tags and summary (`DomainSearch`), Snowball's English stemmer and the shipped
/// synonyms. Built once per set of domains; searching is read-only and safe to share.
public struct DomainSearcher: Sendable {
  public let index: SearchIndex
  public let synonyms: SynonymTable

  /// An index of `domains`. Throws when the stemmer or the shipped synonyms are missing
  /// from the installation.
  public init(domains: [Domain]) throws {
    guard let stemmer = SnowballStemmer(algorithm: "english") else {
      throw InputError(
        InputIssue(message: "the Snowball stemmer (libstemmer) has no English algorithm in this installation"))
    }
    index = SearchIndex(domains.map(DomainSearch.document), analyzer: TextAnalyzer(stemmer: stemmer))
    synonyms = try KnowledgeBase.synonyms()
  }

  /// The domains matching `query`, best first. `asTyped` also matches the last word as the
  /// start of a word (the map's box filters as one types).
  public func search(_ query: String, asTyped: Bool = false, limit: Int? = nil) -> [SearchHit] {
    index.search(query, synonyms: synonyms, prefixLast: asTyped, limit: limit)
  }
}
