import Foundation
import SafeZonesCore

/// The efficiency–resilience frontier: each non-dominated portfolio as a point, expected
/// gains against the downside (the mean of the worst 5% of trials), with the recommended
/// portfolio for the risk appetite ringed, and a numbered key of what each point holds.
public enum FrontierChart {
  /// Renders the chart as a standalone SVG document; the same values give the same bytes.
  /// `names` maps collaboration ids to the names used in the key (ids without one).
  public static func svg(_ frontier: Frontier, names: [String: String] = [:], options: SimulationChartOptions) -> String
  {
    let layout = Layout(frontier, names: names, options: options)
    var s = SVG()
    SimDraw.open(
      &s, id: "frontier", width: layout.width, height: layout.height, options: options,
      description: description(frontier, names: names))
    drawLegend(&s, layout, frontier)
    let (plot, xr, yr) = (layout.plot, layout.xRange, layout.yRange)
    SimDraw.yAxis(
      &s, plot: plot, ticks: SimScale.ticks(low: yr.low, high: yr.high, step: yr.step), y: layout.y,
      label: SimDraw.value)
    SimDraw.xAxis(
      &s, plot: plot, ticks: SimScale.ticks(low: xr.low, high: xr.high, step: xr.step), x: layout.x,
      label: SimDraw.value)
    drawIndifference(&s, layout, frontier)
    drawFront(&s, layout, frontier)
    drawPoints(&s, layout, frontier, names: names)
    SimDraw.frame(&s, plot)
    SimDraw.yTitle(&s, tr("Expected gains delivered"), plot: plot, x: 22)
    SimDraw.xTitle(
      &s, tr("Downside: mean of the worst 5% of trials (higher is more resilient)"), plot: plot, y: plot.maxY + 44)
    drawKey(&s, layout, frontier)
    s.close("svg")
    return s.text
  }

  /// The plot, its scales around the points, and the key below it.
  struct Layout {
    static let keySize = 12.0
    let width: Double
    let height: Double
    let plot: Rect
    /// The key: one entry per point, wrapped to the width.
    let keyEntries: [[String]]
    let keyTop: Double
    /// Axes around the points (a frontier spans a narrow band far from zero).
    let xRange: (low: Double, high: Double, step: Double)
    let yRange: (low: Double, high: Double, step: Double)

    init(_ frontier: Frontier, names: [String: String], options: SimulationChartOptions) {
      width = max(560, options.width)
      let left = 84.0
      let right = 32.0
      let top = 96.0
      let plotHeight = max(240, options.height - top - 70)
      let keyWidth = width - left - right - 34
      keyEntries = frontier.points.enumerated().map { i, p -> [String] in
        let members = p.collaborations.map { names[$0] ?? $0 }
        let text = tr(
          "{members} · budget {budget}",
          ["members": .text(FrontierChart.members(members)), "budget": .text(SimDraw.value(p.budget))])
        return TextMetrics.wrap(text, size: Self.keySize, maxWidth: keyWidth, maxLines: 3)
      }
      let keyLines = keyEntries.reduce(0) { $0 + $1.count }
      keyTop = top + plotHeight + 66
      height = max(options.height, keyTop + 24 + Double(keyLines) * 16 + 16)
      plot = Rect(x: left, y: top, w: width - left - right, h: plotHeight)
      let downsides = frontier.points.map(\.expectedShortfall5)
      let expecteds = frontier.points.map(\.expected)
      xRange = SimScale.around(downsides.min() ?? 0, downsides.max() ?? 0)
      yRange = SimScale.around(expecteds.min() ?? 0, expecteds.max() ?? 0)
    }

    func x(_ v: Double) -> Double { plot.x + (v - xRange.low) / (xRange.high - xRange.low) * plot.w }
    func y(_ v: Double) -> Double { plot.maxY - (v - yRange.low) / (yRange.high - yRange.low) * plot.h }
  }

  // MARK: - Parts

