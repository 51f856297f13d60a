import SafeZonesCore
import SafeZonesLP
import XCTest

/// Networks small enough to solve by hand; every expected number is worked out in the
/// comment above it.
final class HandSolvedTests: XCTestCase {
  typealias N = SupplyNetwork.Node
  let solver = GLPKSolver()

  func run(
    _ network: SupplyNetwork, mitigate: SupplyNetwork.RecoveryTarget? = nil, workers: Int = 1
  ) throws -> StressReport {
    XCTAssertEqual(network.validate(), [])
    return try StressTest.run(network, solver: solver, settings: .init(mitigate: mitigate, workers: workers))
  }

  func scenario(_ r: StressReport, _ id: String) -> StressReport.Scenario { r.scenarios.first { $0.id == id }! }
  func node(_ r: StressReport, _ id: String) -> StressReport.Node { r.nodes.first { $0.id == id }! }

  /// raw (10/day, holds 30) → assembly (demand 10/day, holds 50, margin 2).
  var chain: SupplyNetwork {
    SupplyNetwork(
      name: "chain", horizonDays: 100,
      nodes: [
        N(
          id: "assembly", produces: "widget", needs: [("part", 1)], demandPerDay: 10, margin: 2, inventory: 50,
          recovery: .init(days: 3), country: "US", tier: 0, holdingCost: 2),
        N(
          id: "raw", produces: "part", inventory: 30, capacityPerDay: 10, recovery: .init(days: 20), country: "CN",
          tier: 1),
      ],
      links: [.init(from: "raw", to: "assembly")])
  }

  func testSingleChain() throws {
    let r = try run(chain)
    // Nothing down: raw makes 10/day, exactly the demand, for ever → the cap (100 days).
    XCTAssertEqual(r.baselineTTSDays, 100, accuracy: 1e-9)
    // raw down: 50 widgets held + 30 parts made into widgets = 80 widgets = 8 days.
    XCTAssertEqual(node(r, "raw").ttsDays, 8, accuracy: 1e-9)
    XCTAssertFalse(node(r, "raw").ttsCapped)
    XCTAssertTrue(node(r, "raw").atRisk)
    XCTAssertEqual(node(r, "raw").marginDays, -12, accuracy: 1e-9)
    XCTAssertEqual(node(r, "raw").pAtRisk, 1)
    // Over raw's 20 days: 200 wanted, 80 delivered, 120 lost × margin 2 = 240.
    XCTAssertEqual(node(r, "raw").performanceImpact, 240, accuracy: 1e-9)
    XCTAssertEqual(scenario(r, "node:raw").lostByProduct, [.init(product: "widget", units: 120, margin: 240)])
    // assembly down: only its 50 widgets → 5 days, more than its 3-day recovery; over 3
    // days 30 are wanted and 30 delivered.
    XCTAssertEqual(node(r, "assembly").ttsDays, 5, accuracy: 1e-9)
    XCTAssertFalse(node(r, "assembly").atRisk)
    XCTAssertEqual(node(r, "assembly").performanceImpact, 0, accuracy: 1e-9)
    // Country CN is raw alone; tier 1 likewise.
    XCTAssertEqual(scenario(r, "country:CN").ttsDays, 8, accuracy: 1e-9)
    XCTAssertEqual(scenario(r, "tier:1").disrupted, ["raw"])
    // Ranked by impact: raw first.
    XCTAssertEqual(r.ranked.map(\.id), ["raw", "assembly"])
  }

  func testMitigationStocksTheCheaperNode() throws {
    let r = try run(chain, mitigate: .likely)
    let plan = try XCTUnwrap(r.mitigation)
    // raw must survive 20 days: 200 widgets' worth, 80 there → 120 more units, cheaper at
    // raw (holding cost 1) than at assembly (2): cost 120.
    XCTAssertEqual(plan.covers, ["node:raw"])
    XCTAssertEqual(plan.inventory.map(\.node), ["raw"])
    XCTAssertEqual(plan.inventory[0].units, 120, accuracy: 1e-6)
    XCTAssertEqual(plan.totalCost, 120, accuracy: 1e-6)
    XCTAssertEqual(plan.atRiskBefore, 1)
    XCTAssertEqual(plan.atRiskAfter, 0)
    XCTAssertEqual(plan.nodes.first { $0.node == "raw" }!.ttsAfter, 20, accuracy: 1e-6)
  }

