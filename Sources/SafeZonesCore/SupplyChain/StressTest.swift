import Dispatch
import Foundation

/// A disruption to test: which nodes go down and for how long.
public struct StressScenario: Sendable, Equatable {
  public enum Kind: String, Sendable, Equatable, Codable {
    case node, country, tier
    case exportControl = "export-control"
    case file
  }
  /// `node:ID`, `country:CC`, `tier:N`, `export-control:DOMAIN@CC`, or the file's id.
  public var id: String
  public var kind: Kind
  /// Said in words: "cells-a down", "every node in CN down".
  public var title: String
  public var down: [String]
  /// The impact's window: the scenario's days, or the longest likely recovery of what it
  /// takes down.
  public var days: Double

  /// Every scenario of `network`: each node alone, each country, each tier, each
  /// export-controlled domain in each country where nodes depend on it, then the file's.
  public static func all(_ network: SupplyNetwork) -> [StressScenario] {
    func make(
      _ id: String, _ kind: Kind, _ title: String, _ test: (SupplyNetwork.Node) -> Bool, days: Double? = nil
    )
      -> StressScenario?
    {
      let down = network.nodes.filter(test)
      guard !down.isEmpty else { return nil }
      return StressScenario(
        id: id, kind: kind, title: title, down: down.map(\.id), days: days ?? down.map(\.recovery.likely).max()!)
    }
    var result = network.nodes.compactMap { n in make("node:\(n.id)", .node, "\(n.id) down", { $0.id == n.id }) }
    result += network.countries.compactMap { c in
      make("country:\(c)", .country, "every node in \(c) down", { $0.country == c })
    }
    result += network.tiers.compactMap { t in make("tier:\(t)", .tier, "every tier-\(t) node down", { $0.tier == t }) }
    var pairs: [(String, String)] = []
    for n in network.nodes {
      for d in n.domains {
        if let c = n.country, !pairs.contains(where: { $0 == (d, c) }) { pairs.append((d, c)) }
      }
    }
    result += pairs.compactMap { d, c in
      make(
        "export-control:\(d)@\(c)", .exportControl, "export controls on \(d) from \(c)",
        { $0.country == c && $0.domains.contains(d) })
    }
    result += network.scenarios.compactMap { s in
      make(s.id, .file, s.name ?? s.id, s.disrupt.matches, days: s.days)
    }
    return result
  }
}

/// The stress test of a network: time to survive and performance impact of every
/// scenario, each node's exposure, and optionally the cheapest inventory that covers every
/// node's recovery and what each option in the file would change.
public struct StressReport: Sendable, Equatable, Codable {
  public struct ProductLoss: Sendable, Equatable, Codable {
    public var product: String
    public var units: Double
    public var margin: Double
    public init(product: String, units: Double, margin: Double) {
      self.product = product
      self.units = units
      self.margin = margin
    }
  }

  public struct Scenario: Sendable, Equatable, Codable {
    public var id: String
    public var kind: StressScenario.Kind
    public var title: String
    public var disrupted: [String]
    public var days: Double
    public var ttsDays: Double
    public var ttsCapped: Bool
    public var performanceImpact: Double
    public var lostByProduct: [ProductLoss]
    enum CodingKeys: String, CodingKey {
      case id, kind, title, disrupted, days
      case ttsDays = "tts_days"
      case ttsCapped = "tts_capped"
      case performanceImpact = "performance_impact"
      case lostByProduct = "lost_by_product"
    }
  }

  /// One node's exposure: its single-node scenario against its recovery.
  public struct Node: Sendable, Equatable, Codable {
    public var id: String
    public var name: String?
    public var produces: String
    public var country: String?
    public var tier: Int?
    public var domains: [String]
    public var ttsDays: Double
    public var ttsCapped: Bool
    /// The likely recovery, and the range when one was given.
    public var ttrDays: Double
    public var ttrRange: [Double]?
    /// TTS − TTR (likely): below zero, demand goes unmet before the node is back.
    public var marginDays: Double
    public var atRisk: Bool
    /// P(TTR > TTS) under the recovery's PERT distribution (0 or 1 for a number).
    public var pAtRisk: Double
    public var performanceImpact: Double
    enum CodingKeys: String, CodingKey {
      case id, name, produces, country, tier, domains
      case ttsDays = "tts_days"
      case ttsCapped = "tts_capped"
      case ttrDays = "ttr_days"
      case ttrRange = "ttr_range"
      case marginDays = "margin_days"
      case atRisk = "at_risk"
      case pAtRisk = "p_at_risk"
      case performanceImpact = "performance_impact"
    }
  }

