import Foundation
import Testing

/// `safezones domains --search`: the searches a new user tried, on the real binary.
@Suite("safezones domains --search")
struct DomainsSearchTests {
  static func first(_ query: String) throws -> (id: String, matched: [String]) {
    let result = try run(["domains", "--search", query, "--format", "json"])
    expectSuccess(result)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["query"] as? String == query)
    let domains = try #require(object["domains"] as? [[String: Any]])
    let top = try #require(domains.first, "\(query) finds something")
    return (top["id"] as? String ?? "", top["matched_terms"] as? [String] ?? [])
  }

  @Test(
    "what a new user typed finds the domain they meant, first",
    arguments: [
      ("machine learning", "artificial-intelligence"), ("battery", "lithium-based-batteries"),
      ("AI", "artificial-intelligence"), ("lithium-ion batteries", "lithium-based-batteries"),
      ("solar cells", "solar-photovoltaics"), ("gravitational waves", "gravitational-waves"),
    ])
  func finds(query: String, id: String) throws {
    #expect(try Self.first(query).id == id)
  }

  @Test("'AI' matches as the abbreviation it is, not as letters inside other words")
  func abbreviation() throws {
    let result = try run(["domains", "--search", "AI", "--format", "json"])
    expectSuccess(result)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let domains = try #require(object["domains"] as? [[String: Any]])
    let ids = domains.compactMap { $0["id"] as? String }
    #expect(ids.first == "artificial-intelligence")
    // Every domain found is found for the abbreviation itself (a keyword or a word of its
    // text), never for the letters inside "aerospace", "air" or "solar".
    for d in domains { #expect(d["matched_terms"] as? [String] == ["ai (artificial intelligence)"], "\(d)") }
    for other in ["aerospace", "direct-air-capture", "solar-photovoltaics", "wind-energy"] {
      #expect(!ids.contains(other), "\(other)")
    }
    #expect(try Self.first("AI").matched == ["ai (artificial intelligence)"])
  }

  @Test("the table names the score and the words that matched; no match says so")
  func tableAndNothing() throws {
    let table = try run(["domains", "--search", "battery"])
    expectSuccess(table)
    #expect(
      table.stdout.split(separator: "\n").first?.split(separator: " ", omittingEmptySubsequences: true) == [
        "id", "name", "score", "matched", "quadrant",
      ])
    let none = try run(["domains", "--search", "xyzzy plugh"])
    expectSuccess(none)
    #expect(none.stdout == "no domain matches 'xyzzy plugh' (searched names, ids, tags and summaries)\n")
    expectInputError(try run(["domains", "--search", "  "]))
  }
}
