import Foundation

/// The linear programmes of the stress test, built from a network once and changed per
/// scenario by bounds and costs alone (Simchi-Levi et al., Interfaces 45(5), 2015).
///
/// Columns: `t` (days), `x[i]` (what node i produces over the t days), `f[l]` (what link l
/// carries), `s[i]` (what a node with demand sells). Rows:
/// - balance of node i: `Σ f[out] + s[i] − x[i] ≤ inventory[i]` — what leaves a node is
///   what it made plus what it held, so a disrupted node still ships its inventory;
/// - bill of materials of node j and part q: `Σ f[links bringing q] − units·x[j] ≥ 0`;
/// - capacity: `x[i] − capacity[i]·t ≤ 0`, `f[l] − capacity[l]·t ≤ 0`, and for a group
///   `Σ x[members] − capacity·t ≤ 0`;
/// - demand of node i: `s[i] − demand[i]·t ≥ 0` for the time to survive (maximise `t`),
///   `≤ 0` for the performance impact (`t` fixed at the scenario's days, maximise
///   `Σ margin·s`; the impact is the margin of the demand not met).
///
/// A disrupted node's `x` is fixed at 0. Both programmes are feasible at zero and bounded
/// (`t` is capped, sales cannot exceed demand), so any other status is reported as a
/// solver failure.
public struct StressModel: Sendable {
  /// The network with every option given, and which nodes and links only run while
  /// something is down.
  public let nodes: [SupplyNetwork.Node]
  public let links: [SupplyNetwork.Link]
  /// Per node and per link: `nil` always runs; a set runs only while one of those nodes is
  /// down (an empty set: while any node is down).
  let nodeStandby: [Set<String>?]
  let linkStandby: [Set<String>?]
  /// The programme in its base state: time to survive with nothing down, standby off.
  public let program: LinearProgram
  /// The longest time to survive the programme can report: the horizon, or a longer time
  /// to recover or scenario, so that "survives long enough" can always be decided.
  public let cap: Double
  let tColumn = 0
  let production: [Int]
  let flow: [Int]
  let sales: [Int?]
  let demandRows: [Int?]
  let balanceRows: [Int]
  let index: [String: Int]

  /// Builds the model of `network` with `options` switched on.
  public init(_ network: SupplyNetwork, options: [SupplyNetwork.Option] = []) {
    var nodes = network.nodes
    var links = network.links
    var nodeStandby = [Set<String>?](repeating: nil, count: nodes.count)
    var linkStandby = [Set<String>?](repeating: nil, count: links.count)
    for o in options {
      let standby: Set<String>? = o.kind == .flexibleCapacity ? Set(o.whenDown) : nil
      nodes += o.nodes
      links += o.links
      nodeStandby += Array(repeating: standby, count: o.nodes.count)
      linkStandby += Array(repeating: standby, count: o.links.count)
    }
    self.nodes = nodes
    self.links = links
    self.nodeStandby = nodeStandby
    self.linkStandby = linkStandby
    var index: [String: Int] = [:]
    for (i, n) in nodes.enumerated() { index[n.id] = i }
    self.index = index
    cap = max(
      network.horizonDays, nodes.map(\.recovery.high).max() ?? 0, network.scenarios.compactMap(\.days).max() ?? 0)

    var lp = LinearProgram(sense: .maximize)
    lp.addColumn(.init(name: "t", lower: 0, upper: cap, cost: 1))
    let production = nodes.enumerated().map { i, n in
      lp.addColumn(.init(name: "x[\(n.id)]", upper: nodeStandby[i] == nil ? .infinity : 0))
    }
    let flow = links.enumerated().map { l, link in
      lp.addColumn(.init(name: "f[\(link.from)>\(link.to)]", upper: linkStandby[l] == nil ? .infinity : 0))
    }
    let sales = nodes.map { n in n.demandPerDay > 0 ? lp.addColumn(.init(name: "s[\(n.id)]")) : nil }
    self.production = production
    self.flow = flow
    self.sales = sales
    var outgoing = [[Int]](repeating: [], count: nodes.count)
    var incoming = [[Int]](repeating: [], count: nodes.count)
    for (l, link) in links.enumerated() {
      if let a = index[link.from], let b = index[link.to] {
        outgoing[a].append(l)
        incoming[b].append(l)
      }
    }
    var balanceRows: [Int] = []
    for (i, n) in nodes.enumerated() {
      var terms = outgoing[i].map { (flow[$0], 1.0) }
      if let s = sales[i] { terms.append((s, 1)) }
      terms.append((production[i], -1))
      balanceRows.append(lp.addRow(name: "balance[\(n.id)]", terms: terms, lower: -.infinity, upper: n.inventory))
      for need in n.needs {
        var bom = incoming[i].filter { nodes[index[links[$0].from]!].produces == need.part }.map { (flow[$0], 1.0) }
        bom.append((production[i], -need.units))
        lp.addRow(name: "bom[\(n.id),\(need.part)]", terms: bom, lower: 0, upper: .infinity)
      }
      if let c = n.capacityPerDay {
        lp.addRow(name: "capacity[\(n.id)]", terms: [(production[i], 1), (0, -c)], lower: -.infinity, upper: 0)
      }
    }
    for (l, link) in links.enumerated() {
      if let c = link.capacityPerDay {
        lp.addRow(
          name: "capacity[\(link.from)>\(link.to)]", terms: [(flow[l], 1), (0, -c)], lower: -.infinity, upper: 0)
      }
    }
    for g in network.capacityGroups {
      let members = g.nodes.compactMap { index[$0] }.map { (production[$0], 1.0) }
      lp.addRow(name: "group[\(g.id)]", terms: members + [(0, -g.capacityPerDay)], lower: -.infinity, upper: 0)
    }
    self.balanceRows = balanceRows
    demandRows = nodes.enumerated().map { i, n in
      guard let s = sales[i] else { return nil }
      return lp.addRow(name: "demand[\(n.id)]", terms: [(s, 1), (0, -n.demandPerDay)], lower: 0, upper: .infinity)
    }
    program = lp
  }

