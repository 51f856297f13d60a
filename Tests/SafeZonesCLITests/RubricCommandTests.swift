import Foundation
import Testing

@Suite("safezones rubric")
struct RubricCommandTests {
  @Test("rubric prints all fourteen criteria with weights and levels 0–4")
  func rubricPrints() throws {
    let result = try run(["rubric"])
    expectSuccess(result)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first?.isEmpty == false, "a title")
    #expect(lines.contains { $0.hasPrefix("thresholds: gains ") })
    for section in ["GAINS", "RISK", "MITIGATION (lowers risk)"] { #expect(lines.contains(section)) }
    for id in Fixtures.criterionIDs {
      let head = try #require(lines.firstIndex { $0.hasPrefix("  \(id) — weight ") }, "a heading for \(id)")
      // Levels follow the question; each starts with its number.
      let block = lines[(head + 1)...].prefix { !$0.hasPrefix("  ") || $0.hasPrefix("    ") }
      for level in 0...4 {
        #expect(block.contains { $0.hasPrefix("      \(level): ") }, "\(id) level \(level)")
      }
    }
    #expect(lines.filter { $0.range(of: #"^  [a-z_]+ — weight "#, options: .regularExpression) != nil }.count == 14)
  }

  @Test("rubric --rubric prints the organisation's rubric")
  func rubricCustom() throws {
    let box = try Sandbox()
    try box.write("org.yaml", Fixtures.rubric(gains: "0.6"))
    let result = try box.run(["rubric", "--rubric", "org.yaml"])
    expectSuccess(result)
    #expect(
      result.stdout.hasPrefix("Fixture rubric\nversion fixture-1 · countries US–CN\nthresholds: gains 0.6, risk 0.5,"))
    #expect(result.stdout.contains("      3: parity level 3\n"))
  }

  @Test("rubric --check accepts a valid rubric, YAML or JSON")
  func rubricCheckGood() throws {
    let box = try Sandbox()
    try box.write("org.yaml", Fixtures.rubric())
    let result = try box.run(["rubric", "--check", "org.yaml"])
    expectSuccess(result)
    #expect(result.stdout == "org.yaml: valid rubric fixture-1 (US–CN, 14 criteria)\n")
    #expect(result.stderr.isEmpty)

    // The shipped rubric, printed with --yaml, is itself a valid rubric file.
    let shipped = try run(["rubric", "--yaml"])
    expectSuccess(shipped)
    try box.write("shipped.yaml", shipped.stdout)
    expectSuccess(try box.run(["rubric", "--check", "shipped.yaml"]))

    // JSON is YAML: a rubric written as JSON is accepted too.
    let json = """
      {"version": "j-1", "criteria": [
      \(Fixtures.criteria.map { c in
        #"{"id": "\#(c.id)", "axis": "\#(c.axis)", "weight": \#(c.weight), "question": "Q?", "levels": ["a", "b", "c", "d", "e"]}"#
      }.joined(separator: ",\n"))
      ]}
      """
    try box.write("org.json", json)
    let fromJSON = try box.run(["rubric", "--check", "org.json"])
    expectSuccess(fromJSON)
    #expect(fromJSON.stdout == "org.json: valid rubric j-1 (US–CN, 14 criteria)\n")
  }

  struct BadRubric: Sendable, CustomTestStringConvertible {
    var name: String
    /// The text replaced in the fixture rubric, and its replacement.
    var target: String
    var replacement: String
    /// Text that starts on the line the error must point at (after the edit); it may span
    /// lines to tell similar lines apart.
    var lineOf: String
    var key: String
    var message: String
    /// Further message lines that follow from the same mistake.
    var extraLines = 0
    var testDescription: String { name }
  }

  static let badRubrics: [BadRubric] = [
    BadRubric(
      name: "duplicate id", target: "  - id: parity\n", replacement: "  - id: maturity\n",
      lineOf: "  - id: maturity\n    axis: gains\n    weight: 1.0\n    question: Fixture question about parity",
      key: "criteria[2].id", message: "duplicate criterion 'maturity'", extraLines: 1),
    BadRubric(
      name: "unknown id", target: "  - id: parity\n", replacement: "  - id: parrity\n", lineOf: "- id: parrity",
      key: "criteria[2].id", message: "unknown criterion 'parrity' (expected one of: fundamentality,", extraLines: 1),
    BadRubric(
      name: "missing level", target: "      2: maturity level 2\n", replacement: "",
      lineOf: "      0: maturity level 0",
      key: "criteria[1].levels.2", message: "missing description of level 2"),
    BadRubric(
      name: "negative weight", target: "  - id: scale\n    axis: gains\n    weight: 1.0\n",
      replacement: "  - id: scale\n    axis: gains\n    weight: -1\n", lineOf: "weight: -1",
      key: "criteria[3].weight", message: "must be a non-negative number, got -1"),
    BadRubric(
      name: "weight not a number", target: "  - id: scale\n    axis: gains\n    weight: 1.0\n",
      replacement: "  - id: scale\n    axis: gains\n    weight: heavy\n", lineOf: "weight: heavy",
      key: "criteria[3].weight", message: "expected a number, got a string 'heavy'"),
    BadRubric(
      name: "gains threshold above 1", target: "  gains: 0.5\n", replacement: "  gains: 1.5\n", lineOf: "  gains: 1.5",
      key: "thresholds.gains", message: "must be between 0 and 1, got 1.5"),
    BadRubric(
      name: "risk threshold below 0", target: "  risk: 0.5\n", replacement: "  risk: -0.1\n", lineOf: "  risk: -0.1",
      key: "thresholds.risk", message: "must be between 0 and 1, got -0.1"),
    BadRubric(
      name: "criterion on the wrong axis", target: "  - id: economic\n    axis: risk\n",
      replacement: "  - id: economic\n    axis: gains\n",
      lineOf: "    axis: gains\n    weight: 1.0\n    question: Fixture question about economic",
      key: "criteria[8].axis", message: "'economic' belongs on the risk axis, not gains"),
    BadRubric(
      name: "unknown axis", target: "  - id: military\n    axis: risk\n",
      replacement: "  - id: military\n    axis: sideways\n", lineOf: "axis: sideways", key: "criteria[7].axis",
      message: "unknown axis 'sideways' (expected gains, risk or mitigation)"),
    BadRubric(
      name: "unknown field", target: "  - id: military\n", replacement: "  - id: military\n    wieght: 2\n",
      lineOf: "wieght: 2",
      key: "criteria[7].wieght",
      message: "unknown field 'wieght' (expected one of: axis, id, levels, mitigation_floor, question, weight)"),
  ]

  @Test("rubric --check reports a bad rubric with file, line and key", arguments: badRubrics)
  func rubricCheckBad(_ bad: BadRubric) throws {
    let box = try Sandbox()
    let text = Fixtures.rubric().replacingOnce(bad.target, with: bad.replacement)
    try box.write("rubric.yaml", text)
    let anchorLine = lineNumber(of: bad.lineOf, in: text)
    let result = try box.run(["rubric", "--check", "rubric.yaml"])
    let message = expectInputError(result, lines: 1 + bad.extraLines)
    let first = message.split(separator: "\n").first.map(String.init) ?? ""
    #expect(first.hasPrefix("error: rubric.yaml:\(anchorLine):"), "points at line \(anchorLine): \(first)")
    #expect(first.contains(": \(bad.key): \(bad.message)"), "\(first)")

    // The same rubric passed to another command fails the same way.
    let viaMap = try box.run(["map", "--rubric", "rubric.yaml"])
    #expect(expectInputError(viaMap, lines: nil) == message)
  }

  @Test("rubric --check on a missing file, a directory, or an empty file")
  func rubricCheckFileProblems() throws {
    let box = try Sandbox()
    #expect(expectInputError(try box.run(["rubric", "--check", "none.yaml"])) == "error: none.yaml: no such file")
    try FileManager.default.createDirectory(atPath: box.path("dir"), withIntermediateDirectories: false)
    #expect(expectInputError(try box.run(["rubric", "--check", "dir"])) == "error: dir: is a directory, not a file")
    try box.write("empty.yaml", "")
    #expect(
      expectInputError(try box.run(["rubric", "--check", "empty.yaml"])) == "error: empty.yaml:1: the file is empty")
  }

  @Test("rubric --yaml with --rubric is refused")
  func rubricYAMLWithCustom() throws {
    let box = try Sandbox()
    try box.write("org.yaml", Fixtures.rubric())
    let message = expectInputError(try box.run(["rubric", "--yaml", "--rubric", "org.yaml"]))
    #expect(message == "error: --yaml prints the shipped rubric; your own file is already YAML")
  }

  @Test("--rubric with thresholds 0.9 changes map and domains")
  func rubricChangesPlacements() throws {
    let box = try Sandbox()
    try box.write("strict.yaml", Fixtures.rubric(gains: "0.9", risk: "0.9"))
    let standard = jsonDomains(try run(["domains", "--format", "json"]).stdout)
    for command in ["map", "domains"] {
      let result = try box.run([command, "--rubric", "strict.yaml", "--format", "json"])
      expectSuccess(result)
      let document = jsonObject(result.stdout)
      let thresholds = (document["rubric"] as? [String: Any])?["thresholds"] as? [String: Any]
      #expect(thresholds?["gains"] as? Double == 0.9)
      let strict = jsonDomains(result.stdout)
      #expect(strict.count == standard.count)
      for domain in strict {
        let gains = try #require(domain["gains"] as? Double)
        let risk = try #require(domain["risk"] as? Double)
        let expected =
          gains >= 0.9
          ? (risk >= 0.9 ? "political-engineering" : "safe-zone") : (risk >= 0.9 ? "monitor" : "traditional")
        #expect(domain["quadrant"] as? String == expected, "\(domain["id"] ?? "")")
      }
      // Every shipped domain with high gains under the standard rubric loses them.
      let movedOut = standard.filter { ($0["gains"] as? Double ?? 0) >= 0.5 && ($0["gains"] as? Double ?? 0) < 0.9 }
      #expect(!movedOut.isEmpty, "the knowledge base has a domain with gains between 0.5 and 0.9")
      for before in movedOut {
        let after = strict.first { $0["id"] as? String == before["id"] as? String }
        #expect(after?["quadrant"] as? String != before["quadrant"] as? String)
      }
    }
    // The table changes too.
    let table = try box.run(["domains", "--rubric", "strict.yaml"])
    expectSuccess(table)
    #expect(table.stdout != (try run(["domains"])).stdout)
  }
}
