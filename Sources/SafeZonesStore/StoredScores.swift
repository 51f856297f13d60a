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

  /// Reads the stored JSON. JSONSerialization is used instead of a Decodable decoder
  /// because reading 10,000 assessments is on the path of the first page after a write, and
  /// it is several times faster here.
  static func decode(_ text: String) throws -> [CriterionID: CriterionScore] {
    guard let dict = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
      throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "stored scores are not a JSON object"))
    }
    var scores: [CriterionID: CriterionScore] = [:]
    for (key, raw) in dict {
      // A criterion id unknown to this version is kept out rather than failing the read.
      guard let id = CriterionID(rawValue: key), let entry = raw as? [String: Any] else { continue }
      func number(_ field: String) -> Double? { (entry[field] as? NSNumber)?.doubleValue }
      guard let likely = number("likely") else {
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "stored score '\(key)' has no value"))
      }
      var stored = StoredScore(CriterionScore(likely))
      stored.low = number("low")
      stored.high = number("high")
      if let quantiles = entry["quantiles"] as? [[String: Any]] {
        stored.quantiles = quantiles.compactMap { q in
          guard let p = (q["p"] as? NSNumber)?.doubleValue, let v = (q["value"] as? NSNumber)?.doubleValue else {
            return nil
          }
          return ElicitedQuantile(p: p, value: v)
        }
      }
      stored.rationale = entry["rationale"] as? String
      stored.evidence = entry["evidence"] as? [String]
      scores[id] = stored.score
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
