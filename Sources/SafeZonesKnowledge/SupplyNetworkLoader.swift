import Foundation
import SafeZonesCore
import Yams

/// Loads a supply network to stress-test (YAML or JSON), every problem reported with
/// file, line and key. The format is documented field by field in docs/supply-chains.md.
///
/// ```yaml
/// network: {name: EV battery packs, horizon_days: 365}
/// nodes:
///   - {id: pack, produces: ev-pack, demand_per_day: 100, needs: {cell: 4}, inventory: 500, ttr_days: 10}
///   - {id: cells-a, produces: cell, capacity_per_day: 300, ttr_days: [20, 40, 90], country: CN, tier: 1}
/// links:
///   - {from: cells-a, to: pack}
/// ```
public enum SupplyNetworkLoader {
  static let topFields: Set<String> = [
    "network", "nodes", "links", "capacity_groups", "scenarios", "options", "shocks",
  ]
  static let shockFields: Set<String> = ["shock", "countries", "days"]
  static let networkFields: Set<String> = ["name", "horizon_days", "description"]
  static let nodeFields: Set<String> = [
    "id", "name", "produces", "needs", "demand_per_day", "margin", "inventory", "capacity_per_day", "ttr_days",
    "country", "tier", "domains", "holding_cost",
  ]
  static let linkFields: Set<String> = ["from", "to", "capacity_per_day"]
  static let groupFields: Set<String> = ["id", "nodes", "capacity_per_day"]
  static let scenarioFields: Set<String> = ["id", "name", "disrupt", "days"]
  static let disruptFields: Set<String> = ["nodes", "countries", "tiers", "produces", "domains"]
  static let optionFields: Set<String> = ["id", "name", "kind", "nodes", "links", "when_down"]

  public static func load(path: String, knownDomains: Set<String>? = nil) throws(InputError) -> SupplyNetwork {
    try parse(InputFile.read(path), file: path, knownDomains: knownDomains)
  }

