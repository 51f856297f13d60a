import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

/// Options every command accepts.
struct CommonOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp("Use this rubric file (YAML or JSON) instead of the shipped one.", valueName: "file"))
  var rubric: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Judge this country pair (e.g. EU-CN) instead of the rubric's default; `safezones pairs` lists them.",
      valueName: "pair"))
  var pair: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The language of the output's words and messages: \(Language.knownTags.joined(separator: " or ")) (default en).",
      valueName: "lang"))
  var lang: String?

  /// The localizer of `--lang` (`nil` for English, the default); an unknown tag is refused
  /// with the known ones.
  func loadLocalizer() throws -> Localizer? { try Self.localizer(tag: lang) }

  /// The localizer of a `--lang` value (`nil` for none or English).
  static func localizer(tag lang: String?) throws -> Localizer? {
    guard let lang, !lang.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    guard let language = Language(tag: lang.trimmingCharacters(in: .whitespaces)) else {
      throw InputError(
        InputIssue(
          key: "--lang",
          message: tr(
            "unknown language '{language}'; known languages: {known}",
            ["language": .text(lang), "known": .text(Language.knownTags.joined(separator: ", "))])))
    }
    return language == .english ? nil : try KnowledgeBase.localizer(language)
  }

  /// Whether the arguments ask for JSON output (`--format json` or `--format=json`, before
  /// any `--`).
  static func asksForJSON(_ arguments: [String]) -> Bool {
    var index = 0
    var json = false
    while index < arguments.count, arguments[index] != "--" {
      if arguments[index] == "--format", index + 1 < arguments.count {
        json = arguments[index + 1] == "json"
        index += 1
      } else if arguments[index].hasPrefix("--format=") {
        json = arguments[index] == "--format=json"
      }
      index += 1
    }
    return json
  }

  /// The localizer `--lang` names among a command line's arguments (`--lang zh-Hans` or
  /// `--lang=zh-Hans`, the last one winning, as the parser does), read before the command is
  /// parsed so that every line the command writes, its errors included, is in it. Arguments
  /// after `--` are operands.
  static func localizer(arguments: [String]) throws -> Localizer? {
    var tag: String?
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" { break }
      if argument == "--lang", index + 1 < arguments.count {
        tag = arguments[index + 1]
        index += 1
      } else if argument.hasPrefix("--lang=") {
        tag = String(argument.dropFirst("--lang=".count))
      }
      index += 1
    }
    return try localizer(tag: tag)
  }

  /// `arguments` without their `--lang` options (`--lang zh-Hans`, `--lang=zh-Hans`);
  /// operands after `--` are kept.
  static func removingLanguage(_ arguments: [String]) -> [String] {
    var out: [String] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      if argument == "--" {
        out += arguments[index...]
        break
      }
      if argument == "--lang", index + 1 < arguments.count {
        index += 2
        continue
      }
      if !argument.hasPrefix("--lang=") { out.append(argument) }
      index += 1
    }
    return out
  }

  /// The rubric, scoped to `--pair` (an unknown pair is refused with the known ones).
  func loadRubric() throws -> Rubric {
    let rubric = try KnowledgeBase.rubric(path: rubric)
    return rubric.scoped(to: try rubric.pair(named: pair, key: "--pair"))
  }
}

/// The shipped domains as judged for the pair in view of `rubric` (`Rubric.scoped(to:)`).
func shippedDomains(_ rubric: Rubric) throws -> [Domain] {
  let scope = try KnowledgeBase.scope(rubric.countries, rubric: rubric)
  if let note = scope.notAssessedNote { Output.note(tr("note: {message}", ["message": .text(note)])) }
  return scope.domains
}

/// A user's domains as judged for the pair in view (an assessment naming no pair judges the
/// rubric's default pair).
func scopedDomains(_ domains: [Domain], _ rubric: Rubric) -> [Domain] {
  PairScope(rubric.countries, rubric: rubric, domains: domains).domains
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, csv
}

/// Filters shared by the listing commands.
struct FilterOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "Only domains in this quadrant: \(Quadrant.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "quadrant"))
  var quadrant: [Quadrant] = []

  @Option(name: .long, help: ArgumentHelp("Only domains with this tag (repeatable: any of them).", valueName: "tag"))
  var tag: [String] = []

  /// The filter these options name (the same rules as the map page's and the API's).
  var filter: PlacementFilter { PlacementFilter(quadrants: Set(quadrant), tags: tag) }

  func apply(_ placed: [PlacedDomain]) -> [PlacedDomain] { filter.apply(placed) }
}

