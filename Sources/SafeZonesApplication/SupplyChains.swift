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
      throw InputError(
        InputIssue(
          file: file, key: "nodes",
          message: tr(
            "has {count} nodes; at most {maximum} are accepted",
            ["count": .text(String(size)), "maximum": .text(String(maximumNodes))])))
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

  /// The chain's exposure to the catalogue's shocks for the simulator: for each shock kind
  /// the file maps to countries, the margin lost over `days` × severity with those
  /// countries' nodes down, as a share of a year's margin at stake (11 severities, 0…1).
  /// A shock id not in the catalogue is refused, naming the nearest.
  public static func exposure(
    _ network: SupplyNetwork, catalogue: ShockCatalogue, file: String
  ) throws -> SupplyExposure {
    let ids = catalogue.shocks.map(\.id)
    let unknown = network.shocks.enumerated().filter { !ids.contains($0.element.shock) }.map { i, hit in
      InputIssue(
        file: file, key: "shocks[\(i)].shock",
        message: {
          let arguments: [String: LocalizationArgument] = [
            "shock": .text(hit.shock), "version": .text(catalogue.version),
            "known": .text(ids.joined(separator: ", ")),
            "suggestion": .text(TextDistance.closest(to: hit.shock, in: ids) ?? ""),
          ]
          return TextDistance.closest(to: hit.shock, in: ids) == nil
            ? tr("'{shock}' is not a shock of the catalogue {version} (known: {known})", arguments)
            : tr(
              "'{shock}' is not a shock of the catalogue {version}; did you mean '{suggestion}'? (known: {known})",
              arguments)
        }())
    }
    if !unknown.isEmpty { throw InputError(unknown) }
    let runner = try StressRunner(StressModel(network), solver: solver)
    let year = runner.model.marginAtStake(days: 365)
    let loss = try catalogue.shocks.map { kind -> [Double] in
      let hits = network.shocks.filter { $0.shock == kind.id }
      guard !hits.isEmpty, year > 0 else { return Array(repeating: 0, count: 11) }
      return try (0...10).map { step -> Double in
        let severity = Double(step) / 10
        // Several entries for one shock: each country down for its own longest days.
        var total = 0.0
        for hit in hits {
          let days = hit.days * severity
          guard days > 0 else { continue }
          let down = Set(network.nodes.filter { n in n.country.map(hit.countries.contains) ?? false }.map(\.id))
          total += try runner.performanceImpact(down: down, days: days, scenario: "shock \(kind.id)").impact
        }
        return min(1, total / year)
      }
    }
    return SupplyExposure(network: network.name, loss: loss)
  }

  /// The programmes of `scenarios` (all when empty) and their optima, for the scipy check.
  public static func export(_ network: SupplyNetwork, scenarios: [String]) throws -> Data {
    let all = StressScenario.all(network)
    let chosen = all.filter { $0.kind == .node || scenarios.isEmpty || scenarios.contains($0.id) }
    let runner = try StressRunner(StressModel(network), solver: solver)
    return StressExport.json(runner.model, try StressExport.problems(chosen, runner: runner))
  }
}
