import Foundation
import SafeZonesCore

/// The shipped rubric and knowledge base (US–China domains from the essay), read from the
/// module's resources.
public enum KnowledgeBase {
  /// The shipped rubric file's text.
  public static func rubricText() throws(InputError) -> String { try resource("rubric") }

  /// The shipped knowledge base's first file, the essay's domains (the domain input format).
  public static func domainsText() throws(InputError) -> String { try resource("knowledge-base") }

  static let domainsFolder = "Resources/knowledge-base"

  /// Every file of the shipped knowledge base, each named as in messages: `knowledge-base.yaml`
  /// (the essay's domains) first, then the files of `knowledge-base/` by name (the domains
  /// added for screening, one file per group of fields).
  public static func domainFiles() throws(InputError) -> [(name: String, text: String)] {
    var files = [(name: "knowledge-base.yaml", text: try domainsText())]
    let urls = Bundle.module.paths(forResourcesOfType: "yaml", inDirectory: domainsFolder)
      .map { URL(fileURLWithPath: $0) }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    for url in urls {
      let name = "knowledge-base/\(url.lastPathComponent)"
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        throw InputError(InputIssue(file: name, message: tr("the shipped resource cannot be read")))
      }
      files.append((name, text))
    }
    return files
  }

  /// The shipped rubric.
  public static func rubric() throws(InputError) -> Rubric {
    try RubricLoader.parse(rubricText(), file: "rubric.yaml (shipped)")
  }

  /// The shipped domains with their assessments of the shipped rubric's default pair
  /// (US–CN), from every file of ``domainFiles()`` in order: read once per process (the
  /// files cannot change while it runs). ``allDomains()`` has every pair's.
  public static func domains() throws(InputError) -> [Domain] { try defaultPairDomains.get() }

  /// The shipped domains with the assessments of every pair (`Assessment.pair`): the
  /// default pair's from the domain files, the others' from ``pairFiles()``. Scope them
  /// with `PairScope` before placing: a domain's newest assessment may judge another pair.
  public static func allDomains() throws(InputError) -> [Domain] { try shippedDomains.get() }

  /// The shipped domains as judged for `pair` (see `PairScope`).
  public static func scope(_ pair: CountryPair, rubric: Rubric) throws(InputError) -> PairScope {
    PairScope(pair, rubric: rubric, domains: try allDomains())
  }

  private static let shippedDomains: Result<[Domain], InputError> = {
    do throws(InputError) { return .success(try readDomains()) } catch { return .failure(error) }
  }()

  private static let defaultPairDomains: Result<[Domain], InputError> = {
    do throws(InputError) {
      let rubric = try rubric()
      return .success(PairScope(rubric.defaultPair, rubric: rubric, domains: try allDomains()).domains)
    } catch {
      return .failure(error)
    }
  }()

  /// Reads every file; ids are unique across files and links may point to a domain of any
  /// of them.
  static func readDomains() throws(InputError) -> [Domain] {
    var all: [Domain] = []
    var issues: [InputIssue] = []
    var fileOf: [String: String] = [:]
    for (name, text) in try domainFiles() {
      do throws(InputError) {
        for domain in try DomainLoader.parse(text, file: "\(name) (shipped)", knownIDs: nil) {
          if let first = fileOf[domain.id] {
            issues.append(
              InputIssue(
                file: name, key: domain.id,
                message: tr(
                  "duplicate domain id '{id}' (first in {file})", ["id": .text(domain.id), "file": .text(first)])))
          } else {
            fileOf[domain.id] = name
            all.append(domain)
          }
        }
      } catch {
        issues += error.issues
      }
    }
    for domain in all {
      for (i, link) in domain.links.enumerated() where fileOf[link.target] == nil {
        issues.append(
          InputIssue(
            file: fileOf[domain.id], key: "\(domain.id).links[\(i)].target",
            message: tr("links to '{id}', which is not a shipped domain", ["id": .text(link.target)])))
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    for (name, text) in try pairFiles() {
      let parsed = try PairAssessmentLoader.parse(text, file: "\(name) (shipped)")
      try PairAssessmentLoader.merge(parsed.entries, into: &all, file: "\(name) (shipped)")
    }
    return all
  }

  /// The shipped files of pair assessments (`pairs/<pair>/*.yaml`), by folder then name:
  /// the judgements of pairs other than the default, for domains defined in `domainFiles()`.
  public static func pairFiles() throws(InputError) -> [(name: String, text: String)] {
    guard let base = Bundle.module.url(forResource: "pairs", withExtension: nil, subdirectory: "Resources") else {
      return []
    }
    let folders = ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).sorted()
    var files: [(name: String, text: String)] = []
    for folder in folders {
      let dir = base.appendingPathComponent(folder)
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()
      for file in names {
        let name = "pairs/\(folder)/\(file)"
        guard let text = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) else {
          throw InputError(InputIssue(file: name, message: tr("the shipped resource cannot be read")))
        }
        files.append((name, text))
      }
    }
    return files
  }

  /// The rubric at `path`, or the shipped one when `path` is `nil`.
  public static func rubric(path: String?) throws(InputError) -> Rubric {
    guard let path else { return try rubric() }
    return try RubricLoader.load(path: path)
  }

  /// The text of a shipped YAML resource.
  static func resource(_ name: String) throws(InputError) -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Resources"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw InputError(
        InputIssue(file: "\(name).yaml", message: tr("the shipped resource is missing from the installation")))
    }
    return text
  }
}

extension KnowledgeBase {
  /// The shipped list of common passwords that accounts may not use (lower case).
  public static func commonPasswords() throws(InputError) -> Set<String> {
    guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw InputError(
        InputIssue(file: "common-passwords.txt", message: tr("the shipped resource is missing from the installation")))
    }
    return Set(
      text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") })
  }
}