  /// Two suppliers of 6/day each into an assembly that needs 10/day and holds nothing.
  var parallel: SupplyNetwork {
    SupplyNetwork(
      name: "parallel", horizonDays: 365,
      nodes: [
        N(id: "asm", produces: "kit", needs: [("part", 1)], demandPerDay: 10, recovery: .init(days: 1)),
        N(id: "a", produces: "part", inventory: 20, capacityPerDay: 6, recovery: .init(days: 10), country: "KR"),
        N(id: "b", produces: "part", capacityPerDay: 6, recovery: .init(low: 2, likely: 4, high: 12), country: "JP"),
      ],
      links: [.init(from: "a", to: "asm"), .init(from: "b", to: "asm")],
      options: [
        .init(
          id: "flex", kind: .flexibleCapacity, links: [.init(from: "c", to: "asm", capacityPerDay: 4)], whenDown: ["a"])
      ])
  }

  func testParallelSuppliers() throws {
    var network = parallel
    network.options[0].nodes = [N(id: "c", produces: "part", capacityPerDay: 100, recovery: .init(days: 5))]
    let r = try run(network, workers: 2)
    // a down: b's 6/day plus a's 20 held: 6t + 20 ≥ 10t → t = 5 (< 10: at risk).
    XCTAssertEqual(node(r, "a").ttsDays, 5, accuracy: 1e-9)
    XCTAssertTrue(node(r, "a").atRisk)
    // Over a's 10 days: 100 wanted, 60 + 20 delivered → 20 lost.
    XCTAssertEqual(node(r, "a").performanceImpact, 20, accuracy: 1e-9)
    // b down: a's 6/day + 20 held → also 5 days; b's recovery is PERT(2, 4, 12):
    // α = 1 + 4·2/10 = 1.8, β = 1 + 4·8/10 = 4.2, P(TTR > 5) = 1 − I_0.3(1.8, 4.2)
    // (scipy.stats.beta.sf(0.3, 1.8, 4.2) = 0.451769695738095).
    XCTAssertEqual(node(r, "b").ttsDays, 5, accuracy: 1e-9)
    XCTAssertFalse(node(r, "b").atRisk)
    XCTAssertEqual(
      node(r, "b").pAtRisk, 1 - ScoreDistribution.pert(low: 2, likely: 4, high: 12).cdf(5), accuracy: 1e-12)
    XCTAssertEqual(node(r, "b").pAtRisk, 0.451769695738095, accuracy: 1e-9)
    // Flexible capacity c (4/day over its link) runs only while a is down: 6 + 4 = 10 → capped.
    // (asm holds nothing, so its own loss is at risk either way: 2 nodes before, 1 after.)
    let flex = try XCTUnwrap(r.options.first)
    XCTAssertEqual(flex.atRiskBefore, 2)
    XCTAssertEqual(flex.atRiskAfter, 1)
    XCTAssertEqual(flex.nodes.first { $0.node == "a" }!.ttsAfter, 365, accuracy: 1e-9)
    // …and not while b is down: still 5 days.
    XCTAssertEqual(flex.nodes.first { $0.node == "b" }!.ttsAfter, 5, accuracy: 1e-9)
  }

  func testSharedCapacityGroup() throws {
    var network = parallel
    network.options = []
    network.nodes[0].inventory = 40
    network.capacityGroups = [.init(id: "line", nodes: ["a", "b"], capacityPerDay: 8)]
    let r = try run(network)
    // Nothing down: a and b share 8/day; 8t + 20 (a's stock) + 40 (asm's) ≥ 10t → t = 30.
    XCTAssertEqual(r.baselineTTSDays, 30, accuracy: 1e-9)
    // a down: b alone 6/day (its own cap binds before the group's): 6t + 60 ≥ 10t → 15.
    XCTAssertEqual(node(r, "a").ttsDays, 15, accuracy: 1e-9)
  }