  /// - Parameter knownDomains: when given, a node naming a domain outside it is refused
  ///   (with the nearest id as a hint).
  public static func parse(
    _ text: String, file: String, knownDomains: Set<String>? = nil
  ) throws(InputError)
    -> SupplyNetwork
  {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: topFields) else { throw InputError(reader.issues) }
    reader.require(["network", "nodes"], in: fields, at: root, "")
    var network = SupplyNetwork(name: "", nodes: [], links: [])
    for (key, value) in fields {
      switch key {
      case "network":
        guard let f = reader.mapping(value, key, allowed: networkFields) else { continue }
        reader.require(["name"], in: f, at: value, key)
        for (k, v) in f {
          switch k {
          case "name": network.name = reader.text(v, "network.name") ?? ""
          case "description": network.description = reader.text(v, "network.description")
          default: network.horizonDays = reader.number(v, "network.horizon_days") ?? network.horizonDays
          }
        }
      case "nodes":
        network.nodes = (reader.sequence(value, key) ?? []).enumerated().map { i, item in
          node(item, "nodes[\(i)]", &reader)
        }
      case "links":
        network.links = (reader.sequence(value, key) ?? []).enumerated().map { i, item in
          link(item, "links[\(i)]", &reader)
        }
      case "capacity_groups":
        network.capacityGroups = (reader.sequence(value, key) ?? []).enumerated().map { i, item in
          let k = "capacity_groups[\(i)]"
          var g = SupplyNetwork.CapacityGroup(id: "", nodes: [], capacityPerDay: 0)
          guard let f = reader.mapping(item, k, allowed: groupFields) else { return g }
          reader.require(["id", "nodes", "capacity_per_day"], in: f, at: item, k)
          for (fk, fv) in f {
            switch fk {
            case "id": g.id = reader.text(fv, "\(k).id") ?? ""
            case "nodes": g.nodes = reader.strings(fv, "\(k).nodes") ?? []
            default: g.capacityPerDay = reader.number(fv, "\(k).capacity_per_day") ?? 0
            }
          }
          return g
        }
      case "scenarios":
        network.scenarios = (reader.sequence(value, key) ?? []).enumerated().map { i, item in
          scenario(item, "scenarios[\(i)]", &reader)
        }
      case "shocks":
        network.shocks = (reader.sequence(value, key) ?? []).enumerated().map { i, item in
          let k = "shocks[\(i)]"
          var hit = SupplyNetwork.ShockHit(shock: "", countries: [], days: 0)
          guard let f = reader.mapping(item, k, allowed: shockFields) else { return hit }
          reader.require(["shock", "countries", "days"], in: f, at: item, k)
          for (fk, fv) in f {
            switch fk {
            case "shock": hit.shock = reader.text(fv, "\(k).shock") ?? ""
            case "countries": hit.countries = reader.strings(fv, "\(k).countries") ?? []
            default: hit.days = reader.number(fv, "\(k).days") ?? 0
            }
          }
          return hit
        }
      default:
        network.options = (reader.sequence(value, key) ?? []).enumerated().map { i, item in
          option(item, "options[\(i)]", &reader)
        }
      }
    }
    let readKeys = Set(reader.issues.compactMap(\.key))
    var found = network.validate()
    if let knownDomains {
      let all =
        network.nodes.map { ("nodes", $0) }
        + network.options.enumerated().flatMap { o, option in
          option.nodes.map { ("options[\(o)].nodes", $0) }
        }
      var counters: [String: Int] = [:]
      for (prefix, n) in all {
        let i = counters[prefix, default: 0]
        counters[prefix] = i + 1
        for (d, id) in n.domains.enumerated() where !knownDomains.contains(id) {
          let message =
            TextDistance.closest(to: id, in: knownDomains.sorted()).map { near in
              tr(
                "'{id}' is not a domain of the knowledge base; did you mean '{suggestion}'?",
                ["id": .text(id), "suggestion": .text(near)])
            } ?? tr("'{id}' is not a domain of the knowledge base", ["id": .text(id)])
          found.append(InputIssue(key: "\(prefix)[\(i)].domains[\(d)]", message: message))
        }
      }
    }
    reader.adopt(found.filter { !TaxonomyLoader.reported($0.key, in: readKeys) })
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return network
  }

  static func node(_ item: Node, _ key: String, _ reader: inout NodeReader) -> SupplyNetwork.Node {
    var n = SupplyNetwork.Node(id: "", produces: "")
    guard let f = reader.mapping(item, key, allowed: nodeFields) else { return n }
    reader.require(["id", "produces"], in: f, at: item, key)
    for (k, v) in f {
      let ck = "\(key).\(k)"
      switch k {
      case "id": n.id = reader.text(v, ck) ?? ""
      case "name": n.name = reader.text(v, ck)
      case "produces": n.produces = reader.text(v, ck) ?? ""
      case "needs":
        guard let parts = reader.mapping(v, ck) else { continue }
        n.needs = parts.compactMap { part, units in reader.number(units, "\(ck).\(part)").map { (part, $0) } }
      case "demand_per_day": n.demandPerDay = reader.number(v, ck) ?? 0
      case "margin": n.margin = reader.number(v, ck) ?? 1
      case "inventory": n.inventory = reader.number(v, ck) ?? 0
      case "capacity_per_day": n.capacityPerDay = reader.number(v, ck)
      case "holding_cost": n.holdingCost = reader.number(v, ck) ?? 1
      case "country": n.country = reader.text(v, ck)
      case "tier": n.tier = reader.integer(v, ck)
      case "domains": n.domains = reader.strings(v, ck) ?? []
      default: n.recovery = recovery(v, ck, &reader) ?? n.recovery
      }
    }
    return n
  }

  /// `ttr_days`: a number, or `[low, likely, high]`.
  static func recovery(_ v: Node, _ key: String, _ reader: inout NodeReader) -> SupplyNetwork.Recovery? {
    if case .sequence(let items) = v.content {
      guard items.count == 3 else {
        reader.report(
          v, key,
          tr(
            "expected a number of days or a range [low, likely, high], got a list of {count}",
            ["count": .text(String(items.count))]))
        return nil
      }
      let values = items.enumerated().compactMap { i, item in reader.number(item, "\(key)[\(i)]") }
      guard values.count == 3 else { return nil }
      return .init(low: values[0], likely: values[1], high: values[2])
    }
    return reader.number(v, key).map { .init(days: $0) }
  }

  static func link(_ item: Node, _ key: String, _ reader: inout NodeReader) -> SupplyNetwork.Link {
    var l = SupplyNetwork.Link(from: "", to: "")
    guard let f = reader.mapping(item, key, allowed: linkFields) else { return l }
    reader.require(["from", "to"], in: f, at: item, key)
    for (k, v) in f {
      switch k {
      case "from": l.from = reader.text(v, "\(key).from") ?? ""
      case "to": l.to = reader.text(v, "\(key).to") ?? ""
      default: l.capacityPerDay = reader.number(v, "\(key).capacity_per_day")
      }
    }
    return l
  }

  static func scenario(_ item: Node, _ key: String, _ reader: inout NodeReader) -> SupplyNetwork.ScenarioSpec {
    var s = SupplyNetwork.ScenarioSpec(id: "", disrupt: .init())
    guard let f = reader.mapping(item, key, allowed: scenarioFields) else { return s }
    reader.require(["id", "disrupt"], in: f, at: item, key)
    for (k, v) in f {
      let ck = "\(key).\(k)"
      switch k {
      case "id": s.id = reader.text(v, ck) ?? ""
      case "name": s.name = reader.text(v, ck)
      case "days": s.days = reader.number(v, ck)
      default:
        guard let d = reader.mapping(v, ck, allowed: disruptFields) else { continue }
        for (dk, dv) in d {
          let dck = "\(ck).\(dk)"
          switch dk {
          case "nodes": s.disrupt.nodes = reader.strings(dv, dck) ?? []
          case "countries": s.disrupt.countries = reader.strings(dv, dck) ?? []
          case "produces": s.disrupt.produces = reader.strings(dv, dck) ?? []
          case "domains": s.disrupt.domains = reader.strings(dv, dck) ?? []
          default:
            if case .sequence(let items) = dv.content {
              s.disrupt.tiers = items.enumerated().compactMap { i, t in reader.integer(t, "\(dck)[\(i)]") }
            } else {
              s.disrupt.tiers = reader.integer(dv, dck).map { [$0] } ?? []
            }
          }
        }
      }
    }
    return s
  }

  static func option(_ item: Node, _ key: String, _ reader: inout NodeReader) -> SupplyNetwork.Option {
    var o = SupplyNetwork.Option(id: "", kind: .secondSupplier)
    guard let f = reader.mapping(item, key, allowed: optionFields) else { return o }
    reader.require(["id", "kind"], in: f, at: item, key)
    for (k, v) in f {
      let ck = "\(key).\(k)"
      switch k {
      case "id": o.id = reader.text(v, ck) ?? ""
      case "name": o.name = reader.text(v, ck)
      case "kind":
        guard let text = reader.text(v, ck) else { continue }
        if let kind = SupplyNetwork.Option.Kind(rawValue: text) {
          o.kind = kind
        } else {
          let kinds = SupplyNetwork.Option.Kind.allCases.map(\.rawValue)
          reader.report(
            v, ck,
            tr(
              "unknown kind '{kind}' (expected one of: {kinds})",
              ["kind": .text(text), "kinds": .text(kinds.joined(separator: ", "))]))
        }
      case "nodes":
        o.nodes = (reader.sequence(v, ck) ?? []).enumerated().map { i, n in node(n, "\(ck)[\(i)]", &reader) }
      case "links":
        o.links = (reader.sequence(v, ck) ?? []).enumerated().map { i, l in link(l, "\(ck)[\(i)]", &reader) }
      default: o.whenDown = reader.strings(v, ck) ?? []
      }
    }
    return o
  }
}
