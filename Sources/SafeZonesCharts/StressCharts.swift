import Foundation
import SafeZonesCore

/// Charts of a supply-chain stress test: each node's time to survive against its time to
/// recover (see `StressScatterLayout`), and the network drawn by tier and country, coloured
/// by the margin between the two (see `StressNetworkLayout`). Standalone SVG documents; the
/// same values give the same bytes.
public enum StressCharts {
  /// TTS against TTR scatter (Simchi-Levi's signature chart)
  public static func survivalScatter(_ r: StressReport) -> String {
    renderScatter(StressScatterLayout(r))
  }

  /// The network drawn by tier, nodes coloured by margin (TTS − TTR), countries as bands
  public static func network(_ n: SupplyNetwork, report: StressReport) -> String {
    renderNetwork(StressNetworkLayout(n, report: report))
  }

  static func n(_ v: Double) -> String { MapChart.n(v) }

  /// Colours of the scatter's dots: red at risk, a neutral slate otherwise; the shaded
  /// region under the diagonal.
  static let atRiskColour = "#c0392b"
  static let safeColour = "#7b8794"
  static let regionFill = "#fbe5df"

  // MARK: - Scatter

  static func renderScatter(_ layout: StressScatterLayout) -> String {
    let r = layout.report
    let (plot, x, y) = (layout.plot, layout.x, layout.y)
    var s = SVG()
    SimDraw.open(
      &s, id: "stress-scatter", width: layout.width, height: layout.height, options: layout.options,
      description: scatterDescription(layout))

    // The region under the diagonal, the grid, the diagonal, the cap.
    s.element(
      "path",
      [
        "class": "mitigation-region",
        "d": "M\(n(plot.x)) \(n(plot.maxY))L\(n(plot.maxX)) \(n(plot.maxY))L\(n(plot.maxX)) \(n(plot.y))Z",
        "fill": regionFill,
      ])
    let ticks = SimScale.ticks(top: layout.top, step: layout.step)
    SimDraw.yAxis(&s, plot: plot, ticks: ticks, y: y, label: { Format.number($0, digits: 1) })
    s.open("g", ["class": "grid", "stroke": SimStyle.gridLine, "stroke-width": "1"])
    for t in ticks.dropFirst() {
      s.element("line", ["x1": n(x(t)), "y1": n(plot.y), "x2": n(x(t)), "y2": n(plot.maxY)])
    }
    s.close("g")
    SimDraw.xAxis(&s, plot: plot, ticks: ticks, x: x, label: { Format.number($0, digits: 1) })
    s.element(
      "line",
      [
        "class": "diagonal", "x1": n(plot.x), "y1": n(plot.maxY), "x2": n(plot.maxX), "y2": n(plot.y),
        "stroke": Palette.threshold, "stroke-width": "1.2", "stroke-dasharray": "6 4",
      ])
    note(&s, layout.diagonalNote, class: "diagonal-label", fill: Palette.threshold)
    note(&s, layout.regionNote, class: "region-label", fill: "#9b2c1f")
    if let cap = layout.capLine {
      s.element(
        "line",
        [
          "class": "cap", "x1": n(plot.x), "y1": n(y(cap)), "x2": n(plot.maxX), "y2": n(y(cap)),
          "stroke": Palette.frame, "stroke-width": "1", "stroke-dasharray": "2 3",
        ])
    }
    if let c = layout.capNote { note(&s, c, class: "cap-label", fill: Palette.muted) }

    // The recovery ranges, under every dot.
    let many = r.nodes.count > 100
    s.open("g", ["class": "ranges", "stroke-width": many ? "1" : "1.5", "stroke-opacity": many ? "0.5" : "0.7"])
    for i in layout.drawOrder {
      guard let range = r.nodes[i].ttrRange, range.count == 3, range[2] > range[0] else { continue }
      let a = layout.anchors[i]
      let (x0, x1) = (x(range[0]), x(range[2]))
      let colour = r.nodes[i].atRisk ? atRiskColour : safeColour
      s.element(
        "path",
        [
          "class": "range", "data-id": r.nodes[i].id,
          "d": "M\(n(x0)) \(n(a.y - 3))V\(n(a.y + 3))M\(n(x0)) \(n(a.y))H\(n(x1))M\(n(x1)) \(n(a.y - 3))V\(n(a.y + 3))",
          "stroke": colour, "fill": "none",
        ])
    }
    s.close("g")

    // The dots, largest first, each with its tooltip.
    s.open("g", ["class": "nodes", "role": "list", "aria-label": tr("Nodes")])
    for i in layout.drawOrder {
      let node = r.nodes[i]
      let a = layout.anchors[i]
      let colour = node.atRisk ? atRiskColour : safeColour
      var attrs: Attributes = [
        "class": node.atRisk ? "node at-risk" : "node", "data-id": node.id,
        "data-tts": Format.number(node.ttsDays, digits: 1), "data-ttr": Format.number(node.ttrDays, digits: 1),
        "data-margin": Format.number(node.marginDays, digits: 1),
        "data-impact": Format.number(node.performanceImpact, digits: 1),
      ]
      if layout.capped[i] { attrs.add("data-capped", "true") }
      if let number = layout.numbers[i] { attrs.add("data-key", String(number)) }
      attrs.add("role", "listitem")
      attrs.add("tabindex", "0")
      s.open("g", attrs)
      s.element("title", text: tooltip(node, number: layout.numbers[i]))
      s.element(
        "circle",
        [
          "class": "marker", "cx": n(a.x), "cy": n(a.y), "r": n(layout.radii[i]), "fill": colour,
          "fill-opacity": "0.8", "stroke": "#ffffff", "stroke-width": "1",
        ])
      if layout.capped[i] {
        let box = StressScatterLayout.arrowBox(a, radius: layout.radii[i])
        let shaft = Segment(a: Point(x: a.x, y: a.y - layout.radii[i]), b: Point(x: a.x, y: box.y))
        s.element(
          "path",
          [
            "class": "capped", "d": "M\(n(shaft.a.x)) \(n(shaft.a.y))V\(n(shaft.b.y + 4))", "stroke": colour,
            "stroke-width": "1.5",
          ])
        s.element(
          "path", ["class": "capped", "d": MapChart.arrowhead(shaft, length: 5, halfWidth: 3.5), "fill": colour])
      }
      s.close("g")
    }
    s.close("g")

    // Labels over everything, each clear of every dot.
    s.open("g", ["class": "labels"])
    for i in r.nodes.indices {
      guard let label = layout.labels[i] else { continue }
      s.open("g", ["class": "node-label", "data-id": r.nodes[i].id])
      s.leader(label, width: "0.9")
      s.domainLabel(
        label, lines: layout.nameLines[i], number: layout.numbers[i], size: StressScatterLayout.labelSize,
        numberSize: StressScatterLayout.numberSize, bold: r.nodes[i].atRisk)
      s.close("g")
    }
    s.close("g")

    SimDraw.frame(&s, plot)
    SimDraw.yTitle(&s, tr("Time to survive, TTS (days)"), plot: plot, x: 24)
    SimDraw.xTitle(&s, tr("Time to recover, TTR (days, likely)"), plot: plot, y: plot.maxY + 44)
    s.legend(layout.legend, symbol: scatterSymbol)
    if let key = layout.key { s.key(key, ids: { r.nodes[$0].id }, dataKey: true) }
    s.close("svg")
    return s.text
  }

