import Foundation
import Plot
import SafeZonesCore

/// Import of a domain file and the export downloads.
struct DataPageModel {
  enum Outcome {
    case none
    case imported(file: String, summary: ImportSummary)
    case refused(file: String?, issues: [InputIssue])
  }

  var domainCount: Int
  var assessmentCount: Int
  var rubricVersion: String
  var outcome: Outcome = .none
  var csrf: String
  /// Whether the reader may import (facilitators).
  var canImport = true
  var maxBytes: Int
}
