import Testing

@testable import SafeZonesCore

@Suite("Scoring")
struct ScoringTests {
  let rubric = Fixtures.rubric()

  func place(_ scores: [CriterionID: Double]) -> Placement {
    Scoring.place(Fixtures.assessment(scores), rubric: rubric)
  }

  @Test("gains is the weighted mean of the gains criteria, maturity inverted")
  func gainsFormula() {
    // setup: fundamentality 4 (w 1.5), maturity 4 (w 1, inverted → 0), others 2 (w 1 each × 5)
    let p = place(Fixtures.all(2, [.fundamentality: 4, .maturity: 4]))
    // check: (1.5·1 + 1·0 + 5·0.5) / 7.5
    #expect(abs(p.gains - (1.5 + 2.5) / 7.5) < 1e-12)
  }

  @Test("risk follows (1−λ)·mean + λ·peak, mitigated by (1−μ·m)")
  func riskFormula() {
    let scores = Fixtures.all(0, [.economic: 2, .salience: 4, .stakeholderSupport: 2, .indifference: 2])
    let p = place(scores)
    let weights = 1.5 + 1 + 1.5 + 0.75 + 1
    let mean = (1 * 0.5 + 1 * 1.0) / weights
    let peak = 1.0 / 1.5 * 1.0  // salience weight 1 over max weight 1.5, at level 4
    let unmitigated = 0.5 * mean + 0.5 * peak
    #expect(abs(p.risk - unmitigated * (1 - 0.4 * 0.5)) < 1e-12)
    #expect(p.riskBreakdown.floorCriterion == nil)
  }

  @Test("one severe risk factor is not averaged away by mild ones")
  func severeFactorShowsThrough() {
    // setup: military at 4, every other risk criterion at its mildest
    let severe = place(Fixtures.all(0, [.military: 4, .fundamentality: 4]))
    let mild = place(Fixtures.all(0, [.military: 1, .economic: 1, .securityExposure: 1, .dominance: 1, .salience: 1]))
    // check
    #expect(severe.risk >= rubric.thresholds.risk)
    #expect(severe.quadrant.highRisk)
    #expect(mild.risk < severe.risk)
    #expect(severe.contribution(.military)!.isPeak)
  }

  @Test(
    "mitigations lower risk but cannot erase a severe military or security factor",
    arguments: [CriterionID.military, .securityExposure])
  func mitigationFloor(_ id: CriterionID) {
    let unmitigated = place(Fixtures.all(0, [id: 4]))
    let mitigated = place(Fixtures.all(0, [id: 4, .stakeholderSupport: 4, .indifference: 4]))
    #expect(mitigated.risk <= unmitigated.risk)
    #expect(mitigated.risk >= 0.6 - 1e-12)
    #expect(mitigated.riskBreakdown.floorCriterion == id)
    #expect(mitigated.contribution(id)!.heldFloor)
    // A severe economic factor has no floor: full mitigation can bring it below the threshold.
    let economic = place(Fixtures.all(0, [.economic: 4, .stakeholderSupport: 4, .indifference: 4]))
    #expect(economic.risk < 0.5)
  }

  @Test("contributions add up exactly to each axis value")
  func contributionsSum() {
    var rng = SplitMix64(seed: 7)
    for _ in 0..<500 {
      var scores: [CriterionID: Double] = [:]
      for id in CriterionID.allCases where Int.random(in: 0..<6, using: &rng) != 0 {
        scores[id] = Double(Int.random(in: 0...8, using: &rng)) / 2
      }
      let p = place(scores)
      let gains = p.contributions.filter { $0.axis == .gains }.map(\.value).reduce(0, +)
      let risk = p.contributions.filter { $0.axis != .gains }.map(\.value).reduce(0, +)
      if scores.keys.contains(where: { $0.canonicalAxis == .gains }) {
        #expect(abs(gains - p.gains) < 1e-9)
      }
      if scores.keys.contains(where: { $0.canonicalAxis == .risk }) {
        #expect(abs(risk - p.risk) < 1e-9)
      }
    }
  }

  @Test("both axes are monotone in every criterion")
  func monotone() {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<300 {
      var scores = Dictionary(
        uniqueKeysWithValues: CriterionID.allCases.map { ($0, Double.random(in: 0...4, using: &rng)) })
      let before = place(scores)
      let id = CriterionID.allCases.randomElement(using: &rng)!
      scores[id] = min(4, scores[id]! + Double.random(in: 0...2, using: &rng))
      let after = place(scores)
      switch id.canonicalAxis {
      case .gains:
        if id.isInverse {
          #expect(after.gains <= before.gains + 1e-12)
        } else {
          #expect(after.gains >= before.gains - 1e-12)
        }
        #expect(after.risk == before.risk)
      case .risk:
        #expect(after.risk >= before.risk - 1e-12)
        #expect(after.gains == before.gains)
      case .mitigation:
        #expect(after.risk <= before.risk + 1e-12)
      }
    }
  }

