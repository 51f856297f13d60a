import Foundation
import SnapshotTesting
import Testing

@testable import SafeZonesCharts
@testable import SafeZonesCore

/// The stress-test charts: the TTS-against-TTR scatter and the network by tier, from
/// hand-built values (never from the solver, so the snapshots change only when the drawing
/// does), and a generated network of 300 nodes.
@Suite("Stress charts")
struct StressChartsTests {
  // MARK: - Fixtures

  typealias Node = SupplyNetwork.Node

  /// The EV-battery example's seven nodes and their hand-worked results, plus a recycler
  /// without tier or country (its tier is inferred) whose name is HTML-hostile.
  static let network = SupplyNetwork(
    name: "EV battery packs <test> & co",
    nodes: [
      Node(id: "pack", name: "Pack assembly (US)", produces: "ev-pack", demandPerDay: 100, country: "US", tier: 0),
      Node(id: "cells-cn", name: "Cell plant (CN)", produces: "cell", country: "CN", tier: 1),
      Node(id: "cells-kr", name: "Cell plant (KR)", produces: "cell", country: "KR", tier: 1),
      Node(id: "cathode-cn", produces: "cathode", country: "CN", tier: 2),
      Node(id: "anode-cn", produces: "anode", country: "CN", tier: 2),
      Node(id: "lithium-cn", produces: "lithium", country: "CN", tier: 3),
      Node(id: "graphite-cn", produces: "graphite", country: "CN", tier: 3),
      Node(id: "recycler", name: "Recycler \"A\" <script>", produces: "scrap"),
    ],
    links: [
      ("cells-cn", "pack"), ("cells-kr", "pack"), ("cathode-cn", "cells-cn"), ("cathode-cn", "cells-kr"),
      ("anode-cn", "cells-cn"), ("anode-cn", "cells-kr"), ("lithium-cn", "cathode-cn"),
      ("graphite-cn", "anode-cn"), ("recycler", "lithium-cn"),
    ].map { SupplyNetwork.Link(from: $0.0, to: $0.1) })

  static func result(
    _ id: String, _ tts: Double, _ ttr: [Double], p: Double, impact: Double, capped: Bool = false,
    in net: SupplyNetwork = network
  ) -> StressReport.Node {
    let n = net.node(id)!
    let likely = ttr.count == 3 ? ttr[1] : ttr[0]
    return StressReport.Node(
      id: id, name: n.name, produces: n.produces, country: n.country, tier: n.tier, domains: n.domains, ttsDays: tts,
      ttsCapped: capped, ttrDays: likely, ttrRange: ttr.count == 3 ? ttr : nil, marginDays: tts - likely,
      atRisk: tts < likely, pAtRisk: p, performanceImpact: impact)
  }

  static func report(_ net: SupplyNetwork, _ nodes: [StressReport.Node], cap: Double = 365) -> StressReport {
    StressReport(
      network: net.name, horizonDays: net.horizonDays, capDays: cap, baselineTTSDays: cap, solver: "test",
      lpsSolved: 0, scenarios: [], nodes: nodes, mitigation: nil, options: [])
  }

  static let small = report(
    network,
    [
      result("pack", 5, [10], p: 1, impact: 500),
      result("cells-cn", 26.7, [20, 40, 90], p: 0.94, impact: 500),
      result("cells-kr", 365, [30, 60, 120], p: 0, impact: 0, capped: true),
      result("cathode-cn", 17.5, [90], p: 1, impact: 7250),
      result("anode-cn", 20, [60], p: 1, impact: 4000),
      result("lithium-cn", 32.5, [120], p: 1, impact: 8750),
      result("graphite-cn", 50, [30, 45, 90], p: 0.46, impact: 0),
      result("recycler", 80, [14], p: 0, impact: 120),
    ])

  /// A generated network: six tiers over eight countries, each node supplying one to three
  /// nodes of the next tier down; a few without a tier; a third capped; heavy-tailed impacts.
  static func generated(_ count: Int = 300, seed: UInt64 = 7) -> (SupplyNetwork, StressReport) {
    var rng = SplitMix64(seed: seed)
    let countries = ["US", "CN", "KR", "JP", "DE", "MX", "TW", "VN"]
    let perTier = [10, 30, 50, 70, 70, 70].map { $0 * count / 300 }
    var nodes: [Node] = []
    var byTier: [[String]] = []
    for (t, k) in perTier.enumerated() {
      var ids: [String] = []
      for j in 0..<max(1, k) {
        let id = "t\(t)-\(countries[Int(rng.next() % 8)].lowercased())-\(j)"
        ids.append(id)
        nodes.append(
          Node(
            id: id, produces: "part-\(t)", demandPerDay: t == 0 ? 10 : 0,
            country: rng.next() % 25 == 0 ? nil : countries[Int(rng.next() % 8)],
            tier: t > 0 && rng.next() % 17 == 0 ? nil : t))
      }
      byTier.append(ids)
    }
    var links: [SupplyNetwork.Link] = []
    for t in 1..<byTier.count {
      for id in byTier[t] {
        var customers: Set<String> = []
        for _ in 0..<(1 + Int(rng.next() % 3)) {
          customers.insert(byTier[t - 1][Int(rng.next() % UInt64(byTier[t - 1].count))])
        }
        links += customers.sorted().map { SupplyNetwork.Link(from: id, to: $0) }
      }
    }
    let net = SupplyNetwork(name: "Generated \(count)", nodes: nodes, links: links)
    let results = nodes.map { n -> StressReport.Node in
      let ttr = Double(5 + rng.next() % 175)
      let ranged = rng.next() % 3 == 0
      let capped = rng.next() % 3 == 0
      let tts = capped ? 365 : (rng.nextUnit() * 260).rounded() / 2
      let impact = (pow(rng.nextUnit(), 3) * 10_000).rounded()
      return result(
        n.id, tts, ranged ? [ttr * 0.6, ttr, ttr * 1.8] : [ttr], p: tts < ttr ? 1 : 0, impact: impact, capped: capped,
        in: net)
    }
    return (net, report(net, results))
  }

