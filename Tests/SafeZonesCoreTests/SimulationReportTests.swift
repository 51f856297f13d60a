import Foundation
import Testing

@testable import SafeZonesCore

/// The report shared by the command line and the web app: inputs echoed, stable JSON that
/// reads back, the comparison of structures and the frontier, progress, and the text form.
@Suite("Simulation report")
struct SimulationReportTests {
  static let shocks = [
    ShockKind(
      id: "escalation", name: "Military escalation", rate: 0.3, severityAlpha: 2, severityBeta: 3, impact: 0.4,
      amplifies: [.military: 2], settlement: 0.2, recoveryYears: 3),
    ShockKind(
      id: "incident", name: "Diplomatic incident", rate: 0.1, severityAlpha: 3, severityBeta: 3, impact: 0.4,
      amplifies: [.salience: 1.5], settlement: 0.7, containment: 0.8, recoveryYears: 1.5),
  ]

  static let domains = [
    Domain(id: "calm", name: "Calm", assessments: [Fixtures.assessment(Fixtures.all(0, [.fundamentality: 4]))]),
    Domain(id: "hot", name: "Hot", assessments: [Fixtures.assessment(Fixtures.all(1, [.military: 4]))]),
  ]

  static let portfolio = Portfolio(
    name: "Report test", budget: 25, horizon: 8,
    collaborations: [
      Collaboration(id: "a", name: "A", domains: ["calm"], value: 10, budget: 10, buffer: 2),
      Collaboration(id: "b", name: "B", domains: ["hot"], value: 8, budget: 10, buffer: 0),
      Collaboration(
        id: "c", name: "C", domains: ["calm", "hot"], value: 6, budget: 10, buffer: 1, structure: .separate),
    ], riskAppetite: 0.3)

  static func plan(
    seed: UInt64 = 9, threads: Int = 2, compare: Bool = true, frontier: Bool = true, scenario: Scenario? = nil
  ) -> SimulationPlan {
    SimulationPlan(
      portfolio: portfolio, domains: domains, rubric: Fixtures.rubric(),
      catalogue: ShockCatalogue(version: "test-1", shocks: shocks), scenario: scenario,
      options: SimulationOptions(trials: 1_000, seed: seed, threads: threads), compareStructures: compare,
      frontier: frontier)
  }

  @Test("the report echoes its inputs and places each collaboration as a whole")
  func inputs() {
    let scenario = Scenario(name: "Escalation", events: [.init(year: 2, shock: "escalation", severity: 1)])
    let r = Self.plan(seed: .max, scenario: scenario).run()
    #expect(r.inputs.seed == .max)
    #expect(r.inputs.trials == 1_000 && r.inputs.years == 8)
    #expect(r.inputs.catalogueVersion == "test-1")
    #expect(r.inputs.portfolio == Self.portfolio)
    #expect(r.inputs.scenario == "Escalation" && r.inputs.events == scenario.events && r.inputs.randomShocks)
    #expect(r.inputs.frontierTrials == 1_000)
    #expect(r.placements.map(\.riskiestDomain) == ["calm", "hot", "hot"])
    #expect(r.placements[2].risk == r.placements[1].risk)
    #expect(r.placements[1].exposure.first { $0.criterion == .military }?.score == 1)
    #expect(r.collaborations.map(\.id) == ["a", "b", "c"])
  }

  @Test("the JSON is stable across threads, reads back, and holds a UInt64 seed")
  func json() throws {
    let one = try Self.plan(seed: .max, threads: 1).run().json()
    let two = try Self.plan(seed: .max, threads: 2).run().json()
    #expect(one == two)
    let text = String(decoding: one, as: UTF8.self)
    #expect(text.contains("\"seed\" : 18446744073709551615"))
    #expect(text.contains("\"value_at_risk5\""))
    #expect(text.hasSuffix("}\n"))
    let back = try SimulationReport.decode(one)
    #expect(try back.json() == one)
  }

  @Test("comparing structures simulates each collaboration both ways on the same shocks")
  func comparison() throws {
    let r = Self.plan().run()
    let comparison = try #require(r.comparison)
    #expect(comparison.map(\.id) == ["a", "b", "c"])
    #expect(comparison[2].chosen == .separate)
    // The portfolio's own structures are one of the two runs, on the same random numbers.
    #expect(comparison[0].integrated.delivered == r.collaborations[0].delivered)
    #expect(comparison[2].separate.delivered == r.collaborations[2].delivered)
    // Separate-but-coordinated work survives the risky domain better.
    #expect(comparison[1].separate.survival >= comparison[1].integrated.survival)
  }

  @Test("the frontier stays within the budget and recommends for the portfolio's appetite")
  func frontier() throws {
    let f = try #require(Self.plan().run().frontier)
    #expect(f.method == "exhaustive")
    #expect(f.riskAppetite == 0.3)
    #expect(f.points.allSatisfy { $0.budget <= 25 })
    #expect(f.recommended != nil)
    #expect(Self.plan(compare: false, frontier: false).run().frontier == nil)
  }

  @Test("progress counts every trial of every run, and ends at the total")
  func progress() {
    final class Seen: @unchecked Sendable {
      let lock = NSLock()
      var values: [(Int, Int)] = []
    }
    let seen = Seen()
    let plan = Self.plan(threads: 1)
    _ = plan.run { done, total in
      seen.lock.lock()
      seen.values.append((done, total))
      seen.lock.unlock()
    }
    #expect(plan.totalTrials == 3_000)
    #expect(seen.values.allSatisfy { $0.1 == 3_000 })
    #expect(seen.values.map(\.0) == seen.values.map(\.0).sorted())
    #expect(seen.values.last?.0 == 3_000)
  }

  @Test("the text report lists collaborations, portfolio measures, structures and the frontier")
  func text() {
    let text = SimulationText.render(Self.plan().run())
    #expect(
      text.hasPrefix(
        "Simulation of “Report test”: 3 collaborations, 8 years\n1000 trials, seed 9, shock catalogue test-1, random shocks, rubric "
      ))
    for part in [
      "value at risk (5%)", "expected shortfall (5%)", "P(all ended)", "Structures compared",
      "Frontier: portfolios that no other beats", "Recommended for risk appetite 0.3",
    ] {
      #expect(text.contains(part), "\(part)")
    }
  }
}
