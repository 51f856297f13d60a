import Foundation
import SnapshotTesting
import Testing

@testable import SafeZonesCharts
@testable import SafeZonesCore

/// The tornado chart and the map's uncertainty layer, from fixed values (never from the
/// Monte Carlo engine, so the snapshots change only when the drawing does).
@Suite("Uncertainty charts")
struct UncertaintyChartsTests {
  // MARK: - Fixtures

  static let thresholds = Thresholds()

  static func bar(
    _ c: CriterionID, _ low: Double, _ high: Double, gains: [Double], risk: [Double], _ q: [Quadrant]
  ) -> TornadoBar {
    TornadoBar(
      criterion: c, low: low, high: high, gains: gains, risk: risk, quadrants: q,
      swing: max(abs(gains[1] - gains[0]), abs(risk[1] - risk[0])))
  }

  /// A domain at gains 0.62, risk 0.46: military crosses the risk threshold, stakeholder
  /// support runs backwards (a mitigation), parity is certain.
  static let bars: [TornadoBar] = [
    bar(.military, 1.2, 3.6, gains: [0.62, 0.62], risk: [0.38, 0.58], [.safeZone, .politicalEngineering]),
    bar(.fundamentality, 2, 3.5, gains: [0.55, 0.68], risk: [0.46, 0.46], [.safeZone, .safeZone]),
    bar(.stakeholderSupport, 1, 3, gains: [0.62, 0.62], risk: [0.5, 0.42], [.politicalEngineering, .safeZone]),
    bar(.salience, 1.5, 2.5, gains: [0.62, 0.62], risk: [0.44, 0.48], [.safeZone, .safeZone]),
    bar(.parity, 3, 3, gains: [0.62, 0.62], risk: [0.46, 0.46], [.safeZone, .safeZone]),
  ]

  static let median = (gains: 0.62, risk: 0.46)

  static func tornado(_ axis: TornadoChart.Axis = .both, title: String = "What moves Fixture domain") -> String {
    TornadoChart.svg(
      bars: bars, title: title, subtitle: "10000 samples · seed 1", axis: axis, thresholds: thresholds, median: median)
  }

  static let marks: [String: UncertaintyMark] = [
    "gravitational-waves": UncertaintyMark(
      gainsMean: 0.83, riskMean: 0.19, covariance: [0.002, 0.0004, 0.003],
      cloud: [[0.8, 0.2], [0.86, 0.17], [0.82, 0.25]],
      probabilities: [.safeZone: 0.97, .politicalEngineering: 0.03, .monitor: 0, .traditional: 0],
      mostLikely: .safeZone,
      confidence: 0.97),
    "lithium-batteries": UncertaintyMark(
      gainsMean: 0.53, riskMean: 0.52, covariance: [0.004, -0.001, 0.006],
      probabilities: [.safeZone: 0.3, .politicalEngineering: 0.45, .monitor: 0.15, .traditional: 0.1],
      mostLikely: .politicalEngineering, confidence: 0.45),
    "ocean-sensors": UncertaintyMark(
      gainsMean: 0.61, riskMean: 0.31, covariance: [0.003, 0, 0.001],
      probabilities: [.safeZone: 0.88, .politicalEngineering: 0.02, .monitor: 0, .traditional: 0.1],
      mostLikely: .safeZone,
      confidence: 0.88),
    // A certain placement: no ellipse, but probabilities.
    "radio-astronomy": UncertaintyMark(
      gainsMean: 0.78, riskMean: 0.12, covariance: [0, 0, 0],
      probabilities: [.safeZone: 1, .politicalEngineering: 0, .monitor: 0, .traditional: 0], mostLikely: .safeZone,
      confidence: 1),
  ]

  static func uncertainOptions(_ mode: MapColourMode) -> MapOptions {
    var options = MapOptions(rubric: Fixtures.rubric)
    options.uncertainty = marks
    options.colourMode = mode
    return options
  }

  // MARK: - Tornado

