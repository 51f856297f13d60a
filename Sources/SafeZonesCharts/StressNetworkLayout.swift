import Foundation
import SafeZonesCore

/// Everything the network chart draws, with its position: a pure function of the network
/// and its stress report. `StressCharts.network` only writes this out; the tests check it
/// directly.
///
/// Nodes stand in columns by tier, tier 0 (the finished goods) on the right and each tier
/// further upstream one column to the left; a node without a tier stands at its longest
/// path to a finished good. Each country is a horizontal band, as tall as its fullest
/// column; within a band's column the nodes are ordered by the height of their customers
/// (the finished goods first, then upstream), which keeps links short and few crossing.
/// Names are written in the nodes when there are few (`maxNamed`); otherwise the nodes are
/// small and named only in their tooltips.
struct StressNetworkLayout: Sendable {
  /// A node's colour class: how far its time to survive exceeds its time to recover.
  enum Shade: Int, CaseIterable, Hashable, Sendable {
    case severe, short, slight, even, some, ample, plenty, capped, untested
  }

  enum LegendSymbol: Hashable, Sendable {
    /// Text without a symbol (the colour scale's heading).
    case caption
    case shade(Shade), link
  }

  struct Band: Sendable {
    var country: String?
    var rect: Rect
    var name: TextLine
    var count: TextLine
  }

  struct Column: Sendable {
    var tier: Int
    /// The centre of its nodes.
    var x: Double
    var header: [TextLine]
  }

  struct Link: Sendable {
    var from: Int
    var to: Int
    var start: Point
    var end: Point
  }

  static let maxNamed = 60
  static let legendWidth = 250.0
  static let labelSize = 11.0

  let network: SupplyNetwork
  let options: SimulationChartOptions
  let width: Double
  private(set) var height: Double
  /// Per network node: its result in the report (`nil` when the report lacks it), its
  /// column's tier, whether that tier was inferred from the links, its box, its shade and
  /// the name written in it.
  let results: [StressReport.Node?]
  let tiers: [Int]
  let inferred: [Bool]
  let boxes: [Rect]
  let shades: [Shade]
  let names: [TextLine?]
  let columns: [Column]
  let bands: [Band]
  let links: [Link]
  let named: Bool
  private(set) var legend = ChartLegend<LegendSymbol>()

