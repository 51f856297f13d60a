import Foundation
import SafeZonesCore

/// A tornado chart: for each criterion, how far gains or risk move when the criterion is
/// swept from its 5th to its 95th percentile with every other criterion at its median.
/// Bars are centred on the median placement, widest first; the threshold is marked, and
/// a bar whose sweep crosses it (the domain changes quadrant) is outlined and named.
public enum TornadoChart {
  /// Which panels to draw: the gains criteria, the risk criteria (risk factors and
  /// mitigations) or both, one above the other.
  public enum Axis: String, Sendable, CaseIterable {
    case gains, risk, both
  }

  /// Colour of the half of a bar with the criterion at its 5th percentile, and at its 95th
  /// (Okabe–Ito sky blue and reddish purple, apart from the quadrant colours).
  static let lowColour = "#56b4e9"
  static let highColour = "#cc79a7"

  /// Renders the chart as a standalone SVG document; the same arguments give the same
  /// bytes. `median` is the placement with every criterion at its median (it is read off
  /// the bars when not given: a bar that leaves an axis unchanged sits at its median).
  public static func svg(
    bars: [TornadoBar], title: String, subtitle: String = "", axis: Axis = .both, thresholds: Thresholds,
    median: (gains: Double, risk: Double)? = nil, width: Double = 1000
  ) -> String {
    let layout = Layout(
      bars: bars, axis: axis, thresholds: thresholds, median: median ?? estimatedMedian(bars), width: width)
    var s = SVG()
    openDocument(&s, layout, title: title, bars: bars, thresholds: thresholds)
    drawHeader(&s, layout, title: title, subtitle: subtitle)
    drawLegend(&s, layout)
    for panel in layout.panels { drawPanel(&s, panel, layout) }
    drawFootnote(&s, layout)
    s.close("svg")
    return s.text
  }

  // MARK: - Layout

  /// Where everything goes: the columns (criterion names, the bars, the quadrant at each
  /// end), the panels one above the other, the footnote, the height.
  struct Layout {
    static let left = 24.0
    static let quadrantW = 250.0
    static let rowH = 30.0
    static let barH = 14.0
    static let headerH = 128.0

    let width: Double
    let height: Double
    let labelW: Double
    let plotX: Double
    let plotW: Double
    let panels: [Panel]
    /// The criteria judged with certainty, named under the panels.
    let footLines: [String]
    let footTop: Double
    let median: (gains: Double, risk: Double)
    let shownAxes: [SafeZonesCore.Axis]

    init(
      bars: [TornadoBar], axis: Axis, thresholds: Thresholds, median: (gains: Double, risk: Double), width: Double
    ) {
      let width = max(720, width)
      self.width = width
      self.median = median
      let moving = bars.filter { !$0.isFlat }
      let flat = bars.filter(\.isFlat)
      var shown: [(axis: SafeZonesCore.Axis, bars: [TornadoBar])] = []
      if axis != .risk { shown.append((.gains, moving.filter { $0.gains[0] != $0.gains[1] })) }
      if axis != .gains { shown.append((.risk, moving.filter { $0.risk[0] != $0.risk[1] })) }
      shownAxes = shown.map(\.axis)

      let labelSize = 13.0
      let names = bars.map { ChartWords.criterion($0.criterion) }
      labelW = min(260, max(140, (names.map { TextMetrics.width($0, size: labelSize, bold: true) }.max() ?? 0) + 8))
      plotX = Self.left + labelW + 14
      plotW = width - plotX - Self.quadrantW - 24

      // Height: header, legend, each panel (heading, ticks, rows, axis notes), footnote.
      var y = Self.headerH
      var panels: [Panel] = []
      for p in shown {
        panels.append(
          Panel(
            axis: p.axis, bars: p.bars, top: y, median: p.axis == .gains ? median.gains : median.risk,
            threshold: p.axis == .gains ? thresholds.gains : thresholds.risk, plotX: plotX, plotW: plotW))
        y += 58 + Double(max(1, p.bars.count)) * Self.rowH + 52
      }
      self.panels = panels
      let footnote =
        flat.isEmpty
        ? nil
        : tr(
          "Judged with certainty, so no sweep: {criteria}.",
          ["criteria": .text(flat.map { ChartWords.criterion($0.criterion) }.joined(separator: ", "))])
      footLines = footnote.map { TextMetrics.wrap($0, size: 12, maxWidth: width - 2 * Self.left, maxLines: 4) } ?? []
      footTop = y
      height = y + Double(footLines.count) * 16 + 24
    }
  }

