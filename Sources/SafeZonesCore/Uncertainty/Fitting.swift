import Foundation

/// One elicited quantile: the assessor's value `value` below which the score lies with
/// probability `p` (e.g. p = 0.05, 0.5, 0.95).
public struct ElicitedQuantile: Sendable, Hashable, Codable {
  public var p: Double
  public var value: Double

  public init(p: Double, value: Double) {
    self.p = p
    self.value = value
  }
}

/// The result of fitting a distribution to elicited quantiles.
public struct QuantileFit: Sendable, Hashable {
  public var distribution: ScoreDistribution
  /// Root-mean-square difference between the fitted CDF and the elicited probabilities at
  /// the elicited values (0 = exact).
  public var error: Double
  /// Every family tried, with its error, best first.
  public var candidates: [(family: String, error: Double)]

  public static func == (lhs: QuantileFit, rhs: QuantileFit) -> Bool {
    lhs.distribution == rhs.distribution && lhs.error == rhs.error
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(distribution)
    hasher.combine(error)
  }
}

/// Fitting elicited judgements to distributions on the 0–4 scale, the way the SHELF
/// elicitation package does: least squares on the cumulative distribution over a few
/// candidate families, keeping the best.
public enum Elicitation {
  /// Why a set of quantiles cannot be fitted, in words an assessor understands.
  public static func problems(_ quantiles: [ElicitedQuantile]) -> [String] {
    var out: [String] = []
    if quantiles.count < 2 { out.append(tr("give at least two quantiles (e.g. the 5th, 50th and 95th percentiles)")) }
    for q in quantiles {
      if !(q.p > 0 && q.p < 1) {
        out.append(
          tr("probability {p} must be strictly between 0 and 1", ["p": .text(Format.number(q.p))]))
      }
      if !(q.value.isFinite && ScoreValue.scale.contains(q.value)) {
        out.append(tr("value {value} must be between 0 and 4", ["value": .text(Format.number(q.value))]))
      }
    }
    if !out.isEmpty { return out }
    let sorted = quantiles.sorted { $0.p < $1.p }
    for (a, b) in zip(sorted, sorted.dropFirst()) {
      if a.p == b.p { out.append(tr("probability {p} is given twice", ["p": .text(Format.number(a.p))])) }
      if b.value < a.value {
        out.append(
          tr(
            "quantiles are out of order: the {later} value {laterValue} is below the {earlier} value {earlierValue}",
            [
              "later": .text(percent(b.p)), "laterValue": .text(Format.number(b.value)),
              "earlier": .text(percent(a.p)), "earlierValue": .text(Format.number(a.value)),
            ]))
      }
    }
    if Set(quantiles.map(\.value)).count == 1 {
      out.append(
        tr(
          "all quantiles are the same value {value}: give it as a single score instead",
          ["value": .text(Format.number(quantiles[0].value))]))
    }
    if !(sorted.first!.p <= 0.5 && sorted.last!.p >= 0.5) {
      out.append(
        tr("the probabilities must straddle the median: include one at or below 0.5 and one at or above 0.5"))
    }
    return out
  }

  static func percent(_ p: Double) -> String {
    tr("{number}th percentile", ["number": .text(Format.number(p * 100, digits: 1))])
  }

