import Foundation
import SafeZonesCore

/// A rubric in the rubric file's shape, so it can be fetched, edited and posted back.
struct RubricDTO: Encodable {
  var version: String
  var title: String
  /// The default pair's codes (the file's `countries`), whatever pair is in view.
  var countries: [String]
  var defaultPair: String
  var pairs: [String]
  var thresholds: Thresholds
  var aggregation: AggregationParameters
  var criteria: [Criterion]

  init(_ rubric: Rubric) {
    version = rubric.version
    title = rubric.title
    countries = rubric.defaultPair.codes
    defaultPair = rubric.defaultPair.id
    pairs = rubric.pairs.map(\.id)
    thresholds = rubric.thresholds
    aggregation = rubric.aggregation
    criteria = rubric.criteria
  }
}

/// `GET /api/v1/rubrics`.
struct RubricListDTO: Encodable {
  struct Entry: Encodable {
    var version: String
    var title: String
    var countries: [String]
    var thresholds: Thresholds
    var storedAt: String?
    var current: Bool
  }
  var current: String
  var rubrics: [Entry]

  init(_ stored: [StoredRubric]) {
    let currentVersion = stored.last?.rubric.version ?? ""
    current = currentVersion
    rubrics = stored.map {
      Entry(
        version: $0.rubric.version, title: $0.rubric.title, countries: $0.rubric.countries.codes,
        thresholds: $0.rubric.thresholds, storedAt: $0.storedAt.map(APIDates.format),
        current: $0.rubric.version == currentVersion)
    }
  }
}
