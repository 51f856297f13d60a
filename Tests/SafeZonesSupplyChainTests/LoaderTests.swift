import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesLP
import XCTest

final class SupplyNetworkLoaderTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  func issues(_ text: String) -> [InputIssue] {
    do {
      _ = try SupplyNetworkLoader.parse(text, file: "n.yaml", knownDomains: ["lithium-based-batteries"])
      return []
    } catch {
      return error.issues
    }
  }

  func testTheShippedExamplesLoadAndRun() throws {
    let known = Set(try KnowledgeBase.domains().map(\.id))
    for name in ["supply-chain-ev-batteries", "supply-chain-semiconductors", "supply-chain-api"] {
      let path = Self.root.appendingPathComponent("examples/\(name).yaml").path
      let network = try SupplyNetworkLoader.load(path: path, knownDomains: known)
      XCTAssertFalse(network.nodes.isEmpty, name)
      let report = try StressTest.run(network, solver: GLPKSolver(), settings: .init(mitigate: .likely))
      XCTAssertEqual(report.nodes.count, network.nodes.count)
      // Every example shows the method's point: some node is at risk, and the plan fixes it.
      XCTAssertTrue(report.nodes.contains(where: \.atRisk), "\(name) has no node at risk")
      XCTAssertEqual(report.mitigation?.atRiskAfter, 0, name)
    }
  }

  func testAValidNetworkReadsEveryField() throws {
    let n = try SupplyNetworkLoader.parse(
      """
      network: {name: Two, horizon_days: 90}
      nodes:
        - {id: pack, produces: pack, demand_per_day: 10, margin: 2, needs: {cell: 4}, inventory: 5, ttr_days: 3, country: US, tier: 0}
        - {id: cells, produces: cell, capacity_per_day: 50, ttr_days: [2, 4, 9], country: CN, tier: 1, domains: [lithium-based-batteries], holding_cost: 0.5}
      links:
        - {from: cells, to: pack, capacity_per_day: 45}
      capacity_groups:
        - {id: line, nodes: [cells], capacity_per_day: 40}
      scenarios:
        - {id: ban, disrupt: {countries: [CN], domains: [lithium-based-batteries]}, days: 30}
      options:
        - {id: flex, kind: flexible-capacity, when_down: [cells], nodes: [{id: spare, produces: cell, capacity_per_day: 10}], links: [{from: spare, to: pack}]}
      """, file: "n.yaml", knownDomains: ["lithium-based-batteries"])
    XCTAssertEqual(n.horizonDays, 90)
    XCTAssertEqual(n.nodes[0].needs.map(\.part), ["cell"])
    XCTAssertEqual(n.nodes[0].needs.map(\.units), [4])
    XCTAssertEqual(n.nodes[1].recovery, .init(low: 2, likely: 4, high: 9))
    XCTAssertEqual(n.nodes[1].holdingCost, 0.5)
    XCTAssertEqual(n.links[0].capacityPerDay, 45)
    XCTAssertEqual(n.capacityGroups[0].capacityPerDay, 40)
    XCTAssertEqual(n.scenarios[0].disrupt.countries, ["CN"])
    XCTAssertEqual(n.options[0].kind, .flexibleCapacity)
    XCTAssertEqual(n.options[0].whenDown, ["cells"])
  }

  func testProblemsNameTheLineAndTheField() {
    let found = issues(
      """
      network: {name: Broken}
      nodes:
        - {id: pack, produces: pack, demand_per_day: 10, needs: {cell: 4}, ttr_days: [5, 3, 9]}
        - {id: cells, produces: cell, inventory: -1, domains: [lithium-based-batteris]}
        - {id: cells, produces: cell, colour: red}
      links:
        - {from: cell, to: pack}
      """)
    let text = found.map(\.description)
    XCTAssertTrue(
      text.contains { $0.contains("n.yaml:3") && $0.contains("ttr_days") && $0.contains("low ≤ likely ≤ high") },
      "\(text)")
    XCTAssertTrue(
      text.contains { $0.contains("n.yaml:4") && $0.contains("inventory") && $0.contains("negative") }, "\(text)")
    XCTAssertTrue(
      text.contains { $0.contains("n.yaml:4") && $0.contains("did you mean 'lithium-based-batteries'") }, "\(text)")
    XCTAssertTrue(text.contains { $0.contains("n.yaml:5") && $0.contains("unknown field 'colour'") }, "\(text)")
    XCTAssertTrue(text.contains { $0.contains("n.yaml:5") && $0.contains("already the id") }, "\(text)")
    XCTAssertTrue(
      text.contains { $0.contains("n.yaml:7") && $0.contains("'cell' is not a node (did you mean 'cells'?)") },
      "\(text)")
  }

  func testANeededPartNobodySuppliesIsRefused() {
    let found = issues(
      """
      network: {name: Short}
      nodes:
        - {id: pack, produces: pack, demand_per_day: 10, needs: {cell: 4, frame: 1}}
        - {id: cells, produces: cell}
      links:
        - {from: cells, to: pack}
      """)
    XCTAssertEqual(found.count, 1)
    XCTAssertTrue(found[0].description.contains("no linked node supplies 'frame' to 'pack'"), "\(found)")
    XCTAssertEqual(found[0].line, 3)
  }

  func testNoDemandIsRefused() {
    let found = issues("network: {name: Idle}\nnodes:\n  - {id: a, produces: x}\n")
    XCTAssertTrue(found.contains { $0.message.contains("no node has demand_per_day") }, "\(found)")
  }
}

