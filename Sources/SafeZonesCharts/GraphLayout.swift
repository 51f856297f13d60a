import Foundation
import SafeZonesCore

/// Everything the link graph draws, with its position: a pure function of the nodes, the
/// edges and the options (the force layout is seeded), so the same input gives the same
/// drawing. `GraphChart.svg` only writes this out; the tests check it directly.
///
/// Linked domains are laid out component by component with a force-directed layout
/// (Fruchterman–Reingold, seeded initial positions, fixed number of iterations), each
/// component turned so that its longest extent is horizontal (labels are wide), then packed
/// in rows. Domains without links are grouped below by quadrant, in columns. Labels are
/// placed by the map's `LabelPlacer`, so no two labels overlap; a name that finds no place
/// gets a number in the key.
struct GraphLayout: Sendable {
  struct DrawnEdge: Sendable {
    var edge: GraphEdge
    var from: Int
    var to: Int
    /// Start (at the source's marker), control point, end (at the arrow's tip).
    var start: Point
    var control: Point
    var end: Point
    var curved: Bool
    /// The weight's text and its box, when it found a free place.
    var weightLabel: TextLine?
    var weightBox: Rect?

    /// The curve as short segments (for hit tests).
    var polyline: [Segment] {
      guard curved else { return [Segment(a: start, b: end)] }
      var out: [Segment] = []
      var last = start
      for k in 1...8 {
        let p = GraphLayout.bezier(start, control, end, Double(k) / 8)
        out.append(Segment(a: last, b: p))
        last = p
      }
      return out
    }
  }

  struct IsolatedGroup: Sendable {
    var quadrant: Quadrant
    var title: TextLine
    var swatch: Point
  }

  static let titleHeight = 96.0
  static let margin = 24.0
  static let legendWidth = 250.0
  static let nodeRadius = 9.0
  static let isolatedRadius = 6.0
  static let labelSize = 13.0
  static let numberSize = labelSize - 1

  let nodes: [GraphNode]
  let options: GraphOptions
  let edges: [DrawnEdge]
  let width: Double
  private(set) var height: Double
  let title: TextLine
  let subtitle: TextLine
  /// Every node's centre and marker radius.
  let anchors: [Point]
  let radii: [Double]
  /// `true` for nodes with at least one drawn edge.
  let linked: [Bool]
  /// The region of the linked components.
  let area: Rect
  let nameLines: [[String]]
  /// Labels of linked nodes (name or number); isolated nodes use `isolatedLabels`.
  private(set) var labels: [PlacedLabel?]
  private(set) var numbers: [Int?]
  private(set) var isolatedLabels: [Int: TextLine] = [:]
  private(set) var isolatedTitle: TextLine?
  private(set) var isolatedGroups: [IsolatedGroup] = []
  private(set) var legend = ChartLegend<LegendSymbol>()
  /// The key to numbered nodes, below everything else.
  private(set) var key: ChartKey?

  enum LegendSymbol: Hashable, Sendable {
    case quadrant(Quadrant), kind(String), raised, arrow
  }

