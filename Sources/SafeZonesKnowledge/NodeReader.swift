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
          InputIssue(file: file, line: 1, message: "the file is empty (it has only comments or blank lines)"))
      }
      return node
    } catch let error as InputError {
      throw error
    } catch let error as YamlError {
      throw InputError(describe(error, file: file))
    } catch {
      throw InputError(InputIssue(file: file, message: "could not be read as YAML or JSON: \(error)"))
    }
  }

  static func describe(_ error: YamlError, file: String) -> InputIssue {
    func clean(_ text: String) -> String {
      text.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // Where an unclosed quote or bracket began is more useful than where the file ended.
      let prefix =
        context.map {
          clean($0.text) + ($0.mark.line != mark.line ? " that started on line \($0.mark.line)" : "") + ": "
        } ?? ""
      // libyaml names its own API here ("set with yaml_set_max_nest_level()").
      let text = problem.contains("Maximum nesting level") ? "lists and mappings are nested too deeply" : problem
      return InputIssue(
        file: file, line: mark.line, column: mark.column, message: "not valid YAML or JSON: \(prefix)\(text)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      return InputIssue(
        file: file, line: context.mark.line, column: context.mark.column,
        message: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) in one mapping")
    case .reader(let problem, _, _, _):
      return InputIssue(file: file, message: "could not be read: \(problem)")
    default:
      return InputIssue(file: file, message: "could not be read: \(clean(error.description))")
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

  static func kind(_ node: some InputNode) -> String {
    switch node.content {
    case .scalar(let text, let plain):
      if plain {
        if isNull(text) { return "nothing (null)" }
        if Double(text) != nil { return "a number" }
        if booleans.contains(text) { return "a boolean" }
      }
      return "a string"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  mutating func mapping<N: InputNode>(_ node: N, _ key: String, allowed: Set<String>? = nil) -> [(String, N)]? {
    remember(node, key)
    guard case .mapping(let mapping) = node.content else {
      report(node, key, "expected a mapping of fields, got \(Self.kind(node))")
      return nil
    }
    var pairs: [(String, N)] = []
    pairs.reserveCapacity(mapping.count)
    for (k, v) in mapping {
      guard case .scalar(let field, _) = k.content else {
        report(k, key, "field names must be plain text")
        continue
      }
      // The child's key path is built only when it is needed: for a message or a mark.
      func childKey() -> String { key.isEmpty ? field : "\(key).\(field)" }
      if let allowed, !allowed.contains(field) {
        report(
          k, childKey(), "unknown field '\(field)' (expected one of: \(allowed.sorted().joined(separator: ", ")))")
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
      report(node, key, "expected a list, got \(Self.kind(node))")
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
      report(node, key, "expected text, got \(Self.kind(node))")
      return nil
    }
    if plain, Double(text) != nil || Self.booleans.contains(text) {
      let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
      report(node, key, "expected text, got \(Self.kind(node)) '\(shown)' (put it in quotes if it is text)")
      return nil
    }
    if let control = text.unicodeScalars.first(where: Self.isForbiddenControl) {
      let hex = String(control.value, radix: 16, uppercase: true)
      let code = String(repeating: "0", count: 4 - hex.count) + hex
      report(node, key, "contains a control character (U+\(code)); remove it")
      return nil
    }
    let limit = TextLimits.maximum(forKey: key)
    if text.unicodeScalars.count > limit {
      report(node, key, "is \(text.unicodeScalars.count) characters long; at most \(limit) are allowed here")
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
      report(node, key, "must not be empty")
      return nil
    }
    return s
  }

  mutating func number(_ node: some InputNode, _ key: String) -> Double? {
    guard case .scalar(let text, let plain) = node.content, plain, let value = Double(text) else {
      var got = Self.kind(node)
      if case .scalar(let text, let plain) = node.content, got == "a string" || got == "a boolean" {
        got += " '\(text.count > 40 ? String(text.prefix(40)) + "…" : text)'"
        if !plain && Double(text) != nil { got += " (remove the quotes)" }
      }
      report(node, key, "expected a number, got \(got)")
      return nil
    }
    guard value.isFinite else {
      report(node, key, "expected a finite number, got \(text)")
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
      report(node, key, shaped ? "'\(text)' is not a real calendar date" : "expected a date YYYY-MM-DD, got '\(text)'")
      return nil
    }
    return day
  }

  /// Reports fields that a mapping must have but lacks.
  mutating func require<N: InputNode>(_ fields: [String], in pairs: [(String, N)], at node: N, _ key: String) {
    for field in fields where !pairs.contains(where: { $0.0 == field }) {
      report(node, key.isEmpty ? field : "\(key).\(field)", "missing required field '\(field)'")
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
    guard !path.isEmpty else { throw InputError(InputIssue(message: "the file name is empty")) }
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw InputError(InputIssue(file: path, message: "no such file"))
    }
    if isDirectory.boolValue { throw InputError(InputIssue(file: path, message: "is a directory, not a file")) }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    if size > maxBytes {
      throw InputError(
        InputIssue(
          file: path,
          message:
            "the file is \(String(format: "%.1f", Double(size) / 1_048_576)) MiB, above the limit of \(Format.number(Double(maxBytes) / 1_048_576, digits: 1)) MiB; split it into smaller files"
        ))
    }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw InputError(InputIssue(file: path, message: "cannot be read: \(error.localizedDescription)"))
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError(
        InputIssue(
          file: path, line: firstInvalidUTF8Line(data), message: "is not UTF-8 text; save it with the UTF-8 encoding"))
    }
    if NodeReader.isBlank(text) {
      throw InputError(InputIssue(file: path, line: 1, message: "the file is empty"))
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
