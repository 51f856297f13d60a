import Foundation
import SafeZonesCore

/// Everything the TTS-against-TTR scatter draws, with its position: a pure function of the
/// report. `StressCharts.survivalScatter` only writes this out; the tests check it directly.
///
/// Both axes run in days from 0 to one round maximum, so the plot is square and the
/// diagonal TTS = TTR runs at 45°. A capped time to survive sits on the cap's line with an
/// arrow pointing up. Only the nodes that matter most carry a label (every node when there
/// are few): those at risk, then those with the largest performance impact, at most
/// `maxLabels`; the map's `LabelPlacer` places them clear of every dot and of each other,
/// and a label that finds no room for its name gets a number in the key.
struct StressScatterLayout: Sendable {
  enum LegendSymbol: Hashable, Sendable {
    case atRisk, safe, range, capped, region
    /// A dot of this radius (the size scale).
    case size(Double)
  }

  /// A note drawn at a fixed place (the diagonal's name, the shaded region's, the cap's).
  struct Note: Sendable {
    var line: TextLine
    /// The space it covers, for the labels to avoid.
    var box: Rect
    /// Rotation about the text's anchor, in degrees (the diagonal's name).
    var angle: Double = 0
  }

  static let labelSize = 11.0
  static let numberSize = 10.0
  static let maxLabels = 25
  static let legendWidth = 240.0

  let report: StressReport
  let options: SimulationChartOptions
  let width: Double
  private(set) var height: Double
  let plot: Rect
  /// The axes' maximum and tick step, in days (both axes share them).
  let top: Double
  let step: Double
  /// Per node (in the report's order): its dot's centre and radius, and whether its time to
  /// survive reached the cap.
  let anchors: [Point]
  let radii: [Double]
  let capped: [Bool]
  /// Node indices, largest dot first, so that small dots stay visible on top.
  let drawOrder: [Int]
  /// The cap's height in days, when some node reached it.
  let capLine: Double?
  let diagonalNote: Note
  let regionNote: Note
  let capNote: Note?
  let nameLines: [[String]]
  /// Per node: its label, when it was offered one and it found a place.
  private(set) var labels: [PlacedLabel?]
  private(set) var numbers: [Int?]
  private(set) var legend = ChartLegend<LegendSymbol>()
  private(set) var key: ChartKey?
  /// The largest performance impact (the size scale's top).
  let maxImpact: Double