final class ETONetworkTests: XCTestCase {
  static let fixture = SupplyNetworkLoaderTests.root.appendingPathComponent("Tests/Fixtures/eto")

  func tables() throws -> ETONetwork.Tables {
    func read(_ name: String) throws -> String {
      try String(contentsOf: Self.fixture.appendingPathComponent(name), encoding: .utf8)
    }
    return .init(
      inputs: try read("inputs.csv"), stages: try read("stages.csv"), sequence: try read("sequence.csv"),
      providers: try read("providers.csv"), provision: try read("provision.csv"))
  }

  func testTheFixtureBecomesACountryLevelNetwork() throws {
    let a = ETONetwork.Assumptions(
      demandPerDay: 100, defaults: .init(inventoryDays: 10, ttr: .init(days: 30), capacitySlack: 1.5),
      inputs: ["S2": .init(inventoryDays: 5)], countries: ["TW": .init(ttr: .init(low: 90, likely: 180, high: 365))])
    let n = try ETONetwork.build(try tables(), assumptions: a)
    let byID = Dictionary(uniqueKeysWithValues: n.nodes.map { ($0.id, $0) })
    // Patterning (N21) has no country shares of its own: it takes Fabrication's (S2):
    // TWN 55%, KOR 20%, USA 25%. It goes into packaging → testing → the chip: one unit per
    // chip, so TW's normal flow is 55/day; 5 days of it held (S2's override), capacity 1.5×.
    let tw = try XCTUnwrap(byID["N21@TW"])
    XCTAssertEqual(tw.inventory, 275, accuracy: 1e-9)
    XCTAssertEqual(tw.capacityPerDay!, 82.5, accuracy: 1e-9)
    XCTAssertEqual(tw.recovery, .init(low: 90, likely: 180, high: 365))
    XCTAssertEqual(byID["N21@KR"]!.recovery, .init(days: 30))
    // Lithography tools (N12) are needed as each of their types: EUV (N13) and DUV (N14).
    XCTAssertEqual(Set(tw.needs.map(\.part)), ["N13", "N14", "N11", "N16", "N17"])
    // Process gases go into patterning and packaging: two units per chip.
    let gases = n.nodes.filter { $0.produces == "N17" }
    XCTAssertEqual(gases.reduce(0) { $0 + $1.capacityPerDay! } / 1.5, 200, accuracy: 1e-9)
    // Photoresists are listed without shares: split evenly (negligible providers left out).
    XCTAssertEqual(Set(n.nodes.filter { $0.produces == "N16" }.map(\.country)), ["JP", "US"])
    // The chip is the one node with demand; countries are alpha-2.
    XCTAssertEqual(n.nodes.filter { $0.demandPerDay > 0 }.map(\.id), ["N40"])
    XCTAssertTrue(n.countries.contains("TW") && n.countries.contains("NL"))
    let report = try StressTest.run(n, solver: GLPKSolver(), settings: .init(scenarios: ["country:TW"]))
    let taiwan = try XCTUnwrap(report.scenarios.first { $0.id == "country:TW" })
    XCTAssertGreaterThan(taiwan.performanceImpact, 0)
  }

  func testAMissingColumnIsNamed() throws {
    var t = try tables()
    t.provision = t.provision.replacingOccurrences(of: "share_provided", with: "share")
    XCTAssertThrowsError(try ETONetwork.build(t, assumptions: .init())) { error in
      XCTAssertTrue("\(error)".contains("provision.csv") && "\(error)".contains("share_provided"), "\(error)")
    }
  }
}
