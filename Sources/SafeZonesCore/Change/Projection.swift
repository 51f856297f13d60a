import Foundation

/// Where a domain is expected to stand some years ahead, from the drifts its assessor
/// recorded, with the uncertainty of those drifts.
public struct ProjectedYear: Sendable, Hashable, Codable {
  /// Years after the assessment projected from.
  public var years: Int
  public var date: Day
  /// The placement with every drift at its expected rate.
  public var gains: Double
  public var risk: Double
  public var quadrant: Quadrant
  /// Lowest and highest gains and risk with each drift at the ends of its ± and each range
  /// at its ends.
  public var gainsRange: [Double]
  public var riskRange: [Double]
  /// P(quadrant) by Monte Carlo over the projected ranges (PERT distributions).
  public var probabilities: [Quadrant: Double]
  public var mostLikely: Quadrant
  public var confidence: Double
  /// The projected likely score of each drifting criterion.
  public var scores: [CriterionID: Double]
}

/// A domain's placement projected forward from its recorded drifts. See
/// `docs/change-over-time.md`.
public struct Projection: Sendable, Hashable, Codable {
  public var domain: String
  public var name: String
  /// The assessment projected from.
  public var from: PlacementSummary
  public var assessor: String
  public var drifts: [Drift]
  public var years: [ProjectedYear]

  public struct Options: Sendable, Hashable {
    /// Project 1…`years` years ahead.
    public var years: Int
    /// Monte Carlo samples per projected year.
    public var samples: Int
    public var seed: UInt64

    public init(years: Int = 5, samples: Int = 4_000, seed: UInt64 = 1) {
      self.years = years
      self.samples = samples
      self.seed = seed
    }
  }

  /// Projects the assessment in force on `day` (the newest with no day), when it records
  /// drifts; `nil` otherwise. Drifts of criteria the assessment does not score are ignored.
  public static func project(
    _ domain: Domain, rubric: Rubric, asOf day: Day? = nil, options: Options = Options()
  ) -> Projection? {
    let trajectory = Trajectory(domain, rubric: rubric)
    guard let base = trajectory.asOf(day) else { return nil }
    let drifts = base.assessment.drifts.filter { base.assessment.scores[$0.criterion] != nil }
    guard !drifts.isEmpty, options.years >= 1 else { return nil }
    var years: [ProjectedYear] = []
    let compiledOptions = MonteCarlo.Options(
      samples: max(100, options.samples), seed: options.seed, threads: 1, cloudSize: 0, importance: false)
    for k in 1...min(options.years, 100) {
      let a = projected(base.assessment, drifts: drifts, years: Double(k))
      let p = Scoring.place(a, rubric: rubric)
      var probabilities: [Quadrant: Double] = [:]
      var mostLikely = p.quadrant
      var confidence = 1.0
      if let judge = try? Judge(a), let pooled = try? Pooling.pool([judge], id: domain.id) {
        let u = MonteCarlo.run([pooled], rubric: rubric, options: compiledOptions)[0]
        let shares = Format.shares(Quadrant.allCases.map { u.probabilities[$0] ?? 0 }, digits: 3)
        probabilities = Dictionary(uniqueKeysWithValues: zip(Quadrant.allCases, shares))
        mostLikely = u.mostLikely
        confidence = Format.rounded(u.confidence, digits: 3)
      } else {
        probabilities = [p.quadrant: 1]
      }
      var scores: [CriterionID: Double] = [:]
      for d in drifts { scores[d.criterion] = Format.rounded(a.scores[d.criterion]!.value.likely, digits: 3) }
      years.append(
        ProjectedYear(
          years: k, date: base.date.adding(wholeYears: k), gains: Format.rounded(p.gains), risk: Format.rounded(p.risk),
          quadrant: p.quadrant,
          gainsRange: [Format.rounded(p.gainsEnvelope.lowerBound), Format.rounded(p.gainsEnvelope.upperBound)],
          riskRange: [Format.rounded(p.riskEnvelope.lowerBound), Format.rounded(p.riskEnvelope.upperBound)],
          probabilities: probabilities, mostLikely: mostLikely, confidence: confidence, scores: scores))
    }
    return Projection(
      domain: domain.id, name: domain.name, from: PlacementSummary(base), assessor: base.assessor, drifts: drifts,
      years: years)
  }

  /// The assessment with each drift applied for `years` years: the likely value moves by
  /// rate × years, the low and high ends by (rate ∓ spread) × years, all clamped to 0–4.
  public static func projected(_ assessment: Assessment, drifts: [Drift], years: Double) -> Assessment {
    var a = assessment
    for d in drifts {
      guard let score = a.scores[d.criterion] else { continue }
      let v = score.value
      func clamp(_ x: Double) -> Double { min(max(x, ScoreValue.scale.lowerBound), ScoreValue.scale.upperBound) }
      let likely = clamp(v.likely + d.perYear * years)
      let low = min(likely, clamp(v.low + (d.perYear - d.spread) * years))
      let high = max(likely, clamp(v.high + (d.perYear + d.spread) * years))
      var moved = score
      moved.value = low == likely && high == likely ? .point(likely) : .range(low: low, likely: likely, high: high)
      a.scores[d.criterion] = moved
    }
    a.date =
      years == years.rounded() ? assessment.date.adding(wholeYears: Int(years)) : assessment.date.adding(years: years)
    return a
  }
}
