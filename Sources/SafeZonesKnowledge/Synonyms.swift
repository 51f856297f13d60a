import Foundation
import SafeZonesCore
import Yams

extension KnowledgeBase {
  /// The shipped synonym groups for search and screening (`synonyms.yaml`).
  public static func synonyms() throws(InputError) -> SynonymTable {
    let text = try resource("synonyms")
    let loaded: Any?
    do { loaded = try Yams.load(yaml: text) } catch {
      throw InputError(InputIssue(file: "synonyms.yaml", message: "is not valid YAML: \(error)"))
    }
    guard let root = loaded as? [String: Any], let groups = root["synonyms"] as? [[Any]] else {
      throw InputError(
        InputIssue(file: "synonyms.yaml", key: "synonyms", message: "must be a list of lists of words or phrases"))
    }
    var out: [[String]] = []
    for (i, group) in groups.enumerated() {
      let phrases = group.map { "\($0)".trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      guard phrases.count >= 2 else {
        throw InputError(
          InputIssue(file: "synonyms.yaml", key: "synonyms[\(i)]", message: "a group needs two phrases or more"))
      }
      out.append(phrases)
    }
    return SynonymTable(out)
  }
}
