import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The taxonomy pages through the real app: each list with its source, and one list's
  /// areas and subfields.
  @Suite("taxonomy pages")
  struct TaxonomyPagesTests {
    @Test("/taxonomies names each shipped list with its publisher, title, date and version")
    func list() async throws {
      try await PagesKit.withFixture { app in
        let res = try await PagesKit.get(app, "/taxonomies")
        #expect(res.status == .ok)
        let html = res.body.string
        for t in try KnowledgeBase.taxonomies() {
          #expect(PagesKit.tags(html, "section", having: ["data-taxonomy": t.id]).count == 1)
          let source = try #require(PagesKit.text(html, id: "source-\(t.id)"))
          for part in [t.publisher, t.title, t.date.description, t.version] {
            #expect(source.contains(part), "\(t.id): \(part)")
          }
          #expect(PagesKit.tags(html, "a", having: ["href": "/taxonomies/\(t.id)"]).count >= 1)
        }
        #expect(PagesKit.tags(html, "a", having: ["href": "/taxonomies"]).count >= 1, "the footer links it")
      }
    }

    @Test("one list shows every area with its subfields and keywords; an unknown one is 404")
    func detail() async throws {
      try await PagesKit.withFixture { app in
        let us = try #require(try KnowledgeBase.taxonomy(id: "us-cet-2024"))
        let html = try await PagesKit.get(app, "/taxonomies/us-cet-2024").body.string
        #expect(PagesKit.tags(html, "section").compactMap { $0["data-area"] } == us.entries.map(\.id))
        #expect(
          PagesKit.tags(html, "li").compactMap { $0["data-subfield"] }
            == us.entries.flatMap { $0.subfields.map(\.id) })
        #expect(html.contains(us.entries[0].keywords[0]))
        let missing = try await PagesKit.get(app, "/taxonomies/no-such-list")
        #expect(missing.status == .notFound)
        #expect(missing.body.string.contains("us-cet-2024"))
      }
    }
  }
}
