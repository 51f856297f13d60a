/// The two countries whose cooperation a rubric judges (the essay: the United States and
/// China; the framework must work for any pair).
public struct CountryPair: Sendable, Hashable, Codable, CustomStringConvertible {
  public var first: String
  public var second: String

  public init(_ first: String, _ second: String) {
    self.first = first
    self.second = second
  }

  public static let usChina = CountryPair("US", "CN")

  public var description: String { "\(first)–\(second)" }
  public var codes: [String] { [first, second] }

  /// The pair as a person reads it in the language in view: `US–CN`, `美国–中国`.
  public var displayName: String {
    guard let l = Localization.current else { return description }
    func short(_ code: String) -> String {
      l.message("country.\(code).short") == nil ? code : l.text("country.\(code).short")
    }
    return l.text("pair.name", ["first": .text(short(first)), "second": .text(short(second))])
  }
}

/// Where the map is cut into quadrants, and how close to a cut counts as borderline.
public struct Thresholds: Sendable, Hashable, Codable {
  public var gains: Double
  public var risk: Double
  /// A placement whose gains or risk is within `margin` of its threshold is `borderline`.
  public var margin: Double

  public init(gains: Double = 0.5, risk: Double = 0.5, margin: Double = 0.05) {
    self.gains = gains
    self.risk = risk
    self.margin = margin
  }
}

/// Tunable constants of the aggregation (see `docs/scoring.md`).
public struct AggregationParameters: Sendable, Hashable, Codable {
  /// λ: the share of political risk that comes from the single most severe risk factor
  /// rather than from the weighted mean, so that one severe factor is never averaged away.
  public var peakShare: Double
  /// μ: the largest fraction of risk that full mitigation (both mitigation criteria at 4)
  /// can remove.
  public var mitigationStrength: Double

  public init(peakShare: Double = 0.5, mitigationStrength: Double = 0.4) {
    self.peakShare = peakShare
    self.mitigationStrength = mitigationStrength
  }
}

/// One criterion as an organisation's rubric defines it.
public struct Criterion: Sendable, Hashable, Codable, Identifiable {
  public var id: CriterionID
  public var axis: Axis
  public var weight: Double
  /// The one-line question an assessor answers.
  public var question: String
  /// What levels 0, 1, 2, 3 and 4 mean, in that order.
  public var levels: [String]
  /// For risk criteria: mitigation cannot bring risk below `mitigationFloor × score/4`
  /// (used for military applicability and security exposure). `0` means no floor.
  public var mitigationFloor: Double

  public init(
    id: CriterionID, axis: Axis? = nil, weight: Double, question: String, levels: [String],
    mitigationFloor: Double = 0
  ) {
    self.id = id
    self.axis = axis ?? id.canonicalAxis
    self.weight = weight
    self.question = question
    self.levels = levels
    self.mitigationFloor = mitigationFloor
  }
}

/// A versioned rubric: the criteria, their weights and level meanings, the country pair, the
/// thresholds, and the aggregation constants. Rubrics are data, loaded from YAML.
public struct Rubric: Sendable, Hashable, Codable {
  public var version: String
  public var title: String
  /// The pair in view: the rubric's default pair as loaded, another of `pairs` once
  /// `scoped(to:)` (viability and perspectives follow it).
  public var countries: CountryPair
  /// The pair an assessment that names none judges (`default_pair`, or `countries`).
  public var defaultPair: CountryPair
  /// Every pair this rubric may judge, the default first (`pairs:` in the file).
  public var pairs: [CountryPair]
  public var thresholds: Thresholds
  public var aggregation: AggregationParameters
  /// One entry per criterion, in the rubric's order.
  public var criteria: [Criterion]

  public init(
    version: String, title: String = "SafeZones rubric", countries: CountryPair = .usChina,
    thresholds: Thresholds = Thresholds(), aggregation: AggregationParameters = AggregationParameters(),
    criteria: [Criterion]
  ) {
    self.version = version
    self.title = title
    self.countries = countries
    self.defaultPair = countries
    self.pairs = [countries]
    self.thresholds = thresholds
    self.aggregation = aggregation
    self.criteria = criteria
  }

  enum CodingKeys: String, CodingKey {
    case version, title, countries, defaultPair, pairs, thresholds, aggregation, criteria
  }

