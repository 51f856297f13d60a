import Foundation
import SafeZonesCore
import Yams

/// Loads the assumptions that turn the ETO semiconductor dataset into a network to
/// stress-test (`examples/eto-assumptions.yaml`), every problem with file, line and key.
public enum ETOAssumptionsLoader {
  static let topFields: Set<String> = ["name", "horizon_days", "defaults", "inputs", "countries", "scenarios"]
  static let valueFields: Set<String> = ["inventory_days", "ttr_days", "capacity_slack"]
  static let defaultFields: Set<String> = valueFields.union(["demand_per_day"])

  public static func load(path: String) throws(InputError) -> ETONetwork.Assumptions {
    try parse(InputFile.read(path), file: path)
  }

  public static func parse(_ text: String, file: String) throws(InputError) -> ETONetwork.Assumptions {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: topFields) else { throw InputError(reader.issues) }
    var a = ETONetwork.Assumptions()
    for (key, v) in fields {
      switch key {
      case "name": a.name = reader.text(v, key) ?? a.name
      case "horizon_days":
        a.horizonDays = reader.number(v, key, in: 1...36_500, tr("must be between 1 and 36500 days")) ?? a.horizonDays
      case "defaults":
        guard let f = reader.mapping(v, key, allowed: defaultFields) else { continue }
        if let d = f.first(where: { $0.0 == "demand_per_day" }) {
          a.demandPerDay =
            reader.number(d.1, "defaults.demand_per_day", in: 1e-9...1e12, tr("must be above 0")) ?? a.demandPerDay
        }
        a.defaults = values(f.filter { $0.0 != "demand_per_day" }, key, base: a.defaults, &reader)
      case "inputs", "countries":
        guard let f = reader.mapping(v, key) else { continue }
        for (id, item) in f {
          guard let inner = reader.mapping(item, "\(key).\(id)", allowed: valueFields) else { continue }
          let parsed = values(inner, "\(key).\(id)", base: .init(), &reader)
          if key == "inputs" { a.inputs[id] = parsed } else { a.countries[id] = parsed }
        }
      default:
        a.scenarios = (reader.sequence(v, key) ?? []).enumerated().map { i, item in
          SupplyNetworkLoader.scenario(item, "scenarios[\(i)]", &reader)
        }
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return a
  }

  static func values(
    _ f: [(String, Node)], _ key: String, base: ETONetwork.Assumptions.Values, _ reader: inout NodeReader
  ) -> ETONetwork.Assumptions.Values {
    var out = base
    for (k, v) in f {
      let ck = "\(key).\(k)"
      switch k {
      case "inventory_days":
        out.inventoryDays = reader.number(v, ck, in: 0...36_500, tr("must be between 0 and 36500 days"))
      case "capacity_slack": out.capacitySlack = reader.number(v, ck, in: 0...1000, tr("must be between 0 and 1000"))
      default:
        if let r = SupplyNetworkLoader.recovery(v, ck, &reader) {
          if r.low < 0 || r.low > r.likely || r.likely > r.high {
            reader.report(v, ck, tr("must be days, or [low, likely, high] with 0 ≤ low ≤ likely ≤ high"))
          } else {
            out.ttr = r
          }
        }
      }
    }
    return out
  }
}