  /// A note at its place, turned by its angle about its anchor, with a white halo.
  static func note(_ s: inout SVG, _ note: StressScatterLayout.Note, class cls: String, fill: String) {
    let line = note.line
    var a: Attributes = ["class": cls]
    if note.angle != 0 {
      a.add("transform", "translate(\(n(line.x)) \(n(line.y))) rotate(\(n(note.angle)))")
    } else {
      a.add("x", n(line.x))
      a.add("y", n(line.y))
    }
    a.add("font-size", n(line.size))
    if line.bold { a.add("font-weight", "bold") }
    if line.anchor != .start { a.add("text-anchor", line.anchor.rawValue) }
    a.add("fill", fill)
    a.pairs += DomainLabels.halo.pairs
    s.element("text", a, text: line.text)
  }

  static func scatterSymbol(_ s: inout SVG, _ symbol: StressScatterLayout.LegendSymbol, at a: Point) {
    switch symbol {
    case .atRisk, .safe:
      s.element(
        "circle",
        [
          "cx": n(a.x), "cy": n(a.y), "r": "6", "fill": symbol == .atRisk ? atRiskColour : safeColour,
          "fill-opacity": "0.8", "stroke": "#ffffff",
        ])
    case .range:
      s.element(
        "path",
        [
          "d":
            "M\(n(a.x - 16)) \(n(a.y - 3))V\(n(a.y + 3))M\(n(a.x - 16)) \(n(a.y))H\(n(a.x + 16))M\(n(a.x + 16)) \(n(a.y - 3))V\(n(a.y + 3))",
          "stroke": safeColour, "stroke-width": "1.5", "fill": "none",
        ])
      s.element("circle", ["cx": n(a.x), "cy": n(a.y), "r": "5", "fill": safeColour, "stroke": "#ffffff"])
    case .capped:
      s.element("circle", ["cx": n(a.x), "cy": n(a.y + 4), "r": "5", "fill": safeColour, "stroke": "#ffffff"])
      let shaft = Segment(a: Point(x: a.x, y: a.y - 1), b: Point(x: a.x, y: a.y - 12))
      s.element("path", ["d": "M\(n(a.x)) \(n(a.y - 1))V\(n(a.y - 8))", "stroke": safeColour, "stroke-width": "1.5"])
      s.element("path", ["d": MapChart.arrowhead(shaft, length: 5, halfWidth: 3.5), "fill": safeColour])
    case .region:
      s.element(
        "path",
        [
          "d": "M\(n(a.x - 14)) \(n(a.y + 8))H\(n(a.x + 14))V\(n(a.y - 8))Z", "fill": regionFill, "stroke": "#e3b5a8",
        ])
      s.element(
        "line",
        [
          "x1": n(a.x - 14), "y1": n(a.y + 8), "x2": n(a.x + 14), "y2": n(a.y - 8), "stroke": Palette.threshold,
          "stroke-dasharray": "4 3",
        ])
    case .size(let radius):
      s.element(
        "circle",
        ["cx": n(a.x), "cy": n(a.y), "r": n(radius), "fill": "none", "stroke": Palette.muted, "stroke-width": "1"])
    }
  }

