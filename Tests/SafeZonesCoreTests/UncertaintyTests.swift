import Foundation
import Testing

@testable import SafeZonesCore

@Suite("Uncertainty: distributions, fits, pools, Monte Carlo")
struct UncertaintyTests {
  let rubric = Fixtures.rubric()

  /// A judge with every criterion at a point, then the given distributions.
  func judge(
    _ name: String = "A", perspective: String? = nil, base: Double = 2,
    _ overrides: [CriterionID: ScoreDistribution] = [:]
  ) -> Judge {
    var d = Dictionary(uniqueKeysWithValues: CriterionID.allCases.map { ($0, ScoreDistribution.point(base)) })
    for (k, v) in overrides { d[k] = v }
    return Judge(assessor: name, perspective: perspective, distributions: d)
  }

  func judge(_ overrides: [CriterionID: ScoreDistribution]) -> Judge { judge("A", base: 2, overrides) }

  func run(
    _ judges: [Judge], samples: Int = 40_000, seed: UInt64 = 3, threads: Int = 1, method: PoolingMethod = .linear
  ) throws -> UncertainPlacement {
    MonteCarlo.run(
      [try Pooling.pool(judges, id: "d", method: method)], rubric: rubric,
      options: .init(samples: samples, seed: seed, threads: threads))[0]
  }

  @Test("PERT of a three-point range: mode and support as given")
  func pert() {
    let d = ScoreDistribution.pert(low: 1, likely: 3, high: 4)
    #expect(d.cdf(1) == 0 && d.cdf(4) == 1)
    guard case .beta(let b) = d else { Issue.record("expected a beta"); return }
    #expect(abs(b.alpha - (1 + 4 * 2.0 / 3)) < 1e-12)
    #expect(abs(b.beta - (1 + 4 * 1.0 / 3)) < 1e-12)
    #expect(ScoreDistribution.pert(low: 2, likely: 2, high: 2) == .point(2))
  }

