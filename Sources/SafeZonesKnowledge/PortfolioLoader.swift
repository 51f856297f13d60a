import Foundation
import SafeZonesCore
import Yams

/// Loads a portfolio of collaborations (YAML or JSON, same shape):
///
/// ```yaml
/// portfolio:
///   name: US–China science portfolio
///   budget: 150            # optional: what the frontier may spend (default: everything)
///   horizon: 20            # optional: years simulated (default 20)
///   risk_appetite: 0.5     # optional: 0 cautious … 1 bold (default 0.5)
/// collaborations:
///   - id: neutrino-observatory
///     name: Reactor neutrino observatory
///     domains: [neutrino-physics, particle-physics]
///     value: 12              # gains delivered per year while active
///     budget: 40             # its cost, against the portfolio's budget
///     buffer: 3              # optional: stakeholder buffer 0 (none) … 4 (default 0)
///     structure: integrated  # optional: integrated | separate-but-coordinated
/// ```
///
/// Domains must be known (the knowledge base, or the store). Every problem is reported with
/// file, line and key.
public enum PortfolioLoader {
  static let topFields: Set<String> = ["portfolio", "collaborations"]
  static let portfolioFields: Set<String> = ["name", "budget", "horizon", "risk_appetite"]
  static let collaborationFields: Set<String> = ["id", "name", "domains", "value", "budget", "buffer", "structure"]

  /// At most this many collaborations (the frontier keys subsets by bit).
  public static let maxCollaborations = 64
  /// The longest horizon, in years.
  public static let maxHorizon = 100

  /// Loads a portfolio file.
  public static func load(path: String, knownDomains: Set<String>) throws(InputError) -> Portfolio {
    try parse(InputFile.read(path), file: path, knownDomains: knownDomains)
  }

  /// Parses a portfolio from text; `knownDomains` are the ids collaborations may name.
  public static func parse(_ text: String, file: String, knownDomains: Set<String>) throws(InputError) -> Portfolio {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: topFields) else { throw InputError(reader.issues) }
    reader.require(["portfolio", "collaborations"], in: fields, at: root, "")
    var portfolio = Portfolio(name: "", collaborations: [])
    for (key, node) in fields {
      if key == "portfolio" {
        readHeader(node, into: &portfolio, &reader)
        continue
      }
      guard let items = reader.sequence(node, key) else { continue }
      if items.isEmpty { reader.report(node, key, tr("the list of collaborations is empty")) }
      if items.count > maxCollaborations {
        reader.report(
          node, key,
          tr(
            "{count} collaborations; at most {maximum} can be simulated together",
            ["count": .text(String(items.count)), "maximum": .text(String(maxCollaborations))]))
      }
      var seen: [String: Int] = [:]
      for (index, item) in items.enumerated() {
        let itemKey = "collaborations[\(index)]"
        guard let c = collaboration(item, itemKey, knownDomains: knownDomains, &reader) else { continue }
        if !c.id.isEmpty, let first = seen[c.id] {
          reader.report(
            Node?.none, "\(itemKey).id",
            tr(
              "duplicate collaboration id '{id}' (also collaborations[{index}])",
              ["id": .text(c.id), "index": .text(String(first))]))
        } else if !c.id.isEmpty {
          seen[c.id] = index
        }
        portfolio.collaborations.append(c)
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder(summaryKeys: ["collaborations"])) }
    return portfolio
  }

  private static func readHeader(_ node: Node, into portfolio: inout Portfolio, _ reader: inout NodeReader) {
    guard let pairs = reader.mapping(node, "portfolio", allowed: portfolioFields) else { return }
    reader.require(["name"], in: pairs, at: node, "portfolio")
    for (k, v) in pairs {
      let key = "portfolio.\(k)"
      switch k {
      case "name": portfolio.name = reader.text(v, key) ?? ""
      case "budget":
        guard let budget = reader.number(v, key) else { continue }
        if budget > 0 {
          portfolio.budget = budget
        } else {
          reader.report(v, key, tr("must be above 0, got {value}", ["value": .text(Format.number(budget))]))
        }
      case "horizon":
        guard let years = reader.integer(v, key) else { continue }
        if (1...maxHorizon).contains(years) {
          portfolio.horizon = years
        } else {
          reader.report(
            v, key,
            tr(
              "must be between 1 and {maximum} years, got {value}",
              ["maximum": .text(String(maxHorizon)), "value": .text(String(years))]))
        }
      default:
        portfolio.riskAppetite =
          reader.number(v, key, in: 0...1, tr("must be between 0 (cautious) and 1 (bold)")) ?? portfolio.riskAppetite
      }
    }
  }

  private static func collaboration(
    _ node: Node, _ key: String, knownDomains: Set<String>, _ reader: inout NodeReader
  ) -> Collaboration? {
    guard let fields = reader.mapping(node, key, allowed: collaborationFields) else { return nil }
    reader.require(["id", "name", "domains", "value", "budget"], in: fields, at: node, key)
    var c = Collaboration(id: "", name: "", domains: [], value: 0, budget: 0, buffer: 0)
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id":
        guard let id = reader.text(v, childKey) else { continue }
        if !Domain.isValidID(id) {
          reader.report(
            v, childKey,
            tr(
              "'{id}' is not a valid id: use lowercase letters, digits and hyphens (at most 80), e.g. neutrino-observatory",
              ["id": .text(TextLimits.preview(id))]))
        }
        c.id = id
      case "name": c.name = reader.text(v, childKey) ?? ""
      case "domains":
        guard let ids = reader.strings(v, childKey) else { continue }
        if ids.isEmpty { reader.report(v, childKey, tr("name at least one domain of the knowledge base")) }
        var seen: Set<String> = []
        for (i, id) in ids.enumerated() {
          let domainKey = "\(childKey)[\(i)]"
          let element: Node? = {
            if case .sequence(let items) = v, i < items.count { return items[i] } else { return v }
          }()
          if !seen.insert(id).inserted {
            reader.report(
              element, domainKey, tr("domain '{id}' is listed twice", ["id": .text(TextLimits.preview(id))]))
          } else if !knownDomains.contains(id) {
            let arguments: [String: LocalizationArgument] = ["id": .text(TextLimits.preview(id))]
            if let near = Suggest.nearest(id, in: knownDomains.sorted()) {
              reader.report(
                element, domainKey,
                tr(
                  "unknown domain '{id}': not in the knowledge base or the store; did you mean '{suggestion}'?",
                  arguments.merging(["suggestion": .text(near)]) { $1 }))
            } else {
              reader.report(
                element, domainKey, tr("unknown domain '{id}': not in the knowledge base or the store", arguments))
            }
          }
        }
        c.domains = ids
      case "value":
        c.value =
          reader.number(v, childKey, in: 0...1e12, tr("must be 0 or more (gains delivered per year while active)")) ?? 0
      case "budget":
        c.budget = reader.number(v, childKey, in: 0...1e12, tr("must be 0 or more (the collaboration's cost)")) ?? 0
      case "buffer":
        c.buffer =
          reader.number(
            v, childKey, in: 0...4, tr("must be between 0 (no constituency) and 4 (powerful ones in both countries)"))
          ?? 0
      default:
        guard let text = reader.string(v, childKey) else { continue }
        guard let structure = Structure(rawValue: text) else {
          reader.report(
            v, childKey,
            tr(
              "unknown structure '{structure}' (expected integrated or separate-but-coordinated)",
              ["structure": .text(TextLimits.preview(text))]))
          continue
        }
        c.structure = structure
      }
    }
    return c
  }
}