  static func scatterDescription(_ layout: StressScatterLayout) -> String {
    let r = layout.report
    let count = r.nodes.count
    let args: [String: LocalizationArgument] = [
      "count": .text(String(count)), "network": .text(DomainLabels.clean(r.network)),
      "top": .text(Format.number(layout.top, digits: 1)),
    ]
    var d =
      count == 1
      ? tr(
        "Each of the {count} node of {network} as a dot: its likely time to recover (horizontal) against its time to survive when it alone goes down (vertical), both in days from 0 to {top}. ",
        args)
      : tr(
        "Each of the {count} nodes of {network} as a dot: its likely time to recover (horizontal) against its time to survive when it alone goes down (vertical), both in days from 0 to {top}. ",
        args)
    d += tr("Dots below the diagonal TTS = TTR run out before the node recovers and need mitigation. ")
    let risky = r.ranked.filter(\.atRisk)
    if risky.isEmpty {
      d += tr("No node is at risk.")
    } else {
      let named = risky.prefix(10).map(\.id).joined(separator: ", ")
      d += tr(
        "{count} at risk, most impact first: {nodes}.",
        ["count": .text(String(risky.count)), "nodes": .text(named + (risky.count > 10 ? ", …" : ""))])
    }
    let capped = layout.capped.filter { $0 }.count
    if let cap = layout.capLine, capped > 0 {
      let capArgs: [String: LocalizationArgument] = [
        "count": .text(String(capped)), "cap": .text(Format.number(cap, digits: 1)),
      ]
      d +=
        capped == 1
        ? tr(" {count} reaches the cap of {cap} days (arrows up).", capArgs)
        : tr(" {count} reach the cap of {cap} days (arrows up).", capArgs)
    }
    if let top = r.ranked.first, top.performanceImpact > 0 {
      d += tr(
        " Dot area shows the performance impact; the largest is {node} ({impact}).",
        ["node": .text(top.id), "impact": .text(Format.number(top.performanceImpact, digits: 1))])
    }
    if r.nodes.contains(where: { ($0.ttrRange?.count ?? 0) == 3 }) {
      d += tr(" Horizontal whiskers span a recovery's range, low to high.")
    }
    return d
  }

