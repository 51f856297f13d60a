import Foundation

/// How a domain relates to a taxonomy area (`docs/taxonomies.md`).
public enum CrosswalkStrength: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// The domain is this area: work in it falls under the area as a whole.
  case direct
  /// Part of the domain's work falls under the area.
  case partial
  /// The domain's results feed the area without being part of it.
  case enabling

  /// What the strength means, for pages and help.
  public var meaning: String {
    switch self {
    case .direct: "the domain is this area"
    case .partial: "part of the domain's work falls under it"
    case .enabling: "the domain's results feed it"
    }
  }

  /// Strongest first.
  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// One link of the crosswalk: a knowledge-base domain under a taxonomy's entry or subfield.
public struct CrosswalkLink: Sendable, Hashable, Codable {
  public var domain: String
  public var taxonomy: String
  /// An entry's or a subfield's id within ``taxonomy``.
  public var entry: String
  public var strength: CrosswalkStrength
  public var rationale: String

  public init(domain: String, taxonomy: String, entry: String, strength: CrosswalkStrength, rationale: String) {
    self.domain = domain
    self.taxonomy = taxonomy
    self.entry = entry
    self.strength = strength
    self.rationale = rationale
  }
}

/// Which taxonomy areas each knowledge-base domain falls under: the bridge between the map's
/// domains and the published lists of sensitive technologies, so that a domain page names
/// its list entries and a list entry names the domains that cover it.
public struct Crosswalk: Sendable, Hashable {
  /// Every link, in the files' order.
  public var links: [CrosswalkLink]

  public init(links: [CrosswalkLink]) { self.links = links }

  /// The links of `domain`, strongest first, then by taxonomy in `order` and entry.
  public func links(domain: String, taxonomyOrder order: [String] = []) -> [CrosswalkLink] {
    links.filter { $0.domain == domain }.sorted { a, b in
      if a.strength != b.strength { return a.strength < b.strength }
      let ia = order.firstIndex(of: a.taxonomy) ?? order.count
      let ib = order.firstIndex(of: b.taxonomy) ?? order.count
      return ia != ib ? ia < ib : (a.taxonomy, a.entry) < (b.taxonomy, b.entry)
    }
  }

  /// The links reaching an area of `taxonomy`: the entry `entry` itself or, when
  /// `withSubfields`, any of its subfields — strongest first, then by domain.
  public func links(taxonomy: Taxonomy, entry: TaxonomyEntry, withSubfields: Bool = true) -> [CrosswalkLink] {
    let ids = Set([entry.id] + (withSubfields ? entry.subfields.map(\.id) : []))
    return links.filter { $0.taxonomy == taxonomy.id && ids.contains($0.entry) }.sorted {
      $0.strength != $1.strength ? $0.strength < $1.strength : ($0.domain, $0.entry) < ($1.domain, $1.entry)
    }
  }

  /// Every area of `taxonomies` (entries and subfields, as `TAXONOMY/ID`) that no link
  /// reaches. An entry counts as reached when it or one of its subfields is.
  public func unreached(in taxonomies: [Taxonomy]) -> [String] {
    let reached = Set(links.map { "\($0.taxonomy)/\($0.entry)" })
    var missing: [String] = []
    for t in taxonomies {
      for entry in t.entries {
        let subs = entry.subfields.map { "\(t.id)/\($0.id)" }
        if !reached.contains("\(t.id)/\(entry.id)") && !subs.contains(where: reached.contains) {
          missing.append("\(t.id)/\(entry.id)")
        }
        missing += subs.filter { !reached.contains($0) }
      }
    }
    return missing
  }

  /// Problems with the links against the taxonomies and domains they name, with keys
  /// `crosswalk[i]…` as in the files: an unknown domain, taxonomy or area, a link given twice.
  public func validate(taxonomies: [Taxonomy], domainIDs: Set<String>) -> [InputIssue] {
    var issues: [InputIssue] = []
    let byID = Dictionary(taxonomies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var seen: Set<String> = []
    for link in links {
      let key = "\(link.domain) → \(link.taxonomy)/\(link.entry)"
      if !domainIDs.contains(link.domain) {
        issues.append(InputIssue(key: key, message: "'\(link.domain)' is not a domain of the knowledge base"))
      }
      if let t = byID[link.taxonomy] {
        if t.area(id: link.entry) == nil {
          issues.append(InputIssue(key: key, message: "'\(link.entry)' is not an entry or subfield of \(t.id)"))
        }
      } else {
        issues.append(
          InputIssue(
            key: key,
            message:
              "unknown taxonomy '\(link.taxonomy)' (known: \(taxonomies.map(\.id).joined(separator: ", ")))"))
      }
      if !seen.insert("\(link.domain)|\(link.taxonomy)|\(link.entry)").inserted {
        issues.append(InputIssue(key: key, message: "the link is given twice"))
      }
    }
    return issues
  }
}
