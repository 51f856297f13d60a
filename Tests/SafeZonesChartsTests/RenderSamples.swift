import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesCharts

/// Writes sample maps for a person to look at, when `SAFEZONES_MAP_SAMPLES` names a
/// directory (e.g. `SAFEZONES_MAP_SAMPLES=/tmp swift test --filter RenderSamples`).
@Suite("Render samples")
struct RenderSamples {
  @Test("write sample maps", .enabled(if: ProcessInfo.processInfo.environment["SAFEZONES_MAP_SAMPLES"] != nil))
  func write() throws {
    let dir = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SAFEZONES_MAP_SAMPLES"]!)
    try MapChart.svg(Fixtures.points, options: MapOptions(rubric: Fixtures.rubric)).write(
      to: dir.appendingPathComponent("map-fixture.svg"), atomically: true, encoding: .utf8)
    for (name, w, h) in [("wide", 1600.0, 900.0), ("small", 800.0, 600.0)] {
      var options = MapOptions(rubric: Fixtures.rubric)
      options.width = w
      options.height = h
      try MapChart.svg(Fixtures.points, options: options).write(
        to: dir.appendingPathComponent("map-\(name).svg"), atomically: true, encoding: .utf8)
    }
    for count in [50, 100, 200] {
      let (points, rubric) = try Fixtures.synthetic(count)
      try MapChart.svg(points, options: MapOptions(rubric: rubric)).write(
        to: dir.appendingPathComponent("map\(count).svg"), atomically: true, encoding: .utf8)
    }
  }
}
