import Foundation

/// A supply network in the shape of Simchi-Levi's risk-exposure model: nodes that each
/// produce one part type from parts of other types (a bill of materials), links that say
/// who supplies whom, finished goods with a demand rate and a margin, inventories,
/// capacities and times to recover.
///
/// A node supplies part `p` to a customer when it produces `p` and a link joins them.
public struct SupplyNetwork: Sendable, Equatable {
  public var name: String
  public var description: String?
  /// How far ahead the stress test looks; a time to survive that reaches it is reported
  /// as "at least the horizon".
  public var horizonDays: Double
  public var nodes: [Node]
  public var links: [Link]
  public var capacityGroups: [CapacityGroup]
  /// Scenarios the file adds to the automatic ones.
  public var scenarios: [ScenarioSpec]
  /// Mitigation options to evaluate before and after.
  public var options: [Option]
  /// Which of the shock catalogue's shocks stop which countries' nodes, and for how long
  /// at full severity (read by `safezones simulate --supply-chain`).
  public var shocks: [ShockHit] = []

  /// A catalogue shock that takes down every node in `countries` for `days` × severity.
  public struct ShockHit: Sendable, Equatable {
    public var shock: String
    public var countries: [String]
    public var days: Double
    public init(shock: String, countries: [String], days: Double) {
      self.shock = shock
      self.countries = countries
      self.days = days
    }
  }

  public init(
    name: String, description: String? = nil, horizonDays: Double = 365, nodes: [Node], links: [Link],
    capacityGroups: [CapacityGroup] = [], scenarios: [ScenarioSpec] = [], options: [Option] = []
  ) {
    self.name = name
    self.description = description
    self.horizonDays = horizonDays
    self.nodes = nodes
    self.links = links
    self.capacityGroups = capacityGroups
    self.scenarios = scenarios
    self.options = options
  }

  /// A time to recover: a number of days, or a three-point range read as a PERT
  /// distribution.
  public struct Recovery: Sendable, Equatable, Codable {
    public var low: Double
    public var likely: Double
    public var high: Double
    public init(days: Double) { (low, likely, high) = (days, days, days) }
    public init(low: Double, likely: Double, high: Double) { (self.low, self.likely, self.high) = (low, likely, high) }
    public var isPoint: Bool { low == high }
    /// P(TTR > days) under the PERT distribution (0 or 1 for a point).
    public func probabilityLongerThan(_ days: Double) -> Double {
      if isPoint { return likely > days ? 1 : 0 }
      return max(0, min(1, 1 - ScoreDistribution.pert(low: low, likely: likely, high: high).cdf(days)))
    }
    /// The value mitigation plans for: the likely value, or the high end.
    public func value(_ target: RecoveryTarget) -> Double { target == .likely ? likely : high }
  }

  /// Which value of a recovery range mitigation must cover.
  public enum RecoveryTarget: String, Sendable, Equatable, CaseIterable { case likely, high }

  public struct Node: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var produces: String
    /// Units of each part needed per unit produced, in the file's order.
    public var needs: [(part: String, units: Double)]
    public var demandPerDay: Double
    /// Margin (or mission weight) per unit of demand met; only read when there is demand.
    public var margin: Double
    public var inventory: Double
    public var capacityPerDay: Double?
    public var recovery: Recovery
    public var country: String?
    public var tier: Int?
    public var domains: [String]
    /// Cost of holding one more unit of this node's output (mitigation), default 1.
    public var holdingCost: Double

    public init(
      id: String, name: String? = nil, produces: String, needs: [(part: String, units: Double)] = [],
      demandPerDay: Double = 0, margin: Double = 1, inventory: Double = 0, capacityPerDay: Double? = nil,
      recovery: Recovery = Recovery(days: 0), country: String? = nil, tier: Int? = nil, domains: [String] = [],
      holdingCost: Double = 1
    ) {
      self.id = id
      self.name = name
      self.produces = produces
      self.needs = needs
      self.demandPerDay = demandPerDay
      self.margin = margin
      self.inventory = inventory
      self.capacityPerDay = capacityPerDay
      self.recovery = recovery
      self.country = country
      self.tier = tier
      self.domains = domains
      self.holdingCost = holdingCost
    }

