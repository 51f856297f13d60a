import Foundation
import SafeZonesCore
import Yams

/// Reads a YAML (or JSON) document into values while collecting every problem with its
/// file, line and key, so that a user sees all mistakes of a file at once.
struct NodeReader {
  let file: String
  private(set) var issues: [InputIssue] = []
  /// Where each key path was found, so format-independent validators in the core can be
  /// reported with a line number too.
  private(set) var marks: [String: Mark] = [:]
  /// `false` for a reader that only needs to know whether there are issues (the fast path
  /// of ``DomainLoader``), which spares building and storing a key path for every node.
  let recordsMarks: Bool

  init(file: String, recordsMarks: Bool = true) {
    self.file = file
    self.recordsMarks = recordsMarks
  }

  /// The issues sorted by line and column (issues without a line last), so a user can fix
  /// the file from top to bottom; issues on the same spot keep the order they were found.
  /// Issues at `summaryKeys` (about a whole list, such as the rubric's missing criteria)
  /// come after the rest, since they often follow from a mistake further down.
  func issuesInFileOrder(summaryKeys: Set<String> = []) -> [InputIssue] {
    issues.enumerated().sorted { a, b in
      func rank(_ item: (offset: Int, element: InputIssue)) -> (Int, Int, Int, Int) {
        let summary = item.element.key.map { summaryKeys.contains($0) } ?? false
        return (summary ? 1 : 0, item.element.line ?? .max, item.element.column ?? 0, item.offset)
      }
      return rank(a) < rank(b)
    }.map(\.element)
  }

  mutating func report<N: InputNode>(_ node: N?, _ key: String, _ message: String) {
    let mark = node?.mark ?? marks[key]
    issues.append(InputIssue(file: file, line: mark?.line, column: mark?.column, key: key, message: message))
  }

  /// Adds core-validator issues, attaching the line of the longest recorded key prefix.
  mutating func adopt(_ found: [InputIssue]) {
    for var issue in found {
      issue.file = file
      if let key = issue.key {
        var probe = key
        while !probe.isEmpty {
          if let mark = marks[probe] {
            issue.line = mark.line
            issue.column = mark.column
            break
          }
          guard let cut = probe.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
          probe = String(probe[..<cut])
        }
      }
      issues.append(issue)
    }
  }

  mutating func remember(_ node: some InputNode, _ key: String) {
    if recordsMarks, let mark = node.mark { marks[key] = mark }
  }