  /// The legend, above the plot: a point, the recommended ring, and (when there is room)
  /// the line of equal value.
  static func drawLegend(_ s: inout SVG, _ layout: Layout, _ frontier: Frontier) {
    let n = SimDraw.n
    let plot = layout.plot
    s.open("g", ["class": "legend", "font-size": "12", "fill": SimStyle.ink])
    s.element("circle", ["cx": n(plot.x + 6), "cy": n(74), "r": "5", "fill": SimStyle.fan])
    let pointText = tr("a portfolio no other beats on both axes")
    s.element("text", ["x": n(plot.x + 18), "y": n(78)], text: pointText)
    let second = plot.x + 18 + TextMetrics.width(pointText, size: 12) + 26
    s.element(
      "circle",
      ["cx": n(second + 6), "cy": n(74), "r": "8", "fill": "none", "stroke": "#d55e00", "stroke-width": "2.5"])
    let recommendedText = tr(
      "recommended for risk appetite {appetite}", ["appetite": .text(Format.number(frontier.riskAppetite, digits: 2))])
    s.element("text", ["x": n(second + 20), "y": n(78)], text: recommendedText)
    let third = second + 20 + TextMetrics.width(recommendedText, size: 12) + 26
    if third + 200 < layout.width {
      s.element(
        "line",
        [
          "x1": n(third), "y1": n(74), "x2": n(third + 22), "y2": n(74), "stroke": SimStyle.muted,
          "stroke-dasharray": "5 4",
        ])
      s.element("text", ["x": n(third + 28), "y": n(78)], text: tr("valued equally at that appetite"))
    }
    s.close("g")
  }

  /// The line of equal value through the recommended point: a·E + (1 − a)·ES = c.
  static func drawIndifference(_ s: inout SVG, _ layout: Layout, _ frontier: Frontier) {
    let (plot, xr, yr, x, y) = (layout.plot, layout.xRange, layout.yRange, layout.x, layout.y)
    guard let best = frontier.recommended else { return }
    let a = frontier.riskAppetite
    let c = a * best.expected + (1 - a) * best.expectedShortfall5
    var ends: [Point] = []
    if a < 1e-9 {
      ends = [Point(x: x(best.expectedShortfall5), y: plot.y), Point(x: x(best.expectedShortfall5), y: plot.maxY)]
    } else {
      // E = (c − (1 − a)·ES) / a, clipped to the plot.
      let esRange = (0...400).map { xr.low + Double($0) / 400 * (xr.high - xr.low) }
      let inside = esRange.compactMap { es -> Point? in
        let e = (c - (1 - a) * es) / a
        return e >= yr.low && e <= yr.high ? Point(x: x(es), y: y(e)) : nil
      }
      if let first = inside.first, let last = inside.last { ends = [first, last] }
    }
    if ends.count == 2 {
      s.element(
        "path",
        [
          "class": "indifference", "d": SimDraw.path(ends), "stroke": SimStyle.muted, "stroke-width": "1.2",
          "stroke-dasharray": "5 4", "fill": "none",
        ])
    }
  }

  /// The front, joined in order of the downside.
  static func drawFront(_ s: inout SVG, _ layout: Layout, _ frontier: Frontier) {
    let (x, y) = (layout.x, layout.y)
    let byDownside = frontier.points.indices.sorted {
      frontier.points[$0].expectedShortfall5 != frontier.points[$1].expectedShortfall5
        ? frontier.points[$0].expectedShortfall5 < frontier.points[$1].expectedShortfall5 : $0 < $1
    }
    if byDownside.count > 1 {
      let points = byDownside.map {
        Point(x: x(frontier.points[$0].expectedShortfall5), y: y(frontier.points[$0].expected))
      }
      s.element(
        "path",
        [
          "class": "front", "d": SimDraw.path(points), "fill": "none", "stroke": SimStyle.fan, "stroke-opacity": "0.5",
          "stroke-width": "1.5",
        ])
    }
  }

