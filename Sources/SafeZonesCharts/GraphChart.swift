import Foundation
import SafeZonesCore

/// One domain as a node of the link graph.
public struct GraphNode: Sendable, Hashable {
  public var id: String
  public var label: String
  public var quadrant: Quadrant
  public var gains: Double
  public var risk: Double
  /// The effective risk when links raise it above `risk` (see `LinkedRisk`), else `nil`.
  public var linkedRisk: Double?
  /// The domain whose risk the links carry, when they raise it.
  public var linkedSource: String?
  public var group: MapPoint.Group

  public init(
    id: String, label: String, quadrant: Quadrant, gains: Double, risk: Double, linkedRisk: Double? = nil,
    linkedSource: String? = nil, group: MapPoint.Group = .shipped
  ) {
    self.id = id
    self.label = label
    self.quadrant = quadrant
    self.gains = gains
    self.risk = risk
    self.linkedRisk = linkedRisk
    self.linkedSource = linkedSource
    self.group = group
  }

  /// The node of a placed domain, with its linked risk when the links raise it.
  public init(_ placed: PlacedDomain, linked: LinkedRiskEntry? = nil, group: MapPoint.Group = .shipped) {
    self.init(
      id: placed.id, label: Localization.domainName(id: placed.id, english: placed.name), quadrant: placed.quadrant,
      gains: placed.placement.gains,
      risk: placed.placement.risk,
      linkedRisk: linked?.isRaised == true ? linked?.effective : nil,
      linkedSource: linked?.isRaised == true ? linked?.source : nil, group: group)
  }
}

/// One stored link, drawn as an arrow from the linking domain to the one it links to.
public typealias GraphEdge = LinkEdge

public struct GraphOptions: Sendable, Hashable {
  public var title: String
  public var subtitle: String
  public var width: Double
  /// The canvas is at least this tall; it grows to hold every node.
  public var minHeight: Double
  /// When set, each node links to `linkPrefix + id` (the web app uses `/domains/`).
  public var linkPrefix: String?
  /// Seed of the force layout (the same seed gives the same drawing).
  public var seed: UInt64

  public init(
    title: String, subtitle: String, width: Double = 1200, minHeight: Double = 600, linkPrefix: String? = nil,
    seed: UInt64 = 1
  ) {
    self.title = title
    self.subtitle = subtitle
    self.width = width
    self.minHeight = minHeight
    self.linkPrefix = linkPrefix
    self.seed = seed
  }

  /// The standard title for a rubric.
  public init(rubric: Rubric, asOf: Day? = nil, linkPrefix: String? = nil) {
    self.init(
      title: tr(
        "Links between domains: {first}–{second} cooperation",
        [
          "first": .text(ChartWords.country(rubric.countries.first)),
          "second": .text(ChartWords.country(rubric.countries.second)),
        ]),
      subtitle: asOf.map {
        tr(
          "Coloured by quadrant · arrows from a domain to the domain it is tied to · rubric {version} · as of {date}",
          ["version": .text(rubric.version), "date": .text($0.description)])
      }
        ?? tr(
          "Coloured by quadrant · arrows from a domain to the domain it is tied to · rubric {version}",
          ["version": .text(rubric.version)]),
      linkPrefix: linkPrefix)
  }
}

/// The links between domains as a graph (see `GraphLayout` for how it is laid out).
public enum GraphChart {
  /// Kinds in the order the legend lists them.
  static let kindOrder = ["applies", "enables", "shares-facility", "related", "reframes"]

  /// Dash pattern and colour of a link kind.
  static func style(_ kind: String) -> (dash: String?, colour: String) {
    switch kind {
    case "applies": return (nil, "#333333")
    case "enables": return ("10 4", "#333333")
    case "shares-facility": return ("4 3", "#333333")
    case "related": return ("1.5 3.5", "#555555")
    case "reframes": return ("10 3 2 3", "#6a3d9a")
    default: return ("6 6", "#777777")
    }
  }