  /// Parses text into a node tree, turning a syntax error into one located issue.
  static func parse(_ text: String, file: String) throws(InputError) -> Node {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw InputError(
          InputIssue(file: file, line: 1, message: tr("the file is empty (it has only comments or blank lines)")))
      }
      return node
    } catch let error as InputError {
      throw error
    } catch let error as YamlError {
      throw InputError(describe(error, file: file))
    } catch {
      throw InputError(
        InputIssue(
          file: file, message: tr("could not be read as YAML or JSON: {detail}", ["detail": .text("\(error)")])))
    }
  }

  static func describe(_ error: YamlError, file: String) -> InputIssue {
    func clean(_ text: String) -> String {
      text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // libyaml names its own API here ("set with yaml_set_max_nest_level()").
      let text = problem.contains("Maximum nesting level") ? tr("lists and mappings are nested too deeply") : problem
      // Where an unclosed quote or bracket began is more useful than where the file ended.
      let message: String
      if let context {
        let arguments: [String: LocalizationArgument] = [
          "context": .text(clean(context.text)), "line": .text(String(context.mark.line)), "detail": .text(text),
        ]
        message =
          context.mark.line != mark.line
          ? tr("not valid YAML or JSON: {context} that started on line {line}: {detail}", arguments)
          : tr("not valid YAML or JSON: {context}: {detail}", arguments)
      } else {
        message = tr("not valid YAML or JSON: {detail}", ["detail": .text(text)])
      }
      return InputIssue(file: file, line: mark.line, column: mark.column, message: message)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return InputIssue(
        file: file, line: context.mark.line, column: context.mark.column,
        message: tr(
          "duplicate key {keys} in one mapping",
          ["keys": .text(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))]))
    case .reader(let problem, _, _, _):
      return InputIssue(file: file, message: tr("could not be read: {detail}", ["detail": .text(problem)]))
    default:
      return InputIssue(
        file: file, message: tr("could not be read: {detail}", ["detail": .text(clean(error.description))]))
    }
  }

  // MARK: - Typed access

  /// Whether a plain scalar's text is YAML's null.
  static func isNull(_ text: String) -> Bool { text.isEmpty || ["~", "null", "Null", "NULL"].contains(text) }

  /// Whether `text` is empty once trimmed of `blanks` (the same answer as
  /// `trimmingCharacters(in:).isEmpty`, without making the trimmed copy).
  static func isBlank(_ text: String, _ blanks: CharacterSet = whitespacesAndNewlines) -> Bool {
    text.unicodeScalars.allSatisfy { blanks.contains($0) }
  }

  static let whitespacesAndNewlines = CharacterSet.whitespacesAndNewlines
  static let whitespaces = CharacterSet.whitespaces

  /// What a node holds, as messages name it ("expected a list, got …").
  enum Kind {
    case null, number, boolean, string, mapping, list, alias
  }

  static func kindOf(_ node: some InputNode) -> Kind {
    switch node.content {
    case .scalar(let text, let plain):
      if plain {
        if isNull(text) { return .null }
        if Double(text) != nil { return .number }
        if booleans.contains(text) { return .boolean }
      }
      return .string
    case .mapping: return .mapping
    case .sequence: return .list
    case .alias: return .alias
    }
  }

  /// What a node holds, in words for a message: "a number", "a list", … (in the language in view).
  static func kind(_ node: some InputNode) -> String {
    switch kindOf(node) {
    case .null: tr("nothing (null)")
    case .number: tr("a number")
    case .boolean: tr("a boolean")
    case .string: tr("a string")
    case .mapping: tr("a mapping")
    case .list: tr("a list")
    case .alias: tr("an alias")
    }
  }

  mutating func mapping<N: InputNode>(_ node: N, _ key: String, allowed: Set<String>? = nil) -> [(String, N)]? {
    remember(node, key)
    guard case .mapping(let mapping) = node.content else {
      report(node, key, tr("expected a mapping of fields, got {kind}", ["kind": .text(Self.kind(node))]))
      return nil
    }
    var pairs: [(String, N)] = []
    pairs.reserveCapacity(mapping.count)
    for (k, v) in mapping {
      guard case .scalar(let field, _) = k.content else {
        report(k, key, tr("field names must be plain text"))
        continue
      }
      // The child's key path is built only when it is needed: for a message or a mark.
      func childKey() -> String { key.isEmpty ? field : "\(key).\(field)" }
      if let allowed, !allowed.contains(field) {
        report(
          k, childKey(),
          tr(
            "unknown field '{field}' (expected one of: {fields})",
            ["field": .text(field), "fields": .text(allowed.sorted().joined(separator: ", "))]))
        continue
      }
      if recordsMarks { remember(v, childKey()) }
      pairs.append((field, v))
    }
    return pairs
  }

  mutating func sequence<N: InputNode>(_ node: N, _ key: String) -> [N]? {
    remember(node, key)
    guard case .sequence(let items) = node.content else {
      report(node, key, tr("expected a list, got {kind}", ["kind": .text(Self.kind(node))]))
      return nil
    }
    if recordsMarks {
      for (i, child) in items.enumerated() { remember(child, "\(key)[\(i)]") }
    }
    return items
  }

  /// Text, as written: not a number or a boolean left unquoted (`name: 12345` is refused,
  /// `name: "12345"` is text), no control characters other than tab and line breaks, and
  /// no longer than the field's limit (`TextLimits`).
  mutating func string(_ node: some InputNode, _ key: String) -> String? {
    guard case .scalar(let text, let plain) = node.content, !(plain && Self.isNull(text)) else {
      report(node, key, tr("expected text, got {kind}", ["kind": .text(Self.kind(node))]))
      return nil
    }
    if plain, Double(text) != nil || Self.booleans.contains(text) {
      let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
      report(
        node, key,
        tr(
          "expected text, got {kind} '{text}' (put it in quotes if it is text)",
          ["kind": .text(Self.kind(node)), "text": .text(shown)]))
      return nil
    }
    if let control = text.unicodeScalars.first(where: Self.isForbiddenControl) {
      let hex = String(control.value, radix: 16, uppercase: true)
      let code = String(repeating: "0", count: 4 - hex.count) + hex
      report(node, key, tr("contains a control character (U+{code}); remove it", ["code": .text(code)]))
      return nil
    }
    let limit = TextLimits.maximum(forKey: key)
    if text.unicodeScalars.count > limit {
      report(
        node, key,
        tr(
          "is {length} characters long; at most {limit} are allowed here",
          ["length": .text(String(text.unicodeScalars.count)), "limit": .text(String(limit))]))
      return nil
    }
    return text
  }

  /// Plain scalars read as booleans: refused where text or a number is expected.
  static let booleans: Set<String> = ["true", "false", "True", "False", "yes", "no"]

  static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool { TextLimits.isForbiddenControl(scalar) }

  /// A non-empty string.
  mutating func text(_ node: some InputNode, _ key: String) -> String? {
    guard let s = string(node, key) else { return nil }
    if Self.isBlank(s) {
      report(node, key, tr("must not be empty"))
      return nil
    }
    return s
  }

  mutating func number(_ node: some InputNode, _ key: String) -> Double? {
    guard case .scalar(let text, let plain) = node.content, plain, let value = Double(text) else {
      let kind = Self.kindOf(node)
      var arguments: [String: LocalizationArgument] = ["kind": .text(Self.kind(node))]
      if case .scalar(let text, let plain) = node.content, kind == .string || kind == .boolean {
        arguments["text"] = .text(text.count > 40 ? String(text.prefix(40)) + "…" : text)
        report(
          node, key,
          !plain && Double(text) != nil
            ? tr("expected a number, got {kind} '{text}' (remove the quotes)", arguments)
            : tr("expected a number, got {kind} '{text}'", arguments))
      } else {
        report(node, key, tr("expected a number, got {kind}", arguments))
      }
      return nil
    }
    guard value.isFinite else {
      report(node, key, tr("expected a finite number, got {value}", ["value": .text(text)]))
      return nil
    }
    return value
  }

  mutating func strings(_ node: some InputNode, _ key: String) -> [String]? {
    if case .scalar = node.content, let single = string(node, key) { return [single] }
    guard let items = sequence(node, key) else { return nil }
    var result: [String] = []
    for (i, item) in items.enumerated() {
      if let s = string(item, "\(key)[\(i)]") { result.append(s) }
    }
    return result
  }

  mutating func day(_ node: some InputNode, _ key: String) -> Day? {
    guard let text = string(node, key) else { return nil }
    guard let day = Day(text) else {
      let shaped =
        text.split(separator: "-", omittingEmptySubsequences: false).map(\.count) == [4, 2, 2]
        && text.allSatisfy { $0 == "-" || $0.isASCII && $0.isNumber }
      report(
        node, key,
        shaped
          ? tr("'{text}' is not a real calendar date", ["text": .text(text)])
          : tr("expected a date YYYY-MM-DD, got '{text}'", ["text": .text(text)]))
      return nil
    }
    return day
  }

  /// Reports fields that a mapping must have but lacks.
  mutating func require<N: InputNode>(_ fields: [String], in pairs: [(String, N)], at node: N, _ key: String) {
    for field in fields where !pairs.contains(where: { $0.0 == field }) {
      report(
        node, key.isEmpty ? field : "\(key).\(field)", tr("missing required field '{field}'", ["field": .text(field)]))
    }
  }
}

