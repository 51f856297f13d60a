import Foundation
import Testing

@testable import SafeZonesCore

@Suite("Quadrant probabilities are rounded as a whole and sum to exactly 1")
struct SharesTests {
  /// The units of `digits` decimals in each share, and their exact sum.
  static func units(_ shares: [Double], digits: Int) -> [Int] {
    let scale = pow(10.0, Double(digits))
    return shares.map { Int(($0 * scale).rounded()) }
  }

  @Test("thirds: the leftover unit goes to the first of equal remainders")
  func thirds() {
    #expect(Format.shares(counts: [1, 1, 1]) == [0.3334, 0.3333, 0.3333])
    #expect(Format.shares(counts: [0, 2, 1, 0], digits: 2) == [0, 0.67, 0.33, 0])
    #expect(Format.shares(counts: [0, 0]) == [0, 0])
  }

  @Test("random counts: the units add up to the whole and each share is within one unit of exact")
  func randomCounts() {
    var rng = SplitMix64(seed: 11)
    for _ in 0..<2_000 {
      let n = 2 + Int(rng.next() % 5)
      let counts = (0..<n).map { _ in Int(rng.next() % 100_000) * Int(rng.next() % 2) }
      let total = counts.reduce(0, +)
      let digits = 1 + Int(rng.next() % 4)
      let shares = Format.shares(counts: counts, digits: digits)
      guard total > 0 else { continue }
      let units = Self.units(shares, digits: digits)
      let scale = Int(pow(10.0, Double(digits)))
      #expect(units.reduce(0, +) == scale, "\(counts) → \(shares)")
      for (count, unit) in zip(counts, units) {
        let exact = Double(count) * Double(scale) / Double(total)
        #expect(abs(Double(unit) - exact) < 1, "\(counts) → \(shares)")
      }
    }
  }

  @Test("Monte Carlo probabilities of uncertain judgements sum to exactly 1")
  func monteCarloSumsToOne() throws {
    let rubric = Fixtures.rubric()
    var rng = SplitMix64(seed: 5)
    for index in 0..<40 {
      var distributions: [CriterionID: ScoreDistribution] = [:]
      for id in CriterionID.allCases {
        let a = Double(rng.next() % 400) / 100
        let b = Double(rng.next() % 400) / 100
        distributions[id] = .pert(low: min(a, b), likely: min(a, b), high: max(a, b))
      }
      let pooled = try Pooling.pool(
        [Judge(assessor: "A", perspective: nil, distributions: distributions)], id: "d\(index)")
      let placement = MonteCarlo.run([pooled], rubric: rubric, options: .init(samples: 997, seed: UInt64(index)))[0]
      let units = Self.units(Quadrant.allCases.map { placement.probabilities[$0]! }, digits: 4)
      #expect(units.reduce(0, +) == 10_000, "\(placement.probabilities)")
      #expect(placement.confidence == placement.probabilities[placement.mostLikely])
    }
  }
}
