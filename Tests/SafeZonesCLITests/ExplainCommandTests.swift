import Foundation
import Testing

@Suite("safezones explain")
struct ExplainCommandTests {
  /// The contribution as the explanation prints it: three decimals, `+` when positive.
  static func signed(_ value: Double) -> String {
    var text = String(format: "%.3f", value)
    if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
    return value > 0 ? "+" + text : text
  }

  /// Checks an explanation against the JSON report of the same domain.
  static func checkExplanation(text: String, json: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let report = try #require(jsonDomains(json, sourceLocation: sourceLocation).first, sourceLocation: sourceLocation)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let contributions = try #require(
      report["contributions"] as? [String: [String: Any]], sourceLocation: sourceLocation)
    for id in Fixtures.criterionIDs {
      let row = lines.first { $0.hasPrefix("  \(id) ") }
      #expect(row != nil, "a table row for \(id)", sourceLocation: sourceLocation)
      let value = try #require(contributions[id]?["contribution"] as? Double, sourceLocation: sourceLocation)
      #expect(
        row?.contains(" \(signed(value)) ") == true || row?.hasSuffix(" \(signed(value))") == true,
        "row of \(id) shows contribution \(signed(value)): \(row ?? "-")", sourceLocation: sourceLocation)
    }
    let quadrant = try #require(report["quadrant"] as? String, sourceLocation: sourceLocation)
    #expect(text.contains("Placement: "), sourceLocation: sourceLocation)
    #expect(text.contains("(\(quadrant),"), "names the quadrant \(quadrant)", sourceLocation: sourceLocation)
    let strategy = try #require(report["strategy"] as? [String: Any], sourceLocation: sourceLocation)
    let stance = try #require(strategy["stance"] as? [String: Any], sourceLocation: sourceLocation)
    let headline = try #require(stance["headline"] as? String, sourceLocation: sourceLocation)
    #expect(lines.contains("Strategy: \(headline)"), sourceLocation: sourceLocation)
    let actions = try #require(strategy["actions"] as? [[String: Any]], sourceLocation: sourceLocation)
    #expect(!actions.isEmpty, sourceLocation: sourceLocation)
    let actionsStart = try #require(
      lines.firstIndex { $0.hasPrefix("Actions") }, "an Actions section", sourceLocation: sourceLocation)
    let actionLines = lines[actionsStart...]
    for (index, action) in actions.enumerated() {
      let title = try #require(action["title"] as? String, sourceLocation: sourceLocation)
      #expect(actionLines.contains("  \(index + 1). \(title)"), sourceLocation: sourceLocation)
    }
    #expect(
      actionLines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Essay: ") },
      "an action cites the essay", sourceLocation: sourceLocation)
  }

  @Test("explain quantum-encryption covers every criterion, the quadrant, the strategy and cited actions")
  func explainShipped() throws {
    let text = try run(["explain", "quantum-encryption"])
    expectSuccess(text)
    #expect(text.stdout.hasPrefix("Quantum encryption (quantum-encryption)\n"))
    let json = try run(["explain", "quantum-encryption", "--format", "json"])
    expectSuccess(json)
    try Self.checkExplanation(text: text.stdout, json: json.stdout)
    #expect(
      jsonDomains(json.stdout).first?["quadrant"] as? String == "monitor",
      "the essay puts quantum encryption upper left")
  }

  @Test("explain with an unknown id exits 2 naming the id")
  func explainUnknown() throws {
    let result = try run(["explain", "no-such-domain"])
    let message = expectInputError(result)
    #expect(message == "error: unknown domain 'no-such-domain': run `safezones domains` to list them")
  }

  @Test("explain with part of an id suggests the full ids")
  func explainNear() throws {
    let message = expectInputError(try run(["explain", "quantum-encrypt"]))
    #expect(message.hasPrefix("error: unknown domain 'quantum-encrypt': did you mean "))
    #expect(message.contains("quantum-encryption"))
  }

  @Test("explain ID --file explains a domain of the user's file")
  func explainUserFile() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let text = try box.run(["explain", "user-fusion", "--file", "mine.yaml"])
    expectSuccess(text)
    #expect(text.stdout.hasPrefix("Fusion energy (fixture) (user-fusion)\n"))
    #expect(text.stdout.contains("assessed by Fixture Analyst on 2026-10-16"))
    #expect(text.stdout.contains("Missing criteria (placement uses the others): recombination, indifference"))
    #expect(text.stdout.contains("Envelope from ranges and missing criteria"))
    #expect(text.stdout.contains("economic: Private fusion firms are emerging."))
    let json = try box.run(["explain", "user-fusion", "--file", "mine.yaml", "--format", "json"])
    expectSuccess(json)
    try Self.checkExplanation(text: text.stdout, json: json.stdout)
    let report = try #require(jsonDomains(json.stdout).first)
    #expect(report["missing"] as? [String] == ["recombination", "indifference"])
    let economic = try #require((report["contributions"] as? [String: [String: Any]])?["economic"])
    #expect(economic["low"] as? Double == 1)
    #expect(economic["score"] as? Double == 2)
    #expect(economic["high"] as? Double == 3)
  }

  @Test("explain ID --file with an id the file lacks names the file and its ids")
  func explainUserFileUnknown() throws {
    let box = try Sandbox()
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let message = expectInputError(try box.run(["explain", "quantum-encryption", "--file", "mine.yaml"]))
    #expect(
      message
        == "error: unknown domain 'quantum-encryption' in mine.yaml: the file defines user-hypersonics, user-fusion")
  }

  @Test("explain --file with a bad file reports the file's problem")
  func explainBadFile() throws {
    let box = try Sandbox()
    try box.write("bad.yaml", Fixtures.oneDomain(score: "military: 7"))
    let message = expectInputError(try box.run(["explain", "probe", "--file", "bad.yaml"]))
    #expect(
      message == "error: bad.yaml:8:19: domains[0].assessment.scores.military: score must be between 0 and 4, got 7")
  }
}
