import Foundation
import SnapshotTesting
import Testing

@testable import SafeZonesCharts
@testable import SafeZonesCore

/// The simulation charts: fan, survival curves and frontier, from fixed values (never from
/// the simulator, so the snapshots change only when the drawing does).
@Suite("Simulation charts")
struct SimulationChartsTests {
  // MARK: - Fixtures

  static func spread(_ mean: Double) -> Spread {
    Spread(
      mean: mean, p5: mean * 0.5, p25: mean * 0.8, median: mean, p75: mean * 1.1, p95: mean * 1.2,
      expectedShortfall5: mean * 0.4)
  }

  /// Ten years of a portfolio: quantiles that widen, relations that dip in year 3.
  static let portfolio: PortfolioOutcome = {
    let fan = (1...10).map { t -> [Double] in
      let m = 50 * Double(t)
      return [
        m * (1 - 0.03 * Double(t)), m * (1 - 0.01 * Double(t)), m, m * (1 + 0.008 * Double(t)),
        m * (1 + 0.02 * Double(t)),
      ]
    }
    return PortfolioOutcome(
      delivered: spread(500), valueAtRisk5: 120, probabilityLoseAll: 0.002, fan: fan,
      relations: [0.62, 0.6, 0.35, 0.42, 0.48, 0.52, 0.55, 0.57, 0.58, 0.6], shocksPerYear: 0.9)
  }()

  static func survival(_ yearly: Double, _ years: Int = 10) -> [Double] {
    (1...years).map { Format.rounded(pow(1 - yearly, Double($0))) }
  }

  /// Curves that end close together (their labels must be spread), a hostile name and a
  /// long one.
  static let collaborations: [CollaborationOutcome] = [
    ("neutrino", "Reactor neutrino observatory", Structure.integrated, 0.002),
    ("radio", "Radio-telescope consortium", .integrated, 0.003),
    ("ccs", "Carbon capture and sequestration programme", .separate, 0.004),
    ("ai", "AI safety dialogue", .integrated, 0.07),
    ("batteries", "Battery materials project", .integrated, 0.05),
    ("hostile", "<script>alert(\"x\")</script> & co", .integrated, 0.02),
    (
      "long", "A collaboration with a name far too long to fit beside the plot without being cut short at all",
      .separate, 0.01
    ),
  ].map { id, name, structure, yearly in
    CollaborationOutcome(
      id: id, name: name, structure: structure, risk: 0.3, delivered: spread(100), survival: survival(yearly),
      active: survival(yearly * 2))
  }

  static func point(_ ids: [String], _ expected: Double, _ shortfall: Double, budget: Double = 90) -> FrontierPoint {
    FrontierPoint(collaborations: ids, budget: budget, expected: expected, expectedShortfall5: shortfall)
  }

  static let frontier: Frontier = {
    let points = [
      point(["neutrino", "radio", "ccs"], 605, 394),
      point(["neutrino", "ccs", "ai"], 616, 371),
      point(["radio", "ccs", "ai", "batteries"], 621, 355),
      point(["radio", "ai", "batteries", "hostile"], 625, 328, budget: 100),
    ]
    return Frontier(points: points, recommended: points[0], riskAppetite: 0.5, method: "exhaustive", trials: 5000)
  }()

  static let names = [
    "neutrino": "Reactor neutrino observatory", "radio": "Radio-telescope consortium", "ccs": "Carbon capture",
    "ai": "AI safety dialogue", "batteries": "Battery materials", "hostile": "<b>Hostile</b> & co",
  ]

  static let options = SimulationChartOptions(title: "Test portfolio", subtitle: "1000 trials, seed 1")

  static func fan() -> String {
    FanChart.svg(
      portfolio, events: [ChartEvent(year: 3, label: "south-china-sea-escalation, severity 0.9")],
      options: SimulationChartOptions(title: "Test portfolio", subtitle: "1000 trials, seed 1", height: 600))
  }

  static func survival() -> String { SurvivalChart.svg(collaborations, options: options) }
  static func frontierSVG() -> String { FrontierChart.svg(frontier, names: names, options: options) }

  // MARK: - Snapshots

  @Test("the fan chart matches its snapshot")
  func fanSnapshot() { assertSnapshot(of: Self.fan(), as: .lines, named: "fan") }

  @Test("the survival chart matches its snapshot")
  func survivalSnapshot() { assertSnapshot(of: Self.survival(), as: .lines, named: "survival") }

  @Test("the frontier chart matches its snapshot")
  func frontierSnapshot() { assertSnapshot(of: Self.frontierSVG(), as: .lines, named: "frontier") }

  // MARK: - Structure

  @Test("every chart is well-formed, deterministic, titled and described", arguments: ["fan", "survival", "frontier"])
  func accessible(_ name: String) throws {
    func draw() -> String {
      switch name {
      case "fan": return Self.fan()
      case "survival": return Self.survival()
      default: return Self.frontierSVG()
      }
    }
    let svg = draw()
    #expect(svg == draw())
    let root = try #require(parseXML(svg))
    #expect(root.name == "svg")
    #expect(root.attributes["role"] == "img")
    #expect(root.attributes["aria-labelledby"] == "\(name)-title \(name)-desc")
    #expect(root.children.prefix(2).map(\.name) == ["title", "desc"])
    #expect(root.children[0].attributes["id"] == "\(name)-title")
    #expect(root.children[0].text.hasPrefix("Test portfolio"))
    #expect(!root.children[1].text.isEmpty)
    // No script, no style element, no inline style: the site's CSP forbids them.
    #expect(root.descendants("script").isEmpty && root.descendants("style").isEmpty)
    #expect(!svg.contains("style=") && !svg.contains("<script"))
  }