  /// Rubrics stored before pairs existed judge their `countries` only.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    version = try c.decode(String.self, forKey: .version)
    title = try c.decode(String.self, forKey: .title)
    countries = try c.decode(CountryPair.self, forKey: .countries)
    defaultPair = try c.decodeIfPresent(CountryPair.self, forKey: .defaultPair) ?? countries
    pairs = try c.decodeIfPresent([CountryPair].self, forKey: .pairs) ?? [countries]
    thresholds = try c.decode(Thresholds.self, forKey: .thresholds)
    aggregation = try c.decode(AggregationParameters.self, forKey: .aggregation)
    criteria = try c.decode([Criterion].self, forKey: .criteria)
  }

  /// The criterion with this id. Valid rubrics define every id.
  public subscript(id: CriterionID) -> Criterion? { criteria.first { $0.id == id } }

  /// The criteria on one axis, in rubric order.
  public func criteria(on axis: Axis) -> [Criterion] { criteria.filter { $0.axis == axis } }

  /// Checks everything that does not depend on the file format: every criterion present
  /// once, on its canonical axis, with a non-negative finite weight and five non-empty level
  /// descriptions; thresholds and constants in range. Keys are paths into the rubric file.
  public func validate() -> [InputIssue] {
    var issues: [InputIssue] = []
    func issue(_ key: String, _ message: String) { issues.append(InputIssue(key: key, message: message)) }

    if version.trimmingCharacters(in: .whitespaces).isEmpty { issue("version", tr("must not be empty")) }
    for (key, code) in [("countries[0]", countries.first), ("countries[1]", countries.second)]
    where code.trimmingCharacters(in: .whitespaces).isEmpty {
      issue(key, tr("must name a country"))
    }
    if countries.first == countries.second { issue("countries", tr("the two countries must differ")) }
    for (i, pair) in pairs.enumerated() {
      if !CountryPair.isValidCode(pair.first) || !CountryPair.isValidCode(pair.second) || pair.first == pair.second {
        issue(
          "pairs[\(i)]",
          tr("a pair is two different country codes such as EU-CN, got '{pair}'", ["pair": .text(pair.id)]))
      }
      if pairs[..<i].contains(pair) { issue("pairs[\(i)]", tr("'{id}' is listed twice", ["id": .text(pair.id)])) }
    }
    if !pairs.contains(defaultPair) {
      issue(
        "default_pair",
        tr(
          "'{pair}' is not among pairs ({pairs})",
          ["pair": .text(defaultPair.id), "pairs": .text(pairs.map(\.id).joined(separator: ", "))]))
    }
    for (key, value) in [("thresholds.gains", thresholds.gains), ("thresholds.risk", thresholds.risk)]
    where !(value.isFinite && (0...1).contains(value)) {
      issue(key, tr("must be between 0 and 1, got {value}", ["value": .text(Format.number(value))]))
    }
    if !(thresholds.margin.isFinite && thresholds.margin >= 0 && thresholds.margin < 0.5) {
      issue(
        "thresholds.margin",
        tr(
          "must be at least 0 and below 0.5, got {value}", ["value": .text(Format.number(thresholds.margin))]))
    }
    if !(aggregation.peakShare.isFinite && (0...1).contains(aggregation.peakShare)) {
      issue(
        "aggregation.peak_share",
        tr(
          "must be between 0 and 1, got {value}", ["value": .text(Format.number(aggregation.peakShare))]))
    }
    if !(aggregation.mitigationStrength.isFinite && (0...1).contains(aggregation.mitigationStrength)) {
      issue(
        "aggregation.mitigation_strength",
        tr(
          "must be between 0 and 1, got {value}", ["value": .text(Format.number(aggregation.mitigationStrength))]))
    }

    var seen: Set<CriterionID> = []
    for (index, criterion) in criteria.enumerated() {
      let key = "criteria[\(index)]"
      if !seen.insert(criterion.id).inserted {
        issue("\(key).id", tr("duplicate criterion '{id}'", ["id": .text(criterion.id.rawValue)]))
      }
      if criterion.axis != criterion.id.canonicalAxis {
        issue(
          "\(key).axis",
          tr(
            "'{id}' belongs on the {axis} axis, not {given}",
            [
              "id": .text(criterion.id.rawValue), "axis": .text(criterion.id.canonicalAxis.rawValue),
              "given": .text(criterion.axis.rawValue),
            ]))
      }
      if !(criterion.weight.isFinite && criterion.weight >= 0) {
        issue(
          "\(key).weight",
          tr(
            "must be a non-negative number, got {value}", ["value": .text(Format.number(criterion.weight))]))
      }
      if criterion.question.trimmingCharacters(in: .whitespaces).isEmpty {
        issue("\(key).question", tr("must not be empty"))
      }
      if criterion.levels.count != 5 {
        let have = criterion.levels.count
        issue(
          "\(key).levels",
          tr("must describe exactly the five levels 0–4, found {count}", ["count": .text(String(have))]))
      }
      for (level, text) in criterion.levels.enumerated()
      where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        issue("\(key).levels.\(level)", tr("level {level} has no description", ["level": .text(String(level))]))
      }
      if !(criterion.mitigationFloor.isFinite && (0...1).contains(criterion.mitigationFloor)) {
        issue(
          "\(key).mitigation_floor",
          tr(
            "must be between 0 and 1, got {value}", ["value": .text(Format.number(criterion.mitigationFloor))]))
      } else if criterion.mitigationFloor > 0 && criterion.axis != .risk {
        issue("\(key).mitigation_floor", tr("only risk criteria can have a mitigation floor"))
      }
    }
    let missing = CriterionID.allCases.filter { !seen.contains($0) }
    if !missing.isEmpty {
      issue(
        "criteria",
        tr(
          "missing criteria: {criteria} (set a weight of 0 to ignore one)",
          ["criteria": .text(missing.map(\.rawValue).joined(separator: ", "))]))
    }
    for axis in [Axis.gains, .risk] where !criteria(on: axis).isEmpty {
      if criteria(on: axis).allSatisfy({ $0.weight == 0 }) {
        issue("criteria", tr("at least one {axis} criterion needs a weight above 0", ["axis": .text(axis.rawValue)]))
      }
    }
    return issues
  }
}
