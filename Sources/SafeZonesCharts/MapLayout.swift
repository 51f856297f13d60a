import Foundation
import SafeZonesCore

/// Everything the map draws, with its position: a pure function of the points and the
/// options. `MapChart.svg` only writes this out, and the tests check it directly.
struct MapLayout: Sendable {
  /// Sizes that depend on how many points share the plot.
  struct Style: Sendable {
    var labelSize: Double
    var numberSize: Double
    var markerRadius: Double
    var userRadius: Double
    var maxLabelWidth: Double
    /// Whiskers fade as points multiply, so that a crowded map stays legible.
    var whiskerWidth: Double
    var whiskerOpacity: Double
    var whiskerCap: Double
    /// What covering a whisker costs a label: on a crowded map, faint whiskers matter less
    /// than keeping a label next to its point.
    var whiskerCost: Double

    init(count: Int) {
      labelSize = count <= 40 ? 13 : (count <= 100 ? 12 : 11)
      numberSize = labelSize - 1
      markerRadius = count <= 40 ? 6 : (count <= 100 ? 5 : (count <= 160 ? 4 : 3.5))
      userRadius = markerRadius + 1.5
      maxLabelWidth = labelSize * 13
      whiskerWidth = count <= 40 ? 1.5 : (count <= 100 ? 1.2 : 1)
      whiskerOpacity = count <= 40 ? 0.75 : (count <= 100 ? 0.5 : 0.35)
      whiskerCap = count <= 40 ? 4 : 3
      whiskerCost = count <= 40 ? 3 : (count <= 100 ? 1 : 0.25)
    }
  }

  struct QuadrantName: Sendable {
    var quadrant: Quadrant
    var region: Rect
    var box: Rect?
    var lines: [TextLine]
  }

  enum LegendSymbol: Hashable, Sendable {
    case quadrant(Quadrant), borderline, shipped, user, range, threshold, number, trajectory
    case ellipse, probability(Int)
  }

  let points: [MapPoint]
  let options: MapOptions
  let style: Style
  let width: Double
  private(set) var height: Double
  let plot: Rect
  /// The square that maps gains and risk 0…1 (the plot less a small inner margin).
  let data: Rect
  let title: TextLine
  let subtitle: TextLine
  let quadrantNames: [QuadrantName]
  let anchors: [Point]
  let radii: [Double]
  /// The extent of each point's marker, as the label placement avoids it.
  let markers: [Rect]
  /// Each point's name label, broken into lines.
  let nameLines: [[String]]
  /// Each point's label (name or number); `nil` only when no place was found at all.
  private(set) var labels: [PlacedLabel?]
  /// The number shown for points labelled by number (and listed in the key).
  private(set) var numbers: [Int?]
  private(set) var legend = ChartLegend<LegendSymbol>()
  /// The key to numbered points, beside the plot under the legend or below the plot.
  private(set) var key: ChartKey?
  private(set) var keyBox: Rect?
  /// Arrows from earlier placements to the point shown (empty unless asked for).
  let trajectories: [TrajectoryGeometry]
  /// Small date labels beside the earlier placements, where they fit.
  private(set) var trajectoryLabels: [TextLine] = []

  static let titleHeight = 96.0
  static let legendWidth = 240.0
  static let margin = 24.0

  func x(_ gains: Double) -> Double { data.x + Self.clamp(gains) * data.w }
  func y(_ risk: Double) -> Double { data.maxY - Self.clamp(risk) * data.h }

  static func clamp(_ v: Double) -> Double { v.isFinite ? min(max(v, 0), 1) : 0 }

