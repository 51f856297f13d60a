import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The shipped crosswalk and the knowledge base's breadth: every area of every shipped
/// taxonomy is reached by a domain, every link names real ids, every domain has keywords.
@Suite("shipped crosswalk")
struct CrosswalkKnowledgeTests {
  @Test("the crosswalk loads and names only shipped domains, taxonomies and areas")
  func loads() throws {
    let walk = try KnowledgeBase.crosswalk()
    let ids = Set(try KnowledgeBase.domains().map(\.id))
    #expect(walk.validate(taxonomies: try KnowledgeBase.taxonomies(), domainIDs: ids).isEmpty)
    #expect(walk.links.allSatisfy { !$0.rationale.trimmingCharacters(in: .whitespaces).isEmpty })
  }

  @Test("every entry and subfield of every shipped taxonomy is reached by at least one domain")
  func everyAreaReached() throws {
    let unreached = try KnowledgeBase.crosswalk().unreached(in: try KnowledgeBase.taxonomies())
    #expect(unreached.isEmpty, "unreached: \(unreached.joined(separator: ", "))")
  }

  @Test("every domain outside basic science is on at least one list")
  func applicationsAreOnLists() throws {
    let walk = try KnowledgeBase.crosswalk()
    let linked = Set(walk.links.map(\.domain))
    let basic: Set = ["particle-physics", "radio-astronomy", "gravitational-waves", "neutrino-physics"]
    let missing = try KnowledgeBase.domains().map(\.id).filter { !linked.contains($0) && !basic.contains($0) }
    #expect(missing.isEmpty, "no crosswalk link: \(missing)")
  }

  @Test("the knowledge base is broad enough for real proposals: 120 domains or more, each with keywords")
  func breadth() throws {
    let domains = try KnowledgeBase.domains()
    #expect(domains.count >= 120)
    let bare = domains.filter { $0.keywords.isEmpty }.map(\.id)
    #expect(bare.isEmpty, "no keywords: \(bare)")
    #expect(Set(domains.map(\.id)).count == domains.count)
  }

  @Test("a mistake in a crosswalk file is reported with its line and key")
  func locatedErrors() {
    let text = """
      crosswalk:
        - domain: semiconductors
          entries:
            - {taxonomy: us-cet-2024, entry: beyond-cmos, strength: strong, rationale: "x"}
            - {taxonomy: us-cet-2024, entry: beyond-cmos, rationale: "x"}
      """
    #expect {
      _ = try CrosswalkLoader.parse(text, file: "c.yaml")
    } throws: { error in
      guard let e = error as? InputError else { return false }
      let d = e.issues.map(\.description).joined(separator: "\n")
      return e.issues.count == 2 && d.contains("c.yaml:4:") && d.contains("unknown strength 'strong'")
        && d.contains("crosswalk[0].entries[1]") && d.contains("strength")
    }
  }

  @Test("a link to a domain of another file is allowed; to no shipped domain it is refused, naming the file")
  func linksAcrossFiles() throws {
    let domains = try KnowledgeBase.domains()
    let ids = Set(domains.map(\.id))
    for d in domains { for link in d.links { #expect(ids.contains(link.target), "\(d.id) → \(link.target)") } }
  }
}