  /// The cheapest extra inventory that brings every covered node's TTS up to its TTR.
  public struct Mitigation: Sendable, Equatable, Codable {
    public struct Stock: Sendable, Equatable, Codable {
      public var node: String
      public var units: Double
      public var cost: Double
      public var days: Double?
    }
    public struct Change: Sendable, Equatable, Codable {
      public var node: String
      public var ttsBefore: Double
      public var ttsAfter: Double
      public var ttrDays: Double
      enum CodingKeys: String, CodingKey {
        case node
        case ttsBefore = "tts_before"
        case ttsAfter = "tts_after"
        case ttrDays = "ttr_days"
      }
    }
    /// `likely` or `high`: which end of a recovery range must be covered.
    public var target: String
    /// The single-node scenarios the plan covers (those at risk before).
    public var covers: [String]
    public var inventory: [Stock]
    public var totalCost: Double
    public var atRiskBefore: Int
    public var atRiskAfter: Int
    public var nodes: [Change]
    enum CodingKeys: String, CodingKey {
      case target, covers, inventory, nodes
      case totalCost = "total_cost"
      case atRiskBefore = "at_risk_before"
      case atRiskAfter = "at_risk_after"
    }
  }

  /// What an option in the file changes: nodes at risk, total impact, each node's TTS.
  public struct OptionEffect: Sendable, Equatable, Codable {
    public var id: String
    public var name: String?
    public var kind: String
    public var atRiskBefore: Int
    public var atRiskAfter: Int
    public var impactBefore: Double
    public var impactAfter: Double
    /// The mitigation plan's cost with the option in place (when mitigation was asked).
    public var mitigationCostAfter: Double?
    public var nodes: [Mitigation.Change]
    enum CodingKeys: String, CodingKey {
      case id, name, kind, nodes
      case atRiskBefore = "at_risk_before"
      case atRiskAfter = "at_risk_after"
      case impactBefore = "impact_before"
      case impactAfter = "impact_after"
      case mitigationCostAfter = "mitigation_cost_after"
    }
  }

  public var network: String
  public var horizonDays: Double
  /// The longest time to survive reported (the horizon, or a longer recovery).
  public var capDays: Double
  /// Time to survive with nothing down: below the cap, the network cannot meet demand
  /// even undisturbed.
  public var baselineTTSDays: Double
  public var solver: String
  public var lpsSolved: Int
  public var scenarios: [Scenario]
  public var nodes: [Node]
  public var mitigation: Mitigation?
  public var options: [OptionEffect]

  enum CodingKeys: String, CodingKey {
    case network, solver, scenarios, nodes, mitigation, options
    case horizonDays = "horizon_days"
    case capDays = "cap_days"
    case baselineTTSDays = "baseline_tts_days"
    case lpsSolved = "lps_solved"
  }

  /// Nodes ranked by performance impact, then by how far short of recovery they fall.
  public var ranked: [Node] {
    nodes.sorted {
      ($0.performanceImpact, -$0.marginDays, $1.id) > ($1.performanceImpact, -$1.marginDays, $0.id)
    }
  }
}

/// Runs the stress test on a solver.
public enum StressTest {
  public struct Settings: Sendable {
    /// Scenario ids to run (all when empty); single-node scenarios always run, since the
    /// node table rests on them.
    public var scenarios: [String] = []
    /// Plan the cheapest inventory covering each node's recovery (this end of a range).
    public var mitigate: SupplyNetwork.RecoveryTarget?
    /// Threads; each has its own copy of the programme.
    public var workers: Int = 2
    public init(scenarios: [String] = [], mitigate: SupplyNetwork.RecoveryTarget? = nil, workers: Int = 2) {
      self.scenarios = scenarios
      self.mitigate = mitigate
      self.workers = workers
    }
  }

