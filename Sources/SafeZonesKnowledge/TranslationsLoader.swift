import Foundation
import SafeZonesCore
import Yams

extension KnowledgeBase {
  /// The shipped catalogues of the interface's messages (`l10n/<tag>.yaml`, one per
  /// language), read once per process. See ``TranslationsLoader``.
  public static func translations() throws(InputError) -> Translations { try TranslationsLoader.shipped() }

  /// The localizer for `language` over the shipped catalogues, with the shipped domains'
  /// names in it (``DomainTranslationsLoader``).
  public static func localizer(_ language: Language) throws(InputError) -> Localizer {
    let names = try domainTranslations(language).compactMapValues { t in
      t.name.map { TranslatedName(english: t.englishName, translated: $0) }
    }
    return try translations().localizer(language).withDomainNames(names)
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

  /// The shipped catalogues' files, by name: `l10n/<tag>.yaml` (the messages) and any
  /// `l10n/<tag>/*.yaml` (more of the same language, usually the phrases of one part of
  /// the interface), sorted.
  public static func shippedFiles() throws(InputError) -> [(name: String, text: String)] {
    guard let base = Bundle.module.url(forResource: folder, withExtension: nil, subdirectory: "Resources") else {
      throw InputError(
        InputIssue(file: "\(folder)/", message: "the shipped translations are missing from the installation"))
    }
    var names: [String] = []
    for entry in ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).sorted() {
      var isFolder: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: base.appendingPathComponent(entry).path, isDirectory: &isFolder)
      if isFolder.boolValue {
        let inner =
          (try? FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent(entry).path)) ?? []
        names += inner.filter { $0.hasSuffix(".yaml") }.sorted().map { "\(entry)/\($0)" }
      } else if entry.hasSuffix(".yaml") {
        names.append(entry)
      }
    }
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
    /// The file each key (`phrase:` and the English text for a phrase) came from.
    var sources: [Language: [String: String]] = [:]
  }

  /// Reads several catalogue files (`name` as messages show it); every file's problems are
  /// reported together. A language may be split over several files; a key or phrase given
  /// twice is refused, naming both files.
  public static func load(_ files: [(name: String, text: String)], suffix: String = "") throws(InputError) -> Loaded {
    var loaded = Loaded(translations: Translations([]), files: [:], marks: [:])
    var issues: [InputIssue] = []
    var catalogues: [Catalogue] = []
    var seen: [Language: [String: String]] = [:]
    var translatedPhrases: [Language: [String: String]] = [:]
    for (name, text) in files {
      do throws(InputError) {
        let (catalogue, marks) = try parse(text, file: name + suffix, expected: expectedLanguage(name))
        let language = catalogue.language
        for key in (catalogue.messages.keys.map { $0 } + catalogue.phrases.keys.map { "phrase:" + $0 }).sorted() {
          // Parts of the interface share short phrases ("Save", "Domain"): a phrase may be
          // given in several files, but only ever with one translation.
          let samePhrase =
            key.hasPrefix("phrase:") && translatedPhrases[language]?[key] == catalogue.phrases[String(key.dropFirst(7))]
          if let first = seen[language]?[key], !samePhrase {
            var issue = InputIssue(
              file: name + suffix, key: key.hasPrefix("phrase:") ? String(key.dropFirst(7)) : key,
              message: key.hasPrefix("phrase:")
                ? "is translated differently for \(language.tag) in \(first); give one translation"
                : "is given twice for \(language.tag) (also in \(first)); keep one")
            issue.line = marks[key]?.line
            issues.append(issue)
          }
          if seen[language]?[key] == nil { seen[language, default: [:]][key] = name + suffix }
          if key.hasPrefix("phrase:") {
            translatedPhrases[language, default: [:]][key] = catalogue.phrases[String(key.dropFirst(7))]
          }
        }
        // The messages' file (`<tag>.yaml`) names the language; other files add to it.
        if loaded.files[language] == nil || !name.contains("/\(language.tag)/") {
          loaded.files[language] = name + suffix
        }
        loaded.marks[language, default: [:]].merge(marks) { old, _ in old }
        catalogues.append(catalogue)
      } catch {
        issues += error.issues
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    loaded.sources = seen
    loaded.translations = Translations(catalogues)
    return loaded
  }

  /// The differences between the languages of `loaded`, located in their files
  /// (``Translations/issues()``): a missing key is reported at the line of the English
  /// message it lacks.
  public static func issues(_ loaded: Loaded) -> [InputIssue] {
    loaded.translations.issues().map { issue in
      let language = issue.language
      let source = issue.key.flatMap { loaded.sources[language]?[$0] ?? loaded.sources[language]?["phrase:" + $0] }
      var located = InputIssue(
        file: source ?? loaded.files[language] ?? "\(folder)/\(language.tag).yaml", key: issue.key,
        message: issue.message)
      if let key = issue.key {
        if let mark = loaded.marks[language]?[key] ?? loaded.marks[language]?["phrase:" + key] {
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

  /// The language a file's name announces: `zh-Hans.yaml` and `zh-Hans/pages.yaml` →
  /// `zh-Hans`.
  static func expectedLanguage(_ name: String) -> String? {
    let parts = name.split(separator: "/").map(String.init)
    guard let file = parts.last, file.hasSuffix(".yaml") else { return nil }
    if let l10n = parts.lastIndex(of: folder), l10n + 2 < parts.count { return parts[l10n + 1] }
    return String(file.dropLast(5))
  }

  /// Reads one catalogue, with the line of each key. `expected` is the tag the file's name
  /// announces; `language:` must match it.
  public static func parse(
    _ text: String, file: String, expected: String? = nil
  ) throws(InputError) -> (Catalogue, [String: Mark]) {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: ["language", "messages", "phrases", "contexts"]) else {
      throw InputError(reader.issues)
    }
    reader.require(["language"], in: fields, at: root, "")
    if !fields.contains(where: { $0.0 == "messages" || $0.0 == "phrases" || $0.0 == "contexts" }) {
      reader.report(root, "", "has no messages:, phrases: or contexts:; give it one")
    }
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
        let place = file.contains("/\(expected)/") ? "is in the folder \(expected)/" : "is named \(expected).yaml"
        reader.report(node, field, "says '\(tag)' but the file \(place); the two must agree")
      }
      language = known
    }
    for (field, node) in fields where field == "messages" {
      readMessages(node, prefix: "", reader: &reader, into: &messages, marks: &marks)
    }
    var phrases: [String: String] = [:]
    // `phrases:` maps English to a translation; `contexts:` maps a context to such a
    // mapping, for an English text translated differently in different places.
    func readPhrases(_ node: Node, _ at: String, context: String?) {
      guard let pairs = reader.mapping(node, at) else { return }
      for (english, child) in pairs {
        let key = Catalogue.phraseKey(english, context: context)
        if let text = reader.text(child, "\(at).\(english)") { phrases[key] = text }
        if let mark = child.mark { marks["phrase:" + key] = mark }
      }
    }
    for (field, node) in fields where field == "phrases" { readPhrases(node, field, context: nil) }
    for (field, node) in fields where field == "contexts" {
      guard let contexts = reader.mapping(node, field) else { continue }
      for (context, inner) in contexts {
        guard Catalogue.isValidSegment(context) else {
          reader.report(
            inner, "contexts.\(context)", "'\(context)' cannot be a context (use letters, digits, '_' and '-')")
          continue
        }
        readPhrases(inner, "contexts.\(context)", context: context)
      }
    }
    var issues = reader.issuesInFileOrder()
    guard let language else { throw InputError(issues) }
    let catalogue = Catalogue(language: language, messages: messages, phrases: phrases)
    // The catalogue's own checks (placeholders, plural forms), at the line of each key.
    for issue in catalogue.issues() {
      let mark = issue.key.flatMap { marks[$0] ?? marks["phrase:" + $0] }
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
