import Foundation
import SafeZonesCore
import Yams

extension KnowledgeBase {
  /// The shipped catalogues of the interface's messages (`l10n/<tag>.yaml`, one per
  /// language), read once per process. See ``TranslationsLoader``.
  public static func translations() throws(InputError) -> Translations { try TranslationsLoader.shipped() }

  /// The localizer for `language` over the shipped catalogues.
  public static func localizer(_ language: Language) throws(InputError) -> Localizer {
    try translations().localizer(language)
  }
}

/// Reads the catalogues of messages: one YAML file per language, named by its tag.
///
/// ```yaml
/// language: zh-Hans          # must match the file name and a case of `Language`
/// messages:
///   quadrant:
///     safe-zone:
///       name: "安全区"        # key quadrant.safe-zone.name
///   count:
///     domains:               # a plural message: its forms by CLDR category
///       one: "{count} domain"
///       other: "{count} domains"
/// ```
///
/// A file's own mistakes (YAML syntax, a value that is not text, a malformed key or
/// placeholder, a plural form its language never uses or lacks) are refused with file, line
/// and key. Differences between the languages (a key missing or extra, placeholders that
/// differ) do not stop loading — the English text shows, marked — and are listed by
/// ``issues(_:)``, which the translation tests require to be empty.
public enum TranslationsLoader {
  /// The folder of the shipped catalogues, under the module's resources.
  static let folder = "l10n"

  /// The shipped catalogues' files, by name (`l10n/en.yaml`, `l10n/zh-Hans.yaml`).
  public static func shippedFiles() throws(InputError) -> [(name: String, text: String)] {
    guard let base = Bundle.module.url(forResource: folder, withExtension: nil, subdirectory: "Resources") else {
      throw InputError(
        InputIssue(file: "\(folder)/", message: "the shipped translations are missing from the installation"))
    }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    var files: [(name: String, text: String)] = []
    for file in names {
      let name = "\(folder)/\(file)"
      guard let text = try? String(contentsOf: base.appendingPathComponent(file), encoding: .utf8) else {
        throw InputError(InputIssue(file: name, message: "the shipped resource cannot be read"))
      }
      files.append((name, text))
    }
    return files
  }

  /// The shipped catalogues, read and checked once per process.
  public static func shipped() throws(InputError) -> Translations { try shippedResult.get().translations }

  /// The problems between the shipped catalogues (see ``issues(_:)``).
  public static func shippedIssues() throws(InputError) -> [InputIssue] { issues(try shippedResult.get()) }

  private static let shippedResult: Result<Loaded, InputError> = {
    do throws(InputError) {
      return .success(try load(try shippedFiles().map { ($0.name, $0.text) }, suffix: " (shipped)"))
    } catch {
      return .failure(error)
    }
  }()

  /// Catalogues as read, with where each key was found.
  public struct Loaded: Sendable {
    public var translations: Translations
    /// The file each language came from.
    var files: [Language: String]
    /// The line and column of each key, per language.
    var marks: [Language: [String: Mark]]
  }