  /// Fits quantiles with a scaled beta and a truncated normal on [0, 4] and returns the
  /// better fit. Throws the problems of judgements that cannot be fitted.
  public static func fit(_ quantiles: [ElicitedQuantile]) throws(InputError) -> QuantileFit {
    let issues = problems(quantiles)
    if !issues.isEmpty { throw InputError(issues.map { InputIssue(message: $0) }) }
    let q = quantiles.sorted { $0.p < $1.p }
    func loss(_ d: ScoreDistribution) -> Double {
      var sum = 0.0
      for e in q {
        let r = d.cdf(e.value) - e.p
        sum += r * r
      }
      return sum
    }
    let median = interpolatedMedian(q)
    let spread = max(0.05, (q.last!.value - q.first!.value) / max(0.2, 2 * 1.645 * (q.last!.p - q.first!.p)))

    // Beta on [0, 4]: parameters in log space, started from the method of moments.
    let m = min(0.98, max(0.02, median / 4))
    let v = min(m * (1 - m) * 0.9, pow(spread / 4, 2))
    let k = max(0.5, m * (1 - m) / v - 1)
    let betaStart = [Foundation.log(max(0.05, m * k)), Foundation.log(max(0.05, (1 - m) * k))]
    let betaBest = NelderMead.minimize(start: betaStart, step: 0.5) { p in
      let a = Foundation.exp(p[0])
      let b = Foundation.exp(p[1])
      guard a.isFinite, b.isFinite, a > 1e-3, b > 1e-3, a < 1e4, b < 1e4 else { return .infinity }
      return loss(.beta(ScaledBeta(alpha: a, beta: b)))
    }
    let beta = ScoreDistribution.beta(
      ScaledBeta(alpha: Foundation.exp(betaBest.x[0]), beta: Foundation.exp(betaBest.x[1])))

    // Truncated normal on [0, 4]: (μ, log σ).
    let normalBest = NelderMead.minimize(start: [median, Foundation.log(spread)], step: 0.3) { p in
      let s = Foundation.exp(p[1])
      guard p[0] > -8, p[0] < 12, s > 1e-4, s < 50 else { return .infinity }
      return loss(.truncatedNormal(TruncatedNormal(mu: p[0], sigma: s)))
    }
    let normal = ScoreDistribution.truncatedNormal(
      TruncatedNormal(mu: normalBest.x[0], sigma: Foundation.exp(normalBest.x[1])))

    let scored = [(beta, betaBest.value), (normal, normalBest.value)].sorted { $0.1 < $1.1 }
    let rms = { (sse: Double) in (sse / Double(q.count)).squareRoot() }
    return QuantileFit(
      distribution: scored[0].0, error: rms(scored[0].1),
      candidates: scored.map { ($0.0.family, rms($0.1)) })
  }

  static func interpolatedMedian(_ q: [ElicitedQuantile]) -> Double {
    if let exact = q.first(where: { $0.p == 0.5 }) { return exact.value }
    for (a, b) in zip(q, q.dropFirst()) where a.p < 0.5 && b.p > 0.5 {
      return a.value + (b.value - a.value) * (0.5 - a.p) / (b.p - a.p)
    }
    return q[q.count / 2].value
  }
}

/// Nelder–Mead simplex minimisation, enough for two- or three-parameter fits.
public enum NelderMead {
  public static func minimize(
    start: [Double], step: Double, tolerance: Double = 1e-12, maxIterations: Int = 2000,
    _ f: ([Double]) -> Double
  ) -> (x: [Double], value: Double) {
    let n = start.count
    var simplex: [[Double]] = [start]
    for i in 0..<n {
      var p = start
      p[i] += step
      simplex.append(p)
    }
    var values = simplex.map(f)
    for _ in 0..<maxIterations {
      let order = values.indices.sorted { values[$0] < values[$1] }
      simplex = order.map { simplex[$0] }
      values = order.map { values[$0] }
      if abs(values[n] - values[0]) < tolerance { break }
      var centroid = [Double](repeating: 0, count: n)
      for p in simplex.dropLast() { for j in 0..<n { centroid[j] += p[j] / Double(n) } }
      func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
      let reflected = along(-1)
      let fr = f(reflected)
      if fr < values[0] {
        let expanded = along(-2)
        let fe = f(expanded)
        if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
      } else if fr < values[n - 1] {
        simplex[n] = reflected
        values[n] = fr
      } else {
        let contracted = fr < values[n] ? along(-0.5) : along(0.5)
        let fc = f(contracted)
        if fc < min(fr, values[n]) {
          simplex[n] = contracted
          values[n] = fc
        } else {
          for i in 1...n {
            simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
            values[i] = f(simplex[i])
          }
        }
      }
    }
    let best = values.indices.min { values[$0] < values[$1] }!
    return (simplex[best], values[best])
  }
}
