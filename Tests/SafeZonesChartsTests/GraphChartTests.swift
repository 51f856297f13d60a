import Foundation
import SafeZonesCore
import SnapshotTesting
import Testing

@testable import SafeZonesCharts

/// The link graph and the map's trajectories layer.
@Suite("Graph chart and trajectories")
struct GraphChartTests {
  /// The essay's linked domains and a few without links; a hostile name; a mutual link.
  static let nodes: [GraphNode] = [
    GraphNode(
      id: "fundamental-quantum-physics", label: "Fundamental quantum physics", quadrant: .safeZone, gains: 0.77,
      risk: 0.32),
    GraphNode(id: "quantum-encryption", label: "Quantum encryption", quadrant: .monitor, gains: 0.32, risk: 0.79),
    GraphNode(
      id: "solid-earth-physics", label: "Solid-earth physics", quadrant: .safeZone, gains: 0.73, risk: 0.15,
      linkedRisk: 0.2,
      linkedSource: "missile-guidance"),
    GraphNode(id: "missile-guidance", label: "Missile guidance", quadrant: .monitor, gains: 0.28, risk: 0.83),
    GraphNode(
      id: "carbon-capture", label: "Carbon capture and sequestration", quadrant: .safeZone, gains: 0.7, risk: 0.35),
    GraphNode(id: "direct-air-capture", label: "Direct air capture", quadrant: .safeZone, gains: 0.7, risk: 0.2),
    GraphNode(
      id: "covid-19-origins", label: "COVID-19 origins", quadrant: .politicalEngineering, gains: 0.63, risk: 0.62),
    GraphNode(
      id: "zoonotic-disease-control", label: "Zoonotic disease control", quadrant: .safeZone, gains: 0.73, risk: 0.33),
    GraphNode(id: "cybersecurity", label: "Cybersecurity", quadrant: .monitor, gains: 0.42, risk: 0.88),
    GraphNode(id: "radio-astronomy", label: "Radio astronomy", quadrant: .safeZone, gains: 0.78, risk: 0.12),
    GraphNode(id: "wind-energy", label: "Wind energy", quadrant: .traditional, gains: 0.3, risk: 0.2),
    GraphNode(
      id: "x\"><script>", label: "<script>alert(1)</script>", quadrant: .monitor, gains: 0.1, risk: 0.9, group: .user),
  ]

  static let edges: [GraphEdge] = [
    GraphEdge(from: "fundamental-quantum-physics", to: "quantum-encryption", kind: "enables", weight: 0.6),
    GraphEdge(from: "quantum-encryption", to: "fundamental-quantum-physics", kind: "applies", weight: 0.6),
    GraphEdge(
      from: "quantum-encryption", to: "cybersecurity", kind: "related", weight: 0.5,
      rationale: "Same <offence> & defence"),
    GraphEdge(from: "solid-earth-physics", to: "missile-guidance", kind: "enables", weight: 0.4),
    GraphEdge(from: "carbon-capture", to: "direct-air-capture", kind: "shares-facility", weight: 0.6),
    GraphEdge(from: "direct-air-capture", to: "carbon-capture", kind: "shares-facility", weight: 0.6),
    GraphEdge(from: "covid-19-origins", to: "zoonotic-disease-control", kind: "reframes", weight: 0.8),
    GraphEdge(from: "covid-19-origins", to: "nowhere", kind: "related", weight: 0.8),
    GraphEdge(from: "wind-energy", to: "wind-energy", kind: "related", weight: 1),
  ]

  static let options = GraphOptions(title: "Links", subtitle: "Fixture · rubric test-1")

  /// The links the graph should draw, worked out from the fixture without the layout: those
  /// between two known, different nodes, once per (from, to, kind), in input order.
  static var expectedEdges: [GraphEdge] {
    let ids = Set(nodes.map(\.id))
    var seen: [GraphEdge] = []
    for e in edges where ids.contains(e.from) && ids.contains(e.to) && e.from != e.to {
      if !seen.contains(where: { $0.from == e.from && $0.to == e.to && $0.kind == e.kind }) { seen.append(e) }
    }
    return seen
  }