  /// Called with (done, total) LPs as the sweep goes; from any thread.
  public typealias Progress = @Sendable (Int, Int) -> Void

  /// Unknown scenario ids, with a hint; empty when all are known.
  public static func unknownScenarios(_ ids: [String], in network: SupplyNetwork) -> [String] {
    let known = StressScenario.all(network).map(\.id)
    return ids.filter { !known.contains($0) }.map { id in
      TextDistance.closest(to: id, in: known).map {
        tr("unknown scenario '{id}'; did you mean '{suggestion}'?", ["id": .text(id), "suggestion": .text($0)])
      } ?? tr("unknown scenario '{id}'", ["id": .text(id)])
    }
  }

  public static func run(
    _ network: SupplyNetwork, solver: any LPSolver, settings: Settings = .init(), progress: Progress? = nil
  ) throws(LPError) -> StressReport {
    let all = StressScenario.all(network)
    let chosen = all.filter { $0.kind == .node || settings.scenarios.isEmpty || settings.scenarios.contains($0.id) }
    let model = StressModel(network)
    let options = network.options
    let mitigationSteps = settings.mitigate == nil ? 0 : network.nodes.count + 1
    let total = 1 + chosen.count * 2 + options.count * network.nodes.count * 2 + mitigationSteps
    let counter = LPCounter(total: total, progress: progress)

    let baseline = try StressRunner(model, solver: solver).timeToSurvive(down: [], scenario: "nothing down")
    counter.add(1)
    let results = try sweep(model, chosen, solver: solver, workers: settings.workers, counter: counter)
    var lps = 1 + results.count * 2
    let scenarios = zip(chosen, results).map { s, r in
      StressReport.Scenario(
        id: s.id, kind: s.kind, title: s.title, disrupted: s.down, days: s.days, ttsDays: r.tts,
        ttsCapped: r.capped, performanceImpact: r.impact, lostByProduct: r.losses)
    }
    let byID = Dictionary(scenarios.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let nodes = network.nodes.map { n in exposure(n, byID["node:\(n.id)"]!) }
    var mitigation: StressReport.Mitigation?
    if let target = settings.mitigate {
      let (plan, count) = try mitigate(network, nodes: nodes, target: target, solver: solver, workers: settings.workers)
      mitigation = plan
      lps += count
      counter.add(mitigationSteps)
    }
    var effects: [StressReport.OptionEffect] = []
    for option in options {
      let singles = all.filter { $0.kind == .node }
      let after = try sweep(
        StressModel(network, options: [option]), singles, solver: solver, workers: settings.workers, counter: counter)
      lps += after.count * 2
      let afterNodes = zip(network.nodes, after).map { n, r in
        exposure(
          n,
          .init(
            id: "", kind: .node, title: "", disrupted: [], days: n.recovery.likely, ttsDays: r.tts, ttsCapped: r.capped,
            performanceImpact: r.impact, lostByProduct: []))
      }
      var costAfter: Double?
      if let target = settings.mitigate {
        let (plan, count) = try mitigate(
          network, nodes: afterNodes, target: target, solver: solver, workers: settings.workers, options: [option])
        costAfter = plan.totalCost
        lps += count
      }
      effects.append(
        .init(
          id: option.id, name: option.name, kind: option.kind.rawValue,
          atRiskBefore: nodes.filter(\.atRisk).count, atRiskAfter: afterNodes.filter(\.atRisk).count,
          impactBefore: nodes.reduce(0) { $0 + $1.performanceImpact },
          impactAfter: afterNodes.reduce(0) { $0 + $1.performanceImpact }, mitigationCostAfter: costAfter,
          nodes: zip(nodes, afterNodes).map {
            .init(node: $0.id, ttsBefore: $0.ttsDays, ttsAfter: $1.ttsDays, ttrDays: $0.ttrDays)
          }))
    }
    return StressReport(
      network: network.name, horizonDays: network.horizonDays, capDays: model.cap, baselineTTSDays: baseline.days,
      solver: solver.name, lpsSolved: lps, scenarios: scenarios, nodes: nodes, mitigation: mitigation, options: effects)
  }

  static func exposure(_ n: SupplyNetwork.Node, _ r: StressReport.Scenario) -> StressReport.Node {
    let ttr = n.recovery
    return StressReport.Node(
      id: n.id, name: n.name, produces: n.produces, country: n.country, tier: n.tier, domains: n.domains,
      ttsDays: r.ttsDays, ttsCapped: r.ttsCapped, ttrDays: ttr.likely,
      ttrRange: ttr.isPoint ? nil : [ttr.low, ttr.likely, ttr.high], marginDays: r.ttsDays - ttr.likely,
      atRisk: r.ttsDays < ttr.likely - 1e-9 * max(1, ttr.likely), pAtRisk: ttr.probabilityLongerThan(r.ttsDays),
      performanceImpact: r.performanceImpact)
  }

  struct Outcome: Sendable {
    var tts: Double
    var capped: Bool
    var impact: Double
    var losses: [StressReport.ProductLoss]
  }

  /// TTS and impact of every scenario, on `workers` threads each with its own session
  /// (worker w takes scenarios w, w + workers, …). Alternative optima can split a loss
  /// between products differently with another number of workers; TTS and impact do not
  /// change.
  static func sweep(
    _ model: StressModel, _ scenarios: [StressScenario], solver: any LPSolver, workers: Int, counter: LPCounter
  ) throws(LPError) -> [Outcome] {
    let workers = max(1, min(workers, scenarios.count))
    let box = SweepBox(count: scenarios.count)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      do {
        let runner = try StressRunner(model, solver: solver)
        let mine = Array(stride(from: w, to: scenarios.count, by: workers))
        // Every time to survive first, then every impact: consecutive solves keep one
        // objective, so each restarts a few pivots from the last.
        var survive: [Int: (days: Double, capped: Bool)] = [:]
        for i in mine {
          if box.failed { return }
          survive[i] = try runner.timeToSurvive(down: Set(scenarios[i].down), scenario: scenarios[i].id)
          counter.add(1)
        }
        for i in mine {
          if box.failed { return }
          let s = scenarios[i]
          let pi = try runner.performanceImpact(down: Set(s.down), days: s.days, scenario: s.id)
          box.set(i, Outcome(tts: survive[i]!.days, capped: survive[i]!.capped, impact: pi.impact, losses: pi.losses))
          counter.add(1)
        }
      } catch {
        box.fail(error)
      }
    }
    if let e = box.error { throw e }
    return box.results.map { $0! }
  }