    public static func == (a: Node, b: Node) -> Bool {
      a.id == b.id && a.name == b.name && a.produces == b.produces && a.needs.map(\.part) == b.needs.map(\.part)
        && a.needs.map(\.units) == b.needs.map(\.units) && a.demandPerDay == b.demandPerDay && a.margin == b.margin
        && a.inventory == b.inventory && a.capacityPerDay == b.capacityPerDay && a.recovery == b.recovery
        && a.country == b.country && a.tier == b.tier && a.domains == b.domains && a.holdingCost == b.holdingCost
    }
  }

  public struct Link: Sendable, Equatable {
    public var from: String
    public var to: String
    /// A ceiling on what the link carries per day (absent: no ceiling).
    public var capacityPerDay: Double?
    public init(from: String, to: String, capacityPerDay: Double? = nil) {
      self.from = from
      self.to = to
      self.capacityPerDay = capacityPerDay
    }
  }

  /// Nodes sharing one capacity (a line, a plant, a licence).
  public struct CapacityGroup: Sendable, Equatable {
    public var id: String
    public var nodes: [String]
    public var capacityPerDay: Double
    public init(id: String, nodes: [String], capacityPerDay: Double) {
      self.id = id
      self.nodes = nodes
      self.capacityPerDay = capacityPerDay
    }
  }

  /// Which nodes a scenario takes down: those listed in `nodes`, and those that match
  /// every other filter given (a country in `countries`, and a tier in `tiers`, …).
  /// "Export controls on domain D from country C" is `countries: [C], domains: [D]`.
  public struct Disruption: Sendable, Equatable {
    public var nodes: [String]
    public var countries: [String]
    public var tiers: [Int]
    public var produces: [String]
    public var domains: [String]
    public init(
      nodes: [String] = [], countries: [String] = [], tiers: [Int] = [], produces: [String] = [],
      domains: [String] = []
    ) {
      self.nodes = nodes
      self.countries = countries
      self.tiers = tiers
      self.produces = produces
      self.domains = domains
    }
    public var hasFilters: Bool { !countries.isEmpty || !tiers.isEmpty || !produces.isEmpty || !domains.isEmpty }

    public func matches(_ node: Node) -> Bool {
      if nodes.contains(node.id) { return true }
      guard hasFilters else { return false }
      if !countries.isEmpty, !countries.contains(where: { $0 == node.country }) { return false }
      if !tiers.isEmpty, !tiers.contains(where: { $0 == node.tier }) { return false }
      if !produces.isEmpty, !produces.contains(node.produces) { return false }
      if !domains.isEmpty, !node.domains.contains(where: domains.contains) { return false }
      return true
    }
  }

  /// A scenario named in the file.
  public struct ScenarioSpec: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var disrupt: Disruption
    /// How long the disruption lasts (the performance impact's window); absent, the
    /// longest likely recovery among the nodes it takes down.
    public var days: Double?
    public init(id: String, name: String? = nil, disrupt: Disruption, days: Double? = nil) {
      self.id = id
      self.name = name
      self.disrupt = disrupt
      self.days = days
    }
  }

  /// A mitigation to evaluate: nodes and links added to the network. A second supplier is
  /// always on; flexible capacity runs only while a node in `whenDown` (any node, when
  /// empty) is disrupted.
  public struct Option: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
      case secondSupplier = "second-supplier"
      case flexibleCapacity = "flexible-capacity"
    }
    public var id: String
    public var name: String?
    public var kind: Kind
    public var nodes: [Node]
    public var links: [Link]
    public var whenDown: [String]
    public init(
      id: String, name: String? = nil, kind: Kind, nodes: [Node] = [], links: [Link] = [], whenDown: [String] = []
    ) {
      self.id = id
      self.name = name
      self.kind = kind
      self.nodes = nodes
      self.links = links
      self.whenDown = whenDown
    }
  }

  /// The node with `id`.
  public func node(_ id: String) -> Node? { nodes.first { $0.id == id } }

  /// Countries in first-seen order.
  public var countries: [String] {
    var seen: Set<String> = []
    return nodes.compactMap(\.country).filter { seen.insert($0).inserted }
  }

  /// Tiers in ascending order.
  public var tiers: [Int] { Array(Set(nodes.compactMap(\.tier))).sorted() }
}

