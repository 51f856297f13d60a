/// The scoring rule compiled into flat coefficient arrays, so that a Monte Carlo sample
/// costs a few dozen multiply-adds. Built from the same `Scoring.Coefficients` as
/// `Scoring.place`, and equal to it when every criterion is scored (tested on random
/// rubrics), which is always the case in sampling: a criterion no judge scored is sampled
/// uniformly over 0–4 (complete ignorance) instead of being left out.
public struct CompiledScoring: Sendable {
  public let criteria: [CriterionID]
  /// Where gains, the weighted mean of risk and its peak start before any criterion adds
  /// to them: the inverted criterion's full share for gains, else 0; the axis defaults
  /// when no criterion of the axis counts.
  let gainsConstant: Double
  let meanConstant: Double
  let peakConstant: Double
  /// The five coefficients of each criterion interleaved (gains, mean, peak, mitigation,
  /// floor), for one cache-friendly pass.
  let coefficients: [Double]
  public let thresholds: Thresholds

  public init(rubric: Rubric) { self.init(Scoring.Coefficients(rubric)) }

  init(_ rule: Scoring.Coefficients) {
    criteria = rule.terms.map(\.id)
    var constant = 0.0
    var coefficients: [Double] = []
    coefficients.reserveCapacity(5 * rule.terms.count)
    for t in rule.terms {
      // Gains is Σ share · x, or share · (1 − x) for maturity: a constant and −share · x.
      let g = t.gainsShare / 4
      if t.isInverse && t.axis == .gains {
        coefficients.append(-g)
        constant += g * 4
      } else {
        coefficients.append(g)
      }
      coefficients += [t.mean, t.peak, t.mitigation, t.floor]
    }
    gainsConstant = rule.gainsWeight > 0 ? constant : Scoring.Coefficients.defaultGains
    let lambda = rule.peakShare
    meanConstant = rule.riskWeight > 0 ? 0 : (1 - lambda) * Scoring.Coefficients.defaultRisk
    peakConstant = rule.riskWeight > 0 ? 0 : lambda * Scoring.Coefficients.defaultRisk
    self.coefficients = coefficients
    thresholds = rule.thresholds
  }

  /// Gains and risk of one complete set of scores, in `criteria` order.
  @inline(__always)
  public func axes(_ s: UnsafeBufferPointer<Double>) -> (gains: Double, risk: Double) {
    var gains = gainsConstant
    var mean = meanConstant
    var peak = peakConstant
    var mitigation = Scoring.Coefficients.defaultMitigation
    var floor = 0.0
    coefficients.withUnsafeBufferPointer { k in
      let n = s.count
      for i in 0..<n {
        let v = s[i]
        let base = i &* 5
        gains += k[base] * v
        mean += k[base &+ 1] * v
        peak = Swift.max(peak, k[base &+ 2] * v)
        mitigation += k[base &+ 3] * v
        floor = Swift.max(floor, k[base &+ 4] * v)
      }
    }
    let unmitigated = mean + peak
    let risk = Swift.max(unmitigated * (1 - mitigation), Swift.min(unmitigated, floor))
    return (gains, risk)
  }
}