  // MARK: - Checks

  /// Every way the scatter breaks its rules: labels overlapping each other, a dot, a note or
  /// an arrow, or leaving the plot; too many labels.
  static func violations(_ layout: StressScatterLayout) -> [String] {
    var problems: [String] = []
    let markers = layout.anchors.indices.map {
      Rect(center: layout.anchors[$0], w: 2 * layout.radii[$0] + 2, h: 2 * layout.radii[$0] + 2)
    }
    let arrows = layout.anchors.indices.filter { layout.capped[$0] }.map {
      StressScatterLayout.arrowBox(layout.anchors[$0], radius: layout.radii[$0])
    }
    let notes = [layout.diagonalNote.box, layout.regionNote.box] + (layout.capNote.map { [$0.box] } ?? [])
    let ids = layout.report.nodes.map(\.id)
    let placed = layout.labels.enumerated().compactMap { i, l in l.map { (i, $0) } }
    if placed.count > StressScatterLayout.maxLabels { problems.append("\(placed.count) labels") }
    for (a, (i, la)) in placed.enumerated() {
      if !layout.plot.contains(la.box) { problems.append("label of \(ids[i]) leaves the plot") }
      for (j, lb) in placed[(a + 1)...] where la.box.intersects(lb.box) {
        problems.append("labels of \(ids[i]) and \(ids[j]) overlap")
      }
      for (j, m) in markers.enumerated() where la.box.intersects(m) {
        problems.append("label of \(ids[i]) covers the dot of \(ids[j])")
      }
      for box in arrows + notes where la.box.intersects(box) {
        problems.append("label of \(ids[i]) covers a note or arrow")
      }
    }
    for (a, na) in notes.enumerated() {
      for nb in notes[(a + 1)...] where na.intersects(nb) { problems.append("notes overlap") }
    }
    return problems
  }

  /// Network boxes overlapping, or outside their country's band.
  static func violations(_ layout: StressNetworkLayout) -> [String] {
    var problems: [String] = []
    let nodes = layout.network.nodes
    for (i, a) in layout.boxes.enumerated() {
      for j in (i + 1)..<layout.boxes.count where a.intersects(layout.boxes[j]) {
        problems.append("\(nodes[i].id) overlaps \(nodes[j].id)")
      }
      guard let band = layout.bands.first(where: { $0.country == nodes[i].country }), band.rect.contains(a) else {
        problems.append("\(nodes[i].id) is outside its band")
        continue
      }
    }
    return problems
  }

  // MARK: - Tests

  @Test("the scatter of the fixture matches its snapshot")
  func scatterSnapshot() {
    assertSnapshot(of: StressCharts.survivalScatter(Self.small), as: .lines, named: "scatter")
  }

  @Test("the network of the fixture matches its snapshot")
  func networkSnapshot() {
    assertSnapshot(of: StressCharts.network(Self.network, report: Self.small), as: .lines, named: "network")
  }