extension SupplyNetwork {
  /// The problems that make a network unusable, each with the key it concerns
  /// (`nodes[2].needs.cell`): ids repeated or unknown, negative or non-finite numbers, a
  /// part needed that no linked node supplies, no finished good with demand.
  public func validate() -> [InputIssue] {
    var issues: [InputIssue] = []
    func bad(_ key: String, _ message: String) { issues.append(InputIssue(key: key, message: message)) }
    func number(_ v: Double, _ key: String, positive: Bool = false) {
      if !v.isFinite {
        bad(key, tr("must be a finite number"))
      } else if v < 0 || (positive && v == 0) {
        bad(key, positive ? tr("must be greater than 0") : tr("must not be negative"))
      }
    }
    if !horizonDays.isFinite || horizonDays <= 0 {
      bad("network.horizon_days", tr("must be a number of days greater than 0"))
    }
    if horizonDays > 36_500 { bad("network.horizon_days", tr("must be at most 36500 days (100 years)")) }
    if nodes.isEmpty { bad("nodes", tr("give at least one node")) }
    var ids: [String: Int] = [:]
    let all = nodes + options.flatMap(\.nodes)
    func checkNode(_ n: Node, _ key: String) {
      if n.id.isEmpty { bad("\(key).id", tr("must not be empty")) }
      if n.produces.isEmpty { bad("\(key).produces", tr("must not be empty")) }
      number(n.demandPerDay, "\(key).demand_per_day")
      number(n.margin, "\(key).margin")
      number(n.inventory, "\(key).inventory")
      number(n.holdingCost, "\(key).holding_cost")
      if let c = n.capacityPerDay { number(c, "\(key).capacity_per_day") }
      for need in n.needs {
        number(need.units, "\(key).needs.\(need.part)", positive: true)
        if need.part == n.produces { bad("\(key).needs.\(need.part)", tr("a node cannot need the part it produces")) }
      }
      let r = n.recovery
      if ![r.low, r.likely, r.high].allSatisfy({ $0.isFinite && $0 >= 0 }) {
        bad("\(key).ttr_days", tr("must be days (0 or more)"))
      } else if !(r.low <= r.likely && r.likely <= r.high) {
        bad("\(key).ttr_days", tr("a range must be [low, likely, high] with low ≤ likely ≤ high"))
      }
      if let t = n.tier, t < 0 { bad("\(key).tier", tr("must not be negative")) }
    }
    for (i, n) in nodes.enumerated() {
      checkNode(n, "nodes[\(i)]")
      if let first = ids[n.id] {
        bad(
          "nodes[\(i)].id",
          tr("'{id}' is already the id of nodes[{index}]", ["id": .text(n.id), "index": .text(String(first))]))
      } else {
        ids[n.id] = i
      }
    }
    var optionNodeIDs: Set<String> = []
    for (o, option) in options.enumerated() {
      for (i, n) in option.nodes.enumerated() {
        checkNode(n, "options[\(o)].nodes[\(i)]")
        if ids[n.id] != nil || !optionNodeIDs.insert(n.id).inserted {
          bad("options[\(o)].nodes[\(i)].id", tr("'{id}' is already the id of another node", ["id": .text(n.id)]))
        }
      }
    }
    if !nodes.contains(where: { $0.demandPerDay > 0 }) {
      bad("nodes", tr("no node has demand_per_day above 0: give the finished goods' demand"))
    }
    let known = Set(all.map(\.id))
    func checkLink(_ l: Link, _ key: String, allowed: Set<String>) {
      if !allowed.contains(l.from) {
        bad("\(key).from", tr("'{id}' is not a node", ["id": .text(l.from)]) + hint(l.from, allowed))
      }
      if !allowed.contains(l.to) {
        bad("\(key).to", tr("'{id}' is not a node", ["id": .text(l.to)]) + hint(l.to, allowed))
      }
      if l.from == l.to { bad("\(key)", tr("a link must join two different nodes")) }
      if let c = l.capacityPerDay { number(c, "\(key).capacity_per_day") }
      if let f = all.first(where: { $0.id == l.from }), let t = all.first(where: { $0.id == l.to }),
        !t.needs.contains(where: { $0.part == f.produces })
      {
        bad(
          key,
          tr(
            "'{node}' does not need '{part}', which '{supplier}' produces",
            ["node": .text(t.id), "part": .text(f.produces), "supplier": .text(f.id)]))
      }
    }
    let baseIDs = Set(nodes.map(\.id))
    var seenLinks: Set<String> = []
    for (i, l) in links.enumerated() {
      checkLink(l, "links[\(i)]", allowed: baseIDs)
      if !seenLinks.insert("\(l.from)\u{0}\(l.to)").inserted {
        bad("links[\(i)]", tr("'{from}' → '{to}' is listed twice", ["from": .text(l.from), "to": .text(l.to)]))
      }
    }
    for (o, option) in options.enumerated() {
      let allowed = baseIDs.union(option.nodes.map(\.id))
      for (i, l) in option.links.enumerated() { checkLink(l, "options[\(o)].links[\(i)]", allowed: allowed) }
      for (i, w) in option.whenDown.enumerated() where !baseIDs.contains(w) {
        bad("options[\(o)].when_down[\(i)]", tr("'{id}' is not a node", ["id": .text(w)]) + hint(w, baseIDs))
      }
      if option.nodes.isEmpty && option.links.isEmpty { bad("options[\(o)]", tr("add at least one node or link")) }
    }
    // Every part a node needs must reach it over some link (in the network itself).
    for (i, n) in nodes.enumerated() {
      for need in n.needs
      where !links.contains(where: { l in l.to == n.id && nodes.first(where: { $0.id == l.from })?.produces == need.part
      }) {
        bad(
          "nodes[\(i)].needs.\(need.part)",
          tr("no linked node supplies '{part}' to '{node}'", ["part": .text(need.part), "node": .text(n.id)]))
      }
    }
    var groupIDs: Set<String> = []
    for (g, group) in capacityGroups.enumerated() {
      if group.id.isEmpty { bad("capacity_groups[\(g)].id", tr("must not be empty")) }
      if !groupIDs.insert(group.id).inserted {
        bad("capacity_groups[\(g)].id", tr("'{id}' is listed twice", ["id": .text(group.id)]))
      }
      number(group.capacityPerDay, "capacity_groups[\(g)].capacity_per_day")
      if group.nodes.isEmpty { bad("capacity_groups[\(g)].nodes", tr("name at least one node")) }
      for (i, id) in group.nodes.enumerated() where !known.contains(id) {
        bad("capacity_groups[\(g)].nodes[\(i)]", tr("'{id}' is not a node", ["id": .text(id)]) + hint(id, known))
      }
    }
    var scenarioIDs: Set<String> = []
    for (s, spec) in scenarios.enumerated() {
      let key = "scenarios[\(s)]"
      if spec.id.isEmpty { bad("\(key).id", tr("must not be empty")) }
      if spec.id.contains(":") { bad("\(key).id", tr("must not contain ':' (kept for the automatic scenarios)")) }
      if !scenarioIDs.insert(spec.id).inserted {
        bad("\(key).id", tr("'{id}' is listed twice", ["id": .text(spec.id)]))
      }
      if let d = spec.days, !d.isFinite || d <= 0 { bad("\(key).days", tr("must be a number of days greater than 0")) }
      for (i, id) in spec.disrupt.nodes.enumerated() where !baseIDs.contains(id) {
        bad("\(key).disrupt.nodes[\(i)]", tr("'{id}' is not a node", ["id": .text(id)]) + hint(id, baseIDs))
      }
      if spec.disrupt.nodes.isEmpty && !spec.disrupt.hasFilters {
        bad("\(key).disrupt", tr("name nodes, or countries, tiers, produces or domains to match"))
      } else if !nodes.contains(where: spec.disrupt.matches) {
        bad("\(key).disrupt", tr("matches no node"))
      }
    }
    for (i, hit) in shocks.enumerated() {
      if hit.shock.isEmpty { bad("shocks[\(i)].shock", tr("must not be empty")) }
      if hit.countries.isEmpty { bad("shocks[\(i)].countries", tr("name at least one country")) }
      if !hit.days.isFinite || hit.days <= 0 || hit.days > 36_500 {
        bad("shocks[\(i)].days", tr("must be days between 0 and 36500"))
      }
      for (c, country) in hit.countries.enumerated() where !countries.contains(country) {
        bad("shocks[\(i)].countries[\(c)]", tr("no node is in '{country}'", ["country": .text(country)]))
      }
    }
    var optionIDs: Set<String> = []
    for (o, option) in options.enumerated() where !optionIDs.insert(option.id).inserted || option.id.isEmpty {
      bad(
        "options[\(o)].id",
        option.id.isEmpty ? tr("must not be empty") : tr("'{id}' is listed twice", ["id": .text(option.id)]))
    }
    return issues
  }

  private func hint(_ id: String, _ known: Set<String>) -> String {
    guard let near = TextDistance.closest(to: id, in: known.sorted()) else { return "" }
    return tr(" (did you mean '{id}'?)", ["id": .text(near)])
  }
}
