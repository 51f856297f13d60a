import Foundation

/// Domains with their full history in the input format, so that an export can be
/// imported again unchanged (`safezones export` → `safezones import`).
public struct DomainExport: Sendable, Codable {
  public struct ScoreEntry: Sendable, Codable {
    public var value: ExportValue?
    /// Elicited quantiles as `{"0.05": 1, …}` (instead of `value`).
    public var quantiles: [String: Double]?
    public var rationale: String?
    public var evidence: [String]?
  }

  /// A point or a `[low, likely, high]` range, encoded as a number or a list.
  public enum ExportValue: Sendable, Codable {
    case point(Double)
    case range([Double])

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .point(let v): try container.encode(v)
      case .range(let r): try container.encode(r)
      }
    }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let v = try? container.decode(Double.self) {
        self = .point(v)
      } else {
        self = .range(try container.decode([Double].self))
      }
    }
  }

  public struct AssessmentEntry: Sendable, Codable {
    public var assessor: String
    public var date: String
    /// The country pair judged (`EU-CN`); left out for the rubric's default pair.
    public var pair: String?
    public var perspective: String?
    public var note: String?
    /// Expected drifts, in the input format; left out when there are none.
    public var drifts: [DriftEntry]? = nil
    public var scores: [String: ScoreEntry]
  }

  public struct DomainEntry: Sendable, Codable {
    public var id: String
    public var name: String
    public var summary: String?
    public var tags: [String]
    /// Left out when there are none.
    public var keywords: [String]?
    public var source: String?
    public var links: [DomainLink]
    public var assessments: [AssessmentEntry]
  }

  public var exportedAt: String?
  public var rubric: String?
  public var domains: [DomainEntry]

  public init(domains: [Domain], rubricVersion: String? = nil, exportedAt: Date? = nil) {
    self.exportedAt = exportedAt.map { ISO8601DateFormatter().string(from: $0) }
    self.rubric = rubricVersion
    self.domains = domains.map { d in
      DomainEntry(
        id: d.id, name: d.name, summary: d.summary, tags: d.tags, keywords: d.keywords.isEmpty ? nil : d.keywords,
        source: d.source, links: d.links,
        assessments: d.assessments.map { a in
          AssessmentEntry(
            assessor: a.assessor, date: a.date.description, pair: a.pair?.id, perspective: a.perspective,
            note: a.note,
            drifts: a.drifts.isEmpty ? nil : a.drifts.map(DriftEntry.init),
            scores: Dictionary(
              uniqueKeysWithValues: a.scores.map { id, score in
                var value: ExportValue?
                var quantiles: [String: Double]?
                switch score.value {
                case .point(let v): value = .point(v)
                case .range(let l, let m, let h): value = .range([l, m, h])
                case .quantiles(let q):
                  quantiles = Dictionary(uniqueKeysWithValues: q.map { (Format.number($0.p, digits: 6), $0.value) })
                }
                return (
                  id.rawValue,
                  ScoreEntry(
                    value: value, quantiles: quantiles, rationale: score.rationale,
                    evidence: score.evidence.isEmpty ? nil : score.evidence)
                )
              }))
        })
    }
  }

  /// Pretty, stable JSON (sorted keys, snake_case).
  public func json() throws -> Data {
    try StableJSONEncoder().encode(self)
  }

  /// One CSV row per assessment (the whole history), one column per criterion.
  public static func historyCSV(_ domains: [Domain], rubric: Rubric) -> String {
    let criteria = rubric.criteria.map(\.id)
    let headers =
      ["domain", "name", "version", "pair", "assessor", "date", "perspective", "note"] + criteria.map(\.rawValue)
    var rows: [[String]] = []
    for d in domains {
      for (i, a) in d.assessments.enumerated() {
        rows.append(
          [
            d.id, d.name, String(a.sequence ?? i + 1), (a.pair ?? rubric.defaultPair).id, a.assessor,
            a.date.description, a.perspective ?? "",
            a.note ?? "",
          ]
            + criteria.map { a.scores[$0]?.value.text ?? "" })
      }
    }
    return TextOutput.csv(headers: headers, rows: rows)
  }
}
