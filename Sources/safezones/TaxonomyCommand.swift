import ArgumentParser
import Foundation
import SafeZonesCore
import SafeZonesKnowledge

/// The shipped technology taxonomies that screening matches proposals against.
struct TaxonomyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taxonomy",
    abstract: "List the shipped technology taxonomies, one taxonomy's areas and subfields, or the crosswalk.",
    discussion: """
      Without an id: each taxonomy with its source (publisher, date, version) and size. With an id \\
      (us-cet-2024, ca-stra-2024, eu-dual-use-annex-i): its areas, or with --subfields every \\
      subfield under its area. With --crosswalk: which knowledge-base domains fall under which \\
      areas (all taxonomies, or the one named), each link with its strength (direct, partial, \\
      enabling) and why. See docs/taxonomies.md.
      """)

  @Argument(help: ArgumentHelp("A taxonomy's id.", valueName: "id"))
  var id: String?

  @Flag(name: .long, help: "List every subfield (with an id).")
  var subfields = false

  @Flag(name: .long, help: "List the crosswalk: domains under each area, with strength and rationale.")
  var crosswalk = false

  @Option(name: .long, help: ArgumentHelp("With --crosswalk: only this domain's links.", valueName: "id"))
  var domain: String?

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func run() throws {
    let all = try KnowledgeBase.taxonomies()
    if crosswalk { return try writeCrosswalk(all) }
    if domain != nil { throw InputError(InputIssue(key: "--domain", message: tr("--domain goes with --crosswalk"))) }
    guard let id else {
      if subfields {
        throw InputError(
          InputIssue(key: "--subfields", message: tr("name a taxonomy: {known}", ["known": .text(Self.ids(all))])))
      }
      let rows = all.map { t in
        [
          t.id, t.name, t.publisher, t.date.description, t.version, String(t.entries.count),
          String(t.entries.reduce(0) { $0 + $1.subfields.count }),
        ]
      }
      let headers = ["id", "name", "publisher", "date", "version", "areas", "subfields"]
      return try write(all, headers: headers, rows: rows, rightAligned: [5, 6])
    }
    guard let taxonomy = all.first(where: { $0.id == id }) else {
      throw InputError(
        InputIssue(
          key: "id",
          message: tr(
            "no taxonomy '{id}'; known: {known}", ["id": .text(TextLimits.preview(id)), "known": .text(Self.ids(all))]))
      )
    }
    if subfields {
      let rows = taxonomy.entries.flatMap { e in
        e.subfields.map { [e.id, $0.id, $0.name, $0.keywords.joined(separator: "; ")] }
      }
      return try write(taxonomy, headers: ["area", "id", "name", "keywords"], rows: rows, rightAligned: [])
    }
    let rows = taxonomy.entries.map { e in
      [e.id, e.name, String(e.subfields.count), e.keywords.joined(separator: "; ")]
    }
    try write(taxonomy, headers: ["id", "name", "subfields", "keywords"], rows: rows, rightAligned: [2])
  }

  static func ids(_ all: [Taxonomy]) -> String { all.map(\.id).joined(separator: ", ") }

  /// A table's header in the language in view (the CSV keeps the English).
  static func header(_ english: String) -> String {
    switch english {
    case "id": return tr("id")
    case "name": return tr("name")
    case "publisher": return tr("publisher")
    case "date": return tr("date")
    case "version": return tr("version")
    case "areas": return tr("areas")
    case "subfields": return tr("subfields")
    case "area": return tr("area")
    case "keywords": return tr("keywords")
    case "taxonomy": return tr("taxonomy")
    case "subfield": return tr("subfield")
    case "domain": return tr("domain")
    case "strength": return tr("strength")
    case "rationale": return tr("rationale")
    default: return english
    }
  }

  /// One crosswalk link as `--format json` writes it: the link and the area's names.
  struct CrosswalkRow: Encodable {
    var domain: String
    var domainName: String
    var taxonomy: String
    var entry: String
    var entryName: String
    var area: String
    var areaName: String
    var strength: CrosswalkStrength
    var rationale: String
  }

  func writeCrosswalk(_ all: [Taxonomy]) throws {
    if subfields {
      throw InputError(InputIssue(key: "--subfields", message: tr("--subfields does not go with --crosswalk")))
    }
    var taxonomies = all
    if let id {
      guard let t = all.first(where: { $0.id == id }) else {
        throw InputError(
          InputIssue(
            key: "id",
            message: tr(
              "no taxonomy '{id}'; known: {known}",
              ["id": .text(TextLimits.preview(id)), "known": .text(Self.ids(all))])))
      }
      taxonomies = [t]
    }
    let domains = Dictionary(try KnowledgeBase.domains().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    if let domain, domains[domain] == nil {
      throw InputError(
        InputIssue(
          key: "--domain",
          message: tr(
            "no shipped domain '{id}' (see safezones domains)", ["id": .text(TextLimits.preview(domain))])))
    }
    let walk = try KnowledgeBase.crosswalk()
    var out: [CrosswalkRow] = []
    for t in taxonomies {
      for entry in t.entries {
        for link in walk.links(taxonomy: t, entry: entry) where domain == nil || link.domain == domain {
          let sub = entry.subfields.first { $0.id == link.entry }
          out.append(
            CrosswalkRow(
              domain: link.domain, domainName: domains[link.domain] ?? link.domain, taxonomy: t.id, entry: entry.id,
              entryName: entry.name, area: link.entry, areaName: sub?.name ?? entry.name, strength: link.strength,
              rationale: link.rationale))
        }
      }
    }
    struct Document: Encodable { var crosswalk: [CrosswalkRow] }
    let rows = out.map {
      [$0.taxonomy, $0.entry, $0.area == $0.entry ? "" : $0.area, $0.domain, $0.strength.rawValue, $0.rationale]
    }
    try write(
      Document(crosswalk: out), headers: ["taxonomy", "area", "subfield", "domain", "strength", "rationale"],
      rows: rows,
      rightAligned: [])
  }

  /// Table or CSV of `rows`, or `value` as JSON (the whole taxonomy, keywords included).
  func write<T: Encodable>(_ value: T, headers: [String], rows: [[String]], rightAligned: Set<Int>) throws {
    switch format {
    case .table:
      Output.write(TextOutput.table(headers: headers.map(Self.header), rows: rows, rightAligned: rightAligned))
    case .csv: Output.write(TextOutput.csv(headers: headers, rows: rows))
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(value))
      Output.write("\n")
    }
  }
}
