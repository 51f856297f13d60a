import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The knowledge base's own text in other languages (`knowledge-base-l10n/<tag>/*.yaml`):
/// every shipped domain's name and summary translated, every id real, and a translation
/// only ever shown for the English it was made from.
@Suite("Domain translations")
struct DomainTranslationTests {
  @Test("every shipped domain has a Chinese name and summary, none left in English")
  func complete() throws {
    let domains = try KnowledgeBase.allDomains()
    let table = try KnowledgeBase.domainTranslations(.simplifiedChinese)
    var seen: Set<String> = []
    for d in domains where seen.insert(d.id).inserted {
      let t = try #require(table[d.id], "\(d.id) has no translation")
      let name = try #require(t.name(for: d), "\(d.id) has no name")
      #expect(name != d.name && name.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(d.id)")
      if d.summary != nil {
        let summary = try #require(t.summary(for: d), "\(d.id) has no summary")
        #expect(summary.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(d.id)")
      }
    }
    #expect(seen.count >= 130)
    #expect(try KnowledgeBase.domainTranslations(.english).isEmpty)
  }

  @Test("a translation applies only to the English it translates: a renamed domain shows its own name")
  func stale() throws {
    let d = try #require(try KnowledgeBase.allDomains().first)
    let t = try #require(try KnowledgeBase.domainTranslations(.simplifiedChinese)[d.id])
    var renamed = d
    renamed.name = "Renamed by a user"
    #expect(t.name(for: d) != nil)
    #expect(t.name(for: renamed) == nil)
  }

  @Test("an unknown id, a blank text, a wrong language and a domain given twice are refused with file and line")
  func refused() throws {
    let domains = try KnowledgeBase.allDomains()
    let id = try #require(domains.first?.id)
    func load(_ files: [(String, String)]) throws(InputError) {
      _ = try DomainTranslationsLoader.load(files: files, domains: domains)
    }
    let good = "language: zh-Hans\ndomains:\n  \(id):\n    name: \"名\"\n"
    try load([("knowledge-base-l10n/zh-Hans/a.yaml", good)])
    let cases: [(String, String, String)] = [
      ("language: zh-Hans\ndomains:\n  no-such-domain:\n    name: \"名\"\n", "no-such-domain", "a.yaml:4"),
      ("language: zh-Hans\ndomains:\n  \(id):\n    name: \" \"\n", "empty", "a.yaml:4"),
      ("language: zh-Hans\ndomains:\n  \(id):\n    title: \"名\"\n", "title", "a.yaml:4"),
      ("language: fr\ndomains:\n  \(id):\n    name: \"名\"\n", "unknown language 'fr'", "a.yaml:1"),
      ("language: en\ndomains:\n  \(id):\n    name: \"名\"\n", "unknown language 'en'", "a.yaml:1"),
    ]
    for (text, needle, line) in cases {
      do {
        try load([("knowledge-base-l10n/zh-Hans/a.yaml", text)])
        Issue.record("accepted: \(text)")
      } catch {
        #expect(error.description.contains(needle), "\(error.description)")
        #expect(error.description.contains(line), "\(error.description)")
      }
    }
    do {
      try load([("knowledge-base-l10n/zh-Hans/a.yaml", good), ("knowledge-base-l10n/zh-Hans/b.yaml", good)])
      Issue.record("a domain translated twice was accepted")
    } catch {
      #expect(error.description.contains("b.yaml") && error.description.contains("a.yaml"), "\(error.description)")
    }
  }
}