  /// What a scenario changes in the base programme.
  public struct Changes: Sendable, Equatable {
    public var sense: LinearProgram.Sense = .maximize
    public var columns: [Int: ClosedBounds] = [:]
    public var rows: [Int: ClosedBounds] = [:]
    public var costs: [Int: Double] = [:]
  }

  /// Lower and upper bound (infinite: none).
  public struct ClosedBounds: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
  }

  /// Which problem to pose.
  public enum Question: Sendable, Equatable {
    /// How long demand is met in full.
    case timeToSurvive
    /// The margin lost over so many days.
    case performanceImpact(days: Double)
  }

  func isActive(_ standby: Set<String>?, down: Set<String>) -> Bool {
    guard let standby else { return true }
    return standby.isEmpty ? !down.isEmpty : !standby.isDisjoint(with: down)
  }

  /// The changes from the base programme for `question` with the nodes `down` disrupted.
  public func changes(_ question: Question, down: Set<String>) -> Changes {
    var c = Changes()
    for (i, n) in nodes.enumerated() {
      if down.contains(n.id) {
        c.columns[production[i]] = .init(lower: 0, upper: 0)
      } else if nodeStandby[i] != nil, isActive(nodeStandby[i], down: down) {
        c.columns[production[i]] = .init(lower: 0, upper: .infinity)
      }
    }
    for l in links.indices where linkStandby[l] != nil && isActive(linkStandby[l], down: down) {
      c.columns[flow[l]] = .init(lower: 0, upper: .infinity)
    }
    if case .performanceImpact(let days) = question {
      c.columns[tColumn] = .init(lower: days, upper: days)
      c.costs[tColumn] = 0
      for (i, n) in nodes.enumerated() {
        guard let s = sales[i], let row = demandRows[i] else { continue }
        c.costs[s] = n.margin
        c.rows[row] = .init(lower: -.infinity, upper: 0)
      }
    }
    return c
  }

  /// The full margin at stake over `days`: demand × margin summed over the finished goods.
  public func marginAtStake(days: Double) -> Double {
    nodes.reduce(0) { $0 + $1.demandPerDay * $1.margin * days }
  }

  /// Units and margin not delivered, per product, from an optimal impact solution.
  func losses(_ solution: LPSolution, days: Double) -> [StressReport.ProductLoss] {
    var byProduct: [String: (units: Double, margin: Double)] = [:]
    var order: [String] = []
    for (i, n) in nodes.enumerated() {
      guard let s = sales[i] else { continue }
      let lost = max(0, n.demandPerDay * days - solution.values[s])
      if byProduct[n.produces] == nil { order.append(n.produces) }
      byProduct[n.produces, default: (0, 0)].units += lost
      byProduct[n.produces, default: (0, 0)].margin += lost * n.margin
    }
    return order.map {
      .init(
        product: $0, units: Format.rounded(byProduct[$0]!.units, digits: 6),
        margin: Format.rounded(byProduct[$0]!.margin, digits: 6))
    }
  }
}

