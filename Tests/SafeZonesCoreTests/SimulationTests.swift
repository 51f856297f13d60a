import Foundation
import Testing

@testable import SafeZonesCore

@Suite("Simulation of collaborations under shocks")
struct SimulationTests {
  static let military = ShockKind(
    id: "escalation", name: "Military escalation", rate: 0.3, severityAlpha: 2, severityBeta: 3, impact: 0.4,
    amplifies: [.military: 1], settlement: 0.2, recoveryYears: 4)
  static let cyber = ShockKind(
    id: "cyber", name: "Hacking event", rate: 0.3, severityAlpha: 2, severityBeta: 5, impact: 0.3,
    amplifies: [.securityExposure: 1], settlement: 0.3, recoveryYears: 2)

  func catalogue(
    shocks: [ShockKind] = [military, cyber], _ adjust: (inout SimulationParameters) -> Void = { _ in }
  ) -> ShockCatalogue {
    var p = SimulationParameters()
    adjust(&p)
    return ShockCatalogue(version: "test", parameters: p, shocks: shocks)
  }

  func collaboration(
    _ id: String, value: Double = 10, budget: Double = 10, buffer: Double = 1, structure: Structure = .integrated
  ) -> Collaboration {
    Collaboration(id: id, name: id, domains: [id], value: value, budget: budget, buffer: buffer, structure: structure)
  }

  func profile(risk: Double, military: Double = 0.5, security: Double = 0.5) -> RiskProfile {
    RiskProfile(risk: risk, gains: 0.7, exposure: [.military: military, .securityExposure: security])
  }

  @Test("no shocks and no risk give the deterministic sum")
  func deterministic() {
    let calm = catalogue(shocks: []) { $0.initial = $0.baseline }
    let collabs = [collaboration("a", value: 10), collaboration("b", value: 4, structure: .separate)]
    let sim = Simulator(
      catalogue: calm, collaborations: collabs, profiles: [profile(risk: 0), profile(risk: 0)], years: 20)
    let result = sim.run(SimulationOptions(trials: 500, seed: 1, threads: 1)).result
    #expect(result.collaborations[0].delivered.mean == 200)
    #expect(result.collaborations[1].delivered.mean == 4 * 0.75 * 20)
    #expect(result.portfolio.delivered.mean == 260)
    #expect(result.portfolio.delivered.p5 == 260)
    #expect(result.collaborations[0].survival.allSatisfy { $0 == 1 })
    #expect(result.portfolio.probabilityLoseAll == 0)
  }

  @Test("a constant per-year ending probability gives a geometric survival curve")
  func geometric() {
    // No shocks, relations at baseline, and every suspension final (end_share·risk ≥ 1).
    let calm = catalogue(shocks: []) {
      $0.initial = $0.baseline
      $0.endShare = 1
    }
    let risk = 1.0
    let c = collaboration("a", buffer: 0)
    let p = calm.parameters
    let eta = p.baseHazard * risk * (1 + p.tensionMultiplier * (1 - p.baseline))
    let h = 1 - Foundation.exp(-eta)
    let trials = 40_000
    let result = Simulator(catalogue: calm, collaborations: [c], profiles: [profile(risk: risk)], years: 20)
      .run(SimulationOptions(trials: trials, seed: 3, threads: 2)).result
    for (t, s) in result.collaborations[0].survival.enumerated() {
      let expected = pow(1 - h, Double(t + 1))
      let se = (expected * (1 - expected) / Double(trials)).squareRoot()
      #expect(abs(s - expected) <= 4 * se + 1e-4, "year \(t + 1): \(s) vs \(expected)")
    }
  }

