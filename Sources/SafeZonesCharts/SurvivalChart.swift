import Foundation
import SafeZonesCore

/// Survival curves: for each collaboration, the probability that it has not ended by the
/// end of each year, labelled at the right end of its line.
///
/// Curves that end close together near the top (95, 96, 99%) would be drawn on top of each
/// other on a 0–100% axis. When every curve stays at or above one half, the axis is cut
/// to a round range below the lowest value; otherwise a detail panel under the chart
/// redraws the curves that end high on their own, finer scale. Either way the chart says
/// where its axis starts.
public enum SurvivalChart {
  static let labelSize = 12.0
  static let gap = 15.0

  /// A vertical scale: from `low` to 100%, ticks every `step`, labels with `digits` decimals.
  struct Scale {
    var low: Double
    var step: Double
    var digits: Int

    static let whole = Scale(low: 0, step: 0.2, digits: 0)

    func label(_ p: Double) -> String { Format.number(p * 100, digits: digits) + "%" }
    var ticks: [Double] { SimScale.ticks(low: low, high: 1, step: step) }
  }

  /// Renders the chart as a standalone SVG document; the same values give the same bytes.
  public static func svg(_ collaborations: [CollaborationOutcome], options: SimulationChartOptions) -> String {
    let n = SimDraw.n
    let years = collaborations.map(\.survival.count).max() ?? 0
    let width = max(560, options.width)
    let labels = collaborations.map { c in "\(c.name) \(SimDraw.percent(c.survival.last ?? 1))" }
    let widest = labels.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0
    let labelRoom = min(max(120, widest + 34), width * 0.42)
    let left = 70.0
    let top = 92.0
    // Room for every label at the minimum gap.
    let needed = Double(collaborations.count) * gap + 20
    let mainHeight = max(options.height, top + needed + 60)
    let plot = Rect(x: left, y: top, w: width - left - labelRoom, h: mainHeight - top - 60)
    let scale = Self.scale(collaborations)
    let detail = scale.low > 0 ? nil : Self.detail(collaborations)
    let panel = detail.map { d in
      Rect(x: left, y: plot.maxY + 96, w: plot.w, h: max(200, Double(d.members.count) * gap + 20))
    }
    let height = panel.map { $0.maxY + 60 } ?? mainHeight
    let xStep = years > 12 ? (years > 40 ? 10.0 : 5.0) : (years > 6 ? 2.0 : 1.0)
    let xTicks = stride(from: 0.0, through: Double(years), by: xStep).map { $0 }

    var s = SVG()
    SimDraw.open(
      &s, id: "survival", width: width, height: height, options: options, description: description(collaborations))
    drawPlot(
      &s, collaborations, members: Array(collaborations.indices), labels: labels, plot: plot, scale: scale,
      years: years, xTicks: xTicks, labelRoom: labelRoom, detail: false)
    if scale.low > 0 {
      // Curves that all stay high would lie on top of each other on a 0–100% axis; the
      // axis is cut, and says so.
      s.element(
        "text",
        [
          "class": "axis-note", "x": n(plot.x), "y": n(plot.y - 10), "font-size": "12", "fill": SimStyle.muted,
        ], text: tr("The vertical axis starts at {low}, not 0%", ["low": .text(scale.label(scale.low))]))
    }
    SimDraw.yTitle(&s, tr("Chance the collaboration has not ended"), plot: plot, x: 20)
    SimDraw.xTitle(&s, tr("Year"), plot: plot, y: plot.maxY + 44)
    if let detail, let panel {
      s.open("g", ["class": "detail"])
      s.element(
        "text",
        [
          "class": "detail-title", "x": n(panel.x), "y": n(panel.y - 14), "font-size": "13", "font-weight": "bold",
          "fill": SimStyle.ink,
        ],
        text: TextMetrics.truncate(
          tr(
            "Detail: the curves that end at {threshold} or more, on an axis from {low} to 100%",
            [
              "threshold": .text(detail.scale.label(detail.threshold)),
              "low": .text(detail.scale.label(detail.scale.low)),
            ]),
          size: 13, bold: true, maxWidth: width - 48 - panel.x))
      drawPlot(
        &s, collaborations, members: detail.members, labels: labels, plot: panel, scale: detail.scale, years: years,
        xTicks: xTicks, labelRoom: labelRoom, detail: true)
      SimDraw.xTitle(&s, tr("Year"), plot: panel, y: panel.maxY + 44)
      s.close("g")
    }
    s.close("svg")
    return s.text
  }

