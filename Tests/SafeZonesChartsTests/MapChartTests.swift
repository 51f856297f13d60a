import Foundation
import SafeZonesCore
import SnapshotTesting
import Testing

@testable import SafeZonesCharts

@Suite("Map chart")
struct MapChartTests {
  let options = MapOptions(rubric: Fixtures.rubric)

  @Test("the fixture map matches its snapshot")
  func snapshot() {
    let svg = MapChart.svg(Fixtures.points, options: options)
    assertSnapshot(of: svg, as: .lines, named: "fixture")
  }

  @Test("the SVG is well-formed, titled and described")
  func wellFormed() throws {
    let svg = MapChart.svg(Fixtures.points, options: options)
    let root = try #require(parseXML(svg))
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    let top = root.children.map(\.name)
    #expect(top.prefix(2) == ["title", "desc"])
    #expect(root.children[1].fullText.contains("11 research domains"))
  }

  @Test("one g.domain per point, with data attributes, focus and a tooltip")
  func domainGroups() throws {
    let root = try #require(parseXML(MapChart.svg(Fixtures.points, options: options)))
    let groups = root.descendants("g", class: "domain")
    #expect(groups.count == Fixtures.points.count)
    #expect(Set(groups.compactMap { $0.attributes["data-id"] }) == Set(Fixtures.points.map(\.id)))
    for g in groups {
      let p = try #require(Fixtures.points.first { $0.id == g.attributes["data-id"] })
      #expect(g.attributes["data-quadrant"] == p.quadrant.rawValue)
      #expect(g.attributes["data-gains"] == Format.number(p.gains, digits: 3))
      #expect(g.attributes["data-risk"] == Format.number(p.risk, digits: 3))
      #expect(g.attributes["tabindex"] == "0")
      #expect(g.attributes["class"] == "domain")
      #expect(g.attributes["data-group"] == p.group.rawValue)
      let title = try #require(g.children.first { $0.name == "title" })
      #expect(title.text.contains(p.label))
      #expect(title.text.contains(p.quadrant.title))
      #expect(title.text.contains(Format.fixed(p.gains)) && title.text.contains(Format.fixed(p.risk)))
    }
    // No links unless asked for.
    #expect(root.descendants("a").isEmpty)
  }

  @Test("every label sits clear of other labels, markers, quadrant names and the plot border")
  func fixtureNoOverlap() {
    let layout = MapLayout(Fixtures.points, options: options)
    #expect(layout.labels.allSatisfy { $0 != nil })
    #expect(layoutViolations(layout) == [])
    // Ten short names have room: all are shown by name.
    #expect(layout.labels.allSatisfy { $0?.kind == .name })
  }

