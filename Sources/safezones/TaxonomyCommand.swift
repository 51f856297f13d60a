import ArgumentParser
import Foundation
import SafeZonesCore
import SafeZonesKnowledge

/// The shipped technology taxonomies that screening matches proposals against.
struct TaxonomyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "taxonomy",
    abstract: "List the shipped technology taxonomies, or one taxonomy's areas and subfields.",
    discussion: """
      Without an id: each taxonomy with its source (publisher, date, version) and size. With an id \\
      (us-cet-2024, ca-stra-2024, eu-dual-use-annex-i): its areas, or with --subfields every \\
      subfield under its area. See docs/taxonomies.md.
      """)

  @Argument(help: ArgumentHelp("A taxonomy's id.", valueName: "id"))
  var id: String?

  @Flag(name: .long, help: "List every subfield (with an id).")
  var subfields = false

  @Option(name: .long, help: "Output format: table, json or csv.")
  var format: OutputFormat = .table

  func run() throws {
    let all = try KnowledgeBase.taxonomies()
    guard let id else {
      if subfields { throw InputError(InputIssue(key: "--subfields", message: "name a taxonomy: \(Self.ids(all))")) }
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
        InputIssue(key: "id", message: "no taxonomy '\(TextLimits.preview(id))'; known: \(Self.ids(all))"))
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

  /// Table or CSV of `rows`, or `value` as JSON (the whole taxonomy, keywords included).
  func write<T: Encodable>(_ value: T, headers: [String], rows: [[String]], rightAligned: Set<Int>) throws {
    switch format {
    case .table: Output.write(TextOutput.table(headers: headers, rows: rows, rightAligned: rightAligned))
    case .csv: Output.write(TextOutput.csv(headers: headers, rows: rows))
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(value))
      Output.write("\n")
    }
  }
}