  @Test("the incomplete beta function matches known values")
  func incompleteBeta() {
    #expect(abs(SpecialFunctions.regularizedIncompleteBeta(2, 2, 0.5) - 0.5) < 1e-12)
    #expect(abs(SpecialFunctions.regularizedIncompleteBeta(1, 1, 0.3) - 0.3) < 1e-12)
    // I_x(2, 3) = 1 − (1−x)^3 (1 + 3x) … = 6x² − 8x³ + 3x⁴
    let x = 0.37
    #expect(
      abs(SpecialFunctions.regularizedIncompleteBeta(2, 3, x) - (6 * x * x - 8 * x * x * x + 3 * x * x * x * x)) < 1e-12
    )
    #expect(abs(SpecialFunctions.normalCDF(0) - 0.5) < 1e-15)
    #expect(abs(SpecialFunctions.normalCDF(1.6448536269514722) - 0.95) < 1e-9)
  }

  @Test("a symmetric range around a threshold gives ≈ 0.5 on each side")
  func symmetricAroundThreshold() throws {
    // Every gains criterion at 2 puts gains exactly on the 0.5 threshold; fundamentality
    // uncertain and symmetric about 2.
    var j = judge(base: 2, [.fundamentality: .pert(low: 0.5, likely: 2, high: 3.5)])
    for r in [CriterionID.military, .economic, .securityExposure, .dominance, .salience] {
      j.distributions[r] = .point(0)
    }
    let result = try run([j], samples: 100_000)
    let highGains = result.probabilities[.safeZone]! + result.probabilities[.politicalEngineering]!
    // Standard error at n = 100,000 is 0.0016; allow 4 of them.
    #expect(abs(highGains - 0.5) < 0.0064)
  }

  @Test("quadrant probabilities sum to 1 and the confidence is the largest")
  func probabilitiesSum() throws {
    let result = try run([
      judge([.military: .pert(low: 0, likely: 2, high: 4), .parity: .pert(low: 0, likely: 3, high: 4)])
    ])
    #expect(abs(result.probabilities.values.reduce(0, +) - 1) < 1e-3)
    #expect(result.confidence == result.probabilities.values.max())
    #expect(result.gainsInterval[0] <= result.gainsMean && result.gainsMean <= result.gainsInterval[1])
  }

  @Test("a point judgement gives probability 1 for its quadrant")
  func pointIsCertain() throws {
    let a = Fixtures.assessment(Fixtures.all(2, [.fundamentality: 4, .spillovers: 4, .military: 0]))
    let placement = Scoring.place(a, rubric: rubric)
    let result = try run([try Judge(a)], samples: 2_000)
    #expect(result.probabilities[placement.quadrant] == 1)
    #expect(abs(result.gainsMean - placement.gains) < 1e-4)
    #expect(abs(result.riskMean - placement.risk) < 1e-4)
  }

  @Test("same seed, same result, on one thread or two")
  func reproducible() throws {
    let judges = [judge([.military: .pert(low: 0, likely: 2, high: 4), .scale: .pert(low: 1, likely: 2, high: 4)])]
    let pooled = try (0..<6).map { try Pooling.pool(judges, id: "d\($0)") }
    let one = MonteCarlo.run(pooled, rubric: rubric, options: .init(samples: 5_000, seed: 9, threads: 1))
    let two = MonteCarlo.run(pooled, rubric: rubric, options: .init(samples: 5_000, seed: 9, threads: 2))
    #expect(one == two)
    let other = MonteCarlo.run(pooled, rubric: rubric, options: .init(samples: 5_000, seed: 10, threads: 2))
    #expect(one != other)
  }

  @Test("a pool of identical experts equals one expert", arguments: PoolingMethod.allCases)
  func identicalExperts(method: PoolingMethod) throws {
    let one = judge("A", [.military: .pert(low: 1, likely: 2, high: 4)])
    var two = one
    two.assessor = "B"
    let single = try Pooling.pool([one], id: "d", method: method)
    let pair = try Pooling.pool([one, two], id: "d", method: method)
    for c in CriterionID.allCases { #expect(single.criteria[c]?.table == pair.criteria[c]?.table) }
  }

  @Test("the linear pool is the mixture: its CDF is the weighted mean of the experts'")
  func linearPool() throws {
    let a = judge("A", [.military: .pert(low: 0, likely: 1, high: 2)])
    var b = judge("B", [.military: .pert(low: 2, likely: 3, high: 4)])
    b.weight = 3
    let pooled = try Pooling.pool([a, b], id: "d").criteria[.military]!.table
    // P(X ≤ 2) = 1/4 (all of A) + 3/4 · 0 (none of B).
    #expect(abs(pooled.quantile(0.25) - 2) < 0.01)
    #expect(pooled.quantile(0.1) < 2 && pooled.quantile(0.5) > 2)
  }

  @Test("the logarithmic pool concentrates where experts agree, and refuses disjoint views")
  func logPool() throws {
    let a = judge("A", [.military: .pert(low: 0, likely: 1.5, high: 3)])
    let b = judge("B", [.military: .pert(low: 1, likely: 2.5, high: 4)])
    let linear = try Pooling.pool([a, b], id: "d", method: .linear).criteria[.military]!
    let log = try Pooling.pool([a, b], id: "d", method: .logarithmic).criteria[.military]!
    #expect(log.p95 - log.p05 < linear.p95 - linear.p05)
    #expect(abs(log.median - 2) < 0.05)
    let c = judge("C", [.military: .pert(low: 0, likely: 0.5, high: 1)])
    let d = judge("D", [.military: .pert(low: 3, likely: 3.5, high: 4)])
    #expect(throws: InputError.self) { try Pooling.pool([c, d], id: "d", method: .logarithmic) }
    #expect(throws: InputError.self) {
      try Pooling.pool([judge("E", base: 1), judge("F", base: 3)], id: "d", method: .logarithmic)
    }
  }

  @Test("fitted quantiles reproduce the elicited ones within the reported error")
  func quantileFit() throws {
    // Quantiles of a known beta(3, 5) on [0, 4].
    let truth = ScoreDistribution.beta(ScaledBeta(alpha: 3, beta: 5))
    let elicited = [0.05, 0.25, 0.5, 0.75, 0.95].map { ElicitedQuantile(p: $0, value: truth.quantile($0)) }
    let fit = try Elicitation.fit(elicited)
    #expect(fit.distribution.family == "beta")
    #expect(fit.error < 1e-4)
    for q in elicited { #expect(abs(fit.distribution.cdf(q.value) - q.p) <= fit.error * 2.5 + 1e-9) }
    // A normal-shaped judgement is fitted, with the error reported honestly.
    let normal = ScoreDistribution.truncatedNormal(TruncatedNormal(mu: 2, sigma: 0.4))
    let fit2 = try Elicitation.fit([0.05, 0.5, 0.95].map { ElicitedQuantile(p: $0, value: normal.quantile($0)) })
    #expect(fit2.error < 0.01)
    #expect(fit2.candidates.count == 2)
  }

  @Test("judgements that cannot be fitted get a clear message")
  func unfittable() {
    func messages(_ q: [(Double, Double)]) -> [String] {
      Elicitation.problems(q.map { ElicitedQuantile(p: $0.0, value: $0.1) })
    }
    #expect(messages([(0.05, 3), (0.5, 2), (0.95, 4)]).contains { $0.contains("out of order") })
    #expect(messages([(0.05, 2), (0.5, 2), (0.95, 2)]).contains { $0.contains("same value") })
    #expect(messages([(0.05, 1), (0.25, 2)]).contains { $0.contains("straddle the median") })
    #expect(messages([(0, 1), (0.5, 2)]).contains { $0.contains("strictly between 0 and 1") })
    #expect(messages([(0.5, 2)]).contains { $0.contains("at least two") })
    #expect(throws: InputError.self) {
      try Elicitation.fit([ElicitedQuantile(p: 0.1, value: 3), ElicitedQuantile(p: 0.9, value: 1)])
    }
  }

  @Test("importance ranks the uncertain criterion first")
  func importance() throws {
    let j = judge([.military: .pert(low: 0, likely: 2, high: 4), .scale: .pert(low: 1.8, likely: 2, high: 2.2)])
    let result = MonteCarlo.run(
      [try Pooling.pool([j], id: "d")], rubric: rubric,
      options: .init(samples: 5_000, seed: 1, threads: 1, importance: true))[0]
    let risk = result.importance!
    #expect(risk["military"]!["risk"]! > 0.9)
    #expect(abs(risk["fundamentality"]!["risk"]!) < 1e-12)
    #expect(risk["scale"]!["gains"]! > 0.5)
  }

  @Test("the tornado sweeps each criterion over its own range, widest first")
  func tornado() throws {
    let pooled = try Pooling.pool(
      [judge([.military: .pert(low: 0, likely: 2, high: 4), .parity: .pert(low: 1, likely: 2, high: 3)])], id: "d")
    let bars = Sensitivity.tornado(pooled, rubric: rubric)
    #expect(bars.first?.criterion == .military)
    #expect(bars.first { $0.criterion == .fundamentality }?.swing == 0)
    #expect(bars.map(\.swing) == bars.map(\.swing).sorted(by: >))
  }

  @Test("viable only when acceptable from both countries' side")
  func viability() throws {
    let good = [
      CriterionID.fundamentality: ScoreDistribution.point(4), .spillovers: .point(4), .parity: .point(4),
      .maturity: .point(0),
    ]
    let us = judge("U", perspective: "US", base: 1, good)
    let cn = judge("C", perspective: "CN", base: 1, good)
    let options = MonteCarlo.Options(samples: 1_000, seed: 1, threads: 1)
    #expect(try Sensitivity.viability([us, cn], id: "d", rubric: rubric, options: options).viable)
    let onlyUS = try Sensitivity.viability([us], id: "d", rubric: rubric, options: options)
    #expect(!onlyUS.viable)
    #expect(onlyUS.reasons == ["no assessment from the CN side yet"])
    // Missing data is not a finding against cooperation.
    #expect(onlyUS.status == .incomplete && onlyUS.missing == ["CN"] && onlyUS.unacceptable.isEmpty)
    #expect(onlyUS.sentence == "Viability not known yet: no assessment from the CN side yet.")
    let sceptic = judge("S", perspective: "CN", base: 1, [.military: .point(4), .securityExposure: .point(4)])
    let split = try Sensitivity.viability([us, sceptic], id: "d", rubric: rubric, options: options)
    #expect(!split.viable)
    #expect(split.reasons.first?.contains("CN") == true)
    #expect(split.status == .notAcceptable && split.unacceptable == ["CN"])
    #expect(split.sentence.hasPrefix("Not viable: not acceptable from the CN side"))
    // A side that judged it unacceptable outweighs a side that has not judged yet.
    let scepticOnly = try Sensitivity.viability([sceptic], id: "d", rubric: rubric, options: options)
    #expect(scepticOnly.status == .notAcceptable && scepticOnly.missing == ["US"])
  }

  @Test("leaving out the dissenting assessor moves the group most")
  func influence() throws {
    let a = judge("A", base: 2, [.military: .point(0)])
    let b = judge("B", base: 2, [.military: .point(0)])
    let dissent = judge("Z", base: 2, [.military: .point(4), .securityExposure: .point(4)])
    let influence = try Sensitivity.assessorInfluence(
      [a, b, dissent], id: "d", rubric: rubric, options: .init(samples: 3_000, seed: 2, threads: 1))
    #expect(influence.first?.assessor == "Z")
  }
}