  /// One axis's panel: its bars, and the scale that places values across the plot.
  struct Panel {
    let axis: SafeZonesCore.Axis
    let bars: [TornadoBar]
    let top: Double
    let median: Double
    let threshold: Double
    let lo: Double
    let hi: Double
    let step: Double
    let plotX: Double
    let plotW: Double

    init(
      axis: SafeZonesCore.Axis, bars: [TornadoBar], top: Double, median: Double, threshold: Double, plotX: Double,
      plotW: Double
    ) {
      self.axis = axis
      self.bars = bars
      self.top = top
      self.median = median
      self.threshold = threshold
      self.plotX = plotX
      self.plotW = plotW
      let scale = TornadoChart.scale(bars.flatMap { axis == .gains ? $0.gains : $0.risk } + [median, threshold])
      lo = scale.lo
      hi = scale.hi
      step = scale.step
    }

    /// The data sit inside the plot with room at each side for the end labels.
    static let inner = 40.0
    func x(_ v: Double) -> Double { plotX + Self.inner + (v - lo) / (hi - lo) * (plotW - 2 * Self.inner) }
    var rowsTop: Double { top + 58 }
    var rowsBottom: Double { rowsTop + Double(max(1, bars.count)) * Layout.rowH }
    var name: String { axis == .gains ? tr("Joint gains") : tr("Political risk") }
  }

  // MARK: - Parts

