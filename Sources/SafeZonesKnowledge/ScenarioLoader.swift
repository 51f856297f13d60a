import Foundation
import SafeZonesCore
import Yams

/// Loads a scenario: shocks scripted at given years, on top of random ones or instead of
/// them (YAML or JSON, same shape):
///
/// ```yaml
/// scenario:
///   name: Escalation in the South China Sea in year 3
///   random_shocks: true          # optional (default true): keep the random shocks as well
///   events:
///     - year: 3                  # 1 … the horizon
///       shock: south-china-sea-escalation   # an id of the shock catalogue
///       severity: 0.9            # 0 … 1
///       settled: false           # optional (default false): settled quickly
/// ```
///
/// Unknown shock ids and years outside the horizon are errors, reported with file, line
/// and key.
public enum ScenarioLoader {
  static let scenarioFields: Set<String> = ["name", "random_shocks", "events"]
  static let eventFields: Set<String> = ["year", "shock", "severity", "settled"]

  /// Loads a scenario file for a simulation of `horizon` years with `catalogue`.
  public static func load(path: String, catalogue: ShockCatalogue, horizon: Int) throws(InputError) -> Scenario {
    try parse(InputFile.read(path), file: path, catalogue: catalogue, horizon: horizon)
  }

  public static func parse(
    _ text: String, file: String, catalogue: ShockCatalogue, horizon: Int
  ) throws(InputError) -> Scenario {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let top = reader.mapping(root, "", allowed: ["scenario"]) else { throw InputError(reader.issues) }
    guard let node = top.first(where: { $0.0 == "scenario" })?.1 else {
      reader.report(root, "scenario", tr("missing required field '{field}'", ["field": "scenario"]))
      throw InputError(reader.issues)
    }
    guard let fields = reader.mapping(node, "scenario", allowed: scenarioFields) else {
      throw InputError(reader.issues)
    }
    reader.require(["name"], in: fields, at: node, "scenario")
    var scenario = Scenario(name: "", events: [])
    let shockIDs = catalogue.shocks.map(\.id)
    for (k, v) in fields {
      let key = "scenario.\(k)"
      switch k {
      case "name": scenario.name = reader.text(v, key) ?? ""
      case "random_shocks": scenario.randomShocks = reader.bool(v, key) ?? true
      default:
        guard let items = reader.sequence(v, key) else { continue }
        for (i, item) in items.enumerated() {
          if let event = event(item, "\(key)[\(i)]", shockIDs: shockIDs, horizon: horizon, &reader) {
            scenario.events.append(event)
          }
        }
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return scenario
  }

  private static func event(
    _ node: Node, _ key: String, shockIDs: [String], horizon: Int, _ reader: inout NodeReader
  ) -> Scenario.Event? {
    guard let fields = reader.mapping(node, key, allowed: eventFields) else { return nil }
    reader.require(["year", "shock", "severity"], in: fields, at: node, key)
    var year: Int?
    var shock: String?
    var severity: Double?
    var settled = false
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "year":
        guard let y = reader.integer(v, childKey) else { continue }
        if (1...max(1, horizon)).contains(y) {
          year = y
        } else {
          let arguments: [String: LocalizationArgument] = ["year": .text(String(y)), "horizon": .text(String(horizon))]
          reader.report(
            v, childKey,
            horizon == 1
              ? tr("year {year} is outside the horizon of {horizon} year (1–{horizon})", arguments)
              : tr("year {year} is outside the horizon of {horizon} years (1–{horizon})", arguments))
        }
      case "shock":
        guard let id = reader.text(v, childKey) else { continue }
        if shockIDs.contains(id) {
          shock = id
        } else {
          var arguments: [String: LocalizationArgument] = [
            "id": .text(id), "known": .text(shockIDs.joined(separator: ", ")),
          ]
          if let near = Suggest.nearest(id, in: shockIDs) {
            arguments["suggestion"] = .text(near)
            reader.report(
              v, childKey,
              tr("unknown shock '{id}'; did you mean '{suggestion}'? (the catalogue has: {known})", arguments))
          } else {
            reader.report(v, childKey, tr("unknown shock '{id}' (the catalogue has: {known})", arguments))
          }
        }
      case "severity":
        severity = reader.number(v, childKey, in: 0...1, tr("must be between 0 and 1"))
      default:
        settled = reader.bool(v, childKey) ?? false
      }
    }
    guard let year, let shock, let severity else { return nil }
    return Scenario.Event(year: year, shock: shock, severity: severity, settled: settled)
  }
}