  init(_ net: SupplyNetwork, report: StressReport) {
    network = net
    let nodes = net.nodes
    let count = nodes.count
    let byID = Dictionary(report.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    results = nodes.map { byID[$0.id] }
    shades = results.map(Self.shade)
    let index = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var pairs: [(Int, Int)] = []
    var seen: Set<[Int]> = []
    for l in net.links {
      guard let a = index[l.from], let b = index[l.to], a != b, seen.insert([a, b]).inserted else { continue }
      pairs.append((a, b))
    }
    (tiers, inferred) = Self.tiers(nodes, pairs)
    let tiers = tiers

    // Sizes: named boxes are as wide as the longest id needs (within limits).
    named = count <= Self.maxNamed
    let size = Self.labelSize
    let widest = nodes.map { TextMetrics.width(DomainLabels.clean($0.id), size: size) }.max() ?? 0
    let boxW = named ? min(130, max(60, widest.rounded(.up) + 14)) : 14
    let boxH = named ? 20.0 : 9
    let rowH = named ? 28.0 : 13
    let gapX = named ? 84.0 : 96
    let pad = named ? 10.0 : 8
    let colW = boxW + gapX

    // Bands, in the order the countries first appear; nodes without one last.
    var countries: [String?] = net.countries
    if nodes.contains(where: { $0.country == nil }) { countries.append(nil) }
    let bandOf = nodes.map { n in countries.firstIndex { $0 == n.country } ?? 0 }
    let tierList = Array(Set(tiers)).sorted(by: >)
    let columnOf = Dictionary(tierList.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var cellCount = [[Int]](repeating: [Int](repeating: 0, count: tierList.count), count: countries.count)
    for i in nodes.indices { cellCount[bandOf[i]][columnOf[tiers[i]]!] += 1 }
    let rows = cellCount.map { max(1, $0.max() ?? 1) }

    let bandNames = countries.map { $0.map(DomainLabels.clean) ?? tr("no country") }
    let bandLabelW = min(130, max(64, (bandNames.map { TextMetrics.width($0, size: 14, bold: true) }.max() ?? 0) + 28))
    let left = 24.0 + bandLabelW
    let headerTop = 96.0
    let bandsTop = headerTop + 44
    let columnsRight = left + Double(tierList.count) * colW

    var bands: [Band] = []
    var y = bandsTop
    for (b, c) in countries.enumerated() {
      let h = Double(rows[b]) * rowH + 2 * pad
      let rect = Rect(x: 24, y: y, w: columnsRight - 24, h: h)
      let members = cellCount[b].reduce(0, +)
      let nameSize = c == nil ? 12.0 : 14
      let name = TextMetrics.truncate(bandNames[b], size: nameSize, bold: true, maxWidth: bandLabelW - 16)
      bands.append(
        Band(
          country: c, rect: rect,
          name: TextLine(text: name, x: 32, y: rect.midY + (h >= 40 ? -1 : 4), size: nameSize, bold: true),
          count: TextLine(
            text: members == 1
              ? tr("{count} node", ["count": .text(String(members))])
              : tr("{count} nodes", ["count": .text(String(members))]), x: 32, y: rect.midY + 13, size: 10)))
      y += h
    }
    // A band too short for two lines shows its name only.
    for b in bands.indices where bands[b].rect.h < 40 { bands[b].count.text = "" }
    self.bands = bands

    columns = tierList.enumerated().map { k, t in
      let cx = left + Double(k) * colW + colW / 2
      var header = [
        TextLine(
          text: tr("tier {tier}", ["tier": .text(String(t))]), x: cx, y: headerTop + 16, size: 13, bold: true,
          anchor: .middle)
      ]
      if t == 0 {
        header.append(TextLine(text: tr("finished goods"), x: cx, y: headerTop + 31, size: 11, anchor: .middle))
      }
      return Column(tier: t, x: cx, header: header)
    }

    // Positions: columns from the finished goods upstream; within a cell, by the mean
    // height of the node's customers already placed, then in file order.
    var customers = [[Int]](repeating: [], count: count)
    for (a, b) in pairs { customers[a].append(b) }
    var centre = [Point?](repeating: nil, count: count)
    for k in stride(from: tierList.count - 1, through: 0, by: -1) {
      let cx = left + Double(k) * colW + colW / 2
      for b in countries.indices {
        let members = nodes.indices.filter { bandOf[$0] == b && columnOf[tiers[$0]] == k }
        let keyed = members.map { i -> (Double, Int) in
          let ys = customers[i].compactMap { centre[$0]?.y }
          return (ys.isEmpty ? .infinity : ys.reduce(0, +) / Double(ys.count), i)
        }
        let ordered = keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1)
        let band = bands[b].rect
        let offset = Double(rows[b] - ordered.count) / 2 * rowH
        for (r, i) in ordered.enumerated() {
          centre[i] = Point(x: cx, y: band.y + pad + offset + Double(r) * rowH + rowH / 2)
        }
      }
    }
    let boxes = centre.map { Rect(center: $0!, w: boxW, h: boxH) }
    self.boxes = boxes
    names = nodes.indices.map { i in
      guard count <= Self.maxNamed else { return nil }
      let text = TextMetrics.truncate(DomainLabels.clean(nodes[i].id), size: size, maxWidth: boxW - 8)
      return TextLine(text: text, x: boxes[i].midX, y: boxes[i].midY + size * 0.36, size: size, anchor: .middle)
    }
    links = pairs.map { a, b in
      Link(
        from: a, to: b, start: Point(x: boxes[a].maxX, y: boxes[a].midY), end: Point(x: boxes[b].x, y: boxes[b].midY))
    }

    let network = DomainLabels.clean(net.name)
    let guessed = inferred.filter { $0 }.count
    options = SimulationChartOptions(
      title: tr("Supply network by tier — {network}", ["network": .text(network)]),
      subtitle: Self.subtitle(count: count, bands: countries.count)
        + (guessed > 0 ? tr(" · tier inferred from the links for {count}", ["count": .text(String(guessed))]) : ""))
    width = max(900, columnsRight + 28 + Self.legendWidth + 24)
    height = y + 28
    layoutLegend(x: columnsRight + 28, top: bandsTop, cap: report.capDays)
  }

  // MARK: - Steps

  /// Each node's tier: its own, or else its longest path (in links) to a finished good (a
  /// node with demand or no customer), one more than its furthest customer; a cycle counts
  /// as a finished good. The second array says which tiers were inferred.
  static func tiers(_ nodes: [SupplyNetwork.Node], _ pairs: [(Int, Int)]) -> ([Int], [Bool]) {
    var customers = [[Int]](repeating: [], count: nodes.count)
    for (a, b) in pairs { customers[a].append(b) }
    var memo = [Int?](repeating: nil, count: nodes.count)
    var visiting = [Bool](repeating: false, count: nodes.count)
    func level(_ i: Int) -> Int {
      if let t = nodes[i].tier { return t }
      if let m = memo[i] { return m }
      if visiting[i] { return 0 }
      visiting[i] = true
      var v = 0
      if nodes[i].demandPerDay <= 0 {
        for c in customers[i] { v = max(v, level(c) + 1) }
      }
      visiting[i] = false
      memo[i] = v
      return v
    }
    return (nodes.indices.map(level), nodes.map { $0.tier == nil })
  }

  /// Margin classes in days: below −30, −30 to −7, −7 to 0 (at risk); 0 to 7 (even); 7 to
  /// 30, 30 to 90, 90 or more; capped; untested.
  static func shade(_ r: StressReport.Node?) -> Shade {
    guard let r else { return .untested }
    if r.ttsCapped { return .capped }
    let m = r.marginDays
    if r.atRisk {
      return m < -30 ? .severe : (m < -7 ? .short : .slight)
    }
    return m < 7 ? .even : (m < 30 ? .some : (m < 90 ? .ample : .plenty))
  }

  /// A diverging scale (ColorBrewer RdBu): red short of recovery, near white about even,
  /// blue ample; grey when the time to survive reached the cap.
  static func fill(_ s: Shade) -> String {
    switch s {
    case .severe: return "#b2182b"
    case .short: return "#ef8a62"
    case .slight: return "#fddbc7"
    case .even: return "#f7f7f7"
    case .some: return "#d1e5f0"
    case .ample: return "#67a9cf"
    case .plenty: return "#2166ac"
    case .capped: return "#bdbdbd"
    case .untested: return "#ffffff"
    }
  }

  /// Text on the fill: white on the two darkest, ink on the rest.
  static func textFill(_ s: Shade) -> String { s == .severe || s == .plenty ? "#ffffff" : Palette.ink }

  static func legendText(_ s: Shade, cap: Double) -> String {
    switch s {
    case .severe: return tr("below −30 days")
    case .short: return tr("−30 to −7 days")
    case .slight: return tr("−7 to 0 days")
    case .even: return tr("0 to 7 days")
    case .some: return tr("7 to 30 days")
    case .ample: return tr("30 to 90 days")
    case .plenty: return tr("90 days or more")
    case .capped: return tr("TTS reaches the cap (≥ {cap} days)", ["cap": .text(Format.number(cap, digits: 1))])
    case .untested: return tr("not in the report")
    }
  }

  private mutating func layoutLegend(x: Double, top: Double, cap: Double) {
    var b = ChartLegend<LegendSymbol>.Builder(x: x, top: top, width: Self.legendWidth, textIndent: 46, symbolX: 22)
    var counts = [Shade: Int]()
    for s in shades { counts[s, default: 0] += 1 }
    b.add(.caption, tr("Colour: TTS − TTR in days (number of nodes); red: at risk"))
    for s in Shade.allCases where s != .untested || counts[s] != nil {
      b.add(.shade(s), "\(Self.legendText(s, cap: cap)) (\(counts[s] ?? 0))")
    }
    b.gap(6)
    b.add(.link, tr("a link: supplier (left) to customer (right)"))
    legend = b.finish()
    height = max(height, legend.box.maxY + 24)
  }

  /// `12 nodes in 3 bands by country · tier 0 (finished goods) on the right · colour: TTS − TTR`.
  static func subtitle(count: Int, bands: Int) -> String {
    let args: [String: LocalizationArgument] = ["count": .text(String(count)), "bands": .text(String(bands))]
    switch (count == 1, bands == 1) {
    case (true, true):
      return tr(
        "{count} node in {bands} band by country · tier 0 (finished goods) on the right · colour: TTS − TTR", args)
    case (true, false):
      return tr(
        "{count} node in {bands} bands by country · tier 0 (finished goods) on the right · colour: TTS − TTR", args)
    case (false, true):
      return tr(
        "{count} nodes in {bands} band by country · tier 0 (finished goods) on the right · colour: TTS − TTR", args)
    case (false, false):
      return tr(
        "{count} nodes in {bands} bands by country · tier 0 (finished goods) on the right · colour: TTS − TTR", args)
    }
  }
}