  @Test("doubling the stakeholder buffer never lowers survival", arguments: [0.5, 1.0, 2.0])
  func buffer(_ b: Double) {
    let shocks = catalogue()
    func survival(_ buffer: Double) -> [Double] {
      Simulator(
        catalogue: shocks, collaborations: [collaboration("a", buffer: buffer)], profiles: [profile(risk: 0.6)],
        years: 20
      ).run(SimulationOptions(trials: 4_000, seed: 11, threads: 2)).result.collaborations[0].survival
    }
    let low = survival(b)
    let high = survival(2 * b)
    for (a, c) in zip(low, high) { #expect(c >= a) }
    #expect(high.last! > low.last!)
  }

  @Test("the same seed gives the same result on one thread or two")
  func reproducible() throws {
    let sim = Simulator(
      catalogue: catalogue(),
      collaborations: [collaboration("a"), collaboration("b", buffer: 3, structure: .separate)],
      profiles: [profile(risk: 0.5), profile(risk: 0.7)], years: 15)
    let one = sim.run(SimulationOptions(trials: 3_000, seed: 42, threads: 1))
    let two = sim.run(SimulationOptions(trials: 3_000, seed: 42, threads: 2))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    #expect(try encoder.encode(one.result) == encoder.encode(two.result))
    let other = sim.run(SimulationOptions(trials: 3_000, seed: 43, threads: 2))
    #expect(try encoder.encode(one.result) != encoder.encode(other.result))
  }

  @Test("separate-but-coordinated survives shocks better but delivers less in calm times")
  func structures() {
    let calm = catalogue(shocks: []) { $0.initial = $0.baseline }
    let rough = catalogue(
      shocks: [Self.military, Self.cyber].map {
        var s = $0; s.rate *= 3; return s
      })
    func run(_ cat: ShockCatalogue, _ structure: Structure) -> CollaborationOutcome {
      Simulator(
        catalogue: cat, collaborations: [collaboration("a", structure: structure)], profiles: [profile(risk: 0.6)],
        years: 20
      ).run(SimulationOptions(trials: 4_000, seed: 5, threads: 2)).result.collaborations[0]
    }
    let calmIntegrated = run(calm, .integrated)
    let calmSeparate = run(calm, .separate)
    let roughIntegrated = run(rough, .integrated)
    let roughSeparate = run(rough, .separate)
    #expect(roughSeparate.survival.last! > roughIntegrated.survival.last!)
    #expect(calmSeparate.delivered.mean < calmIntegrated.delivered.mean || calmIntegrated.survival.last! < 1)
    #expect(roughSeparate.delivered.expectedShortfall5 > roughIntegrated.delivered.expectedShortfall5)
  }

  @Test("a scripted escalation in year 3 depresses relations from year 3")
  func scenario() {
    let cat = catalogue()
    let escalation = Scenario(
      name: "Escalation in year 3", events: [.init(year: 3, shock: "escalation", severity: 1)], randomShocks: false)
    let quiet = Scenario(name: "No shocks", events: [], randomShocks: false)
    func relations(_ s: Scenario) -> [Double] {
      Simulator(
        catalogue: cat, collaborations: [collaboration("a")], profiles: [profile(risk: 0.5)], years: 10, scenario: s
      )
      .run(SimulationOptions(trials: 200, seed: 1, threads: 1)).result.portfolio.relations
    }
    let a = relations(escalation)
    let b = relations(quiet)
    #expect(a[0] == b[0] && a[1] == b[1])
    #expect(abs(a[2] - (b[2] - 0.4)) < 1e-3)
    #expect(a[5] > a[2])
  }

  @Test("the frontier is Pareto-efficient and the recommendation follows the risk appetite")
  func frontier() {
    let collabs = [
      collaboration("safe", value: 5, budget: 10, buffer: 3, structure: .separate),
      collaboration("bold", value: 20, budget: 10, buffer: 0),
      collaboration("mid", value: 10, budget: 10, buffer: 1),
    ]
    let sim = Simulator(
      catalogue: catalogue(), collaborations: collabs,
      profiles: [profile(risk: 0.2), profile(risk: 0.9), profile(risk: 0.5)],
      years: 20)
    let totals = sim.run(SimulationOptions(trials: 3_000, seed: 2, threads: 2, frontierTrials: 3_000)).totals
    let bold = Frontier.build(totals: totals, collaborations: collabs, budget: 20, riskAppetite: 1)
    let cautious = Frontier.build(totals: totals, collaborations: collabs, budget: 20, riskAppetite: 0)
    #expect(bold.method == "exhaustive")
    #expect(bold.points.allSatisfy { $0.budget <= 20 })
    for p in bold.points {
      #expect(!bold.points.contains { $0.expected > p.expected && $0.expectedShortfall5 > p.expectedShortfall5 })
    }
    #expect(bold.recommended == bold.points.max { $0.expected < $1.expected })
    #expect(cautious.recommended == cautious.points.max { $0.expectedShortfall5 < $1.expectedShortfall5 })
  }

  @Test("a multi-domain collaboration takes the risk of its riskiest domain")
  func collaborationPlacement() {
    let rubric = Fixtures.rubric()
    let calm = Domain(
      id: "calm", name: "Calm", assessments: [Fixtures.assessment(Fixtures.all(0, [.fundamentality: 4]))])
    let hot = Domain(id: "hot", name: "Hot", assessments: [Fixtures.assessment(Fixtures.all(1, [.military: 4]))])
    let profile = RiskProfile.of(domains: [calm, hot], rubric: rubric)
    #expect(profile.riskiestDomain == "hot")
    #expect(profile.risk == Scoring.place(hot.current!, rubric: rubric).risk)
    #expect(profile.exposure[.military] == 1)
  }
}
