import Foundation
import Testing

@testable import SafeZonesCharts
@testable import SafeZonesCore

/// The survival chart's vertical axis: curves that all stay high (95–99% at the end) are
/// drawn on a cut axis that separates them, and the chart says where the axis starts.
@Suite("Survival chart scale")
struct SurvivalScaleTests {
  static func outcome(_ id: String, end: Double, years: Int = 20) -> CollaborationOutcome {
    let yearly = 1 - pow(end, 1 / Double(years))
    let survival = (1...years).map { Format.rounded(pow(1 - yearly, Double($0))) }
    let spread = Spread(mean: 100, p5: 50, p25: 80, median: 100, p75: 110, p95: 120, expectedShortfall5: 40)
    return CollaborationOutcome(
      id: id, name: "Collaboration \(id)", structure: .integrated, risk: 0.2, delivered: spread, survival: survival,
      active: survival)
  }

  static let options = SimulationChartOptions(title: "High survival", subtitle: "1000 trials, seed 1")

  /// The y of the end of each series' line (the last point of its path).
  static func ends(_ root: XMLNode) -> [Double] {
    root.descendants("path", class: "line").compactMap { path in
      let d = path.attributes["d"] ?? ""
      return d.split(separator: " ").last.flatMap { Double($0) }
    }
  }

  @Test("curves ending at 95, 97 and 99% are drawn apart on an axis that starts above zero and says so")
  func highCurvesAreSeparated() throws {
    let curves = [Self.outcome("a", end: 0.95), Self.outcome("b", end: 0.97), Self.outcome("c", end: 0.99)]
    let svg = SurvivalChart.svg(curves, options: Self.options)
    let root = try #require(parseXML(svg))
    let ends = Self.ends(root).sorted()
    #expect(ends.count == 3)
    // On a 0–100% axis of about 400 pixels, two percentage points are 8 pixels: the lines
    // would touch. On the cut axis they are far apart.
    for (a, b) in zip(ends, ends.dropFirst()) { #expect(b - a >= 40, "line ends at \(a) and \(b) are too close") }
    let ticks = root.descendants("g", class: "y-ticks").flatMap { $0.descendants("text") }.map(\.text)
    #expect(ticks.first == "90%" || ticks.first == "92%" || ticks.first == "94%", "\(ticks)")
    #expect(ticks.last == "100%")
    let note = try #require(root.descendants("text", class: "axis-note").first)
    #expect(note.text.hasPrefix("The vertical axis starts at 9"))
    #expect(svg.contains("The vertical axis runs from"))
    // Every label still at the end of its own line or linked to it.
    #expect(root.descendants("text", class: "label").count == 3)
  }

  @Test("curves that fall below one half keep the whole 0–100% axis and no note")
  func lowCurvesKeepTheFullAxis() throws {
    let curves = [Self.outcome("a", end: 0.3), Self.outcome("b", end: 0.97)]
    let root = try #require(parseXML(SurvivalChart.svg(curves, options: Self.options)))
    let ticks = root.descendants("g", class: "y-ticks").flatMap { $0.descendants("text") }.map(\.text)
    #expect(ticks == ["0%", "20%", "40%", "60%", "80%", "100%"])
    #expect(root.descendants("text", class: "axis-note").isEmpty)
  }

  @Test("curves ending at 96 and 97% beside one at 42% keep the 0–100% axis and get a detail panel that separates them")
  func detailPanel() throws {
    let curves = [Self.outcome("a", end: 0.97), Self.outcome("b", end: 0.96), Self.outcome("c", end: 0.42)]
    let svg = SurvivalChart.svg(curves, options: Self.options)
    let root = try #require(parseXML(svg))
    // The main plot: every collaboration, on the whole axis.
    #expect(root.descendants("g", class: "series").count == 3)
    #expect(root.descendants("text", class: "axis-note").isEmpty)
    let panel = try #require(root.descendants("g", class: "detail").first)
    let lines = panel.descendants("g", class: "detail-series")
    #expect(lines.map { $0.attributes["data-id"] } == ["a", "b"])
    let ends = Self.ends(panel).sorted()
    #expect(ends.count == 2)
    if ends.count == 2 { #expect(ends[1] - ends[0] >= 20, "detail line ends at \(ends)") }
    let ticks = panel.descendants("g", class: "y-ticks").flatMap { $0.descendants("text") }.map(\.text)
    #expect(ticks.last == "100%" && (ticks.first.map { $0 >= "90" } ?? false), "\(ticks)")
    #expect(panel.descendants("text", class: "detail-title").first?.text.hasPrefix("Detail:") == true)
    #expect(panel.descendants("text", class: "detail-label").count == 2)
    #expect(svg.contains("A detail panel redraws the 2 curves"))
    // The document stays as tall as its content.
    let height = Double(root.attributes["height"] ?? "") ?? 0
    let lowest = panel.descendants("text").compactMap { Double($0.attributes["y"] ?? "") }.max() ?? 0
    #expect(lowest < height)
  }

  @Test("tick labels keep enough decimals on a very narrow range")
  func narrowRange() throws {
    let curves = [Self.outcome("a", end: 0.998), Self.outcome("b", end: 0.999)]
    let root = try #require(parseXML(SurvivalChart.svg(curves, options: Self.options)))
    let ticks = root.descendants("g", class: "y-ticks").flatMap { $0.descendants("text") }.map(\.text)
    #expect(Set(ticks).count == ticks.count, "tick labels repeat: \(ticks)")
    #expect(ticks.last == "100%" || ticks.last == "100.0%")
  }
}
