import Foundation
import Plot
import SafeZonesCore

/// `/rounds/:id/assessor`: one assessor's domains in a round, in one form with one submit,
/// each domain prefilled from their draft, else their latest submission in this round, else
/// their judgement in the previous round, with the previous round's anonymous group
/// distribution and the rubric's level meanings beside each criterion.
struct RoundAssessorModel {
  /// Where the form's values come from.
  enum Prefill: Equatable {
    case blank
    /// The assessor's latest submission in this round (its sequence number).
    case thisRound(sequence: Int, at: Date?)
    /// The assessor's judgement in the previous round (its number).
    case previousRound(Int)
    /// The assessor's unsent draft (saved then).
    case draft(savedAt: Date?)
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
    /// The latest judgement submitted in this round, as a form (to tell a revision from a
    /// resubmission of the same values).
    var submitted: AssessmentDraft?
    /// When the latest judgement of this round was submitted (also shown under a draft).
    var submittedAt: Date?

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
  /// The domains whose judgements were just submitted.
  var submitted: [String] = []
  /// A message about the whole form (e.g. nothing to submit).
  var notice: String?
  /// Set when the drafts were just saved (without script) or kept after a refusal.
  var draftNotice: DraftNotice?
  var csrf: String

  enum DraftNotice: Equatable {
    /// Saved by the "Save draft" button.
    case saved
    /// A submission was refused; what was typed was kept as drafts.
    case keptAfterRefusal
  }

  var hasErrors: Bool { domains.contains { !$0.issues.isEmpty } }
}

extension RoundAssessorModel.Prefill {
  var isThisRound: Bool { if case .thisRound = self { return true } else { return false } }
}

/// The one form of the assessor page names each field `<domain>.<field>` (a domain id holds
/// no '.'), so that one submission carries every domain.
enum RoundForm {
  static func name(_ domain: String, _ field: String) -> String { "\(domain).\(field)" }

  /// The fields of `domain`, unprefixed, as the per-domain readers expect them.
  static func fields(_ all: FormFields, domain: String) -> FormFields {
    let prefix = domain + "."
    return FormFields(
      pairs: all.pairs.compactMap {
        $0.name.hasPrefix(prefix) ? (String($0.name.dropFirst(prefix.count)), $0.value) : nil
      })
  }

  /// The fields of `domain` a draft keeps (known names; empty values dropped).
  static func draftFields(_ all: FormFields, domain: String) -> [String: String] {
    var out: [String: String] = [:]
    for (name, value) in fields(all, domain: domain).pairs where RoundDraft.isFieldName(name) && !value.isEmpty {
      out[name] = value
    }
    return out
  }
}
