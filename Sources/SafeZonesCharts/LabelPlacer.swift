import Foundation

/// A label put on the map: either the domain's name or, when the name cannot be placed
/// without overlapping, the domain's number in the key.
struct PlacedLabel: Hashable, Sendable {
  enum Kind: Hashable, Sendable { case name, number }

  var kind: Kind
  /// The space the label occupies (text plus a small padding).
  var box: Rect
  /// A thin line from the marker to a label that sits away from its point.
  var leader: Segment?
  /// Which side of the point the label is on horizontally: -1 left (text right-aligned),
  /// 0 centred, 1 right (text left-aligned).
  var side: Int
}

/// Greedy label placement around point markers.
///
/// Every point offers candidate boxes: eight directions hugging its marker, then rings
/// further out (sixteen directions each) joined to the point by a leader line. Points are
/// taken most-constrained first: fewest free positions next to the marker, then most
/// neighbours; the free counts are kept up to date as labels land. Each point takes its
/// cheapest valid candidate, where every ring further out adds to the cost.
///
/// A box is valid when it stays inside the bounds and covers no marker, no placed label,
/// no fixed obstacle and no leader of a name. A name's leader must also cross no marker and
/// no label. The cost prefers the right-hand side; avoids whiskers and threshold lines,
/// leaders crossing leaders, labels nearer another point than their own, and taking the
/// free positions of points still to come.
///
/// A point whose name finds no place near it gets its number instead (searched on finer
/// rings, further out; its leader may cross other marks, at a cost, so that even the
/// densest cluster is numbered). If even a number finds no place, the whole placement is
/// run again with that point and its neighbours numbered first.
struct LabelPlacer {
  struct Input {
    /// Point positions.
    var anchors: [Point]
    /// Half the marker's extent per point (a circle's radius).
    var radii: [Double]
    /// Size of the name label per point.
    var nameSizes: [(w: Double, h: Double)]
    /// Size reserved for a number label per point.
    var numberSizes: [(w: Double, h: Double)]
    /// Labels must lie inside.
    var bounds: Rect
    /// Fixed areas no label may cover (quadrant names).
    var obstacles: [Rect]
    /// Lines labels should avoid, with the cost of covering each.
    var soft: [(segment: Segment, cost: Double)]
    /// Distance between rings, in user units.
    var ringStep: Double
    var nameRings = 4
    var numberRings = 12
  }

  struct Candidate {
    var box: Rect
    var leader: Segment?
    var preference: Double
    var side: Int
  }

  let input: Input
  let markers: [Rect]

  init(_ input: Input) {
    self.input = input
    markers = zip(input.anchors, input.radii).map { p, r in Rect(center: p, w: 2 * r + 2, h: 2 * r + 2) }
  }

  /// A direction around a point: its unit vector, and the same vector stretched onto the
  /// unit square (so that diagonal boxes clear a square marker's corners).
  private struct Direction {
    var ux: Double
    var uy: Double

    init(degrees: Double) {
      let t = degrees * Double.pi / 180
      var c = cos(t)
      var s = sin(t)
      if abs(c) < 1e-9 { c = 0 }
      if abs(s) < 1e-9 { s = 0 }
      let m = max(abs(c), abs(s))
      ux = c / m
      uy = s / m
    }
  }

  /// Ring 0 directions, in order of preference (degrees, y down: right, left, up-right…).
  private static let near = [0.0, 180, -45, 45, -135, 135, -90, 90].map(Direction.init(degrees:))
  /// Directions of the outer rings, in order of preference.
  private static let far = [
    0.0, 180, -22.5, 22.5, -157.5, 157.5, -45, 45, -135, 135, -67.5, 67.5, -112.5, 112.5, -90, 90,
  ].map(Direction.init(degrees:))

  /// The candidate boxes of size `size` around point `i` on `ring`.
  func candidates(_ i: Int, size: (w: Double, h: Double), ring: Int, step: Double) -> [Candidate] {
    let p = input.anchors[i]
    let r = input.radii[i]
    let gap = 2.5
    let d = r + gap + Double(ring) * step
    return (ring == 0 ? Self.near : Self.far).enumerated().map { k, dir in
      let a = Point(x: p.x + d * dir.ux, y: p.y + d * dir.uy)
      let box = Rect(center: Point(x: a.x + dir.ux * size.w / 2, y: a.y + dir.uy * size.h / 2), w: size.w, h: size.h)
      var leader: Segment? = nil
      if ring > 0 {
        let end = box.nearestPoint(to: p)
        let dx = end.x - p.x
        let dy = end.y - p.y
        let len = (dx * dx + dy * dy).squareRoot()
        if len > r + gap + 3 {
          leader = Segment(a: Point(x: p.x + dx / len * (r + 1), y: p.y + dy / len * (r + 1)), b: end)
        }
      }
      let side = dir.ux > 0.01 ? 1 : (dir.ux < -0.01 ? -1 : 0)
      return Candidate(box: box, leader: leader, preference: Double(k) * 0.25, side: side)
    }
  }

