import Foundation
import Plot
import SafeZonesCore

/// `/rounds`: every study's rounds, and the form that opens a round.
struct RoundsListModel {
  /// Whether the reader may open rounds (facilitators).
  var canOpen = true
  /// What the open-a-round form holds, as typed.
  struct Form {
    var study = ""
    var title = ""
    var facilitator = ""
    var domains: [String] = []
  }

  struct Entry {
    var round: Round
    /// Assessors who submitted at least one judgement.
    var assessors: Int
  }

  /// Oldest study first by name, rounds by number.
  var entries: [Entry]
  /// Every domain that can be put to a panel: id and name, in id order.
  var domains: [(id: String, name: String)]
  var form: Form
  var issues: [InputIssue] = []
  var csrf: String

  var studies: [String] {
    var out: [String] = []
    for e in entries where !out.contains(e.round.study) { out.append(e.round.study) }
    return out
  }

  var errors: [String: [String]] {
    var out: [String: [String]] = [:]
    for issue in issues { out[issue.key ?? "study", default: []].append(issue.message) }
    return out
  }
}
