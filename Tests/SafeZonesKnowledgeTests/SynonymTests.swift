import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The synonyms file: the shipped groups load; a bad file is refused with line and key.
@Suite("Synonyms")
struct SynonymTests {
  @Test("the shipped groups load, each of two phrases or more")
  func shipped() throws {
    let table = try KnowledgeBase.synonyms()
    #expect(table.groups.contains(["AI", "artificial intelligence"]))
    #expect(table.groups.allSatisfy { $0.count >= 2 })
  }

  @Test("a group of one phrase, or an unknown field, is refused with its line and key")
  func refused() {
    #expect {
      try SynonymLoader.parse("synonyms:\n  - [AI, artificial intelligence]\n  - [lonely]\n", file: "s.yaml")
    } throws: { error in
      guard let issue = (error as? InputError)?.issues.first else { return false }
      return issue.key == "synonyms[1]" && issue.message.contains("two phrases")
    }
    #expect {
      try SynonymLoader.parse("synonym:\n  - [a, b]\n", file: "s.yaml")
    } throws: { error in
      (error as? InputError)?.issues.contains { $0.line == 1 && $0.key == "synonym" } == true
    }
  }
}