  /// Distance from `p` to the nearest point of `r`.
  private func distance(_ p: Point, _ r: Rect) -> Double {
    let q = r.nearestPoint(to: p)
    return ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
  }

  /// Places every point's label; `nil` where neither name nor number found a place.
  func place() -> [PlacedLabel?] {
    let n = input.anchors.count
    var forced = Set<Int>()
    var result: [PlacedLabel?] = []
    for _ in 0..<4 {
      result = run(forced: forced)
      let failed = (0..<n).filter { result[$0] == nil }
      if failed.isEmpty { break }
      // Number the names crowding the failed points, and place those first; stop when
      // that frees nothing new.
      var more = Set<Int>()
      for f in failed {
        let reach = Rect(center: input.anchors[f], w: 8 * input.ringStep, h: 8 * input.ringStep)
        for j in 0..<n
        where result[j]?.kind == .name && (reach.intersects(result[j]!.box) || reach.contains(input.anchors[j])) {
          more.insert(j)
        }
      }
      if more.isEmpty { break }
      forced.formUnion(more)
      forced.formUnion(failed)
    }
    return result
  }

  /// One greedy pass; points in `forced` get numbers, before all others.
  private func run(forced: Set<Int>) -> [PlacedLabel?] {
    let n = input.anchors.count
    let cell = max(24, input.ringStep * 2)
    var markerGrid = SpatialGrid(cellSize: cell)
    // Points drawn on the same spot share one marker as an obstacle.
    var seen = Set<Rect>()
    for (i, m) in markers.enumerated() where seen.insert(m).inserted { markerGrid.insert(i, bounds: m) }
    func isOwn(_ j: Int, _ owner: Int) -> Bool { markers[j] == markers[owner] }
    var obstacleGrid = SpatialGrid(cellSize: cell)
    for (i, o) in input.obstacles.enumerated() { obstacleGrid.insert(i, bounds: o) }
    var softGrid = SpatialGrid(cellSize: cell)
    for (i, s) in input.soft.enumerated() { softGrid.insert(i, bounds: s.segment.bounds) }

    // Placed boxes and leaders.
    var labels: [Rect] = []
    var labelGrid = SpatialGrid(cellSize: cell)
    var leaders: [Segment] = []
    var leaderOfName: [Bool] = []
    var leaderGrid = SpatialGrid(cellSize: cell)

    // The ring-0 name candidates of every point, to measure how constrained each point is.
    let perPoint = Self.near.count
    var near: [Candidate] = []
    near.reserveCapacity(n * perPoint)
    for i in 0..<n { near += candidates(i, size: input.nameSizes[i], ring: 0, step: input.ringStep) }
    var nearGrid = SpatialGrid(cellSize: cell)
    var nearValid = [Bool](repeating: false, count: near.count)
    var free = [Int](repeating: 0, count: n)

    func blockedStatically(_ box: Rect) -> Bool {
      if !input.bounds.contains(box) { return true }
      for j in markerGrid.query(box) where markers[j].intersects(box) { return true }
      for j in obstacleGrid.query(box) where input.obstacles[j].intersects(box) { return true }
      return false
    }

    for (c, cand) in near.enumerated() where !blockedStatically(cand.box) {
      nearGrid.insert(c, bounds: cand.box)
      nearValid[c] = true
      free[c / perPoint] += 1
    }

    // Crowding: other points within a label's reach.
    var neighbours = [Int](repeating: 0, count: n)
    var pointGrid = SpatialGrid(cellSize: cell)
    for i in 0..<n { pointGrid.insert(i, bounds: Rect(center: input.anchors[i], w: 0, h: 0)) }
    for i in 0..<n {
      let reach = Rect(center: input.anchors[i], w: 2 * input.nameSizes[i].w + 20, h: 3 * input.nameSizes[i].h + 20)
      neighbours[i] = pointGrid.query(reach).filter { $0 != i && reach.contains(input.anchors[$0]) }.count
    }

    var done = [Bool](repeating: false, count: n)
    var result = [PlacedLabel?](repeating: nil, count: n)

    func isValid(_ cand: Candidate, owner: Int, strictLeader: Bool) -> Bool {
      if blockedStatically(cand.box) { return false }
      for j in labelGrid.query(cand.box) where labels[j].intersects(cand.box) { return false }
      for j in leaderGrid.query(cand.box) where (strictLeader || leaderOfName[j]) && leaders[j].intersects(cand.box) {
        return false
      }
      if let l = cand.leader {
        for j in obstacleGrid.query(segment: l) where l.intersects(input.obstacles[j]) { return false }
        if strictLeader {
          for j in markerGrid.query(segment: l) where !isOwn(j, owner) && l.intersects(markers[j]) { return false }
          for j in labelGrid.query(segment: l) where l.intersects(labels[j]) { return false }
        }
      }
      return true
    }

    /// The candidate's cost, or `nil` as soon as it reaches `limit`.
    func cost(_ cand: Candidate, owner: Int, base: Double, limit: Double) -> Double? {
      var total = base + cand.preference
      for j in softGrid.query(cand.box) where input.soft[j].segment.intersects(cand.box) { total += input.soft[j].cost }
      for j in leaderGrid.query(cand.box) where leaders[j].intersects(cand.box) { total += 3 }
      if let l = cand.leader {
        for j in leaderGrid.query(segment: l) where leaders[j].crosses(l) { total += 4 }
        for j in markerGrid.query(segment: l) where !isOwn(j, owner) && l.intersects(markers[j]) { total += 3 }
        for j in labelGrid.query(segment: l) where l.intersects(labels[j]) { total += 3 }
        total += l.length * 0.002
      }
      // Ambiguity: a label without a leader should sit nearer its own point than any other.
      if cand.leader == nil {
        let own = input.anchors[owner]
        let mine = distance(own, cand.box)
        for j in markerGrid.query(cand.box.insetBy(-(mine + 1))) where !isOwn(j, owner) {
          let other = input.anchors[j]
          if abs(other.x - own.x) + abs(other.y - own.y) > 1 && distance(other, cand.box) < mine + 1 { total += 2 }
        }
      }
      if total >= limit { return nil }
      // Harm: free positions of points still waiting that this candidate would take.
      for c in nearGrid.query(cand.box, along: cand.leader) {
        let j = c / perPoint
        guard j != owner, !done[j], nearValid[c] else { continue }
        let other = near[c].box
        if other.intersects(cand.box) || (cand.leader?.intersects(other) ?? false) {
          total += free[j] <= 1 ? 1.5 : 0.6
          if total >= limit { return nil }
        }
      }
      return total
    }

    /// The cheapest valid candidate over the rings, where each ring further out costs
    /// `ringCost`. With `strictLeader` (names), the leader may cross no marker or label and
    /// the box may cover no leader; numbers may do both, at a cost, so that even the
    /// densest cluster can be numbered.
    func best(
      _ i: Int, size: (w: Double, h: Double), rings: Int, step: Double, strictLeader: Bool, ringCost: Double
    ) -> (ring: Int, candidate: Candidate)? {
      var chosen: (cost: Double, ring: Int, candidate: Candidate)? = nil
      for ring in 0...rings {
        if let chosen, Double(ring) * ringCost >= chosen.cost { break }
        for cand in candidates(i, size: size, ring: ring, step: step)
        where isValid(cand, owner: i, strictLeader: strictLeader) {
          if let c = cost(cand, owner: i, base: Double(ring) * ringCost, limit: chosen?.cost ?? .infinity) {
            chosen = (c, ring, cand)
          }
        }
      }
      return chosen.map { ($0.ring, $0.candidate) }
    }

    func commit(_ i: Int, _ cand: Candidate, kind: PlacedLabel.Kind) {
      labels.append(cand.box)
      labelGrid.insert(labels.count - 1, bounds: cand.box)
      if let l = cand.leader {
        leaders.append(l)
        leaderOfName.append(kind == .name)
        leaderGrid.insert(leaders.count - 1, segment: l)
      }
      result[i] = PlacedLabel(kind: kind, box: cand.box, leader: cand.leader, side: cand.side)
      for c in nearGrid.query(cand.box, along: cand.leader) where nearValid[c] {
        let other = near[c].box
        if other.intersects(cand.box) || (cand.leader?.intersects(other) ?? false) {
          nearValid[c] = false
          nearGrid.remove(c, bounds: other)
          free[c / perPoint] -= 1
        }
      }
    }

    let forcedOrder = forced.sorted()
    var forcedNext = 0
    for _ in 0..<n {
      var pick = -1
      while forcedNext < forcedOrder.count && done[forcedOrder[forcedNext]] { forcedNext += 1 }
      if forcedNext < forcedOrder.count {
        pick = forcedOrder[forcedNext]
      } else {
        for i in 0..<n where !done[i] {
          if pick < 0 || free[i] < free[pick] || (free[i] == free[pick] && neighbours[i] > neighbours[pick]) {
            pick = i
          }
        }
      }
      done[pick] = true
      for c in pick * perPoint..<(pick + 1) * perPoint where nearValid[c] {
        nearValid[c] = false
        nearGrid.remove(c, bounds: near[c].box)
      }
      // The name when it sits next to the point or one ring out. Further out, an adjacent
      // number is better: a name pulled far from a crowded point takes the space its
      // neighbours need. Numbers are small, so they search finer rings (half steps).
      let name =
        forced.contains(pick)
        ? nil
        : best(
          pick, size: input.nameSizes[pick], rings: input.nameRings, step: input.ringStep, strictLeader: true,
          ringCost: 4)
      var number: (ring: Int, candidate: Candidate)? = nil
      if name == nil || name!.ring >= 2 {
        let rings = name.map { 2 * ($0.ring - 2) } ?? 2 * input.numberRings
        number = best(
          pick, size: input.numberSizes[pick], rings: rings, step: input.ringStep / 2, strictLeader: false,
          ringCost: 0.75)
      }
      if let number {
        commit(pick, number.candidate, kind: .number)
      } else if let name {
        commit(pick, name.candidate, kind: .name)
      }
    }
    return result
  }
}
