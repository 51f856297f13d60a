import Foundation
import Testing

/// The example file and the examples in `docs/input-format.md` must keep working.
@Suite("documented examples")
struct DocumentationTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test("examples/my-domains.yaml is accepted and places its three domains")
  func exampleFile() throws {
    let path = Self.root.appendingPathComponent("examples/my-domains.yaml").path
    let result = try run(["assess", path, "--format", "json"])
    expectSuccess(result)
    let domains = jsonDomains(result.stdout)
    #expect(domains.compactMap { $0["id"] as? String } == ["hypersonics", "mrna-vaccine-platforms", "fusion-energy"])
    // One domain uses ranges, one leaves a criterion out; all carry rationales.
    let hypersonics = try #require(domains.first)
    let gainsRange = try #require(hypersonics["gains_range"] as? [Double])
    #expect(gainsRange[0] < gainsRange[1], "ranges give an envelope")
    #expect(hypersonics["quadrant"] as? String == "monitor")
    #expect(domains.last?["missing"] as? [String] == ["indifference"])
    for domain in domains {
      let contributions = try #require(domain["contributions"] as? [String: [String: Any]])
      #expect(contributions.values.contains { $0["rationale"] is String }, "\(domain["id"] ?? "") has rationales")
      #expect(
        contributions.values.contains { !($0["evidence"] as? [String] ?? []).isEmpty },
        "\(domain["id"] ?? "") has evidence")
    }
    let explained = try run(["explain", "fusion-energy", "--file", path])
    expectSuccess(explained)
    #expect(explained.stdout.contains("Missing criteria (placement uses the others): indifference"))
  }

  @Test("every complete YAML and JSON example in docs/input-format.md is accepted")
  func docExamples() throws {
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("docs/input-format.md"), encoding: .utf8)
    var blocks: [(language: String, body: String)] = []
    var current: (language: String, lines: [String])?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if let open = current {
        if line.hasPrefix("```") {
          blocks.append((open.language, open.lines.joined(separator: "\n") + "\n"))
          current = nil
        } else {
          current?.lines.append(String(line))
        }
      } else if line.hasPrefix("```") {
        current = (String(line.dropFirst(3)), [])
      }
    }
    let documents = blocks.filter { $0.language == "yaml" || $0.language == "json" }
    #expect(documents.count >= 4)
    let box = try Sandbox()
    for (index, block) in documents.enumerated() {
      let name = "example-\(index).\(block.language)"
      try box.write(name, block.body)
      let result = try box.run(["assess", name])
      expectSuccess(result)
      #expect(result.stderr.isEmpty, "\(name):\n\(block.body)\n\(result)")
    }
  }

  @Test("the error messages quoted in docs/input-format.md are the tool's")
  func docMessages() throws {
    // A sample of the documented messages, produced from the inputs they describe.
    let text = try String(
      contentsOf: Self.root.appendingPathComponent("docs/input-format.md"), encoding: .utf8)
    let box = try Sandbox()
    let header = """
      domains:
        - id: hypersonics
          name: Hypersonic glide vehicles
          assessment:
            assessor: J. Analyst
            date: 2026-11-03
            scores:

      """
    let cases = [
      header + "        military: high\n", header + "        military: \"3\"\n", header + "        military: 5\n",
      header + "        military: [3, 2, 4]\n", header + "        militray: 2\n",
      header.replacingOccurrences(of: "2026-11-03", with: "2026-11-31") + "        military: 2\n",
    ]
    for input in cases {
      try box.write("my-domains.yaml", input)
      let message = expectInputError(try box.run(["assess", "my-domains.yaml"]))
      #expect(text.contains(message), "docs/input-format.md quotes: \(message)")
    }
  }
}
