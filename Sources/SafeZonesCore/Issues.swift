/// One problem found in a user's input, located as precisely as the input allows.
///
/// Loaders fill `file`, `line` and `column`; format-independent validators in the core fill
/// `key` (a path such as `domains[2].assessment.scores.military`) and `message`.
public struct InputIssue: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
  public var file: String?
  public var line: Int?
  public var column: Int?
  public var key: String?
  public var message: String

  public init(
    file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil,
    message: String
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.key = key
    self.message = message
  }

  /// `file:line:column: key: message`, leaving out the parts that are unknown.
  public var description: String {
    var location = ""
    if let file { location += file }
    if let line {
      location += location.isEmpty ? tr("line {line}", ["line": .text(String(line))]) : ":\(line)"
      if let column { location += ":\(column)" }
    }
    var parts: [String] = []
    if !location.isEmpty { parts.append(location) }
    if let key, !key.isEmpty { parts.append(key) }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}

/// One or more input problems, reported together so a user can fix a file in one pass.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
  public var issues: [InputIssue]

  public init(_ issues: [InputIssue]) { self.issues = issues }
  public init(_ issue: InputIssue) { self.issues = [issue] }

  public var description: String { issues.map(\.description).joined(separator: "\n") }
}

extension InputIssue {
  /// The key of `member` under `prefix` (`domains[0].name`), or `member` alone when there
  /// is no prefix: what validators that take a key prefix build their keys with.
  public static func key(_ prefix: String, _ member: String) -> String {
    prefix.isEmpty ? member : prefix + "." + member
  }
}