  init(_ r: StressReport) {
    report = r
    let nodes = r.nodes
    let count = nodes.count
    let atRisk = nodes.filter(\.atRisk).count
    let subtitleArgs: [String: LocalizationArgument] = [
      "count": .text(String(count)), "risky": .text(String(atRisk)),
      "days": .text(Format.number(r.horizonDays, digits: 1)),
    ]
    options = SimulationChartOptions(
      title: tr(
        "Time to survive against time to recover — {network}", ["network": .text(DomainLabels.clean(r.network))]),
      subtitle: count == 1
        ? tr("{count} node · {risky} at risk (TTS < TTR) · horizon {days} days", subtitleArgs)
        : tr("{count} nodes · {risky} at risk (TTS < TTR) · horizon {days} days", subtitleArgs)
    )
    let side = count > 100 ? 720.0 : 600.0
    let left = 84.0
    let plotTop = 92.0
    plot = Rect(x: left, y: plotTop, w: side, h: side)
    width = left + side + 32 + Self.legendWidth + 24
    height = plot.maxY + 70

    // One scale for both axes, with room above the cap for its arrows.
    let cap = r.capDays.isFinite && r.capDays > 0 ? r.capDays : r.horizonDays
    let isCapped = nodes.map { $0.ttsCapped || !$0.ttsDays.isFinite }
    capped = isCapped
    capLine = isCapped.contains(true) ? cap : nil
    func tts(_ i: Int) -> Double { isCapped[i] ? cap : max(0, nodes[i].ttsDays) }
    var largest = 0.0
    for (i, n) in nodes.enumerated() {
      largest = max(largest, tts(i), n.ttrDays.isFinite ? n.ttrDays : 0)
      for v in n.ttrRange ?? [] where v.isFinite { largest = max(largest, v) }
    }
    let scale = SimScale.top(max(largest * 1.05, 1), count: 6)
    (top, step) = (scale.top, scale.step)
    let (plot, top) = (plot, top)
    func x(_ v: Double) -> Double { plot.x + Self.clamp(v, top) / top * plot.w }
    func y(_ v: Double) -> Double { plot.maxY - Self.clamp(v, top) / top * plot.h }

    // Dots: area in proportion to the impact, above a floor that keeps every dot visible.
    maxImpact = nodes.map { $0.performanceImpact.isFinite ? max(0, $0.performanceImpact) : 0 }.max() ?? 0
    let maxImpact = maxImpact
    radii = nodes.map { Self.radius($0.performanceImpact, max: maxImpact, count: count) }
    let anchors = nodes.indices.map { Point(x: x(nodes[$0].ttrDays), y: y(tts($0))) }
    self.anchors = anchors
    let radii = radii
    drawOrder = nodes.indices.sorted { radii[$0] != radii[$1] ? radii[$0] > radii[$1] : $0 < $1 }
    let markers = nodes.indices.map { Rect(center: anchors[$0], w: 2 * radii[$0] + 2, h: 2 * radii[$0] + 2) }
    let arrows = nodes.indices.filter { isCapped[$0] }.map { Self.arrowBox(anchors[$0], radius: radii[$0]) }
    let marks = markers + arrows

    // The notes, each where it hides the fewest dots.
    let capY = capLine.map(y)
    let regionNote = Self.regionNote(plot: plot, marks: marks)
    let diagonalNote = Self.diagonalNote(plot: plot, marks: marks, avoiding: [regionNote.box], capY: capY)
    (self.regionNote, self.diagonalNote) = (regionNote, diagonalNote)
    capNote = capY.map {
      Self.capNote(cap: cap, y: $0, plot: plot, marks: marks, avoiding: [regionNote.box, diagonalNote.box])
    }

    // Labels: the nodes that matter most, placed clear of every dot and note.
    let offered = Self.offered(r)
    let size = Self.labelSize
    let nameLines = nodes.map { n in
      DomainLabels.nameLines(label: n.id, id: n.id, size: size, bold: n.atRisk, maxWidth: size * 13)
    }
    self.nameLines = nameLines
    var labels = [PlacedLabel?](repeating: nil, count: count)
    if !offered.isEmpty {
      let offeredSet = Set(offered)
      let nameSizes = offered.map { DomainLabels.nameSize(nameLines[$0], size: size, bold: nodes[$0].atRisk) }
      let numberSize = DomainLabels.numberSize(count: offered.count, size: Self.numberSize)
      var obstacles = nodes.indices.filter { !offeredSet.contains($0) }.map { markers[$0] } + arrows
      obstacles += [diagonalNote.box, regionNote.box] + (capNote.map { [$0.box] } ?? [])
      var soft: [(segment: Segment, cost: Double)] = [
        (Segment(a: Point(x: plot.x, y: plot.maxY), b: Point(x: plot.maxX, y: plot.y)), 0.5)
      ]
      if let c = capLine { soft.append((Segment(a: Point(x: plot.x, y: y(c)), b: Point(x: plot.maxX, y: y(c))), 0.5)) }
      for (i, n) in nodes.enumerated() {
        if let range = n.ttrRange, range.count == 3, range[2] > range[0] {
          soft.append(
            (Segment(a: Point(x: x(range[0]), y: anchors[i].y), b: Point(x: x(range[2]), y: anchors[i].y)), 1))
        }
      }
      let placer = LabelPlacer(
        LabelPlacer.Input(
          anchors: offered.map { anchors[$0] }, radii: offered.map { radii[$0] }, nameSizes: nameSizes,
          numberSizes: offered.map { _ in numberSize }, bounds: plot.insetBy(2), obstacles: obstacles, soft: soft,
          ringStep: size + 3))
      for (k, placed) in placer.place().enumerated() { labels[offered[k]] = placed }
    }
    self.labels = labels
    let numbered = nodes.indices.filter { labels[$0]?.kind == .number }.sorted {
      let order = DomainLabels.naturalOrder(nodes[$0].id, nodes[$1].id)
      return order != 0 ? order < 0 : $0 < $1
    }
    var numbers = [Int?](repeating: nil, count: count)
    for (k, i) in numbered.enumerated() { numbers[i] = k + 1 }
    self.numbers = numbers

    layoutLegend(atRisk: atRisk, cap: capLine)
    layoutKey(numbered)
  }

  func x(_ v: Double) -> Double { plot.x + Self.clamp(v, top) / top * plot.w }
  func y(_ v: Double) -> Double { plot.maxY - Self.clamp(v, top) / top * plot.h }

  /// A number of days on the axes: within 0…top; not a number counts as 0.
  static func clamp(_ v: Double, _ top: Double) -> Double { v.isNaN ? 0 : min(max(v, 0), top) }

  // MARK: - Steps

  /// The smallest and largest dot radius: smaller when there are many nodes.
  static func radiusRange(_ count: Int) -> (Double, Double) { count > 100 ? (3, 11) : (4, 15) }

