import Foundation
import Plot
import SafeZonesCore

/// `/rounds/:id`, the facilitator's view: who has submitted, closing, convergence against
/// the previous round, and the study's history. It names assessors (the facilitator knows
/// the panel) but never shows whose judgement is whose.
struct RoundDetailModel {
  struct Participation {
    var domainID: String
    var name: String
    /// Assessors whose judgement counts, in order of first submission.
    var assessors: [String]
    /// Submissions including revisions.
    var submissions: Int
  }

  var round: Round
  /// The pair the round judges.
  var pair: CountryPair = .usChina
  var participation: [Participation]
  /// Everyone who submitted in this round.
  var assessors: [String]
  /// The study's rounds, oldest first.
  var history: [Round]
  /// The round that follows this one, if opened.
  var next: Round?
  /// The study's rounds up to this one, when this one is closed.
  var convergence: Convergence?
  /// Who has not answered yet (or, once closed, did not): the previous round's panel and
  /// this round's, per domain (`Delphi.unanswered`).
  var unanswered: Unanswered? = nil
  var domainNames: [String: String]
  /// Set after adopting: how many domains received the panel's judgement.
  var adopted: Int?
  /// Set after reverting an adoption: how many domains were restored.
  var reverted: Int?
  /// Domains whose current assessment is this round's adopted judgement.
  var reversals: [AdoptionReversal] = []
  var csrf: String

  var previous: Round? { history.first { $0.id == round.previousRoundID } }
  func name(_ id: String) -> String { domainNames[id] ?? id }
}
