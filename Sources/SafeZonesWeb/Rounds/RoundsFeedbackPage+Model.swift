import Foundation
import Plot
import SafeZonesCore

/// `/rounds/:id/feedback`: after a round closes, per domain and criterion the anonymous
/// group distribution beside the assessor's own judgement, charted against the previous
/// round, with every panellist's rationale (no names) and how the spread moved. Nothing on
/// it names another assessor.
struct RoundFeedbackModel {
  var feedback: RoundFeedback
  var domainNames: [String: String]
  /// The study's next round, when opened.
  var next: Round?

  func name(_ id: String) -> String { domainNames[id] ?? id }
}