  init(_ nodes: [GraphNode], _ edges: [GraphEdge], options: GraphOptions) {
    self.nodes = nodes
    self.options = options
    width = max(options.width, 720)
    let m = Self.margin
    title = TextLine(text: DomainLabels.clean(options.title), x: m, y: 42, size: 24, bold: true)
    subtitle = TextLine(text: DomainLabels.clean(options.subtitle), x: m, y: 68, size: 15)

    let kept = Self.keptEdges(edges, nodes: nodes)
    var neighbours = [Set<Int>](repeating: [], count: nodes.count)
    for (_, a, b) in kept {
      neighbours[a].insert(b)
      neighbours[b].insert(a)
    }
    let linked = neighbours.map { !$0.isEmpty }
    self.linked = linked

    // Labels' sizes.
    let size = Self.labelSize
    let lines = nodes.map { n in
      DomainLabels.nameLines(label: n.label, id: n.id, size: size, bold: n.group == .user, maxWidth: size * 12)
    }
    nameLines = lines
    let nameSizes = zip(nodes, lines).map { n, l in DomainLabels.nameSize(l, size: size, bold: n.group == .user) }

    // The linked domains, component by component, with their links and labels.
    let legendX = width - m - Self.legendWidth
    let areaWidth = legendX - m - 16
    let packed = Self.pack(
      Self.components(neighbours), edges: kept, nodes: nodes, nameSizes: nameSizes, seed: options.seed,
      areaWidth: areaWidth)
    var anchors = packed.anchors
    let areaBottom = packed.bottom
    var radii = nodes.map { _ in Self.nodeRadius }
    area = Rect(x: m, y: Self.titleHeight, w: areaWidth, h: max(0, areaBottom - Self.titleHeight))
    var drawn = Self.route(kept, anchors: anchors)
    let linkedIndices = nodes.indices.filter { linked[$0] }
    let (labels, numbers) = Self.placeLabels(
      linkedIndices, nodes: nodes, anchors: anchors, radii: radii, nameSizes: nameSizes, edges: drawn, area: area)
    var taken: [Rect] = linkedIndices.compactMap { labels[$0]?.box }
    taken += linkedIndices.map { Rect(center: anchors[$0], w: 2 * Self.nodeRadius + 2, h: 2 * Self.nodeRadius + 2) }
    Self.placeWeights(&drawn, avoiding: taken, area: area)
    self.edges = drawn
    self.labels = labels
    self.numbers = numbers

    // The domains without links, below.
    let isolated = Self.isolated(
      nodes.indices.filter { !linked[$0] }, nodes: nodes, top: areaBottom, areaWidth: areaWidth)
    isolatedTitle = isolated.title
    isolatedGroups = isolated.groups
    isolatedLabels = isolated.labels
    for (i, at) in isolated.anchors {
      anchors[i] = at
      radii[i] = Self.isolatedRadius
    }
    let bottom = isolated.bottom ?? areaBottom
    self.anchors = anchors
    self.radii = radii
    height = max(options.minHeight, bottom + m)
    layoutLegend(x: legendX)
    layoutKey(bottom: bottom)
  }

  // MARK: - Steps

  /// The links between known nodes, one per (from, to, kind), self-links left out, with the
  /// indices of their ends.
  static func keptEdges(_ edges: [GraphEdge], nodes: [GraphNode]) -> [(GraphEdge, Int, Int)] {
    var index: [String: Int] = [:]
    for (i, n) in nodes.enumerated() where index[n.id] == nil { index[n.id] = i }
    var kept: [(GraphEdge, Int, Int)] = []
    var seen = Set<String>()
    for e in edges {
      guard let a = index[e.from], let b = index[e.to], a != b else { continue }
      guard seen.insert("\(a)|\(b)|\(e.kind)").inserted else { continue }
      kept.append((e, a, b))
    }
    return kept
  }

