import Dispatch
import Foundation

/// What Monte Carlo propagation says about one domain.
public struct UncertainPlacement: Sendable, Hashable, Codable {
  public var id: String
  public var samples: Int
  /// P(quadrant), summing to 1.
  public var probabilities: [Quadrant: Double]
  /// The most likely quadrant and its probability (the placement's "confidence").
  public var mostLikely: Quadrant
  public var confidence: Double
  public var gainsMean: Double
  public var riskMean: Double
  /// 5th and 95th percentiles.
  public var gainsInterval: [Double]
  public var riskInterval: [Double]
  /// Covariance of (gains, risk), for the 90% ellipse on the map.
  public var covariance: [Double]
  /// A subsample of the joint (gains, risk) cloud, for drawing.
  public var cloud: [[Double]]
  /// Spearman rank correlation of each criterion's samples with gains and with risk.
  public var importance: [String: [String: Double]]?
  /// Criteria no judge scored (sampled uniformly over 0–4).
  public var unscored: [CriterionID]
}

/// Seeded, reproducible Monte Carlo propagation of pooled judgements through the scoring.
public enum MonteCarlo {
  public struct Options: Sendable {
    public var samples: Int
    public var seed: UInt64
    /// Worker threads (results do not depend on it).
    public var threads: Int
    public var cloudSize: Int
    public var importance: Bool

    public init(
      samples: Int = 10_000, seed: UInt64 = 1, threads: Int? = nil, cloudSize: Int = 200, importance: Bool = false
    ) {
      self.samples = samples
      self.seed = seed
      self.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
      self.cloudSize = cloudSize
      self.importance = importance
    }
  }

