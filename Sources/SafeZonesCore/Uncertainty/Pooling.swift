import Dispatch
import Foundation

/// One assessor's judgement of a domain as distributions, ready to pool.
public struct Judge: Sendable, Hashable {
  public var assessor: String
  public var perspective: String?
  /// Weight in the pool (default 1; normalised over the judges pooled).
  public var weight: Double
  public var date: Day?
  public var distributions: [CriterionID: ScoreDistribution]

  public init(
    assessor: String, perspective: String? = nil, weight: Double = 1, date: Day? = nil,
    distributions: [CriterionID: ScoreDistribution]
  ) {
    self.assessor = assessor
    self.perspective = perspective
    self.weight = weight
    self.date = date
    self.distributions = distributions
  }

  /// The judge behind an assessment: points stay points, ranges become PERT
  /// distributions, quantiles are fitted. Throws the problems of quantiles that cannot be
  /// fitted, keyed by criterion.
  public init(_ assessment: Assessment, weight: Double = 1) throws(InputError) {
    var distributions: [CriterionID: ScoreDistribution] = [:]
    var issues: [InputIssue] = []
    for (id, score) in assessment.scores {
      do {
        distributions[id] = try score.value.distribution()
      } catch {
        issues += error.issues.map { InputIssue(key: "scores.\(id.rawValue)", message: $0.message) }
      }
    }
    if !issues.isEmpty { throw InputError(issues.sorted { ($0.key ?? "") < ($1.key ?? "") }) }
    self.init(
      assessor: assessment.assessor, perspective: assessment.perspective, weight: assessment.weight ?? weight,
      date: assessment.date, distributions: distributions)
  }

  /// The latest assessment of each assessor of a domain (older ones are superseded by the
  /// same person's newer judgement), as judges.
  public static func current(of domain: Domain) throws(InputError) -> [Judge] {
    var latest: [String: Assessment] = [:]
    var order: [String] = []
    for a in domain.assessments {
      if latest[a.assessor] == nil { order.append(a.assessor) }
      latest[a.assessor] = a
    }
    var judges: [Judge] = []
    for name in order { judges.append(try Judge(latest[name]!)) }
    return judges
  }
}

extension ScoreValue {
  /// This judgement as a distribution on the 0–4 scale.
  public func distribution() throws(InputError) -> ScoreDistribution {
    switch self {
    case .point(let v): return .point(v)
    case .range(let low, let likely, let high): return .pert(low: low, likely: likely, high: high)
    case .quantiles(let q): return try Elicitation.fit(q).distribution
    }
  }
}

/// How assessors' distributions are combined.
public enum PoolingMethod: String, Sendable, Codable, CaseIterable {
  /// Weighted average of the distributions (a mixture): keeps every assessor's view, wide
  /// when they disagree.
  case linear
  /// Weighted geometric mean of the densities, renormalised: concentrates where assessors
  /// agree; undefined when their supports do not overlap.
  case logarithmic
}

/// One criterion's pooled distribution, ready to sample.
public struct PooledCriterion: Sendable, Hashable {
  public var table: QuantileTable
  /// How many judges scored it.
  public var judges: Int

  public var median: Double { table.median }
  public var p05: Double { table.quantile(0.05) }
  public var p95: Double { table.quantile(0.95) }
}

/// A domain's pooled judgement: one distribution per rubric criterion (nil when no judge
/// scored it).
public struct PooledDomain: Sendable {
  public var id: String
  public var criteria: [CriterionID: PooledCriterion]
  public var judges: [Judge]
  public var method: PoolingMethod
}

