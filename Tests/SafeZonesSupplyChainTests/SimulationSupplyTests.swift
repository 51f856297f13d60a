import SafeZonesCore
import SafeZonesKnowledge
import XCTest

/// The simulator carries a supply chain through the same shocks as the portfolio.
final class SimulationSupplyTests: XCTestCase {
  func testAScriptedShockCostsTheChainItsShareInThatYear() throws {
    let catalogue = try ShockCatalogueLoader.shipped()
    let k = try XCTUnwrap(catalogue.shocks.firstIndex { $0.id == "south-china-sea-escalation" })
    // The chain loses 40% of a year's output to this shock at full severity, 20% at 0.5.
    var loss = Array(repeating: Array(repeating: 0.0, count: 11), count: catalogue.shocks.count)
    loss[k] = (0...10).map { Double($0) * 0.04 }
    let scenario = Scenario(
      name: "one event", events: [.init(year: 2, shock: "south-china-sea-escalation", severity: 0.5)],
      randomShocks: false)
    let simulator = Simulator(
      catalogue: catalogue, collaborations: [], profiles: [], years: 3, scenario: scenario,
      supply: SupplyExposure(network: "chain", loss: loss))
    let (result, _) = simulator.run(SimulationOptions(trials: 64, seed: 1))
    let chain = try XCTUnwrap(result.supplyChain)
    XCTAssertEqual(chain.delivered, [1, 0.8, 1])
    XCTAssertEqual(chain.belowNinety, [0, 1, 0])
    XCTAssertEqual(chain.anyYearBelowNinety, 1)
    XCTAssertEqual(chain.worstYear.mean, 0.8)
    // Without a chain, nothing is reported.
    let plain = Simulator(catalogue: catalogue, collaborations: [], profiles: [], years: 3, scenario: scenario)
    XCTAssertNil(plain.run(SimulationOptions(trials: 8, seed: 1)).result.supplyChain)
  }
}
