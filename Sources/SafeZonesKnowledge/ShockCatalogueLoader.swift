import Foundation
import SafeZonesCore
import Yams

/// Loads the shock catalogue: the shipped `shocks.yaml`, or a user's file of the same shape
/// (`safezones simulate --shocks FILE`), which replaces it:
///
/// ```yaml
/// version: "my-2026"
/// relations:            # optional; each field optional (defaults: docs/simulation.md)
///   baseline: 0.75
///   tension_multiplier: 4
/// shocks:
///   - id: south-china-sea-escalation
///     name: Military escalation in the South China Sea
///     rate: 0.15                       # events a year
///     severity: {alpha: 2, beta: 3}    # Beta distribution on [0, 1]
///     impact: 0.4                      # damage to relations of a severity-1 event
///     amplifies: {military: 2}         # risk criteria it makes more dangerous
///     settlement: 0.2                  # chance it is settled quickly
///     containment: 0.6                 # share of the damage a settlement removes (default 0.7)
///     recovery_years: 3                # time constant of recovery
///     source: "where the essay names it"
/// ```
///
/// Every problem is reported with file, line and key.
public enum ShockCatalogueLoader {
  static let topFields: Set<String> = ["version", "relations", "shocks"]
  static let shockFields: Set<String> = [
    "id", "name", "rate", "severity", "impact", "amplifies", "settlement", "containment", "recovery_years", "source",
  ]
  nonisolated(unsafe) static let relationFields: [String: WritableKeyPath<SimulationParameters, Double>] = [
    "baseline": \.baseline, "initial": \.initial, "restart_threshold": \.restartThreshold,
    "restart_rate": \.restartRate, "base_hazard": \.baseHazard, "tension_multiplier": \.tensionMultiplier,
    "end_share": \.endShare, "separate_hazard": \.separateHazard, "separate_efficiency": \.separateEfficiency,
    "separate_suspended_value": \.separateSuspendedValue, "discount_rate": \.discountRate,
  ]

  /// The name the shipped catalogue goes by in messages.
  public static let shippedFile = "shocks.yaml (shipped)"

  /// The shipped catalogue's text.
  public static func shippedText() throws(InputError) -> String { try KnowledgeBase.resource("shocks") }

  /// The shipped catalogue.
  public static func shipped() throws(InputError) -> ShockCatalogue {
    try parse(shippedText(), file: shippedFile)
  }

  /// The catalogue at `path`, or the shipped one when `path` is `nil`.
  public static func catalogue(path: String?) throws(InputError) -> ShockCatalogue {
    guard let path else { return try shipped() }
    return try load(path: path)
  }

  /// Loads a catalogue file (YAML or JSON).
  public static func load(path: String) throws(InputError) -> ShockCatalogue {
    try parse(InputFile.read(path), file: path)
  }

  /// Parses a catalogue from YAML or JSON text.
  public static func parse(_ text: String, file: String) throws(InputError) -> ShockCatalogue {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: topFields) else { throw InputError(reader.issues) }
    reader.require(["version", "shocks"], in: fields, at: root, "")
    var catalogue = ShockCatalogue(version: "", shocks: [])
    for (key, node) in fields {
      switch key {
      case "version": catalogue.version = reader.text(node, key) ?? ""
      case "relations":
        guard let pairs = reader.mapping(node, key, allowed: Set(relationFields.keys)) else { continue }
        for (k, v) in pairs {
          if let value = reader.number(v, "\(key).\(k)"), let path = relationFields[k] {
            catalogue.parameters[keyPath: path] = value
          }
        }
      default:
        guard let items = reader.sequence(node, key) else { continue }
        for (i, item) in items.enumerated() {
          if let shock = shock(item, "shocks[\(i)]", &reader) { catalogue.shocks.append(shock) }
        }
      }
    }
    let readIssues = reader.issues
    reader.adopt(
      catalogue.validate().filter { issue in
        // An empty list is reported by the core; a list that failed to read already was.
        !(issue.key == "shocks" && readIssues.contains { $0.key?.hasPrefix("shocks") ?? false })
          && !readIssues.contains { $0.key == issue.key }
      })
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder(summaryKeys: ["shocks"])) }
    return catalogue
  }

  private static func shock(_ node: Node, _ key: String, _ reader: inout NodeReader) -> ShockKind? {
    guard let fields = reader.mapping(node, key, allowed: shockFields) else { return nil }
    reader.require(
      ["id", "name", "rate", "severity", "impact", "settlement", "recovery_years"], in: fields, at: node, key)
    // Values that pass validation stand in for missing or unreadable fields, so each
    // problem is reported once.
    var shock = ShockKind(
      id: "", name: "", rate: 0, severityAlpha: 1, severityBeta: 1, impact: 0, amplifies: [:], settlement: 0,
      recoveryYears: 1)
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id":
        guard let id = reader.text(v, childKey) else { continue }
        if !Domain.isValidID(id) {
          reader.report(
            v, childKey,
            tr(
              "'{id}' is not a valid id: use lowercase letters, digits and hyphens, e.g. cyber-attack",
              ["id": .text(TextLimits.preview(id))]))
        }
        shock.id = id
      case "name": shock.name = reader.text(v, childKey) ?? ""
      case "rate": shock.rate = reader.number(v, childKey) ?? shock.rate
      case "severity":
        guard let pairs = reader.mapping(v, childKey, allowed: ["alpha", "beta"]) else { continue }
        reader.require(["alpha", "beta"], in: pairs, at: v, childKey)
        for (p, value) in pairs {
          guard let number = reader.number(value, "\(childKey).\(p)") else { continue }
          if p == "alpha" { shock.severityAlpha = number } else { shock.severityBeta = number }
        }
      case "impact": shock.impact = reader.number(v, childKey) ?? shock.impact
      case "amplifies":
        guard let pairs = reader.mapping(v, childKey) else { continue }
        for (name, value) in pairs {
          let criterionKey = "\(childKey).\(name)"
          guard let criterion = CriterionID(rawValue: name) else {
            let risks = CriterionID.riskCriteria.map(\.rawValue)
            reader.report(
              value, criterionKey,
              tr(
                "unknown criterion '{criterion}' (a shock amplifies risk criteria: {criteria})",
                ["criterion": .text(name), "criteria": .text(risks.joined(separator: ", "))]))
            continue
          }
          if let factor = reader.number(value, criterionKey) { shock.amplifies[criterion] = factor }
        }
      case "settlement": shock.settlement = reader.number(v, childKey) ?? shock.settlement
      case "containment": shock.containment = reader.number(v, childKey) ?? shock.containment
      case "recovery_years": shock.recoveryYears = reader.number(v, childKey) ?? shock.recoveryYears
      default: shock.source = reader.string(v, childKey)
      }
    }
    return shock
  }
}
