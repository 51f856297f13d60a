import Foundation
import SafeZonesCore

extension KnowledgeBase {
  /// The shipped synonym groups for search and screening (`synonyms.yaml`), read like every
  /// other file (`NodeReader`: file, line and key in each message).
  public static func synonyms() throws(InputError) -> SynonymTable {
    try SynonymLoader.parse(resource("synonyms"), file: "synonyms.yaml (shipped)")
  }
}

/// Reads a synonyms file: `synonyms:`, a list of groups, each a list of two phrases or more.
enum SynonymLoader {
  static func parse(_ text: String, file: String) throws(InputError) -> SynonymTable {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: ["synonyms"]) else { throw InputError(reader.issues) }
    reader.require(["synonyms"], in: fields, at: root, "")
    var groups: [[String]] = []
    for (key, node) in fields {
      guard let items = reader.sequence(node, key) else { continue }
      for (i, item) in items.enumerated() {
        let itemKey = "\(key)[\(i)]"
        guard let phrases = reader.strings(item, itemKey) else { continue }
        let kept = phrases.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if kept.count < 2 {
          reader.adopt([InputIssue(key: itemKey, message: tr("a group needs two phrases or more"))])
        } else {
          groups.append(kept)
        }
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return SynonymTable(groups)
  }
}
