import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesLP

/// What the command line and the server share for supply-chain stress tests: the solver,
/// reading a network against the knowledge base's domains, and running it.
public enum SupplyChains {
  /// The LP solver every stress test uses.
  public static let solver: any LPSolver = GLPKSolver()

  /// The largest network accepted (nodes, option nodes included): the sweep solves two
  /// programmes per node and per scenario.
  public static let maximumNodes = 5_000

  /// Reads a network file; domains must be the shipped knowledge base's.
  public static func load(path: String) throws -> SupplyNetwork {
    try check(try SupplyNetworkLoader.load(path: path, knownDomains: try knownDomains()), file: path)
  }

  /// Reads a network from text (an upload).
  public static func parse(_ text: String, file: String, knownDomains: Set<String>) throws -> SupplyNetwork {
    try check(try SupplyNetworkLoader.parse(text, file: file, knownDomains: knownDomains), file: file)
  }

  public static func knownDomains() throws -> Set<String> { Set(try KnowledgeBase.domains().map(\.id)) }

  static func check(_ network: SupplyNetwork, file: String) throws -> SupplyNetwork {
    let size = network.nodes.count + network.options.reduce(0) { $0 + $1.nodes.count }
    if size > maximumNodes {
      throw InputError(InputIssue(file: file, key: "nodes", message: "has \(size) nodes; at most \(maximumNodes) are accepted"))
    }
    return network
  }

  /// Runs the stress test, refusing unknown scenario ids (naming the nearest).
  public static func run(
    _ network: SupplyNetwork, settings: StressTest.Settings, progress: StressTest.Progress? = nil
  ) throws -> StressReport {
    let unknown = StressTest.unknownScenarios(settings.scenarios, in: network)
    if !unknown.isEmpty { throw InputError(unknown.map { InputIssue(key: "scenario", message: $0) }) }
    return try StressTest.run(network, solver: solver, settings: settings, progress: progress)
  }

  /// The programmes of `scenarios` (all when empty) and their optima, for the scipy check.
  public static func export(_ network: SupplyNetwork, scenarios: [String]) throws -> Data {
    let all = StressScenario.all(network)
    let chosen = all.filter { $0.kind == .node || scenarios.isEmpty || scenarios.contains($0.id) }
    let runner = try StressRunner(StressModel(network), solver: solver)
    return StressExport.json(runner.model, try StressExport.problems(chosen, runner: runner))
  }
}
