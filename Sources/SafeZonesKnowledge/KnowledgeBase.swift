import Foundation
import SafeZonesCore

/// The shipped rubric and knowledge base (US–China domains from the essay), read from the
/// module's resources.
public enum KnowledgeBase {
  /// The shipped rubric file's text.
  public static func rubricText() throws(InputError) -> String { try resource("rubric") }

  /// The shipped knowledge base file's text (the domain input format).
  public static func domainsText() throws(InputError) -> String { try resource("knowledge-base") }

  /// The shipped rubric.
  public static func rubric() throws(InputError) -> Rubric {
    try RubricLoader.parse(rubricText(), file: "rubric.yaml (shipped)")
  }

  /// The shipped domains with their assessments.
  public static func domains() throws(InputError) -> [Domain] {
    try DomainLoader.parse(domainsText(), file: "knowledge-base.yaml (shipped)", knownIDs: [])
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
        InputIssue(file: "\(name).yaml", message: "the shipped resource is missing from the installation"))
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
        InputIssue(file: "common-passwords.txt", message: "the shipped resource is missing from the installation"))
    }
    return Set(
      text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") })
  }
}