  /// Axes, lines and end labels of `members` on `plot`. The main plot's series and labels
  /// carry the classes `series` and `label`; the detail panel's `detail-series` and
  /// `detail-label`, so that each collaboration is one `series` in the document.
  static func drawPlot(
    _ s: inout SVG, _ collaborations: [CollaborationOutcome], members: [Int], labels: [String], plot: Rect,
    scale: Scale, years: Int, xTicks: [Double], labelRoom: Double, detail: Bool
  ) {
    let n = SimDraw.n
    func x(_ year: Double) -> Double { plot.x + (years == 0 ? 0 : year / Double(years) * plot.w) }
    func y(_ p: Double) -> Double { plot.maxY - (max(scale.low, min(1, p)) - scale.low) / (1 - scale.low) * plot.h }
    SimDraw.yAxis(&s, plot: plot, ticks: scale.ticks, y: y, label: scale.label)
    SimDraw.xAxis(&s, plot: plot, ticks: xTicks, x: x, label: { Format.number($0, digits: 0) })
    let ends = members.map { y(collaborations[$0].survival.last ?? 1) }
    let placed = SimDraw.spread(ends, gap: gap, range: (plot.y + 4)...(plot.maxY))
    s.open("g", ["class": "series-set", "fill": "none", "stroke-width": "2.2", "stroke-linejoin": "round"])
    for (k, i) in members.enumerated() {
      let c = collaborations[i]
      let colour = SimStyle.colour(i)
      var group: Attributes = ["class": detail ? "detail-series" : "series", "data-id": c.id]
      if !detail {
        group.add("data-structure", c.structure.rawValue)
        group.add("data-survival", Format.number(c.survival.last ?? 1, digits: 4))
      }
      s.open("g", group)
      if !detail {
        s.element(
          "title",
          text: tr(
            "{name} ({structure}): {chance} chance it has not ended by year {year}",
            [
              "name": .text(c.name), "structure": .text(structureName(c.structure)),
              "chance": .text(SimDraw.percent(c.survival.last ?? 1)), "year": .text(String(c.survival.count)),
            ])
        )
      }
      let points = [Point(x: x(0), y: y(1))] + c.survival.enumerated().map { Point(x: x(Double($0 + 1)), y: y($1)) }
      var line: Attributes = ["class": "line", "d": SimDraw.path(points), "stroke": colour]
      line.add("stroke-dasharray", SimStyle.dash(i))
      s.element("path", line)
      // The label, with a leader when it had to move away from the line's end.
      let end = points.last!
      let ly = placed[k]
      let lx = plot.maxX + 14
      if abs(ly - end.y) > 2 {
        s.element(
          "path",
          [
            "class": "leader", "d": "M\(n(end.x)) \(n(end.y)) L\(n(lx - 3)) \(n(ly))", "stroke": colour,
            "stroke-width": "1",
          ])
      }
      s.element(
        "text",
        [
          "class": detail ? "detail-label" : "label", "x": n(lx), "y": n(ly + 4), "font-size": n(labelSize),
          "fill": SimStyle.textColour(i), "stroke": "none",
        ], text: TextMetrics.truncate(labels[i], size: labelSize, maxWidth: labelRoom - 18))
      s.close("g")
    }
    s.close("g")
    SimDraw.frame(&s, plot)
  }

  /// The vertical axis: 0–100%, or, when every curve stays at or above one half, a round
  /// range from just below the lowest value to 100%, so that curves ending at 95, 97 and
  /// 99% are drawn apart instead of on top of each other.
  static func scale(_ collaborations: [CollaborationOutcome]) -> Scale {
    let lowest = collaborations.flatMap(\.survival).filter(\.isFinite).min() ?? 1
    guard lowest >= 0.5, lowest < 1 else { return .whole }
    let span = max(0.01, 1 - lowest)
    let step = SimScale.step(span * 1.15, count: 5)
    let low = max(0, ((lowest - span * 0.1) / step).rounded(.down) * step)
    let digits = step * 100 >= 0.999 ? 0 : (step * 100 >= 0.0999 ? 1 : 2)
    return Scale(low: Format.rounded(low), step: step, digits: digits)
  }

  /// Curves ending this high, two or more of them within this many points of each other,
  /// get the detail panel.
  static let detailThreshold = 0.85
  static let detailCloseness = 0.04

  /// The detail panel of a chart whose axis runs 0–100%: the collaborations ending at or
  /// above `detailThreshold`, when at least two of them end within `detailCloseness` of
  /// each other, on their own scale.
  static func detail(
    _ collaborations: [CollaborationOutcome]
  ) -> (
    members: [Int], scale: Scale, threshold: Double
  )? {
    let members = collaborations.indices.filter { (collaborations[$0].survival.last ?? 1) >= detailThreshold }
    let ends = members.map { collaborations[$0].survival.last ?? 1 }.sorted()
    guard members.count >= 2, zip(ends, ends.dropFirst()).contains(where: { $1 - $0 < detailCloseness }) else {
      return nil
    }
    let scale = scale(members.map { collaborations[$0] })
    guard scale.low > 0 else { return nil }
    return (members, scale, detailThreshold)
  }

  static func description(_ collaborations: [CollaborationOutcome]) -> String {
    guard let years = collaborations.map(\.survival.count).max(), years > 0 else {
      return tr("No collaboration was simulated.")
    }
    let parts = collaborations.sorted { ($0.survival.last ?? 1) > ($1.survival.last ?? 1) }.map {
      "\($0.name) \(SimDraw.percent($0.survival.last ?? 1))"
    }
    var text = tr(
      "Chance that each collaboration has not ended by year {year}: {list}.",
      ["year": .text(String(years)), "list": .text(parts.joined(separator: "; "))])
    let scale = scale(collaborations)
    if scale.low > 0 {
      text += tr(" The vertical axis runs from {low} to 100%.", ["low": .text(scale.label(scale.low))])
    } else if let detail = detail(collaborations) {
      text += tr(
        " A detail panel redraws the {count} curves ending at {threshold} or more on an axis from {low} to 100%.",
        [
          "count": .text(String(detail.members.count)), "threshold": .text(detail.scale.label(detail.threshold)),
          "low": .text(detail.scale.label(detail.scale.low)),
        ])
    }
    return text
  }

  /// A collaboration's structure (`integrated`, `separate-but-coordinated`) as shown.
  static func structureName(_ structure: Structure) -> String {
    switch structure {
    case .integrated: tr("integrated")
    case .separate: tr("separate-but-coordinated")
    }
  }
}