  /// Reads several catalogue files (`name` as messages show it); every file's problems are
  /// reported together. Two files for one language are refused.
  public static func load(_ files: [(name: String, text: String)], suffix: String = "") throws(InputError) -> Loaded {
    var loaded = Loaded(translations: Translations([]), files: [:], marks: [:])
    var issues: [InputIssue] = []
    var catalogues: [Catalogue] = []
    for (name, text) in files {
      do throws(InputError) {
        let (catalogue, marks) = try parse(text, file: name + suffix, expected: expectedLanguage(name))
        if let first = loaded.files[catalogue.language] {
          issues.append(
            InputIssue(
              file: name + suffix, key: "language",
              message: "a second catalogue for \(catalogue.language.tag) (the first is \(first))"))
          continue
        }
        loaded.files[catalogue.language] = name + suffix
        loaded.marks[catalogue.language] = marks
        catalogues.append(catalogue)
      } catch {
        issues += error.issues
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    loaded.translations = Translations(catalogues)
    return loaded
  }

  /// The differences between the languages of `loaded`, located in their files
  /// (``Translations/issues()``): a missing key is reported at the line of the English
  /// message it lacks.
  public static func issues(_ loaded: Loaded) -> [InputIssue] {
    loaded.translations.issues().map { issue in
      let language = issue.language
      var located = InputIssue(
        file: loaded.files[language] ?? "\(folder)/\(language.tag).yaml", key: issue.key, message: issue.message)
      if let key = issue.key {
        if let mark = loaded.marks[language]?[key] {
          located.line = mark.line
          located.column = mark.column
        } else if let mark = loaded.marks[.english]?[key] {
          // A missing key has no line of its own: point to the English message it lacks.
          located.message += " — see \(loaded.files[.english] ?? "l10n/en.yaml") line \(mark.line)"
        }
      }
      return located
    }
  }

  /// The language a file's name announces (`zh-Hans.yaml` → `zh-Hans`), if any.
  static func expectedLanguage(_ name: String) -> String? {
    let file = name.split(separator: "/").last.map(String.init) ?? name
    return file.hasSuffix(".yaml") ? String(file.dropLast(5)) : nil
  }

  /// Reads one catalogue, with the line of each key. `expected` is the tag the file's name
  /// announces; `language:` must match it.
  public static func parse(
    _ text: String, file: String, expected: String? = nil
  ) throws(InputError) -> (Catalogue, [String: Mark]) {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: ["language", "messages"]) else {
      throw InputError(reader.issues)
    }
    reader.require(["language", "messages"], in: fields, at: root, "")
    var language: Language?
    var messages: [String: Message] = [:]
    var marks: [String: Mark] = [:]
    for (field, node) in fields where field == "language" {
      guard let tag = reader.text(node, field) else { continue }
      guard let known = Language(rawValue: tag) else {
        reader.report(
          node, field,
          "unknown language '\(tag)'; known languages: \(Language.knownTags.joined(separator: ", ")) (a new language also needs a case in Language)"
        )
        continue
      }
      if let expected, expected != tag {
        reader.report(node, field, "says '\(tag)' but the file is named \(expected).yaml; the two must agree")
      }
      language = known
    }
    for (field, node) in fields where field == "messages" {
      readMessages(node, prefix: "", reader: &reader, into: &messages, marks: &marks)
    }
    var issues = reader.issuesInFileOrder()
    guard let language else { throw InputError(issues) }
    let catalogue = Catalogue(language: language, messages: messages)
    // The catalogue's own checks (placeholders, plural forms), at the line of each key.
    for issue in catalogue.issues() {
      let mark = issue.key.flatMap { marks[$0] }
      issues.append(
        InputIssue(file: file, line: mark?.line, column: mark?.column, key: issue.key, message: issue.message))
    }
    if issues.isEmpty { return (catalogue, marks) }
    // From the top of the file down, as the reader's own issues are.
    func rank(_ item: (offset: Int, element: InputIssue)) -> (Int, Int, Int) {
      (item.element.line ?? .max, item.element.column ?? 0, item.offset)
    }
    throw InputError(issues.enumerated().sorted { rank($0) < rank($1) }.map(\.element))
  }

  /// Walks the `messages:` mapping: a text is a message; a mapping of plural categories
  /// (`one:`, `other:`) is a plural message; any other mapping is a level of the key.
  private static func readMessages(
    _ node: Node, prefix: String, reader: inout NodeReader, into messages: inout [String: Message],
    marks: inout [String: Mark]
  ) {
    let at = prefix.isEmpty ? "messages" : prefix
    guard let pairs = reader.mapping(node, at) else { return }
    if pairs.isEmpty {
      reader.report(node, at, "is empty; give it messages or remove it")
      return
    }
    // A message is located at its key's line (a plural message's value starts a line later).
    var keyMarks: [String: Mark] = [:]
    if case .mapping(let mapping) = node {
      for key in mapping.keys { if let name = key.scalar?.string, let mark = key.mark { keyMarks[name] = mark } }
    }
    for (segment, child) in pairs {
      let key = prefix.isEmpty ? segment : "\(prefix).\(segment)"
      guard Catalogue.isValidSegment(segment) else {
        reader.report(child, key, "'\(segment)' cannot be part of a key (use letters, digits, '_' and '-')")
        continue
      }
      if PluralCategory(rawValue: segment) != nil {
        reader.report(
          child, key,
          "'\(segment)' is a plural form; put the forms of one message together (one:, other:) under its key, with nothing else beside them"
        )
        continue
      }
      if let mark = keyMarks[segment] ?? child.mark { marks[key] = mark }
      switch child {
      case .scalar:
        if let text = reader.text(child, key) { messages[key] = .text(text) }
      case .mapping(let mapping):
        let names = mapping.keys.compactMap { $0.scalar?.string }
        if !names.isEmpty, names.allSatisfy({ PluralCategory(rawValue: $0) != nil }) {
          var forms: [PluralCategory: String] = [:]
          for (formKey, formNode) in mapping {
            guard let name = formKey.scalar?.string, let category = PluralCategory(rawValue: name) else { continue }
            if let text = reader.text(formNode, "\(key).\(name)") { forms[category] = text }
          }
          messages[key] = .plural(forms)
        } else {
          readMessages(child, prefix: key, reader: &reader, into: &messages, marks: &marks)
        }
      default:
        reader.report(child, key, "expected a message (text) or a mapping of messages, got \(NodeReader.kind(child))")
      }
    }
  }
}
