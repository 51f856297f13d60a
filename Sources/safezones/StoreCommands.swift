import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore

/// Where the store is, for every command that uses it.
struct StoreOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("Data folder for the embedded SQLite database (default ./safezones-data).", valueName: "dir"))
  var data: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Database URL: postgres://user:password@host:port/db (default: SQLite in the data folder; env DATABASE_URL).",
      valueName: "url"))
  var database: String?

  func settings(hostname: String? = nil, port: Int? = nil, allowedHosts: String? = nil) throws -> Settings {
    try Settings.resolve(hostname: hostname, port: port, data: data, database: database, allowedHosts: allowedHosts)
  }
}

struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import domains and assessments from a YAML or JSON file into the store (all or nothing).")

  @Argument(help: ArgumentHelp("The file, in the input format (see docs/input-format.md).", valueName: "file"))
  var file: String

  @OptionGroup var store: StoreOptions

  func run() async throws {
    let summary = try await StoreAccess.with(try store.settings()) { runtime in
      let known = Set(try await runtime.repository.allDomains().map(\.id))
      let domains = try DomainLoader.load(path: file, knownIDs: known)
      return try await runtime.repository.importDomains(domains)
    }
    Output.write(
      tr(
        "imported {file}: {created} new domains, {updated} updated, {added} assessments added, {unchanged} already stored",
        [
          "file": .text(file), "created": .text(String(summary.created.count)),
          "updated": .text(String(summary.updated.count)), "added": .text(String(summary.assessmentsAdded)),
          "unchanged": .text(String(summary.assessmentsUnchanged)),
        ]) + "\n")
  }
}

struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export the store: JSON (every domain with its full history, re-importable) or CSV.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv, history }

  @ArgumentParser.Option(
    name: .long,
    help: "json (full history, re-importable), csv (current placements) or history (CSV, one row per assessment).")
  var format: Format = .json

  @ArgumentParser.Option(
    name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var out: String?

  @OptionGroup var store: StoreOptions

  func run() async throws {
    let (domains, rubric) = try await StoreAccess.with(try store.settings()) { runtime in
      (try await runtime.repository.allDomains(), try await runtime.repository.rubrics().last?.rubric)
    }
    let text: String
    switch format {
    case .json:
      text =
        String(
          decoding: try DomainExport(domains: domains, rubricVersion: (rubric ?? KnowledgeBase.rubric()).version)
            .json(), as: UTF8.self)
        + "\n"
    case .csv:
      // Current placements are the default pair's (the JSON and the history keep every pair).
      let rubric = try rubric ?? KnowledgeBase.rubric()
      let scope = PairScope(rubric.defaultPair, rubric: rubric, domains: domains)
      text = TextOutput.placementCSV(
        scope.domains.map { PlacedDomain(domain: $0, rubric: scope.rubric) }, rubric: scope.rubric)
    case .history:
      text = DomainExport.historyCSV(domains, rubric: try rubric ?? KnowledgeBase.rubric())
    }
    if let out {
      try Output.save(text, to: out)
      Output.note(tr("wrote {file}", ["file": .text(out)]))
    } else {
      Output.write(text)
    }
  }
}
