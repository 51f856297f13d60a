import ArgumentParser
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

struct AssessCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assess",
    abstract: "Score your own domains (YAML or JSON) against the rubric.",
    discussion: "See docs/input-format.md for the file format.")

  @OptionGroup var common: CommonOptions

  @Argument(help: ArgumentHelp("The domains file (YAML or JSON).", valueName: "file"))
  var file: String

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  @Option(
    name: .long,
    help: ArgumentHelp("Also draw an SVG map of these domains next to the shipped ones.", valueName: "file"))
  var out: String?

  @Flag(name: .long, help: "With --out, draw only the domains of the file.")
  var only = false

  @Option(name: .long, help: ArgumentHelp("Refuse input files larger than this many MiB.", valueName: "MiB"))
  var maxInputMb: Int = DomainLoader.defaultMaxBytes / (1024 * 1024)

  @Option(
    name: .long,
    help: "Propagate uncertainty with this many Monte Carlo samples per domain (prints quadrant probabilities).")
  var samples: Int?

  @Option(name: .long, help: "Seed of the Monte Carlo run (same seed, same result).")
  var seed: UInt64 = 1

  @Option(name: .long, help: "How several assessors are pooled: linear or logarithmic.")
  var pool: PoolingMethod = .linear

  @Option(name: .long, help: "Worker threads for Monte Carlo (default: all cores; results do not depend on it).")
  var threads: Int?

  func validate() throws {
    if let samples { try SampleOption.validate(samples) }
    if let threads, !(1...256).contains(threads) {
      throw ValidationError(
        tr("{option} must be between {min} and {max}", ["option": "--threads", "min": "1", "max": "256"]))
    }
    if only && out == nil { throw ValidationError(tr("--only needs --out FILE (it chooses what the map shows)")) }
    // The upper bound keeps `maxInputMb * 1 MiB` from overflowing (a trap, not an error).
    if !(1...4096).contains(maxInputMb) {
      throw ValidationError(
        tr("{option} must be between {min} and {max}", ["option": "--max-input-mb", "min": "1", "max": "4096"]))
    }
  }

  func run() throws {
    let rubric = try common.loadRubric()
    let shipped = try shippedDomains(rubric)
    let domains = scopedDomains(
      try DomainLoader.load(
        path: file, knownIDs: Set(try KnowledgeBase.allDomains().map(\.id)), maxBytes: maxInputMb * 1024 * 1024),
      rubric)
    var placed = Output.placed(domains, rubric: rubric)
    var marks: [String: UncertaintyMark] = [:]
    if let samples {
      let options = MonteCarlo.Options(samples: samples, seed: seed, threads: threads, importance: format == .json)
      placed = try Propagation.place(domains, rubric: rubric, method: pool, options: options)
      marks = Output.uncertaintyMarks(placed.compactMap { $0.uncertainty?.placement })
    }
    if let out {
      var points = placed.map { MapPoint($0, group: .user) }
      if !only {
        let mine = Set(domains.map(\.id))
        let others = shipped.filter { !mine.contains($0.id) }
        points = Output.placed(others, rubric: rubric).map { MapPoint($0) } + points
        if let samples {
          marks.merge(
            Output.uncertaintyMarks(
              others, rubric: rubric, method: pool, samples: samples, seed: seed, threads: threads)
          ) { mine, _ in mine }
        }
      }
      if marks.isEmpty {
        try Output.saveMap(points, rubric: rubric, to: out)
      } else {
        try Output.saveUncertaintyMap(points, rubric: rubric, marks: marks, to: out)
      }
    }
    if samples != nil && format == .table {
      Output.write(TextOutput.probabilityTable(placed))
    } else {
      try Output.print(placed, format: format, rubric: rubric)
    }
  }
}

extension PoolingMethod: ExpressibleByArgument {
  public init?(argument: String) {
    switch argument {
    case "linear": self = .linear
    case "log", "logarithmic": self = .logarithmic
    default: return nil
    }
  }
}
