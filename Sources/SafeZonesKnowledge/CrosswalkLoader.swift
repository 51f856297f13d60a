import Foundation
import SafeZonesCore

/// Reads crosswalk files (`docs/taxonomies.md`):
///
/// ```yaml
/// crosswalk:
///   - domain: high-performance-computing
///     entries:
///       - {taxonomy: us-cet-2024, entry: supercomputing, strength: direct, rationale: "…"}
/// ```
public enum CrosswalkLoader {
  static let itemFields: Set<String> = ["domain", "entries"]
  static let linkFields: Set<String> = ["taxonomy", "entry", "strength", "rationale"]

  /// The links of one file; every problem with file, line and key.
  public static func parse(_ text: String, file: String) throws(InputError) -> [CrosswalkLink] {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: ["crosswalk"]) else { throw InputError(reader.issues) }
    reader.require(["crosswalk"], in: fields, at: root, "")
    var links: [CrosswalkLink] = []
    for (key, node) in fields {
      guard let items = reader.sequence(node, key) else { continue }
      for (i, item) in items.enumerated() {
        let itemKey = "\(key)[\(i)]"
        guard let parts = reader.mapping(item, itemKey, allowed: itemFields) else { continue }
        reader.require(["domain", "entries"], in: parts, at: item, itemKey)
        let domain = parts.first { $0.0 == "domain" }.flatMap { reader.string($0.1, "\(itemKey).domain") } ?? ""
        guard let list = parts.first(where: { $0.0 == "entries" }),
          let entries = reader.sequence(list.1, "\(itemKey).entries")
        else { continue }
        for (j, entry) in entries.enumerated() {
          let k = "\(itemKey).entries[\(j)]"
          guard let f = reader.mapping(entry, k, allowed: linkFields) else { continue }
          reader.require(["taxonomy", "entry", "strength", "rationale"], in: f, at: entry, k)
          var values: [String: String] = [:]
          for (name, value) in f { values[name] = reader.string(value, "\(k).\(name)") }
          let strengthText = values["strength"] ?? ""
          guard let strength = CrosswalkStrength(rawValue: strengthText) else {
            if values["strength"] != nil, let node = f.first(where: { $0.0 == "strength" })?.1 {
              reader.report(
                node, "\(k).strength",
                tr(
                  "unknown strength '{strength}' (use {strengths})",
                  [
                    "strength": .text(strengthText),
                    "strengths": .text(CrosswalkStrength.allCases.map(\.rawValue).joined(separator: ", ")),
                  ]))
            }
            continue
          }
          if let rationale = values["rationale"], NodeReader.isBlank(rationale),
            let node = f.first(where: { $0.0 == "rationale" })?.1
          {
            reader.report(node, "\(k).rationale", tr("must not be empty"))
          }
          links.append(
            CrosswalkLink(
              domain: domain, taxonomy: values["taxonomy"] ?? "", entry: values["entry"] ?? "", strength: strength,
              rationale: values["rationale"] ?? ""))
        }
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return links
  }
}

extension KnowledgeBase {
  static let crosswalkFolder = "Resources/crosswalk"

  /// The shipped crosswalk (every file of `crosswalk/`, by name), checked against the
  /// shipped taxonomies and domains: an unknown id anywhere fails with its file.
  public static func crosswalk() throws(InputError) -> Crosswalk { try shippedCrosswalk.get() }

  private static let shippedCrosswalk: Result<Crosswalk, InputError> = {
    do throws(InputError) { return .success(try readCrosswalk()) } catch { return .failure(error) }
  }()

  static func readCrosswalk() throws(InputError) -> Crosswalk {
    let urls = Bundle.module.paths(forResourcesOfType: "yaml", inDirectory: crosswalkFolder)
      .map { URL(fileURLWithPath: $0) }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    let taxonomies = try taxonomies()
    let ids = Set(try domains().map(\.id))
    var links: [CrosswalkLink] = []
    var issues: [InputIssue] = []
    for url in urls {
      let file = "crosswalk/\(url.lastPathComponent) (shipped)"
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        issues.append(InputIssue(file: file, message: tr("the shipped resource cannot be read")))
        continue
      }
      do throws(InputError) {
        let found = try CrosswalkLoader.parse(text, file: file)
        // Checked with every earlier file's links, so a link repeated in a later file is
        // reported there.
        let before = Crosswalk(links: links).validate(taxonomies: taxonomies, domainIDs: ids).count
        links += found
        issues += Crosswalk(links: links).validate(taxonomies: taxonomies, domainIDs: ids).dropFirst(before).map {
          var issue = $0
          issue.file = file
          return issue
        }
      } catch {
        issues += error.issues
      }
    }
    let all = Crosswalk(links: links)
    if !issues.isEmpty { throw InputError(issues) }
    return all
  }
}
