import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// A simulation asked for as text: every field checked, problems listed in the form's order.
@Suite("Simulation draft")
struct SimulationDraftTests {
  static func draft(
    portfolio: String = SimulationLoaderTests.portfolio, trials: String = "1000", seed: String = "7", years: String = ""
  ) -> SimulationDraft {
    SimulationDraft(portfolio: portfolio, scenario: "", trials: trials, seed: seed, years: years)
  }

  @Test("a valid draft gives the run's inputs; the horizon defaults to the portfolio's")
  func valid() throws {
    let checked = try Self.draft().check(
      knownDomains: SimulationLoaderTests.known, catalogue: try ShockCatalogueLoader.shipped()
    ).get()
    #expect(checked.trials == 1000 && checked.seed == 7 && checked.years == 10)
    #expect(checked.portfolio.name == "Test portfolio" && checked.scenario == nil)
    let years = try Self.draft(years: " 4 ").check(
      knownDomains: SimulationLoaderTests.known, catalogue: try ShockCatalogueLoader.shipped()
    ).get()
    #expect(years.years == 4)
  }

  @Test("every bad field is reported by name, in the form's order")
  func invalid() throws {
    let result = Self.draft(portfolio: " ", trials: "99", seed: "-1", years: "101").check(
      knownDomains: SimulationLoaderTests.known, catalogue: try ShockCatalogueLoader.shipped())
    guard case .failure(let error) = result else {
      Issue.record("expected problems")
      return
    }
    #expect(error.issues.map(\.key) == ["portfolio", "trials", "seed", "years"])
    #expect(error.issues[1].message.contains("between 100 and 200000, got '99'"))
  }
}
