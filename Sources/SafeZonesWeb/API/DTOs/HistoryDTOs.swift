import Foundation
import SafeZonesCore

/// One assessment in a domain's history, placed under the rubric in force.
struct HistoryEntryDTO: Encodable {
  var version: Int
  var assessor: String
  var date: String
  var recordedAt: String?
  var pair: String?
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
      a, version: domain.version(at: i), placement: Scoring.place(a, rubric: rubric),
      changes: ChangesDTO(
        AssessmentDiff(from: previous, to: a, rubric: rubric), previousVersion: i > 0 ? domain.version(at: i - 1) : 0,
        assessorChanged: previous.map { $0.assessor != a.assessor } ?? false))
  }

  init(_ a: Assessment, version: Int, placement: Placement, changes: ChangesDTO?) {
    let entry = DomainExport.AssessmentEntry(a)
    self.version = version
    assessor = entry.assessor
    date = entry.date
    recordedAt = a.recordedAt.map(APIDates.format)
    pair = entry.pair
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
