import ArgumentParser
import Foundation
import SafeZonesApplication
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
      throw ValidationError(tr("--trajectories draws on the map: add --out map.svg"))
    }
    try uncertain.validate(out: out)
  }

  func run() throws {
    let rubric = try common.loadRubric()
    let localizer = try common.loadLocalizer()
    let domains = try shippedDomains(rubric)
    let placed = filter.apply(PlacedDomain.asOf(time.asOf, domains: domains, rubric: rubric))
    // The drawing follows --lang even with --format json (whose listing stays English).
    if let out {
      try Localization.with(localizer ?? Localization.current) { try draw(out, domains, placed, rubric, localizer) }
    }
    try Output.print(placed, format: format, rubric: rubric)
  }

  /// Writes the map to `out`, in the language in view.
  func draw(
    _ out: String, _ domains: [Domain], _ placed: [PlacedDomain], _ rubric: Rubric, _ localizer: Localizer?
  ) throws {
    let drawn = try Output.trajectories(
      trajectories, domains: domains, shown: placed, rubric: rubric, asOf: time.asOf)
    let points = placed.map { MapPoint($0) }
    if uncertain.uncertainty {
      let marks = uncertain.marks(domains, shown: placed, rubric: rubric, asOf: time.asOf)
      try Output.saveUncertaintyMap(
        points, rubric: rubric, marks: marks, to: out, asOf: time.asOf, trajectories: drawn, localizer: localizer)
    } else {
      try Output.saveMap(points, rubric: rubric, to: out, asOf: time.asOf, trajectories: drawn, localizer: localizer)
    }
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

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Only domains matching these words (name, id, tags, summary; word forms and synonyms such as AI match), best match first, with the score and the words that matched.",
      valueName: "text"))
  var search: String?

  func run() throws {
    let rubric = try common.loadRubric()
    let domains = try shippedDomains(rubric)
    let placed = filter.apply(Output.placed(domains, rubric: rubric))
    guard let search else { return try Output.print(placed, format: format, rubric: rubric) }
    let text = search.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else {
      throw InputError(InputIssue(key: "--search", message: tr("give the words to search for")))
    }
    let hits = try DomainSearcher(domains: domains).search(text)
    let listing = DomainSearchListing(query: text, hits: hits, placed: placed)
    let rows = listing.domains.map { d in
      [d.id, d.name, Format.fixed(d.score, digits: 2), d.matchedTerms.joined(separator: "; "), d.quadrant.rawValue]
    }
    switch format {
    case .table:
      guard !rows.isEmpty else {
        return Output.write(
          tr("no domain matches '{text}' (searched names, ids, tags and summaries)", ["text": .text(text)]) + "\n")
      }
      // The name and the quadrant in the language in view (the CSV keeps the data as stored).
      let shown = zip(rows, listing.domains).map { row, d in
        [row[0], Localization.domainName(id: d.id, english: d.name)] + Array(row[2..<(row.count - 1)])
          + [d.quadrant.label]
      }
      Output.write(
        TextOutput.table(
          headers: [tr("id"), tr("name"), tr("score"), tr("matched"), tr("quadrant")], rows: shown, rightAligned: [2]))
    case .csv:
      Output.write(TextOutput.csv(headers: ["id", "name", "score", "matched_terms", "quadrant"], rows: rows))
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(listing))
      Output.write("\n")
    }
  }
}