  /// The generator for a domain: derived from the run's seed and the domain's position, so
  /// that the result is the same whatever the number of threads.
  static func generator(seed: UInt64, index: Int) -> SplitMix64 {
    var mixer = SplitMix64(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15))
    return SplitMix64(seed: mixer.next())
  }

  /// Runs every domain; `progress` is called with the number of domains done (from any
  /// thread).
  public static func run(
    _ domains: [PooledDomain], rubric: Rubric, options: Options = Options(),
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> [UncertainPlacement] {
    let compiled = CompiledScoring(rubric: rubric)
    let uniform = QuantileTable(values: [0, 4])
    let done = Counter()
    return parallelMap(count: domains.count, workers: options.threads) { index in
      let domain = domains[index]
      let tables = compiled.criteria.map { domain.criteria[$0]?.table ?? uniform }
      var rng = generator(seed: options.seed, index: index)
      let placement = simulate(
        id: domain.id, tables: tables, unscored: compiled.criteria.filter { domain.criteria[$0] == nil },
        compiled: compiled, options: options, rng: &rng)
      progress?(done.increment())
      return placement
    }
  }

  static let bins = 4096

  static func simulate(
    id: String, tables: [QuantileTable], unscored: [CriterionID], compiled: CompiledScoring, options: Options,
    rng: inout SplitMix64
  ) -> UncertainPlacement {
    let n = options.samples
    let k = tables.count
    var counts = [0, 0, 0, 0]
    var gainsHistogram = [Int](repeating: 0, count: bins)
    var riskHistogram = [Int](repeating: 0, count: bins)
    var sg = 0.0, sr = 0.0, sgg = 0.0, srr = 0.0, sgr = 0.0
    var cloud: [[Double]] = []
    cloud.reserveCapacity(min(n, options.cloudSize))
    var draws = [Double](repeating: 0, count: k)
    // Importance needs every draw kept; only when asked (few domains).
    var kept: [[Double]] = options.importance ? Array(repeating: [Double](repeating: 0, count: n), count: k) : []
    var keptGains: [Double] = options.importance ? [Double](repeating: 0, count: n) : []
    var keptRisk: [Double] = options.importance ? [Double](repeating: 0, count: n) : []
    let tg = compiled.thresholds.gains
    let tr = compiled.thresholds.risk
    // One contiguous block of equal-size quantile tables: no per-draw array lookups.
    let m = QuantileTable.size
    var flat = [Double](repeating: 0, count: k * (m + 1))
    for (c, table) in tables.enumerated() {
      if table.values.count == m + 1 {
        for j in 0...m { flat[c * (m + 1) + j] = table.values[j] }
      } else {
        for j in 0...m { flat[c * (m + 1) + j] = table.quantile(Double(j) / Double(m)) }
      }
    }
    let scale = Double(m)
    flat.withUnsafeBufferPointer { lookup in
      draws.withUnsafeMutableBufferPointer { draw in
        for s in 0..<n {
          for c in 0..<k {
            let position = rng.nextUnit() * scale
            let i = Swift.min(m - 1, Int(position))
            let f = position - Double(i)
            let base = c &* (m &+ 1) &+ i
            let lo = lookup[base]
            draw[c] = lo + f * (lookup[base &+ 1] - lo)
          }
          let (g, r) = compiled.axes(UnsafeBufferPointer(draw))
          let quadrant = (g >= tg ? 0 : 2) + (r >= tr ? 1 : 0)
          counts[quadrant] += 1
          gainsHistogram[Swift.min(bins - 1, Swift.max(0, Int(g * Double(bins))))] += 1
          riskHistogram[Swift.min(bins - 1, Swift.max(0, Int(r * Double(bins))))] += 1
          sg += g
          sr += r
          sgg += g * g
          srr += r * r
          sgr += g * r
          if s < options.cloudSize { cloud.append([Format.rounded(g), Format.rounded(r)]) }
          if options.importance {
            for c in 0..<k { kept[c][s] = draw[c] }
            keptGains[s] = g
            keptRisk[s] = r
          }
        }
      }
    }
    let total = Double(n)
    // counts index: 0 safe (high g, low r), 1 political (high g, high r), 2 traditional, 3 monitor.
    // Rounded as a whole, so that the four printed probabilities sum to exactly 1.
    let shares = Format.shares(counts: [counts[0], counts[1], counts[2], counts[3]])
    let probabilities: [Quadrant: Double] = [
      .safeZone: shares[0], .politicalEngineering: shares[1], .traditional: shares[2], .monitor: shares[3],
    ]
    let best = Quadrant.allCases.max {
      (probabilities[$0]!, -Quadrant.allCases.firstIndex(of: $0)!) < (
        probabilities[$1]!, -Quadrant.allCases.firstIndex(of: $1)!
      )
    }!
    let mg = sg / total
    let mr = sr / total
    var importance: [String: [String: Double]]?
    if options.importance {
      let rg = ranks(keptGains)
      let rr = ranks(keptRisk)
      var entries: [String: [String: Double]] = [:]
      for (c, id) in compiled.criteria.enumerated() {
        let rc = ranks(kept[c])
        entries[id.rawValue] = [
          "gains": Format.rounded(correlation(rc, rg)), "risk": Format.rounded(correlation(rc, rr)),
        ]
      }
      importance = entries
    }
    return UncertainPlacement(
      id: id, samples: n, probabilities: probabilities, mostLikely: best, confidence: probabilities[best]!,
      gainsMean: Format.rounded(mg), riskMean: Format.rounded(mr),
      gainsInterval: [quantile(gainsHistogram, 0.05, n), quantile(gainsHistogram, 0.95, n)],
      riskInterval: [quantile(riskHistogram, 0.05, n), quantile(riskHistogram, 0.95, n)],
      covariance: [sgg / total - mg * mg, sgr / total - mg * mr, srr / total - mr * mr].map {
        Format.rounded($0, digits: 6)
      },
      cloud: cloud, importance: importance, unscored: unscored)
  }

  /// The p-quantile from a histogram on [0, 1], interpolated within its bin.
  static func quantile(_ histogram: [Int], _ p: Double, _ n: Int) -> Double {
    let target = p * Double(n)
    var cumulative = 0
    for (i, count) in histogram.enumerated() where count > 0 {
      if Double(cumulative + count) >= target {
        let within = (target - Double(cumulative)) / Double(count)
        return Format.rounded((Double(i) + within) / Double(histogram.count))
      }
      cumulative += count
    }
    return 1
  }

  /// Average ranks (ties share the mean rank).
  static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: values.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
      let rank = Double(i + j) / 2
      for t in i...j { ranks[order[t]] = rank }
      i = j + 1
    }
    return ranks
  }

  /// Pearson correlation (of ranks: Spearman); 0 when either side is constant.
  static func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n
    let mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices {
      let x = a[i] - ma
      let y = b[i] - mb
      sab += x * y
      saa += x * x
      sbb += y * y
    }
    guard saa > 0, sbb > 0 else { return 0 }
    return sab / (saa * sbb).squareRoot()
  }
}

/// A thread-safe counter for progress reporting.
final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()

  func increment(by n: Int = 1) -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += n
    return value
  }
}