  /// A node's tooltip: who it is, then its numbers.
  static func tooltip(_ node: StressReport.Node, produces: String? = nil, number: Int? = nil) -> String {
    var t = DomainLabels.clean(node.id)
    if let name = node.name.map(DomainLabels.clean), !name.isEmpty, name != t { t += " — \(name)" }
    var facts = [tr("produces {product}", ["product": .text(DomainLabels.clean(produces ?? node.produces))])]
    if let c = node.country { facts.append(DomainLabels.clean(c)) }
    if let tier = node.tier { facts.append(tr("tier {tier}", ["tier": .text(String(tier))])) }
    t += " (\(facts.joined(separator: ", "))). "
    t += tr(
      "TTS {tts} days, TTR {ttr} days, TTS − TTR {margin} days, P(at risk) {p}, impact {impact}.",
      [
        "tts": .text(StressText.tts(node.ttsDays, capped: node.ttsCapped)), "ttr": .text(StressText.ttr(node)),
        "margin": .text((node.ttsCapped ? "≥ " : "") + Format.fixed(node.marginDays, digits: 1)),
        "p": .text(Format.fixed(node.pAtRisk, digits: 2)),
        "impact": .text(Format.number(node.performanceImpact, digits: 1)),
      ])
    if node.atRisk { t += tr(" At risk: needs mitigation.") }
    if let number { t += tr(" Key number {number}.", ["number": .text(String(number))]) }
    return t
  }

  // MARK: - Network

  static func renderNetwork(_ layout: StressNetworkLayout) -> String {
    let net = layout.network
    var s = SVG()
    SimDraw.open(
      &s, id: "stress-network", width: layout.width, height: layout.height, options: layout.options,
      description: networkDescription(layout))

    s.open("g", ["class": "bands"])
    for (k, band) in layout.bands.enumerated() {
      let r = band.rect
      s.open("g", ["class": "band", "data-country": band.country ?? ""])
      s.element(
        "rect",
        [
          "x": n(r.x), "y": n(r.y), "width": n(r.w), "height": n(r.h), "fill": k % 2 == 0 ? "#f2f4f7" : "#ffffff",
        ])
      s.text(band.name, class: "band-name", fill: Palette.ink)
      if !band.count.text.isEmpty { s.text(band.count, class: "band-count", fill: Palette.muted) }
      s.close("g")
    }
    s.close("g")
    s.open("g", ["class": "tiers"])
    for c in layout.columns {
      for (k, line) in c.header.enumerated() {
        s.text(line, class: k == 0 ? "tier" : "tier-note", fill: k == 0 ? Palette.ink : Palette.muted)
      }
    }
    s.close("g")

    // Links, light and under the nodes.
    let many = !layout.named
    s.open(
      "g",
      [
        "class": "links", "fill": "none", "stroke": "#5f6b78", "stroke-opacity": many ? "0.3" : "0.55",
        "stroke-width": many ? "0.7" : "1.2",
      ])
    for l in layout.links {
      let (a, b) = (l.start, l.end)
      let pull = max(30, abs(b.x - a.x) / 2)
      let from = net.nodes[l.from].id
      let to = net.nodes[l.to].id
      s.open("g", ["class": "link", "data-from": from, "data-to": to])
      s.element(
        "title",
        text: tr(
          "{from} supplies {product} to {to}",
          [
            "from": .text(DomainLabels.clean(from)), "product": .text(DomainLabels.clean(net.nodes[l.from].produces)),
            "to": .text(DomainLabels.clean(to)),
          ])
      )
      s.element(
        "path",
        ["d": "M\(n(a.x)) \(n(a.y))C\(n(a.x + pull)) \(n(a.y)) \(n(b.x - pull)) \(n(b.y)) \(n(b.x)) \(n(b.y))"])
      s.close("g")
    }
    s.close("g")

    s.open("g", ["class": "nodes", "role": "list", "aria-label": tr("Nodes")])
    for (i, node) in net.nodes.enumerated() {
      let shade = layout.shades[i]
      var attrs: Attributes = [
        "class": layout.results[i]?.atRisk == true ? "node at-risk" : "node", "data-id": node.id,
        "data-tier": String(layout.tiers[i]),
      ]
      if let r = layout.results[i] { attrs.add("data-margin", Format.number(r.marginDays, digits: 1)) }
      if layout.inferred[i] { attrs.add("data-tier-inferred", "true") }
      attrs.add("role", "listitem")
      attrs.add("tabindex", "0")
      s.open("g", attrs)
      if let r = layout.results[i] {
        s.element(
          "title",
          text: tooltip(r, produces: node.produces)
            + (layout.inferred[i]
              ? tr(" Tier {tier} inferred from the links.", ["tier": .text(String(layout.tiers[i]))]) : ""))
      } else {
        s.element(
          "title",
          text: tr(
            "{node} (produces {product}): not in the report.",
            ["node": .text(DomainLabels.clean(node.id)), "product": .text(DomainLabels.clean(node.produces))]))
      }
      let box = layout.boxes[i]
      var rect: Attributes = [
        "class": "marker", "x": n(box.x), "y": n(box.y), "width": n(box.w), "height": n(box.h),
        "rx": layout.named ? "4" : "2.5", "fill": StressNetworkLayout.fill(shade),
        "stroke": shade == .untested ? Palette.muted : "#4d4d4d", "stroke-width": layout.named ? "0.9" : "0.6",
      ]
      if shade == .untested { rect.add("stroke-dasharray", "3 2") }
      s.element("rect", rect)
      if let name = layout.names[i] { s.text(name, class: "label", fill: StressNetworkLayout.textFill(shade)) }
      s.close("g")
    }
    s.close("g")
    s.legend(layout.legend, symbol: networkSymbol)
    s.close("svg")
    return s.text
  }

