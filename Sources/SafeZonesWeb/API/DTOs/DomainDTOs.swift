import Foundation
import SafeZonesCore

// The JSON contract of the API (every file in this folder), built from the core's values
// (never from store models). Property names are camelCase here and snake_case on the wire
// (`APIResponse.encoder`). `OpenAPIDocument` describes each of these; the API tests check
// the two agree.

/// A score value on the wire, as the input format writes it: a number, `[low, likely,
/// high]` for a range, or `{"quantiles": {"0.05": 1, …}}` for elicited quantiles.
struct ScoreValueDTO: Encodable {
  var entry: DomainExport.ScoreEntry

  init(_ value: ScoreValue) {
    entry = DomainExport.ScoreEntry(.military, CriterionScore(value))
  }

  func encode(to encoder: any Encoder) throws {
    if let value = entry.value {
      try value.encode(to: encoder)
    } else {
      var container = encoder.container(keyedBy: Keys.self)
      try container.encodeIfPresent(entry.quantiles, forKey: .quantiles)
    }
  }

  enum Keys: String, CodingKey { case quantiles }
}

/// One domain in a list.
struct DomainSummaryDTO: Encodable {
  var id: String
  var name: String
  var tags: [String]
  var version: Int
  var gains: Double
  var risk: Double
  var quadrant: Quadrant
  var borderline: Bool

  init(_ placed: PlacedDomain, version: Int) {
    id = placed.id
    name = placed.name
    tags = placed.tags
    self.version = version
    gains = Format.rounded(placed.placement.gains)
    risk = Format.rounded(placed.placement.risk)
    quadrant = placed.quadrant
    borderline = placed.placement.borderline
  }
}

/// `GET /api/v1/domains`.
struct DomainListDTO: Encodable {
  var total: Int
  var limit: Int
  var offset: Int
  var domains: [DomainSummaryDTO]
}

/// `GET /api/v1/domains/{id}`: the domain's report (placement, contributions, strategy,
/// links) with its version, summary and current assessment in the input format, all at the
/// top level of one object.
struct DomainDetailDTO: Encodable {
  var report: DomainReport
  var version: Int
  var summary: String?
  var rubric: String
  var assessment: DomainExport.AssessmentEntry?

  init(_ domain: Domain, placed: PlacedDomain, rubric: Rubric) {
    self.report = DomainReport(placed)
    version = domain.latestVersion
    summary = domain.summary
    self.rubric = rubric.version
    assessment = domain.current.map(DomainExport.AssessmentEntry.init)
  }

  enum Keys: String, CodingKey { case version, summary, rubric, assessment }

  func encode(to encoder: any Encoder) throws {
    try report.encode(to: encoder)
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(version, forKey: .version)
    try container.encodeIfPresent(summary, forKey: .summary)
    try container.encode(rubric, forKey: .rubric)
    try container.encodeIfPresent(assessment, forKey: .assessment)
  }
}

/// Where one assessment places its domain.
struct PlacementDTO: Encodable {
  var gains: Double
  var risk: Double
  var quadrant: Quadrant
  var borderline: Bool
  var borderlineAxes: [Axis]
  var gainsRange: [Double]
  var riskRange: [Double]
  var missing: [CriterionID]

  init(_ p: Placement) {
    gains = Format.rounded(p.gains)
    risk = Format.rounded(p.risk)
    quadrant = p.quadrant
    borderline = p.borderline
    borderlineAxes = p.borderlineAxes
    gainsRange = [Format.rounded(p.gainsEnvelope.lowerBound), Format.rounded(p.gainsEnvelope.upperBound)]
    riskRange = [Format.rounded(p.riskEnvelope.lowerBound), Format.rounded(p.riskEnvelope.upperBound)]
    missing = p.missing
  }
}

/// What changed from the previous assessment of a domain to this one.
struct ChangesDTO: Encodable {
  struct Position: Encodable {
    var gains: Double
    var risk: Double
    var quadrant: Quadrant
  }
  struct Scored: Encodable {
    var criterion: CriterionID
    var value: ScoreValueDTO
  }
  struct Rescored: Encodable {
    var criterion: CriterionID
    var old: ScoreValueDTO
    var new: ScoreValueDTO
  }

  var previousVersion: Int
  var from: Position
  var to: Position
  var quadrantChanged: Bool
  var gainsDelta: Double
  var riskDelta: Double
  var added: [Scored]
  var removed: [Scored]
  var changed: [Rescored]
  var reasonsChanged: [CriterionID]
  var perspectiveChanged: Bool
  var assessorChanged: Bool

  /// `nil` for a domain's first assessment.
  init?(_ diff: AssessmentDiff, previousVersion: Int, assessorChanged: Bool) {
    guard let from = diff.from else { return nil }
    func position(_ p: AssessmentDiff.Position) -> Position {
      Position(gains: Format.rounded(p.gains), risk: Format.rounded(p.risk), quadrant: p.quadrant)
    }
    self.previousVersion = previousVersion
    self.from = position(from)
    to = position(diff.to)
    quadrantChanged = diff.changedQuadrant
    gainsDelta = Format.rounded(diff.to.gains - from.gains)
    riskDelta = Format.rounded(diff.to.risk - from.risk)
    added = diff.added.map { Scored(criterion: $0.criterion, value: .init($0.value)) }
    removed = diff.removed.map { Scored(criterion: $0.criterion, value: .init($0.value)) }
    changed = diff.changed.map { Rescored(criterion: $0.criterion, old: .init($0.old), new: .init($0.new)) }
    reasonsChanged = diff.reasonsChanged
    perspectiveChanged = diff.perspectiveChanged
    self.assessorChanged = assessorChanged
  }
}
