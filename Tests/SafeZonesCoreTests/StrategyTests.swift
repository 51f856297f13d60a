import Testing

@testable import SafeZonesCore

@Suite("Strategies")
struct StrategyTests {
  let rubric = Fixtures.rubric()

  func strategy(_ scores: [CriterionID: Double]) -> (Placement, Strategy) {
    let a = Fixtures.assessment(scores)
    let p = Scoring.place(a, rubric: rubric)
    return (p, Playbook.standard.strategy(for: p, assessment: a))
  }

  @Test("every quadrant has a stance citing the essay")
  func stances() {
    for q in Quadrant.allCases {
      let stance = Playbook.standard.stances[q]
      #expect(stance?.quadrant == q)
      #expect(stance?.precedent.passage.isEmpty == false)
    }
  }

  @Test("every rule cites an essay example and has a unique id")
  func rules() {
    let ids = Playbook.standard.rules.map(\.id)
    #expect(Set(ids).count == ids.count)
    for rule in Playbook.standard.rules {
      #expect(!rule.precedent.example.isEmpty && !rule.precedent.passage.isEmpty)
    }
  }

  @Test("high military applicability in a high-gain area: firewall the applications")
  func firewall() {
    let (p, s) = strategy(
      Fixtures.all(1, [.fundamentality: 4, .spillovers: 4, .scale: 4, .parity: 4, .military: 3, .maturity: 0]))
    #expect(p.quadrant.highGains)
    let action = s.actions.first { $0.id == "firewall-applications" }
    #expect(action != nil)
    #expect(action?.because.contains { $0.criterion == .military } == true)
  }

  @Test("high salience: reframe the scope, citing the zoonotic-disease example")
  func reframe() {
    let (_, s) = strategy(Fixtures.all(2, [.salience: 4]))
    let action = s.actions.first { $0.id == "reframe-scope" }
    #expect(action?.precedent.example.contains("zoonotic") == true)
  }

  @Test("high gains and high risk: prepare a separate-but-coordinated structure and build constituencies")
  func politicalEngineering() {
    let (p, s) = strategy(Fixtures.all(3, [.maturity: 1, .stakeholderSupport: 1, .indifference: 0]))
    #expect(p.quadrant == .politicalEngineering)
    #expect(s.stance.quadrant == .politicalEngineering)
    let ids = s.actions.map(\.id)
    #expect(ids.contains("separate-but-coordinated"))
    #expect(ids.contains("build-constituencies"))
  }

  @Test("actions tied to the strongest drivers come first")
  func ordering() {
    let (p, s) = strategy(Fixtures.all(1, [.securityExposure: 4, .salience: 3]))
    #expect(p.contribution(.securityExposure)!.value > p.contribution(.salience)!.value)
    let verify = s.actions.firstIndex { $0.id == "verify-and-harden" }!
    let reframe = s.actions.firstIndex { $0.id == "reframe-scope" }!
    #expect(verify < reframe)
  }

  @Test("an incomplete assessment asks for completion")
  func incomplete() {
    let (_, s) = strategy([.fundamentality: 4])
    #expect(s.actions.contains { $0.id == "complete-assessment" })
  }

  @Test("a quiet safe-zone domain gets no risk actions")
  func quiet() {
    let (p, s) = strategy(
      Fixtures.all(
        0, [.fundamentality: 4, .spillovers: 4, .parity: 3, .scale: 2, .stakeholderSupport: 3, .indifference: 3]))
    #expect(p.quadrant == .safeZone)
    let ids = Set(s.actions.map(\.id))
    #expect(
      ids.isDisjoint(with: ["firewall-applications", "verify-and-harden", "reframe-scope", "separate-but-coordinated"]))
  }
}

@Suite("Strategy reasons")
struct ReasonTests {
  @Test("reasons are not repeated, and two bounds on one criterion read as a range")
  func merged() {
    let rubric = Fixtures.rubric()
    let a = Fixtures.assessment(
      Fixtures.all(3, [.maturity: 1, .stakeholderSupport: 1, .indifference: 0, .military: 3]))
    let p = Scoring.place(a, rubric: rubric)
    let s = Playbook.standard.strategy(for: p, assessment: a)
    for action in s.actions {
      #expect(Set(action.because.map(\.text)).count == action.because.count, "\(action.id)")
    }
    let watch = Fixtures.assessment(Fixtures.all(1, [.fundamentality: 4, .military: 3]))
    let w = Playbook.standard.strategy(for: Scoring.place(watch, rubric: rubric), assessment: watch)
    let north = w.actions.first { $0.id == "watch-north-west" }
    #expect(
      north?.because.filter { $0.criterion == .military }.map(\.text) == [
        "Military applicability scored 3 (between 1.5 and 3)"
      ])
  }
}
