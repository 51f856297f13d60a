import Foundation
import SnapshotTesting
import Testing

@testable import SafeZonesCharts
@testable import SafeZonesCore

/// The Delphi feedback chart of one criterion, from fixed values.
@Suite("Delphi distribution chart")
struct DelphiDistributionChartTests {
  typealias Value = RoundFeedback.Value

  static func point(_ v: Double) -> Value { Value(low: v, likely: v, high: v) }

  /// Round 2: two points and a range, the reader at 2 (a tie with another panellist);
  /// round 1: three spread-out points, the reader at 1.
  static let current = DelphiDistributionChart.Row(
    label: "Round 2", group: GroupDistribution(n: 3, p05: 1.9, p25: 2, median: 2.2, p75: 2.6, p95: 3.1),
    values: [point(2), point(2), Value(low: 2, likely: 2.5, high: 3.5)], own: point(2))
  static let previous = DelphiDistributionChart.Row(
    label: "Round 1", group: GroupDistribution(n: 4, p05: 0.8, p25: 1.5, median: 2.5, p75: 3.4, p95: 3.9),
    values: [point(1), point(3), point(3.5), point(4)], own: point(1))

  static func chart(
    current: DelphiDistributionChart.Row = current, previous: DelphiDistributionChart.Row? = previous,
    title: String = "Military applicability"
  ) -> String {
    DelphiDistributionChart.svg(title: title, current: current, previous: previous, id: "c-alpha-military")
  }

  @Test("the chart matches its snapshot")
  func snapshot() {
    assertSnapshot(of: Self.chart(), as: .lines, named: "delphi-distribution")
  }

  @Test("well-formed, deterministic, small, scalable, and described with its numbers")
  func accessible() throws {
    let svg = Self.chart()
    #expect(svg == Self.chart())
    let root = try #require(parseXML(svg))
    #expect(root.name == "svg")
    #expect(root.attributes["role"] == "img")
    #expect(root.attributes["width"] == "100%")
    #expect(root.attributes["class"] == "delphi-distribution")
    let box = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
    #expect(box.count == 4 && box[2] == 320 && box[3] >= 70 && box[3] <= 120, "\(box)")
    #expect(root.children.prefix(2).map(\.name) == ["title", "desc"])
    #expect(root.children[0].fullText == "Military applicability: Round 2 against Round 1")
    #expect(
      root.attributes["aria-label"]
        == "Military applicability. Round 2: 3 panellists, median 2.2, middle half 2–2.6. Round 1: 4 panellists, median 2.5, middle half 1.5–3.4. Yours: 2."
    )
    #expect(root.attributes["aria-describedby"] == "c-alpha-military-desc")
    let desc = root.children[1].fullText
    #expect(desc.contains("Round 2 values: 2; 2; 2.5 (range 2–3.5)."))
    #expect(desc.contains("Round 1 values: 1; 3; 3.5; 4."))
    #expect(desc.contains("Yours is ringed: 2. Yours in round 1: 1."))
    #expect(root.descendants("style").isEmpty, "inlined under a content security policy")
  }

  @Test("a dot per panellist, a bar for a range, ties stacked, the reader ringed and labelled")
  func marks() throws {
    let root = try #require(parseXML(Self.chart()))
    let rows = root.descendants("g", class: "round")
    #expect(rows.map { $0.classes.last } == ["current", "previous"])
    let (now, before) = (rows[0], rows[1])
    #expect(now.descendants("g", class: "value").count == 3)
    #expect(before.descendants("g", class: "value").count == 4)
    #expect(now.descendants("g", class: "value").filter { !$0.descendants("line").isEmpty }.count == 1)
    // The two 2s do not overlap: they sit in different lanes.
    let dots = now.descendants("circle").filter { $0.attributes["r"] == "3.6" }
    #expect(dots.count == 3)
    #expect(Set(dots.prefix(2).map { $0.attributes["cy"] ?? "" }).count == 2)
    // 0 → x 62, 4 → x 306: the median 2.2 at 62 + 2.2 / 4 × 244.
    let median = try #require(now.descendants("line", class: "median").first)
    #expect(median.attributes["x1"] == "196.2")
    let middle = try #require(now.descendants("rect", class: "middle-half").first)
    #expect(middle.attributes["x"] == "184" && middle.attributes["width"] == "36.6")
    // The reader: a ring and “you” in this round; a thin ring in the previous round.
    let own = try #require(now.descendants("g", class: "own").first)
    #expect(own.descendants("circle").first?.attributes["cx"] == "184")
    #expect(own.descendants("text").first?.text == "you")
    #expect(before.descendants("g", class: "own").first?.descendants("text").isEmpty == true)
    #expect(now.descendants("text", class: "row-n").first?.text == "n = 3")
    // The scale's five levels.
    #expect(root.descendants("g", class: "axis").first?.descendants("text").map(\.text) == ["0", "1", "2", "3", "4"])
  }

  @Test("one round alone, a criterion nobody scored last round, and hostile text escaped")
  func edges() throws {
    let alone = try #require(parseXML(Self.chart(previous: nil)))
    #expect(alone.descendants("g", class: "round").count == 1)
    #expect(alone.children[0].fullText == "Military applicability: Round 2")
    let unscored = DelphiDistributionChart.Row(label: "Round 1", group: nil, values: [])
    let root = try #require(parseXML(Self.chart(previous: unscored, title: "<b>&\"x\"")))
    #expect(root.descendants("text", class: "empty").first?.text == "not scored in this round")
    #expect(root.children[1].fullText.contains("Round 1: nobody scored it."))
    #expect(root.children[0].fullText.hasPrefix("<b>&\"x\""))
    // Without the reader's value this round: only the previous round's ring.
    var noOwn = Self.current
    noOwn.own = nil
    #expect(try #require(parseXML(Self.chart(current: noOwn))).descendants("g", class: "own").count == 1)
  }

  /// Writes the chart and variants to /tmp for a look (not a check).
  @Test("write sample charts", .enabled(if: ProcessInfo.processInfo.environment["SAFEZONES_WRITE_CHARTS"] != nil))
  func writeSamples() throws {
    try Self.chart().write(toFile: "/tmp/delphi-chart.svg", atomically: true, encoding: .utf8)
    try Self.chart(previous: nil).write(toFile: "/tmp/delphi-chart-alone.svg", atomically: true, encoding: .utf8)
    let crowd = DelphiDistributionChart.Row(
      label: "Round 3", group: GroupDistribution(n: 9, p05: 0.5, p25: 1.5, median: 2, p75: 2.5, p95: 3.8),
      values: [
        Self.point(0.5), Value(low: 1, likely: 1.5, high: 2.5), Self.point(1.5), Self.point(2), Self.point(2),
        Value(low: 1.5, likely: 2, high: 3), Self.point(2), Self.point(2.5), Value(low: 3, likely: 4, high: 4),
      ], own: Value(low: 1.5, likely: 2, high: 3))
    try Self.chart(current: crowd, previous: DelphiDistributionChart.Row(label: "Round 2", group: nil, values: []))
      .write(toFile: "/tmp/delphi-chart-crowd.svg", atomically: true, encoding: .utf8)
  }
}