  @Test("the fan chart draws both bands, the median, the scenario's event and one hover column a year")
  func fanParts() throws {
    let root = try #require(parseXML(Self.fan()))
    #expect(root.descendants("path", class: "band-90").count == 1)
    #expect(root.descendants("path", class: "band-50").count == 1)
    #expect(root.descendants("path", class: "median").count == 1)
    #expect(root.descendants("path", class: "relations").count == 1)
    let event = try #require(root.descendants("g", class: "event").first)
    #expect(event.attributes["data-year"] == "3")
    #expect(event.fullText.contains("south-china-sea-escalation"))
    let years = root.descendants("g", class: "year")
    #expect(years.count == 10)
    #expect(years[9].children.first?.text == "Year 10: median 500; middle half 450–540; 90% 350–600")
    #expect(root.children[1].text.contains("median 500 by year 10"))
  }

  @Test("survival curves: one per collaboration, labels apart, names escaped and cut to fit")
  func survivalParts() throws {
    let svg = Self.survival()
    let root = try #require(parseXML(svg))
    let series = root.descendants("g", class: "series")
    #expect(series.map { $0.attributes["data-id"] } == Self.collaborations.map(\.id))
    let labels = root.descendants("text", class: "label")
    #expect(labels.count == Self.collaborations.count)
    let ys = labels.compactMap { Double($0.attributes["y"] ?? "") }.sorted()
    for (a, b) in zip(ys, ys.dropFirst()) { #expect(b - a >= 14.9, "labels at \(a) and \(b) overlap") }
    // Escaped, never raw markup.
    #expect(!svg.contains("<script>"))
    #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"))
    #expect(labels.contains { $0.text.hasSuffix("…") })
    // Separate-but-coordinated and integrated are both marked for readers of the data.
    #expect(series.compactMap { $0.attributes["data-structure"] }.contains("separate-but-coordinated"))
  }

  @Test("the frontier rings the recommended point and keys every point")
  func frontierParts() throws {
    let svg = Self.frontierSVG()
    let root = try #require(parseXML(svg))
    let points = root.descendants("g", class: "point")
    #expect(points.count == 4)
    #expect(points.filter { $0.classes.contains("recommended") }.map { $0.attributes["data-index"] } == ["1"])
    #expect(root.descendants("g", class: "key-entry").count == 4)
    #expect(root.descendants("path", class: "indifference").count == 1)
    #expect(svg.contains("&lt;b&gt;Hostile&lt;/b&gt; &amp; co"))
    #expect(root.children[1].text.contains("Recommended for risk appetite 0.5"))
  }

  @Test("empty inputs draw an empty chart instead of failing")
  func emptyInputs() throws {
    let empty = PortfolioOutcome(
      delivered: Self.spread(0), valueAtRisk5: 0, probabilityLoseAll: 0, fan: [], relations: [], shocksPerYear: 0)
    #expect(parseXML(FanChart.svg(empty, options: Self.options)) != nil)
    #expect(parseXML(SurvivalChart.svg([], options: Self.options)) != nil)
    let nothing = Frontier(points: [], recommended: nil, riskAppetite: 0, method: "exhaustive", trials: 0)
    #expect(parseXML(FrontierChart.svg(nothing, options: Self.options)) != nil)
    let one = Frontier(
      points: [Self.point([], 0, 0)], recommended: Self.point([], 0, 0), riskAppetite: 0, method: "exhaustive",
      trials: 1)
    #expect(parseXML(FrontierChart.svg(one, options: Self.options)) != nil)
  }

  // MARK: - Parts

  @Test("axis steps are 1, 2 or 5 times a power of ten and cover the data")
  func scales() {
    #expect(SimScale.step(1000, count: 5) == 200)
    #expect(SimScale.step(7, count: 5) == 2)
    #expect(SimScale.top(1362).top == 1500)
    let around = SimScale.around(605, 625)
    #expect(around.low <= 605 && around.high >= 625 && around.low >= 580)
    #expect(SimScale.around(0, 0).low == 0)
    #expect(SimScale.ticks(low: 600, high: 630, step: 5).count == 7)
  }

  @Test("spread labels keep their order, keep the gap and stay in range when there is room")
  func spreadLabels() {
    let placed = SimDraw.spread([100, 101, 102, 300, 99], gap: 15, range: 90...400)
    #expect(placed[4] < placed[0] && placed[0] < placed[1] && placed[1] < placed[2])
    let sorted = placed.sorted()
    for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(b - a >= 15 - 1e-9) }
    #expect(placed.allSatisfy { (90...400).contains($0) })
    #expect(placed[3] == 300)
    // Crowded at the bottom edge: pushed back up.
    let bottom = SimDraw.spread([398, 399, 400], gap: 15, range: 0...400)
    #expect(bottom == [370, 385, 400])
  }
}