  /// Every way the graph breaks the no-overlap rules.
  static func violations(_ layout: GraphLayout) -> [String] {
    var problems: [String] = []
    let markers = layout.anchors.enumerated().map { i, a in
      (i, Rect(center: a, w: 2 * layout.radii[i] + 2, h: 2 * layout.radii[i] + 2))
    }
    var boxes: [(String, Rect)] = []
    for (i, l) in layout.labels.enumerated() {
      guard let l else { continue }
      boxes.append(("label of \(layout.nodes[i].id)", l.box))
      if !layout.area.contains(l.box) { problems.append("label of \(layout.nodes[i].id) leaves the graph area") }
    }
    for e in layout.edges { if let b = e.weightBox { boxes.append(("weight \(e.edge.from)→\(e.edge.to)", b)) } }
    for (i, line) in layout.isolatedLabels {
      let w = TextMetrics.width(line.text, size: line.size)
      boxes.append(
        ("isolated label of \(layout.nodes[i].id)", Rect(x: line.x, y: line.y - line.size, w: w, h: line.size * 1.2)))
    }
    for (a, (na, ba)) in boxes.enumerated() {
      for (nb, bb) in boxes[(a + 1)...] where ba.intersects(bb) { problems.append("\(na) overlaps \(nb)") }
      for (j, m) in markers where ba.intersects(m) {
        problems.append("\(na) covers the marker of \(layout.nodes[j].id)")
      }
    }
    for (a, (i, ma)) in markers.enumerated() {
      for (j, mb) in markers[(a + 1)...] where ma.intersects(mb) { problems.append("markers of \(i) and \(j) overlap") }
    }
    return problems
  }

  @Test("the fixture graph matches its snapshot")
  func snapshot() {
    assertSnapshot(
      of: GraphChart.svg(Self.nodes, Self.edges, options: Self.options), as: .lines, named: "graph-fixture")
  }

  @Test("another seed rearranges only the linked domains; the order of the links changes no position")
  func seeded() {
    // setup
    var other = Self.options
    other.seed = 99
    // act
    let a = GraphLayout(Self.nodes, Self.edges, options: Self.options)
    let b = GraphLayout(Self.nodes, Self.edges, options: other)
    let reversed = GraphLayout(Self.nodes, Array(Self.edges.reversed()), options: Self.options)
    // check: another seed arranges the linked domains differently, still without overlaps
    let linked = Self.nodes.indices.filter { a.linked[$0] }
    #expect(linked.contains { a.anchors[$0] != b.anchors[$0] })
    #expect(Self.violations(b) == [])
    #expect(b.edges.count == a.edges.count && b.linked == a.linked)
    // the domains without links keep their names and columns (only the rows' height moves)
    #expect(b.isolatedLabels.mapValues(\.text) == a.isolatedLabels.mapValues(\.text))
    #expect(b.isolatedLabels.mapValues(\.x) == a.isolatedLabels.mapValues(\.x))
    // the positions come from the set of links, not from the order they are given in
    #expect(reversed.anchors == a.anchors)
  }