  @Test("whiskers show the ranges: gains horizontal, risk vertical")
  func whiskers() throws {
    let root = try #require(parseXML(MapChart.svg(Fixtures.points, options: options)))
    let envelopes = root.descendants("g", class: "envelope")
    #expect(
      Set(envelopes.compactMap { $0.attributes["data-id"] }) == [
        "gravitational-waves", "telecommunications-equipment", "ocean-sensors",
      ])
    let gw = try #require(envelopes.first { $0.attributes["data-id"] == "gravitational-waves" })
    #expect(gw.descendants("path", class: "gains").count == 1)
    #expect(gw.descendants("path", class: "risk").count == 1)
    let telecom = try #require(envelopes.first { $0.attributes["data-id"] == "telecommunications-equipment" })
    #expect(telecom.descendants("path", class: "gains").isEmpty)
    #expect(telecom.descendants("path", class: "risk").count == 1)
  }

  @Test("the title names the country pair and the rubric version")
  func title() throws {
    let rubric = Rubric(version: "7.3-beta", countries: CountryPair("BR", "RU"), criteria: [])
    let svg = MapChart.svg(Fixtures.points, options: MapOptions(rubric: rubric))
    let root = try #require(parseXML(svg))
    let title = try #require(root.children.first { $0.name == "title" }).text
    #expect(title.contains("BR–RU"))
    #expect(title.contains("7.3-beta"))
    let header = root.descendants("g", class: "header").first?.fullText ?? ""
    #expect(header.contains("BR–RU") && header.contains("7.3-beta"))
  }

  @Test("hostile names and ids are escaped everywhere")
  func escaping() throws {
    let svg = MapChart.svg(Fixtures.points, options: MapOptions(rubric: Fixtures.rubric, linkPrefix: "/domains/"))
    #expect(!svg.contains("<script"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    let root = try #require(parseXML(svg))
    #expect(root.descendants("script").isEmpty)
    let hostile = try #require(
      root.descendants("g", class: "domain").first { $0.attributes["data-id"] == "x\"><script>" })
    #expect(hostile.fullText.contains("<script>alert(1)</script>"))
    // Control characters that XML cannot carry are dropped rather than breaking the document.
    let odd = MapPoint(
      id: "odd", label: "Bell\u{7} & null\u{0} \"quoted\" 'single'", gains: 0.5, risk: 0.5,
      quadrant: .politicalEngineering)
    #expect(parseXML(MapChart.svg([odd], options: options)) != nil)
  }

  @Test("a link prefix wraps each point in a link to its page")
  func links() throws {
    let svg = MapChart.svg(Fixtures.points, options: MapOptions(rubric: Fixtures.rubric, linkPrefix: "/domains/"))
    let root = try #require(parseXML(svg))
    let links = root.descendants("a")
    #expect(links.count == Fixtures.points.count)
    for a in links {
      let g = try #require(a.children.first)
      #expect(g.classes.contains("domain"))
      let id = try #require(g.attributes["data-id"])
      #expect(a.attributes["href"] == "/domains/" + MapChart.percentEncoded(id))
    }
    #expect(links.contains { $0.attributes["href"] == "/domains/radio-astronomy" })
    #expect(links.contains { $0.attributes["href"] == "/domains/x%22%3E%3Cscript%3E" })
  }

  @Test("the legend explains borderline, user and range marks only when present")
  func legend() throws {
    func legendText(_ points: [MapPoint]) throws -> String {
      let root = try #require(parseXML(MapChart.svg(points, options: options)))
      return root.descendants("g", class: "legend").first?.fullText ?? ""
    }
    let full = try legendText(Fixtures.points)
    for q in Quadrant.allCases { #expect(full.contains(q.title)) }
    #expect(full.contains("Borderline"))
    #expect(full.contains("Your domains"))
    #expect(full.contains("Range"))
    #expect(full.contains("Thresholds"))
    let plain = try legendText(
      Fixtures.points.filter {
        $0.group == .shipped && !$0.borderline && $0.gainsRange.lowerBound == $0.gains
          && $0.riskRange.lowerBound == $0.risk
      })
    #expect(!plain.contains("Borderline"))
    #expect(!plain.contains("Your domains"))
    #expect(!plain.contains("Range"))
  }

  @Test("user domains are drawn as diamonds, shipped ones as circles, borderline ones hollow")
  func markers() throws {
    let root = try #require(parseXML(MapChart.svg(Fixtures.points, options: options)))
    for g in root.descendants("g", class: "domain") {
      let p = try #require(Fixtures.points.first { $0.id == g.attributes["data-id"] })
      let marker = try #require(g.all.first { $0.classes.contains("marker") })
      #expect(marker.name == (p.group == .user ? "path" : "circle"))
      #expect((marker.attributes["fill"] == "#ffffff") == p.borderline)
    }
  }

  @Test("same input, same bytes")
  func deterministic() throws {
    let (points, rubric) = try Fixtures.synthetic(60, seed: 7)
    let a = MapChart.svg(points, options: MapOptions(rubric: rubric))
    let b = MapChart.svg(points, options: MapOptions(rubric: rubric))
    #expect(a == b)
  }

  @Test("an empty map and a single point still render")
  func degenerate() throws {
    #expect(parseXML(MapChart.svg([], options: options)) != nil)
    let odd = MapPoint(id: "nan", label: "", gains: .nan, risk: 2, quadrant: .traditional)
    let layout = MapLayout([odd], options: options)
    #expect(layout.labels[0] != nil)
    #expect(parseXML(MapChart.svg([odd], options: options)) != nil)
  }

  @Test("200 synthetic domains: each labelled or numbered, nothing overlaps, the key lists the numbers")
  func twoHundred() throws {
    let (points, rubric) = try Fixtures.synthetic(200)
    let layout = MapLayout(points, options: MapOptions(rubric: rubric))
    #expect(layout.labels.allSatisfy { $0 != nil })
    #expect(layoutViolations(layout) == [])
    let numbered = layout.numbers.compactMap { $0 }
    #expect(!numbered.isEmpty)
    #expect(numbered.sorted() == Array(1...max(1, numbered.count)))
    #expect(layout.key?.entries.count == numbered.count)
    for (i, label) in layout.labels.enumerated() {
      #expect((label?.kind == .number) == (layout.numbers[i] != nil))
    }
    // The key does not run into the plot or the legend.
    if let keyBox = layout.keyBox {
      #expect(!keyBox.intersects(layout.plot))
      #expect(!keyBox.intersects(layout.legend.box))
      #expect(keyBox.maxY <= layout.height)
    }
    let svg = MapChart.render(layout)
    let root = try #require(parseXML(svg))
    #expect(root.descendants("g", class: "domain").count == 200)
    #expect(root.descendants("g", class: "key-entry").count == numbered.count)
  }

  @Test("points stacked on one spot are all identified")
  func stacked() {
    let points = (0..<40).map { i in
      MapPoint(
        id: "p\(i)", label: "Stacked domain \(i)", gains: 0.5, risk: 0.5, quadrant: .politicalEngineering,
        borderline: true)
    }
    let layout = MapLayout(points, options: options)
    #expect(layout.labels.allSatisfy { $0 != nil })
    #expect(layoutViolations(layout) == [])
  }

  @Test("the key lists numbered domains in natural order")
  func keyOrder() throws {
    let (points, rubric) = try Fixtures.synthetic(200)
    let layout = MapLayout(points, options: MapOptions(rubric: rubric))
    let names = (layout.key?.entries ?? []).map { points[$0.index].label }
    for (a, b) in zip(names, names.dropFirst()) { #expect(DomainLabels.naturalOrder(a, b) < 0) }
    #expect(DomainLabels.naturalOrder("Synthetic domain 9", "Synthetic domain 10") < 0)
    #expect(DomainLabels.naturalOrder("alpha", "Beta") < 0)
  }

  @Test("dense maps of several sizes keep every point identified without overlaps", arguments: [25, 80, 140])
  func densities(count: Int) throws {
    let (points, rubric) = try Fixtures.synthetic(count, seed: UInt64(count))
    let layout = MapLayout(points, options: MapOptions(rubric: rubric))
    #expect(layout.labels.allSatisfy { $0 != nil })
    #expect(layoutViolations(layout) == [])
  }
}
