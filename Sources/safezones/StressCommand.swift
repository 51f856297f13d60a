import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

/// Stress-tests a supply network: how long it meets demand with each node, country, tier
/// or export-controlled domain down (time to survive) against how long recovery takes, the
/// margin lost, and the cheapest inventory that closes the gaps.
struct StressCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stress",
    abstract: "Stress-test a supply network: time to survive vs time to recover, impact, mitigation.",
    discussion: """
      FILE is a network (YAML or JSON; docs/supply-chains.md): nodes that produce one part each \\
      from others (needs), links, inventories, capacities, times to recover (days or [low, likely, \\
      high]), countries, tiers and the knowledge-base domains they depend on. Every node alone, \\
      every country, every tier, every export-controlled domain in each country, and the file's \\
      own scenarios are solved as linear programmes (GLPK): the time to survive (TTS, capped at \\
      the horizon or the longest recovery) and the margin lost over the disruption.

      --mitigate adds the cheapest extra inventory that brings every node's TTS up to its TTR \\
      (--target likely or high end of a range) and evaluates the file's options with it. \\
      --from-eto DIR --assumptions FILE builds a country-level network from a folder in the \\
      format of CSET/ETO's Advanced Semiconductor Supply Chain dataset.
      """)

  @Argument(help: ArgumentHelp("The network file (not with --from-eto).", valueName: "file"))
  var file: String?

  @Option(
    name: .long, help: ArgumentHelp("Only this scenario besides the single-node ones (repeatable).", valueName: "id"))
  var scenario: [String] = []

  @Flag(name: .long, help: "Plan the cheapest extra inventory that covers every node's time to recover.")
  var mitigate = false

  @Option(name: .long, help: "Which end of a TTR range mitigation covers: likely or high.")
  var target: SupplyNetwork.RecoveryTarget = .likely

  @Option(name: .long, help: "Output format: text or json.")
  var format: Format = .text

  @Option(
    name: .long,
    help: ArgumentHelp("Also write stress.json, stress.txt and the charts (SVG) into this folder.", valueName: "dir"))
  var outDir: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write every programme solved and its optimum as JSON (for an independent solver).", valueName: "file"))
  var exportLp: String?

  @Option(
    name: .long, help: ArgumentHelp("Build the network from a folder in ETO's supply-chain format.", valueName: "dir"))
  var fromEto: String?

  @Option(name: .long, help: ArgumentHelp("Assumptions for --from-eto (inventory, TTR, demand).", valueName: "file"))
  var assumptions: String?

  @Option(name: .long, help: "Threads solving programmes (each with its own copy of the model).")
  var workers: Int = 2

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  func validate() throws {
    if fromEto == nil && file == nil {
      throw ValidationError(tr("name the network file (or use --from-eto DIR --assumptions FILE)"))
    }
    if fromEto != nil && file != nil { throw ValidationError(tr("give a network file or --from-eto, not both")) }
    if fromEto != nil && assumptions == nil { throw ValidationError(tr("--from-eto needs --assumptions FILE")) }
    if fromEto == nil && assumptions != nil { throw ValidationError(tr("--assumptions goes with --from-eto")) }
    if !(1...64).contains(workers) {
      throw ValidationError(
        tr("{option} must be between {min} and {max}", ["option": "--workers", "min": "1", "max": "64"]))
    }
    if target != .likely && !mitigate { throw ValidationError(tr("--target goes with --mitigate")) }
  }

  func run() throws {
    let network: SupplyNetwork
    if let fromEto, let assumptions {
      network = try ETOImport.network(folder: fromEto, assumptions: assumptions)
    } else {
      network = try SupplyChains.load(path: file ?? "")
    }
    let report = try SupplyChains.run(
      network, settings: .init(scenarios: scenario, mitigate: mitigate ? target : nil, workers: workers))
    let json = try StableJSONEncoder().encode(report)
    let text = StressText.render(report)
    if let exportLp {
      let data = try SupplyChains.export(network, scenarios: scenario)
      try Output.save(String(decoding: data, as: UTF8.self), to: exportLp)
    }
    if let outDir {
      try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
      try Output.save(String(decoding: json, as: UTF8.self) + "\n", to: "\(outDir)/stress.json")
      try Output.save(text, to: "\(outDir)/stress.txt")
      try Output.save(StressCharts.survivalScatter(report), to: "\(outDir)/tts-ttr.svg")
      try Output.save(StressCharts.network(network, report: report), to: "\(outDir)/network.svg")
    }
    switch format {
    case .json:
      FileHandle.standardOutput.write(json)
      Output.write("\n")
    case .text: Output.write(text)
    }
  }
}

extension SupplyNetwork.RecoveryTarget: ExpressibleByArgument {}
