import Foundation
import SafeZonesCore

/// One domain as drawn on the map.
public struct MapPoint: Sendable, Hashable {
  /// Which set a point belongs to, drawn differently so a user's domains stand out.
  public enum Group: String, Sendable, Hashable { case shipped, user }

  public var id: String
  public var label: String
  public var gains: Double
  public var risk: Double
  public var gainsRange: ClosedRange<Double>
  public var riskRange: ClosedRange<Double>
  public var quadrant: Quadrant
  public var borderline: Bool
  public var group: Group

  public init(
    id: String, label: String, gains: Double, risk: Double, gainsRange: ClosedRange<Double>? = nil,
    riskRange: ClosedRange<Double>? = nil, quadrant: Quadrant, borderline: Bool = false, group: Group = .shipped
  ) {
    self.id = id
    self.label = label
    self.gains = gains
    self.risk = risk
    // A NaN score would make `v...v` trap; such a point is drawn at 0 without whiskers.
    self.gainsRange = gainsRange ?? (gains.isNaN ? 0...0 : gains...gains)
    self.riskRange = riskRange ?? (risk.isNaN ? 0...0 : risk...risk)
    self.quadrant = quadrant
    self.borderline = borderline
    self.group = group
  }

  /// The point of a placed domain, at full precision, with its envelope as whiskers when
  /// ranges or missing criteria give it one.
  public init(_ placed: PlacedDomain, group: Group = .shipped) {
    let p = placed.placement
    // An envelope narrower than floating-point noise is a point, not a range to draw.
    func range(_ envelope: ClosedRange<Double>, _ value: Double) -> ClosedRange<Double> {
      envelope.upperBound - envelope.lowerBound > 1e-9 ? envelope : value...value
    }
    self.init(
      id: placed.id, label: Localization.domainName(id: placed.id, english: placed.name), gains: p.gains, risk: p.risk,
      gainsRange: range(p.gainsEnvelope, p.gains), riskRange: range(p.riskEnvelope, p.risk), quadrant: p.quadrant,
      borderline: p.borderline, group: group)
  }
}

/// What surrounds the points: title, thresholds, size, links.
public struct MapOptions: Sendable, Hashable {
  public var title: String
  public var subtitle: String
  public var thresholds: Thresholds
  /// Canvas width; the plot and the legend share it.
  public var width: Double
  /// Canvas height; it grows when the key of numbered domains needs room below the plot.
  public var height: Double
  /// When set, each point links to `linkPrefix + id` (the web app uses `/domains/`).
  public var linkPrefix: String?
  /// The uncertainty layer, per domain id: 90% ellipses and probabilities (empty: none).
  public var uncertainty: [String: UncertaintyMark] = [:]
  /// How markers are coloured; `.safeZoneProbability` needs `uncertainty`.
  public var colourMode: MapColourMode = .quadrant
  /// The words the map draws (``MapText/english`` unless told otherwise; see
  /// ``MapText/init(_:)`` for another language). `title` and `subtitle` are given apart.
  public var text: MapText = .english

  public init(
    title: String, subtitle: String, thresholds: Thresholds, width: Double = 1200, height: Double = 900,
    linkPrefix: String? = nil
  ) {
    self.title = title
    self.subtitle = subtitle
    self.thresholds = thresholds
    self.width = width
    self.height = height
    self.linkPrefix = linkPrefix
  }

  /// The standard title for a rubric: country pair and rubric version, in the words of
  /// `text`, which the map then draws with.
  public init(rubric: Rubric, title: String? = nil, linkPrefix: String? = nil, text: MapText = .english) {
    self.init(
      title: title ?? text.title(pair: rubric.countries),
      subtitle: text.subtitle(rubricVersion: rubric.version),
      thresholds: rubric.thresholds, linkPrefix: linkPrefix)
    self.text = text
  }
}

/// The essay's Table 1 drawn from computed placements.
public enum MapChart {
  /// Renders the map as a standalone SVG document. The output depends only on the
  /// arguments: the same points and options give the same bytes.
  public static func svg(_ points: [MapPoint], options: MapOptions) -> String {
    render(MapLayout(points, options: options))
  }

