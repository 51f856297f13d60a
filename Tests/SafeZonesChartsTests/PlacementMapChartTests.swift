import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SnapshotTesting
import Testing

@testable import SafeZonesCharts

/// The domain page's small map: one point where the placement puts it, the thresholds where
/// the rubric puts them, names escaped.
@Suite("Placement map chart")
struct PlacementMapChartTests {
  static func placement(_ id: String) throws -> (Domain, Placement, Rubric) {
    let rubric = try KnowledgeBase.rubric()
    let domain = try #require(try KnowledgeBase.domains().first { $0.id == id })
    return (domain, Scoring.place(try #require(domain.current), rubric: rubric), rubric)
  }

  @Test("the point sits at the placement, the thresholds at the rubric's, the quadrant's name in bold")
  func geometry() throws {
    let (domain, placement, rubric) = try Self.placement("artificial-intelligence")
    let svg = PlacementMapChart.svg(name: domain.name, placement: placement, thresholds: rubric.thresholds)
    let root = try #require(parseXML(svg))
    let point = try #require(root.descendants("circle", class: "point").first)
    #expect(abs(Double(point.attributes["cx"]!)! - PlacementMapChart.x(placement.gains)) < 0.06)
    #expect(abs(Double(point.attributes["cy"]!)! - PlacementMapChart.y(placement.risk)) < 0.06)
    let thresholds = root.descendants("line", class: "threshold")
    #expect(thresholds.count == 2)
    #expect(abs(Double(thresholds[0].attributes["x1"]!)! - PlacementMapChart.x(rubric.thresholds.gains)) < 0.06)
    let bold = root.descendants("text", class: "quadrant-name").filter { $0.attributes["font-weight"] == "bold" }
    #expect(
      bold.count == 1
        && bold[0].fullText.replacingOccurrences(of: " ", with: "").lowercased()
          == placement.quadrant.title.replacingOccurrences(of: " ", with: "").lowercased()
    )
    #expect(root.attributes["aria-label"]?.contains(Format.fixed(placement.risk)) == true)
    // A range gives an envelope around the point.
    #expect(root.descendants("rect", class: "envelope").count == (placement.hasEnvelope ? 1 : 0))
  }

  @Test("a hostile name is escaped and the SVG stays well formed")
  func escaping() throws {
    let (_, placement, rubric) = try Self.placement("gravitational-waves")
    let svg = PlacementMapChart.svg(
      name: "\"><script>alert(1)</script>", placement: placement, thresholds: rubric.thresholds)
    #expect(parseXML(svg) != nil)
    #expect(!svg.contains("<script>"))
  }

  @Test("the small map matches its snapshot")
  func snapshot() throws {
    let (domain, placement, rubric) = try Self.placement("gravitational-waves")
    assertSnapshot(
      of: PlacementMapChart.svg(name: domain.name, placement: placement, thresholds: rubric.thresholds), as: .lines,
      named: "gravitational-waves")
  }
}
