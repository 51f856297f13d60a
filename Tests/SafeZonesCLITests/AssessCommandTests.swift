import Foundation
import Testing

@Suite("safezones assess")
struct AssessCommandTests {
  @Test("assess prints a table of the user's domains only")
  func assessTable() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let result = try box.run(["assess", "mine.yaml"])
    expectSuccess(result)
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 4, "header, rule, two rows: \(result)")
    #expect(lines[2].hasPrefix("user-hypersonics "))
    #expect(lines[3].hasPrefix("user-fusion "))
    #expect(lines[3].contains("missing 2"), "the fusion fixture leaves out two criteria")
    #expect(lines[3].contains("range g "), "the fusion fixture gives ranges")
    for id in try shippedIDs() { #expect(!result.stdout.contains(id + " ")) }
  }

  @Test("assess reads JSON exactly as YAML", arguments: ["table", "json", "csv"])
  func assessJSONInput(format: String) throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    try box.write("mine.json", Fixtures.userDomainsJSON)
    let yaml = try box.run(["assess", "mine.yaml", "--format", format])
    let json = try box.run(["assess", "mine.json", "--format", format])
    expectSuccess(yaml)
    expectSuccess(json)
    #expect(yaml.stdout == json.stdout)
  }

  @Test("assess --format json has the same shape as domains --format json")
  func assessJSONShape() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let mine = try box.run(["assess", "mine.yaml", "--format", "json"])
    let shipped = try run(["domains", "--format", "json"])
    expectSuccess(mine)
    expectSuccess(shipped)
    #expect(Set(jsonObject(mine.stdout).keys) == Set(jsonObject(shipped.stdout).keys))
    let mineDomains = jsonDomains(mine.stdout)
    let shippedDomains = jsonDomains(shipped.stdout)
    #expect(mineDomains.compactMap { $0["id"] as? String } == Fixtures.userIDs)
    let shippedKeys = try #require(shippedDomains.first.map { Set($0.keys) })
    for domain in mineDomains {
      // `source` is left out when a domain has none; every other key is always there.
      #expect(Set(domain.keys).union(["source"]) == shippedKeys.union(["source"]))
      for key in ["id", "name", "gains", "risk", "quadrant", "borderline", "missing", "contributions", "strategy"] {
        #expect(domain[key] != nil)
      }
    }
    let hypersonics = try #require(mineDomains.first)
    #expect(hypersonics["quadrant"] as? String == "monitor", "low gains, high risk")
    #expect(hypersonics["assessor"] as? String == "Fixture Analyst")
    #expect(hypersonics["date"] as? String == "2026-10-15")
    let military = try #require((hypersonics["contributions"] as? [String: [String: Any]])?["military"])
    #expect(military["rationale"] as? String == "A weapons delivery system.")
    let fundamentality = try #require((hypersonics["contributions"] as? [String: [String: Any]])?["fundamentality"])
    #expect(fundamentality["evidence"] as? [String] == ["Fixture source A"])
  }

  @Test("assess --format csv has a header and one row per user domain")
  func assessCSV() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let result = try box.run(["assess", "mine.yaml", "--format", "csv"])
    expectSuccess(result)
    let rows = csvRows(result.stdout)
    #expect(rows.count == 3)
    #expect(rows[0].hasPrefix("id,name,gains,risk,quadrant,"))
    #expect(rows[1].hasPrefix("user-hypersonics,Hypersonic glide vehicles (fixture),"))
    #expect(rows[2].hasPrefix("user-fusion,Fusion energy (fixture),"))
    #expect(rows[2].contains(",recombination;indifference,fixture;energy,Fixture Analyst,2026-10-16,"))
  }

  @Test("assess --out draws the user's domains next to the shipped ones")
  func assessMap() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let shipped = try shippedIDs()
    let result = try box.run(["assess", "mine.yaml", "--out", "map.svg"])
    expectSuccess(result)
    #expect(result.stderr == "wrote map.svg (\(shipped.count + 2) domains)\n")
    let svg = try box.read("map.svg")
    #expect(isWellFormedXML(svg))
    for id in shipped + Fixtures.userIDs { #expect(svg.contains(id), "the map shows \(id)") }
    #expect(result.stdout.split(separator: "\n").count == 4, "the listing stays the user's domains")
    #expect(try box.contents() == ["map.svg", "mine.yaml"])
  }

  @Test("assess --out --only draws only the user's domains")
  func assessMapOnly() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let shipped = try shippedIDs()
    let result = try box.run(["assess", "mine.yaml", "--out", "map.svg", "--only"])
    expectSuccess(result)
    #expect(result.stderr == "wrote map.svg (2 domains)\n")
    let svg = try box.read("map.svg")
    #expect(isWellFormedXML(svg))
    for id in Fixtures.userIDs { #expect(svg.contains(id)) }
    for id in shipped { #expect(!svg.contains("\"\(id)\""), "\(id) is not drawn") }
  }

  @Test("a user domain with a shipped id replaces the shipped one on the map")
  func assessOverridesShipped() throws {
    let box = try Sandbox()
    try box.write("qe.yaml", Fixtures.quantumEncryptionYAML)
    let shipped = try shippedIDs()
    try #require(shipped.contains("quantum-encryption"))
    let result = try box.run(["assess", "qe.yaml", "--out", "map.svg"])
    expectSuccess(result)
    #expect(result.stderr == "wrote map.svg (\(shipped.count) domains)\n")
  }

  @Test("assess --only without --out is a usage error with status 2")
  func assessOnlyNeedsOut() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let result = try box.run(["assess", "mine.yaml", "--only"])
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--only needs --out FILE"))
    expectNoCrash(result)
    #expect(try box.contents() == ["mine.yaml"])
  }

  @Test("assess without a file is a usage error with status 2")
  func assessNeedsFile() throws {
    let result = try run(["assess"])
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("<file>"))
    expectNoCrash(result)
  }

  @Test("assess reads standard input through /dev/stdin")
  func assessStdin() throws {
    let result = try run(["assess", "/dev/stdin", "--format", "csv"], stdin: Fixtures.userDomainsYAML)
    expectSuccess(result)
    #expect(csvRows(result.stdout).count == 3)
  }

  @Test("assess --rubric scores under the organisation's rubric")
  func assessWithRubric() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    try box.write("strict.yaml", Fixtures.rubric(gains: "0.9", risk: "0.9"))
    let result = try box.run(["assess", "mine.yaml", "--rubric", "strict.yaml", "--format", "json"])
    expectSuccess(result)
    let document = jsonObject(result.stdout)
    let rubric = try #require(document["rubric"] as? [String: Any])
    #expect(rubric["version"] as? String == "fixture-1")
    for domain in jsonDomains(result.stdout) {
      let quadrant = domain["quadrant"] as? String
      #expect(quadrant == "traditional" || quadrant == "monitor", "gains below 0.9 are low: \(domain["id"] ?? "")")
    }
  }
}
