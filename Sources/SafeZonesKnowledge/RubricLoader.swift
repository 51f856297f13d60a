import Foundation
import SafeZonesCore
import Yams

/// Loads and validates rubric files.
public enum RubricLoader {
  /// Parses a rubric from YAML or JSON text; every problem is reported with file, line and key.
  public static func parse(_ text: String, file: String) throws(InputError) -> Rubric {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    let allowed: Set<String> = [
      "version", "title", "countries", "default_pair", "pairs", "thresholds", "aggregation", "criteria",
    ]
    guard let fields = reader.mapping(root, "", allowed: allowed) else { throw InputError(reader.issues) }
    reader.require(["version", "criteria"], in: fields, at: root, "")

    var rubric = Rubric(version: "", criteria: [])
    var defaultPair: CountryPair?
    var pairs: [CountryPair]?
    for (key, node) in fields {
      switch key {
      case "version": rubric.version = reader.string(node, key) ?? ""
      case "title": rubric.title = reader.text(node, key) ?? rubric.title
      case "countries":
        if let codes = reader.strings(node, key) {
          if codes.count == 2 {
            rubric.countries = CountryPair(codes[0], codes[1])
          } else {
            reader.report(
              node, key,
              tr("expected two country codes, e.g. [US, CN], got {count}", ["count": .text(String(codes.count))]))
          }
        }
      case "default_pair":
        guard let text = reader.string(node, key) else { continue }
        if let pair = CountryPair(id: text) {
          defaultPair = pair
        } else {
          reader.report(
            node, key, tr("expected two different country codes such as US-CN, got '{text}'", ["text": .text(text)]))
        }
      case "pairs":
        guard let texts = reader.strings(node, key) else { continue }
        var list: [CountryPair] = []
        for (i, text) in texts.enumerated() {
          if let pair = CountryPair(id: text) {
            list.append(pair)
          } else {
            reader.report(
              node, "\(key)[\(i)]",
              tr("expected two different country codes such as EU-CN, got '{text}'", ["text": .text(text)]))
          }
        }
        pairs = list
      case "thresholds":
        guard let pairs = reader.mapping(node, key, allowed: ["gains", "risk", "margin"]) else { continue }
        for (k, v) in pairs {
          guard let value = reader.number(v, "\(key).\(k)") else { continue }
          switch k {
          case "gains": rubric.thresholds.gains = value
          case "risk": rubric.thresholds.risk = value
          default: rubric.thresholds.margin = value
          }
        }
      case "aggregation":
        guard let pairs = reader.mapping(node, key, allowed: ["peak_share", "mitigation_strength"]) else { continue }
        for (k, v) in pairs {
          guard let value = reader.number(v, "\(key).\(k)") else { continue }
          if k == "peak_share" {
            rubric.aggregation.peakShare = value
          } else {
            rubric.aggregation.mitigationStrength = value
          }
        }
      default:
        guard let items = reader.sequence(node, key) else { continue }
        for (index, item) in items.enumerated() {
          if let criterion = criterion(item, "criteria[\(index)]", &reader) { rubric.criteria.append(criterion) }
        }
      }
    }
    // The default pair is `default_pair`, else `countries`; `pairs` lists every pair the
    // rubric judges (the default alone when absent), and the pair in view starts as the default.
    rubric.defaultPair = defaultPair ?? rubric.countries
    rubric.countries = rubric.defaultPair
    rubric.pairs = pairs ?? [rubric.defaultPair]
    reader.adopt(
      rubric.validate().filter { issue in
        // Problems already reported while reading (a bad field yields a default) would repeat.
        !reader.issues.contains { $0.key == issue.key }
      })
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder(summaryKeys: ["criteria"])) }
    return rubric
  }

  private static func criterion(_ node: Node, _ key: String, _ reader: inout NodeReader) -> Criterion? {
    let allowed: Set<String> = ["id", "axis", "weight", "question", "levels", "mitigation_floor"]
    guard let fields = reader.mapping(node, key, allowed: allowed) else { return nil }
    reader.require(["id", "axis", "weight", "question", "levels"], in: fields, at: node, key)
    var id: CriterionID?
    var axis: Axis?
    var weight = 1.0
    var question = ""
    var levels: [String] = []
    var floor = 0.0
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id":
        guard let text = reader.string(v, childKey) else { continue }
        id = CriterionID(rawValue: text)
        if id == nil {
          reader.report(
            v, childKey,
            tr(
              "unknown criterion '{criterion}' (expected one of: {criteria})",
              ["criterion": .text(text), "criteria": .text(CriterionID.allIDs)]))
        }
      case "axis":
        guard let text = reader.string(v, childKey) else { continue }
        axis = Axis(rawValue: text)
        if axis == nil {
          reader.report(
            v, childKey, tr("unknown axis '{axis}' (expected gains, risk or mitigation)", ["axis": .text(text)]))
        }
      case "weight": weight = reader.number(v, childKey) ?? weight
      case "question": question = reader.text(v, childKey) ?? "?"
      case "mitigation_floor": floor = reader.number(v, childKey) ?? 0
      default:
        levels = readLevels(v, childKey, &reader)
      }
    }
    guard let id else { return nil }
    return Criterion(
      id: id, axis: axis ?? id.canonicalAxis, weight: weight, question: question, levels: levels, mitigationFloor: floor
    )
  }

  /// Levels come as a mapping `0: text … 4: text` or a list of five texts.
  private static func readLevels(_ node: Node, _ key: String, _ reader: inout NodeReader) -> [String] {
    if case .sequence = node {
      let texts = reader.strings(node, key) ?? []
      if texts.count != 5 {
        reader.report(
          node, key,
          tr("must describe exactly the five levels 0–4, found {count}", ["count": .text(String(texts.count))]))
      }
      return texts.count == 5 ? texts : Array(repeating: "?", count: 5)
    }
    guard let pairs = reader.mapping(node, key) else { return Array(repeating: "?", count: 5) }
    var levels = [String?](repeating: nil, count: 5)
    for (k, v) in pairs {
      guard let level = Int(k), (0...4).contains(level) else {
        reader.report(v, "\(key).\(k)", tr("levels are numbered 0 to 4, got '{level}'", ["level": .text(k)]))
        continue
      }
      levels[level] = reader.text(v, "\(key).\(k)") ?? "?"
    }
    for (level, text) in levels.enumerated() where text == nil {
      reader.report(
        node, "\(key).\(level)", tr("missing description of level {level}", ["level": .text(String(level))]))
    }
    return levels.map { $0 ?? "?" }
  }

  /// Loads a rubric file (YAML or JSON).
  public static func load(path: String) throws(InputError) -> Rubric {
    try parse(InputFile.read(path), file: path)
  }
}
