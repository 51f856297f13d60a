import Foundation
import SafeZonesCore

/// A scripted event drawn on the fan chart (a scenario's shock).
public struct ChartEvent: Sendable, Hashable {
  public var year: Int
  public var label: String

  public init(year: Int, label: String) {
    self.year = year
    self.label = label
  }
}

/// The fan chart of a portfolio: cumulative gains delivered by year — the median, the middle
/// half and 90% of trials — above the mean level of relations.
public enum FanChart {
  /// Renders the chart as a standalone SVG document; the same values give the same bytes.
  public static func svg(
    _ outcome: PortfolioOutcome, events: [ChartEvent] = [], options: SimulationChartOptions
  ) -> String {
    let layout = Layout(outcome, options: options)
    var s = SVG()
    SimDraw.open(
      &s, id: "fan", width: layout.width, height: layout.height, options: options,
      description: description(outcome, events: events))
    drawLegend(&s, layout)
    SimDraw.yAxis(
      &s, plot: layout.plot, ticks: SimScale.ticks(top: layout.top, step: layout.step), y: layout.y,
      label: SimDraw.value)
    SimDraw.xAxis(&s, plot: layout.plot, ticks: layout.xTicks, x: layout.x, label: { Format.number($0, digits: 0) })
    drawBands(&s, layout, outcome)
    drawEvents(&s, layout, events)
    drawYears(&s, layout, outcome)
    SimDraw.frame(&s, layout.plot)
    SimDraw.yTitle(&s, tr("Gains delivered, cumulative"), plot: layout.plot, x: 24)
    drawRelations(&s, layout, outcome)
    s.close("svg")
    return s.text
  }

  /// The gains plot above, the relations strip below, and their scales.
  struct Layout {
    let years: Int
    let width: Double
    let height: Double
    let plot: Rect
    /// The relations panel.
    let relationsPlot: Rect
    let top: Double
    let step: Double
    let xTicks: [Double]

    init(_ outcome: PortfolioOutcome, options: SimulationChartOptions) {
      years = outcome.fan.count
      width = max(480, options.width)
      height = max(420, options.height)
      let left = 82.0
      let right = 28.0
      let strip = 110.0
      plot = Rect(x: left, y: 104, w: width - left - right, h: height - 104 - 56 - strip - 70)
      relationsPlot = Rect(x: left, y: plot.maxY + 70, w: plot.w, h: strip)
      let maximum = outcome.fan.last.map { $0.max() ?? 0 } ?? 0
      let scale = SimScale.top(maximum)
      top = scale.top
      step = scale.step
      let xStep = years > 12 ? (years > 40 ? 10.0 : 5.0) : (years > 6 ? 2.0 : 1.0)
      xTicks = stride(from: 0.0, through: Double(years), by: xStep).map { $0 }
    }

    func x(_ year: Double) -> Double { plot.x + (years == 0 ? 0 : year / Double(years) * plot.w) }
    func y(_ v: Double) -> Double { plot.maxY - v / top * plot.h }
    func ry(_ v: Double) -> Double { relationsPlot.maxY - max(0, min(1, v)) * relationsPlot.h }
  }

  // MARK: - Parts

  /// The legend, above the plot: the two bands and the median line.
  static func drawLegend(_ s: inout SVG, _ layout: Layout) {
    let n = SimDraw.n
    s.open("g", ["class": "legend", "font-size": "12", "fill": SimStyle.ink])
    var lx = layout.plot.x
    let ly = 78.0
    for (label, opacity, isLine) in [
      (tr("90% of trials (5th–95th percentile)"), "0.18", false), (tr("middle half (25th–75th)"), "0.4", false),
      (tr("median"), "1", true),
    ] {
      if isLine {
        s.element(
          "line",
          [
            "x1": n(lx), "y1": n(ly - 4), "x2": n(lx + 22), "y2": n(ly - 4), "stroke": SimStyle.fan,
            "stroke-width": "2.5",
          ])
      } else {
        s.element(
          "rect",
          ["x": n(lx), "y": n(ly - 11), "width": "22", "height": "14", "fill": SimStyle.fan, "fill-opacity": opacity])
      }
      s.element("text", ["x": n(lx + 28), "y": n(ly)], text: label)
      lx += 28 + TextMetrics.width(label, size: 12) + 22
    }
    s.close("g")
  }

  /// The 90% and middle-half bands and the median, by year.
  static func drawBands(_ s: inout SVG, _ layout: Layout, _ outcome: PortfolioOutcome) {
    guard layout.years > 0 else { return }
    func column(_ q: Int) -> [Point] {
      [Point(x: layout.x(0), y: layout.y(0))]
        + outcome.fan.enumerated().map { Point(x: layout.x(Double($0 + 1)), y: layout.y($1[q])) }
    }
    s.open("g", ["class": "fan"])
    let p5 = column(0), p25 = column(1), median = column(2), p75 = column(3), p95 = column(4)
    s.element(
      "path",
      [
        "class": "band-90", "d": SimDraw.path(p95 + p5.reversed()) + " Z", "fill": SimStyle.fan,
        "fill-opacity": "0.18",
      ])
    s.element(
      "path",
      [
        "class": "band-50", "d": SimDraw.path(p75 + p25.reversed()) + " Z", "fill": SimStyle.fan,
        "fill-opacity": "0.4",
      ])
    s.element(
      "path",
      [
        "class": "median", "d": SimDraw.path(median), "fill": "none", "stroke": SimStyle.fan, "stroke-width": "2.5",
        "stroke-linejoin": "round",
      ])
    s.close("g")
  }

