import SafeZonesCore
import Yams

extension DomainLoader {
  /// Parses one domain given as a single mapping in the input format (the body of
  /// `POST /api/v1/domains`), with the same checks and messages as a file.
  public static func parseDomain(
    _ text: String, file: String = "body", knownIDs: Set<String>? = nil
  ) throws(InputError) -> Domain {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    let parsed = domain(root, "", &reader)
    guard reader.issues.isEmpty, let parsed else { throw InputError(reader.issues.map(Self.unprefixed)) }
    var issues = parsed.validate(key: "")
    if let knownIDs {
      for (i, link) in parsed.links.enumerated() where !knownIDs.contains(link.target) {
        issues.append(
          InputIssue(
            key: "links[\(i)].target", message: tr("links to unknown domain '{id}'", ["id": .text(link.target)])))
      }
    }
    reader.adopt(issues.map(Self.unprefixed))
    if !reader.issues.isEmpty { throw InputError(reader.issues.map(Self.unprefixed)) }
    return parsed
  }

  /// Parses one assessment given as a single mapping (assessor, date, scores, …).
  public static func parseAssessment(_ text: String, file: String = "body") throws(InputError) -> Assessment {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    let parsed = assessment(root, "", &reader)
    guard reader.issues.isEmpty, let parsed else { throw InputError(reader.issues.map(Self.unprefixed)) }
    return parsed
  }

  /// Keys of a top-level object start with "." when the key prefix is empty; drop it.
  static func unprefixed(_ issue: InputIssue) -> InputIssue {
    var issue = issue
    if let key = issue.key, key.hasPrefix(".") { issue.key = String(key.dropFirst()) }
    return issue
  }
}
