import Foundation

/// A text to search, in weighted fields (a name counts more than a summary).
public struct SearchDocument: Sendable, Hashable {
  public struct Field: Sendable, Hashable {
    public var text: String
    public var weight: Double

    public init(_ text: String, weight: Double = 1) {
      self.text = text
      self.weight = weight
    }
  }

  public var id: String
  public var fields: [Field]

  public init(id: String, fields: [Field]) {
    self.id = id
    self.fields = fields
  }
}

/// Words and phrases that mean the same (`AI`, `artificial intelligence`): a query that
/// holds one is matched as if it held any of them.
/// A query's concepts (its words, stems and synonyms, merged and counted), computed once.
public struct PreparedQuery: Sendable {
  let concepts: [SearchIndex.Concept]
}

public struct SynonymTable: Sendable, Hashable {
  /// Each group: phrases that mean the same, as written.
  public var groups: [[String]]

  public init(_ groups: [[String]] = []) { self.groups = groups }
}

/// One document found by a query: its BM25 score and the query's words that matched, as a
/// reader can check them against the document (`AI (artificial intelligence)` when a
/// synonym matched).
public struct SearchHit: Sendable, Hashable {
  public var id: String
  public var score: Double
  public var matchedTerms: [String]
  /// `true` when every word of the query (or a synonym of it) is in the document.
  public var matchesAll: Bool
}

/// Okapi BM25 over weighted fields, with stemming (`TextAnalyzer`), synonyms and, for
/// search-as-you-type, the query's last word as a prefix. Every number is reproducible by
/// hand: `score(d) = Σ_concepts qtf · max_alternatives Σ_stems idf(t) · tf·(k1+1) / (tf +
/// k1·(1 − b + b·|d|/avgdl))` with `idf(t) = ln(1 + (N − n_t + 0.5)/(n_t + 0.5))`, `tf` the
/// weighted count of the stem in the document, `|d|` its weighted length and `qtf` how often
/// the query holds the concept. See `docs/screening.md`.
public struct SearchIndex: Sendable {
  public let analyzer: TextAnalyzer
  public let k1: Double
  public let b: Double
  public let ids: [String]
  /// Stem → (document index, weighted term frequency), by document index.
  let postings: [String: [(doc: Int, tf: Double)]]
  let lengths: [Double]
  let averageLength: Double
  /// Every stem, sorted, for prefix search.
  let vocabulary: [String]
  /// Each stem's inverse document frequency, computed once.
  let idfs: [String: Double]

  public init(_ documents: [SearchDocument], analyzer: TextAnalyzer, k1: Double = 1.2, b: Double = 0.75) {
    self.analyzer = analyzer
    self.k1 = k1
    self.b = b
    ids = documents.map(\.id)
    var postings: [String: [(doc: Int, tf: Double)]] = [:]
    var lengths: [Double] = []
    for (index, document) in documents.enumerated() {
      var counts: [String: Double] = [:]
      var length = 0.0
      for field in document.fields where field.weight > 0 {
        for term in analyzer.terms(field.text) {
          counts[term.stem, default: 0] += field.weight
          length += field.weight
        }
      }
      lengths.append(length)
      for (stem, tf) in counts { postings[stem, default: []].append((index, tf)) }
    }
    self.postings = postings
    self.lengths = lengths
    averageLength = lengths.isEmpty ? 1 : max(lengths.reduce(0, +) / Double(lengths.count), 1e-9)
    vocabulary = postings.keys.sorted()
    let total = Double(documents.count)
    idfs = postings.mapValues { list in
      let n = Double(list.count)
      return log(1 + (total - n + 0.5) / (n + 0.5))
    }
  }

  /// Inverse document frequency of a stem (0 when no document holds it).
  public func idf(_ stem: String) -> Double { idfs[stem] ?? 0 }

  /// The BM25 weight of `stem` in document `doc` (0 when absent).
  func weight(_ stem: String, in doc: Int, tf: Double, idf: Double) -> Double {
    let norm = 1 - b + b * lengths[doc] / averageLength
    return idf * tf * (k1 + 1) / (tf + k1 * norm)
  }

  /// A word of the query and the ways it may be matched: its stem, or a synonym's stems
  /// (all of them, as a phrase), or — for the last word while typing — any stem it begins.
  struct Concept: Sendable {
    var label: String
    var alternatives: [[String]]
    /// How often the query holds it (a long text repeats its words): its score counts that
    /// many times, as BM25 sums a repeated query word.
    var count = 1
  }

