import Foundation

extension DomainExport.AssessmentEntry {
  /// One assessment in the input format (what `DomainLoader.parseAssessment` reads back),
  /// written exactly as an export writes it, so an assessment shown by the API can be
  /// edited and submitted again.
  public init(_ assessment: Assessment) {
    self = DomainExport(domains: [Domain(id: "", name: "", assessments: [assessment])]).domains[0].assessments[0]
  }
}

extension DomainExport.ScoreEntry {
  /// One criterion's score in the input format, as an export writes it.
  public init(_ id: CriterionID, _ score: CriterionScore) {
    let assessment = Assessment(assessor: "", date: Day(year: 2000, month: 1, day: 1)!, scores: [id: score])
    self = DomainExport.AssessmentEntry(assessment).scores[id.rawValue]!
  }
}
