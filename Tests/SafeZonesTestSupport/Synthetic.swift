import Foundation
import SafeZonesCore

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