  /// The points with their numbers, each number where it covers no other point or number.
  static func drawPoints(_ s: inout SVG, _ layout: Layout, _ frontier: Frontier, names: [String: String]) {
    let n = SimDraw.n
    let (plot, x, y) = (layout.plot, layout.x, layout.y)
    var taken: [Rect] = frontier.points.map {
      Rect(center: Point(x: x($0.expectedShortfall5), y: y($0.expected)), w: 12, h: 12)
    }
    s.open("g", ["class": "points", "font-size": "12", "font-weight": "bold", "fill": SimStyle.ink])
    for (i, p) in frontier.points.enumerated() {
      let c = Point(x: x(p.expectedShortfall5), y: y(p.expected))
      let isBest = p == frontier.recommended
      s.open(
        "g",
        [
          "class": isBest ? "point recommended" : "point", "data-index": String(i + 1),
          "data-expected": Format.number(p.expected, digits: 4),
          "data-shortfall": Format.number(p.expectedShortfall5, digits: 4),
        ])
      let members = p.collaborations.map { names[$0] ?? $0 }
      let pointArgs: [String: LocalizationArgument] = [
        "number": .text(String(i + 1)), "expected": .text(SimDraw.value(p.expected)),
        "shortfall": .text(SimDraw.value(p.expectedShortfall5)), "budget": .text(SimDraw.value(p.budget)),
        "members": .text(Self.members(members)),
      ]
      s.element(
        "title",
        text: isBest
          ? tr(
            "#{number} (recommended): expected {expected}, shortfall {shortfall}, budget {budget}: {members}", pointArgs
          )
          : tr("#{number}: expected {expected}, shortfall {shortfall}, budget {budget}: {members}", pointArgs)
      )
      if isBest {
        s.element(
          "circle", ["cx": n(c.x), "cy": n(c.y), "r": "11", "fill": "none", "stroke": "#d55e00", "stroke-width": "3"])
      }
      s.element(
        "circle",
        ["cx": n(c.x), "cy": n(c.y), "r": "5.5", "fill": SimStyle.fan, "stroke": "#ffffff", "stroke-width": "1"])
      let label = String(i + 1)
      let w = TextMetrics.width(label, size: 12, bold: true) + 2
      let offset = isBest ? 14.0 : 8.0
      let candidates = [
        Rect(x: c.x + offset, y: c.y - offset - 12, w: w, h: 13),
        Rect(x: c.x + offset, y: c.y + offset - 3, w: w, h: 13),
        Rect(x: c.x - offset - w, y: c.y - offset - 12, w: w, h: 13),
        Rect(x: c.x - offset - w, y: c.y + offset - 3, w: w, h: 13),
      ]
      let box =
        candidates.first { b in plot.contains(b) && !taken.contains { $0.intersects(b) } }
        ?? candidates.first { plot.contains($0) } ?? candidates[0]
      taken.append(box)
      s.element("text", ["class": "number", "x": n(box.x + 1), "y": n(box.maxY - 2)], text: label)
      s.close("g")
    }
    s.close("g")
  }

  /// The key: what each point holds, the recommended one starred.
  static func drawKey(_ s: inout SVG, _ layout: Layout, _ frontier: Frontier) {
    let n = SimDraw.n
    let (plot, keyTop, keySize, entries) = (layout.plot, layout.keyTop, Layout.keySize, layout.keyEntries)
    s.open("g", ["class": "key", "font-size": n(keySize), "fill": SimStyle.ink])
    s.element(
      "text", ["class": "key-title", "x": n(plot.x), "y": n(keyTop), "font-size": "13", "font-weight": "bold"],
      text: tr("What each point holds"))
    var ky = keyTop + 20
    for (i, lines) in entries.enumerated() {
      let isBest = frontier.points[i] == frontier.recommended
      s.open("g", ["class": "key-entry", "data-index": String(i + 1)])
      s.element("text", ["x": n(plot.x), "y": n(ky), "font-weight": "bold"], text: "\(i + 1)\(isBest ? " ★" : "")")
      for (j, line) in lines.enumerated() {
        s.element("text", ["x": n(plot.x + 34), "y": n(ky + Double(j) * 16)], text: line)
      }
      s.close("g")
      ky += Double(lines.count) * 16
    }
    s.close("g")
  }

  static func description(_ f: Frontier, names: [String: String]) -> String {
    let args: [String: LocalizationArgument] = [
      "count": .text(String(f.points.count)), "method": .text(SimulationCharts.methodName(f.method)),
      "trials": .text(String(f.trials)),
    ]
    var text =
      f.points.count == 1
      ? tr(
        "{count} portfolio on the frontier of expected gains against the mean of the worst 5% of trials ({method} search on {trials} trials).",
        args)
      : tr(
        "{count} portfolios on the frontier of expected gains against the mean of the worst 5% of trials ({method} search on {trials} trials).",
        args)
    if let best = f.recommended {
      let members = best.collaborations.map { names[$0] ?? $0 }
      text += tr(
        " Recommended for risk appetite {appetite}: {members}, expected {expected}, downside {downside}.",
        [
          "appetite": .text(Format.number(f.riskAppetite, digits: 2)), "members": .text(Self.members(members)),
          "expected": .text(SimDraw.value(best.expected)), "downside": .text(SimDraw.value(best.expectedShortfall5)),
        ])
    }
    return text
  }

  /// A portfolio's collaborations, or `no collaboration`.
  static func members(_ names: [String]) -> String {
    names.isEmpty ? tr("no collaboration") : names.joined(separator: ", ")
  }
}
