import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore

/// `safezones simulate`: Monte Carlo of a portfolio of collaborations under geopolitical
/// shocks (docs/simulation.md).
struct SimulateCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a portfolio of collaborations under geopolitical shocks: survival, gains, downside, frontier.",
    discussion: """
      Relations between the two countries are hit by random shocks (the shock catalogue) and, with \
      --scenario, by scripted ones; each collaboration may be suspended, restart or end, depending on its \
      domains' risk, its stakeholder buffer and its structure. Prints, per collaboration, the gains it \
      delivers (mean and 90% interval) and its chance of surviving to the horizon, and for the portfolio the \
      expected gains, the 5th–95th percentiles, the value at risk, the expected shortfall and the chance that \
      every collaboration has ended by the horizon. The same seed gives the same output, whatever the number of threads. The model and \
      its parameters: docs/simulation.md. Example: safezones simulate examples/portfolio.yaml --frontier
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  @Argument(
    help: ArgumentHelp("The portfolio file (YAML or JSON; see examples/portfolio.yaml).", valueName: "portfolio"))
  var portfolio: String

  @Option(name: .long, help: ArgumentHelp("Years to simulate (default: the portfolio's horizon).", valueName: "years"))
  var years: Int?

  @Option(name: .long, help: ArgumentHelp("Number of simulated futures.", valueName: "n"))
  var trials: Int = 100_000

  @Option(
    name: .long,
    help: ArgumentHelp("Seed of the random generator: the same seed gives the same result.", valueName: "seed"))
  var seed: UInt64 = 1

  @Option(
    name: .long,
    help: ArgumentHelp("Worker threads (default: one per core); the result does not depend on it.", valueName: "n"))
  var threads: Int?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Scripted shocks at given years (YAML or JSON; see examples/scenario-escalation.yaml).", valueName: "file"))
  var scenario: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Use this shock catalogue instead of the shipped one (same format as shocks.yaml).", valueName: "file"))
  var shocks: String?

  @Flag(
    name: .long, help: "Also simulate every collaboration both integrated and separate-but-coordinated, side by side.")
  var compareStructures = false

  @Flag(
    name: .long, help: "Build the frontier of portfolios within the budget and recommend one for the risk appetite.")
  var frontier = false

  @Option(name: .long, help: "Output format: text or json.")
  var format: Format = .text

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also report this supply network's delivered output under the same shocks (its `shocks:` section maps shocks to countries).",
      valueName: "file"))
  var supplyChain: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the charts as SVG to this folder: fan.svg, survival.svg and frontier.svg (the frontier is then built too).",
      valueName: "dir"))
  var outDir: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also accept the domains of the store in this data folder (as `serve --data`).", valueName: "dir"))
  var data: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also accept the domains of the store at this database URL (as `serve --database`).", valueName: "url"))
  var database: String?

  @OptionGroup var common: CommonOptions

  static let maxTrialYears = SimulationPlan.maxTrialYears

  func validate() throws {
    if trials < 1 || trials > 1_000_000 {
      throw ValidationError(
        tr(
          "{option} must be between {min} and {max}, got {value}",
          ["option": "--trials", "min": "1", "max": "1000000", "value": .text(String(trials))]))
    }
    if let years, !(1...PortfolioLoader.maxHorizon).contains(years) {
      throw ValidationError(
        tr(
          "{option} must be between {min} and {max}, got {value}",
          [
            "option": "--years", "min": "1", "max": .text(String(PortfolioLoader.maxHorizon)),
            "value": .text(String(years)),
          ]))
    }
    if let years, trials * years > Self.maxTrialYears {
      throw ValidationError(
        tr(
          "--trials × --years must be at most {max} (memory); lower --trials",
          ["max": .text(String(Self.maxTrialYears))]))
    }
    if let threads, !(1...256).contains(threads) {
      throw ValidationError(
        tr(
          "{option} must be between {min} and {max}, got {value}",
          ["option": "--threads", "min": "1", "max": "256", "value": .text(String(threads))]))
    }
    if let outDir, outDir.isEmpty { throw ValidationError(tr("--out-dir needs a folder name, such as charts")) }
  }

  func run() async throws {
    // Inputs: domains and rubric, the catalogue, the portfolio, the scenario.
    var rubric = try common.loadRubric()
    var domains = try shippedDomains(rubric)
    if data != nil || database != nil {
      let (stored, latest) = try await StoreAccess.with(try Settings.resolve(data: data, database: database)) {
        runtime in (try await runtime.repository.allDomains(), try await runtime.repository.rubrics().last)
      }
      if common.rubric == nil, let latest { rubric = latest.rubric.scoped(to: rubric.countries) }
      // The store's domains as judged for the pair in view (`--pair`).
      let scoped = PairScope(rubric.countries, rubric: rubric, domains: stored).domains
      let storedIDs = Set(stored.map(\.id))
      domains = domains.filter { !storedIDs.contains($0.id) } + scoped
    }
    let catalogue = try ShockCatalogueLoader.catalogue(path: shocks)
    let portfolio = try PortfolioLoader.load(path: self.portfolio, knownDomains: Set(domains.map(\.id)))
    let horizon = years ?? portfolio.horizon
    if trials * horizon > Self.maxTrialYears {
      throw CommandFailure(
        tr(
          "--trials × years ({years}, the portfolio's horizon) must be at most {max} (memory); lower --trials",
          ["years": .text(String(horizon)), "max": .text(String(Self.maxTrialYears))]))
    }
    let scenario = try scenario.map { try ScenarioLoader.load(path: $0, catalogue: catalogue, horizon: horizon) }
    let directory = try outDir.map(Self.prepare)
    let supply = try supplyChain.map { path in
      try SupplyChains.exposure(try SupplyChains.load(path: path), catalogue: catalogue, file: path)
    }

    // Run.
    var plan = SimulationPlan(
      portfolio: portfolio, domains: domains, rubric: rubric, catalogue: catalogue, scenario: scenario, years: horizon,
      options: SimulationOptions(trials: trials, seed: seed, threads: threads), compareStructures: compareStructures,
      frontier: frontier || outDir != nil)
    plan.supply = supply
    let bar = isatty(FileHandle.standardError.fileDescriptor) == 1 ? ProgressBar() : nil
    var progress: (@Sendable (Int, Int) -> Void)?
    if let bar { progress = { done, total in bar.update(done, total) } }
    let report = plan.run(progress: progress)
    bar?.finish()

    // Output.
    switch format {
    case .text: Output.write(SimulationText.render(report))
    case .json: FileHandle.standardOutput.write(try report.json())
    }
    if let directory {
      var written: [String] = []
      for (kind, svg) in SimulationCharts.all(report) {
        let path = (directory as NSString).appendingPathComponent(kind.fileName)
        do {
          try Data(svg.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
          throw CommandFailure(
            tr(
              "--out-dir {path}: cannot write {file} ({reason})",
              [
                "path": .text(directory), "file": .text(kind.fileName),
                "reason": .text(error.localizedDescription),
              ]))
        }
        written.append(path)
      }
      Output.note(tr("wrote {file}", ["file": .text(written.joined(separator: ", "))]))
    }
  }

  /// Creates the chart folder (and its parents) if needed; refuses a file.
  static func prepare(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw CommandFailure(tr("--out-dir {path}: is a file, not a folder", ["path": .text(path)]))
      }
      return path
    }
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw CommandFailure(
        tr(
          "--out-dir {path}: cannot create the folder ({reason})",
          ["path": .text(path), "reason": .text(error.localizedDescription)]))
    }
    return path
  }
}

/// A progress bar on standard error, redrawn when the percentage changes (only used when
/// standard error is a terminal).
final class ProgressBar: @unchecked Sendable {
  private let lock = NSLock()
  private var shown = -1
  /// The language of the run: workers report from threads that do not carry it.
  private let localizer = Localization.current

  func update(_ done: Int, _ total: Int) {
    let percent = total > 0 ? min(100, done * 100 / total) : 100
    lock.lock()
    defer { lock.unlock() }
    guard percent > shown else { return }  // workers report out of order
    shown = percent
    let filled = percent * 30 / 100
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled)
    let line = Localization.with(localizer) {
      tr(
        "simulating [{bar}] {percent}%  {done}/{total} trials",
        [
          "bar": .text(bar), "percent": .text(String(percent)), "done": .text(String(done)),
          "total": .text(String(total)),
        ])
    }
    FileHandle.standardError.write(Data(("\r" + line).utf8))
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard shown >= 0 else { return }
    FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 78) + "\r").utf8))
  }
}