  @Test("scatter: well-formed, every node a dot with its tooltip, labels clear, capped nodes on the cap")
  func scatterStructure() throws {
    let svg = StressCharts.survivalScatter(Self.small)
    let root = try #require(parseXML(svg))
    #expect(root.attributes["viewBox"] != nil)
    #expect(
      root.children.first { $0.name == "title" }?.text.hasPrefix(
        "Time to survive against time to recover — EV battery packs <test> & co") == true)
    let nodes = root.descendants("g", class: "node")
    #expect(nodes.compactMap { $0.attributes["data-id"] }.sorted() == Self.small.nodes.map(\.id).sorted())
    for g in nodes {
      let title = try #require(g.children.first { $0.name == "title" }?.text)
      #expect(
        title.contains("TTS ") && title.contains("TTR ") && title.contains("P(at risk)") && title.contains("impact"))
    }
    #expect(root.descendants("g", class: "at-risk").count == Self.small.nodes.filter(\.atRisk).count)
    // Hostile text is escaped and kept as text.
    #expect(root.fullText.contains("Recycler \"A\" <script>"))
    #expect(!svg.contains("<script>"))
    // The range whiskers, the capped arrow, the notes.
    #expect(root.descendants("path", class: "range").count == 3)
    #expect(root.descendants("path", class: "capped").count == 2)
    #expect(root.fullText.contains("needs mitigation (TTS < TTR)") && root.fullText.contains("TTS = TTR"))
    #expect(root.fullText.contains("≥ cap"))
    // Few nodes: every one is named, nothing overlaps; the axes reach past every value.
    let layout = StressScatterLayout(Self.small)
    #expect(Self.violations(layout) == [])
    #expect(layout.labels.allSatisfy { $0?.kind == .name })
    #expect(layout.top >= 365 && layout.capLine == 365)
    let capped = try #require(Self.small.nodes.firstIndex { $0.ttsCapped })
    #expect(abs(layout.anchors[capped].y - layout.y(365)) < 1e-9)
    // Bigger impact, bigger dot.
    let byImpact = Self.small.nodes.indices.sorted {
      Self.small.nodes[$0].performanceImpact < Self.small.nodes[$1].performanceImpact
    }
    #expect(zip(byImpact, byImpact.dropFirst()).allSatisfy { layout.radii[$0] <= layout.radii[$1] })
  }

  @Test("network: tier 0 on the right, inferred tiers, one band per country, every link drawn")
  func networkStructure() throws {
    let svg = StressCharts.network(Self.network, report: Self.small)
    let root = try #require(parseXML(svg))
    let layout = StressNetworkLayout(Self.network, report: Self.small)
    #expect(Self.violations(layout) == [])
    let x = Dictionary(
      uniqueKeysWithValues: Self.network.nodes.indices.map { (Self.network.nodes[$0].id, layout.boxes[$0].midX) })
    #expect(x["pack"]! > x["cells-cn"]! && x["cells-cn"]! > x["cathode-cn"]! && x["cathode-cn"]! > x["lithium-cn"]!)
    // The recycler has no tier: one more than lithium's.
    let recycler = try #require(Self.network.nodes.firstIndex { $0.id == "recycler" })
    #expect(layout.tiers[recycler] == 4 && layout.inferred[recycler])
    #expect(x["recycler"]! < x["lithium-cn"]!)
    #expect(layout.bands.map(\.country) == ["US", "CN", "KR", nil])
    #expect(root.descendants("g", class: "link").count == Self.network.links.count)
    #expect(root.descendants("g", class: "node").count == Self.network.nodes.count)
    // Colours: at risk red, capped grey, comfortable blue.
    #expect(layout.shades[0] == .slight && layout.shades[3] == .severe && layout.shades[2] == .capped)
    #expect(layout.shades[recycler] == .ample)
    #expect(root.descendants("text", class: "label").count == Self.network.nodes.count)
    #expect(!svg.contains("<script>"))
  }

  @Test("an empty network and report still draw well-formed charts")
  func empty() throws {
    let net = SupplyNetwork(name: "Empty", nodes: [], links: [])
    let report = Self.report(net, [])
    let scatter = try #require(parseXML(StressCharts.survivalScatter(report)))
    #expect(scatter.descendants("g", class: "node").isEmpty)
    #expect(scatter.children[1].fullText.contains("No node is at risk."))
    let drawn = try #require(parseXML(StressCharts.network(net, report: report)))
    #expect(drawn.descendants("g", class: "node").isEmpty)
  }

  @Test(
    "300 nodes: at most 25 labels, none overlapping, every dot with a tooltip; the network draws",
    .timeLimit(.minutes(2)))
  func large() throws {
    let (net, report) = Self.generated()
    #expect(net.nodes.count == 300)
    let layout = StressScatterLayout(report)
    #expect(Self.violations(layout) == [])
    let labelled = layout.labels.compactMap { $0 }.count
    #expect(labelled >= 15 && labelled <= StressScatterLayout.maxLabels)
    // The labels go to the nodes at risk with the most impact.
    let top = report.ranked.first { $0.atRisk }!
    #expect(layout.labels[report.nodes.firstIndex { $0.id == top.id }!] != nil)
    let svg = StressCharts.survivalScatter(report)
    let root = try #require(parseXML(svg))
    let nodes = root.descendants("g", class: "node")
    #expect(nodes.count == 300 && nodes.allSatisfy { g in g.children.contains { $0.name == "title" } })
    // The text the chart writes over the plot: the labels' positions in the document
    // agree with the layout (no label text drawn where the layout did not place one).
    let labels = root.descendants("g", class: "node-label")
    #expect(labels.count == labelled)
    // Same values, same bytes.
    #expect(StressCharts.survivalScatter(report) == svg)

    let network = StressNetworkLayout(net, report: report)
    #expect(Self.violations(network) == [])
    #expect(!network.named && network.names.allSatisfy { $0 == nil })
    let drawn = try #require(parseXML(StressCharts.network(net, report: report)))
    #expect(drawn.descendants("g", class: "node").count == 300)
    #expect(drawn.descendants("g", class: "link").count == net.links.count)
    #expect(network.inferred.contains(true))
  }
}
