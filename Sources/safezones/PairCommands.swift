import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

struct PairsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pairs",
    abstract: "List the country pairs the rubric judges and how many shipped domains each has assessed.")

  @OptionGroup var common: CommonOptions

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  func run() throws {
    let rubric = try common.loadRubric()
    let all = try KnowledgeBase.allDomains()
    let rows = rubric.pairs.map { pair in
      (pair, PairScope(pair, rubric: rubric, domains: all).domains.filter { !$0.assessments.isEmpty }.count)
    }
    switch format {
    case .json:
      let list: [[String: Any]] = rows.map { pair, n in
        ["id": pair.id, "countries": pair.codes, "default": pair == rubric.defaultPair, "assessed_domains": n]
      }
      try printJSON(["pairs": list, "default_pair": rubric.defaultPair.id, "domains": all.count])
    case .csv:
      let table = rows.map { pair, n in
        [pair.id, pair.description, pair == rubric.defaultPair ? "yes" : "", "\(n) of \(all.count)"]
      }
      Output.write(TextOutput.csv(headers: ["pair", "countries", "default", "assessed domains"], rows: table))
    case .table:
      let table = rows.map { pair, n in
        [
          pair.id, pair.displayName, pair == rubric.defaultPair ? tr("yes") : "",
          tr("{count} of {total}", ["count": .text(String(n)), "total": .text(String(all.count))]),
        ]
      }
      Output.write(
        TextOutput.table(headers: [tr("pair"), tr("countries"), tr("default"), tr("assessed domains")], rows: table))
    }
  }
}

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract:
      "Place the same domains for several country pairs and list those whose quadrant differs, with the criteria that make the difference.",
    discussion: """
      Each pair is placed from its own current assessment of a domain, under the rubric scoped to the pair \
      (viability follows the pair's two countries). A criterion's effect is how far the other pairs' point \
      moves toward the first pair's when only that criterion is judged as for the first pair. See docs/pairs.md.
      """)

  @OptionGroup var common: CommonOptions

  @Option(
    name: .long,
    help: ArgumentHelp("Two or more pairs, comma-separated (e.g. US-CN,EU-CN).", valueName: "pairs"))
  var pairs: String

  @Flag(
    name: .long, help: "List every domain assessed for more than one of the pairs, not only those that change quadrant."
  )
  var all = false

  @Option(name: .long, help: "Criteria shown per domain in the table.")
  var criteria = 3

  @Option(name: .long, help: "Output format: table or json.")
  var format: OutputFormat = .table

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write the maps side by side, with the domains that change quadrant joined across pairs, as SVG.",
      valueName: "file"))
  var out: String?

  func validate() throws {
    if !(1...14).contains(criteria) {
      throw ValidationError(
        tr("{option} must be between {min} and {max}", ["option": "--criteria", "min": "1", "max": "14"]))
    }
  }

  func run() throws {
    let rubric = try KnowledgeBase.rubric(path: common.rubric)
    // Blank entries (a trailing comma) are overlooked on the command line.
    let names = pairs.split(separator: ",").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    let chosen = try rubric.pairs(named: names, key: "--pairs")
    let comparison = PairComparison(pairs: chosen, rubric: rubric, domains: try KnowledgeBase.allDomains())
    if let out {
      let localizer = try common.loadLocalizer()
      // The drawing follows --lang even with --format json (whose listing stays English).
      let svg = Localization.with(localizer ?? Localization.current) {
        PairComparisonDrawing.svg(comparison, rubric: rubric, allJoined: all, localizer: localizer)
      }
      try Output.save(svg, to: out)
      Output.note(
        tr(
          "wrote {file} ({maps} maps, {joined} domains joined)",
          [
            "file": .text(out), "maps": .text(String(chosen.count)),
            "joined": .text(String(comparison.differing.count)),
          ]))
    }
    switch format {
    case .json:
      FileHandle.standardOutput.write(
        try StableJSONEncoder().encode(PairComparisonReport(comparison, rubric: rubric, onlyDiffering: !all)))
      Output.write("\n")
    case .table:
      Output.write(Self.text(comparison, all: all, criteria: criteria))
    case .csv:
      // Not a CSV: the table, in English whatever --lang says, as before.
      Localization.with(nil) { Output.write(Self.text(comparison, all: all, criteria: criteria)) }
    }
  }

  static func text(_ c: PairComparison, all: Bool, criteria: Int) -> String {
    let compared = c.compared
    let shown = all ? compared : c.differing
    let rows = shown.map { row in
      [row.id]
        + row.placements.map { p in
          p.map {
            "\($0.quadrant.label) (\(Format.fixed($0.gains, digits: 2)), \(Format.fixed($0.risk, digits: 2)))"
          }
            ?? tr("not assessed")
        }
        + [
          row.differences.prefix(criteria).map { c.describe($0) }.joined(
            separator: Localization.language.usesCJKScript ? "；" : "; ")
        ]
    }
    let pairs =
      Localization.current == nil
      ? c.pairs.map(\.description).joined(separator: " and ") : Localization.language.list(c.pairs.map(\.displayName))
    let arguments: [String: LocalizationArgument] = [
      "count": .text(String(c.differing.count)), "total": .text(String(compared.count)), "pairs": .text(pairs),
      "single": .text(String(c.rows.count - compared.count)),
    ]
    var out =
      (compared.count < c.rows.count
        ? tr(
          "{count} of {total} domains assessed for {pairs} change quadrant ({single} are assessed for one pair only).",
          arguments)
        : tr("{count} of {total} domains assessed for {pairs} change quadrant.", arguments)) + "\n"
    guard !rows.isEmpty else { return out }
    out += "\n"
    out += TextOutput.table(
      headers: [tr("domain")] + c.pairs.map { tr("{pair} quadrant (gains, risk)", ["pair": .text($0.id)]) }
        + [tr("criteria that make the difference")],
      rows: rows)
    return out
  }
}
