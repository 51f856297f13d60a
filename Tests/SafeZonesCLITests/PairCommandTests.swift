import Foundation
import Testing

/// `--pair` on the real binary, `safezones pairs` and `safezones compare`.
@Suite("country pairs on the command line")
struct PairCommandTests {
  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func quadrant(of id: String, in text: String) throws -> String? {
    let object = try json(text)
    let domains = try #require(object["domains"] as? [[String: Any]])
    return domains.first { $0["id"] as? String == id }?["quadrant"] as? String
  }

  @Test("--pair EU-CN places the EU-CN judgements, and leaves the US-CN map as it was")
  func pairPlacesItsOwn() throws {
    let us = try run(["domains", "--format", "json"])
    expectSuccess(us)
    let eu = try run(["domains", "--format", "json", "--pair", "EU-CN"])
    expectSuccess(eu)
    #expect(try Self.quadrant(of: "aerospace", in: us.stdout) == "monitor")
    #expect(try Self.quadrant(of: "aerospace", in: eu.stdout) == "traditional")
    // Domains with no EU-CN judgement are left out and named on standard error.
    #expect(try Self.quadrant(of: "high-performance-computing", in: eu.stdout) == nil)
    #expect(eu.stderr.contains("not assessed for EU-CN"))
    let explicit = try run(["domains", "--format", "json", "--pair", "us-cn"])
    #expect(explicit.stdout == us.stdout)
  }

  @Test(
    "an unknown pair is refused with the known ones, exit status 2",
    arguments: [
      ["map", "--pair", "US-XX"], ["explain", "wind-energy", "--pair", "FR-CN"], ["compare", "--pairs", "US-CN,ZZ-CN"],
    ])
  func unknownPair(_ args: [String]) throws {
    let result = try run(args)
    #expect(result.status != 0)
    #expect(result.stderr.contains("known pairs: US-CN, EU-CN"))
    #expect(result.stdout.isEmpty)
  }

  @Test("explain names the pairs a domain is assessed for when the chosen pair has none")
  func explainElsewhere() throws {
    let result = try run(["explain", "high-performance-computing", "--pair", "EU-CN"])
    #expect(result.status != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("has no assessment for EU-CN (it is assessed for US-CN)"))
    let placed = try run(["explain", "wind-energy", "--pair", "EU-CN", "--format", "json"])
    expectSuccess(placed)
    #expect(placed.stdout.contains("EU"))
  }

  @Test("pairs lists the rubric's pairs with how many shipped domains each has assessed")
  func pairs() throws {
    let result = try run(["pairs", "--format", "json"])
    expectSuccess(result)
    let object = try Self.json(result.stdout)
    #expect(object["default_pair"] as? String == "US-CN")
    let list = try #require(object["pairs"] as? [[String: Any]])
    let counts = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as! String, $0["assessed_domains"] as! Int) })
    #expect(counts["US-CN"] == object["domains"] as? Int)
    #expect((counts["EU-CN"] ?? 0) >= 27)
  }

  @Test(
    "compare lists the domains whose quadrant differs with the criteria that make the difference, and draws the maps")
  func compare() throws {
    let box = try Sandbox()
    let result = try box.run(["compare", "--pairs", "US-CN,EU-CN", "--format", "json", "--out", "cmp.svg"])
    expectSuccess(result)
    let object = try Self.json(result.stdout)
    #expect(object["pairs"] as? [String] == ["US-CN", "EU-CN"])
    let domains = try #require(object["domains"] as? [[String: Any]])
    #expect(domains.count == object["differing"] as? Int)
    #expect(!domains.isEmpty)
    for d in domains {
      #expect(d["quadrant_differs"] as? Bool == true)
      let placements = try #require(d["placements"] as? [[String: Any]])
      #expect(Set(placements.compactMap { $0["quadrant"] as? String }).count == 2)
      let criteria = try #require(d["criteria"] as? [[String: Any]])
      #expect(!criteria.isEmpty)
      let effects = criteria.compactMap { $0["effect"] as? Double }
      #expect(effects == effects.sorted(by: >))
    }
    let svg = try box.read("cmp.svg")
    #expect(svg.contains("Safe zones for science: US–CN cooperation"))
    #expect(svg.contains("Safe zones for science: EU–CN cooperation"))
    #expect(svg.contains("Domains that change quadrant between US–CN and EU–CN"))
    #expect(svg.contains("class=\"trajectory\""))

    let text = try run(["compare", "--pairs", "US-CN,EU-CN"])
    expectSuccess(text)
    #expect(text.stdout.contains("domains assessed for US–CN and EU–CN change quadrant"))
    #expect(text.stdout.contains("military: "))

    let one = try run(["compare", "--pairs", "US-CN,us-cn"])
    #expect(one.status != 0)
    #expect(one.stderr.contains("at least two different pairs"))
  }
}
