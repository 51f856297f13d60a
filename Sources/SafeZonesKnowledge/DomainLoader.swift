import Foundation
import SafeZonesCore
import Yams

/// Loads domain files in the input format (YAML or JSON, same shape):
///
/// ```yaml
/// domains:
///   - id: hypersonics
///     name: Hypersonic glide vehicles
///     tags: [hypersonics]
///     assessment:
///       assessor: J. Analyst
///       date: 2026-11-01
///       scores:
///         fundamentality: 1
///         maturity: {value: 2, rationale: "...", evidence: "..."}
///         stakeholder_support: [0, 1, 2]
/// ```
public enum DomainLoader {
  static let domainFields: Set<String> = [
    "id", "name", "summary", "description", "tags", "keywords", "links", "source", "assessment", "assessments",
  ]
  static let assessmentFields: Set<String> = ["assessor", "date", "pair", "perspective", "note", "scores", "drifts"]
  static let scoreFields: Set<String> = ["value", "low", "likely", "high", "quantiles", "rationale", "evidence"]
  static let linkFields: Set<String> = ["target", "kind", "weight", "rationale"]

  /// Parses domains from text. `knownIDs` are ids that links may point to besides the
  /// file's own domains (e.g. the shipped knowledge base); pass `nil` to skip that check.
  ///
  /// A file without mistakes is read on the fast path (``parseQuickly(_:knownIDs:)``), one
  /// domain at a time; anything else is read again by ``parseMarked(_:file:knownIDs:)``,
  /// which builds the node tree with marks and reports every problem with its line.
  public static func parse(_ text: String, file: String, knownIDs: Set<String>? = nil) throws(InputError) -> [Domain] {
    if let domains = parseQuickly(text, knownIDs: knownIDs) { return domains }
    return try parseMarked(text, file: file, knownIDs: knownIDs)
  }

  /// Parses domains from the whole file's node tree, with a mark for every key, so that
  /// each problem is reported with its line and column. Gives the same domains as
  /// ``parseQuickly(_:knownIDs:)`` where that succeeds.
  static func parseMarked(_ text: String, file: String, knownIDs: Set<String>? = nil) throws(InputError) -> [Domain] {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    // `rubric` and `exported_at` are written by `safezones export` and ignored here.
    guard let top = reader.mapping(root, "", allowed: ["domains", "rubric", "exported_at"]) else {
      throw InputError(reader.issues)
    }
    guard let list = top.first(where: { $0.0 == "domains" })?.1 else {
      reader.report(
        root, "domains", tr("missing required field '{field}' (a list of domains)", ["field": "domains"]))
      throw InputError(reader.issues)
    }
    guard let items = reader.sequence(list, "domains") else { throw InputError(reader.issues) }
    if items.isEmpty { reader.report(list, "domains", tr("the list of domains is empty")) }

    var domains: [Domain] = []
    for (index, item) in items.enumerated() {
      if let domain = domain(item, "domains[\(index)]", &reader) { domains.append(domain) }
    }
    // Leave out core findings that only repeat a problem already reported while reading,
    // e.g. "needs at least one assessment" after the assessment's date failed to read.
    reader.adopt(Domain.validate(domains).filter { found in !reader.issues.contains { covers(found.key, $0.key) } })
    if let knownIDs, reader.issues.isEmpty {
      let all = knownIDs.union(domains.map(\.id))
      for (index, domain) in domains.enumerated() {
        for (l, link) in domain.links.enumerated() where !all.contains(link.target) {
          reader.adopt([
            InputIssue(
              key: "domains[\(index)].links[\(l)].target",
              message: tr("links to unknown domain '{id}'", ["id": .text(link.target)]))
          ])
        }
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return domains
  }

  /// `true` when `child` is `parent` or lies inside it; `x.assessment` also covers the list
  /// form `x.assessments[i]`.
  static func covers(_ parent: String?, _ child: String?) -> Bool {
    guard let parent, let child else { return parent == child }
    for p in parent.hasSuffix(".assessment") ? [parent, parent + "s"] : [parent]
    where child == p || child.hasPrefix(p + ".") || child.hasPrefix(p + "[") {
      return true
    }
    return false
  }

  /// Loads a domain file, refusing files that are missing, empty or too large.
  public static func load(
    path: String, knownIDs: Set<String>? = nil, maxBytes: Int? = nil
  ) throws(InputError) -> [Domain] {
    try parse(read(path: path, maxBytes: maxBytes), file: path, knownIDs: knownIDs)
  }

  /// A domain file's text, refusing files that are missing, empty or too large (for a
  /// caller that needs the text as well as the domains).
  public static func read(path: String, maxBytes: Int? = nil) throws(InputError) -> String {
    try InputFile.read(path, maxBytes: maxBytes ?? InputFile.defaultMaxBytes)
  }

  /// The largest input file accepted by default, in bytes.
  public static var defaultMaxBytes: Int { InputFile.defaultMaxBytes }

  static func domain(_ node: some InputNode, _ key: String, _ reader: inout NodeReader) -> Domain? {
    guard let fields = reader.mapping(node, key, allowed: domainFields) else { return nil }
    reader.require(["id", "name"], in: fields, at: node, key)
    let one = fields.contains { $0.0 == "assessment" }
    let many = fields.contains { $0.0 == "assessments" }
    if !one && !many {
      reader.report(
        node, "\(key).assessment",
        tr(
          "missing required field '{field}' (or a list '{list}')", ["field": "assessment", "list": "assessments"]))
    }
    if one && many {
      reader.report(node, "\(key).assessments", tr("give either 'assessment' or 'assessments', not both"))
    }
    var domain = Domain(id: "", name: "", assessments: [])
    var assessments: [Assessment] = []
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id": domain.id = reader.string(v, childKey) ?? ""
      case "name": domain.name = reader.string(v, childKey) ?? ""
      case "summary", "description": domain.summary = reader.string(v, childKey)
      case "source": domain.source = reader.string(v, childKey)
      case "tags":
        let tags = reader.strings(v, childKey) ?? []
        for (i, tag) in tags.enumerated() where NodeReader.isBlank(tag, NodeReader.whitespaces) {
          reader.report(v, "\(childKey)[\(i)]", tr("tags must not be empty"))
        }
        domain.tags = tags
      case "keywords":
        let keywords = reader.strings(v, childKey) ?? []
        for (i, keyword) in keywords.enumerated() where NodeReader.isBlank(keyword, NodeReader.whitespaces) {
          reader.report(v, "\(childKey)[\(i)]", tr("keywords must not be empty"))
        }
        domain.keywords = keywords
      case "links":
        guard let items = reader.sequence(v, childKey) else { continue }
        for (i, item) in items.enumerated() {
          if let link = link(item, "\(childKey)[\(i)]", &reader) { domain.links.append(link) }
        }
      case "assessment":
        if let a = assessment(v, childKey, &reader) { assessments.append(a) }
      default:
        guard let items = reader.sequence(v, childKey) else { continue }
        if items.isEmpty { reader.report(v, childKey, tr("the list of assessments is empty")) }
        for (i, item) in items.enumerated() {
          if let a = assessment(item, "\(childKey)[\(i)]", &reader) { assessments.append(a) }
        }
      }
    }
    domain = Domain(
      id: domain.id, name: domain.name, summary: domain.summary, tags: domain.tags, keywords: domain.keywords,
      links: domain.links,
      source: domain.source, assessments: assessments)
    // A domain whose assessment failed to read is still returned so that its id takes part
    // in duplicate detection; the reader's issues make the whole load fail anyway.
    return domain
  }