  init(_ points: [MapPoint], options: MapOptions, trajectories: [MapTrajectory] = []) {
    self.points = points
    self.options = options
    let n = points.count
    style = Style(count: n)
    width = max(options.width, 640)
    height = max(options.height, 480)
    let m = Self.margin
    title = TextLine(text: DomainLabels.clean(options.title), x: 72, y: 42, size: 24, bold: true)
    subtitle = TextLine(text: DomainLabels.clean(options.subtitle), x: 72, y: 68, size: 15)
    let legendX = width - m - Self.legendWidth
    let plot = Rect(x: 72, y: Self.titleHeight, w: legendX - 28 - 72, h: height - 72 - Self.titleHeight)
    self.plot = plot
    data = plot.insetBy(14)

    // Points.
    var anchors: [Point] = []
    var radii: [Double] = []
    for p in points {
      anchors.append(Point(x: data.x + Self.clamp(p.gains) * data.w, y: data.maxY - Self.clamp(p.risk) * data.h))
      radii.append(p.group == .user ? style.userRadius : style.markerRadius)
    }
    self.anchors = anchors
    self.radii = radii
    let markers = zip(anchors, radii).map { a, r in Rect(center: a, w: 2 * r + 2, h: 2 * r + 2) }
    self.markers = markers
    let paths = TrajectoryGeometry.make(
      trajectories, data: data, pointRadius: style.markerRadius, text: options.text)
    self.trajectories = paths

    // Quadrant names, in the corner of their region where they hide the fewest points.
    let tx = plot.insetBy(14).x + Self.clamp(options.thresholds.gains) * plot.insetBy(14).w
    let ty = plot.insetBy(14).maxY - Self.clamp(options.thresholds.risk) * plot.insetBy(14).h
    let names = Self.quadrantNames(plot: plot, tx: tx, ty: ty, markers: markers, text: options.text)
    quadrantNames = names

    // Labels.
    let style = self.style
    let nameLines = points.map { p in
      DomainLabels.nameLines(
        label: p.label, id: p.id, size: style.labelSize, bold: p.group == .user, maxWidth: style.maxLabelWidth)
    }
    self.nameLines = nameLines
    let nameSizes = zip(points, nameLines).map { p, lines in
      DomainLabels.nameSize(lines, size: style.labelSize, bold: p.group == .user)
    }
    let numberSize = DomainLabels.numberSize(count: n, size: style.numberSize)
    var soft = Self.whiskers(points, anchors: anchors, data: data, cost: style.whiskerCost)
    for path in paths { soft += path.segments.map { ($0.line, 1.5) } }
    soft.append((Segment(a: Point(x: tx, y: plot.y), b: Point(x: tx, y: plot.maxY)), 0.5))
    soft.append((Segment(a: Point(x: plot.x, y: ty), b: Point(x: plot.maxX, y: ty)), 0.5))
    let placer = LabelPlacer(
      LabelPlacer.Input(
        anchors: anchors, radii: radii, nameSizes: nameSizes, numberSizes: Array(repeating: numberSize, count: n),
        bounds: plot.insetBy(2), obstacles: names.compactMap(\.box) + paths.flatMap(\.dotBoxes), soft: soft,
        ringStep: style.labelSize + 3))
    var labels = placer.place()

    let numbered = Self.number(&labels, points: points, numberSize: style.numberSize)
    var numbers = [Int?](repeating: nil, count: n)
    for (k, i) in numbered.enumerated() { numbers[i] = k + 1 }
    self.labels = labels
    self.numbers = numbers
    if !paths.isEmpty {
      trajectoryLabels = TrajectoryGeometry.dateLabels(
        paths, avoiding: labels.compactMap { $0?.box } + markers + names.compactMap(\.box), bounds: plot.insetBy(2))
    }
    layoutLegend(x: legendX)
    layoutKey(numbered)
  }

  // MARK: - Steps

  /// The four quadrants cut at the thresholds (`tx`, `ty`), each with its name.
  static func quadrantNames(
    plot: Rect, tx: Double, ty: Double, markers: [Rect], text: MapText = .english
  ) -> [QuadrantName] {
    Quadrant.allCases.map { q in
      let x0 = q.highGains ? tx : plot.x
      let x1 = q.highGains ? plot.maxX : tx
      let y0 = q.highRisk ? plot.y : ty
      let y1 = q.highRisk ? ty : plot.maxY
      let region = Rect(x: x0, y: y0, w: x1 - x0, h: y1 - y0)
      return quadrantName(q, region: region, markers: markers, text: text)
    }
  }

  /// The points' whiskers, as lines that labels should avoid at `cost`.
  static func whiskers(
    _ points: [MapPoint], anchors: [Point], data: Rect, cost: Double
  ) -> [(segment: Segment, cost: Double)] {
    func x(_ g: Double) -> Double { data.x + clamp(g) * data.w }
    func y(_ r: Double) -> Double { data.maxY - clamp(r) * data.h }
    var soft: [(segment: Segment, cost: Double)] = []
    for (i, p) in points.enumerated() {
      let a = anchors[i]
      if p.gainsRange.upperBound > p.gainsRange.lowerBound {
        soft.append(
          (
            Segment(a: Point(x: x(p.gainsRange.lowerBound), y: a.y), b: Point(x: x(p.gainsRange.upperBound), y: a.y)),
            cost
          ))
      }
      if p.riskRange.upperBound > p.riskRange.lowerBound {
        soft.append(
          (
            Segment(a: Point(x: a.x, y: y(p.riskRange.upperBound)), b: Point(x: a.x, y: y(p.riskRange.lowerBound))),
            cost
          ))
      }
    }
    return soft
  }