  static func render(_ layout: MapLayout) -> String {
    var s = SVG()
    let language = layout.options.text.language
    s.openInteractiveChart(
      id: "map", width: layout.width, height: layout.height,
      title: "\(layout.title.text) — \(layout.subtitle.text)", description: description(layout),
      language: language == .english ? nil : language.tag)
    s.header(title: layout.title, subtitle: layout.subtitle)
    drawQuadrants(&s, layout)
    drawAxes(&s, layout)
    drawEnvelopes(&s, layout)
    if !layout.options.uncertainty.isEmpty { drawUncertainty(&s, layout) }
    if !layout.trajectories.isEmpty { drawTrajectories(&s, layout) }
    drawPoints(&s, layout)
    s.legend(layout.legend) { s, symbol, at in legendSymbol(&s, symbol, at: at, style: layout.style) }
    if let key = layout.key { s.key(key, ids: { layout.points[$0].id }, dataKey: true) }
    s.close("svg")
    return s.text
  }

  // MARK: - Parts

  /// The four quadrants, the grid, the threshold lines, the quadrants' names and the frame.
  static func drawQuadrants(_ s: inout SVG, _ layout: MapLayout) {
    let options = layout.options
    let plot = layout.plot
    s.open("g", ["class": "quadrants"])
    for name in layout.quadrantNames {
      let r = name.region
      s.element(
        "rect",
        [
          "class": "quadrant", "data-quadrant": name.quadrant.rawValue, "x": n(r.x), "y": n(r.y), "width": n(r.w),
          "height": n(r.h), "fill": Palette.fill(name.quadrant),
        ])
    }
    s.close("g")
    let ticks = Self.ticks(options.thresholds)
    s.open("g", ["class": "grid", "stroke": Palette.grid, "stroke-width": "1"])
    for (v, _) in ticks.gains where v > 0 && v < 1 {
      s.element("line", ["x1": n(layout.x(v)), "y1": n(plot.y), "x2": n(layout.x(v)), "y2": n(plot.maxY)])
    }
    for (v, _) in ticks.risk where v > 0 && v < 1 {
      s.element("line", ["x1": n(plot.x), "y1": n(layout.y(v)), "x2": n(plot.maxX), "y2": n(layout.y(v))])
    }
    s.close("g")
    let tx = layout.x(options.thresholds.gains)
    let ty = layout.y(options.thresholds.risk)
    s.open("g", ["class": "thresholds", "stroke": Palette.threshold, "stroke-width": "1.5", "stroke-dasharray": "7 5"])
    s.element(
      "line",
      ["class": "threshold", "data-axis": "gains", "x1": n(tx), "y1": n(plot.y), "x2": n(tx), "y2": n(plot.maxY)])
    s.element(
      "line",
      ["class": "threshold", "data-axis": "risk", "x1": n(plot.x), "y1": n(ty), "x2": n(plot.maxX), "y2": n(ty)])
    s.close("g")
    s.open("g", ["class": "quadrant-names"])
    for name in layout.quadrantNames {
      for line in name.lines { s.text(line, class: "quadrant-name", fill: Palette.text(name.quadrant)) }
    }
    s.close("g")
    s.element(
      "rect",
      [
        "class": "frame", "x": n(plot.x), "y": n(plot.y), "width": n(plot.w), "height": n(plot.h), "fill": "none",
        "stroke": Palette.frame, "stroke-width": "1",
      ])
  }

  /// Tick values under and beside the plot (the thresholds in bold) and the axis titles.
  static func drawAxes(_ s: inout SVG, _ layout: MapLayout) {
    let plot = layout.plot
    let text = layout.options.text
    let ticks = Self.ticks(layout.options.thresholds)
    s.open("g", ["class": "axes", "fill": Palette.muted, "font-size": "12"])
    for (v, isThreshold) in ticks.gains {
      var a: Attributes = ["x": n(layout.x(v)), "y": n(plot.maxY + 18), "text-anchor": "middle"]
      if isThreshold { a.add("font-weight", "bold") }
      s.element("text", a, text: Format.number(v, digits: 3))
    }
    for (v, isThreshold) in ticks.risk {
      var a: Attributes = ["x": n(plot.x - 7), "y": n(layout.y(v) + 4), "text-anchor": "end"]
      if isThreshold { a.add("font-weight", "bold") }
      s.element("text", a, text: Format.number(v, digits: 3))
    }
    let axisY = plot.maxY + 46
    s.element(
      "text", ["class": "axis-end", "x": n(plot.x), "y": n(axisY), "font-size": "13"], text: text.text("map.axis.low"))
    s.element(
      "text",
      [
        "class": "axis-title", "x": n(plot.midX), "y": n(axisY), "text-anchor": "middle", "font-size": "16",
        "font-weight": "bold", "fill": Palette.ink,
      ], text: text.text("map.axis.gains"))
    s.element(
      "text", ["class": "axis-end", "x": n(plot.maxX), "y": n(axisY), "text-anchor": "end", "font-size": "13"],
      text: text.text("map.axis.high"))
    let axisX = 30.0
    s.element(
      "text",
      ["class": "axis-end", "transform": "translate(\(n(axisX)) \(n(plot.maxY))) rotate(-90)", "font-size": "13"],
      text: text.text("map.axis.low"))
    s.element(
      "text",
      [
        "class": "axis-title", "transform": "translate(\(n(axisX)) \(n(plot.midY))) rotate(-90)",
        "text-anchor": "middle",
        "font-size": "16", "font-weight": "bold", "fill": Palette.ink,
      ], text: text.text("map.axis.risk"))
    s.element(
      "text",
      [
        "class": "axis-end", "transform": "translate(\(n(axisX)) \(n(plot.y))) rotate(-90)", "text-anchor": "end",
        "font-size": "13",
      ], text: text.text("map.axis.high"))
    s.close("g")
  }