  private static func link(_ node: some InputNode, _ key: String, _ reader: inout NodeReader) -> DomainLink? {
    if case .scalar = node.content, let target = reader.string(node, key) { return DomainLink(target: target) }
    guard let fields = reader.mapping(node, key, allowed: linkFields) else { return nil }
    reader.require(["target"], in: fields, at: node, key)
    var link = DomainLink(target: "")
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "target": link.target = reader.string(v, childKey) ?? ""
      case "kind": link.kind = reader.text(v, childKey) ?? link.kind
      case "weight": link.weight = reader.number(v, childKey) ?? link.weight
      default: link.rationale = reader.string(v, childKey)
      }
    }
    return link
  }

  static func assessment(
    _ node: some InputNode, _ key: String, _ reader: inout NodeReader, also extra: Set<String> = []
  ) -> Assessment? {
    guard let fields = reader.mapping(node, key, allowed: assessmentFields.union(extra)) else { return nil }
    reader.require(["assessor", "date", "scores"], in: fields, at: node, key)
    var assessor: String?
    var date: Day?
    var pair: CountryPair?
    var perspective: String?
    var note: String?
    var scores: [CriterionID: CriterionScore] = [:]
    var drifts: [Drift] = []
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "assessor": assessor = reader.text(v, childKey)
      case "date": date = reader.day(v, childKey)
      case "pair":
        guard let text = reader.string(v, childKey) else { continue }
        pair = CountryPair(id: text)
        if pair == nil {
          reader.report(
            v, childKey, tr("expected two different country codes such as EU-CN, got '{text}'", ["text": .text(text)]))
        }
      case _ where extra.contains(k): continue
      case "perspective": perspective = reader.text(v, childKey)
      case "note": note = reader.string(v, childKey)
      case "drifts": drifts = Self.drifts(v, childKey, &reader)
      default:
        guard let pairs = reader.mapping(v, childKey) else { continue }
        if pairs.isEmpty {
          reader.report(
            v, childKey,
            tr("no criterion is scored; score at least one of: {criteria}", ["criteria": .text(CriterionID.allIDs)]))
        }
        for (criterionName, scoreNode) in pairs {
          let scoreKey = "\(childKey).\(criterionName)"
          guard let id = CriterionID(rawValue: criterionName) else {
            reader.report(
              scoreNode, scoreKey,
              tr(
                "unknown criterion '{criterion}' (expected one of: {criteria})",
                ["criterion": .text(criterionName), "criteria": .text(CriterionID.allIDs)]))
            continue
          }
          if let score = score(scoreNode, scoreKey, &reader) { scores[id] = score }
        }
      }
    }
    guard let assessor, let date else { return nil }
    return Assessment(
      assessor: assessor, date: date, perspective: perspective, note: note, scores: scores, drifts: drifts, pair: pair)
  }

  /// A score is a number, a list `[low, likely, high]`, or a mapping with `value` (a number
  /// or such a list) or `low`/`likely`/`high`, plus `rationale` and `evidence`.
  static func score(_ node: some InputNode, _ key: String, _ reader: inout NodeReader) -> CriterionScore? {
    switch node.content {
    case .scalar:
      guard let value = reader.number(node, key) else { return nil }
      return checked(.point(value), node, key, &reader).map { CriterionScore($0) }
    case .sequence:
      guard let value = range(node, key, &reader) else { return nil }
      return checked(value, node, key, &reader).map { CriterionScore($0) }
    case .mapping:
      guard let fields = reader.mapping(node, key, allowed: scoreFields) else { return nil }
      var value: ScoreValue?
      var parts: [String: Double] = [:]
      var rationale: String?
      var evidence: [String] = []
      var failed = false
      for (k, v) in fields {
        let childKey = "\(key).\(k)"
        switch k {
        case "value":
          if case .sequence = v.content {
            value = range(v, childKey, &reader)
          } else {
            value = reader.number(v, childKey).map(ScoreValue.point)
          }
          if value == nil { failed = true }
        case "low", "likely", "high":
          if let number = reader.number(v, childKey) { parts[k] = number } else { failed = true }
        case "quantiles":
          if let q = quantiles(v, childKey, &reader) { value = .quantiles(q) } else { failed = true }
        case "rationale": rationale = reader.string(v, childKey)
        default: evidence = reader.strings(v, childKey) ?? []
        }
      }
      if failed { return nil }
      if value != nil && !parts.isEmpty {
        reader.report(node, key, tr("give one of 'value', 'low'/'likely'/'high' or 'quantiles'"))
        return nil
      }
      if value == nil {
        if parts.isEmpty {
          reader.report(node, "\(key).value", tr("missing required field '{field}'", ["field": "value"]))
          return nil
        }
        guard let likely = parts["likely"] else {
          reader.report(node, "\(key).likely", tr("a range needs 'likely' (and may give 'low' and 'high')"))
          return nil
        }
        value = .range(low: parts["low"] ?? likely, likely: likely, high: parts["high"] ?? likely)
      }
      guard let valid = checked(value!, node, key, &reader) else { return nil }
      return CriterionScore(valid, rationale: rationale, evidence: evidence)
    case .alias:
      reader.report(node, key, tr("YAML aliases are not supported here"))
      return nil
    }
  }

  /// Quantiles as a mapping `{0.05: 1, 0.5: 2, 0.95: 3.5}` or a list of `[p, value]` pairs.
  private static func quantiles(
    _ node: some InputNode, _ key: String, _ reader: inout NodeReader
  ) -> [ElicitedQuantile]? {
    var result: [ElicitedQuantile] = []
    var ok = true
    if case .mapping = node.content {
      guard let pairs = reader.mapping(node, key) else { return nil }
      for (p, v) in pairs {
        guard let probability = Double(p) else {
          reader.report(
            v, "\(key).\(p)",
            tr("quantile keys are probabilities such as 0.05, 0.5, 0.95; got '{key}'", ["key": .text(p)]))
          ok = false
          continue
        }
        if let value = reader.number(v, "\(key).\(p)") {
          result.append(ElicitedQuantile(p: probability, value: value))
        } else {
          ok = false
        }
      }
    } else {
      guard let items = reader.sequence(node, key) else { return nil }
      for (i, item) in items.enumerated() {
        guard let pair = reader.sequence(item, "\(key)[\(i)]") else { ok = false; continue }
        guard pair.count == 2, let p = reader.number(pair[0], "\(key)[\(i)][0]"),
          let v = reader.number(pair[1], "\(key)[\(i)][1]")
        else {
          if pair.count != 2 { reader.report(item, "\(key)[\(i)]", tr("each quantile is a pair [probability, value]")) }
          ok = false
          continue
        }
        result.append(ElicitedQuantile(p: p, value: v))
      }
    }
    return ok ? result.sorted { $0.p < $1.p } : nil
  }

  private static func range(_ node: some InputNode, _ key: String, _ reader: inout NodeReader) -> ScoreValue? {
    guard let items = reader.sequence(node, key) else { return nil }
    guard items.count == 3 else {
      reader.report(
        node, key,
        tr("a range must have three values [low, likely, high], got {count}", ["count": .text(String(items.count))]))
      return nil
    }
    let values = items.enumerated().compactMap { reader.number($0.element, "\(key)[\($0.offset)]") }
    guard values.count == 3 else { return nil }
    return .range(low: values[0], likely: values[1], high: values[2])
  }

  private static func checked(
    _ value: ScoreValue, _ node: some InputNode, _ key: String, _ reader: inout NodeReader
  ) -> ScoreValue? {
    let problems = value.validate(key: key)
    for problem in problems { reader.report(node, key, problem.message) }
    return problems.isEmpty ? value : nil
  }
}
