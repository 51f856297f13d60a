import Foundation
import Plot
import SafeZonesCore

/// The rubric in force and the versions stored before it.
struct RubricPageModel {
  var rubric: Rubric
  var stored: [StoredRubric]
}