/// One solver session on a ``StressModel``: applies a scenario's changes (undoing the last
/// scenario's first) and solves, so a sweep re-solves one loaded programme from the
/// previous basis instead of building hundreds.
public final class StressRunner {
  public let model: StressModel
  let session: any LPSession
  private var applied = StressModel.Changes()
  /// Solves made, and simplex iterations spent, by this runner.
  public private(set) var solves = 0
  public private(set) var iterations = 0

  public init(_ model: StressModel, solver: any LPSolver) throws(LPError) {
    self.model = model
    session = try solver.session(for: model.program)
  }

  func apply(_ next: StressModel.Changes) {
    let base = model.program
    for (j, _) in applied.columns where next.columns[j] == nil {
      session.setColumnBounds(j, lower: base.columns[j].lower, upper: base.columns[j].upper)
    }
    for (r, _) in applied.rows where next.rows[r] == nil {
      session.setRowBounds(r, lower: base.rows[r].lower, upper: base.rows[r].upper)
    }
    for (j, _) in applied.costs where next.costs[j] == nil { session.setCost(j, base.columns[j].cost) }
    for (j, b) in next.columns { session.setColumnBounds(j, lower: b.lower, upper: b.upper) }
    for (r, b) in next.rows { session.setRowBounds(r, lower: b.lower, upper: b.upper) }
    for (j, v) in next.costs { session.setCost(j, v) }
    session.setSense(next.sense)
    applied = next
  }

  /// Solves `question` with `down` disrupted; anything but optimal is an error in words.
  public func solve(
    _ question: StressModel.Question, down: Set<String>, scenario: String
  ) throws(LPError)
    -> LPSolution
  {
    apply(model.changes(question, down: down))
    let solution = session.solve()
    solves += 1
    iterations += solution.iterations
    guard solution.status == .optimal else {
      let status =
        solution.status == .failed ? tr("unsolved (numerical trouble or a limit)") : solution.status.rawValue
      let arguments: [String: LocalizationArgument] = ["scenario": .text(scenario), "status": .text(status)]
      throw LPError(
        question == .timeToSurvive
          ? tr(
            "the time to survive of scenario '{scenario}' could not be computed: the solver reports the programme {status}",
            arguments)
          : tr(
            "the performance impact of scenario '{scenario}' could not be computed: the solver reports the programme {status}",
            arguments))
    }
    return solution
  }

  /// Time to survive in days and whether it reached the model's cap.
  public func timeToSurvive(down: Set<String>, scenario: String) throws(LPError) -> (days: Double, capped: Bool) {
    let s = try solve(.timeToSurvive, down: down, scenario: scenario)
    // Six decimals: a solver's last digits (1e-14 apart between two bases) never show.
    let days = Format.rounded(min(max(0, s.objective), model.cap), digits: 6)
    return (days, days >= model.cap * (1 - 1e-9))
  }

  /// Margin lost over `days` with `down` disrupted, and the loss per product.
  public func performanceImpact(
    down: Set<String>, days: Double, scenario: String
  ) throws(LPError) -> (
    impact: Double, losses: [StressReport.ProductLoss]
  ) {
    let s = try solve(.performanceImpact(days: days), down: down, scenario: scenario)
    return (
      Format.rounded(max(0, model.marginAtStake(days: days) - s.objective), digits: 6),
      model.losses(s, days: days)
    )
  }
}
