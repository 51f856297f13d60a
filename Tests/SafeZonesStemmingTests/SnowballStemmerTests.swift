import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStemming

/// Snowball's English (Porter2) stemmer through its C library: known stems from the
/// algorithm's published examples, and safe use from many threads.
@Suite("Snowball stemmer")
struct SnowballStemmerTests {
  @Test(
    "English stems as Porter2 gives them",
    arguments: [
      ("batteries", "batteri"), ("battery", "batteri"), ("learning", "learn"), ("learned", "learn"),
      ("generously", "generous"), ("running", "run"), ("quantum", "quantum"), ("semiconductors", "semiconductor"),
      ("capture", "captur"), ("captured", "captur"), ("intelligence", "intellig"),
    ])
  func stems(word: String, stem: String) throws {
    let stemmer = try #require(SnowballStemmer(algorithm: "english"))
    #expect(stemmer.stem(word) == stem)
  }

  @Test("the library lists its algorithms; an unknown one is refused")
  func algorithms() {
    #expect(SnowballStemmer.algorithms.contains("english"))
    #expect(SnowballStemmer(algorithm: "no-such-language") == nil)
  }

  @Test("one stemmer shared by many threads gives the same stems as one thread")
  func concurrent() async throws {
    let stemmer = try #require(SnowballStemmer())
    let words = ["batteries", "learning", "running", "captured", "generously", "intelligence"]
    let expected = words.map(stemmer.stem)
    let results = await withTaskGroup(of: [String].self) { group in
      for _ in 0..<16 { group.addTask { (0..<200).flatMap { _ in words.map(stemmer.stem) } } }
      var all: [[String]] = []
      for await r in group { all.append(r) }
      return all
    }
    for r in results { #expect(r == Array((0..<200).flatMap { _ in expected })) }
  }
}
