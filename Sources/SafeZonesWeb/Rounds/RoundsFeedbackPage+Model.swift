import Foundation
import Plot
import SafeZonesCore

/// `/rounds/:id/feedback?name=X`: after a round closes, the anonymous group distribution
/// beside the assessor's own judgement. Nothing on it names another assessor.
struct RoundFeedbackModel {
  var feedback: RoundFeedback
  var domainNames: [String: String]
  /// The study's next round, when opened.
  var next: Round?

  func name(_ id: String) -> String { domainNames[id] ?? id }
}