  @Test("the tornado matches its snapshot")
  func tornadoSnapshot() {
    assertSnapshot(of: Self.tornado(), as: .lines, named: "tornado")
  }

  @Test("the tornado is well-formed, deterministic, titled and described")
  func tornadoWellFormed() throws {
    let svg = Self.tornado()
    #expect(svg == Self.tornado())
    let root = try #require(parseXML(svg))
    #expect(root.name == "svg")
    #expect(root.attributes["role"] == "img")
    #expect(root.children.prefix(2).map(\.name) == ["title", "desc"])
    let desc = root.children[1].fullText
    #expect(desc.contains("Median placement: joint gains 0.62"))
    #expect(desc.contains("Military applicability (Safe zone to Political engineering)"))
    // No <style>: the web page inlines it under a content security policy.
    #expect(root.descendants("style").isEmpty)
  }

  @Test("bars sit in their axis's panel, widest first, centred on the median, ends labelled with the percentiles")
  func tornadoBars() throws {
    let root = try #require(parseXML(Self.tornado()))
    let panels = root.descendants("g", class: "panel")
    #expect(panels.map { $0.attributes["data-axis"] } == ["gains", "risk"])
    let gains = panels[0].descendants("g", class: "bar").compactMap { $0.attributes["data-criterion"] }
    let risk = panels[1].descendants("g", class: "bar").compactMap { $0.attributes["data-criterion"] }
    #expect(gains == ["fundamentality"])
    #expect(risk == ["military", "stakeholder_support", "salience"])
    // The certain criterion is named in the footnote, not drawn.
    #expect(!(gains + risk).contains("parity"))
    #expect(root.descendants("g", class: "footnote").first?.fullText.contains("Parity") == true)
    // Both halves meet at the median line.
    let medianLine = try #require(panels[1].descendants("line", class: "median").first)
    let mx = try #require(Double(medianLine.attributes["x1"] ?? ""))
    let military = try #require(panels[1].descendants("g", class: "bar").first)
    let halves = military.descendants("rect", class: "half")
    #expect(halves.count == 2)
    let low = try #require(halves.first { $0.classes.contains("p05") })
    let high = try #require(halves.first { $0.classes.contains("p95") })
    let lowX = Double(low.attributes["x"]!)!
    let lowW = Double(low.attributes["width"]!)!
    #expect(abs(lowX + lowW - mx) < 0.11)
    #expect(abs(Double(high.attributes["x"]!)! - mx) < 0.11)
    let labels = military.descendants("text", class: "end-label").map(\.text)
    #expect(labels == ["5%: 1.2", "95%: 3.6"])
    // A mitigation runs backwards: its 95th percentile lowers risk, left of the median.
    let support = try #require(
      panels[1].descendants("g", class: "bar").first { $0.attributes["data-criterion"] == "stakeholder_support" })
    let supportHigh = try #require(support.descendants("rect", class: "p95").first)
    #expect(Double(supportHigh.attributes["x"]!)! < mx)
  }

  @Test("a sweep that crosses the threshold is outlined, bold and names both quadrants")
  func tornadoCrossing() throws {
    let root = try #require(parseXML(Self.tornado()))
    let crossing = root.descendants("g", class: "crosses").compactMap { $0.attributes["data-criterion"] }
    #expect(crossing == ["military", "stakeholder_support"])
    for g in root.descendants("g", class: "crosses") {
      #expect(g.descendants("rect", class: "crossing").count == 1)
      #expect(g.descendants("text", class: "criterion").first?.attributes["font-weight"] == "bold")
      #expect(g.descendants("text", class: "quadrants").first?.text.contains("→") == true)
    }
    let salience = try #require(
      root.descendants("g", class: "bar").first { $0.attributes["data-criterion"] == "salience" })
    #expect(salience.attributes["data-crosses"] == nil)
    #expect(salience.descendants("text", class: "quadrants").first?.text == "Safe zone at both ends")
    // The threshold is marked in every panel.
    #expect(root.descendants("line", class: "threshold").count == 2)
  }

  @Test("one axis draws one panel; hostile titles are escaped; the median can be read off the bars")
  func tornadoOptions() throws {
    let gainsOnly = try #require(parseXML(Self.tornado(.gains)))
    #expect(gainsOnly.descendants("g", class: "panel").map { $0.attributes["data-axis"] } == ["gains"])
    let riskOnly = try #require(parseXML(Self.tornado(.risk)))
    #expect(riskOnly.descendants("g", class: "panel").map { $0.attributes["data-axis"] } == ["risk"])
    let hostile = Self.tornado(title: "<script>alert(1)</script> & co")
    #expect(!hostile.contains("<script>"))
    #expect(parseXML(hostile) != nil)
    let estimated = TornadoChart.estimatedMedian(Self.bars)
    #expect(estimated.gains == 0.62 && estimated.risk == 0.46)
    // No bars at all: still a document.
    #expect(parseXML(TornadoChart.svg(bars: [], title: "Nothing", thresholds: Self.thresholds)) != nil)
  }

  // MARK: - Map layer

  @Test("the map with the uncertainty layer matches its snapshot")
  func mapSnapshot() {
    let svg = MapChart.svg(Fixtures.points, options: Self.uncertainOptions(.safeZoneProbability))
    assertSnapshot(of: svg, as: .lines, named: "map-uncertainty")
  }

  @Test("without marks the map is exactly the default map")
  func defaultUnchanged() {
    var options = MapOptions(rubric: Fixtures.rubric)
    options.colourMode = .safeZoneProbability
    #expect(
      MapChart.svg(Fixtures.points, options: options)
        == MapChart.svg(Fixtures.points, options: MapOptions(rubric: Fixtures.rubric)))
  }

  @Test("ellipses for uncertain domains, clipped to the plot, under the points; whiskers give way to them")
  func ellipses() throws {
    let root = try #require(parseXML(MapChart.svg(Fixtures.points, options: Self.uncertainOptions(.quadrant))))
    let layer = try #require(root.descendants("g", class: "uncertainty").first)
    #expect(layer.attributes["clip-path"] == "url(#map-plot-clip)")
    let marks = layer.descendants("g", class: "uncertainty-mark")
    #expect(Set(marks.compactMap { $0.attributes["data-id"] }) == Set(Self.marks.keys))
    let withEllipse = Set(marks.filter { !$0.descendants("ellipse").isEmpty }.compactMap { $0.attributes["data-id"] })
    #expect(withEllipse == ["gravitational-waves", "lithium-batteries", "ocean-sensors"])
    #expect(layer.descendants("g", class: "cloud").first?.descendants("circle").count == 3)
    // The layer comes before the points, so markers stay on top.
    let order = root.all.compactMap { $0.classes.first }
    #expect(order.firstIndex(of: "uncertainty")! < order.firstIndex(of: "domains")!)
    // Gravitational waves and ocean sensors had whiskers; the ellipse replaces them.
    let envelopes = root.descendants("g", class: "envelope").compactMap { $0.attributes["data-id"] }
    #expect(envelopes == ["telecommunications-equipment"])
    // Quadrant colours are kept in this mode.
    let legend = root.descendants("g", class: "legend").first?.fullText ?? ""
    for q in Quadrant.allCases { #expect(legend.contains(q.title)) }
    #expect(legend.contains("Ellipse: 90% of simulated"))
  }

  @Test("the 90% ellipse follows the covariance: radii from χ², tilt from the correlation")
  func ellipseGeometry() throws {
    func mark(_ c: [Double]) -> UncertaintyMark {
      UncertaintyMark(
        gainsMean: 0.5, riskMean: 0.5, covariance: c, probabilities: [:], mostLikely: .safeZone, confidence: 0.5)
    }
    let centre = Point(x: 100, y: 100)
    let round = try #require(EllipseGeometry(mark: mark([0.01, 0, 0.01]), centre: centre, scaleX: 500, scaleY: -500))
    let expected = (4.605170185988091 * 0.01).squareRoot() * 500
    #expect(abs(round.rx - expected) < 1e-9 && abs(round.ry - expected) < 1e-9)
    let wide = try #require(EllipseGeometry(mark: mark([0.02, 0, 0.005]), centre: centre, scaleX: 500, scaleY: -500))
    #expect(abs(wide.degrees) < 1e-9 && wide.rx > wide.ry)
    // Gains and risk rising together lean up and to the right: a negative angle on screen.
    let rising = try #require(
      EllipseGeometry(mark: mark([0.01, 0.008, 0.01]), centre: centre, scaleX: 500, scaleY: -500))
    #expect(abs(rising.degrees + 45) < 1e-6)
    #expect(EllipseGeometry(mark: mark([0, 0, 0]), centre: centre, scaleX: 500, scaleY: -500) == nil)
  }

  @Test("colour by P(safe zone): five classes with a legend, dark outlines, and probabilities in the tooltip")
  func probabilityColours() throws {
    let root = try #require(
      parseXML(MapChart.svg(Fixtures.points, options: Self.uncertainOptions(.safeZoneProbability))))
    let legend = root.descendants("g", class: "legend").first?.fullText ?? ""
    for text in ["P(safe zone) 80–100%", "60–80%", "40–60%", "20–40%", "0–20%", "No estimate"] {
      #expect(legend.contains(text))
    }
    #expect(!legend.contains(Quadrant.monitor.title))
    for g in root.descendants("g", class: "domain") {
      let id = try #require(g.attributes["data-id"])
      let marker = try #require(g.all.first { $0.classes.contains("marker") })
      if let mark = Self.marks[id] {
        #expect(marker.attributes["fill"] == MapChart.probabilityColours[MapChart.probabilityClass(mark.safeZone)])
        #expect(g.attributes["data-p-safe"] == Format.number(mark.safeZone, digits: 3))
        let title = g.descendants("title").first?.text ?? ""
        #expect(title.contains("Probabilities: safe zone \(Format.number(mark.safeZone * 100, digits: 0))%"))
        #expect(title.contains("confidence \(Format.number(mark.confidence * 100, digits: 0))%"))
      } else {
        #expect(marker.attributes["fill"] == "#bbbbbb")
        #expect(g.attributes["data-p-safe"] == nil)
      }
      #expect(marker.attributes["stroke"] == Palette.ink)
    }
    #expect(
      MapChart.probabilityClass(0) == 0 && MapChart.probabilityClass(0.2) == 1 && MapChart.probabilityClass(1) == 4)
    let desc = root.children[1].fullText
    #expect(desc.contains("Ellipses show where 3 domains' simulated placements fall with 90% probability"))
    #expect(desc.contains("coloured by the probability of lying in the safe zone"))
  }

  @Test("a bar is marked as crossing exactly when the core says the sweep changes the quadrant")
  func crossingFollowsTheCore() {
    // Ends that straddle 0.5 once rounded, but whose unrounded placements the core found in
    // one quadrant (0.4999 and 0.5 both below a 0.50001 cut, say): the row's labels say
    // "safe zone at both ends", and the bar must not contradict them.
    let near = Self.bar(.economic, 1, 2, gains: [0.62, 0.62], risk: [0.49, 0.5], [.safeZone, .safeZone])
    let svg = TornadoChart.svg(
      bars: [near], title: "Near the threshold", axis: .risk, thresholds: Self.thresholds, median: Self.median)
    #expect(svg.contains("data-criterion=\"economic\""))
    #expect(!svg.contains("bar crosses"))
    let crossing = Self.bar(
      .economic, 1, 2, gains: [0.62, 0.62], risk: [0.49, 0.5], [.safeZone, .politicalEngineering])
    #expect(
      TornadoChart.svg(
        bars: [crossing], title: "Crossing", axis: .risk, thresholds: Self.thresholds, median: Self.median
      ).contains("bar crosses"))
  }
}