  /// The low–high whiskers of points with ranges, under every point (none where the
  /// uncertainty layer draws an ellipse instead).
  static func drawEnvelopes(_ s: inout SVG, _ layout: MapLayout) {
    let style = layout.style
    s.open("g", ["class": "envelopes", "stroke-width": n(style.whiskerWidth), "stroke-linecap": "round"])
    for (i, p) in layout.points.enumerated() {
      let a = layout.anchors[i]
      let hasG = p.gainsRange.upperBound > p.gainsRange.lowerBound
      let hasR = p.riskRange.upperBound > p.riskRange.lowerBound
      guard hasG || hasR, layout.options.uncertainty[p.id] == nil else { continue }
      s.open(
        "g",
        [
          "class": "envelope", "data-id": p.id, "stroke": Palette.ink(p.quadrant),
          "stroke-opacity": Format.number(style.whiskerOpacity, digits: 2),
        ])
      let cap = style.whiskerCap
      if hasG {
        let x0 = layout.x(p.gainsRange.lowerBound)
        let x1 = layout.x(p.gainsRange.upperBound)
        s.element(
          "path",
          [
            "class": "whisker gains",
            "d":
              "M\(n(x0)) \(n(a.y))H\(n(x1))M\(n(x0)) \(n(a.y - cap))v\(n(2 * cap))M\(n(x1)) \(n(a.y - cap))v\(n(2 * cap))",
            "fill": "none",
          ])
      }
      if hasR {
        let y0 = layout.y(p.riskRange.upperBound)
        let y1 = layout.y(p.riskRange.lowerBound)
        s.element(
          "path",
          [
            "class": "whisker risk",
            "d":
              "M\(n(a.x)) \(n(y0))V\(n(y1))M\(n(a.x - cap)) \(n(y0))h\(n(2 * cap))M\(n(a.x - cap)) \(n(y1))h\(n(2 * cap))",
            "fill": "none",
          ])
      }
      s.close("g")
    }
    s.close("g")
  }

  /// The points with their labels; the user's domains last, so that they sit on top.
  static func drawPoints(_ s: inout SVG, _ layout: MapLayout) {
    let points = layout.points
    let order =
      points.indices.filter { points[$0].group != .user } + points.indices.filter { points[$0].group == .user }
    s.open("g", ["class": "domains", "role": "list", "aria-label": layout.options.text.text("map.domains-label")])
    for i in order { drawPoint(&s, layout, i) }
    s.close("g")
  }

