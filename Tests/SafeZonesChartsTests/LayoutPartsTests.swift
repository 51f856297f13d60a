import Testing

@testable import SafeZonesCharts

@Suite("Layout parts")
struct LayoutPartsTests {
  @Test("text widths follow Helvetica's advance widths")
  func widths() {
    // H e l l o = 722 + 556 + 222 + 222 + 556 thousandths of an em.
    #expect(abs(TextMetrics.width("Hello", size: 10) - 22.78) < 1e-9)
    #expect(TextMetrics.width("Hello", size: 10, bold: true) > TextMetrics.width("Hello", size: 10))
    // Characters outside the table get a default width; wide scripts a full em.
    #expect(TextMetrics.width("é", size: 10) == 5.56)
    #expect(TextMetrics.width("中", size: 10) == 10)
  }

  @Test("long names wrap onto two balanced lines, then end in an ellipsis")
  func wrapping() {
    let lines = TextMetrics.wrap("Personal protective equipment and ventilators", size: 13, maxWidth: 169, maxLines: 2)
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { TextMetrics.width($0, size: 13) <= 169 })
    #expect(lines.joined(separator: " ") == "Personal protective equipment and ventilators")
    let long = TextMetrics.wrap(String(repeating: "word ", count: 40), size: 13, maxWidth: 169, maxLines: 2)
    #expect(long.count == 2)
    #expect(long[1].hasSuffix("…"))
    #expect(long.allSatisfy { TextMetrics.width($0, size: 13) <= 169 })
    let unbroken = TextMetrics.wrap(String(repeating: "x", count: 80), size: 13, maxWidth: 100, maxLines: 2)
    #expect(unbroken.allSatisfy { TextMetrics.width($0, size: 13) <= 100 })
  }

  @Test("segments and rectangles intersect as drawn")
  func geometry() {
    let r = Rect(x: 0, y: 0, w: 10, h: 10)
    #expect(Segment(a: Point(x: -5, y: 5), b: Point(x: 15, y: 5)).intersects(r))
    #expect(!Segment(a: Point(x: -5, y: 15), b: Point(x: 15, y: 15)).intersects(r))
    #expect(Segment(a: Point(x: -5, y: -5), b: Point(x: 5, y: 5)).intersects(r))
    #expect(!Segment(a: Point(x: 11, y: -5), b: Point(x: 20, y: 5)).intersects(r))
    #expect(!r.intersects(Rect(x: 10, y: 0, w: 5, h: 5)))  // touching edges do not overlap
    #expect(
      Segment(a: Point(x: 0, y: 0), b: Point(x: 10, y: 10)).crosses(
        Segment(a: Point(x: 0, y: 10), b: Point(x: 10, y: 0))))
  }

  @Test("coordinates are written in tenths, without trailing zeros")
  func coordinates() {
    #expect(MapChart.n(12) == "12")
    #expect(MapChart.n(12.25) == "12.3")
    #expect(MapChart.n(0.04) == "0")
    #expect(MapChart.n(-0.04) == "0")
    #expect(MapChart.n(-1.25) == "-1.3")
    #expect(MapChart.n(.nan) == "0")
  }

  @Test("the spatial grid finds every stored box near a query, once")
  func grid() {
    var g = SpatialGrid(cellSize: 20)
    g.insert(1, bounds: Rect(x: 0, y: 0, w: 100, h: 5))
    g.insert(2, bounds: Rect(x: 300, y: 300, w: 5, h: 5))
    g.insert(3, bounds: Rect(x: -40, y: -40, w: 10, h: 10))
    #expect(g.query(Rect(x: 50, y: 0, w: 60, h: 10)) == [1])
    #expect(g.query(Rect(x: -50, y: -50, w: 400, h: 400)).sorted() == [1, 2, 3])
    g.insert(4, segment: Segment(a: Point(x: 0, y: 200), b: Point(x: 200, y: 0)))
    #expect(g.query(Rect(x: 95, y: 95, w: 10, h: 10)).contains(4))
    #expect(!g.query(Rect(x: 150, y: 150, w: 10, h: 10)).contains(4))
    #expect(g.query(segment: Segment(a: Point(x: 0, y: 0), b: Point(x: 200, y: 200))).contains(4))
  }
}
