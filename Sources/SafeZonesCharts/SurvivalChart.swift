import Foundation
import SafeZonesCore

/// Survival curves: for each collaboration, the probability that it has not ended by the
/// end of each year, labelled at the right end of its line.
public enum SurvivalChart {
  /// Renders the chart as a standalone SVG document; the same values give the same bytes.
  public static func svg(_ collaborations: [CollaborationOutcome], options: SimulationChartOptions) -> String {
    let n = SimDraw.n
    let years = collaborations.map(\.survival.count).max() ?? 0
    let width = max(560, options.width)
    let labelSize = 12.0
    let gap = 15.0
    let labels = collaborations.map { c in "\(c.name) \(SimDraw.percent(c.survival.last ?? 1))" }
    let widest = labels.map { TextMetrics.width($0, size: labelSize) }.max() ?? 0
    let labelRoom = min(max(120, widest + 34), width * 0.42)
    let left = 70.0
    let top = 92.0
    // Room for every label at the minimum gap.
    let needed = Double(collaborations.count) * gap + 20
    let height = max(options.height, top + needed + 60)
    let plot = Rect(x: left, y: top, w: width - left - labelRoom, h: height - top - 60)
    let xStep = years > 12 ? (years > 40 ? 10.0 : 5.0) : (years > 6 ? 2.0 : 1.0)
    func x(_ year: Double) -> Double { plot.x + (years == 0 ? 0 : year / Double(years) * plot.w) }
    func y(_ p: Double) -> Double { plot.maxY - max(0, min(1, p)) * plot.h }

    var s = SVG()
    SimDraw.open(
      &s, id: "survival", width: width, height: height, options: options, description: description(collaborations))
    SimDraw.yAxis(&s, plot: plot, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], y: y, label: SimDraw.percent)
    SimDraw.xAxis(
      &s, plot: plot, ticks: stride(from: 0.0, through: Double(years), by: xStep).map { $0 }, x: x,
      label: { Format.number($0, digits: 0) })

    let ends = collaborations.map { y($0.survival.last ?? 1) }
    let placed = SimDraw.spread(ends, gap: gap, range: (plot.y + 4)...(plot.maxY))
    s.open("g", ["class": "series-set", "fill": "none", "stroke-width": "2.2", "stroke-linejoin": "round"])
    for (i, c) in collaborations.enumerated() {
      let colour = SimStyle.colour(i)
      s.open(
        "g",
        [
          "class": "series", "data-id": c.id, "data-structure": c.structure.rawValue,
          "data-survival": Format.number(c.survival.last ?? 1, digits: 4),
        ])
      s.element(
        "title",
        text:
          "\(c.name) (\(c.structure.rawValue)): \(SimDraw.percent(c.survival.last ?? 1)) chance it has not ended by year \(c.survival.count)"
      )
      let points = [Point(x: x(0), y: y(1))] + c.survival.enumerated().map { Point(x: x(Double($0 + 1)), y: y($1)) }
      var line: Attributes = ["class": "line", "d": SimDraw.path(points), "stroke": colour]
      line.add("stroke-dasharray", SimStyle.dash(i))
      s.element("path", line)
      // The label, with a leader when it had to move away from the line's end.
      let end = points.last!
      let ly = placed[i]
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
          "class": "label", "x": n(lx), "y": n(ly + 4), "font-size": n(labelSize), "fill": SimStyle.textColour(i),
          "stroke": "none",
        ], text: TextMetrics.truncate(labels[i], size: labelSize, maxWidth: labelRoom - 18))
      s.close("g")
    }
    s.close("g")
    SimDraw.frame(&s, plot)
    SimDraw.yTitle(&s, "Chance the collaboration has not ended", plot: plot, x: 20)
    SimDraw.xTitle(&s, "Year", plot: plot, y: plot.maxY + 44)
    s.close("svg")
    return s.text
  }

  static func description(_ collaborations: [CollaborationOutcome]) -> String {
    guard let years = collaborations.map(\.survival.count).max(), years > 0 else {
      return "No collaboration was simulated."
    }
    let parts = collaborations.sorted { ($0.survival.last ?? 1) > ($1.survival.last ?? 1) }.map {
      "\($0.name) \(SimDraw.percent($0.survival.last ?? 1))"
    }
    return "Chance that each collaboration has not ended by year \(years): " + parts.joined(separator: "; ") + "."
  }
}
