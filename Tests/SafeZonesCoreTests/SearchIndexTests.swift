import Foundation
import Testing

@testable import SafeZonesCore

/// BM25 with known answers on a corpus small enough to compute by hand, synonyms, phrases,
/// search as one types, and abstention. A toy stemmer (strip a final "s") keeps the numbers
/// independent of Snowball, which has its own tests.
@Suite("Search index (BM25)")
struct SearchIndexTests {
  struct StripS: Stemmer {
    func stem(_ word: String) -> String { word.hasSuffix("s") ? String(word.dropLast()) : word }
  }

  static let analyzer = TextAnalyzer(stemmer: StripS())
  // d1 "quantum physics" (2 terms), d2 "quantum encryption keys" (3), d3 "wind turbines" (2);
  // avgdl = 7/3.
  static let index = SearchIndex(
    [
      SearchDocument(id: "d1", fields: [.init("Quantum physics")]),
      SearchDocument(id: "d2", fields: [.init("Quantum encryption keys")]),
      SearchDocument(id: "d3", fields: [.init("Wind turbines")]),
    ], analyzer: analyzer)

  static func bm25(tf: Double, length: Double, n: Double, total: Double = 3, avgdl: Double = 7.0 / 3) -> Double {
    let idf = log(1 + (total - n + 0.5) / (n + 0.5))
    return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / avgdl))
  }

  @Test("scores are the BM25 formula, computed by hand")
  func knownAnswer() throws {
    let hits = Self.index.search("quantum encryption")
    #expect(hits.map(\.id) == ["d2", "d1"])
    let d2 = Self.bm25(tf: 1, length: 3, n: 2) + Self.bm25(tf: 1, length: 3, n: 1)
    let d1 = Self.bm25(tf: 1, length: 2, n: 2)
    #expect(abs(hits[0].score - d2) < 1e-12)
    #expect(abs(hits[1].score - d1) < 1e-12)
    #expect(hits[0].matchedTerms == ["quantum", "encryption"] && hits[0].matchesAll)
    #expect(hits[1].matchedTerms == ["quantum"] && !hits[1].matchesAll)
    #expect(abs(Self.index.idf("quantum") - log(1 + 1.5 / 2.5)) < 1e-12)
  }

  @Test("field weights count as repeated words")
  func weights() {
    let index = SearchIndex(
      [
        SearchDocument(id: "named", fields: [.init("battery", weight: 3), .init("storage")]),
        SearchDocument(id: "mentioned", fields: [.init("grid"), .init("battery storage")]),
      ], analyzer: Self.analyzer)
    #expect(index.search("battery").map(\.id) == ["named", "mentioned"])
  }

  @Test("stems match a word's forms; stop words and punctuation are ignored; accents fold")
  func analysis() {
    #expect(Self.index.search("the TURBINE!").map(\.id) == ["d3"])
    #expect(Self.analyzer.terms("Énergie, of the KEYS").map(\.stem) == ["energie", "key"])
    #expect(TextAnalyzer.words("AI/ML—5G") == ["ai", "ml", "5g"])
  }

  @Test("a synonym stands for its phrase, and the phrase matches only whole")
  func synonyms() {
    let table = SynonymTable([["QKD", "quantum key distribution"], ["wind power", "wind turbines"]])
    let index = SearchIndex(
      [
        SearchDocument(id: "qkd", fields: [.init("Quantum key distribution networks")]),
        SearchDocument(id: "keys", fields: [.init("Key management")]),
      ], analyzer: Self.analyzer)
    let hits = index.search("QKD", synonyms: table)
    #expect(hits.map(\.id) == ["qkd"])
    #expect(hits[0].matchedTerms == ["qkd (quantum key distribution)"])
    #expect(Self.index.search("wind power", synonyms: table).map(\.id) == ["d3"])
  }

  @Test("as one types, the last word also matches the words it begins")
  func prefix() {
    #expect(Self.index.search("quan").isEmpty)
    #expect(Self.index.search("quan", prefixLast: true).map(\.id).sorted() == ["d1", "d2"])
    #expect(Self.index.search("turb", prefixLast: true).map(\.id) == ["d3"])
    // Typed past the stem ("turbines" is stemmed "turbine"): still found.
    #expect(Self.index.search("turbinesq", prefixLast: true).map(\.id) == ["d3"])
    // A synonym phrase at the end is complete as written: its last word is not a prefix.
    let table = SynonymTable([["solar cells", "photovoltaics"]])
    let index = SearchIndex(
      [
        SearchDocument(id: "pv", fields: [.init("Photovoltaics")]),
        SearchDocument(id: "bio", fields: [.init("Cells and genomes")]),
      ], analyzer: Self.analyzer)
    #expect(index.search("solar cells", synonyms: table, prefixLast: true).map(\.id) == ["pv"])
  }

  @Test("nothing found is said as nothing: no guess")
  func abstains() {
    #expect(Self.index.search("xyzzy").isEmpty)
    #expect(Self.index.search("the of and").isEmpty)
    #expect(Self.index.search("").isEmpty)
  }

  @Test("a repeated query word counts again; ties break by id")
  func repeatsAndTies() {
    let once = Self.index.search("quantum")
    let twice = Self.index.search("quantum quantum")
    #expect(abs(twice[0].score - 2 * once[0].score) < 1e-12)
    #expect(twice[0].matchedTerms == ["quantum"])
    let tie = SearchIndex(
      [SearchDocument(id: "b", fields: [.init("xx yy")]), SearchDocument(id: "a", fields: [.init("xx yy")])],
      analyzer: Self.analyzer)
    #expect(tie.search("xx").map(\.id) == ["a", "b"])
  }
}