  func concepts(_ query: String, synonyms: SynonymTable, prefixLast: Bool) -> [Concept] {
    let terms = analyzer.terms(query)
    guard !terms.isEmpty else { return [] }
    var concepts: [Concept?] = terms.map { Concept(label: $0.word, alternatives: [[$0.stem]]) }
    let stems = terms.map(\.stem)
    for group in synonyms.groups {
      let phrases = group.map { analyzer.terms($0).map(\.stem) }.filter { !$0.isEmpty }
      for (p, phrase) in phrases.enumerated() {
        var start = 0
        while start + phrase.count <= stems.count {
          guard Array(stems[start..<start + phrase.count]) == phrase, concepts[start] != nil else {
            start += 1
            continue
          }
          let words = terms[start..<start + phrase.count].map(\.word).joined(separator: " ")
          let others = phrases.enumerated().filter { $0.offset != p }.map(\.element)
          let named = group.enumerated().filter { $0.offset != p }.map { $0.element.lowercased() }
          concepts[start] = Concept(
            label: "\(words) (\(named.joined(separator: ", ")))", alternatives: [phrase] + others)
          for covered in start + 1..<start + phrase.count { concepts[covered] = nil }
          start += phrase.count
        }
      }
    }
    var out = concepts.compactMap { $0 }
    // Only a last word standing alone: a phrase (a synonym's) is complete as written.
    if prefixLast, let last = terms.last, last.word.count >= 3, let tail = out.last,
      tail.alternatives == [[last.stem]], var concept = out.popLast()
    {
      // The word being typed: any stem that begins with it (or with its stem), or a stem of
      // four letters or more that it already runs past (`gravitat` → `gravit`, the stem of
      // "gravitational").
      let begins = vocabulary.filter {
        $0.hasPrefix(last.word) || $0.hasPrefix(last.stem) || ($0.count >= 4 && last.word.hasPrefix($0))
      }.prefix(50)
      for stem in begins where !concept.alternatives.contains([stem]) { concept.alternatives.append([stem]) }
      out.append(concept)
    }
    // One concept per distinct meaning, counted.
    var merged: [Concept] = []
    var seen: [[[String]]: Int] = [:]
    for concept in out {
      if let i = seen[concept.alternatives] {
        merged[i].count += 1
      } else {
        seen[concept.alternatives] = merged.count
        merged.append(concept)
      }
    }
    return merged
  }

  /// The documents that match `query`, best first (ties by id); a document that matches no
  /// word is not listed. With `prefixLast`, the query's last word also matches the stems it
  /// begins (search as one types).
  public func search(
    _ query: String, synonyms: SynonymTable = SynonymTable(), prefixLast: Bool = false, limit: Int? = nil
  ) -> [SearchHit] {
    search(PreparedQuery(concepts: concepts(query, synonyms: synonyms, prefixLast: prefixLast)), limit: limit)
  }

  /// `query` analysed once, to search several indexes built with the same analyzer (screening
  /// searches one text in the domains, what they are about and the taxonomies).
  public func prepare(_ query: String, synonyms: SynonymTable = SynonymTable()) -> PreparedQuery {
    PreparedQuery(concepts: concepts(query, synonyms: synonyms, prefixLast: false))
  }

  /// The documents matching a prepared query, best first. The query must have been prepared
  /// by an index with the same analyzer.
  public func search(_ prepared: PreparedQuery, limit: Int? = nil) -> [SearchHit] {
    let concepts = prepared.concepts
    guard !concepts.isEmpty else { return [] }
    // Dense arrays by document rather than dictionaries: a 2,000-word proposal is hundreds
    // of concepts, each touching many documents (`bench search`, `bench screen`).
    var scores = [Double](repeating: 0, count: ids.count)
    var matched = [[Int]](repeating: [], count: ids.count)
    var best = [Double](repeating: 0, count: ids.count)
    var touched: [Int] = []
    for (c, concept) in concepts.enumerated() {
      touched.removeAll(keepingCapacity: true)
      func offer(_ doc: Int, _ value: Double) {
        if best[doc] == 0 { touched.append(doc) }
        if value > best[doc] { best[doc] = value }
      }
      for alternative in concept.alternatives {
        if alternative.count == 1 {
          let stem = alternative[0]
          let idf = idf(stem)
          for (doc, tf) in postings[stem] ?? [] { offer(doc, weight(stem, in: doc, tf: tf, idf: idf)) }
          continue
        }
        // A phrase alternative counts only where all its stems are present.
        var sums: [Int: Double] = [:]
        var counts: [Int: Int] = [:]
        for stem in alternative {
          let idf = idf(stem)
          for (doc, tf) in postings[stem] ?? [] {
            sums[doc, default: 0] += weight(stem, in: doc, tf: tf, idf: idf)
            counts[doc, default: 0] += 1
          }
        }
        for (doc, sum) in sums where counts[doc] == alternative.count && sum > 0 { offer(doc, sum) }
      }
      for doc in touched {
        scores[doc] += best[doc] * Double(concept.count)
        matched[doc].append(c)
        best[doc] = 0
      }
    }
    var hits: [SearchHit] = []
    for doc in ids.indices where !matched[doc].isEmpty {
      hits.append(
        SearchHit(
          id: ids[doc], score: scores[doc], matchedTerms: matched[doc].map { concepts[$0].label },
          matchesAll: matched[doc].count == concepts.count))
    }
    hits.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    if let limit { return Array(hits.prefix(limit)) }
    return hits
  }
}
