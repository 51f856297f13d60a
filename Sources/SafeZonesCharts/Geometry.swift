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
///
/// The cells are a dense array over the area used so far (grown when an item lands
/// outside it), so that finding a cell is arithmetic, not hashing: label placement asks
/// millions of such questions for a map of a thousand domains.
struct SpatialGrid {
  let size: Double
  /// Cell (x, y) is `buckets[(y - y0) * columns + (x - x0)]`.
  private var buckets: [[Int]] = []
  private var x0 = 0
  private var y0 = 0
  private var columns = 0
  private var rows = 0
  /// Per item, the last query that reported it, so that each query reports an item once.
  private var seen: [UInt32] = []
  private var epoch: UInt32 = 0

  init(cellSize: Double) { size = max(1, cellSize) }

  private func cellX(_ x: Double) -> Int { Int((x / size).rounded(.down)) }
  private func cellY(_ y: Double) -> Int { Int((y / size).rounded(.down)) }

  private func range(_ r: Rect) -> (ClosedRange<Int>, ClosedRange<Int>) {
    let x0 = cellX(r.x)
    let x1 = max(x0, cellX(r.maxX))
    let y0 = cellY(r.y)
    let y1 = max(y0, cellY(r.maxY))
    return (x0...x1, y0...y1)
  }

  /// Calls `body` with each cell (of side `size`) a segment passes through, column by
  /// column. Static, so that `body` may change the grid.
  private static func forEachCell(_ s: Segment, size: Double, _ body: (Int, Int) -> Void) {
    func cellX(_ x: Double) -> Int { Int((x / size).rounded(.down)) }
    func cellY(_ y: Double) -> Int { Int((y / size).rounded(.down)) }
    let minX = min(s.a.x, s.b.x)
    let maxX = max(s.a.x, s.b.x)
    let dx = s.b.x - s.a.x
    func y(at x: Double) -> Double { dx == 0 ? s.a.y : s.a.y + (x - s.a.x) / dx * (s.b.y - s.a.y) }
    let cx0 = cellX(minX)
    let cx1 = max(cx0, cellX(maxX))
    for cx in cx0...cx1 {
      let xa = max(minX, Double(cx) * size)
      let xb = min(maxX, Double(cx + 1) * size)
      let (ya, yb) = dx == 0 ? (min(s.a.y, s.b.y), max(s.a.y, s.b.y)) : (y(at: xa), y(at: xb))
      let cy0 = cellY(min(ya, yb))
      let cy1 = max(cy0, cellY(max(ya, yb)))
      for cy in cy0...cy1 { body(cx, cy) }
    }
  }

  /// The index of cell (x, y), `nil` outside the area covered so far.
  private func index(_ x: Int, _ y: Int) -> Int? {
    let i = x - x0
    let j = y - y0
    guard i >= 0, j >= 0, i < columns, j < rows else { return nil }
    return j * columns + i
  }

  /// Grows the covered area to include cells `xs` × `ys`.
  private mutating func cover(_ xs: ClosedRange<Int>, _ ys: ClosedRange<Int>) {
    if columns > 0, xs.lowerBound >= x0, ys.lowerBound >= y0, xs.upperBound < x0 + columns,
      ys.upperBound < y0 + rows
    {
      return
    }
    let nx0 = columns == 0 ? xs.lowerBound : min(x0, xs.lowerBound)
    let ny0 = rows == 0 ? ys.lowerBound : min(y0, ys.lowerBound)
    let nx1 = columns == 0 ? xs.upperBound : max(x0 + columns - 1, xs.upperBound)
    let ny1 = rows == 0 ? ys.upperBound : max(y0 + rows - 1, ys.upperBound)
    let (newColumns, newRows) = (nx1 - nx0 + 1, ny1 - ny0 + 1)
    var grown = [[Int]](repeating: [], count: newColumns * newRows)
    for j in 0..<rows {
      for i in 0..<columns {
        grown[(j + y0 - ny0) * newColumns + (i + x0 - nx0)] = buckets[j * columns + i]
      }
    }
    (buckets, x0, y0, columns, rows) = (grown, nx0, ny0, newColumns, newRows)
  }

  private mutating func add(_ item: Int, _ x: Int, _ y: Int) {
    cover(x...x, y...y)
    buckets[index(x, y)!].append(item)
  }

  /// Stores a segment in just the cells it passes through.
  mutating func insert(_ item: Int, segment: Segment) {
    var cells: [(Int, Int)] = []
    Self.forEachCell(segment, size: size) { cells.append(($0, $1)) }
    for (x, y) in cells { add(item, x, y) }
  }

  /// The items stored in the cells `s` passes through, each once.
  mutating func query(segment s: Segment) -> [Int] {
    var found = begin()
    Self.forEachCell(s, size: size) { collect($0, $1, into: &found) }
    return found
  }

  mutating func insert(_ item: Int, bounds: Rect) {
    let (xs, ys) = range(bounds)
    cover(xs, ys)
    for cx in xs {
      for cy in ys { buckets[index(cx, cy)!].append(item) }
    }
  }

  /// Forgets `item`, stored with `bounds`.
  mutating func remove(_ item: Int, bounds: Rect) {
    let (xs, ys) = range(bounds)
    for cx in xs {
      for cy in ys {
        guard let cell = index(cx, cy), let at = buckets[cell].firstIndex(of: item) else { continue }
        buckets[cell].remove(at: at)
      }
    }
  }

  /// The items whose bounds share a cell with `r` or with the path of `s`, each once.
  mutating func query(_ r: Rect, along s: Segment? = nil) -> [Int] {
    var found = begin()
    let (xs, ys) = range(r)
    for cx in xs {
      for cy in ys { collect(cx, cy, into: &found) }
    }
    if let s { Self.forEachCell(s, size: size) { collect($0, $1, into: &found) } }
    return found
  }

  /// Starts a query: a new epoch, and an empty result.
  private mutating func begin() -> [Int] {
    epoch &+= 1
    if epoch == 0 {
      seen = Array(repeating: 0, count: seen.count)
      epoch = 1
    }
    return []
  }

  /// Adds the items of cell (x, y) not reported yet by this query, in insertion order (so
  /// results depend only on the order of insertion, and are deterministic).
  private mutating func collect(_ x: Int, _ y: Int, into found: inout [Int]) {
    guard let cell = index(x, y) else { return }
    for item in buckets[cell] {
      if item >= seen.count { seen += Array(repeating: 0, count: item + 1 - seen.count) }
      if seen[item] != epoch {
        seen[item] = epoch
        found.append(item)
      }
    }
  }
}
