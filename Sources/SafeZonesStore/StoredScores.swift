import Foundation
import SafeZonesCore

/// The JSON kept in `assessments.scores`: one entry per scored criterion.
struct StoredScore: Codable, Equatable {
  var low: Double?
  var likely: Double
  var high: Double?
  /// Elicited quantiles, when the judgement was given that way.
  var quantiles: [ElicitedQuantile]?
  var rationale: String?
  var evidence: [String]?

  init(_ score: CriterionScore) {
    likely = score.value.likely
    switch score.value {
    case .point: break
    case .range(let l, _, let h):
      low = l
      high = h
    case .quantiles(let q): quantiles = q
    }
    rationale = score.rationale
    evidence = score.evidence.isEmpty ? nil : score.evidence
  }

  var score: CriterionScore {
    let value: ScoreValue =
      if let quantiles { .quantiles(quantiles) } else if let low, let high {
        .range(low: low, likely: likely, high: high)
      } else { .point(likely) }
    return CriterionScore(value, rationale: rationale, evidence: evidence ?? [])
  }

  static func encode(_ scores: [CriterionID: CriterionScore]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let dict = Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, StoredScore($0.value)) })
    return String(decoding: try encoder.encode(dict), as: UTF8.self)
  }

  static func decode(_ text: String) throws -> [CriterionID: CriterionScore] {
    let dict = try JSONDecoder().decode([String: StoredScore].self, from: Data(text.utf8))
    var scores: [CriterionID: CriterionScore] = [:]
    for (key, value) in dict {
      // A criterion id unknown to this version is kept out rather than failing the read.
      if let id = CriterionID(rawValue: key) { scores[id] = value.score }
    }
    return scores
  }
}

enum StoredTags {
  static func encode(_ tags: [String]) -> String {
    String(decoding: (try? JSONEncoder().encode(tags)) ?? Data("[]".utf8), as: UTF8.self)
  }

  static func decode(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }
}
