import Foundation

/// Which domains a map or a list shows: some quadrants, one tag, and a text query that
/// matches a domain's id or name. An empty filter shows everything.
public struct PlacementFilter: Sendable, Hashable {
  /// Quadrants to show; empty means all four.
  public var quadrants: Set<Quadrant>
  /// Only domains with this tag; `nil` means any tag.
  public var tag: String?
  /// Case- and diacritic-insensitive text matched against id and name; empty matches all.
  public var query: String

  public init(quadrants: Set<Quadrant> = [], tag: String? = nil, query: String = "") {
    self.quadrants = quadrants
    let tag = tag?.trimmingCharacters(in: .whitespaces)
    self.tag = (tag?.isEmpty ?? true) ? nil : tag
    self.query = query.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `true` when the filter lets every domain through.
  public var isEmpty: Bool {
    (quadrants.isEmpty || quadrants.count == Quadrant.allCases.count) && tag == nil && query.isEmpty
  }

  public func matches(_ report: DomainReport) -> Bool {
    if !quadrants.isEmpty && !quadrants.contains(report.quadrant) { return false }
    if let tag, !report.tags.contains(tag) { return false }
    if !query.isEmpty {
      let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
      return report.id.range(of: query, options: options) != nil
        || report.name.range(of: query, options: options) != nil
    }
    return true
  }

  /// The reports that pass, in their original order.
  public func apply(_ reports: [DomainReport]) -> [DomainReport] { reports.filter(matches) }

  /// A stable text naming the filter, for cache keys (`q=…|tag=…|quadrants=…`).
  public var key: String {
    let q = quadrants.count == Quadrant.allCases.count ? [] : quadrants.sorted().map(\.rawValue)
    return "quadrants=\(q.joined(separator: ","))|tag=\(tag ?? "")|q=\(query.lowercased())"
  }
}