  /// Renders the graph as a standalone SVG document; the same arguments give the same bytes.
  public static func svg(_ nodes: [GraphNode], _ edges: [GraphEdge], options: GraphOptions) -> String {
    render(GraphLayout(nodes, edges, options: options))
  }

  static func n(_ v: Double) -> String { MapChart.n(v) }

  static func render(_ layout: GraphLayout) -> String {
    var s = SVG()
    s.openInteractiveChart(
      id: "graph", width: layout.width, height: layout.height,
      title: "\(layout.title.text) — \(layout.subtitle.text)", description: description(layout))
    s.header(title: layout.title, subtitle: layout.subtitle)
    drawEdges(&s, layout)
    drawNodes(&s, layout)
    s.legend(layout.legend, symbol: legendSymbol)
    if let key = layout.key { s.key(key, ids: { layout.nodes[$0].id }, dataKey: false) }
    s.close("svg")
    return s.text
  }

  // MARK: - Parts

  /// The links, under the nodes.
  static func drawEdges(_ s: inout SVG, _ layout: GraphLayout) {
    s.open("g", ["class": "edges", "fill": "none"])
    for e in layout.edges { drawEdge(&s, e, nodes: layout.nodes) }
    s.close("g")
  }

  /// One link: a line (curved when two nodes link both ways) whose dash says its kind and
  /// whose width its weight, an arrowhead at the linked node, and the weight where it fits.
  static func drawEdge(_ s: inout SVG, _ e: GraphLayout.DrawnEdge, nodes: [GraphNode]) {
    let st = style(e.edge.kind)
    let width = 1 + 2.5 * min(max(e.edge.weight, 0), 1)
    var tip = tr(
      "{from} → {to}: {kind}, weight {weight}",
      [
        "from": .text(nodes[e.from].label), "to": .text(nodes[e.to].label), "kind": .text(kindName(e.edge.kind)),
        "weight": .text(Format.number(e.edge.weight)),
      ])
    // The rationale is the knowledge base's English: in another language it goes in a
    // description marked as English rather than into the translated tooltip.
    let rationale = e.edge.rationale.flatMap { $0.isEmpty ? nil : $0 }
    let english = Localization.language == .english
    if let r = rationale, english { tip += ". " + r }
    s.open(
      "g",
      [
        "class": "edge", "data-from": e.edge.from, "data-to": e.edge.to, "data-kind": e.edge.kind,
        "data-weight": Format.number(e.edge.weight),
      ])
    s.element("title", text: tip)
    if let r = rationale, !english { s.element("desc", ["lang": "en"], text: r) }
    let from = e.curved ? e.control : e.start
    let head = 7 + width * 1.5
    // The line stops inside the arrowhead, so that a thick line never pokes past the tip.
    let dx = e.end.x - from.x
    let dy = e.end.y - from.y
    let len = max((dx * dx + dy * dy).squareRoot(), 1e-9)
    let stop = Point(x: e.end.x - dx / len * head * 0.6, y: e.end.y - dy / len * head * 0.6)
    var a: Attributes = [
      "class": "edge-line",
      "d": e.curved
        ? "M\(n(e.start.x)) \(n(e.start.y))Q\(n(e.control.x)) \(n(e.control.y)) \(n(stop.x)) \(n(stop.y))"
        : "M\(n(e.start.x)) \(n(e.start.y))L\(n(stop.x)) \(n(stop.y))",
      "stroke": st.colour, "stroke-width": n(width), "fill": "none",
    ]
    a.add("stroke-dasharray", st.dash)
    s.element("path", a)
    s.element(
      "path",
      [
        "class": "arrowhead",
        "d": MapChart.arrowhead(Segment(a: from, b: e.end), length: head, halfWidth: 3 + width * 0.8),
        "fill": st.colour,
      ])
    if let label = e.weightLabel {
      var t: Attributes = [
        "class": "weight", "x": n(label.x), "y": n(label.y), "font-size": n(label.size), "text-anchor": "middle",
        "fill": st.colour,
      ]
      t.pairs += DomainLabels.halo.pairs
      s.element("text", t, text: label.text)
    }
    s.close("g")
  }

