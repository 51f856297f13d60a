import Foundation

/// One portfolio on the efficiency–resilience trade-off.
public struct FrontierPoint: Sendable, Hashable, Codable {
  public var collaborations: [String]
  public var budget: Double
  /// Expected total delivered gains over the horizon.
  public var expected: Double
  /// Mean of the worst 5% of trials (the downside).
  public var expectedShortfall5: Double
}

/// The set of portfolios that trade expected gains against downside — the essay's
/// tension between resilience and efficiency.
public struct Frontier: Sendable, Hashable, Codable {
  /// Non-dominated portfolios within the budget, by increasing expected gains.
  public var points: [FrontierPoint]
  /// The portfolio that maximises appetite·E + (1 − appetite)·ES₅.
  public var recommended: FrontierPoint?
  public var riskAppetite: Double
  /// `exhaustive` (every subset) or `greedy` (many candidates searched).
  public var method: String
  public var trials: Int

  /// Builds the frontier from per-trial delivered totals (`totals[trial][collaboration]`,
  /// simulated with common random numbers so correlations between collaborations count).
  public static func build(
    totals: [[Double]], collaborations: [Collaboration], budget: Double?, riskAppetite: Double
  ) -> Frontier {
    let n = collaborations.count
    let limit = budget ?? collaborations.map(\.budget).reduce(0, +)
    let trials = totals.count
    var evaluated: [UInt64: FrontierPoint] = [:]
    var sums = [Double](repeating: 0, count: trials)

    func evaluate(_ members: [Int]) -> FrontierPoint {
      for t in 0..<trials {
        var s = 0.0
        for i in members { s += totals[t][i] }
        sums[t] = s
      }
      let (expected, shortfall) = Simulator.meanAndShortfall(sorted: sums.sorted())
      return FrontierPoint(
        collaborations: members.map { collaborations[$0].id },
        budget: Format.rounded(cost(members)),
        expected: Format.rounded(expected), expectedShortfall5: Format.rounded(shortfall))
    }
    func key(_ members: [Int]) -> UInt64 { members.reduce(0) { $0 | (1 << UInt64($1 % 64)) } }
    func cost(_ members: [Int]) -> Double { members.map { collaborations[$0].budget }.reduce(0, +) }

    let method: String
    if n <= 12 {
      method = "exhaustive"
      for mask in 0..<(1 << n) {
        let members = (0..<n).filter { mask & (1 << $0) != 0 }
        guard cost(members) <= limit + 1e-9 else { continue }
        evaluated[UInt64(mask)] = evaluate(members)
      }
    } else {
      method = "greedy"
      // Greedy additions for a range of risk aversions (no swaps).
      for step in 0...10 {
        let aversion = Double(step) / 10
        func objective(_ p: FrontierPoint) -> Double { (1 - aversion) * p.expected + aversion * p.expectedShortfall5 }
        var members: [Int] = []
        var current = evaluate(members)
        while true {
          var best: (Int, FrontierPoint, Double)?
          for i in 0..<n where !members.contains(i) && cost(members + [i]) <= limit + 1e-9 {
            let candidate = evaluate((members + [i]).sorted())
            evaluated[key(members + [i])] = candidate
            let gain = (objective(candidate) - objective(current)) / max(collaborations[i].budget, 1e-9)
            if gain > 0 && (best == nil || gain > best!.2) { best = (i, candidate, gain) }
          }
          guard let chosen = best else { break }
          members.append(chosen.0)
          members.sort()
          current = chosen.1
        }
        evaluated[key(members)] = current
      }
    }
    // Pareto front: no other portfolio has both higher expected gains and higher shortfall.
    let all = evaluated.values.sorted {
      $0.expected != $1.expected
        ? $0.expected < $1.expected : $0.collaborations.lexicographicallyPrecedes($1.collaborations)
    }
    var front: [FrontierPoint] = []
    for p in all {
      let dominated = all.contains {
        ($0.expected >= p.expected && $0.expectedShortfall5 >= p.expectedShortfall5)
          && ($0.expected > p.expected || $0.expectedShortfall5 > p.expectedShortfall5)
      }
      if !dominated
        && !front.contains(where: { $0.expected == p.expected && $0.expectedShortfall5 == p.expectedShortfall5 })
      {
        front.append(p)
      }
    }
    let appetite = min(1, max(0, riskAppetite))
    let recommended = front.max {
      appetite * $0.expected + (1 - appetite) * $0.expectedShortfall5 < appetite * $1.expected + (1 - appetite)
        * $1.expectedShortfall5
    }
    return Frontier(points: front, recommended: recommended, riskAppetite: appetite, method: method, trials: trials)
  }
}
