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

  @OptionGroup var time: TimeOptions

  @Option(
    name: .long, parsing: .upToNextOption,
    help: ArgumentHelp(
      "Draw arrows from earlier placements of these domains (ids, or all) on the --out map.", valueName: "id"))
  var trajectories: [String] = []

  @OptionGroup var uncertain: MapUncertaintyOptions

  func validate() throws {
    if !trajectories.isEmpty && out == nil {
      throw ValidationError("--trajectories draws on the map: add --out map.svg")
    }
    try uncertain.validate(out: out)
  }

  func run() throws {
    let rubric = try common.loadRubric()
    let domains = try KnowledgeBase.domains()
    let placed = filter.apply(PlacedDomain.asOf(time.asOf, domains: domains, rubric: rubric))
    if let out {
      let drawn = try Output.trajectories(
        trajectories, domains: domains, shown: placed, rubric: rubric, asOf: time.asOf)
      if uncertain.uncertainty {
        let marks = uncertain.marks(domains, shown: placed, rubric: rubric, asOf: time.asOf)
        try Output.saveUncertaintyMap(
          placed.map { MapPoint($0) }, rubric: rubric, marks: marks, to: out, asOf: time.asOf, trajectories: drawn)
      } else {
        try Output.saveMap(placed.map { MapPoint($0) }, rubric: rubric, to: out, asOf: time.asOf, trajectories: drawn)
      }
    }
    try Output.print(placed, format: format, rubric: rubric)
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
    let placed = filter.apply(Output.placed(try KnowledgeBase.domains(), rubric: rubric))
    try Output.print(placed, format: format, rubric: rubric)
  }
}