  static func networkSymbol(_ s: inout SVG, _ symbol: StressNetworkLayout.LegendSymbol, at a: Point) {
    switch symbol {
    case .caption:
      break
    case .shade(let shade):
      var rect: Attributes = [
        "x": n(a.x - 12), "y": n(a.y - 7), "width": "24", "height": "14", "rx": "3",
        "fill": StressNetworkLayout.fill(shade), "stroke": shade == .untested ? Palette.muted : "#4d4d4d",
        "stroke-width": "0.9",
      ]
      if shade == .untested { rect.add("stroke-dasharray", "3 2") }
      s.element("rect", rect)
    case .link:
      s.element(
        "path",
        [
          "d":
            "M\(n(a.x - 16)) \(n(a.y + 6))C\(n(a.x)) \(n(a.y + 6)) \(n(a.x)) \(n(a.y - 6)) \(n(a.x + 16)) \(n(a.y - 6))",
          "fill": "none", "stroke": "#5f6b78", "stroke-width": "1.2",
        ])
    }
  }

  static func networkDescription(_ layout: StressNetworkLayout) -> String {
    let net = layout.network
    let count = net.nodes.count
    let bands = layout.bands.map { b in
      "\(b.country.map(DomainLabels.clean) ?? tr("no country")) \(layout.boxes.indices.filter { net.nodes[$0].country == b.country }.count)"
    }
    let args: [String: LocalizationArgument] = [
      "count": .text(String(count)), "network": .text(DomainLabels.clean(net.name)),
      "bands": .text(bands.joined(separator: ", ")), "links": .text(String(layout.links.count)),
    ]
    var d: String
    switch (count == 1, layout.links.count == 1) {
    case (true, true):
      d = tr(
        "The {count} node of {network} in columns by tier, tier 0 (the finished goods) on the right and suppliers further upstream to the left, in bands by country ({bands}), with {links} link from supplier to customer. ",
        args)
    case (true, false):
      d = tr(
        "The {count} node of {network} in columns by tier, tier 0 (the finished goods) on the right and suppliers further upstream to the left, in bands by country ({bands}), with {links} links from supplier to customer. ",
        args)
    case (false, true):
      d = tr(
        "The {count} nodes of {network} in columns by tier, tier 0 (the finished goods) on the right and suppliers further upstream to the left, in bands by country ({bands}), with {links} link from supplier to customer. ",
        args)
    case (false, false):
      d = tr(
        "The {count} nodes of {network} in columns by tier, tier 0 (the finished goods) on the right and suppliers further upstream to the left, in bands by country ({bands}), with {links} links from supplier to customer. ",
        args)
    }
    d += tr(
      "Each node is coloured by its time to survive minus its time to recover: red when it runs out before it recovers, blue when it has days to spare, grey when its time to survive reaches the cap."
    )
    let risky = net.nodes.indices.filter { layout.results[$0]?.atRisk == true }.map { net.nodes[$0].id }
    if !risky.isEmpty {
      d += tr(
        " {count} at risk: {nodes}.",
        [
          "count": .text(String(risky.count)),
          "nodes": .text(risky.prefix(10).joined(separator: ", ") + (risky.count > 10 ? ", …" : "")),
        ])
    }
    let guessed = layout.inferred.filter { $0 }.count
    if guessed > 0 {
      let guessedArgs: [String: LocalizationArgument] = ["count": .text(String(guessed))]
      d +=
        guessed == 1
        ? tr(" {count} node's tier is inferred from the links.", guessedArgs)
        : tr(" {count} nodes' tier is inferred from the links.", guessedArgs)
    }
    return d
  }
}
