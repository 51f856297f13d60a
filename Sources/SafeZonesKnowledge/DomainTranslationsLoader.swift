import Foundation
import SafeZonesCore
import Yams

/// A shipped domain's name and summary in another language, with the English they
/// translate, so that a translation is only shown for the text it was made from (a store
/// may have renamed the domain since).
public struct DomainTranslation: Sendable, Hashable {
  public var englishName: String
  public var englishSummary: String?
  public var name: String?
  public var summary: String?

  /// The translated name, when the domain still has the English name it was made from.
  public func name(for domain: Domain) -> String? { domain.name == englishName ? name : nil }
  /// The translated summary, when the domain still has the English summary it was made from.
  public func summary(for domain: Domain) -> String? { domain.summary == englishSummary ? summary : nil }
}

extension KnowledgeBase {
  /// The shipped translations of the domains' names and summaries into `language`, by
  /// domain id (empty for English). See ``DomainTranslationsLoader``.
  public static func domainTranslations(_ language: Language) throws(InputError) -> [String: DomainTranslation] {
    try DomainTranslationsLoader.shipped().get()[language] ?? [:]
  }
}

/// Reads the knowledge base's translations: `knowledge-base-l10n/<tag>/*.yaml`, each
///
/// ```yaml
/// language: zh-Hans
/// domains:
///   fundamental-quantum-physics:
///     name: "基础量子物理"
///     summary: "……"
/// ```
///
/// A domain id the knowledge base does not have, a language that is not the folder's, or a
/// domain given twice is refused with file, line and key. A domain or field left out shows
/// in English, marked by the page.
public enum DomainTranslationsLoader {
  static let folder = "knowledge-base-l10n"

  static func shipped() -> Result<[Language: [String: DomainTranslation]], InputError> { shippedResult }

  private static let shippedResult: Result<[Language: [String: DomainTranslation]], InputError> = {
    do throws(InputError) {
      return .success(try load(files: try shippedFiles(), domains: try KnowledgeBase.allDomains()))
    } catch {
      return .failure(error)
    }
  }()

  /// The shipped files, by name (`knowledge-base-l10n/zh-Hans/essay.yaml`), sorted.
  public static func shippedFiles() throws(InputError) -> [(name: String, text: String)] {
    guard let base = Bundle.module.url(forResource: folder, withExtension: nil, subdirectory: "Resources") else {
      return []
    }
    var files: [(name: String, text: String)] = []
    for tag in ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).sorted() {
      let inner = base.appendingPathComponent(tag)
      for file in ((try? FileManager.default.contentsOfDirectory(atPath: inner.path)) ?? []).sorted()
      where file.hasSuffix(".yaml") {
        let name = "\(folder)/\(tag)/\(file)"
        guard let text = try? String(contentsOf: inner.appendingPathComponent(file), encoding: .utf8) else {
          throw InputError(InputIssue(file: name, message: "the shipped resource cannot be read"))
        }
        files.append((name, text))
      }
    }
    return files
  }

  /// Reads translation files against the knowledge base's `domains`.
  public static func load(
    files: [(name: String, text: String)], domains: [Domain]
  ) throws(InputError) -> [Language: [String: DomainTranslation]] {
    var english: [String: Domain] = [:]
    for d in domains where english[d.id] == nil { english[d.id] = d }
    var out: [Language: [String: DomainTranslation]] = [:]
    var seen: [Language: [String: String]] = [:]
    var issues: [InputIssue] = []
    for (name, text) in files {
      let root: Node
      do throws(InputError) { root = try NodeReader.parse(text, file: name) } catch {
        issues += error.issues
        continue
      }
      var reader = NodeReader(file: name)
      guard let fields = reader.mapping(root, "", allowed: ["language", "domains"]) else {
        issues += reader.issues
        continue
      }
      reader.require(["language", "domains"], in: fields, at: root, "")
      var language: Language?
      let expected = name.split(separator: "/").dropLast().last.map(String.init)
      for (field, node) in fields where field == "language" {
        guard let tag = reader.text(node, field) else { continue }
        guard let known = Language(rawValue: tag), known != .english else {
          reader.report(
            node, field,
            "unknown language '\(tag)'; known languages to translate into: \(Language.allCases.filter { $0 != .english }.map(\.tag).joined(separator: ", "))"
          )
          continue
        }
        if let expected, expected != tag {
          reader.report(node, field, "says '\(tag)' but the folder is \(expected)/; the two must agree")
        }
        language = known
      }
      for (field, node) in fields where field == "domains" {
        guard let language, let entries = reader.mapping(node, field) else { continue }
        for (id, entry) in entries {
          let key = "domains.\(id)"
          guard let domain = english[id] else {
            reader.report(entry, key, "is not a domain of the knowledge base (a misspelt or removed id?)")
            continue
          }
          if let first = seen[language]?[id] {
            reader.report(entry, key, "is translated twice for \(language.tag) (also in \(first)); keep one")
            continue
          }
          seen[language, default: [:]][id] = name
          guard let values = reader.mapping(entry, key, allowed: ["name", "summary"]) else { continue }
          var translation = DomainTranslation(englishName: domain.name, englishSummary: domain.summary)
          for (f, v) in values {
            guard let text = reader.text(v, "\(key).\(f)") else { continue }
            if f == "name" { translation.name = text } else { translation.summary = text }
          }
          out[language, default: [:]][id] = translation
        }
      }
      issues += reader.issuesInFileOrder()
    }
    if !issues.isEmpty { throw InputError(issues) }
    return out
  }
}
