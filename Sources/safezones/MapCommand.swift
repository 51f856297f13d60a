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
