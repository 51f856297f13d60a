import Foundation

/// What `safezones graph` lists and `GET /api/v1/graph` returns: the links between the
/// domains placed on a date, and the risk those links carry to each domain.
public struct LinkListing: Sendable, Hashable, Encodable {
  public var rubric: String
  public var asOf: Day?
  public var links: [LinkEdge]
  /// Domains to which links carry risk, the most raised first, numbers rounded.
  public var linkedRisk: [LinkedRiskEntry]

  public init(rubric: String, asOf: Day?, links: [LinkEdge], linkedRisk: [LinkedRiskEntry]) {
    self.rubric = rubric
    self.asOf = asOf
    self.links = links
    self.linkedRisk = linkedRisk.sorted { $0.raisedBy != $1.raisedBy ? $0.raisedBy > $1.raisedBy : $0.id < $1.id }
      .map { e in
        var e = e
        e.own = Format.rounded(e.own)
        e.inherited = Format.rounded(e.inherited)
        e.effective = Format.rounded(e.effective)
        e.factor = Format.rounded(e.factor)
        e.sourceRisk = e.sourceRisk.map { Format.rounded($0) }
        return e
      }
  }

  /// The listing of `domains` as the map stood on `day` (every current assessment with no
  /// day). `placed` are the domains as placed that day (`PlacedDomain.asOf`): only the
  /// domains placed then, and links between them, are listed. With `onlyLinked`, domains
  /// without links are left out.
  public static func make(
    domains all: [Domain], placed: [PlacedDomain], rubric: Rubric, asOf day: Day?, onlyLinked: Bool = false
  ) -> LinkListing {
    LinkView(domains: all, placed: placed, rubric: rubric, asOf: day, onlyLinked: onlyLinked).listing
  }

  /// Stable, pretty-printed JSON with snake_case keys.
  public func json() throws -> Data { try StableJSONEncoder().encode(self) }

  public var text: String {
    var out =
      (asOf.map { tr("Links as of {date}: {count}", ["date": .text("\($0)"), "count": .text(String(links.count))]) }
        ?? tr("Links: {count}", ["count": .text(String(links.count))])) + "\n"
    if !links.isEmpty {
      out += TextOutput.table(
        headers: [tr("from"), tr("kind"), tr("weight"), tr("to")],
        rows: links.map { [$0.from, $0.kind, Format.number($0.weight), $0.to] }, rightAligned: [2])
    }
    out +=
      "\n" + tr("Risk carried over links (inherited = kind factor × weight along the best path × neighbour's risk):")
      + "\n"
    if linkedRisk.isEmpty { return out + tr("none") + "\n" }
    out += TextOutput.table(
      headers: [tr("domain"), tr("own"), tr("inherited"), tr("effective"), tr("raised"), tr("from"), tr("path")],
      rows: linkedRisk.map { e in
        [
          e.id, Format.fixed(e.own), Format.fixed(e.inherited), Format.fixed(e.effective),
          e.isRaised ? "+" + Format.fixed(e.raisedBy) : "—", e.source ?? "", e.pathText,
        ]
      }, rightAligned: [1, 2, 3, 4])
    return out
  }
}

/// One stored link as an edge of the domain graph: from the linking domain to the one it
/// is tied to. What `graph` lists and what the graph chart draws as an arrow.
public struct LinkEdge: Sendable, Hashable, Encodable {
  public var from: String
  public var to: String
  public var kind: String
  public var weight: Double
  public var rationale: String?

  public init(from: String, to: String, kind: String, weight: Double, rationale: String? = nil) {
    self.from = from
    self.to = to
    self.kind = kind
    self.weight = weight
    self.rationale = rationale
  }

  /// Every link of `domains`, in domain and link order.
  public static func all(_ domains: [Domain]) -> [LinkEdge] {
    domains.flatMap { d in
      d.links.map { LinkEdge(from: d.id, to: $0.target, kind: $0.kind, weight: $0.weight, rationale: $0.rationale) }
    }
  }
}

/// The domain graph as the map stood on a day: the domains placed then, the links between
/// them, the risk each inherits over those links, and the domains shown. What the listing,
/// the graph chart and the graph page are all made from.
public struct LinkView: Sendable {
  public var rubricVersion: String
  public var asOf: Day?
  /// The domains placed by then, in `placed` order.
  public var domains: [Domain]
  /// The links between placed domains (self-links left out).
  public var edges: [LinkEdge]
  /// The risk each placed domain inherits, by id.
  public var linked: [String: LinkedRiskEntry]
  /// The domains shown: every placed domain, or with `onlyLinked` those with a link.
  public var shown: [PlacedDomain]

  /// `placed` are the domains as placed on `day` (`PlacedDomain.asOf`). `risks` are the own
  /// risks to start from (by default each domain's as of `day`).
  public init(
    domains all: [Domain], placed: [PlacedDomain], rubric: Rubric, asOf day: Day?, onlyLinked: Bool = false,
    risks: [String: Double]? = nil
  ) {
    let present = Set(placed.map(\.id))
    rubricVersion = rubric.version
    asOf = day
    domains = all.filter { present.contains($0.id) }
    linked = LinkedRisk.compute(domains, rubric: rubric, asOf: day, risks: risks)
    edges = LinkEdge.all(domains).filter { present.contains($0.to) && $0.from != $0.to }
    let touched = Set(edges.flatMap { [$0.from, $0.to] })
    shown = placed.filter { !onlyLinked || touched.contains($0.id) }
  }

  /// The shown domains whose risk a link carries, in `shown` order.
  public var carried: [LinkedRiskEntry] { shown.compactMap { linked[$0.id] }.filter { $0.source != nil } }

  public var listing: LinkListing {
    LinkListing(rubric: rubricVersion, asOf: asOf, links: edges, linkedRisk: carried)
  }
}
