import Foundation
import SafeZonesCore
import Yams

/// Loads technology taxonomies: the shipped ones in `Resources/taxonomies/` (one file each,
/// named by the taxonomy's id; ``KnowledgeBase/taxonomies()``), or a file of the same shape:
///
/// ```yaml
/// taxonomy:
///   id: us-cet-2024
///   name: "Critical and Emerging Technologies List Update"
///   publisher: "US National Science and Technology Council"
///   title: "Critical and Emerging Technologies List Update"
///   date: 2024-02-12
///   version: "2024-02"
///   url: "https://…"
///   note: "what the list is and how it is used"     # optional
/// entries:
///   - id: advanced-computing
///     name: Advanced Computing
///     summary: "One or two sentences in our own words."
///     keywords: [supercomputing, "high-performance computing", HPC]
///     note: "where the wording is paraphrased"     # optional
///     subfields:                                  # optional
///       - {id: supercomputing, name: "Supercomputing", keywords: [exascale]}
/// ```
///
/// Every problem is reported with file, line and key (`docs/taxonomies.md`).
public enum TaxonomyLoader {
  static let topFields: Set<String> = ["taxonomy", "entries"]
  static let sourceFields: Set<String> = ["id", "name", "publisher", "title", "date", "version", "url", "note"]
  static let entryFields: Set<String> = ["id", "name", "summary", "keywords", "subfields", "note"]
  static let subfieldFields: Set<String> = ["id", "name", "keywords"]

  /// Loads a taxonomy file (YAML or JSON).
  public static func load(path: String) throws(InputError) -> Taxonomy {
    try parse(InputFile.read(path), file: path)
  }

  /// Parses a taxonomy from YAML or JSON text.
  public static func parse(_ text: String, file: String) throws(InputError) -> Taxonomy {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: topFields) else { throw InputError(reader.issues) }
    reader.require(["taxonomy", "entries"], in: fields, at: root, "")
    // Values that fail validation stand in for missing or unreadable fields; the validator's
    // issues about them are dropped below, so each problem is reported once.
    var taxonomy = Taxonomy(
      id: "", name: "", publisher: "", title: "", date: Day(year: 1970, month: 1, day: 1)!, version: "", url: "",
      entries: [])
    for (key, node) in fields {
      switch key {
      case "taxonomy": source(node, key, into: &taxonomy, &reader)
      default:
        guard let items = reader.sequence(node, key) else { continue }
        // Every item gives an entry, readable or not, so the validator's keys keep their indices.
        taxonomy.entries = items.enumerated().map { i, item in entry(item, "entries[\(i)]", &reader) }
      }
    }
    let readKeys = Set(reader.issues.compactMap(\.key))
    reader.adopt(taxonomy.validate().filter { !reported($0.key, in: readKeys) })
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder(summaryKeys: ["entries"])) }
    return taxonomy
  }

  /// Whether `key`, or a mapping or list holding it, was already reported while reading.
  static func reported(_ key: String?, in readKeys: Set<String>) -> Bool {
    guard var probe = key else { return false }
    while true {
      if readKeys.contains(probe) { return true }
      guard let cut = probe.lastIndex(where: { $0 == "." || $0 == "[" }) else { return false }
      probe = String(probe[..<cut])
    }
  }

  private static func source(_ node: Node, _ key: String, into taxonomy: inout Taxonomy, _ reader: inout NodeReader) {
    guard let fields = reader.mapping(node, key, allowed: sourceFields) else { return }
    reader.require(["id", "name", "publisher", "title", "date", "version", "url"], in: fields, at: node, key)
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id": taxonomy.id = reader.text(v, childKey) ?? ""
      case "name": taxonomy.name = reader.text(v, childKey) ?? ""
      case "publisher": taxonomy.publisher = reader.text(v, childKey) ?? ""
      case "title": taxonomy.title = reader.text(v, childKey) ?? ""
      case "date": taxonomy.date = reader.day(v, childKey) ?? taxonomy.date
      case "version": taxonomy.version = reader.text(v, childKey) ?? ""
      case "url": taxonomy.url = reader.text(v, childKey) ?? ""
      default: taxonomy.note = reader.text(v, childKey)
      }
    }
  }

  private static func entry(_ node: Node, _ key: String, _ reader: inout NodeReader) -> TaxonomyEntry {
    var entry = TaxonomyEntry(id: "", name: "", summary: "", keywords: [])
    guard let fields = reader.mapping(node, key, allowed: entryFields) else { return entry }
    reader.require(["id", "name", "summary", "keywords"], in: fields, at: node, key)
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id": entry.id = reader.text(v, childKey) ?? ""
      case "name": entry.name = reader.text(v, childKey) ?? ""
      case "summary": entry.summary = reader.text(v, childKey) ?? ""
      case "keywords": entry.keywords = keywords(v, childKey, &reader)
      case "note": entry.note = reader.text(v, childKey)
      default:
        guard let items = reader.sequence(v, childKey) else { continue }
        entry.subfields = items.enumerated().map { j, item in subfield(item, "\(childKey)[\(j)]", &reader) }
      }
    }
    return entry
  }

  private static func subfield(_ node: Node, _ key: String, _ reader: inout NodeReader) -> TaxonomySubfield {
    var subfield = TaxonomySubfield(id: "", name: "")
    guard let fields = reader.mapping(node, key, allowed: subfieldFields) else { return subfield }
    reader.require(["id", "name"], in: fields, at: node, key)
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id": subfield.id = reader.text(v, childKey) ?? ""
      case "name": subfield.name = reader.text(v, childKey) ?? ""
      default: subfield.keywords = keywords(v, childKey, &reader)
      }
    }
    return subfield
  }

  /// A list of keywords (or one keyword), one value per item so the validator's keys keep
  /// their indices; an unreadable item, already reported, stands as "?".
  private static func keywords(_ node: Node, _ key: String, _ reader: inout NodeReader) -> [String] {
    if case .scalar = node { return reader.string(node, key).map { [$0] } ?? ["?"] }
    guard let items = reader.sequence(node, key) else { return ["?"] }
    return items.enumerated().map { i, item in reader.string(item, "\(key)[\(i)]") ?? "?" }
  }
}

