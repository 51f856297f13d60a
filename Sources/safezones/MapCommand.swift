import ArgumentParser
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

struct MapCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "map",
    abstract: "Draw the map of the shipped domains and print their placements.")

  @OptionGroup var common: CommonOptions
  @OptionGroup var filter: FilterOptions

  @Option(name: .long, help: ArgumentHelp("Write the map as SVG to this file.", valueName: "file"))
  var out: String?

  @Option(name: .long, help: "Output format of the listing: table, json or csv.")
  var format: OutputFormat = .table

  func run() throws {
    let rubric = try common.loadRubric()
    let reports = filter.apply(Output.reports(try KnowledgeBase.domains(), rubric: rubric))
    if let out { try Output.saveMap(reports.map { MapPoint($0) }, rubric: rubric, to: out) }
    try Output.print(reports, format: format, rubric: rubric)
  }
}

struct DomainsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "domains",
    abstract: "List the knowledge base's domains with their placements.")

  @OptionGroup var common: CommonOptions
  @OptionGroup var filter: FilterOptions

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func run() throws {
    let rubric = try common.loadRubric()
    let reports = filter.apply(Output.reports(try KnowledgeBase.domains(), rubric: rubric))
    try Output.print(reports, format: format, rubric: rubric)
  }
}

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

  @Option(name: .long, help: ArgumentHelp("Also draw an SVG map of these domains next to the shipped ones.", valueName: "file"))
  var out: String?

  @Flag(name: .long, help: "With --out, draw only the domains of the file.")
  var only = false

  @Option(name: .long, help: ArgumentHelp("Refuse input files larger than this many MiB.", valueName: "MiB"))
  var maxInputMb: Int = DomainLoader.defaultMaxBytes / (1024 * 1024)

  func validate() throws {
    if only && out == nil { throw ValidationError("--only needs --out FILE (it chooses what the map shows)") }
    if maxInputMb < 1 { throw ValidationError("--max-input-mb must be at least 1") }
  }

  func run() throws {
    let rubric = try common.loadRubric()
    let shipped = try KnowledgeBase.domains()
    let domains = try DomainLoader.load(path: file, knownIDs: Set(shipped.map(\.id)), maxBytes: maxInputMb * 1024 * 1024)
    let reports = Output.reports(domains, rubric: rubric)
    if let out {
      var points = reports.map { MapPoint($0, group: .user) }
      if !only {
        let mine = Set(domains.map(\.id))
        points = Output.reports(shipped.filter { !mine.contains($0.id) }, rubric: rubric).map { MapPoint($0) } + points
      }
      try Output.saveMap(points, rubric: rubric, to: out)
    }
    try Output.print(reports, format: format, rubric: rubric)
  }
}
