import Foundation
import Testing

/// `safezones stress` on the real binary: the JSON contract, the ranked table, mitigation,
/// the charts and files of --out-dir, the ETO import, located errors; and `simulate
/// --supply-chain`.
@Suite("safezones stress")
struct StressCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static func example(_ name: String) -> String { root.appendingPathComponent("examples/\(name)").path }

  /// raw (holds 30, 10/day) → assembly (holds 50, demand 10/day, margin 2).
  static let chain = """
    network: {name: Chain, horizon_days: 100}
    nodes:
      - {id: assembly, produces: widget, needs: {part: 1}, demand_per_day: 10, margin: 2, inventory: 50, ttr_days: 3, country: US, tier: 0, holding_cost: 2}
      - {id: raw, produces: part, inventory: 30, capacity_per_day: 10, ttr_days: [10, 20, 40], country: CN, tier: 1}
    links:
      - {from: raw, to: assembly}
    """

  @Test("the JSON contract, with the numbers solved by hand")
  func json() throws {
    let box = try Sandbox()
    try box.write("chain.yaml", Self.chain)
    let result = try box.run(["stress", "chain.yaml", "--format", "json", "--mitigate"])
    expectSuccess(result)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    let raw = try #require(nodes.first { $0["id"] as? String == "raw" })
    // raw down: 50 widgets + 30 parts = 80 = 8 days < 20 likely.
    #expect((raw["tts_days"] as? Double).map { abs($0 - 8) < 1e-9 } == true)
    #expect(raw["ttr_days"] as? Double == 20)
    #expect(raw["at_risk"] as? Bool == true)
    // 8 days is below the range's low end (10): recovery surely takes longer.
    #expect(raw["p_at_risk"] as? Double == 1)
    let scenarios = try #require(object["scenarios"] as? [[String: Any]])
    let node = try #require(scenarios.first { $0["id"] as? String == "node:raw" })
    for key in ["disrupted", "tts_days", "tts_capped", "performance_impact", "lost_by_product"] {
      #expect(node[key] != nil, "\(key)")
    }
    // Over 20 days: 200 wanted, 80 delivered, 120 × 2 lost.
    #expect((node["performance_impact"] as? Double).map { abs($0 - 240) < 1e-6 } == true)
    let mitigation = try #require(object["mitigation"] as? [String: Any])
    #expect((mitigation["total_cost"] as? Double).map { abs($0 - 120) < 1e-6 } == true)
    #expect(mitigation["at_risk_after"] as? Int == 0)
  }

  @Test("the text report ranks by impact; --out-dir writes the report and both charts")
  func textAndFiles() throws {
    let box = try Sandbox()
    let result = try box.run([
      "stress", Self.example("supply-chain-ev-batteries.yaml"), "--mitigate", "--out-dir", "out",
    ])
    expectSuccess(result)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    let header = try #require(lines.firstIndex { $0.hasPrefix("node ") })
    // The first ranked node carries the largest impact and is at risk.
    #expect(lines[header + 2].hasSuffix("AT RISK"), "\(lines[header + 2])")
    #expect(result.stdout.contains("Mitigation"))
    #expect(result.stdout.contains("flex-cells-jp"))
    for file in ["stress.json", "stress.txt", "tts-ttr.svg", "network.svg"] {
      #expect(FileManager.default.fileExists(atPath: box.path("out/\(file)")), "\(file)")
    }
    #expect(try box.read("out/tts-ttr.svg").hasPrefix("<svg"))
  }

  @Test("--scenario picks one; an unknown one is refused with the nearest")
  func scenarioChoice() throws {
    let box = try Sandbox()
    try box.write("chain.yaml", Self.chain)
    let one = try box.run(["stress", "chain.yaml", "--scenario", "country:CN", "--format", "json"])
    expectSuccess(one)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
    let ids = (object["scenarios"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    #expect(ids == ["node:assembly", "node:raw", "country:CN"])
    let bad = try box.run(["stress", "chain.yaml", "--scenario", "country:CX"])
    let message = expectInputError(bad)
    #expect(message.contains("unknown scenario 'country:CX'"), "\(message)")
  }

  @Test("a bad network: one located error per problem, exit 2, nothing written")
  func badInput() throws {
    let box = try Sandbox()
    try box.write(
      "bad.yaml", Self.chain.replacingOccurrences(of: "{from: raw, to: assembly}", with: "{from: raw, to: asembly}"))
    let result = try box.run(["stress", "bad.yaml", "--out-dir", "out"])
    let message = expectInputError(result, lines: nil)
    #expect(message.contains("bad.yaml:6:21: links[0].to"), "\(message)")
    #expect(message.contains("did you mean 'assembly'"), "\(message)")
    #expect(!FileManager.default.fileExists(atPath: box.path("out")))
    let usage = try box.run(["stress"])
    #expect(usage.status == 2 && usage.stderr.contains("name the network file"), "\(usage)")
    expectInputError(try box.run(["stress", "missing.yaml"]))
  }

  @Test("--from-eto builds a country network from the dataset's format; Taiwan's loss is a scenario")
  func eto() throws {
    let box = try Sandbox()
    let result = try box.run([
      "stress", "--from-eto", Self.root.appendingPathComponent("Tests/Fixtures/eto").path, "--assumptions",
      Self.example("eto-assumptions.yaml"), "--format", "json",
    ])
    expectSuccess(result)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let ids = (object["scenarios"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
    #expect(ids.contains("country:TW"))
    let missing = try box.run([
      "stress", "--from-eto", box.path("nowhere"), "--assumptions", Self.example("eto-assumptions.yaml"),
    ])
    expectInputError(missing, lines: nil)
  }

  @Test("simulate --supply-chain reports the chain's delivered output on the portfolio's shocks")
  func simulation() throws {
    let box = try Sandbox()
    let result = try box.run([
      "simulate", Self.example("portfolio.yaml"), "--supply-chain", Self.example("supply-chain-ev-batteries.yaml"),
      "--trials", "500", "--format", "json",
    ])
    expectSuccess(result)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let chain = try #require(object["supply_chain"] as? [String: Any])
    let delivered = try #require(chain["delivered"] as? [Double])
    #expect(!delivered.isEmpty && delivered.allSatisfy { $0 > 0 && $0 <= 1 })
    #expect(delivered.contains { $0 < 1 }, "shocks that stop CN cost the chain output")
    // Without the option the report has no such key (and is unchanged).
    let plain = try box.run(["simulate", Self.example("portfolio.yaml"), "--trials", "500", "--format", "json"])
    #expect(!plain.stdout.contains("supply_chain"))
    try box.write(
      "bad-shock.yaml", Self.chain + "\nshocks:\n  - {shock: south-china-see-escalation, countries: [CN], days: 30}\n")
    let bad = try box.run(["simulate", Self.example("portfolio.yaml"), "--supply-chain", "bad-shock.yaml"])
    let message = expectInputError(bad)
    #expect(message.contains("did you mean 'south-china-sea-escalation'"), "\(message)")
  }
}