public enum Pooling {
  /// Pools judges per criterion. Weights are normalised over the judges who scored the
  /// criterion. A pool of identical judges equals one judge.
  public static func pool(
    _ judges: [Judge], id: String, method: PoolingMethod = .linear
  ) throws(InputError) -> PooledDomain {
    var criteria: [CriterionID: PooledCriterion] = [:]
    for criterion in CriterionID.allCases {
      let parts = judges.compactMap { j -> (weight: Double, distribution: ScoreDistribution)? in
        j.distributions[criterion].map { (j.weight, $0) }
      }
      guard !parts.isEmpty else { continue }
      let table: QuantileTable
      switch method {
      case .linear: table = QuantileTable(mixture: parts)
      case .logarithmic: table = try logarithmic(parts, criterion: criterion)
      }
      criteria[criterion] = PooledCriterion(table: table, judges: parts.count)
    }
    return PooledDomain(id: id, criteria: criteria, judges: judges, method: method)
  }

  static let gridSize = 1024

  /// Pools many domains at once on all cores (each domain is independent). The first
  /// problem found is thrown, keyed by the domain's position.
  public static func pool(
    many domains: [(id: String, judges: [Judge])], method: PoolingMethod = .linear
  ) throws(InputError) -> [PooledDomain] {
    let results = parallelMap(count: domains.count, workers: ProcessInfo.processInfo.activeProcessorCount) {
      i -> Result<PooledDomain, InputError> in
      do throws(InputError) {
        return .success(try pool(domains[i].judges, id: domains[i].id, method: method))
      } catch {
        return .failure(error)
      }
    }
    var result: [PooledDomain] = []
    var issues: [InputIssue] = []
    for (i, entry) in results.enumerated() {
      switch entry {
      case .success(let pooled): result.append(pooled)
      case .failure(let error):
        issues += error.issues.map { issue in
          var issue = issue
          issue.key = "domains[\(i)] (\(domains[i].id))" + (issue.key.map { ".\($0)" } ?? "")
          return issue
        }
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    return result
  }

  /// The logarithmic pool on a grid: density ∝ Π f_k^{w_k}.
  static func logarithmic(
    _ parts: [(weight: Double, distribution: ScoreDistribution)], criterion: CriterionID
  ) throws(InputError) -> QuantileTable {
    let total = parts.map(\.weight).reduce(0, +)
    if Set(parts.map(\.distribution)).count == 1 { return QuantileTable(mixture: [parts[0]]) }
    let atoms = Set(
      parts.compactMap { p -> Double? in if case .point(let v) = p.distribution { return v } else { return nil } })
    func undefined(_ why: String) -> InputError {
      InputError(
        InputIssue(
          key: "scores.\(criterion.rawValue)",
          message: tr("the logarithmic pool is undefined: {why}", ["why": .text(why)])))
    }
    if atoms.count > 1 {
      throw undefined(
        tr(
          "assessors gave different exact values ({values})",
          ["values": .text(atoms.sorted().map { Format.number($0) }.joined(separator: ", "))]))
    }
    if let atom = atoms.first {
      // An exact value dominates a product of densities, provided every other assessor
      // thinks it possible.
      for p in parts where !p.distribution.isPoint && p.distribution.pdf(atom) <= 0 {
        throw undefined(
          tr("one assessor is certain of {value} and another rules it out", ["value": .text(Format.number(atom))]))
      }
      return QuantileTable(point: atom)
    }
    let n = gridSize
    let h = 4.0 / Double(n)
    var logDensity = [Double](repeating: 0, count: n)
    for p in parts {
      let w = p.weight / total
      for i in 0..<n {
        let f = p.distribution.pdf((Double(i) + 0.5) * h)
        logDensity[i] += f > 0 ? w * Foundation.log(f) : -.infinity
      }
    }
    guard let peak = logDensity.max(), peak > -.infinity else {
      throw undefined(tr("the assessors' ranges do not overlap"))
    }
    var xs = [0.0]
    var ps = [0.0]
    var cumulative = 0.0
    for i in 0..<n {
      cumulative += Foundation.exp(logDensity[i] - peak) * h
      xs.append(Double(i + 1) * h)
      ps.append(cumulative)
    }
    return QuantileTable(inverting: CDFTable(xs: xs, ps: ps.map { $0 / cumulative }))
  }
}
