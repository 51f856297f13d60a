import Foundation
import RealModule

/// A probability distribution of one criterion's score on the 0–4 scale.
public enum ScoreDistribution: Sendable, Hashable {
  /// All mass at one value (a point judgement).
  case point(Double)
  /// A beta distribution scaled to `[lower, upper]` (PERT from a three-point range, or a
  /// fit to quantiles).
  case beta(ScaledBeta)
  /// A normal distribution truncated to `[lower, upper]` (a fit to quantiles).
  case truncatedNormal(TruncatedNormal)

  /// P(X ≤ x).
  public func cdf(_ x: Double) -> Double {
    switch self {
    case .point(let v): return x >= v ? 1 : 0
    case .beta(let b): return b.cdf(x)
    case .truncatedNormal(let n): return n.cdf(x)
    }
  }

  /// The density at x (0 for a point).
  public func pdf(_ x: Double) -> Double {
    switch self {
    case .point: return 0
    case .beta(let b): return b.pdf(x)
    case .truncatedNormal(let n): return n.pdf(x)
    }
  }

  public var mean: Double {
    switch self {
    case .point(let v): return v
    case .beta(let b): return b.lower + (b.upper - b.lower) * b.alpha / (b.alpha + b.beta)
    case .truncatedNormal(let n): return n.mean
    }
  }

  /// The p-quantile (by bisection on the CDF; for reporting, not for sampling).
  public func quantile(_ p: Double) -> Double {
    if case .point(let v) = self { return v }
    var lo = ScoreValue.scale.lowerBound
    var hi = ScoreValue.scale.upperBound
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if cdf(mid) < p { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }

  public var isPoint: Bool { if case .point = self { return true } else { return false } }

  /// The family name used in reports.
  public var family: String {
    switch self {
    case .point: return "point"
    case .beta: return "beta"
    case .truncatedNormal: return "truncated-normal"
    }
  }

  /// The PERT distribution of a three-point judgement: a beta on `[low, high]` with mode
  /// `likely` and shape λ = 4 (the usual PERT weighting), or a point when `low == high`.
  public static func pert(low: Double, likely: Double, high: Double) -> ScoreDistribution {
    guard high - low > 1e-9 else { return .point(likely) }
    let alpha = 1 + 4 * (likely - low) / (high - low)
    let beta = 1 + 4 * (high - likely) / (high - low)
    return .beta(ScaledBeta(alpha: alpha, beta: beta, lower: low, upper: high))
  }
}

/// A beta distribution on `[lower, upper]`.
public struct ScaledBeta: Sendable, Hashable {
  public var alpha: Double
  public var beta: Double
  public var lower: Double
  public var upper: Double
  let logNorm: Double

  public init(alpha: Double, beta: Double, lower: Double = 0, upper: Double = 4) {
    self.alpha = alpha
    self.beta = beta
    self.lower = lower
    self.upper = upper
    logNorm = Double.logGamma(alpha + beta) - Double.logGamma(alpha) - Double.logGamma(beta)
  }

  public func cdf(_ x: Double) -> Double {
    if x <= lower { return 0 }
    if x >= upper { return 1 }
    return SpecialFunctions.regularizedIncompleteBeta(alpha, beta, (x - lower) / (upper - lower))
  }

  public func pdf(_ x: Double) -> Double {
    guard x > lower, x < upper else { return 0 }
    let t = (x - lower) / (upper - lower)
    return Foundation.exp(logNorm + (alpha - 1) * Foundation.log(t) + (beta - 1) * Foundation.log1p(-t))
      / (upper - lower)
  }
}

/// A normal distribution N(μ, σ²) truncated to `[lower, upper]`.
public struct TruncatedNormal: Sendable, Hashable {
  public var mu: Double
  public var sigma: Double
  public var lower: Double
  public var upper: Double
  let cdfLower: Double
  let mass: Double

  public init(mu: Double, sigma: Double, lower: Double = 0, upper: Double = 4) {
    self.mu = mu
    self.sigma = sigma
    self.lower = lower
    self.upper = upper
    cdfLower = SpecialFunctions.normalCDF((lower - mu) / sigma)
    mass = max(1e-300, SpecialFunctions.normalCDF((upper - mu) / sigma) - cdfLower)
  }

  public func cdf(_ x: Double) -> Double {
    if x <= lower { return 0 }
    if x >= upper { return 1 }
    return min(1, max(0, (SpecialFunctions.normalCDF((x - mu) / sigma) - cdfLower) / mass))
  }

  public func pdf(_ x: Double) -> Double {
    guard x >= lower, x <= upper else { return 0 }
    let z = (x - mu) / sigma
    return Foundation.exp(-0.5 * z * z) / (sigma * (2 * Double.pi).squareRoot()) / mass
  }

  public var mean: Double {
    let a = (lower - mu) / sigma
    let b = (upper - mu) / sigma
    let phi = { (z: Double) in Foundation.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
    return mu + sigma * (phi(a) - phi(b)) / mass
  }
}

/// Special functions needed by the distributions.
public enum SpecialFunctions {
  /// Φ(z), the standard normal CDF.
  public static func normalCDF(_ z: Double) -> Double { 0.5 * Double.erfc(-z / 2.0.squareRoot()) }

  /// I_x(a, b), the regularised incomplete beta function (continued fraction, Lentz).
  public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront =
      Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b) + a * Foundation.log(x) + b
      * Foundation.log1p(-x)
    // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
    if x < (a + 1) / (a + b + 2) {
      return Foundation.exp(logFront) * continuedFraction(a, b, x) / a
    }
    return 1 - Foundation.exp(logFront) * continuedFraction(b, a, 1 - x) / b
  }

  static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...300 {
      let m = Double(m)
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-14 { break }
    }
    return h
  }
}