  /// Numbers go to labels that could not show the name (and to any point with no label at
  /// all), in alphabetical order so that the key reads as an index; each number's box
  /// shrinks to the digits shown, keeping the side nearest the point. Returns the numbered
  /// points in key order.
  static func number(_ labels: inout [PlacedLabel?], points: [MapPoint], numberSize: Double) -> [Int] {
    let numbered = points.indices.filter { labels[$0]?.kind != .name }.sorted { a, b in
      let order = DomainLabels.naturalOrder(DomainLabels.clean(points[a].label), DomainLabels.clean(points[b].label))
      if order != 0 { return order < 0 }
      if points[a].id != points[b].id { return points[a].id < points[b].id }
      return a < b
    }
    for (k, i) in numbered.enumerated() {
      guard var label = labels[i] else { continue }
      let old = label.box
      let w = min(old.w, TextMetrics.width(String(k + 1), size: numberSize, bold: true).rounded(.up) + 3)
      let newX = label.side > 0 ? old.x : (label.side < 0 ? old.maxX - w : old.midX - w / 2)
      label.box = Rect(x: newX, y: old.y, w: w, h: old.h)
      if let leader = label.leader {
        label.leader = Segment(a: leader.a, b: label.box.nearestPoint(to: leader.b))
      }
      labels[i] = label
    }
    return numbered
  }

  private static func quadrantName(
    _ q: Quadrant, region: Rect, markers: [Rect], text: MapText
  ) -> QuadrantName {
    let title = text.quadrantName(q)
    let hint = text.quadrantHint(q)
    let pad = 10.0
    for (nameSize, withHint) in [(18.0, true), (15.0, true), (15.0, false), (12.0, false)] {
      let hintSize = 12.0
      let nw = TextMetrics.width(title, size: nameSize, bold: true)
      let hw = withHint ? TextMetrics.width(hint, size: hintSize) : 0
      let w = max(nw, hw) + 4
      let h = nameSize * 1.2 + (withHint ? hintSize * 1.3 : 0) + 4
      guard w <= region.w - 2 * pad, h <= region.h - 2 * pad else { continue }
      // Corners in order of preference: the outer corner, then along the outer edge, then inwards.
      let left = !q.highGains
      let top = q.highRisk
      let corners: [(Bool, Bool)] = [(left, top), (!left, top), (left, !top), (!left, !top)]
      var chosen: (Double, Rect, Bool)? = nil
      for (k, (l, t)) in corners.enumerated() {
        let bx = l ? region.x + pad : region.maxX - pad - w
        let by = t ? region.y + pad : region.maxY - pad - h
        let box = Rect(x: bx, y: by, w: w, h: h)
        let hidden = markers.filter { $0.intersects(box.insetBy(-4)) }.count
        let c = Double(hidden) * 10 + Double(k)
        if chosen == nil || c < chosen!.0 { chosen = (c, box, l) }
      }
      let (_, box, l) = chosen!
      let anchor: TextLine.Anchor = l ? .start : .end
      let tx = l ? box.x + 2 : box.maxX - 2
      var lines = [
        TextLine(text: title, x: tx, y: box.y + 2 + nameSize * 0.9, size: nameSize, bold: true, anchor: anchor)
      ]
      if withHint {
        lines.append(
          TextLine(text: hint, x: tx, y: box.y + 2 + nameSize * 1.2 + hintSize * 1.05, size: hintSize, anchor: anchor))
      }
      return QuadrantName(quadrant: q, region: region, box: box, lines: lines)
    }
    return QuadrantName(quadrant: q, region: region, box: nil, lines: [])
  }