  /// The nodes: the domains without links under their quadrant's heading, and every node's
  /// group (a link, with a prefix) holding its tooltip, marker and label.
  static func drawNodes(_ s: inout SVG, _ layout: GraphLayout) {
    s.open("g", ["class": "domains", "role": "list", "aria-label": tr("Domains")])
    if let t = layout.isolatedTitle { s.text(t, class: "isolated-title", fill: Palette.ink) }
    for g in layout.isolatedGroups {
      s.element("circle", ["cx": n(g.swatch.x), "cy": n(g.swatch.y), "r": "5", "fill": Palette.ink(g.quadrant)])
      s.text(g.title, class: "isolated-group", fill: Palette.text(g.quadrant))
    }
    for i in layout.nodes.indices { drawNode(&s, layout, i) }
    s.close("g")
  }

  static func drawNode(_ s: inout SVG, _ layout: GraphLayout, _ i: Int) {
    let node = layout.nodes[i]
    let linked = node.id.isEmpty ? nil : layout.options.linkPrefix.map { $0 + MapChart.percentEncoded(node.id) }
    if let linked { s.open("a", ["href": linked]) }
    var attrs: Attributes = [
      "class": layout.linked[i] ? "domain" : "domain isolated", "data-id": node.id,
      "data-quadrant": node.quadrant.rawValue,
      "data-risk": Format.number(node.risk, digits: 3),
    ]
    if let r = node.linkedRisk { attrs.add("data-linked-risk", Format.number(r, digits: 3)) }
    if let number = layout.numbers[i] { attrs.add("data-key", String(number)) }
    attrs.add("role", "listitem")
    if linked == nil { attrs.add("tabindex", "0") }
    s.open("g", attrs)
    s.element("title", text: tooltip(node, number: layout.numbers[i]))
    let a = layout.anchors[i]
    let r = layout.radii[i]
    if node.linkedRisk != nil {
      s.element(
        "circle",
        [
          "class": "raised", "cx": n(a.x), "cy": n(a.y), "r": n(r + 4), "fill": "none",
          "stroke": Palette.ink(.monitor),
          "stroke-width": "1.5", "stroke-dasharray": "3 2",
        ])
    }
    s.element(
      "circle",
      [
        "class": "marker", "cx": n(a.x), "cy": n(a.y), "r": n(r), "fill": Palette.ink(node.quadrant),
        "stroke": node.group == .user ? Palette.ink : "#ffffff", "stroke-width": node.group == .user ? "1.5" : "1",
      ])
    if let line = layout.isolatedLabels[i] {
      var t: Attributes = [
        "class": "label", "x": n(line.x), "y": n(line.y), "font-size": n(line.size), "fill": Palette.ink,
      ]
      t.pairs += DomainLabels.halo.pairs
      s.element("text", t, text: line.text)
    } else if let label = layout.labels[i] {
      s.leader(label, width: "0.9")
      s.domainLabel(
        label, lines: layout.nameLines[i], number: layout.numbers[i], size: GraphLayout.labelSize,
        numberSize: GraphLayout.numberSize, bold: node.group == .user)
    }
    s.close("g")
    if linked != nil { s.close("a") }
  }