  @Test("well-formed; every node drawn once, linked or grouped; edges only between known nodes")
  func structure() throws {
    let svg = GraphChart.svg(Self.nodes, Self.edges, options: Self.options)
    let root = try #require(parseXML(svg))
    let groups = root.descendants("g", class: "domain")
    #expect(groups.compactMap { $0.attributes["data-id"] } == Self.nodes.map(\.id))
    // Isolated: the nodes no kept link touches (the dangling link and the self-link are left out).
    let expected = Self.expectedEdges
    let isolated = groups.filter { $0.classes.contains("isolated") }.compactMap { $0.attributes["data-id"] }
    #expect(isolated == Self.nodes.map(\.id).filter { id in !expected.contains { $0.from == id || $0.to == id } })
    let edges = root.descendants("g", class: "edge")
    let drawn = edges.map { [$0.attributes["data-from"], $0.attributes["data-to"], $0.attributes["data-kind"]] }
    #expect(drawn == expected.map { [$0.from, $0.to, $0.kind] as [String?] })
    #expect(edges.allSatisfy { $0.descendants("path", class: "arrowhead").count == 1 })
    // The raised node has its dashed ring, and its tooltip says why.
    let raised = try #require(groups.first { $0.attributes["data-id"] == "solid-earth-physics" })
    #expect(raised.descendants("circle", class: "raised").count == 1)
    #expect(
      raised.children.first { $0.name == "title" }?.text.contains(
        "Links raise the risk to 0.20 (from missile-guidance)") == true)
    // Hostile text is escaped (the document parsed) and kept as text.
    #expect(root.fullText.contains("<script>alert(1)</script>"))
    #expect(!svg.contains("<script>"))
    #expect(root.children[1].fullText.contains("\(Self.nodes.count) domains and \(expected.count) links"))
  }

  @Test("no label overlaps another label, a weight or a marker")
  func noOverlaps() {
    let layout = GraphLayout(Self.nodes, Self.edges, options: Self.options)
    #expect(Self.violations(layout) == [])
    #expect(layout.labels.enumerated().allSatisfy { i, l in !layout.linked[i] || l != nil })
  }

  @Test("no overlaps on larger random graphs either", arguments: [1, 2, 3])
  func randomGraphs(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let quadrants = Quadrant.allCases
    let nodes = (0..<30).map { i in
      GraphNode(
        id: "d\(i)", label: "Domain number \(i)\(i % 3 == 0 ? " with a longer name" : "")",
        quadrant: quadrants[Int(rng.next() % 4)], gains: rng.nextUnit(), risk: rng.nextUnit())
    }
    let edges = (0..<24).map { _ in
      GraphEdge(
        from: "d\(rng.next() % 20)", to: "d\(rng.next() % 20)",
        kind: ["applies", "enables", "related"][Int(rng.next() % 3)],
        weight: Double(rng.next() % 10) / 10)
    }
    let layout = GraphLayout(nodes, edges, options: Self.options)
    #expect(Self.violations(layout) == [])
    // Every linked node is named or numbered, and numbers are in the key.
    for i in nodes.indices where layout.linked[i] {
      #expect(layout.labels[i] != nil, "\(nodes[i].id)")
      if layout.labels[i]?.kind == .number { #expect(layout.key?.entries.contains { $0.index == i } == true) }
    }
  }

  @Test("a link prefix makes every node a link to its page")
  func links() throws {
    var options = Self.options
    options.linkPrefix = "/domains/"
    let root = try #require(parseXML(GraphChart.svg(Self.nodes, Self.edges, options: options)))
    let hrefs = root.descendants("a").compactMap { $0.attributes["href"] }
    #expect(hrefs.count == Self.nodes.count)
    #expect(hrefs.contains("/domains/solid-earth-physics"))
    #expect(hrefs.contains("/domains/x%22%3E%3Cscript%3E"))
  }

  @Test("an empty graph renders")
  func empty() throws {
    #expect(parseXML(GraphChart.svg([], [], options: Self.options)) != nil)
    #expect(parseXML(GraphChart.svg([Self.nodes[0]], [], options: Self.options)) != nil)
  }

  // MARK: - Trajectories on the map

  static let trajectories = [
    MapTrajectory(
      id: "radio-astronomy", label: "Radio astronomy",
      steps: [
        .init(gains: 0.9, risk: 0.05, quadrant: .safeZone, date: "2016-06-01"),
        .init(gains: 0.84, risk: 0.1, quadrant: .safeZone, date: "2021-06-01"),
        .init(gains: 0.78, risk: 0.12, quadrant: .safeZone, date: "2026-11-01"),
      ]),
    MapTrajectory(
      id: "wind-energy", label: "Wind energy",
      steps: [
        .init(gains: 0.62, risk: 0.22, quadrant: .safeZone, date: "2005-01-01"),
        .init(gains: 0.3, risk: 0.2, quadrant: .traditional, date: "2026-11-01"),
      ]),
  ]

  @Test("without a trajectory to draw the map is byte for byte the recorded map")
  func mapUnchanged() throws {
    // setup: the map's recorded snapshot, and trajectories with nothing earlier to show
    let recorded = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__/MapChartTests/snapshot.fixture.txt"), encoding: .utf8)
    let single = [
      MapTrajectory(
        id: "radio-astronomy", label: "Radio astronomy",
        steps: [.init(gains: 0.78, risk: 0.12, quadrant: .safeZone, date: "2026-11-01")])
    ]
    let options = MapOptions(rubric: Fixtures.rubric)
    // act, check
    #expect(MapChart.svg(Fixtures.points, options: options, trajectories: []) == recorded)
    #expect(MapChart.svg(Fixtures.points, options: options, trajectories: single) == recorded)
  }

  @Test("trajectories: dated hollow dots and arrows to the point, a legend entry, nothing overlapping")
  func mapTrajectories() throws {
    let options = MapOptions(rubric: Fixtures.rubric)
    let svg = MapChart.svg(Fixtures.points, options: options, trajectories: Self.trajectories)
    let root = try #require(parseXML(svg))
    let drawn = root.descendants("g", class: "trajectory")
    #expect(drawn.compactMap { $0.attributes["data-id"] } == ["radio-astronomy", "wind-energy"])
    #expect(
      drawn[0].descendants("circle", class: "trajectory-dot").compactMap { $0.attributes["data-date"] } == [
        "2016-06-01", "2021-06-01",
      ])
    #expect(drawn[0].descendants("path", class: "arrowhead").count == 2)
    #expect(drawn[1].descendants("path", class: "arrowhead").count == 1)
    #expect(drawn[1].children.first { $0.name == "title" }?.text.contains("2005-01-01: gains 0.62") == true)
    #expect(root.descendants("text", class: "trajectory-date").map(\.text).contains("2005"))
    #expect(svg.contains("Trajectory: earlier assessments"))
    #expect(root.children[1].fullText.contains("trajectories of 2 domains"))
    // The layer sits under the points.
    let order = root.children.compactMap { $0.attributes["class"] }
    #expect(order.firstIndex(of: "trajectories")! < order.firstIndex(of: "domains")!)
    let layout = MapLayout(Fixtures.points, options: options, trajectories: Self.trajectories)
    #expect(layoutViolations(layout) == [])
    let dateBoxes = layout.trajectoryLabels.map { line -> Rect in
      let w = TextMetrics.width(line.text, size: line.size) + 2
      let x = line.anchor == .start ? line.x - 1 : (line.anchor == .end ? line.x + 1 - w : line.x - w / 2)
      return Rect(x: x, y: line.y - 1 - line.size * 0.85, w: w, h: line.size + 2)
    }
    for box in dateBoxes {
      for label in layout.labels.compactMap({ $0 }) { #expect(!label.box.insetBy(0.5).intersects(box)) }
      for m in layout.markers { #expect(!m.insetBy(0.5).intersects(box)) }
    }
  }

  @Test("a trajectory from the core: one step per assessment date, none for a single assessment")
  func fromCore() throws {
    let rubric = Rubric(
      version: "t",
      criteria: CriterionID.allCases.map {
        Criterion(
          id: $0, weight: $0 == .fundamentality || $0 == .military ? 1 : 0, question: "?",
          levels: ["0", "1", "2", "3", "4"])
      })
    func a(_ date: String, _ f: Double, _ m: Double) -> Assessment {
      Assessment(
        assessor: "P", date: Day(date)!, scores: [.fundamentality: CriterionScore(f), .military: CriterionScore(m)])
    }
    let d = Domain(
      id: "d", name: "D", assessments: [a("2016-01-01", 4, 0), a("2021-01-01", 3, 1), a("2026-01-01", 2, 3)])
    let t = try #require(MapTrajectory(Trajectory(d, rubric: rubric)))
    #expect(t.steps.map(\.date) == ["2016-01-01", "2021-01-01", "2026-01-01"])
    #expect(t.steps.map(\.quadrant) == [.safeZone, .safeZone, .politicalEngineering])
    #expect(MapTrajectory(Trajectory(d, rubric: rubric), through: Day("2020-01-01")) == nil)
    #expect(MapTrajectory(Trajectory(d, rubric: rubric), through: Day("2022-01-01"))?.steps.count == 2)
  }
}
