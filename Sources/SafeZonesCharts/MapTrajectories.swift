import Foundation
import SafeZonesCore

/// A domain's earlier placements, drawn on the map as arrows ending at the point shown.
public struct MapTrajectory: Sendable, Hashable {
  public struct Step: Sendable, Hashable {
    public var gains: Double
    public var risk: Double
    public var quadrant: Quadrant
    /// `YYYY-MM-DD`.
    public var date: String

    public init(gains: Double, risk: Double, quadrant: Quadrant, date: String) {
      self.gains = gains
      self.risk = risk
      self.quadrant = quadrant
      self.date = date
    }
  }

  /// What joins the steps: dates (a domain's placements over time) or country pairs (the
  /// same domain judged for other pairs, each step's `date` holding the pair's name).
  public enum Kind: String, Sendable, Hashable { case time, pairs }

  public var id: String
  public var label: String
  /// Oldest first; the last step is the placement shown by the domain's point.
  public var steps: [Step]
  public var kind: Kind

  public init(id: String, label: String, steps: [Step], kind: Kind = .time) {
    self.id = id
    self.label = label
    self.steps = steps
    self.kind = kind
  }

  /// The trajectory of a domain up to `day` (all of it with no day): a step per
  /// assessment of its timeline, where a judgement that left the domain where it was
  /// (`AssessmentDiff.samePosition`) adds no step — there is nothing to draw for it, while
  /// every move, on the same day or not, is drawn. `nil` when the domain never moved.
  public init?(_ trajectory: Trajectory, through day: Day? = nil) {
    var steps: [TrajectoryPoint] = []
    for p in trajectory.points(through: day) {
      if let last = steps.last,
        AssessmentDiff.samePosition(
          (last.gains, last.risk, last.quadrant), (p.gains, p.risk, p.quadrant))
      {
        continue
      }
      steps.append(p)
    }
    guard steps.count >= 2 else { return nil }
    self.init(
      id: trajectory.id, label: trajectory.name,
      steps: steps.map { Step(gains: $0.gains, risk: $0.risk, quadrant: $0.quadrant, date: $0.date.description) })
  }
}

extension MapChart {
  /// The map with a trajectories layer: for each trajectory, hollow dated dots at the
  /// earlier placements and arrows from each to the next, ending at the domain's point.
  /// With no trajectories this is exactly `svg(_:options:)`.
  public static func svg(_ points: [MapPoint], options: MapOptions, trajectories: [MapTrajectory]) -> String {
    render(MapLayout(points, options: options, trajectories: trajectories))
  }

  static func drawTrajectories(_ s: inout SVG, _ layout: MapLayout) {
    s.open("g", ["class": "trajectories", "fill": "none", "stroke-linecap": "round"])
    for path in layout.trajectories {
      s.open("g", ["class": "trajectory", "data-id": path.id])
      s.element("title", text: path.tooltip)
      for seg in path.segments {
        let ink = Palette.ink(seg.quadrant)
        let l = seg.line
        s.element(
          "line",
          [
            "class": "trajectory-step", "x1": n(l.a.x), "y1": n(l.a.y), "x2": n(l.b.x), "y2": n(l.b.y), "stroke": ink,
            "stroke-width": "1.8", "stroke-opacity": "0.9",
          ])
        s.element("path", ["class": "arrowhead", "d": arrowhead(l), "fill": ink, "stroke": "none"])
      }
      for dot in path.dots {
        s.element(
          "circle",
          [
            "class": "trajectory-dot", "cx": n(dot.at.x), "cy": n(dot.at.y), "r": n(TrajectoryGeometry.dotRadius),
            "fill": "#ffffff", "stroke": Palette.ink(dot.step.quadrant), "stroke-width": "1.8",
            "data-date": dot.step.date,
          ])
      }
      s.close("g")
    }
    for line in layout.trajectoryLabels {
      var a: Attributes = [
        "class": "trajectory-date", "x": n(line.x), "y": n(line.y), "font-size": n(line.size), "fill": Palette.muted,
        "text-anchor": line.anchor.rawValue,
      ]
      a.pairs += DomainLabels.halo.pairs
      s.element("text", a, text: line.text)
    }
    s.close("g")
  }

  /// A filled triangle with its tip at the end of `l`.
  static func arrowhead(_ l: Segment, length: Double = 8, halfWidth: Double = 3.5) -> String {
    let dx = l.b.x - l.a.x
    let dy = l.b.y - l.a.y
    let len = max((dx * dx + dy * dy).squareRoot(), 1e-9)
    let ux = dx / len
    let uy = dy / len
    let bx = l.b.x - ux * length
    let by = l.b.y - uy * length
    return
      "M\(n(l.b.x)) \(n(l.b.y))L\(n(bx - uy * halfWidth)) \(n(by + ux * halfWidth))L\(n(bx + uy * halfWidth)) \(n(by - ux * halfWidth))Z"
  }

  static func trajectoryLegendSymbol(_ s: inout SVG, at a: Point) {
    let l = Segment(a: Point(x: a.x - 8, y: a.y), b: Point(x: a.x + 14, y: a.y))
    s.element(
      "line",
      ["x1": n(l.a.x), "y1": n(l.a.y), "x2": n(l.b.x), "y2": n(l.b.y), "stroke": Palette.muted, "stroke-width": "1.8"])
    s.element("path", ["d": arrowhead(l), "fill": Palette.muted])
    s.element(
      "circle",
      [
        "cx": n(a.x - 12), "cy": n(a.y), "r": n(TrajectoryGeometry.dotRadius), "fill": "#ffffff",
        "stroke": Palette.muted, "stroke-width": "1.8",
      ])
  }
}

