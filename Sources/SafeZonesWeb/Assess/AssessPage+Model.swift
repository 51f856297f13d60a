import Foundation
import Plot
import SafeZonesCore

/// The assessment form: a new domain with its first assessment, or a new assessment of an
/// existing domain, with the values typed, the problems found and any conflicting save.
struct AssessPageModel {
  enum Mode {
    case newDomain
    /// A new assessment of domain `id`, based on version `baseVersion` (its current one).
    case append(id: String, name: String, baseVersion: Int)
  }

  /// Someone else saved while this form was open.
  struct Conflict {
    /// The version the form was based on, and the domain's version now.
    var baseVersion: Int
    var currentVersion: Int
    /// The newest saved assessment (theirs).
    var theirs: Assessment
  }

  var mode: Mode
  var rubric: Rubric
  /// The domain fields (new domains only) and the assessment fields, as typed.
  var domain: DomainDraft
  /// The assessment the form started from (appending only).
  var current: Assessment?
  var issues: [InputIssue] = []
  var conflict: Conflict?
  /// The id typed is already taken by this domain.
  var duplicateOf: String?
  var csrf: String
  /// The domains a new domain may link to (id, name), in the store's order.
  var linkTargets: [(id: String, name: String)] = []

  var draft: AssessmentDraft { domain.assessment }

  /// Problems per form field; problems without a field are listed only in the summary.
  var errors: [String: [String]] {
    var out: [String: [String]] = [:]
    for issue in issues {
      if let field = FormField.name(for: issue.key) { out[field, default: []].append(issue.message) }
    }
    return out
  }
}
