import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

/// What the graph page shows: the link graph, the links, and the risk they carry.
struct GraphPageModel {
  var rubric: Rubric
  var asOf: Day?
  var onlyLinked: Bool
  /// The graph, an SVG fragment safe to inline.
  var svg: String
  var links: [GraphEdge]
  var names: [String: String]
  /// Domains to which links carry risk, the most raised first.
  var linked: [LinkedRiskEntry]
  var nodeCount: Int

  static func make(
    domains all: [Domain], current: [PlacedDomain], rubric: Rubric, asOf day: Day?, onlyLinked: Bool
  ) -> GraphPageModel {
    let placed = day == nil ? current : PlacedDomain.asOf(day, domains: all, rubric: rubric)
    // The page starts from the domains' own risks, as the map shows them.
    let view = LinkView(
      domains: all, placed: placed, rubric: rubric, asOf: day, onlyLinked: onlyLinked,
      risks: Dictionary(placed.map { ($0.id, $0.placement.risk) }, uniquingKeysWith: { a, _ in a }))
    let nodes = view.shown.map {
      GraphNode($0, linked: view.linked[$0.id], group: $0.domain.source == nil ? .user : .shipped)
    }
    let svg = GraphChart.svg(
      nodes, view.edges, options: GraphOptions(rubric: rubric, asOf: day, linkPrefix: "/domains/"))
    return GraphPageModel(
      rubric: rubric, asOf: day, onlyLinked: onlyLinked, svg: MapPage.inlineSVG(svg), links: view.edges,
      names: Dictionary(view.domains.map { ($0.id, DomainText.name($0)) }, uniquingKeysWith: { a, _ in a }),
      linked: view.carried.sorted {
        $0.raisedBy != $1.raisedBy ? $0.raisedBy > $1.raisedBy : $0.id < $1.id
      }, nodeCount: nodes.count)
  }
}