  static func legendSymbol(_ s: inout SVG, _ symbol: GraphLayout.LegendSymbol, at a: Point) {
    switch symbol {
    case .quadrant(let q):
      s.element("circle", ["cx": n(a.x), "cy": n(a.y), "r": "7", "fill": Palette.ink(q), "stroke": "#ffffff"])
    case .kind(let kind):
      let st = style(kind)
      var l: Attributes = [
        "x1": n(a.x - 16), "y1": n(a.y), "x2": n(a.x + 16), "y2": n(a.y), "stroke": st.colour, "stroke-width": "2",
      ]
      l.add("stroke-dasharray", st.dash)
      s.element("line", l)
    case .arrow:
      let seg = Segment(a: Point(x: a.x - 16, y: a.y), b: Point(x: a.x + 16, y: a.y))
      s.element(
        "line",
        [
          "x1": n(seg.a.x), "y1": n(seg.a.y), "x2": n(seg.b.x - 6), "y2": n(seg.b.y), "stroke": Palette.ink,
          "stroke-width": "2",
        ])
      s.element("path", ["d": MapChart.arrowhead(seg, length: 9, halfWidth: 4.5), "fill": Palette.ink])
    case .raised:
      s.element("circle", ["cx": n(a.x), "cy": n(a.y), "r": "7", "fill": "#777777", "stroke": "#ffffff"])
      s.element(
        "circle",
        [
          "cx": n(a.x), "cy": n(a.y), "r": "11", "fill": "none", "stroke": Palette.ink(.monitor),
          "stroke-width": "1.5", "stroke-dasharray": "3 2",
        ])
    }
  }

  static func tooltip(_ node: GraphNode, number: Int?) -> String {
    var t = tr(
      "{name} — {quadrant}. Joint gains {gains}, political risk {risk}.",
      [
        "name": .text(DomainLabels.clean(node.label)), "quadrant": .text(ChartWords.quadrant(node.quadrant)),
        "gains": .text(Format.fixed(node.gains)), "risk": .text(Format.fixed(node.risk)),
      ])
    if let r = node.linkedRisk {
      t +=
        node.linkedSource.map {
          tr(" Links raise the risk to {risk} (from {source}).", ["risk": .text(Format.fixed(r)), "source": .text($0)])
        } ?? tr(" Links raise the risk to {risk}.", ["risk": .text(Format.fixed(r))])
    }
    if let number { t += tr(" Key number {number}.", ["number": .text(String(number))]) }
    return t
  }

  static func description(_ layout: GraphLayout) -> String {
    let linked = layout.linked.filter { $0 }.count
    let domains = layout.nodes.count
    let links = layout.edges.count
    let counts: [String: LocalizationArgument] = [
      "domains": .text(
        domains == 1
          ? tr("{count} domain", ["count": .text("1")]) : tr("{count} domains", ["count": .text(String(domains))])),
      "links": .text(
        links == 1 ? tr("{count} link", ["count": .text("1")]) : tr("{count} links", ["count": .text(String(links))])),
      "linked": .text(
        linked == 1
          ? tr("{count} linked domain", ["count": .text("1")])
          : tr("{count} linked domains", ["count": .text(String(linked))])),
    ]
    var d = tr(
      "Graph of {domains} and {links}: {linked} drawn with arrows from each domain to the domains it is tied to, coloured by quadrant; line style shows the kind of link and line width its weight.",
      counts)
    let isolated = layout.nodes.count - linked
    if isolated > 0 {
      let args: [String: LocalizationArgument] = ["count": .text(String(isolated))]
      d +=
        isolated == 1
        ? tr(" {count} domain without links are listed below by quadrant.", args)
        : tr(" {count} domains without links are listed below by quadrant.", args)
    }
    let raised = layout.nodes.filter { $0.linkedRisk != nil }.count
    if raised > 0 {
      let args: [String: LocalizationArgument] = ["count": .text(String(raised))]
      d +=
        raised == 1
        ? tr(" {count} domain's risk is raised by links (dashed ring).", args)
        : tr(" {count} domains' risk is raised by links (dashed ring).", args)
    }
    return d
  }

  /// A link kind (`applies`, `enables`, …) as shown; an unknown kind as written.
  static func kindName(_ kind: String) -> String {
    switch kind {
    case "applies": tr("applies")
    case "enables": tr("enables")
    case "shares-facility": tr("shares-facility")
    case "related": tr("related")
    case "reframes": tr("reframes")
    default: kind
    }
  }
}