/// Where a trajectory is drawn.
struct TrajectoryGeometry: Sendable {
  struct Dot: Sendable {
    var at: Point
    var step: MapTrajectory.Step
  }

  struct Step: Sendable {
    /// From the edge of one marker to the edge of the next (the arrow's tip).
    var line: Segment
    /// The quadrant the step arrives in (its colour).
    var quadrant: Quadrant
  }

  static let dotRadius = 3.5

  var id: String
  var tooltip: String
  var kind: MapTrajectory.Kind = .time
  /// The earlier placements (every step but the last).
  var dots: [Dot]
  var segments: [Step]

  var dotBoxes: [Rect] { dots.map { Rect(center: $0.at, w: 2 * Self.dotRadius + 2, h: 2 * Self.dotRadius + 2) } }

  static func make(
    _ trajectories: [MapTrajectory], data: Rect, pointRadius: Double, text: MapText = .english
  ) -> [TrajectoryGeometry] {
    func at(_ s: MapTrajectory.Step) -> Point {
      Point(x: data.x + MapLayout.clamp(s.gains) * data.w, y: data.maxY - MapLayout.clamp(s.risk) * data.h)
    }
    return trajectories.compactMap { t in
      guard t.steps.count >= 2 else { return nil }
      var dots: [Dot] = []
      var segments: [Step] = []
      for (k, step) in t.steps.enumerated() {
        let p = at(step)
        if k < t.steps.count - 1 { dots.append(Dot(at: p, step: step)) }
        guard k > 0 else { continue }
        let q = at(t.steps[k - 1])
        let dx = p.x - q.x
        let dy = p.y - q.y
        let len = (dx * dx + dy * dy).squareRoot()
        let endGap = (k == t.steps.count - 1 ? pointRadius : dotRadius) + 1.5
        let startGap = dotRadius + 1
        // Too short to draw an arrow between the two markers: the move is shown by the dot.
        guard len > startGap + endGap + 6 else { continue }
        let ux = dx / len
        let uy = dy / len
        segments.append(
          Step(
            line: Segment(
              a: Point(x: q.x + ux * startGap, y: q.y + uy * startGap),
              b: Point(x: p.x - ux * endGap, y: p.y - uy * endGap)),
            quadrant: step.quadrant))
      }
      let tip = t.steps.map {
        text.text(
          "map.trajectory.step",
          [
            "date": .text($0.date), "gains": .text(Format.fixed($0.gains)), "risk": .text(Format.fixed($0.risk)),
            "quadrant": .text(text.quadrantName($0.quadrant)),
          ])
      }
      let tooltip = text.text(
        t.kind == .pairs ? "map.trajectory.across-pairs" : "map.trajectory.over-time",
        ["name": .text(DomainLabels.clean(t.label)), "steps": .text(tip.joined(separator: " → "))])
      return TrajectoryGeometry(id: t.id, tooltip: tooltip, kind: t.kind, dots: dots, segments: segments)
    }
  }

  /// A short date beside each earlier placement (the year, or year and month when a
  /// trajectory has two placements in one year), where it covers nothing else.
  static func dateLabels(_ paths: [TrajectoryGeometry], avoiding fixed: [Rect], bounds: Rect) -> [TextLine] {
    let size = 10.0
    var taken = fixed + paths.flatMap(\.dotBoxes)
    var out: [TextLine] = []
    for path in paths {
      let years = path.dots.map { String($0.step.date.prefix(4)) }
      for dot in path.dots {
        let year = String(dot.step.date.prefix(4))
        let text =
          path.kind == .pairs
          ? dot.step.date : years.filter { $0 == year }.count > 1 ? String(dot.step.date.prefix(7)) : year
        let w = TextMetrics.width(text, size: size) + 2
        let h = size + 2
        let r = dotRadius + 2
        let candidates: [(Rect, TextLine.Anchor)] = [
          (Rect(x: dot.at.x + r, y: dot.at.y - h / 2, w: w, h: h), .start),
          (Rect(x: dot.at.x - r - w, y: dot.at.y - h / 2, w: w, h: h), .end),
          (Rect(x: dot.at.x - w / 2, y: dot.at.y - r - h, w: w, h: h), .middle),
          (Rect(x: dot.at.x - w / 2, y: dot.at.y + r, w: w, h: h), .middle),
        ]
        // The dot's own box is not an obstacle to its label.
        let own = Rect(center: dot.at, w: 2 * dotRadius + 2, h: 2 * dotRadius + 2)
        for (box, anchor) in candidates where bounds.contains(box) {
          if taken.contains(where: { $0 != own && $0.intersects(box) }) { continue }
          if path.segments.contains(where: { $0.line.intersects(box) }) { continue }
          taken.append(box)
          let x = anchor == .start ? box.x + 1 : (anchor == .end ? box.maxX - 1 : box.midX)
          out.append(TextLine(text: text, x: x, y: box.y + 1 + size * 0.85, size: size, anchor: anchor))
          break
        }
      }
    }
    return out
  }
}
