import SafeZonesCore

/// A rubric equal in structure to the shipped one, defined in code so core tests do not
/// depend on resource files.
enum Fixtures {
  static let levels = ["none", "low", "some", "high", "very high"]

  static func rubric(
    thresholds: Thresholds = Thresholds(), aggregation: AggregationParameters = AggregationParameters()
  ) -> Rubric {
    let weights: [CriterionID: Double] = [
      .fundamentality: 1.5, .military: 1.5, .securityExposure: 1.5, .dominance: 0.75,
    ]
    return Rubric(
      version: "test-1", thresholds: thresholds, aggregation: aggregation,
      criteria: CriterionID.allCases.map { id in
        Criterion(
          id: id, weight: weights[id] ?? 1, question: "\(id.rawValue)?", levels: levels,
          mitigationFloor: id == .military || id == .securityExposure ? 0.6 : 0)
      })
  }

  static let day = Day(year: 2026, month: 11, day: 1)!

  static func assessment(_ scores: [CriterionID: Double]) -> Assessment {
    Assessment(assessor: "Test", date: day, scores: scores.mapValues { CriterionScore($0) })
  }

  /// Every criterion at `value`, then the overrides.
  static func all(_ value: Double, _ overrides: [CriterionID: Double] = [:]) -> [CriterionID: Double] {
    var scores = Dictionary(uniqueKeysWithValues: CriterionID.allCases.map { ($0, value) })
    for (k, v) in overrides { scores[k] = v }
    return scores
  }
}
