import Foundation

/// A distribution's CDF tabulated on its own support, for fast lookups and mixing.
struct CDFTable: Sendable {
  /// Increasing x values (a repeated x marks a jump: an atom).
  var xs: [Double]
  /// Non-decreasing probabilities at `xs`, from 0 to 1.
  var ps: [Double]

  /// Grid intervals over a distribution's own support; the trapezoid on a smooth density is
  /// accurate to ~1e-6 in probability at this size.
  static let resolution = 256

  init(xs: [Double], ps: [Double]) {
    self.xs = xs
    self.ps = ps
  }

  init(_ d: ScoreDistribution) {
    switch d {
    case .point(let v):
      xs = [v, v]
      ps = [0, 1]
    case .beta(let b):
      let n = CDFTable.resolution
      let h = (b.upper - b.lower) / Double(n)
      xs = (0...n).map { b.lower + Double($0) * h }
      if b.alpha >= 1 && b.beta >= 1 {
        // Smooth, bounded density: a cumulative trapezoid is accurate and ~20× cheaper
        // than the incomplete beta function at every point.
        var ps = [Double](repeating: 0, count: n + 1)
        var previous = b.pdf(xs[0]) + (b.alpha == 1 ? b.pdfAtLower : 0)
        for i in 1...n {
          let current = i == n ? b.pdf(xs[n] - 1e-12 * h) : b.pdf(xs[i])
          ps[i] = ps[i - 1] + 0.5 * (previous + current) * h
          previous = current
        }
        let total = ps[n]
        self.ps = ps.map { $0 / total }
      } else {
        ps = xs.map { b.cdf($0) }
      }
    case .truncatedNormal(let t):
      let n = CDFTable.resolution
      let h = (t.upper - t.lower) / Double(n)
      xs = (0...n).map { t.lower + Double($0) * h }
      ps = xs.map { t.cdf($0) }
    }
    ps[0] = 0
    ps[ps.count - 1] = 1
  }

  /// P(X ≤ x) by linear interpolation (right-continuous at jumps).
  func cdf(_ x: Double) -> Double {
    if x < xs[0] { return 0 }
    if x >= xs[xs.count - 1] { return 1 }
    // Last index with xs[i] <= x.
    var lo = 0
    var hi = xs.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if xs[mid] <= x { lo = mid } else { hi = mid }
    }
    let span = xs[hi] - xs[lo]
    return span > 0 ? ps[lo] + (ps[hi] - ps[lo]) * (x - xs[lo]) / span : ps[hi]
  }

  /// P(X < x): differs from `cdf` only at an atom.
  func cdfBelow(_ x: Double) -> Double {
    if x <= xs[0] { return 0 }
    if x > xs[xs.count - 1] { return 1 }
    var lo = 0
    var hi = xs.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if xs[mid] < x { lo = mid } else { hi = mid }
    }
    let span = xs[hi] - xs[lo]
    return span > 0 ? ps[lo] + (ps[hi] - ps[lo]) * (x - xs[lo]) / span : ps[lo]
  }
}

extension ScaledBeta {
  /// The density's limit at the lower end when α = 1 (finite), used by the trapezoid.
  var pdfAtLower: Double { alpha == 1 ? Foundation.exp(logNorm) / (upper - lower) : 0 }
}

/// A distribution as a table of its quantiles: sampling is one uniform draw and a linear
/// interpolation, whatever the distribution (point, beta, normal, or a pool of them).
public struct QuantileTable: Sendable, Hashable {
  /// The quantiles at probabilities 0, 1/n, …, 1 (n = `values.count − 1`).
  public let values: [Double]

  public static let size = 1024

  public init(values: [Double]) { self.values = values }

  /// A single point.
  public init(point: Double) { values = [point, point] }

  /// The table of a mixture (a linear opinion pool) of distributions with weights.
  public init(mixture parts: [(weight: Double, distribution: ScoreDistribution)]) {
    let total = parts.map(\.weight).reduce(0, +)
    let live = parts.filter { $0.weight > 0 }
    if live.count == 1 || Set(live.map(\.distribution)).count == 1 {
      if case .point(let v) = live[0].distribution {
        self.init(point: v)
        return
      }
      self.init(inverting: CDFTable(live[0].distribution))
      return
    }
    let tables = live.map { (weight: $0.weight / total, table: CDFTable($0.distribution)) }
    // The mixture's CDF is exact at the union of the components' grid points and linear
    // in between; at each atom it jumps, which we keep as two points with the same x.
    var grid = Set<Double>()
    for t in tables { grid.formUnion(t.table.xs) }
    var xs: [Double] = []
    var ps: [Double] = []
    for x in grid.sorted() {
      var below = 0.0
      var at = 0.0
      for t in tables {
        below += t.weight * t.table.cdfBelow(x)
        at += t.weight * t.table.cdf(x)
      }
      if at - below > 1e-12 {
        xs.append(x)
        ps.append(below)
      }
      xs.append(x)
      ps.append(at)
    }
    // Monotone clean-up of rounding noise.
    for i in 1..<ps.count { ps[i] = max(ps[i], ps[i - 1]) }
    ps[0] = min(ps[0], 0)
    ps[ps.count - 1] = 1
    self.init(inverting: CDFTable(xs: xs, ps: ps))
  }

  /// Inverts a tabulated CDF at probabilities 0, 1/n, …, 1.
  init(inverting table: CDFTable, size: Int = QuantileTable.size) {
    var values = [Double](repeating: 0, count: size + 1)
    var j = 0
    let xs = table.xs
    let ps = table.ps
    for k in 0...size {
      let u = Double(k) / Double(size)
      // For u = 0 move past any leading stretch of zero probability too: the 0-quantile is
      // the lowest value the distribution can take.
      while j < ps.count - 2 && (ps[j + 1] < u || (k == 0 && ps[j + 1] <= 0)) { j += 1 }
      // Skip flat stretches where the CDF does not move.
      let p0 = ps[j]
      let p1 = ps[j + 1]
      if p1 - p0 <= 0 {
        values[k] = xs[j + 1]
      } else {
        let t = min(1, max(0, (u - p0) / (p1 - p0)))
        values[k] = xs[j] + t * (xs[j + 1] - xs[j])
      }
    }
    self.values = values
  }

  /// One draw: `u` uniform in [0, 1).
  @inline(__always)
  public func sample(_ u: Double) -> Double {
    let n = values.count - 1
    let position = u * Double(n)
    let i = min(n - 1, Int(position))
    let f = position - Double(i)
    return values.withUnsafeBufferPointer { v in v[i] + f * (v[i + 1] - v[i]) }
  }

  /// The p-quantile.
  public func quantile(_ p: Double) -> Double { sample(min(max(p, 0), 1 - 1e-12)) }

  public var median: Double { quantile(0.5) }

  /// `true` when every quantile is the same value.
  public var isPoint: Bool { values.first == values.last }
}
