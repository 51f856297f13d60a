import Foundation
import Plot
import SafeZonesCore

/// What the warnings page shows: every migration warning, most severe first, and the
/// projections of domains with recorded drifts.
struct WarningsPageModel {
  var rubric: Rubric
  var asOf: Day?
  var horizon: Double
  var report: WatchReport
  /// Domain names by id (for related domains).
  var names: [String: String]
}