/// Reads a file's text with the size checks every input needs.
enum InputFile {
  /// Input files larger than this are refused before parsing, so a runaway file cannot
  /// exhaust memory (a domain file with a mistake, and every other input, is read as one
  /// node tree with marks, about 25 times the file's size).
  static let defaultMaxBytes = 32 * 1024 * 1024

  static func read(_ path: String, maxBytes: Int = defaultMaxBytes) throws(InputError) -> String {
    guard !path.isEmpty else { throw InputError(InputIssue(message: tr("the file name is empty"))) }
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError(InputIssue(file: path, message: tr("no such file")))
    }
    if isDirectory.boolValue { throw InputError(InputIssue(file: path, message: tr("is a directory, not a file"))) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > maxBytes {
      throw InputError(
        InputIssue(
          file: path,
          message: tr(
            "the file is {size} MiB, above the limit of {limit} MiB; split it into smaller files",
            [
              "size": .text(String(format: "%.1f", Double(size) / 1_048_576)),
              "limit": .text(Format.number(Double(maxBytes) / 1_048_576, digits: 1)),
            ])))
    }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw InputError(
        InputIssue(file: path, message: tr("cannot be read: {detail}", ["detail": .text(error.localizedDescription)])))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError(
        InputIssue(
          file: path, line: firstInvalidUTF8Line(data),
          message: tr("is not UTF-8 text; save it with the UTF-8 encoding")))
    }
    if NodeReader.isBlank(text) {
      throw InputError(InputIssue(file: path, line: 1, message: tr("the file is empty")))
    }
    return text
  }

  /// The line holding the first byte that is not valid UTF-8.
  static func firstInvalidUTF8Line(_ data: Data) -> Int? {
    var line = 1
    var bytes = data.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&bytes) {
      case .scalarValue(let scalar): if scalar == "\n" { line += 1 }
      case .emptyInput: return nil
      case .error: return line
      }
    }
  }
}
