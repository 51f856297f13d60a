import Foundation

/// Which domains a map or a list shows: some quadrants, some tags, and a text query that
/// matches a domain's id or name. An empty filter shows everything. The command line, the
/// pages and the API all filter with it.
public struct PlacementFilter: Sendable, Hashable {
  /// Quadrants to show; empty means all four.
  public var quadrants: Set<Quadrant>
  /// Only domains with at least one of these tags; empty means any tag.
  public var tags: Set<String>
  /// Case- and diacritic-insensitive text matched against id and name; empty matches all.
  public var query: String

  /// Blank tags are dropped; the query is trimmed.
  public init(quadrants: Set<Quadrant> = [], tags: some Sequence<String> = [String](), query: String = "") {
    self.quadrants = quadrants
    self.tags = Set(tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    self.query = query.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A filter on at most one tag (`nil` for any), as the map's form and the API offer.
  public init(quadrants: Set<Quadrant> = [], tag: String?, query: String = "") {
    self.init(quadrants: quadrants, tags: tag.map { [$0] } ?? [], query: query)
  }

  /// The tag when the filter names exactly one.
  public var tag: String? { tags.count == 1 ? tags.first : nil }

  /// `true` when the filter lets every domain through.
  public var isEmpty: Bool {
    (quadrants.isEmpty || quadrants.count == Quadrant.allCases.count) && tags.isEmpty && query.isEmpty
  }

  /// Whether `placed` passes. `textMatches`, when given, answers the text query: the ids a
  /// search found (`DomainSearch`, the web's search box); without it the query is matched
  /// against id and name as written.
  public func matches(_ placed: PlacedDomain, textMatches: Set<String>? = nil) -> Bool {
    if !quadrants.isEmpty && !quadrants.contains(placed.quadrant) { return false }
    if !tags.isEmpty && tags.isDisjoint(with: placed.tags) { return false }
    if !query.isEmpty, let textMatches { return textMatches.contains(placed.id) }
    if !query.isEmpty {
      let options: String.CompareOptions = [.caseInsensitive, .diacriticInsensitive]
      return placed.id.range(of: query, options: options) != nil
        || placed.name.range(of: query, options: options) != nil
    }
    return true
  }

  /// The domains that pass, in their original order (the text query answered by
  /// `textMatches` when given).
  public func apply(_ placed: [PlacedDomain], textMatches: Set<String>? = nil) -> [PlacedDomain] {
    placed.filter { matches($0, textMatches: textMatches) }
  }

  /// A stable text naming the filter, for cache keys (`q=…|tag=…|quadrants=…`).
  public var key: String {
    let q = quadrants.count == Quadrant.allCases.count ? [] : quadrants.sorted().map(\.rawValue)
    return "quadrants=\(q.joined(separator: ","))|tag=\(tags.sorted().joined(separator: ","))|q=\(query.lowercased())"
  }
}
