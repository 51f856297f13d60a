import Foundation
import SafeZonesCore

/// Generated supply networks for the stress-test benchmark and tests: tiers of part types,
/// each made by several nodes spread over the countries, each needing two or three part
/// types of the next tier up, linked to every maker of them. Seeded, so the same arguments
/// give the same network.
public enum SyntheticSupplyNetwork {
  public static func generate(nodes total: Int, tiers: Int = 5, countries: Int = 4, seed: UInt64 = 1) -> SupplyNetwork {
    var rng = SplitMix64(seed: seed)
    func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * rng.nextUnit() }
    let codes = (0..<countries).map { "C\($0 + 1)" }
    let perTier = max(1, total / tiers)
    // About four makers per part type.
    let makers = 4
    var nodes: [SupplyNetwork.Node] = []
    var partsOfTier: [[String]] = []
    for t in 0..<tiers {
      let count = t == tiers - 1 ? total - perTier * (tiers - 1) : perTier
      let types = max(1, count / makers)
      partsOfTier.append((0..<types).map { "p\(t)-\($0)" })
      for i in 0..<count {
        let part = partsOfTier[t][i % types]
        nodes.append(
          SupplyNetwork.Node(
            id: "n\(t)-\(i)", produces: part,
            recovery: .init(low: uniform(5, 20), likely: uniform(20, 60), high: uniform(60, 180)),
            country: codes[Int(rng.next() % UInt64(countries))], tier: t))
      }
    }
    var links: [SupplyNetwork.Link] = []
    var byPart: [String: [Int]] = [:]
    for (i, n) in nodes.enumerated() { byPart[n.produces, default: []].append(i) }
    for i in nodes.indices {
      let t = nodes[i].tier!
      if t == 0 {
        nodes[i].demandPerDay = uniform(10, 100).rounded()
        nodes[i].margin = uniform(0.5, 3)
      }
      guard t + 1 < tiers else { continue }
      let upstream = partsOfTier[t + 1]
      var needs: [(part: String, units: Double)] = []
      for _ in 0..<min(upstream.count, 2 + Int(rng.next() % 2)) {
        let part = upstream[Int(rng.next() % UInt64(upstream.count))]
        if !needs.contains(where: { $0.part == part }) { needs.append((part, Double(1 + rng.next() % 3))) }
      }
      nodes[i].needs = needs
      for need in needs { for s in byPart[need.part]! { links.append(.init(from: nodes[s].id, to: nodes[i].id)) } }
    }
    // Flows with nothing down, tier by tier: each part's makers share its demand (a
    // finished good's maker meets its own); capacity 1.1–1.6 × that flow, inventory 5–40
    // days of it.
    var required: [String: Double] = [:]
    for n in nodes where n.demandPerDay > 0 { required[n.produces, default: 0] += n.demandPerDay }
    for t in 0..<tiers {
      for i in nodes.indices where nodes[i].tier == t {
        let share =
          nodes[i].demandPerDay > 0
          ? nodes[i].demandPerDay : (required[nodes[i].produces] ?? 0) / Double(byPart[nodes[i].produces]!.count)
        for need in nodes[i].needs { required[need.part, default: 0] += share * need.units }
      }
    }
    for i in nodes.indices {
      // A finished good is sold by its own maker only: its flow is its own demand.
      let share =
        nodes[i].demandPerDay > 0
        ? nodes[i].demandPerDay : (required[nodes[i].produces] ?? 0) / Double(byPart[nodes[i].produces]!.count)
      nodes[i].capacityPerDay = share * uniform(1.1, 1.6)
      nodes[i].inventory = share * uniform(5, 40)
    }
    return SupplyNetwork(
      name: "Generated network (\(nodes.count) nodes, \(tiers) tiers, \(countries) countries, seed \(seed))",
      horizonDays: 365, nodes: nodes, links: links)
  }
}
