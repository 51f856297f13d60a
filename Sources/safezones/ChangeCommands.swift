import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

extension Day: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}

/// Options of the commands that look at the map over time.
struct TimeOptions: ParsableArguments {
  @Option(
    name: .customLong("as-of"),
    help: ArgumentHelp(
      "Show the map as it stood on this date (YYYY-MM-DD): each domain's newest assessment by then.", valueName: "date")
  )
  var asOf: Day?
}

/// Domains from the knowledge base, or from a file whose links may point into it.
struct DomainSource: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("Use the domains of this file (links may point to shipped domains).", valueName: "file"))
  var file: String?

  /// The domains to report on, and every domain their links may reach.
  func load(_ rubric: Rubric) throws -> (shown: [Domain], all: [Domain]) { try Self.load(file: file, rubric: rubric) }

  /// The domains of `file` (else the shipped ones), and every domain their links may reach,
  /// as judged for the pair in view of `rubric`.
  static func load(file: String?, rubric: Rubric) throws -> (shown: [Domain], all: [Domain]) {
    let shipped = try shippedDomains(rubric)
    guard let file else { return (shipped, shipped) }
    let mine = scopedDomains(
      try DomainLoader.load(path: file, knownIDs: Set(try KnowledgeBase.allDomains().map(\.id))), rubric)
    let ids = Set(mine.map(\.id))
    return (mine, mine + shipped.filter { !ids.contains($0.id) })
  }
}

struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract:
      "List migration warnings: quadrant changes, trends about to cross a threshold, north-west and leftward moves, reframings.",
    discussion: """
      Every assessment is dated; a domain's trajectory is its placements over time. Warnings are listed \
      most severe first. Domains whose current assessment records expected drifts are projected forward \
      year by year with the probability of each quadrant. Rules: docs/change-over-time.md.
      """)

  @OptionGroup var common: CommonOptions
  @OptionGroup var time: TimeOptions
  @OptionGroup var source: DomainSource

  @Option(
    name: .long, help: ArgumentHelp("Report trends that cross a threshold within this many years.", valueName: "years"))
  var horizon: Double = WatchHorizon.defaultYears

  @Option(name: .long, help: "Output format: table or json.")
  var format: WatchFormat = .table

  enum WatchFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

  func validate() throws {
    guard WatchHorizon.accepts(horizon) else {
      throw ValidationError(
        tr(
          "--horizon {requirement}, got {value}",
          ["requirement": .text(WatchHorizon.requirement), "value": .text(Format.number(horizon))]))
    }
  }

  func run() throws {
    let rubric = try common.loadRubric()
    let (shown, all) = try source.load(rubric)
    let report = WatchReport(
      domains: all, rubric: rubric, asOf: time.asOf, horizon: horizon,
      only: source.file == nil ? nil : Set(shown.map(\.id)))
    switch format {
    case .table: Output.write(report.text)
    case .json:
      FileHandle.standardOutput.write(try report.json())
      Output.write("\n")
    }
  }
}

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw the links between domains and list the risk each domain's links carry to it.",
    discussion: """
      A domain inherits part of the risk of the domains it links to: the best path's product of \
      kind factor × weight (with a decay per extra hop) times the neighbour's own risk; the effective \
      risk is the higher of own and inherited. Rule: docs/links.md.
      """)

  @OptionGroup var common: CommonOptions
  @OptionGroup var time: TimeOptions
  @OptionGroup var source: DomainSource

  @Option(name: .long, help: ArgumentHelp("Write the graph as SVG to this file.", valueName: "file"))
  var out: String?

  @Flag(name: .customLong("only-linked"), help: "Leave domains without links out of the drawing and the listing.")
  var onlyLinked = false

  @Option(name: .long, help: "Output format of the listing: table or json.")
  var format: WatchCommand.WatchFormat = .table

  func run() throws {
    let rubric = try common.loadRubric()
    let (_, all) = try source.load(rubric)
    let placed = PlacedDomain.asOf(time.asOf, domains: all, rubric: rubric)
    let view = LinkView(domains: all, placed: placed, rubric: rubric, asOf: time.asOf, onlyLinked: onlyLinked)
    if let out {
      let nodes = view.shown.map {
        GraphNode($0, linked: view.linked[$0.id], group: $0.domain.source == nil ? .user : .shipped)
      }
      let svg = GraphChart.svg(nodes, view.edges, options: GraphOptions(rubric: rubric, asOf: time.asOf))
      try Output.save(svg, to: out)
      Output.note(
        tr(
          "wrote {file} ({domains} domains, {links} links)",
          ["file": .text(out), "domains": .text(String(nodes.count)), "links": .text(String(view.edges.count))]))
    }
    let listing = view.listing
    switch format {
    case .table: Output.write(listing.text)
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(listing))
      Output.write("\n")
    }
  }
}

extension Output {
  /// Draws the map of reports (as of a date, with trajectories when given) to an SVG file.
  static func saveMap(
    _ points: [MapPoint], rubric: Rubric, to path: String, asOf: Day? = nil, trajectories: [MapTrajectory] = [],
    localizer: Localizer? = nil
  ) throws {
    let options = MapDrawing.options(rubric: rubric, asOf: asOf, shown: points.map(\.id), localizer: localizer)
    try save(MapChart.svg(points, options: options, trajectories: trajectories), to: path)
    let arguments: [String: LocalizationArgument] = [
      "file": .text(path), "domains": .text(String(points.count)), "trajectories": .text(String(trajectories.count)),
    ]
    note(
      trajectories.isEmpty
        ? tr("wrote {file} ({domains} domains)", arguments)
        : trajectories.count == 1
          ? tr("wrote {file} ({domains} domains, {trajectories} trajectory)", arguments)
          : tr("wrote {file} ({domains} domains, {trajectories} trajectories)", arguments))
  }

  /// The trajectories asked for by `--trajectories` (`all`, or ids), of the domains shown.
  static func trajectories(
    _ requested: [String], domains: [Domain], shown: [PlacedDomain], rubric: Rubric, asOf: Day?
  ) throws -> [MapTrajectory] {
    guard !requested.isEmpty else { return [] }
    let ids = Set(domains.map(\.id))
    let unknown = requested.filter { $0 != "all" && !ids.contains($0) }
    if !unknown.isEmpty {
      let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
      throw CommandFailure(
        unknown.count == 1
          ? tr("--trajectories: unknown domain {domains}; give ids or 'all'", ["domains": .text(names)])
          : tr("--trajectories: unknown domains {domains}; give ids or 'all'", ["domains": .text(names)]))
    }
    let wanted = requested.contains("all") ? Set(shown.map(\.id)) : Set(requested).intersection(shown.map(\.id))
    return MapDrawing.trajectories(domains, ids: wanted, rubric: rubric, asOf: asOf)
  }
}
