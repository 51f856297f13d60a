import Foundation

/// Everything known about one domain's uncertainty, in one value: the Monte Carlo
/// placement, the tornado, each assessor's influence and the viability per perspective.
/// `safezones sensitivity` prints it and the domain page's Uncertainty section shows it.
public struct SensitivityReport: Sendable, Hashable, Codable {
  /// The placement with every criterion at its pooled median (the centre of the tornado).
  public struct Median: Sendable, Hashable, Codable {
    public var gains: Double
    public var risk: Double
    public var quadrant: Quadrant

    public init(gains: Double, risk: Double, quadrant: Quadrant) {
      self.gains = gains
      self.risk = risk
      self.quadrant = quadrant
    }
  }

  public var id: String
  public var name: String
  public var samples: Int
  public var seed: UInt64
  public var pool: PoolingMethod
  /// The assessors pooled (each one's latest assessment).
  public var assessors: [String]
  public var thresholds: Thresholds
  /// Probabilities, intervals, covariance and importance (rank correlations).
  public var placement: UncertainPlacement
  public var median: Median
  /// Widest swing first.
  public var tornado: [TornadoBar]
  /// Leave-one-out influence, largest first; empty with a single assessor.
  public var influence: [AssessorInfluence]
  public var viability: Viability

  /// Pools the domain's current judgements and runs everything. `options.importance` is
  /// switched on (the report always carries the rank correlations).
  public static func make(
    _ domain: Domain, rubric: Rubric, method: PoolingMethod = .linear, options: MonteCarlo.Options
  ) throws(InputError) -> SensitivityReport {
    let judges = try Judge.current(of: domain)
    let pooled = try Pooling.pool(judges, id: domain.id, method: method)
    var options = options
    options.importance = true
    let placement = MonteCarlo.run([pooled], rubric: rubric, options: options)[0]
    var quiet = options
    quiet.importance = false
    quiet.cloudSize = 0
    let influence = try Sensitivity.assessorInfluence(
      judges, id: domain.id, rubric: rubric, method: method, options: quiet, group: placement)
    let viability = try Sensitivity.viability(judges, id: domain.id, rubric: rubric, method: method, options: quiet)
    return SensitivityReport(
      id: domain.id, name: domain.name, samples: options.samples, seed: options.seed, pool: method,
      assessors: judges.map(\.assessor), thresholds: rubric.thresholds, placement: placement,
      median: medianPlacement(pooled, rubric: rubric), tornado: Sensitivity.tornado(pooled, rubric: rubric),
      influence: influence, viability: viability)
  }

  /// The placement with every criterion at its pooled median; an unscored criterion sits at
  /// 2, the median of complete ignorance (as in `Sensitivity.tornado`).
  public static func medianPlacement(_ domain: PooledDomain, rubric: Rubric) -> Median {
    let values = Sensitivity.medians(domain, rubric: rubric)
    let (g, r) = Scoring.axes(values, rubric: rubric)
    return Median(
      gains: Format.rounded(g), risk: Format.rounded(r),
      quadrant: Quadrant(gains: g, risk: r, thresholds: rubric.thresholds))
  }
}

extension TornadoBar {
  /// The axis the sweep moves (each criterion moves one): gains when the gains change,
  /// else risk.
  public var axis: Axis { gains[0] != gains[1] ? .gains : .risk }

  /// `true` when the sweep moves the domain into another quadrant.
  public var crossesThreshold: Bool { quadrants.count == 2 && quadrants[0] != quadrants[1] }

  /// `true` when the criterion is judged with certainty (the sweep moves nothing).
  public var isFlat: Bool { gains[0] == gains[1] && risk[0] == risk[1] }
}

extension Propagation {
  /// The Monte Carlo placement of every domain that can be pooled, keyed by id; a domain
  /// whose judgements cannot be fitted or pooled is left out and its problems returned
  /// (a map should not fail for one bad entry).
  public static func placements(
    for domains: [Domain], rubric: Rubric, method: PoolingMethod = .linear, options: MonteCarlo.Options
  ) -> (placements: [String: UncertainPlacement], problems: [String: [InputIssue]]) {
    var pooled: [PooledDomain] = []
    var problems: [String: [InputIssue]] = [:]
    for domain in domains where !domain.assessments.isEmpty {
      do {
        pooled.append(try Pooling.pool(try Judge.current(of: domain), id: domain.id, method: method))
      } catch {
        problems[domain.id] = error.issues
      }
    }
    let results = MonteCarlo.run(pooled, rubric: rubric, options: options)
    return (Dictionary(results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }), problems)
  }
}

extension ScoreValue {
  /// Quantiles as typed in the assessment form: `5%: 1, 50%: 2, 95%: 3.5`.
  public static func quantileText(_ quantiles: [ElicitedQuantile]) -> String {
    quantiles.sorted { $0.p < $1.p }.map { "\(Format.number($0.p * 100, digits: 2))%: \(Format.number($0.value))" }
      .joined(separator: ", ")
  }

  /// Parses quantiles as a person types them: entries separated by commas, semicolons or
  /// line breaks, each `PROBABILITY: VALUE` (or `=`), the probability written `5%`, `p5`,
  /// `0.05`, or a bare whole number of percent (`50: 2`). Returns the quantiles, or the
  /// first problem in words.
  public static func parseQuantiles(_ text: String) -> Result<[ElicitedQuantile], InputIssue> {
    let example = tr("write each as percentile: value, e.g. 5%: 1, 50%: 2, 95%: 3.5")
    var out: [ElicitedQuantile] = []
    let entries = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isNewline })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    for entry in entries {
      let parts = entry.split(maxSplits: 1, whereSeparator: { $0 == ":" || $0 == "=" }).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        return .failure(
          InputIssue(
            message: tr("'{entry}' is not a quantile; {example}", ["entry": .text(entry), "example": .text(example)])))
      }
      var p = parts[0].lowercased()
      var percent = false
      if p.hasSuffix("%") {
        p.removeLast()
        percent = true
      } else if p.hasPrefix("p") {
        p.removeFirst()
        percent = true
      }
      guard let number = Double(String(p).trimmingCharacters(in: .whitespaces)), number.isFinite else {
        return .failure(
          InputIssue(
            message: tr(
              "'{entry}' is not a probability; {example}", ["entry": .text(parts[0]), "example": .text(example)])))
      }
      if !percent && number >= 1 {
        guard number == number.rounded(), number < 100 else {
          return .failure(
            InputIssue(
              message: tr(
                "'{entry}' is not a probability; write it as a percentage like 5% or a fraction like 0.05",
                ["entry": .text(parts[0])])))
        }
        percent = true
      }
      guard let value = Double(parts[1]), value.isFinite else {
        return .failure(
          InputIssue(
            message: tr("'{entry}' is not a score; {example}", ["entry": .text(parts[1]), "example": .text(example)])))
      }
      out.append(ElicitedQuantile(p: percent ? number / 100 : number, value: value))
    }
    guard !out.isEmpty else {
      return .failure(InputIssue(message: tr("no quantiles given; {example}", ["example": .text(example)])))
    }
    return .success(out)
  }
}

extension Domain {
  /// The domain with only the assessments dated on or before `day` (all with no day): the
  /// judgements in force then, for uncertainty as of a date.
  public func judged(through day: Day?) -> Domain {
    guard let day else { return self }
    var copy = self
    copy.assessments = assessments.filter { $0.date <= day }
    return copy
  }
}
