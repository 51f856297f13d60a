import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore

/// Partner lists in the store: organisations a screening checks a proposal's partners
/// against (a separate finding that never changes the placement).
struct PartnersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "partners",
    abstract: "Import or list the partner lists screenings check partners against.",
    subcommands: [Import.self, List.self])

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import partner lists from CSV (name,aliases,country,list,source,date; aliases separated by ';').",
      discussion: """
        Each list named in the file becomes the current version of that list; earlier versions \\
        are kept, and decisions screened against an earlier version are listed by \\
        'safezones screen --due'. The whole file is refused if any line is wrong.
        """)

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let lists = try ScreeningRecords.partnerLists(csv: try DomainLoader.read(path: file), file: file)
      try await StoreAccess.with(try store.settings()) { runtime in
        try await runtime.repository.decisions.importPartnerLists(lists)
      }
      for list in lists {
        Output.write(
          tr(
            "Imported '{list}': {count} organisations ({source}, {date})",
            [
              "list": .text(list.name), "count": .text(String(list.entries.count)), "source": .text(list.source),
              "date": .text("\(list.date)"),
            ]) + "\n")
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the partner lists in force.")

    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let lists = try await StoreAccess.with(try store.settings()) { runtime in
        try await runtime.repository.decisions.partnerLists()
      }
      let rows = lists.map { [$0.name, String($0.entries.count), $0.source, $0.date, String($0.digest.prefix(12))] }
      switch format {
      case .json:
        struct Document: Encodable { var partnerLists: [PartnerList] }
        FileHandle.standardOutput.write(try StableJSONEncoder().encode(Document(partnerLists: lists)))
        Output.write("\n")
      case .csv:
        Output.write(TextOutput.csv(headers: ["list", "organisations", "source", "date", "digest"], rows: rows))
      case .table:
        if lists.isEmpty {
          return Output.write(tr("No partner list imported yet (safezones partners import FILE.csv).") + "\n")
        }
        Output.write(
          TextOutput.table(
            headers: [tr("list"), tr("organisations"), tr("source"), tr("date"), tr("digest")], rows: rows,
            rightAligned: [1]))
      }
    }
  }
}
