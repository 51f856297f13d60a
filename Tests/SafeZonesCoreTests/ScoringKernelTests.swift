import Testing

@testable import SafeZonesCore

/// The compiled Monte Carlo kernel and the explainable scoring are one rule: built from the
/// same coefficients, they agree on every rubric, not only the shipped one.
@Suite("Scoring kernel")
struct ScoringKernelTests {
  /// A random rubric: every criterion once, in a shuffled order, with weights that are often
  /// 0 (now and then a whole axis), λ and μ anywhere in 0…1 including the ends, and random
  /// mitigation floors on risk criteria, weighted or not.
  static func randomRubric(_ rng: inout SplitMix64) -> Rubric {
    func pick<T>(_ options: [T]) -> T { options[Int(rng.next() % UInt64(options.count))] }
    let silent = pick([nil, nil, nil, nil, nil, Axis.gains, .risk, .mitigation])
    var criteria = CriterionID.allCases.map { id -> Criterion in
      let weight =
        id.canonicalAxis == silent ? 0 : pick([0, 0, 1, 1.5, 0.75, rng.nextUnit() * 3, rng.nextUnit() * 3])
      let floor = id.canonicalAxis == .risk ? pick([0, 0.6, 1, rng.nextUnit(), rng.nextUnit()]) : 0
      return Criterion(
        id: id, weight: weight, question: "\(id.rawValue)?", levels: ["0", "1", "2", "3", "4"],
        mitigationFloor: floor)
    }
    criteria.shuffle(using: &rng)
    return Rubric(
      version: "random",
      aggregation: AggregationParameters(
        peakShare: pick([0, 1, 0.5, rng.nextUnit(), rng.nextUnit()]),
        mitigationStrength: pick([0, 1, 0.4, rng.nextUnit(), rng.nextUnit()])),
      criteria: criteria)
  }

  /// A complete set of scores: continuous, on the half-point grid (ties for the peak), or
  /// at the ends of the scale.
  static func randomScores(_ rng: inout SplitMix64) -> [CriterionID: Double] {
    let style = rng.next() % 3
    return Dictionary(
      uniqueKeysWithValues: CriterionID.allCases.map { id in
        switch style {
        case 0: return (id, rng.nextUnit() * 4)
        case 1: return (id, Double(rng.next() % 9) / 2)
        default: return (id, rng.next() % 2 == 0 ? 0 : 4)
        }
      })
  }

  @Test("the compiled kernel equals Scoring.place on random rubrics and complete scores")
  func kernelEqualsPlacement() {
    // setup
    var rng = SplitMix64(seed: 2026)
    var failures: [String] = []
    var comparisons = 0
    var zeroWeightFloors = 0
    var floorsHeld = 0
    for r in 0..<400 {
      let rubric = Self.randomRubric(&rng)
      let compiled = CompiledScoring(rubric: rubric)
      if rubric.criteria.contains(where: { $0.weight == 0 && $0.mitigationFloor > 0 }) { zeroWeightFloors += 1 }
      for _ in 0..<50 {
        let scores = Self.randomScores(&rng)
        // act
        let placement = Scoring.place(scores: scores.mapValues { .point($0) }, rubric: rubric)
        let values = compiled.criteria.map { scores[$0]! }
        let fast = values.withUnsafeBufferPointer { compiled.axes($0) }
        // check
        comparisons += 1
        if placement.riskBreakdown.floor > placement.riskBreakdown.mitigated { floorsHeld += 1 }
        if abs(fast.gains - placement.gains) > 1e-12 || abs(fast.risk - placement.risk) > 1e-12 {
          failures.append(
            "rubric \(r): kernel (\(fast.gains), \(fast.risk)) ≠ place (\(placement.gains), \(placement.risk))")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) of \(comparisons): \(failures.prefix(5).joined(separator: "; "))")
    // The random rubrics reached the cases where the two could part: floors that hold, and
    // floors on criteria of weight 0 (ignored by both).
    #expect(zeroWeightFloors > 20)
    #expect(floorsHeld > 100)
  }

}