  /// A dot's radius: its area grows in proportion to the impact, from the smallest radius
  /// (no impact) to the largest (the largest impact).
  static func radius(_ impact: Double, max top: Double, count: Int) -> Double {
    let (lo, hi) = radiusRange(count)
    guard top > 0, impact.isFinite, impact > 0 else { return lo }
    let share = min(impact / top, 1)
    return (lo * lo + (hi * hi - lo * lo) * share).squareRoot()
  }

  /// The space of the arrow above a capped dot.
  static func arrowBox(_ a: Point, radius: Double) -> Rect {
    Rect(x: a.x - 4, y: a.y - radius - 12, w: 8, h: 12)
  }

  /// The nodes offered a label: every node when there are few; else those at risk (most
  /// impact first), then the largest impacts, `maxLabels` in all.
  static func offered(_ r: StressReport) -> [Int] {
    if r.nodes.count <= maxLabels { return Array(r.nodes.indices) }
    let index = Dictionary(r.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let ranked = r.ranked.compactMap { index[$0.id] }
    let risky = ranked.filter { r.nodes[$0].atRisk }
    let others = ranked.filter { !r.nodes[$0].atRisk && r.nodes[$0].performanceImpact > 0 }
    // Keep a few places for the largest impacts among the nodes not at risk.
    let reserved = min(others.count, 5)
    let chosen = Array(risky.prefix(maxLabels - reserved)) + others
    return Array(chosen.prefix(maxLabels))
  }

  /// How many of `marks` a box covers.
  static func covered(_ box: Rect, _ marks: [Rect]) -> Int { marks.filter { $0.intersects(box) }.count }

  /// "TTS = TTR" along the diagonal, above it, near its upper end.
  static func diagonalNote(plot: Rect, marks: [Rect], avoiding: [Rect], capY: Double?) -> Note {
    let text = "TTS = TTR"
    let size = 12.0
    let w = TextMetrics.width(text, size: size, bold: true)
    let extent = (w + size) / 2.squareRoot()
    var best: (Int, Note)? = nil
    var fallback: Note? = nil
    for t in [0.9, 0.8, 0.7, 0.6, 0.5, 0.4] {
      // The text's start on the line, then moved up-left off it.
      let along = Point(
        x: plot.x + t * plot.w - w / 2 / 2.squareRoot(), y: plot.maxY - t * plot.h + w / 2 / 2.squareRoot())
      let start = Point(x: along.x - 3, y: along.y - 3)
      let box = Rect(x: start.x - size / 2.squareRoot() - 2, y: start.y - extent - 2, w: extent + 4, h: extent + 4)
      let note = Note(
        line: TextLine(text: text, x: start.x, y: start.y, size: size, bold: true), box: box, angle: -45)
      if fallback == nil { fallback = note }
      if avoiding.contains(where: { $0.intersects(box) }) { continue }
      if let capY, box.y - 4 < capY && box.maxY + 4 > capY { continue }
      let c = covered(box, marks)
      if best == nil || c < best!.0 { best = (c, note) }
      if c == 0 { break }
    }
    return best?.1 ?? fallback!
  }

  /// "needs mitigation (TTS < TTR)" inside the shaded triangle under the diagonal: in its
  /// lower right corner unless that hides more dots than a place further left or higher.
  static func regionNote(plot: Rect, marks: [Rect]) -> Note {
    let text = tr("needs mitigation (TTS < TTR)")
    let size = 13.0
    let w = TextMetrics.width(text, size: size, bold: true) + 4
    let h = size + 4
    var best: (Int, Note)? = nil
    var places: [Point] = []  // lower right corner of the box
    for k in 0..<6 { places.append(Point(x: plot.maxX - 8 - Double(k) * plot.w * 0.08, y: plot.maxY - 8)) }
    for k in 1..<5 { places.append(Point(x: plot.maxX - 8, y: plot.maxY - 8 - Double(k) * plot.h * 0.08)) }
    for p in places {
      let box = Rect(x: p.x - w, y: p.y - h, w: w, h: h)
      // Wholly under the diagonal: the box's upper left corner is below it.
      let diagonalY = plot.maxY - (box.x - plot.x) / plot.w * plot.h
      guard box.y > diagonalY + 4, box.x > plot.x else { continue }
      let note = Note(
        line: TextLine(text: text, x: box.maxX - 2, y: box.maxY - 4, size: size, bold: true, anchor: .end), box: box)
      let c = covered(box, marks)
      if best == nil || c < best!.0 { best = (c, note) }
      if c == 0 { break }
    }
    return best?.1
      ?? Note(
        line: TextLine(text: text, x: plot.maxX - 10, y: plot.maxY - 12, size: size, bold: true, anchor: .end),
        box: Rect(x: plot.maxX - 8 - w, y: plot.maxY - 8 - h, w: w, h: h))
  }

  /// The cap's note beside its line, above or below it, clear of the diagonal and the other
  /// notes.
  static func capNote(cap: Double, y: Double, plot: Rect, marks: [Rect], avoiding: [Rect]) -> Note {
    let text = "≥ cap: TTS reaches \(Format.number(cap, digits: 1)) days"
    let size = 11.0
    let w = TextMetrics.width(text, size: size) + 4
    let h = size + 3
    var best: (Int, Note)? = nil
    // Along the line, above then below it, from the left; the first place that hides no
    // dot, else the one that hides fewest.
    var places: [(x: Double, above: Bool)] = []
    for above in [true, false] {
      for k in 0...10 { places.append((plot.x + 4 + Double(k) / 10 * (plot.w - 8 - w), above)) }
    }
    for (bx, above) in places {
      let by = above ? y - h - 2 : y + 2
      let box = Rect(x: bx, y: by, w: w, h: h)
      let diagonal = Segment(a: Point(x: plot.x, y: plot.maxY), b: Point(x: plot.maxX, y: plot.y))
      guard plot.contains(box), !avoiding.contains(where: { $0.intersects(box) }), !diagonal.intersects(box) else {
        continue
      }
      let note = Note(line: TextLine(text: text, x: bx + 2, y: box.maxY - 3.5, size: size), box: box)
      let c = covered(box, marks)
      if best == nil || c < best!.0 { best = (c, note) }
      if c == 0 { break }
    }
    return best?.1
      ?? Note(
        line: TextLine(text: text, x: plot.x + 6, y: y - 5, size: size),
        box: Rect(x: plot.x + 4, y: y - h - 2, w: w, h: h))
  }

  /// The legend beside the plot: colours, the range, the cap, the region, and the sizes.
  private mutating func layoutLegend(atRisk: Int, cap: Double?) {
    var b = ChartLegend<LegendSymbol>.Builder(
      x: plot.maxX + 32, top: plot.y, width: Self.legendWidth, textIndent: 46, symbolX: 22)
    let count = report.nodes.count
    b.add(.atRisk, tr("at risk: TTS below the likely TTR ({count})", ["count": .text(String(atRisk))]))
    b.add(.safe, tr("not at risk ({count})", ["count": .text(String(count - atRisk))]))
    if report.nodes.contains(where: { ($0.ttrRange?.count ?? 0) == 3 }) {
      b.add(.range, tr("TTR range, low to high"))
    }
    if let cap {
      b.add(.capped, tr("TTS reaches the cap (≥ {cap} days)", ["cap": .text(Format.number(cap, digits: 1))]))
    }
    b.add(.region, tr("below the diagonal: needs mitigation"))
    b.gap(6)
    if maxImpact > 0 {
      let (_, hi) = Self.radiusRange(count)
      b.add(
        .size(hi),
        tr("dot area: performance impact; largest {impact}", ["impact": .text(Format.number(maxImpact, digits: 1))]))
      let half = SimScale.top(maxImpact / 4, count: 1).top
      if half < maxImpact * 0.8 {
        b.add(
          .size(Self.radius(half, max: maxImpact, count: count)),
          tr("impact {impact}", ["impact": .text(Format.number(half, digits: 1))]))
      }
      b.add(.size(Self.radius(0, max: maxImpact, count: count)), tr("no impact"))
    } else {
      b.add(.size(Self.radius(0, max: 0, count: count)), tr("dot area: performance impact (none here)"))
    }
    legend = b.finish()
    height = max(height, legend.box.maxY + 24)
  }

  /// The key to numbered nodes, under the legend; the canvas grows to hold it.
  private mutating func layoutKey(_ numbered: [Int]) {
    guard !numbered.isEmpty else { return }
    let size = Self.labelSize
    let lineH = size * 1.35
    let x = legend.box.x
    let keyTop = legend.box.maxY + 24
    let numW = TextMetrics.width(String(numbered.count), size: size, bold: true) + 2
    var entries: [ChartKey.Entry] = []
    for (k, i) in numbered.enumerated() {
      let yy = keyTop + 22 + Double(k + 1) * lineH
      let name = TextMetrics.truncate(report.nodes[i].id, size: size, maxWidth: legend.box.w - numW - 30)
      entries.append(
        ChartKey.Entry(
          number: k + 1, index: i,
          numberText: TextLine(text: String(k + 1), x: x + 12 + numW, y: yy, size: size, bold: true, anchor: .end),
          nameText: TextLine(text: name, x: x + 12 + numW + 6, y: yy, size: size)))
    }
    key = ChartKey(
      title: TextLine(text: tr("Key to numbered nodes"), x: x + 12, y: keyTop + 14, size: 13, bold: true),
      entries: entries)
    height = max(height, keyTop + 22 + Double(numbered.count + 1) * lineH + 16)
  }
}
