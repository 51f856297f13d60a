/// Plane geometry in SVG user units (y grows downwards).
struct Point: Hashable, Sendable {
  var x: Double
  var y: Double
}

/// An axis-aligned rectangle.
struct Rect: Hashable, Sendable {
  var x: Double
  var y: Double
  var w: Double
  var h: Double

  init(x: Double, y: Double, w: Double, h: Double) {
    self.x = x
    self.y = y
    self.w = max(0, w)
    self.h = max(0, h)
  }

  init(center c: Point, w: Double, h: Double) { self.init(x: c.x - w / 2, y: c.y - h / 2, w: w, h: h) }

  var maxX: Double { x + w }
  var maxY: Double { y + h }
  var midX: Double { x + w / 2 }
  var midY: Double { y + h / 2 }
  var center: Point { Point(x: midX, y: midY) }

  /// `true` when the interiors overlap (touching edges do not count).
  func intersects(_ o: Rect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }

  func contains(_ o: Rect) -> Bool { o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY }

  func contains(_ p: Point) -> Bool { p.x >= x && p.x <= maxX && p.y >= y && p.y <= maxY }

  func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, w: w - 2 * d, h: h - 2 * d) }

  /// The point of the rectangle nearest to `p`.
  func nearestPoint(to p: Point) -> Point { Point(x: min(max(p.x, x), maxX), y: min(max(p.y, y), maxY)) }
}

/// A line segment.
struct Segment: Hashable, Sendable {
  var a: Point
  var b: Point

  var bounds: Rect {
    Rect(x: min(a.x, b.x), y: min(a.y, b.y), w: abs(a.x - b.x), h: abs(a.y - b.y))
  }

  var length: Double { ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot() }

  /// `true` when the segment passes through the interior of `r` (Liang–Barsky clipping).
  func intersects(_ r: Rect) -> Bool {
    let dx = b.x - a.x
    let dy = b.y - a.y
    var t0 = 0.0
    var t1 = 1.0
    for (p, q) in [(-dx, a.x - r.x), (dx, r.maxX - a.x), (-dy, a.y - r.y), (dy, r.maxY - a.y)] {
      if p == 0 {
        if q <= 0 { return false }
      } else {
        let t = q / p
        if p < 0 {
          if t > t1 { return false }
          if t > t0 { t0 = t }
        } else {
          if t < t0 { return false }
          if t < t1 { t1 = t }
        }
      }
    }
    return t1 - t0 > 1e-9
  }

  /// `true` when the two segments cross (shared end points and collinear touches do not count).
  func crosses(_ o: Segment) -> Bool {
    func orient(_ p: Point, _ q: Point, _ r: Point) -> Double { (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x) }
    let d1 = orient(o.a, o.b, a)
    let d2 = orient(o.a, o.b, b)
    let d3 = orient(a, b, o.a)
    let d4 = orient(a, b, o.b)
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))
  }
}

/// A uniform grid over the plane that answers "which stored boxes may touch this box"
/// without scanning every box. Items are integers chosen by the caller.
struct SpatialGrid {
  private struct Cell: Hashable {
    var x: Int
    var y: Int
  }

  let size: Double
  private var cells: [Cell: [Int]] = [:]
  /// Per item, the last query that reported it, so that each query reports an item once.
  private var seen: [UInt32] = []
  private var epoch: UInt32 = 0

  init(cellSize: Double) { size = max(1, cellSize) }

  private func range(_ r: Rect) -> (ClosedRange<Int>, ClosedRange<Int>) {
    let x0 = Int((r.x / size).rounded(.down))
    let x1 = max(x0, Int((r.maxX / size).rounded(.down)))
    let y0 = Int((r.y / size).rounded(.down))
    let y1 = max(y0, Int((r.maxY / size).rounded(.down)))
    return (x0...x1, y0...y1)
  }

  /// The cells a segment passes through, column by column.
  private func cells(_ s: Segment) -> [Cell] {
    let minX = min(s.a.x, s.b.x)
    let maxX = max(s.a.x, s.b.x)
    let dx = s.b.x - s.a.x
    func y(at x: Double) -> Double { dx == 0 ? s.a.y : s.a.y + (x - s.a.x) / dx * (s.b.y - s.a.y) }
    let cx0 = Int((minX / size).rounded(.down))
    let cx1 = max(cx0, Int((maxX / size).rounded(.down)))
    var out: [Cell] = []
    for cx in cx0...cx1 {
      let xa = max(minX, Double(cx) * size)
      let xb = min(maxX, Double(cx + 1) * size)
      let (ya, yb) = dx == 0 ? (min(s.a.y, s.b.y), max(s.a.y, s.b.y)) : (y(at: xa), y(at: xb))
      let cy0 = Int((min(ya, yb) / size).rounded(.down))
      let cy1 = max(cy0, Int((max(ya, yb) / size).rounded(.down)))
      for cy in cy0...cy1 { out.append(Cell(x: cx, y: cy)) }
    }
    return out
  }

  /// Stores a segment in just the cells it passes through.
  mutating func insert(_ item: Int, segment: Segment) {
    for cell in cells(segment) { cells[cell, default: []].append(item) }
  }

  /// The items stored in the cells `s` passes through, each once.
  mutating func query(segment s: Segment) -> [Int] {
    collect(cells(s))
  }

  mutating func insert(_ item: Int, bounds: Rect) {
    let (xs, ys) = range(bounds)
    for cx in xs {
      for cy in ys { cells[Cell(x: cx, y: cy), default: []].append(item) }
    }
  }

  /// Forgets `item`, stored with `bounds`.
  mutating func remove(_ item: Int, bounds: Rect) {
    let (xs, ys) = range(bounds)
    for cx in xs {
      for cy in ys {
        let key = Cell(x: cx, y: cy)
        if let index = cells[key]?.firstIndex(of: item) { cells[key]!.remove(at: index) }
      }
    }
  }

  /// The items whose bounds share a cell with `r` or with the path of `s`, each once.
  mutating func query(_ r: Rect, along s: Segment? = nil) -> [Int] {
    let (xs, ys) = range(r)
    var list: [Cell] = []
    for cx in xs {
      for cy in ys { list.append(Cell(x: cx, y: cy)) }
    }
    if let s { list += cells(s) }
    return collect(list)
  }

  /// The items of `list`'s cells, each once, in the order first met (which depends only on
  /// the order of insertion, so results are deterministic).
  private mutating func collect(_ list: [Cell]) -> [Int] {
    epoch &+= 1
    if epoch == 0 {
      seen = Array(repeating: 0, count: seen.count)
      epoch = 1
    }
    var found: [Int] = []
    for cell in list {
      guard let items = cells[cell] else { continue }
      for item in items {
        if item >= seen.count { seen += Array(repeating: 0, count: item + 1 - seen.count) }
        if seen[item] != epoch {
          seen[item] = epoch
          found.append(item)
        }
      }
    }
    return found
  }
}
