import Foundation
import SafeZonesCore

// The JSON contract of the API, built from the core's values (never from store models).
// Property names are camelCase here and snake_case on the wire (`APIResponse.encoder`).
// `OpenAPIDocument` describes each of these; the API tests check the two agree.

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

  init(_ report: DomainReport, version: Int) {
    id = report.id
    name = report.name
    tags = report.tags
    self.version = version
    gains = report.gains
    risk = report.risk
    quadrant = report.quadrant
    borderline = report.borderline
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

  init(_ domain: Domain, report: DomainReport, rubric: Rubric) {
    self.report = report
    version = domain.assessments.count
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

/// One assessment in a domain's history, placed under the rubric in force.
struct HistoryEntryDTO: Encodable {
  var version: Int
  var assessor: String
  var date: String
  var recordedAt: String?
  var perspective: String?
  var note: String?
  var scores: [String: DomainExport.ScoreEntry]
  /// Expected drifts, in the input format; left out when there are none.
  var drifts: [DriftEntry]?
  var placement: PlacementDTO
  var changes: ChangesDTO?

  /// Every assessment of `domain`, oldest first.
  static func history(of domain: Domain, rubric: Rubric) -> [HistoryEntryDTO] {
    domain.assessments.indices.map { entry(at: $0, of: domain, rubric: rubric) }
  }

  /// The assessment at `index` of `domain`, compared with the one before it.
  static func entry(at i: Int, of domain: Domain, rubric: Rubric) -> HistoryEntryDTO {
    let a = domain.assessments[i]
    let previous = i > 0 ? domain.assessments[i - 1] : nil
    return HistoryEntryDTO(
      a, version: a.sequence ?? i + 1, placement: Scoring.place(a, rubric: rubric),
      changes: ChangesDTO(
        AssessmentDiff(from: previous, to: a, rubric: rubric), previousVersion: previous.map { $0.sequence ?? i } ?? 0,
        assessorChanged: previous.map { $0.assessor != a.assessor } ?? false))
  }

  init(_ a: Assessment, version: Int, placement: Placement, changes: ChangesDTO?) {
    let entry = DomainExport.AssessmentEntry(a)
    self.version = version
    assessor = entry.assessor
    date = entry.date
    recordedAt = a.recordedAt.map(APIDates.format)
    perspective = entry.perspective
    note = entry.note
    scores = entry.scores
    drifts = entry.drifts
    self.placement = PlacementDTO(placement)
    self.changes = changes
  }
}

/// `GET /api/v1/domains/{id}/history`.
struct HistoryDTO: Encodable {
  var id: String
  var name: String
  var version: Int
  var rubric: String
  var assessments: [HistoryEntryDTO]
}

/// `POST /api/v1/domains/{id}/assessments` (201): the new version and where it places the
/// domain, with what changed compared with the version before.
struct AssessmentCreatedDTO: Encodable {
  var id: String
  var version: Int
  var assessment: HistoryEntryDTO
  var strategy: Strategy
}

/// A rubric in the rubric file's shape, so it can be fetched, edited and posted back.
struct RubricDTO: Encodable {
  var version: String
  var title: String
  var countries: [String]
  var thresholds: Thresholds
  var aggregation: AggregationParameters
  var criteria: [Criterion]

  init(_ rubric: Rubric) {
    version = rubric.version
    title = rubric.title
    countries = rubric.countries.codes
    thresholds = rubric.thresholds
    aggregation = rubric.aggregation
    criteria = rubric.criteria
  }
}

/// `GET /api/v1/rubrics`.
struct RubricListDTO: Encodable {
  struct Entry: Encodable {
    var version: String
    var title: String
    var countries: [String]
    var thresholds: Thresholds
    var storedAt: String?
    var current: Bool
  }
  var current: String
  var rubrics: [Entry]

  init(_ stored: [StoredRubric]) {
    let currentVersion = stored.last?.rubric.version ?? ""
    current = currentVersion
    rubrics = stored.map {
      Entry(
        version: $0.rubric.version, title: $0.rubric.title, countries: $0.rubric.countries.codes,
        thresholds: $0.rubric.thresholds, storedAt: $0.storedAt.map(APIDates.format),
        current: $0.rubric.version == currentVersion)
    }
  }
}

enum APIDates {
  /// ISO 8601 in UTC with fractional seconds when there are any.
  static func format(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }
}

/// A Delphi round with how many took part. Never who judged what: the API shows no
/// assessor's name and no single judgement, only counts and (once closed) the group's
/// anonymous spread.
struct RoundDTO: Encodable {
  var id: Int
  var study: String
  var number: Int
  var title: String
  var domains: [String]
  var facilitator: String
  var status: Round.Status
  var openedAt: String
  var closedAt: String?
  var previousRound: Int?
  /// Assessors who submitted at least one judgement.
  var assessors: Int
  /// Judgements submitted, revisions included.
  var judgements: Int

  init(_ round: Round, judgements: [RoundJudgement]) {
    id = round.id
    study = round.study
    number = round.number
    title = round.title
    domains = round.domainIDs
    facilitator = round.facilitator
    status = round.status
    openedAt = APIDates.format(round.openedAt)
    closedAt = round.closedAt.map(APIDates.format)
    previousRound = round.previousRoundID
    let relevant = judgements.filter { $0.roundID == round.id }
    assessors = Set(relevant.map(\.assessor)).count
    self.judgements = relevant.count
  }
}

/// `GET /api/v1/rounds`.
struct RoundListDTO: Encodable {
  var rounds: [RoundDTO]
}

/// `GET /api/v1/rounds/{id}`: the round, participation per domain (counts only), the next
/// round of the study, and once closed how the spread changed since the study's first round.
struct RoundDetailDTO: Encodable {
  struct Participation: Encodable {
    var domain: String
    /// Assessors whose judgement of the domain counts (each one's latest).
    var assessors: Int
    /// Judgements of the domain, revisions included.
    var submissions: Int
  }

  var round: RoundDTO
  var nextRound: Int?
  var participation: [Participation]
  var convergence: ConvergenceDTO?

  init(_ round: Round, judgements: [RoundJudgement], next: Round?, convergence: Convergence?) {
    self.round = RoundDTO(round, judgements: judgements)
    nextRound = next?.id
    participation = Delphi.participation(round: round, judgements: judgements).perDomain.map {
      Participation(domain: $0.domainID, assessors: $0.assessors.count, submissions: $0.submissions)
    }
    self.convergence = convergence.map(ConvergenceDTO.init)
  }

  enum Keys: String, CodingKey { case nextRound, participation, convergence }

  func encode(to encoder: any Encoder) throws {
    try round.encode(to: encoder)
    var container = encoder.container(keyedBy: Keys.self)
    try container.encodeIfPresent(nextRound, forKey: .nextRound)
    try container.encode(participation, forKey: .participation)
    try container.encodeIfPresent(convergence, forKey: .convergence)
  }
}

/// How the panel's spread changed from round to round (`Delphi.convergence`), anonymous.
struct ConvergenceDTO: Encodable {
  struct RoundRef: Encodable {
    var id: Int
    var number: Int
  }
  struct Spread: Encodable {
    var round: Int
    var n: Int
    var iqr: Double
    var pooledWidth: Double
    var median: Double
  }
  struct Change: Encodable {
    var from: Int
    var to: Int
    var iqr: Double
    var pooledWidth: Double
    var trend: Convergence.Trend
  }
  struct Row: Encodable {
    var domain: String
    var criterion: CriterionID
    /// The rounds (by number) in which someone scored the criterion.
    var spreads: [Spread]
    /// Between consecutive rounds that both have a spread.
    var changes: [Change]
  }
  struct Summary: Encodable {
    var from: Int
    var to: Int
    var narrowed: Int
    var widened: Int
    var unchanged: Int
    var compared: Int
  }

  var rounds: [RoundRef]
  var rows: [Row]
  var summaries: [Summary]

  init(_ c: Convergence) {
    let numbers = c.rounds.map(\.number)
    rounds = c.rounds.map { RoundRef(id: $0.id, number: $0.number) }
    rows = c.rows.map { row in
      Row(
        domain: row.domainID, criterion: row.criterion,
        spreads: row.spreads.enumerated().compactMap { i, s in
          s.map {
            Spread(
              round: numbers[i], n: $0.n, iqr: Format.rounded($0.iqr), pooledWidth: Format.rounded($0.pooledWidth),
              median: Format.rounded($0.median))
          }
        },
        changes: row.changes.enumerated().compactMap { i, change in
          change.map {
            Change(
              from: numbers[i], to: numbers[i + 1], iqr: Format.rounded($0.iqr),
              pooledWidth: Format.rounded($0.pooledWidth), trend: $0.trend)
          }
        })
    }
    summaries = c.summaries.map {
      Summary(
        from: $0.from, to: $0.to, narrowed: $0.narrowed, widened: $0.widened, unchanged: $0.unchanged,
        compared: $0.compared)
    }
  }
}