  /// One point: a group (a link, with a prefix) holding its tooltip, leader, marker and label.
  static func drawPoint(_ s: inout SVG, _ layout: MapLayout, _ i: Int) {
    let options = layout.options
    let p = layout.points[i]
    let linked = options.linkPrefix.map { $0 + Self.percentEncoded(p.id) }
    if let linked { s.open("a", ["href": linked]) }
    var attrs: Attributes = [
      "class": "domain", "data-id": p.id, "data-quadrant": p.quadrant.rawValue,
      "data-gains": Format.number(p.gains, digits: 3), "data-risk": Format.number(p.risk, digits: 3),
      "data-group": p.group.rawValue,
    ]
    if p.borderline { attrs.add("data-borderline", "true") }
    if let number = layout.numbers[i] { attrs.add("data-key", String(number)) }
    if let mark = options.uncertainty[p.id] {
      attrs.add("data-p-safe", Format.number(mark.safeZone, digits: 3))
      attrs.add("data-confidence", Format.number(mark.confidence, digits: 3))
    }
    attrs.add("role", "listitem")
    // A link is already focusable; a second tab stop on the group would double every stop.
    if linked == nil { attrs.add("tabindex", "0") }
    s.open("g", attrs)
    s.element(
      "title",
      text: options.text.sentences(
        tooltipSentences(p, number: layout.numbers[i], text: options.text) + uncertaintySentences(options, id: p.id)))
    let label = layout.labels[i]
    if let label { s.leader(label, width: label.kind == .name ? "0.9" : "0.7") }
    let byProbability = probabilityColour(options, id: p.id)
    marker(
      &s, at: layout.anchors[i], radius: layout.radii[i], quadrant: p.quadrant,
      borderline: p.borderline && byProbability == nil, user: p.group == .user, colour: byProbability,
      outline: byProbability.map { _ in Palette.ink })
    if let label {
      s.domainLabel(
        label, lines: layout.nameLines[i], number: layout.numbers[i], size: layout.style.labelSize,
        numberSize: layout.style.numberSize, bold: p.group == .user)
    }
    s.close("g")
    if linked != nil { s.close("a") }
  }

  // MARK: - Pieces

  /// A coordinate in tenths of a unit, without trailing zeros (`12`, `12.5`), rounded half
  /// away from zero in integer arithmetic so the bytes never depend on a formatter.
  static func n(_ v: Double) -> String {
    let t = (v * 10).rounded()
    guard t.isFinite, abs(t) < 1e15 else { return "0" }
    let tenths = Int64(t)
    let a = tenths.magnitude
    let text = a % 10 == 0 ? "\(a / 10)" : "\(a / 10).\(a % 10)"
    return tenths < 0 ? "-" + text : text
  }

  private static func marker(
    _ s: inout SVG, at a: Point, radius r: Double, quadrant: Quadrant?, borderline: Bool, user: Bool, colour: String?,
    outline: String? = nil
  ) {
    let ink = colour ?? quadrant.map(Palette.ink) ?? Palette.muted
    let fill = borderline ? "#ffffff" : ink
    let stroke = outline ?? (borderline ? ink : (user ? Palette.ink : "#ffffff"))
    let width = borderline ? "2.5" : (user ? "1.5" : "1")
    if user {
      s.element(
        "path",
        [
          "class": "marker",
          "d": "M\(n(a.x)) \(n(a.y - r))L\(n(a.x + r)) \(n(a.y))L\(n(a.x)) \(n(a.y + r))L\(n(a.x - r)) \(n(a.y))Z",
          "fill": fill, "stroke": stroke, "stroke-width": width,
        ])
    } else {
      s.element(
        "circle",
        [
          "class": "marker", "cx": n(a.x), "cy": n(a.y), "r": n(borderline ? r - 0.5 : r), "fill": fill,
          "stroke": stroke, "stroke-width": width,
        ])
    }
  }

  private static func legendSymbol(
    _ s: inout SVG, _ symbol: MapLayout.LegendSymbol, at a: Point, style: MapLayout.Style
  ) {
    switch symbol {
    case .quadrant(let q):
      marker(&s, at: a, radius: 6, quadrant: q, borderline: false, user: false, colour: nil)
    case .borderline:
      marker(&s, at: a, radius: 6, quadrant: nil, borderline: true, user: false, colour: Palette.muted)
    case .shipped:
      marker(&s, at: a, radius: 6, quadrant: nil, borderline: false, user: false, colour: "#777777")
    case .user:
      marker(&s, at: a, radius: 7.5, quadrant: nil, borderline: false, user: true, colour: "#777777")
    case .range:
      s.element(
        "path",
        [
          "d": "M\(n(a.x - 14)) \(n(a.y))H\(n(a.x + 14))M\(n(a.x - 14)) \(n(a.y - 4))v8M\(n(a.x + 14)) \(n(a.y - 4))v8",
          "fill": "none", "stroke": Palette.muted, "stroke-width": "1.5",
        ])
      marker(&s, at: a, radius: 4, quadrant: nil, borderline: false, user: false, colour: "#777777")
    case .threshold:
      s.element(
        "line",
        [
          "x1": n(a.x - 14), "y1": n(a.y), "x2": n(a.x + 14), "y2": n(a.y), "stroke": Palette.threshold,
          "stroke-width": "1.5", "stroke-dasharray": "7 5",
        ])
    case .trajectory:
      trajectoryLegendSymbol(&s, at: a)
    case .ellipse, .probability:
      uncertaintyLegendSymbol(&s, symbol, at: a)
    case .number:
      s.element(
        "text",
        [
          "x": n(a.x), "y": n(a.y + 4.5), "font-size": n(style.numberSize), "font-weight": "bold",
          "text-anchor": "middle",
          "fill": Palette.ink,
        ], text: "12")
    }
  }

