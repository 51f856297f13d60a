import Foundation
import Plot
import SafeZonesCore

/// `/rounds/:id/assessor?name=X`: one assessor's domains in a round, a form per domain
/// prefilled from their previous submission (in this round, else in the previous round),
/// with the previous round's anonymous group distribution beside each criterion.
struct RoundAssessorModel {
  /// Where the form's values come from.
  enum Prefill: Equatable {
    case blank
    /// The assessor's latest submission in this round (its sequence number).
    case thisRound(sequence: Int, at: Date?)
    /// The assessor's judgement in the previous round (its number).
    case previousRound(Int)
  }

  struct DomainEntry {
    var id: String
    var name: String
    var draft: AssessmentDraft
    var prefill: Prefill
    /// Problems of the form just submitted for this domain.
    var issues: [InputIssue] = []
    /// The previous round's anonymous group distribution, per criterion.
    var previousGroup: [CriterionID: GroupDistribution] = [:]
    /// The assessor's own scores in the previous round.
    var previousOwn: [CriterionID: CriterionScore] = [:]

    var errors: [String: [String]] {
      var out: [String: [String]] = [:]
      for issue in issues {
        // `scores` (nothing scored) has no field of its own; it is shown above the criteria.
        let field = issue.key == "scores" ? "scores" : FormField.name(for: issue.key)
        if let field { out[field, default: []].append(issue.message) }
      }
      return out
    }
  }

  var round: Round
  var previous: Round?
  var assessor: String
  var rubric: Rubric
  var domains: [DomainEntry]
  /// The domain whose judgement was just saved.
  var saved: String?
  var csrf: String

  var hasErrors: Bool { domains.contains { !$0.issues.isEmpty } }
}

extension RoundAssessorModel.Prefill {
  var isThisRound: Bool { if case .thisRound = self { return true } else { return false } }
}