  @Test("values stay within [0, 1] at the extremes")
  func bounds() {
    for value in [0.0, 4.0] {
      let p = place(Fixtures.all(value))
      #expect((0...1).contains(p.gains))
      #expect((0...1).contains(p.risk))
    }
    #expect(place(Fixtures.all(4, [.maturity: 0, .stakeholderSupport: 0, .indifference: 0])).risk == 1)
    #expect(place(Fixtures.all(4, [.maturity: 0])).gains == 1)
  }

  @Test("quadrants follow the thresholds; a value on a threshold counts as high")
  func quadrants() {
    let t = Thresholds(gains: 0.5, risk: 0.5, margin: 0.05)
    #expect(Quadrant(gains: 0.8, risk: 0.2, thresholds: t) == .safeZone)
    #expect(Quadrant(gains: 0.8, risk: 0.8, thresholds: t) == .politicalEngineering)
    #expect(Quadrant(gains: 0.2, risk: 0.8, thresholds: t) == .monitor)
    #expect(Quadrant(gains: 0.2, risk: 0.2, thresholds: t) == .traditional)
    #expect(Quadrant(gains: 0.5, risk: 0.5, thresholds: t) == .politicalEngineering)
  }

  @Test("a placement within the margin of a threshold is borderline, on the right axis")
  func borderline() {
    // gains exactly at the threshold: every gains criterion at 2 (maturity inverted is also 0.5)
    let p = place(Fixtures.all(2, [.military: 0, .economic: 0, .securityExposure: 0, .dominance: 0, .salience: 0]))
    #expect(abs(p.gains - 0.5) < 1e-12)
    #expect(p.borderline)
    #expect(p.borderlineAxes == [.gains])
    let clear = place(Fixtures.all(0, [.fundamentality: 4, .spillovers: 4, .scale: 4]))
    #expect(!clear.borderline)
  }

  @Test("missing criteria are reported, placed from the rest, and widen the envelope")
  func missing() {
    var scores = Fixtures.all(2)
    scores[.military] = nil
    scores[.parity] = nil
    let p = place(scores)
    #expect(p.missing == [.parity, .military])
    #expect(p.gainsEnvelope.lowerBound < p.gains && p.gains < p.gainsEnvelope.upperBound)
    #expect(p.riskEnvelope.upperBound > p.risk)
    #expect(p.contribution(.military)!.score == nil)
    #expect(p.contribution(.military)!.value == 0)
  }

  @Test("an empty assessment sits at the centre with the widest envelope")
  func empty() {
    let p = Scoring.place(scores: [:], rubric: rubric)
    #expect(p.gains == 0.5)
    #expect(p.gainsEnvelope == 0...1)
    #expect(p.missing.count == 14)
  }

  @Test("ranges place the likely value and report the low/high envelope")
  func ranges() {
    var scores = Fixtures.all(2).mapValues(ScoreValue.point)
    scores[.fundamentality] = .range(low: 1, likely: 2, high: 4)
    scores[.military] = .range(low: 0, likely: 2, high: 3)
    let p = Scoring.place(scores: scores, rubric: rubric)
    let point = Scoring.place(scores: scores.mapValues { .point($0.likely) }, rubric: rubric)
    #expect(p.gains == point.gains && p.risk == point.risk)
    #expect(p.gainsEnvelope.lowerBound < p.gains && p.gainsEnvelope.upperBound > p.gains)
    #expect(p.riskEnvelope.lowerBound < p.risk && p.riskEnvelope.upperBound > p.risk)
    // The envelope's ends are placements of the corner assessments.
    var highGains = scores.mapValues(\.likely)
    highGains[.fundamentality] = 4
    #expect(abs(Scoring.axes(highGains, rubric: rubric).gains - p.gainsEnvelope.upperBound) < 1e-12)
    #expect(p.hasEnvelope)
  }

  @Test("a zero-weight criterion does not move the placement")
  func zeroWeight() {
    var r = rubric
    r.criteria[r.criteria.firstIndex { $0.id == .salience }!].weight = 0
    let a = Scoring.place(Fixtures.assessment(Fixtures.all(1, [.salience: 0])), rubric: r)
    let b = Scoring.place(Fixtures.assessment(Fixtures.all(1, [.salience: 4])), rubric: r)
    #expect(a.risk == b.risk)
  }
}
