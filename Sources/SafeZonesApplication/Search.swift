import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStemming

/// What every search and screening shares: Snowball's English stemmer with the search stop
/// words, and the shipped synonyms — built in this one place, so that the map's box, the
/// command line, screening and `bench search` all analyse text the same way.
public struct ShippedSearch: Sendable {
  public let analyzer: TextAnalyzer
  public let synonyms: SynonymTable

  /// Throws when the stemmer or the shipped synonyms are missing from the installation.
  public init() throws {
    guard let stemmer = SnowballStemmer(algorithm: "english") else {
      throw InputError(
        InputIssue(message: tr("the Snowball stemmer (libstemmer) has no English algorithm in this installation")))
    }
    analyzer = TextAnalyzer(stemmer: stemmer, stopWords: TextAnalyzer.searchStopWords)
    synonyms = try KnowledgeBase.synonyms()
  }
}

/// Searching domains, for the command line and the server alike: BM25 over each domain's
/// name, id, tags and summary (`DomainSearch`), Snowball's English stemmer and the shipped
/// synonyms. Built once per set of domains; searching is read-only and safe to share.
public struct DomainSearcher: Sendable {
  public let index: SearchIndex
  public let synonyms: SynonymTable

  /// An index of `domains`. Throws when the stemmer or the shipped synonyms are missing
  /// from the installation.
  public init(domains: [Domain]) throws {
    let shipped = try ShippedSearch()
    index = SearchIndex(domains.map { DomainSearch.document($0) }, analyzer: shipped.analyzer)
    synonyms = shipped.synonyms
  }

  /// The domains matching `query`, best first. `asTyped` also matches the last word as the
  /// start of a word (the map's box filters as one types).
  public func search(_ query: String, asTyped: Bool = false, limit: Int? = nil) -> [SearchHit] {
    index.search(query, synonyms: synonyms, prefixLast: asTyped, limit: limit)
  }
}

/// Screening proposals: the domain index (`DomainSearcher`'s documents) and an index of the
/// shipped taxonomies' entries (name, keywords, summary, subfields), searched with the same
/// stemmer and synonyms; `Screener` in Core applies the rules.
public struct ProposalScreener: Sendable {
  public let domainIndex: SearchIndex
  public let aboutIndex: SearchIndex
  public let categoryIndex: SearchIndex
  public let categoryNames: [String: String]
  public let synonyms: SynonymTable
  public let placed: [String: PlacedDomain]
  public let rubric: Rubric

  public init(placed: [PlacedDomain], rubric: Rubric, taxonomies: [Taxonomy]) throws {
    let shipped = try ShippedSearch()
    let analyzer = shipped.analyzer
    domainIndex = SearchIndex(placed.map { DomainSearch.document($0.domain, rationales: true) }, analyzer: analyzer)
    // What a domain is about: its name, id, tags and keywords — and its summary when it has no
    // keywords (a domain added without them). A text must find two of its words there (or a
    // phrase) before the domain can match at all: ordinary words shared with a summary or a
    // rationale placed palaeography and linguistics proposals on the map.
    aboutIndex = SearchIndex(
      placed.map { DomainSearch.document($0.domain, summary: $0.domain.keywords.isEmpty) }, analyzer: analyzer)
    let entries = taxonomies.flatMap { t in t.entries.map { (t, $0) } }
    categoryIndex = SearchIndex(entries.map { TaxonomySearch.document($0, $1) }, analyzer: analyzer)
    categoryNames = Dictionary(
      entries.map { (TaxonomySearch.id($0, $1), $1.name) }, uniquingKeysWith: { a, _ in a })
    synonyms = shipped.synonyms
    self.placed = Dictionary(placed.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    self.rubric = rubric
  }

  public func screen(_ proposal: Proposal) -> ProposalScreening {
    Screener.screen(
      proposal, placed: placed, domainIndex: domainIndex, aboutIndex: aboutIndex, categoryIndex: categoryIndex,
      categoryNames: categoryNames,
      synonyms: synonyms, rubric: rubric)
  }
}