extension Quadrant: ExpressibleByArgument {}

enum Output {
  static func placed(_ domains: [Domain], rubric: Rubric) -> [PlacedDomain] {
    PlacedDomain.many(domains, rubric: rubric)
  }

  /// Prints placed domains to standard output in the chosen format.
  static func print(_ placed: [PlacedDomain], format: OutputFormat, rubric: Rubric) throws {
    switch format {
    case .table: write(TextOutput.placementTable(placed))
    case .csv: write(TextOutput.placementCSV(placed, rubric: rubric))
    case .json:
      // Streamed: a 36,000-domain document is 190 MB that need not be held at once.
      try PlacementDocument.write(rubric: rubric, placed: placed) { FileHandle.standardOutput.write($0) }
      write("\n")
    }
  }

  static func write(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

  static func note(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

  /// Writes a file atomically: a reader never sees half of it, and a failure leaves any
  /// earlier file untouched. Links, FIFOs and devices are written through, not replaced.
  static func save(_ text: String, to path: String) throws {
    guard !path.isEmpty else { throw CommandFailure(tr("--out needs a file name such as map.svg")) }
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw CommandFailure(
        tr("--out {path}: is a directory; give a file name such as map.svg", ["path": .text(path)]))
    }
    // Only a regular file (or a new one) is replaced atomically: renaming over a symbolic
    // link, a FIFO or a device such as /dev/stdout or /dev/null would replace that node
    // with a plain file, so those are written through instead.
    let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
    let atomic = type == nil || type == .typeRegular
    do {
      try Data(text.utf8).write(to: url, options: atomic ? .atomic : [])
    } catch {
      throw CommandFailure(
        tr(
          "--out {path}: cannot write the file ({reason})",
          ["path": .text(path), "reason": .text(error.localizedDescription)]))
    }
  }
}

/// Finding one domain by id in a user's file or the shipped knowledge base, with the same
/// hint for every command when it is not there.
enum DomainLookup {
  /// The one with `id` among the domains of `file` (else the shipped ones), and every
  /// domain their links may reach (`DomainSource.load`).
  static func find(_ id: String, file: String?, rubric: Rubric) throws -> (found: Domain, all: [Domain]) {
    let (domains, all) = try DomainSource.load(file: file, rubric: rubric)
    guard let found = domains.first(where: { $0.id == id }) else {
      let unscoped = try file.map { try DomainLoader.load(path: $0, knownIDs: nil) } ?? KnowledgeBase.allDomains()
      if let other = unscoped.first(where: { $0.id == id }), !other.assessments.isEmpty {
        let pairs = other.assessedPairs(default: rubric.defaultPair, known: rubric.pairs).map(\.id)
        throw CommandFailure(
          tr(
            "'{id}' has no assessment for {pair} (it is assessed for {pairs}); choose one with --pair, or add an assessment with pair: {pair}",
            ["id": .text(id), "pair": .text(rubric.countries.id), "pairs": .text(pairs.joined(separator: ", "))]))
      }
      let near = domains.map(\.id).filter { $0.contains(id) || id.contains($0) }
      let hint =
        !near.isEmpty
        ? tr("did you mean {ids}?", ["ids": .text(near.joined(separator: ", "))])
        : file == nil
          ? tr("run `safezones domains` to list them")
          : tr(
            "the file defines {ids}",
            ["ids": .text(domains.prefix(10).map(\.id).joined(separator: ", ") + (domains.count > 10 ? ", …" : ""))])
      throw CommandFailure(
        file.map {
          tr("unknown domain '{id}' in {file}: {hint}", ["id": .text(id), "file": .text($0), "hint": .text(hint)])
        } ?? tr("unknown domain '{id}': {hint}", ["id": .text(id), "hint": .text(hint)]))
    }
    return (found, all)
  }
}

/// The `--samples` of the Monte Carlo commands, checked against the command line's limits.
enum SampleOption {
  static func validate(_ samples: Int) throws {
    let range = MonteCarloDefaults.commandLineSamples
    guard range.contains(samples) else {
      throw ValidationError(
        tr(
          "{option} must be between {min} and {max}",
          ["option": "--samples", "min": .text(String(range.lowerBound)), "max": .text(String(range.upperBound))]))
    }
  }
}