  /// Scripted events: a dashed line at the start of their year, across both panels.
  static func drawEvents(_ s: inout SVG, _ layout: Layout, _ events: [ChartEvent]) {
    guard !events.isEmpty else { return }
    let n = SimDraw.n
    let plot = layout.plot
    s.open("g", ["class": "events", "font-size": "12", "fill": SimStyle.ink])
    for (i, event) in events.sorted(by: { ($0.year, $0.label) < ($1.year, $1.label) }).enumerated()
    where event.year <= layout.years {
      // At the year's data points: the gains and relations of the year it strikes.
      let ex = layout.x(Double(event.year))
      s.open("g", ["class": "event", "data-year": String(event.year)])
      s.element(
        "title", text: tr("Year {year}: {event}", ["year": .text(String(event.year)), "event": .text(event.label)]))
      for panel in [plot, layout.relationsPlot] {
        s.element(
          "line",
          [
            "x1": n(ex), "y1": n(panel.y), "x2": n(ex), "y2": n(panel.maxY), "stroke": "#d55e00",
            "stroke-width": "1.5", "stroke-dasharray": "5 4",
          ])
      }
      let label = TextMetrics.truncate(
        tr("{event}, year {year}", ["event": .text(event.label), "year": .text(String(event.year))]), size: 12,
        maxWidth: plot.maxX - ex - 8)
      s.element("text", ["x": n(ex + 5), "y": n(plot.y + 16 + Double(i % 3) * 15), "fill": "#a1400a"], text: label)
      s.close("g")
    }
    s.close("g")
  }

  /// One invisible column per year carrying its numbers, for hover and screen readers.
  static func drawYears(_ s: inout SVG, _ layout: Layout, _ outcome: PortfolioOutcome) {
    let n = SimDraw.n
    let plot = layout.plot
    s.open("g", ["class": "years", "fill": "#ffffff", "fill-opacity": "0"])
    for (i, q) in outcome.fan.enumerated() {
      let x0 = layout.x(Double(i) + 0.5)
      let x1 = layout.x(Double(min(layout.years, i + 1)) + 0.5)
      s.open("g", ["class": "year", "data-year": String(i + 1)])
      s.element(
        "title",
        text: tr(
          "Year {year}: median {median}; middle half {q25}–{q75}; 90% {q5}–{q95}",
          [
            "year": .text(String(i + 1)), "median": .text(SimDraw.value(q[2])), "q25": .text(SimDraw.value(q[1])),
            "q75": .text(SimDraw.value(q[3])), "q5": .text(SimDraw.value(q[0])), "q95": .text(SimDraw.value(q[4])),
          ])
      )
      s.element("rect", ["x": n(x0), "y": n(plot.y), "width": n(max(0, min(plot.maxX, x1) - x0)), "height": n(plot.h)])
      s.close("g")
    }
    s.close("g")
  }

  /// The relations panel: the mean level of relations over trials, by year.
  static func drawRelations(_ s: inout SVG, _ layout: Layout, _ outcome: PortfolioOutcome) {
    let n = SimDraw.n
    let relationsPlot = layout.relationsPlot
    s.element(
      "text",
      [
        "class": "panel-title", "x": n(relationsPlot.x), "y": n(relationsPlot.y - 10), "font-size": "13",
        "font-weight": "bold", "fill": SimStyle.ink,
      ],
      text: tr("Relations, mean over trials (0 hostile, 1 excellent)"))
    SimDraw.yAxis(&s, plot: relationsPlot, ticks: [0, 0.5, 1], y: layout.ry, label: { Format.number($0, digits: 1) })
    SimDraw.xAxis(&s, plot: relationsPlot, ticks: layout.xTicks, x: layout.x, label: { Format.number($0, digits: 0) })
    if !outcome.relations.isEmpty {
      let points = outcome.relations.enumerated().map { Point(x: layout.x(Double($0 + 1)), y: layout.ry($1)) }
      s.element(
        "path",
        [
          "class": "relations", "d": SimDraw.path(points), "fill": "none", "stroke": SimStyle.ink, "stroke-width": "2",
          "stroke-linejoin": "round",
        ])
    }
    SimDraw.frame(&s, relationsPlot)
    SimDraw.xTitle(&s, tr("Year"), plot: relationsPlot, y: relationsPlot.maxY + 44)
  }

  static func description(_ o: PortfolioOutcome, events: [ChartEvent]) -> String {
    guard let last = o.fan.last else { return tr("No years were simulated.") }
    let years = o.fan.count
    var text = tr(
      "Cumulative gains delivered over {years} years: median {median} by year {years}, middle half of trials {q25}–{q75}, 90% of trials {q5}–{q95}.",
      [
        "years": .text(String(years)), "median": .text(SimDraw.value(last[2])), "q25": .text(SimDraw.value(last[1])),
        "q75": .text(SimDraw.value(last[3])), "q5": .text(SimDraw.value(last[0])), "q95": .text(SimDraw.value(last[4])),
      ])
    if let first = o.relations.first, let end = o.relations.last {
      text += tr(
        " Mean relations go from {first} in year 1 to {last} in year {years}.",
        ["first": .text(Format.fixed(first)), "last": .text(Format.fixed(end)), "years": .text(String(years))])
    }
    if !events.isEmpty {
      let list = events.map {
        tr("{event} in year {year}", ["event": .text($0.label), "year": .text(String($0.year))])
      }
      text += tr(" Scripted events: {events}.", ["events": .text(list.joined(separator: "; "))])
    }
    return text
  }
}
