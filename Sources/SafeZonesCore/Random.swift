/// A small, fast, seedable generator (SplitMix64, as swift-argument-parser's `roll --seed`
/// uses). Every random computation in SafeZones takes a generator so that results are
/// reproducible from a seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  @inline(__always)
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  @inline(__always)
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}

/// Synthetic domains for benchmarks and property tests.
public enum Synthetic {
  /// `count` domains with every criterion scored (one in five as a range), reproducible
  /// from the generator's seed.
  public static func domains<G: RandomNumberGenerator>(count: Int, rubric: Rubric, using rng: inout G) -> [Domain] {
    let day = Day(year: 2026, month: 11, day: 1)!
    return (0..<count).map { i in
      var scores: [CriterionID: CriterionScore] = [:]
      for c in rubric.criteria {
        let likely = Double(Int.random(in: 0...8, using: &rng)) / 2
        if Int.random(in: 0..<5, using: &rng) == 0 {
          let low = max(0, likely - Double(Int.random(in: 1...2, using: &rng)) / 2)
          let high = min(4, likely + Double(Int.random(in: 1...2, using: &rng)) / 2)
          scores[c.id] = CriterionScore(.range(low: low, likely: likely, high: high), rationale: "synthetic")
        } else {
          scores[c.id] = CriterionScore(.point(likely), rationale: "synthetic")
        }
      }
      return Domain(
        id: "domain-\(i)", name: "Synthetic domain \(i)", tags: ["synthetic"],
        assessments: [Assessment(assessor: "bench", date: day, scores: scores)])
    }
  }
}