  /// Tick values per axis, with `true` for the threshold.
  static func ticks(_ t: Thresholds) -> (gains: [(Double, Bool)], risk: [(Double, Bool)]) {
    func axis(_ threshold: Double) -> [(Double, Bool)] {
      let th = MapLayout.clamp(threshold)
      var out: [(Double, Bool)] = []
      for v in [0.0, 0.25, 0.5, 0.75, 1.0] where abs(v - th) >= 0.06 || abs(v - th) < 1e-9 {
        out.append((v, abs(v - th) < 1e-9))
      }
      if !out.contains(where: \.1) { out.append((th, true)) }
      return out.sorted { $0.0 < $1.0 }
    }
    return (axis(t.gains), axis(t.risk))
  }

  /// The tooltip of a point: name, quadrant, scores.
  static func tooltip(_ p: MapPoint, number: Int?, text: MapText = .english) -> String {
    text.sentences(tooltipSentences(p, number: number, text: text))
  }

  /// The sentences of a point's tooltip.
  static func tooltipSentences(_ p: MapPoint, number: Int?, text: MapText) -> [String] {
    func range(_ r: ClosedRange<Double>) -> String {
      guard r.upperBound > r.lowerBound else { return "" }
      return text.text(
        "map.tooltip.range", ["low": .text(Format.fixed(r.lowerBound)), "high": .text(Format.fixed(r.upperBound))])
    }
    var sentences = [
      text.text(
        "map.tooltip.point",
        [
          "name": .text(DomainLabels.clean(p.label)), "quadrant": .text(text.quadrantName(p.quadrant)),
          "gains": .text(Format.fixed(p.gains)), "gains-range": .text(range(p.gainsRange)),
          "risk": .text(Format.fixed(p.risk)), "risk-range": .text(range(p.riskRange)),
        ])
    ]
    if p.borderline { sentences.append(text.text("map.tooltip.borderline")) }
    if p.group == .user { sentences.append(text.text("map.tooltip.user")) }
    if let number { sentences.append(text.text("map.tooltip.key", ["number": .text(String(number))])) }
    return sentences
  }

  /// The accessible summary of the whole map.
  static func description(_ layout: MapLayout) -> String {
    let points = layout.points
    let t = layout.options.thresholds
    let text = layout.options.text
    func count(_ n: Int) -> LocalizationArgument { .text(String(n)) }
    var d = [
      text.text(
        "map.description.intro",
        [
          "count": count(points.count), "gains": .text(Format.number(t.gains, digits: 3)),
          "risk": .text(Format.number(t.risk, digits: 3)),
        ])
    ]
    for q in Quadrant.allCases {
      let c = points.filter { $0.quadrant == q }.count
      d.append(
        text.text(
          "map.description.quadrant",
          ["quadrant": .text(text.quadrantName(q)), "position": .text(text.quadrantPosition(q)), "count": count(c)]))
    }
    let borderline = points.filter(\.borderline).count
    if borderline > 0 { d.append(text.text("map.description.borderline", ["count": count(borderline)])) }
    let user = points.filter { $0.group == .user }.count
    if user > 0 { d.append(text.text("map.description.user", ["count": count(user)])) }
    let numbered = layout.numbers.compactMap { $0 }.count
    if numbered > 0 { d.append(text.text("map.description.numbered", ["count": count(numbered)])) }
    let overTime = layout.trajectories.filter { $0.kind == .time }.count
    if overTime > 0 { d.append(text.text("map.description.trajectories-time", ["count": count(overTime)])) }
    let acrossPairs = layout.trajectories.filter { $0.kind == .pairs }.count
    if acrossPairs > 0 { d.append(text.text("map.description.trajectories-pairs", ["count": count(acrossPairs)])) }
    d += uncertaintyDescription(layout)
    return text.sentences(d)
  }

  static func percentEncoded(_ s: String) -> String { PercentEncoding.component(s) }
}
