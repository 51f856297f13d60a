import Foundation

/// Reduces a word to its stem (`batteries` → `batteri`, `learning` → `learn`), so that a
/// search finds the forms of a word. The implementation is Snowball's, from its C library
/// (`SafeZonesStemming.SnowballStemmer`); the core sees only this protocol.
public protocol Stemmer: Sendable {
  func stem(_ word: String) -> String
}

/// One word of a text as searching sees it: the stem it is matched by, and the word as
/// written (lower-cased), to show a reader which words matched.
public struct SearchTerm: Sendable, Hashable {
  public var stem: String
  public var word: String

  public init(stem: String, word: String) {
    self.stem = stem
    self.word = word
  }
}

/// Turns text into search terms: lower case, accents folded, split at anything that is not
/// a letter or digit, English stop words dropped, every other word stemmed. Short
/// abbreviations (`AI`, `5G`) are kept whole. The same analysis serves documents and
/// queries, so a word matches its own forms and nothing else.
public struct TextAnalyzer: Sendable {
  public let stemmer: any Stemmer
  public let stopWords: Set<String>

  public init(stemmer: any Stemmer, stopWords: Set<String> = TextAnalyzer.englishStopWords) {
    self.stemmer = stemmer
    self.stopWords = stopWords
  }

  /// The words of `text`, lower-cased and folded, in order (stop words included).
  public static func words(_ text: String) -> [String] {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    var out: [String] = []
    var current = ""
    for scalar in folded.unicodeScalars {
      if CharacterSet.alphanumerics.contains(scalar) {
        current.unicodeScalars.append(scalar)
      } else if !current.isEmpty {
        out.append(current)
        current = ""
      }
    }
    if !current.isEmpty { out.append(current) }
    return out
  }

  /// The search terms of `text`, in order.
  public func terms(_ text: String) -> [SearchTerm] {
    Self.words(text).compactMap { word in
      // Single letters (the "s" of "partner's") say nothing.
      guard word.count > 1 || word.contains(where: \.isNumber), !stopWords.contains(word) else { return nil }
      // Three letters or fewer, or with digits: an abbreviation or a code, kept as written.
      if word.count <= 3 || word.contains(where: \.isNumber) { return SearchTerm(stem: word, word: word) }
      return SearchTerm(stem: stemmer.stem(word), word: word)
    }
  }

  /// The stop words of search and screening: English ones and the words every research text
  /// uses (`result`, `study`, `develop` …), which would otherwise tie a proposal to whichever
  /// domain happens to mention them.
  public static let searchStopWords: Set<String> = englishStopWords.union([
    "result", "results", "use", "used", "uses", "using", "new", "based", "study", "studies", "research",
    "researchers", "work", "works", "approach", "approaches", "method", "methods", "develop", "developed",
    "developing", "development", "project", "projects", "aim", "aims", "including", "across", "among", "via",
    "whether", "well", "one", "two", "three",
    // Words every kind of proposal uses about how it works, not what it is about (seen
    // placing a palaeography, a linguistics and an urban-studies proposal on the map).
    "open", "openly", "share", "shared", "sharing", "publish", "published", "publishing", "publication",
    "publications", "community", "communities", "change", "changes", "changing", "system", "systems", "access",
    "low", "high", "produce", "produced", "producing", "record", "recorded", "records", "recording", "compare",
    "comparing", "comparison", "exchange", "exchanges", "improve", "improving", "provide",
  ])

  /// Words too common to tell documents apart (a short English list; domain words such as
  /// "research" are left in, and weighed down by BM25's inverse document frequency instead).
  public static let englishStopWords: Set<String> = [
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
    "does", "doing", "down", "during", "each", "etc", "few", "for", "from", "further", "had", "has", "have", "having",
    "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
    "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "of", "off", "on", "once", "only",
    "or", "other", "our", "ours", "out", "over", "own", "same", "shall", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
    "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "within", "without", "would", "you", "your", "yours",
  ]
}