  static func openDocument(
    _ s: inout SVG, _ layout: Layout, title: String, bars: [TornadoBar], thresholds: Thresholds
  ) {
    let n = MapChart.n
    let (width, height) = (layout.width, layout.height)
    let desc = description(bars, panels: layout.shownAxes, median: layout.median, thresholds: thresholds)
    s.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1", "viewBox": "0 0 \(n(width)) \(n(height))",
        "width": n(width), "height": n(height), "role": "img", "aria-labelledby": "tornado-title tornado-desc",
        "class": "tornado", "font-family": "Helvetica, Arial, 'Liberation Sans', Arimo, sans-serif",
      ])
    s.element("title", ["id": "tornado-title"], text: DomainLabels.clean(title))
    s.element("desc", ["id": "tornado-desc"], text: desc)
    s.element("rect", ["class": "background", "width": n(width), "height": n(height), "fill": "#ffffff"])
  }

  static func drawHeader(_ s: inout SVG, _ layout: Layout, title: String, subtitle: String) {
    let n = MapChart.n
    let left = Layout.left
    let maxWidth = layout.width - 2 * left
    s.open("g", ["class": "header"])
    let titleText = TextMetrics.truncate(DomainLabels.clean(title), size: 20, bold: true, maxWidth: maxWidth)
    s.element(
      "text",
      ["class": "title", "x": n(left), "y": "34", "font-size": "20", "font-weight": "bold", "fill": Palette.ink],
      text: titleText)
    if !subtitle.isEmpty {
      let sub = TextMetrics.truncate(DomainLabels.clean(subtitle), size: 13, maxWidth: maxWidth)
      s.element(
        "text", ["class": "subtitle", "x": n(left), "y": "56", "font-size": "13", "fill": Palette.muted], text: sub)
    }
    s.element(
      "text", ["class": "explanation", "x": n(left), "y": "78", "font-size": "13", "fill": Palette.ink],
      text: tr(
        "Each bar: one criterion swept from its 5th to its 95th percentile, the others held at their medians. Widest first."
      )
    )
    s.close("g")
  }

  /// The legend in one row: the two halves of a bar, the median, the threshold, a crossing.
  static func drawLegend(_ s: inout SVG, _ layout: Layout) {
    let n = MapChart.n
    s.open("g", ["class": "legend", "font-size": "12", "fill": Palette.ink])
    var lx = Layout.left
    let ly = 102.0
    func entry(_ draw: (inout SVG, Double) -> Double, _ text: String) {
      let w = draw(&s, lx)
      s.element("text", ["x": n(lx + w + 6), "y": n(ly + 4)], text: text)
      lx += w + 6 + TextMetrics.width(text, size: 12) + 22
    }
    entry(
      { s, x in
        s.element("rect", ["x": n(x), "y": n(ly - 6), "width": "22", "height": "10", "fill": lowColour])
        return 22
      }, tr("criterion at its 5th percentile"))
    entry(
      { s, x in
        s.element("rect", ["x": n(x), "y": n(ly - 6), "width": "22", "height": "10", "fill": highColour])
        return 22
      }, tr("at its 95th percentile"))
    entry(
      { s, x in
        s.element(
          "line",
          [
            "x1": n(x + 6), "y1": n(ly - 9), "x2": n(x + 6), "y2": n(ly + 7), "stroke": Palette.ink,
            "stroke-width": "2",
          ])
        return 12
      }, tr("median placement"))
    entry(
      { s, x in
        s.element(
          "line",
          [
            "x1": n(x + 6), "y1": n(ly - 9), "x2": n(x + 6), "y2": n(ly + 7), "stroke": Palette.threshold,
            "stroke-width": "1.5",
            "stroke-dasharray": "4 3",
          ])
        return 12
      }, tr("threshold"))
    entry(
      { s, x in
        s.element(
          "rect",
          [
            "x": n(x), "y": n(ly - 6), "width": "22", "height": "10", "fill": "#ffffff", "stroke": Palette.ink,
            "stroke-width": "2",
          ])
        return 22
      }, tr("crosses the threshold"))
    s.close("g")
  }

  static func drawFootnote(_ s: inout SVG, _ layout: Layout) {
    guard !layout.footLines.isEmpty else { return }
    let n = MapChart.n
    s.open("g", ["class": "footnote", "font-size": "12", "fill": Palette.muted])
    for (i, line) in layout.footLines.enumerated() {
      s.element("text", ["x": n(Layout.left), "y": n(layout.footTop + 10 + Double(i) * 16)], text: line)
    }
    s.close("g")
  }

  // MARK: - Panels

  static func drawPanel(_ s: inout SVG, _ panel: Panel, _ layout: Layout) {
    s.open("g", ["class": "panel", "data-axis": panel.axis.rawValue])
    drawPanelHeading(&s, panel, layout)
    drawPanelGrid(&s, panel)
    s.open("g", ["class": "bars"])
    if panel.bars.isEmpty {
      s.element(
        "text",
        [
          "x": MapChart.n(panel.plotX + panel.plotW / 2), "y": MapChart.n(panel.rowsTop + Layout.rowH / 2 + 4),
          "font-size": "13", "fill": Palette.muted, "text-anchor": "middle",
        ],
        text: tr("No criterion on this axis is uncertain."))
    }
    for (i, b) in panel.bars.enumerated() { drawBar(&s, b, row: i, panel, layout) }
    s.close("g")
    drawPanelMarks(&s, panel)
    s.close("g")
  }

  /// The panel's name, its median and threshold, and the heading of the quadrant column.
  static func drawPanelHeading(_ s: inout SVG, _ panel: Panel, _ layout: Layout) {
    let n = MapChart.n
    let left = Layout.left
    let top = panel.top
    let noteArgs: [String: LocalizationArgument] = [
      "median": .text(Format.fixed(panel.median)), "threshold": .text(Format.number(panel.threshold)),
    ]
    s.element(
      "text",
      [
        "class": "panel-title", "x": n(left), "y": n(top + 22), "font-size": "16", "font-weight": "bold",
        "fill": Palette.ink,
      ],
      text: panel.name)
    s.element(
      "text",
      [
        "class": "panel-note", "x": n(left + TextMetrics.width(panel.name, size: 16, bold: true) + 12),
        "y": n(top + 22), "font-size": "13", "fill": Palette.muted,
      ],
      text: panel.axis == .gains
        ? tr("median placement {median} · threshold {threshold} (high gains at or above)", noteArgs)
        : tr("median placement {median} · threshold {threshold} (high risk at or above)", noteArgs)
    )
    s.element(
      "text",
      [
        "x": n(panel.plotX + panel.plotW + 12), "y": n(panel.rowsTop - 8), "font-size": "12", "font-weight": "bold",
        "fill": Palette.muted,
      ],
      text: tr("Quadrant at 5th → 95th"))
  }

  /// The high side of the threshold lightly shaded, the grid with its tick values, the frame.
  static func drawPanelGrid(_ s: inout SVG, _ panel: Panel) {
    let n = MapChart.n
    let (plotX, plotW, rowsTop, rowsBottom) = (panel.plotX, panel.plotW, panel.rowsTop, panel.rowsBottom)
    let tx = panel.x(panel.threshold)
    s.element(
      "rect",
      [
        "class": "high-side", "x": n(tx), "y": n(rowsTop), "width": n(max(0, plotX + plotW - tx)),
        "height": n(rowsBottom - rowsTop),
        "fill": "#f3f3f3",
      ])
    s.open("g", ["class": "ticks", "font-size": "11", "fill": Palette.muted, "text-anchor": "middle"])
    var v = panel.lo
    while v <= panel.hi + 1e-9 {
      let gx = panel.x(v)
      s.element(
        "line",
        ["x1": n(gx), "y1": n(rowsTop), "x2": n(gx), "y2": n(rowsBottom), "stroke": "#e2e2e2", "stroke-width": "1"])
      s.element("text", ["x": n(gx), "y": n(rowsTop - 8)], text: Format.fixed(v, digits: panel.step < 0.05 ? 3 : 2))
      v += panel.step
    }
    s.close("g")
    s.element(
      "rect",
      [
        "class": "frame", "x": n(plotX), "y": n(rowsTop), "width": n(plotW), "height": n(rowsBottom - rowsTop),
        "fill": "none",
        "stroke": Palette.frame, "stroke-width": "1",
      ])
  }

  /// One criterion's row: its name, the two halves of its bar with the scores at their
  /// ends, the outline of a crossing, and the quadrant at each end.
  static func drawBar(_ s: inout SVG, _ b: TornadoBar, row i: Int, _ panel: Panel, _ layout: Layout) {
    let n = MapChart.n
    let (left, rowH, barH) = (Layout.left, Layout.rowH, Layout.barH)
    let axis = panel.axis
    let median = panel.median
    let x = panel.x
    let cy = panel.rowsTop + (Double(i) + 0.5) * rowH
    let ends = axis == .gains ? b.gains : b.risk
    // The core decides (from unrounded placements) whether the sweep changes the quadrant;
    // the row's quadrant labels say the same.
    let crosses = b.crossesThreshold
    var attrs: Attributes = [
      "class": crosses ? "bar crosses" : "bar", "data-criterion": b.criterion.rawValue, "data-axis": axis.rawValue,
      "data-low": Format.number(b.low, digits: 2), "data-high": Format.number(b.high, digits: 2),
    ]
    if crosses { attrs.add("data-crosses", "true") }
    s.open("g", attrs)
    s.element("title", text: tooltip(b, axis: axis, ends: ends))
    if i % 2 == 1 {
      s.element(
        "rect",
        ["x": n(left), "y": n(cy - rowH / 2), "width": n(layout.plotX - left), "height": n(rowH), "fill": "#f7f7f7"])
    }
    var label: Attributes = [
      "class": "criterion", "x": n(left + layout.labelW), "y": n(cy + 4.5), "font-size": "13", "text-anchor": "end",
      "fill": Palette.ink,
    ]
    if crosses { label.add("font-weight", "bold") }
    s.element("text", label, text: ChartWords.criterion(b.criterion))
    // The two halves: from the median to each end.
    for (k, end) in ends.enumerated() where end != median {
      let a = min(x(end), x(median))
      let w = abs(x(end) - x(median))
      s.element(
        "rect",
        [
          "class": k == 0 ? "half p05" : "half p95", "x": n(a), "y": n(cy - barH / 2), "width": n(max(1, w)),
          "height": n(barH),
          "fill": k == 0 ? lowColour : highColour,
        ])
      // The criterion's score at that end, outside the bar.
      let outward = end < median ? -1.0 : 1.0
      s.element(
        "text",
        [
          "class": "end-label", "x": n(x(end) + outward * 5), "y": n(cy + 4), "font-size": "11", "fill": Palette.ink,
          "text-anchor": outward < 0 ? "end" : "start",
        ], text: (k == 0 ? "5%: " : "95%: ") + Format.number(k == 0 ? b.low : b.high, digits: 2))
    }
    if crosses {
      let a = x(min(ends[0], ends[1]))
      s.element(
        "rect",
        [
          "class": "crossing", "x": n(a - 1), "y": n(cy - barH / 2 - 2), "width": n(abs(x(ends[1]) - x(ends[0])) + 2),
          "height": n(barH + 4), "fill": "none", "stroke": Palette.ink, "stroke-width": "2",
        ])
    }
    var quadrant: Attributes = [
      "class": "quadrants", "x": n(panel.plotX + panel.plotW + 12), "y": n(cy + 4.5), "font-size": "12",
      "fill": crosses ? Palette.ink : Palette.muted,
    ]
    if crosses { quadrant.add("font-weight", "bold") }
    let qText =
      b.quadrants[0] == b.quadrants[1]
      ? tr("{quadrant} at both ends", ["quadrant": .text(ChartWords.quadrant(b.quadrants[0]))])
      : "\(ChartWords.quadrant(b.quadrants[0])) → \(ChartWords.quadrant(b.quadrants[1]))"
    s.element(
      "text", quadrant, text: TextMetrics.truncate(qText, size: 12, bold: crosses, maxWidth: Layout.quadrantW - 14))
    s.close("g")
  }

  /// The median and the threshold over the bars, and the names of the threshold's sides.
  static func drawPanelMarks(_ s: inout SVG, _ panel: Panel) {
    let n = MapChart.n
    let (rowsTop, rowsBottom) = (panel.rowsTop, panel.rowsBottom)
    let mx = panel.x(panel.median)
    let tx = panel.x(panel.threshold)
    s.element(
      "line",
      [
        "class": "median", "x1": n(mx), "y1": n(rowsTop - 2), "x2": n(mx), "y2": n(rowsBottom + 2),
        "stroke": Palette.ink, "stroke-width": "2",
      ])
    s.element(
      "line",
      [
        "class": "threshold", "x1": n(tx), "y1": n(rowsTop), "x2": n(tx), "y2": n(rowsBottom + 8),
        "stroke": Palette.threshold,
        "stroke-width": "1.5", "stroke-dasharray": "4 3",
      ])
    let lowName = panel.axis == .gains ? tr("← low gains") : tr("← low risk")
    let highName = panel.axis == .gains ? tr("high gains →") : tr("high risk →")
    s.element(
      "text",
      [
        "class": "side", "x": n(tx - 6), "y": n(rowsBottom + 18), "font-size": "12", "fill": Palette.muted,
        "text-anchor": "end",
      ],
      text: lowName)
    s.element(
      "text", ["class": "side", "x": n(tx + 6), "y": n(rowsBottom + 18), "font-size": "12", "fill": Palette.muted],
      text: highName)
    s.element(
      "text",
      [
        "class": "threshold-label", "x": n(tx), "y": n(rowsBottom + 32), "font-size": "11", "fill": Palette.threshold,
        "text-anchor": "middle",
      ],
      text: tr("threshold {threshold}", ["threshold": .text(Format.number(panel.threshold))]))
  }

  // MARK: - Pieces

  /// A round range around the values, within 0–1, and its tick step.
  static func scale(_ values: [Double]) -> (lo: Double, hi: Double, step: Double) {
    let finite = values.filter(\.isFinite)
    let vmin = finite.min() ?? 0
    let vmax = finite.max() ?? 1
    let span = max(vmax - vmin, 0.05)
    let step = span <= 0.15 ? 0.025 : span <= 0.3 ? 0.05 : span <= 0.6 ? 0.1 : 0.2
    var lo = ((vmin - span * 0.08) / step).rounded(.down) * step
    var hi = ((vmax + span * 0.08) / step).rounded(.up) * step
    lo = max(0, lo)
    hi = min(1, max(hi, lo + step))
    return (Format.rounded(lo, digits: 6), Format.rounded(hi, digits: 6), step)
  }

  /// The median placement read off the bars: a bar that does not move an axis sits at its
  /// median there; failing that, the middle of the range every bar shares.
  static func estimatedMedian(_ bars: [TornadoBar]) -> (gains: Double, risk: Double) {
    func axis(_ ends: (TornadoBar) -> [Double]) -> Double {
      if let still = bars.first(where: { ends($0)[0] == ends($0)[1] }) { return ends(still)[0] }
      let lo = bars.map { ends($0).min()! }.max() ?? 0.5
      let hi = bars.map { ends($0).max()! }.min() ?? 0.5
      return (lo + hi) / 2
    }
    return (axis(\.gains), axis(\.risk))
  }

  static func tooltip(_ b: TornadoBar, axis: SafeZonesCore.Axis, ends: [Double]) -> String {
    let args: [String: LocalizationArgument] = [
      "criterion": .text(ChartWords.criterion(b.criterion)), "low": .text(Format.number(b.low, digits: 2)),
      "high": .text(Format.number(b.high, digits: 2)), "from": .text(Format.fixed(ends[0])),
      "to": .text(Format.fixed(ends[1])), "first": .text(ChartWords.quadrant(b.quadrants[0])),
      "second": .text(ChartWords.quadrant(b.quadrants[1])),
    ]
    return axis == .gains
      ? tr(
        "{criterion}: at its 5th percentile (score {low}) joint gains is {from}, {first}; at its 95th percentile (score {high}) {to}, {second}.",
        args)
      : tr(
        "{criterion}: at its 5th percentile (score {low}) political risk is {from}, {first}; at its 95th percentile (score {high}) {to}, {second}.",
        args)
  }

  /// The accessible summary: the median, the widest bar and the bars that cross.
  static func description(
    _ bars: [TornadoBar], panels: [SafeZonesCore.Axis], median: (gains: Double, risk: Double), thresholds: Thresholds
  ) -> String {
    let count: [String: LocalizationArgument] = ["count": .text(String(bars.count))]
    var d =
      bars.count == 1
      ? tr("Tornado chart of {count} criterion. ", count) : tr("Tornado chart of {count} criteria. ", count)
    d += tr(
      "Median placement: joint gains {gains} (threshold {gains-threshold}), political risk {risk} (threshold {risk-threshold}).",
      [
        "gains": .text(Format.fixed(median.gains)), "gains-threshold": .text(Format.number(thresholds.gains)),
        "risk": .text(Format.fixed(median.risk)), "risk-threshold": .text(Format.number(thresholds.risk)),
      ])
    let shown = bars.filter { !$0.isFlat && panels.contains($0.axis) }
    if let top = shown.first {
      let ends = top.axis == .gains ? top.gains : top.risk
      let args: [String: LocalizationArgument] = [
        "criterion": .text(ChartWords.criterion(top.criterion)), "from": .text(Format.fixed(ends[0])),
        "to": .text(Format.fixed(ends[1])),
      ]
      d +=
        top.axis == .gains
        ? tr(" Widest: {criterion} moves gains from {from} to {to}.", args)
        : tr(" Widest: {criterion} moves risk from {from} to {to}.", args)
    }
    let crossing = shown.filter(\.crossesThreshold)
    if crossing.isEmpty {
      d += tr(" No single criterion's sweep crosses a threshold.")
    } else {
      let list = crossing.map {
        tr(
          "{criterion} ({first} to {second})",
          [
            "criterion": .text(ChartWords.criterion($0.criterion)),
            "first": .text(ChartWords.quadrant($0.quadrants[0])),
            "second": .text(ChartWords.quadrant($0.quadrants[1])),
          ])
      }
      d += tr(" Sweeps that cross a threshold: {list}.", ["list": .text(list.joined(separator: "; "))])
    }
    return d
  }
}