extension KnowledgeBase {
  /// The folder of the shipped taxonomies, under the module's resources.
  static let taxonomiesFolder = "Resources/taxonomies"

  /// The shipped taxonomies (`us-cet-2024`, `ca-stra-2024`, `eu-dual-use-annex-i`, …), in the
  /// order of their file names. Each file is named by its taxonomy's id.
  public static func taxonomies() throws(InputError) -> [Taxonomy] {
    let urls = Bundle.module.paths(forResourcesOfType: "yaml", inDirectory: taxonomiesFolder)
      .map { URL(fileURLWithPath: $0) }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    guard !urls.isEmpty else {
      throw InputError(
        InputIssue(file: "taxonomies/", message: tr("the shipped taxonomies are missing from the installation")))
    }
    var taxonomies: [Taxonomy] = []
    var issues: [InputIssue] = []
    for url in urls {
      let name = url.deletingPathExtension().lastPathComponent
      let file = "taxonomies/\(url.lastPathComponent) (shipped)"
      guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        issues.append(InputIssue(file: file, message: tr("the shipped resource cannot be read")))
        continue
      }
      do throws(InputError) {
        let taxonomy = try TaxonomyLoader.parse(text, file: file)
        if taxonomy.id == name {
          taxonomies.append(taxonomy)
        } else {
          issues.append(
            InputIssue(
              file: file, key: "taxonomy.id",
              message: tr(
                "the id '{id}' differs from the file's name; name the file '{id}.yaml'", ["id": .text(taxonomy.id)])))
        }
      } catch {
        issues += error.issues
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    return taxonomies
  }

  /// The shipped taxonomy with this id, or `nil` when none has it.
  public static func taxonomy(id: String) throws(InputError) -> Taxonomy? {
    try taxonomies().first { $0.id == id }
  }
}
