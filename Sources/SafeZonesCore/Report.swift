import Foundation

/// A placed domain as the output writes it: numbers rounded, ranges as pairs, contributions
/// keyed by criterion id. This is the shape of `assess --format json`, `domains --format
/// json` and the API's placements; work with `PlacedDomain`, encode with this.
public struct DomainReport: Sendable, Hashable, Codable {
  public struct CriterionEntry: Sendable, Hashable, Codable {
    public var axis: Axis
    /// The likely value scored, or `nil` when missing.
    public var score: Double?
    public var low: Double?
    public var high: Double?
    public var weight: Double
    /// Signed contribution to the axis value (mitigations are negative, on risk).
    public var contribution: Double
    public var peak: Bool
    public var floor: Bool
    public var rationale: String?
    public var evidence: [String]
  }

  public var id: String
  public var name: String
  public var tags: [String]
  public var gains: Double
  public var risk: Double
  public var quadrant: Quadrant
  public var borderline: Bool
  public var borderlineAxes: [Axis]
  public var gainsRange: [Double]
  public var riskRange: [Double]
  public var missing: [CriterionID]
  public var assessor: String?
  public var date: Day?
  public var assessments: Int
  public var source: String?
  public var links: [DomainLink]
  public var contributions: [String: CriterionEntry]
  public var riskBreakdown: RiskBreakdown

  // Filled in when uncertainty is propagated (`assess --samples N`); omitted otherwise.
  /// P(quadrant) from Monte Carlo over the pooled judgements.
  public var probabilities: [Quadrant: Double]?
  public var mostLikely: Quadrant?
  /// The probability of the most likely quadrant.
  public var confidence: Double?
  /// 5th–95th percentile of gains and of risk.
  public var gainsInterval: [Double]?
  public var riskInterval: [Double]?
  /// Spearman rank correlation of each criterion with gains and risk.
  public var importance: [String: [String: Double]]?
  public var assessorsPooled: [String]?
  public var pooling: PoolingMethod?
  public var samples: Int?
  public var viability: Viability?

  public var strategy: Strategy

  /// The output form of a placed domain.
  public init(_ placed: PlacedDomain) {
    let (domain, assessment, placement) = (placed.domain, placed.assessment, placed.placement)
    id = domain.id
    name = domain.name
    tags = domain.tags
    gains = Format.rounded(placement.gains)
    risk = Format.rounded(placement.risk)
    quadrant = placement.quadrant
    borderline = placement.borderline
    borderlineAxes = placement.borderlineAxes
    gainsRange = [
      Format.rounded(placement.gainsEnvelope.lowerBound), Format.rounded(placement.gainsEnvelope.upperBound),
    ]
    riskRange = [Format.rounded(placement.riskEnvelope.lowerBound), Format.rounded(placement.riskEnvelope.upperBound)]
    missing = placement.missing
    self.assessor = assessment.assessor.isEmpty ? nil : assessment.assessor
    date = assessment.assessor.isEmpty ? nil : assessment.date
    assessments = domain.assessments.count
    source = domain.source
    links = domain.links
    var entries: [String: CriterionEntry] = [:]
    for c in placement.contributions {
      let scored = assessment.scores[c.criterion]
      entries[c.criterion.rawValue] = CriterionEntry(
        axis: c.axis, score: scored?.value.likely, low: scored?.value.isRange == true ? scored?.value.low : nil,
        high: scored?.value.isRange == true ? scored?.value.high : nil, weight: c.weight,
        contribution: Format.rounded(c.value), peak: c.isPeak, floor: c.heldFloor, rationale: scored?.rationale,
        evidence: scored?.evidence ?? [])
    }
    contributions = entries
    var b = placement.riskBreakdown
    for path in [\RiskBreakdown.mean, \.peak, \.unmitigated, \.mitigation, \.mitigated, \.floor] {
      b[keyPath: path] = Format.rounded(b[keyPath: path])
    }
    riskBreakdown = b
    strategy = placed.strategy
    if let u = placed.uncertainty {
      probabilities = u.placement.probabilities
      mostLikely = u.placement.mostLikely
      confidence = u.placement.confidence
      gainsInterval = u.placement.gainsInterval
      riskInterval = u.placement.riskInterval
      importance = u.placement.importance
      assessorsPooled = u.assessors
      pooling = u.pooling
      samples = u.placement.samples
      viability = u.viability
    }
  }
}

/// The JSON document printed by `assess`, `domains` and `map --format json`.
public struct PlacementDocument: Sendable, Hashable, Codable {
  public struct RubricInfo: Sendable, Hashable, Codable {
    public var version: String
    public var countries: [String]
    public var thresholds: Thresholds

    init(_ rubric: Rubric) {
      (version, countries, thresholds) = (rubric.version, rubric.countries.codes, rubric.thresholds)
    }
  }

  public var rubric: RubricInfo
  public var domains: [DomainReport]

  public init(rubric: Rubric, domains: [DomainReport]) {
    self.rubric = RubricInfo(rubric)
    self.domains = domains
  }

  /// The document of placed domains, in their order.
  public init(rubric: Rubric, placed: [PlacedDomain]) {
    self.init(rubric: rubric, domains: placed.map(DomainReport.init))
  }

  /// Stable, pretty-printed JSON with snake_case keys and sorted keys (the same bytes as
  /// Foundation's `JSONEncoder` would write, faster).
  public func json() throws -> Data {
    try fastJSON()
  }

  /// The same bytes as `PlacementDocument(rubric:placed:).json()`, without holding every
  /// report at once: what the command line and the API write.
  public static func json(rubric: Rubric, placed: [PlacedDomain]) throws -> Data {
    var data = Data()
    try write(rubric: rubric, placed: placed) { data.append($0) }
    return data
  }
}

extension DomainReport {
  /// Whether the ranges or missing criteria let either axis take more than one value (as
  /// rounded in the report): what the whiskers and the "range" notes show.
  public var hasRange: Bool { gainsRange[0] != gainsRange[1] || riskRange[0] != riskRange[1] }
}