  /// The connected components of linked nodes, each in node order, largest first.
  static func components(_ neighbours: [Set<Int>]) -> [[Int]] {
    var component = [Int](repeating: -1, count: neighbours.count)
    var components: [[Int]] = []
    for i in neighbours.indices where !neighbours[i].isEmpty && component[i] < 0 {
      var members: [Int] = []
      var queue = [i]
      component[i] = components.count
      while !queue.isEmpty {
        let v = queue.removeFirst()
        members.append(v)
        for w in neighbours[v].sorted() where component[w] < 0 {
          component[w] = components.count
          queue.append(w)
        }
      }
      components.append(members.sorted())
    }
    components.sort { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    return components
  }

  /// Lays out each component with the force layout and packs them in rows across the
  /// area; returns every node's position (linked ones only) and the bottom of the rows.
  static func pack(
    _ components: [[Int]], edges kept: [(GraphEdge, Int, Int)], nodes: [GraphNode],
    nameSizes: [(w: Double, h: Double)], seed: UInt64, areaWidth: Double
  ) -> (anchors: [Point], bottom: Double) {
    let m = margin
    var anchors = [Point](repeating: Point(x: 0, y: 0), count: nodes.count)
    let undirected = Set(kept.map { min($0.1, $0.2) * nodes.count + max($0.1, $0.2) })
    let pairs = undirected.sorted().map { ($0 / nodes.count, $0 % nodes.count) }
    var x = m
    var y = titleHeight + 10
    var rowHeight = 0.0
    let padY = 44.0
    for members in components {
      // Room beside the component for its widest name, so that end nodes can be labelled
      // outwards instead of across their edges.
      let padX = min(180, max(60, (members.map { nameSizes[$0].w }.max() ?? 0) + 16))
      var local = forceLayout(
        members, edges: pairs.filter { members.contains($0.0) },
        seed: seed ^ fnv(members.map { nodes[$0].id }))
      // Fit very wide components into the area.
      let xs = local.map(\.x)
      let ys = local.map(\.y)
      var w = (xs.max() ?? 0) - (xs.min() ?? 0)
      var h = (ys.max() ?? 0) - (ys.min() ?? 0)
      if w + 2 * padX > areaWidth, w > 0 {
        let s = (areaWidth - 2 * padX) / w
        local = local.map { Point(x: $0.x * s, y: $0.y * s) }
        w *= s
        h *= s
      }
      if x > m && x + w + 2 * padX > m + areaWidth {
        x = m
        y += rowHeight
        rowHeight = 0
      }
      let minX = local.map(\.x).min() ?? 0
      let minY = local.map(\.y).min() ?? 0
      for (k, v) in members.enumerated() {
        anchors[v] = Point(x: x + padX + local[k].x - minX, y: y + padY + local[k].y - minY)
      }
      x += w + 2 * padX
      rowHeight = max(rowHeight, h + 2 * padY)
    }
    return (anchors, components.isEmpty ? titleHeight : y + rowHeight)
  }

  /// The links' lines: straight, or curved apart when two nodes link both ways (or by
  /// several kinds), from the edge of one marker to the arrow's tip at the other.
  static func route(_ kept: [(GraphEdge, Int, Int)], anchors: [Point]) -> [DrawnEdge] {
    let n = anchors.count
    var drawn: [DrawnEdge] = []
    var multiplicity: [Int: Int] = [:]
    for (_, a, b) in kept { multiplicity[min(a, b) * n + max(a, b), default: 0] += 1 }
    var order: [Int: Int] = [:]
    for (e, a, b) in kept {
      let key = min(a, b) * n + max(a, b)
      let count = multiplicity[key]!
      let k = order[key, default: 0]
      order[key] = k + 1
      let p = anchors[a]
      let q = anchors[b]
      let dx = q.x - p.x
      let dy = q.y - p.y
      let len = max((dx * dx + dy * dy).squareRoot(), 1e-9)
      // Offsets to one side of the direction a → b, so opposite directions bend apart.
      let offset = count == 1 ? 0 : 18 + 14 * Double(k / 2)
      let mid = Point(x: (p.x + q.x) / 2 - dy / len * offset, y: (p.y + q.y) / 2 + dx / len * offset)
      let control = Point(x: 2 * mid.x - (p.x + q.x) / 2, y: 2 * mid.y - (p.y + q.y) / 2)
      func toward(_ from: Point, _ to: Point, _ d: Double) -> Point {
        let ux = to.x - from.x
        let uy = to.y - from.y
        let l = max((ux * ux + uy * uy).squareRoot(), 1e-9)
        return Point(x: from.x + ux / l * d, y: from.y + uy / l * d)
      }
      let start = toward(p, offset == 0 ? q : control, nodeRadius + 1)
      let end = toward(q, offset == 0 ? p : control, nodeRadius + 2)
      drawn.append(
        DrawnEdge(
          edge: e, from: a, to: b, start: start, control: offset == 0 ? mid : control, end: end, curved: offset != 0))
    }
    return drawn
  }

  /// Labels of the linked nodes, placed clear of one another and of the links; a node whose
  /// name finds no room is numbered, in natural order of the names.
  static func placeLabels(
    _ linkedIndices: [Int], nodes: [GraphNode], anchors: [Point], radii: [Double],
    nameSizes: [(w: Double, h: Double)], edges drawn: [DrawnEdge], area: Rect
  ) -> (labels: [PlacedLabel?], numbers: [Int?]) {
    var labels = [PlacedLabel?](repeating: nil, count: nodes.count)
    var numbers = [Int?](repeating: nil, count: nodes.count)
    guard !linkedIndices.isEmpty else { return (labels, numbers) }
    let soft = drawn.flatMap(\.polyline).map { ($0, 4.0) }
    let numberSize = DomainLabels.numberSize(count: nodes.count, size: Self.numberSize)
    let placer = LabelPlacer(
      LabelPlacer.Input(
        anchors: linkedIndices.map { anchors[$0] }, radii: linkedIndices.map { radii[$0] },
        nameSizes: linkedIndices.map { nameSizes[$0] }, numberSizes: linkedIndices.map { _ in numberSize },
        bounds: area.insetBy(2), obstacles: [], soft: soft, ringStep: labelSize + 3))
    let placed = placer.place()
    for (k, i) in linkedIndices.enumerated() { labels[i] = placed[k] }
    let numbered = linkedIndices.filter { labels[$0]?.kind != .name }.sorted {
      DomainLabels.naturalOrder(nodes[$0].label, nodes[$1].label) < 0
    }
    for (k, i) in numbered.enumerated() { numbers[i] = k + 1 }
    return (labels, numbers)
  }

  /// Each link's weight beside its middle, where it covers nothing already placed.
  static func placeWeights(_ drawn: inout [DrawnEdge], avoiding fixed: [Rect], area: Rect) {
    var taken = fixed
    for e in drawn.indices {
      let text = Format.number(drawn[e].edge.weight, digits: 2)
      let wsize = 10.0
      let w = TextMetrics.width(text, size: wsize) + 4
      let h = wsize + 3
      let d = drawn[e]
      for t in [0.5, 0.4, 0.6, 0.32, 0.68] {
        let p = bezier(d.start, d.control, d.end, t)
        let q = bezier(d.start, d.control, d.end, min(1, t + 0.01))
        let dx = q.x - p.x
        let dy = q.y - p.y
        let l = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        var found: Rect?
        for side in [1.0, -1.0] {
          let off = 3 + max(w, h) / 2
          let c = Point(x: p.x - dy / l * off * side, y: p.y + dx / l * off * side)
          let box = Rect(center: c, w: w, h: h)
          if area.insetBy(2).contains(box) && !taken.contains(where: { $0.intersects(box) }) {
            found = box
            break
          }
        }
        if let box = found {
          taken.append(box)
          drawn[e].weightBox = box
          drawn[e].weightLabel = TextLine(
            text: text, x: box.midX, y: box.y + 1.5 + wsize * 0.85, size: wsize, anchor: .middle)
          break
        }
      }
    }
  }

  /// Where the domains without links go: under a heading, grouped by quadrant in columns.
  struct Isolated {
    var title: TextLine?
    var groups: [IsolatedGroup] = []
    var labels: [Int: TextLine] = [:]
    var anchors: [Int: Point] = [:]
    /// The bottom of the list; `nil` when there is none.
    var bottom: Double?
  }

  static func isolated(_ isolated: [Int], nodes: [GraphNode], top areaBottom: Double, areaWidth: Double) -> Isolated {
    var out = Isolated()
    guard !isolated.isEmpty else { return out }
    let m = margin
    let top = areaBottom + 20
    out.title = TextLine(
      text: tr("Domains without links ({count})", ["count": .text(String(isolated.count))]), x: m, y: top + 16,
      size: 15, bold: true)
    var yy = top + 30
    let cols = max(1, Int((areaWidth / 230).rounded(.down)))
    let colWidth = areaWidth / Double(cols)
    for q in Quadrant.allCases {
      let members = isolated.filter { nodes[$0].quadrant == q }.sorted {
        let o = DomainLabels.naturalOrder(nodes[$0].label, nodes[$1].label)
        return o != 0 ? o < 0 : nodes[$0].id < nodes[$1].id
      }
      guard !members.isEmpty else { continue }
      yy += 10
      out.groups.append(
        IsolatedGroup(
          quadrant: q,
          title: TextLine(
            text: tr(
              "{quadrant} ({count})",
              ["quadrant": .text(ChartWords.quadrant(q)), "count": .text(String(members.count))]),
            x: m + 16, y: yy + 10, size: 13, bold: true),
          swatch: Point(x: m + 6, y: yy + 5.5)))
      yy += 18
      for (k, i) in members.enumerated() {
        let col = k % cols
        let row = k / cols
        let cx = m + 6 + Double(col) * colWidth
        let cy = yy + 10 + Double(row) * 20
        out.anchors[i] = Point(x: cx, y: cy)
        let name = TextMetrics.truncate(
          DomainLabels.displayName(label: nodes[i].label, id: nodes[i].id), size: 12, maxWidth: colWidth - 24)
        out.labels[i] = TextLine(text: name, x: cx + 11, y: cy + 4.2, size: 12)
      }
      yy += Double((members.count + cols - 1) / cols) * 20 + 4
    }
    out.bottom = yy + 6
    return out
  }

  // MARK: - Legend and key

  private mutating func layoutLegend(x: Double) {
    var legend = ChartLegend<LegendSymbol>.Builder(
      x: x, top: Self.titleHeight, width: Self.legendWidth, textIndent: 44, symbolX: 24)
    for q in Quadrant.allCases { legend.add(.quadrant(q), ChartWords.quadrant(q)) }
    legend.gap(6)
    let kinds = Array(Set(edges.map(\.edge.kind))).sorted { a, b in
      let order = GraphChart.kindOrder
      let ia = order.firstIndex(of: a) ?? order.count
      let ib = order.firstIndex(of: b) ?? order.count
      return ia != ib ? ia < ib : a < b
    }
    for kind in kinds { legend.add(.kind(kind), GraphChart.kindName(kind)) }
    if !edges.isEmpty {
      legend.add(
        .arrow, tr("A → B: A links to B and takes on part of B's risk; line width and number: the link's weight"))
    }
    if nodes.contains(where: { $0.linkedRisk != nil }) { legend.add(.raised, tr("Dashed ring: risk raised by links")) }
    self.legend = legend.finish()
    height = max(height, self.legend.box.maxY + Self.margin)
  }

  private mutating func layoutKey(bottom: Double) {
    let numbered = nodes.indices.filter { numbers[$0] != nil }.sorted { numbers[$0]! < numbers[$1]! }
    guard !numbered.isEmpty else { return }
    let size = 12.0
    let top = bottom + 16
    let entries = numbered.enumerated().map { k, i in
      let yy = top + 22 + Double(k + 1) * size * 1.35
      return ChartKey.Entry(
        number: numbers[i]!, index: i,
        numberText: TextLine(
          text: String(numbers[i]!), x: Self.margin + 24, y: yy, size: size, bold: true, anchor: .end),
        nameText: TextLine(
          text: DomainLabels.displayName(label: nodes[i].label, id: nodes[i].id), x: Self.margin + 30, y: yy, size: size
        ))
    }
    key = ChartKey(
      title: TextLine(text: tr("Key to numbered domains"), x: Self.margin, y: top + 14, size: 14, bold: true),
      entries: entries)
    height = max(height, top + 22 + Double(numbered.count + 1) * size * 1.35 + Self.margin)
  }

  // MARK: - Force layout

  /// Positions for one component (relative coordinates): Fruchterman–Reingold from seeded
  /// random starting points, a fixed number of iterations with linear cooling, then turned
  /// so that the longest extent is horizontal.
  static func forceLayout(_ members: [Int], edges: [(Int, Int)], seed: UInt64) -> [Point] {
    let n = members.count
    let k = 170.0
    if n == 1 { return [Point(x: 0, y: 0)] }
    if n == 2 { return [Point(x: 0, y: 0), Point(x: k * 1.1, y: 0)] }
    var local: [Int: Int] = [:]
    for (i, v) in members.enumerated() { local[v] = i }
    let links = edges.compactMap { e -> (Int, Int)? in
      guard let a = local[e.0], let b = local[e.1] else { return nil }
      return (a, b)
    }
    var rng = SplitMix64(seed: seed)
    let side = k * Double(n).squareRoot()
    var px = (0..<n).map { _ in rng.nextUnit() * side }
    var py = (0..<n).map { _ in rng.nextUnit() * side }
    let iterations = 400
    for it in 0..<iterations {
      let temperature = side / 4 * (1 - Double(it) / Double(iterations)) + 0.5
      var dx = [Double](repeating: 0, count: n)
      var dy = [Double](repeating: 0, count: n)
      for i in 0..<n {
        for j in (i + 1)..<n {
          var ddx = px[i] - px[j]
          var ddy = py[i] - py[j]
          var d2 = ddx * ddx + ddy * ddy
          if d2 < 1e-6 {
            ddx = 0.1 * Double(i - j)
            ddy = 0.1
            d2 = ddx * ddx + ddy * ddy
          }
          let d = d2.squareRoot()
          let f = k * k / d
          dx[i] += ddx / d * f
          dy[i] += ddy / d * f
          dx[j] -= ddx / d * f
          dy[j] -= ddy / d * f
        }
      }
      for (a, b) in links {
        let ddx = px[a] - px[b]
        let ddy = py[a] - py[b]
        let d = max((ddx * ddx + ddy * ddy).squareRoot(), 1e-6)
        let f = d * d / k
        dx[a] -= ddx / d * f
        dy[a] -= ddy / d * f
        dx[b] += ddx / d * f
        dy[b] += ddy / d * f
      }
      // A light pull to the centre keeps loosely tied members close.
      let cx = px.reduce(0, +) / Double(n)
      let cy = py.reduce(0, +) / Double(n)
      for i in 0..<n {
        dx[i] -= (px[i] - cx) * 0.05
        dy[i] -= (py[i] - cy) * 0.05
        let d = max((dx[i] * dx[i] + dy[i] * dy[i]).squareRoot(), 1e-9)
        let step = min(d, temperature)
        px[i] += dx[i] / d * step
        py[i] += dy[i] / d * step
      }
    }
    // Turn the principal axis horizontal.
    let cx = px.reduce(0, +) / Double(n)
    let cy = py.reduce(0, +) / Double(n)
    var sxx = 0.0
    var syy = 0.0
    var sxy = 0.0
    for i in 0..<n {
      sxx += (px[i] - cx) * (px[i] - cx)
      syy += (py[i] - cy) * (py[i] - cy)
      sxy += (px[i] - cx) * (py[i] - cy)
    }
    let angle = 0.5 * atan2(2 * sxy, sxx - syy)
    let c = cos(-angle)
    let s = sin(-angle)
    return (0..<n).map { i in
      let x = px[i] - cx
      let y = py[i] - cy
      return Point(x: x * c - y * s, y: x * s + y * c)
    }
  }

  /// FNV-1a of the ids: a seed that depends on the component, not on the process (Swift's
  /// own hashing is randomised per run).
  static func fnv(_ ids: [String]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for id in ids {
      for b in id.utf8 {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01b3
      }
      h ^= 0x2c
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  static func bezier(_ a: Point, _ c: Point, _ b: Point, _ t: Double) -> Point {
    let u = 1 - t
    return Point(x: u * u * a.x + 2 * u * t * c.x + t * t * b.x, y: u * u * a.y + 2 * u * t * c.y + t * t * b.y)
  }
}