  /// The cheapest extra inventory that gives every node at risk (TTS below its target
  /// recovery) a TTS of at least that recovery: one LP with a copy of the flows per node
  /// covered and the extra stock shared, minimising Σ holding cost × units.
  static func mitigate(
    _ network: SupplyNetwork, nodes: [StressReport.Node], target: SupplyNetwork.RecoveryTarget, solver: any LPSolver,
    workers: Int, options: [SupplyNetwork.Option] = []
  ) throws(LPError) -> (StressReport.Mitigation, Int) {
    let needy = zip(network.nodes, nodes).filter { n, r in r.ttsDays < n.recovery.value(target) - 1e-9 }.map(\.0)
    let model = StressModel(network, options: options)
    var lp = LinearProgram(sense: .minimize)
    let extra = network.nodes.map { n in lp.addColumn(.init(name: "e[\(n.id)]", cost: n.holdingCost)) }
    let base = model.program
    for n in needy {
      let days = n.recovery.value(target)
      let changes = model.changes(.timeToSurvive, down: [n.id])
      // A copy of the base columns (t fixed at the target), then of its rows with the
      // extra stock added to each node's balance.
      let offset = lp.columns.count
      for (j, c) in base.columns.enumerated() {
        let b = changes.columns[j] ?? .init(lower: c.lower, upper: c.upper)
        let fixed = j == model.tColumn
        lp.addColumn(.init(name: "\(c.name)#\(n.id)", lower: fixed ? days : b.lower, upper: fixed ? days : b.upper))
      }
      let stockedNode = Dictionary(
        uniqueKeysWithValues: model.balanceRows.prefix(extra.count).enumerated().map { ($1, $0) })
      for (r, row) in base.rows.enumerated() {
        var terms = row.terms.map { ($0.column + offset, $0.coefficient) }
        if let i = stockedNode[r] { terms.append((extra[i], -1)) }
        lp.addRow(name: "\(row.name)#\(n.id)", terms: terms, lower: row.lower, upper: row.upper)
      }
    }
    var units = [Double](repeating: 0, count: network.nodes.count)
    var count = 0
    if !needy.isEmpty {
      let s = try solver.solve(lp)
      count += 1
      guard s.status == .optimal else {
        throw LPError(
          tr(
            "the mitigation plan could not be computed: the solver reports the programme {status}",
            ["status": .text(s.status.rawValue)]))
      }
      units = extra.map { max(0, s.values[$0]) }
    }
    // Re-run each node's time to survive with the stock in place.
    var stocked = network
    for i in stocked.nodes.indices { stocked.nodes[i].inventory += units[i] }
    let singles = StressScenario.all(stocked).filter { $0.kind == .node }
    let after = try sweep(
      StressModel(stocked, options: options), singles, solver: solver, workers: workers,
      counter: LPCounter(total: 0, progress: nil))
    count += after.count * 2
    let afterNodes = zip(network.nodes, after).map { n, r in
      exposure(
        n,
        .init(
          id: "", kind: .node, title: "", disrupted: [], days: 0, ttsDays: r.tts, ttsCapped: r.capped,
          performanceImpact: r.impact, lostByProduct: []))
    }
    func atRisk(_ r: StressReport.Node, _ n: SupplyNetwork.Node) -> Bool {
      r.ttsDays < n.recovery.value(target) - 1e-6 * max(1, n.recovery.value(target))
    }
    let stock = network.nodes.enumerated().compactMap { i, n -> StressReport.Mitigation.Stock? in
      guard units[i] > 1e-9 else { return nil }
      let throughput = n.demandPerDay > 0 ? n.demandPerDay : nil
      return .init(node: n.id, units: units[i], cost: units[i] * n.holdingCost, days: throughput.map { units[i] / $0 })
    }
    let plan = StressReport.Mitigation(
      target: target.rawValue, covers: needy.map { "node:\($0.id)" }, inventory: stock,
      totalCost: stock.reduce(0) { $0 + $1.cost },
      atRiskBefore: zip(nodes, network.nodes).filter { atRisk($0, $1) }.count,
      atRiskAfter: zip(afterNodes, network.nodes).filter { atRisk($0, $1) }.count,
      nodes: zip(nodes, afterNodes).map {
        .init(node: $0.id, ttsBefore: $0.ttsDays, ttsAfter: $1.ttsDays, ttrDays: $0.ttrDays)
      })
    return (plan, count)
  }
}

/// Counts solved LPs for a progress callback.
final class LPCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  let total: Int
  let progress: StressTest.Progress?
  init(total: Int, progress: StressTest.Progress?) {
    self.total = total
    self.progress = progress
  }
  func add(_ n: Int) {
    guard let progress else { return }
    lock.lock()
    done = min(total, done + n)
    let now = done
    lock.unlock()
    progress(now, total)
  }
}

/// Results of a parallel sweep, each slot written by one worker.
final class SweepBox: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var results: [StressTest.Outcome?]
  private(set) var error: LPError?
  init(count: Int) { results = Array(repeating: nil, count: count) }
  var failed: Bool {
    lock.lock()
    defer { lock.unlock() }
    return error != nil
  }
  func set(_ i: Int, _ value: StressTest.Outcome) {
    lock.lock()
    results[i] = value
    lock.unlock()
  }
  func fail(_ e: Error) {
    lock.lock()
    if error == nil { error = (e as? LPError) ?? LPError("\(e)") }
    lock.unlock()
  }
}