  private mutating func layoutLegend(x: Double) {
    let text = options.text
    var legend = ChartLegend<LegendSymbol>.Builder(
      x: x, top: plot.y, width: Self.legendWidth, textIndent: 40, symbolX: 22, title: text.text("chart.legend-title"))
    func add(_ symbol: LegendSymbol, _ key: String, _ arguments: [String: LocalizationArgument] = [:]) {
      legend.add(symbol, text.text("map.legend." + key, arguments))
    }
    let byProbability = options.colourMode == .safeZoneProbability && !options.uncertainty.isEmpty
    if byProbability {
      for k in (0..<5).reversed() { legend.add(.probability(k), MapChart.probabilityLegend(k, text: text)) }
      if points.contains(where: { options.uncertainty[$0.id] == nil }) { add(.probability(-1), "no-estimate") }
    } else {
      for q in Quadrant.allCases { legend.add(.quadrant(q), text.quadrantName(q)) }
    }
    legend.gap(6)
    let t = options.thresholds
    if !byProbability && points.contains(where: \.borderline) {
      add(.borderline, "borderline", ["margin": .text(Format.number(t.margin, digits: 3))])
    }
    if points.contains(where: { $0.group == .user }) {
      add(.user, "user")
      if points.contains(where: { $0.group == .shipped }) { add(.shipped, "shipped") }
    }
    if points.contains(where: {
      options.uncertainty[$0.id] == nil
        && ($0.gainsRange.upperBound > $0.gainsRange.lowerBound || $0.riskRange.upperBound > $0.riskRange.lowerBound)
    }) {
      add(.range, "range")
    }
    add(
      .threshold, "thresholds",
      ["gains": .text(Format.number(t.gains, digits: 3)), "risk": .text(Format.number(t.risk, digits: 3))])
    if numbers.contains(where: { $0 != nil }) { add(.number, "number") }
    if !options.uncertainty.isEmpty { add(.ellipse, "ellipse") }
    if trajectories.contains(where: { $0.kind == .time }) { add(.trajectory, "trajectory-time") }
    if trajectories.contains(where: { $0.kind == .pairs }) { add(.trajectory, "trajectory-pairs") }
    self.legend = legend.finish()
  }

  private mutating func layoutKey(_ numbered: [Int]) {
    guard !numbered.isEmpty else { return }
    let size = style.labelSize - 1
    let lineH = size * 1.35
    let numW = TextMetrics.width(String(numbered.count), size: size, bold: true) + 2
    let names = numbered.map { DomainLabels.clean(nameLines[$0].joined(separator: " ")) }
    let fullNames = numbered.map {
      DomainLabels.displayName(label: points[$0].label, id: points[$0].id)
    }
    let legendBox = legend.box
    // Beside the plot, under the legend, when the whole key fits there.
    let sideTop = legendBox.maxY + 24
    let sideRows = Int(((plot.maxY - sideTop - 22) / lineH).rounded(.down))
    let title: TextLine
    var entries: [ChartKey.Entry] = []
    if sideRows >= numbered.count {
      let x = legendBox.x
      title = TextLine(text: options.text.text("map.key-title"), x: x + 12, y: sideTop + 14, size: 14, bold: true)
      for (k, i) in numbered.enumerated() {
        let yy = sideTop + 22 + Double(k + 1) * lineH
        let name = TextMetrics.truncate(fullNames[k], size: size, maxWidth: legendBox.w - numW - 30)
        entries.append(
          ChartKey.Entry(
            number: k + 1, index: i,
            numberText: TextLine(text: String(k + 1), x: x + 12 + numW, y: yy, size: size, bold: true, anchor: .end),
            nameText: TextLine(text: name, x: x + 12 + numW + 6, y: yy, size: size)))
      }
      keyBox = Rect(x: x, y: sideTop, w: legendBox.w, h: 22 + Double(numbered.count) * lineH + 10)
    } else {
      // Below the plot, in columns; the canvas grows to hold it.
      let top = plot.maxY + 64
      let available = width - 2 * Self.margin
      let widest = names.map { TextMetrics.width($0, size: size) }.max() ?? 0
      let colW = min(max(widest + numW + 24, 160), 300)
      let cols = max(1, Int((available / colW).rounded(.down)))
      let rows = (numbered.count + cols - 1) / cols
      let colWidth = available / Double(cols)
      title = TextLine(
        text: options.text.text("map.key-title"), x: Self.margin, y: top + 14, size: 14, bold: true)
      for (k, i) in numbered.enumerated() {
        let col = k / rows
        let row = k % rows
        let x0 = Self.margin + Double(col) * colWidth
        let yy = top + 22 + Double(row + 1) * lineH
        let name = TextMetrics.truncate(fullNames[k], size: size, maxWidth: colWidth - numW - 18)
        entries.append(
          ChartKey.Entry(
            number: k + 1, index: i,
            numberText: TextLine(text: String(k + 1), x: x0 + numW, y: yy, size: size, bold: true, anchor: .end),
            nameText: TextLine(text: name, x: x0 + numW + 6, y: yy, size: size)))
      }
      let h = 22 + Double(rows) * lineH + 10
      keyBox = Rect(x: Self.margin, y: top, w: available, h: h)
      height = max(height, top + h + Self.margin)
    }
    key = ChartKey(title: title, entries: entries)
  }
}