  func testBillOfMaterialsWithRatios() throws {
    // A pack needs 4 cells and 2 frames; 100 packs a day; the pack maker holds 500 packs,
    // the cell maker 800 cells (= 200 packs), the frame maker 300 frames (= 150 packs).
    let network = SupplyNetwork(
      name: "bom", horizonDays: 365,
      nodes: [
        N(
          id: "pack", produces: "pack", needs: [("cell", 4), ("frame", 2)], demandPerDay: 100, margin: 3,
          inventory: 500, recovery: .init(days: 2)),
        N(id: "cells", produces: "cell", inventory: 800, capacityPerDay: 500, recovery: .init(days: 30)),
        N(id: "frames", produces: "frame", inventory: 300, capacityPerDay: 250, recovery: .init(days: 8)),
      ],
      links: [.init(from: "cells", to: "pack"), .init(from: "frames", to: "pack")])
    let r = try run(network)
    // Nothing down: cells 500/day = 125 packs, frames 250/day = 125 packs ≥ 100 → capped.
    XCTAssertEqual(r.baselineTTSDays, 365, accuracy: 1e-9)
    XCTAssertTrue(scenario(r, "node:pack").ttsCapped == false)
    // cells down: 500 packs + 800/4 = 700 packs → 7 days.
    XCTAssertEqual(node(r, "cells").ttsDays, 7, accuracy: 1e-9)
    // Over 30 days: 3,000 wanted, 700 delivered → 2,300 × 3 = 6,900.
    XCTAssertEqual(node(r, "cells").performanceImpact, 6900, accuracy: 1e-6)
    // frames down: 500 + 300/2 = 650 → 6.5 days; over 8 days 800 wanted → 150 × 3 = 450.
    XCTAssertEqual(node(r, "frames").ttsDays, 6.5, accuracy: 1e-9)
    XCTAssertEqual(node(r, "frames").performanceImpact, 450, accuracy: 1e-6)
    // pack down: its 500 → 5 days ≥ 2.
    XCTAssertEqual(node(r, "pack").ttsDays, 5, accuracy: 1e-9)
  }

  func testExportControlScenarioTakesDownTheDependentNodesInThatCountry() throws {
    var network = parallel
    network.options = []
    network.nodes[1].domains = ["semiconductors"]
    network.nodes[2].domains = ["semiconductors"]
    let scenarios = StressScenario.all(network).map(\.id)
    XCTAssertTrue(scenarios.contains("export-control:semiconductors@KR"))
    XCTAssertTrue(scenarios.contains("export-control:semiconductors@JP"))
    let r = try run(network)
    XCTAssertEqual(scenario(r, "export-control:semiconductors@KR").disrupted, ["a"])
    XCTAssertEqual(scenario(r, "export-control:semiconductors@KR").ttsDays, 5, accuracy: 1e-9)
  }

  func testTheSameAnswersOnOneOrTwoThreads() throws {
    var network = parallel
    network.options = []
    let one = try run(network, workers: 1)
    let two = try run(network, workers: 2)
    XCTAssertEqual(one.nodes.map(\.ttsDays), two.nodes.map(\.ttsDays))
    XCTAssertEqual(one.nodes.map(\.performanceImpact), two.nodes.map(\.performanceImpact))
  }

  func testSolverStatusIsReported() throws {
    var lp = LinearProgram(sense: .maximize)
    let x = lp.addColumn(.init(name: "x", cost: 1))
    XCTAssertEqual(try solver.solve(lp).status, .unbounded)
    lp.addRow(name: "r", terms: [(x, 1)], lower: 5, upper: .infinity)
    lp.columns[x].upper = 2
    XCTAssertEqual(try solver.solve(lp).status, .infeasible)
    lp.rows[0].lower = 1
    let s = try solver.solve(lp)
    XCTAssertEqual(s.status, .optimal)
    XCTAssertEqual(s.objective, 2)
    var bad = lp
    bad.rows[0].terms.append((7, 1))
    XCTAssertThrowsError(try solver.solve(bad)) { XCTAssertTrue("\($0)".contains("out of range"), "\($0)") }
  }
}
