import Foundation
import SafeZonesCore
import Yams

/// Reads a file of one pair's assessments of domains defined elsewhere (the shipped
/// `pairs/eu-cn/*.yaml`, or an organisation's own):
///
/// ```yaml
/// pair: EU-CN
/// assessments:
///   - domain: wind-energy
///     assessor: SafeZones knowledge base
///     date: 2025-01-01
///     scores:
///       fundamentality: {value: 1, rationale: "...", evidence: "..."}
/// ```
///
/// A domain's identity (name, summary, links) lives once, in its domain file; each pair adds
/// its own judgements. An entry may not name a different `pair` than the file's.
public enum PairAssessmentLoader {
  /// One entry: the domain judged and the judgement, its `pair` set to the file's.
  public struct Entry: Sendable {
    public var domain: String
    public var assessment: Assessment
  }

  /// Parses a pair file; problems come with file, line and key.
  public static func parse(_ text: String, file: String) throws(InputError) -> (pair: CountryPair, entries: [Entry]) {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: ["pair", "assessments"]) else {
      throw InputError(reader.issues)
    }
    reader.require(["pair", "assessments"], in: fields, at: root, "")
    var pair: CountryPair?
    var entries: [Entry] = []
    for (key, node) in fields {
      if key == "pair" {
        guard let text = reader.string(node, key) else { continue }
        pair = CountryPair(id: text)
        if pair == nil {
          reader.report(
            node, key, tr("expected two different country codes such as EU-CN, got '{text}'", ["text": .text(text)]))
        }
        continue
      }
      guard let items = reader.sequence(node, key) else { continue }
      for (i, item) in items.enumerated() {
        let itemKey = "assessments[\(i)]"
        guard var assessment = DomainLoader.assessment(item, itemKey, &reader, also: ["domain"]) else { continue }
        let domainNode = reader.mapping(item, itemKey)?.first { $0.0 == "domain" }?.1
        guard let domainNode, let id = reader.string(domainNode, "\(itemKey).domain") else {
          reader.report(
            item, "\(itemKey).domain",
            tr("missing required field '{field}' (the id of the domain judged)", ["field": "domain"]))
          continue
        }
        if let own = assessment.pair, let pair, own != pair {
          reader.report(
            item, "\(itemKey).pair",
            tr("this file judges {pair}, not {other}", ["pair": .text(pair.id), "other": .text(own.id)]))
        }
        assessment.pair = pair
        reader.adopt(assessment.validate(key: itemKey))
        entries.append(Entry(domain: id, assessment: assessment))
      }
    }
    guard reader.issues.isEmpty, let pair else { throw InputError(reader.issuesInFileOrder()) }
    return (pair, entries)
  }

  /// Adds each entry's assessment to its domain; an entry for a domain not among `domains`
  /// is refused with its file and key.
  public static func merge(
    _ entries: [Entry], into domains: inout [Domain], file: String
  ) throws(InputError) {
    let index = Dictionary(domains.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var issues: [InputIssue] = []
    var added: [Int: [Assessment]] = [:]
    for (i, entry) in entries.enumerated() {
      guard let at = index[entry.domain] else {
        let message =
          TextDistance.closest(to: entry.domain, in: Array(index.keys)).map { near in
            tr(
              "unknown domain '{id}'; did you mean '{suggestion}'?",
              ["id": .text(entry.domain), "suggestion": .text(near)])
          } ?? tr("unknown domain '{id}'", ["id": .text(entry.domain)])
        issues.append(InputIssue(file: file, key: "assessments[\(i)].domain", message: message))
        continue
      }
      added[at, default: []].append(entry.assessment)
    }
    if !issues.isEmpty { throw InputError(issues) }
    for (at, list) in added { domains[at].assessments += list }
  }
}
