import Foundation
import SafeZonesCore

/// A small chart of one criterion's Delphi feedback: on the 0–4 scale, this round's
/// panellists as dots (a range as a thin bar through its dot) above the pooled
/// distribution's middle half (box), 90% band (whiskers) and median; the previous round
/// the same way in a muted row beneath; the reader's own value ringed and labelled “you”.
/// About 320 × 90, scaled to its container (`viewBox`, width 100%). Names no one.
public enum DelphiDistributionChart {
  /// One round's row.
  public struct Row: Sendable, Hashable {
    /// `Round 2`.
    public var label: String
    /// `nil` when nobody scored the criterion in that round.
    public var group: GroupDistribution?
    /// The panellists' values, without names.
    public var values: [RoundFeedback.Value]
    /// The reader's own value in that round.
    public var own: RoundFeedback.Value?

    public init(
      label: String, group: GroupDistribution?, values: [RoundFeedback.Value], own: RoundFeedback.Value? = nil
    ) {
      self.label = label
      self.group = group
      self.values = values
      self.own = own
    }
  }

  /// The chart of a feedback item: round `round` against `previousRound` (when the item
  /// has the previous round's values). `id` prefixes the ids inside (unique on the page).
  public static func svg(_ item: RoundFeedback.Item, round: Int, previousRound: Int?, id: String) -> String {
    let current = Row(
      label: tr("Round {round}", ["round": .text(String(round))]), group: item.group, values: item.values,
      own: item.own.map { .init($0.value) })
    let previous = previousRound.map {
      Row(
        label: tr("Round {round}", ["round": .text(String($0))]), group: item.previous, values: item.previousValues,
        own: item.previousOwn.map { .init($0.value) })
    }
    return svg(title: ChartWords.criterion(item.criterion), current: current, previous: previous, id: id)
  }

  /// Renders the chart as an SVG document (no XML declaration, so it can be inlined); the
  /// same values give the same bytes.
  public static func svg(title: String, current: Row, previous: Row?, id: String) -> String {
    let layout = Layout(current: current, previous: previous)
    var s = SVG()
    let n = MapChart.n
    s.open(
      "svg",
      [
        "xmlns": "http://www.w3.org/2000/svg", "version": "1.1",
        "viewBox": "0 0 \(n(Layout.width)) \(n(layout.height))",
        "width": "100%", "role": "img", "class": "delphi-distribution", "aria-label": label(title, current, previous),
        "aria-describedby": "\(id)-desc", "font-family": "Helvetica, Arial, 'Liberation Sans', Arimo, sans-serif",
      ])
    s.element(
      "title", ["id": "\(id)-title"],
      text: previous.map {
        tr(
          "{title}: {round} against {previous}",
          ["title": .text(title), "round": .text(current.label), "previous": .text($0.label)])
      } ?? tr("{title}: {round}", ["title": .text(title), "round": .text(current.label)]))
    s.element("desc", ["id": "\(id)-desc"], text: description(current, previous))
    s.element("rect", ["class": "background", "width": n(Layout.width), "height": n(layout.height), "fill": "#ffffff"])
    drawGrid(&s, layout)
    drawRow(&s, layout.current, current, muted: false)
    if let band = layout.previous, let previous { drawRow(&s, band, previous, muted: true) }
    drawAxis(&s, layout)
    s.close("svg")
    return s.text
  }

  // MARK: - Layout

  /// Colours: this round in Okabe–Ito blue, the previous round in greys, the reader in
  /// vermilion (its darker shade for the label's text).
  enum Ink {
    static let dot = "#0072b2"
    static let box = "#d6e7f4"
    static let mutedDot = "#8c8c8c"
    static let mutedBox = "#eeeeee"
    static let mutedLine = "#767676"
    static let own = "#d55e00"
    static let ownText = "#a1400a"
  }

  struct Layout {
    static let width = 320.0
    static let plotLeft = 62.0
    static let plotRight = 306.0
    static let maxLanes = 4

    /// One row's place: the dots' lanes from `top`, the box beneath.
    struct Band {
      let top: Double
      /// Lane of each value (in `Row.values` order), and which value is the reader's.
      let lanes: [Int]
      let ownIndex: Int?
      let laneCount: Int
      let radius: Double
      /// Dots one above the other clear each other and the reader's ring.
      var laneH: Double { 2 * radius + 3.4 }
      func laneY(_ k: Int) -> Double { top + radius + 1 + Double(k) * laneH }
      var boxTop: Double { top + radius + 1 + Double(laneCount - 1) * laneH + radius + 4 }
      var boxH: Double { radius > 3 ? 10 : 8 }
      var boxMid: Double { boxTop + boxH / 2 }
      var bottom: Double { boxTop + boxH }
    }

    let current: Band
    let previous: Band?
    let axisY: Double
    let height: Double

    init(current: Row, previous: Row?) {
      // Room above the first lane for the “you” label.
      let first = Layout.band(current, top: 15, radius: 3.6)
      self.current = first
      var y = first.bottom + 14
      if let previous {
        let second = Layout.band(previous, top: y, radius: 3)
        self.previous = second
        y = second.bottom + 8
      } else {
        self.previous = nil
      }
      axisY = y
      height = y + 18
    }

    static func x(_ v: Double) -> Double { plotLeft + max(0, min(4, v)) / 4 * (plotRight - plotLeft) }

    /// Lanes so that no two dots or ranges overlap (up to `maxLanes`, then the least
    /// crowded lane): the reader's value first, in the top lane, then the rest by value.
    static func band(_ row: Row, top: Double, radius: Double) -> Band {
      let ownIndex = row.own.flatMap { own in row.values.firstIndex(of: own) }
      var order = Array(row.values.indices)
      if let ownIndex { order = [ownIndex] + order.filter { $0 != ownIndex } }
      var ends: [Double] = []
      var lanes = Array(repeating: 0, count: row.values.count)
      for i in order {
        let v = row.values[i]
        let start = x(v.low) - radius - 1.5
        let end = x(v.high) + radius + 1.5
        if let free = ends.firstIndex(where: { $0 < start }) {
          lanes[i] = free
          ends[free] = end
        } else if ends.count < maxLanes {
          lanes[i] = ends.count
          ends.append(end)
        } else {
          let least = ends.indices.min { ends[$0] < ends[$1] }!
          lanes[i] = least
          ends[least] = max(ends[least], end)
        }
      }
      return Band(top: top, lanes: lanes, ownIndex: ownIndex, laneCount: max(1, ends.count), radius: radius)
    }
  }

  // MARK: - Parts

  /// The levels 0–4 as light vertical lines behind the rows.
  static func drawGrid(_ s: inout SVG, _ layout: Layout) {
    let n = MapChart.n
    s.open("g", ["class": "levels", "stroke": "#e4e4e4", "stroke-width": "1"])
    for level in 0...4 {
      let x = Layout.x(Double(level))
      s.element("line", ["x1": n(x), "y1": n(layout.current.top - 4), "x2": n(x), "y2": n(layout.axisY)])
    }
    s.close("g")
  }

  static func drawRow(_ s: inout SVG, _ band: Layout.Band, _ row: Row, muted: Bool) {
    let n = MapChart.n
    let x = Layout.x
    let dot = muted ? Ink.mutedDot : Ink.dot
    s.open("g", ["class": muted ? "round previous" : "round current"])
    // The row's name and how many judged.
    s.element(
      "text",
      [
        "class": "row-label", "x": "4", "y": n(band.boxMid - 1), "font-size": "11",
        "font-weight": muted ? "normal" : "bold", "fill": muted ? Palette.muted : Palette.ink,
      ], text: row.label)
    s.element(
      "text", ["class": "row-n", "x": "4", "y": n(band.boxMid + 10), "font-size": "9.5", "fill": Palette.muted],
      text: "n = \(row.group?.n ?? row.values.count)")
    if let g = row.group {
      let (boxTop, boxH, mid) = (band.boxTop, band.boxH, band.boxMid)
      let line = muted ? Ink.mutedLine : Palette.ink
      s.open("g", ["class": "group"])
      s.element(
        "line",
        [
          "class": "band90", "x1": n(x(g.p05)), "y1": n(mid), "x2": n(x(g.p95)), "y2": n(mid), "stroke": line,
          "stroke-width": "1",
        ])
      for end in [g.p05, g.p95] {
        s.element(
          "line",
          ["x1": n(x(end)), "y1": n(mid - 3), "x2": n(x(end)), "y2": n(mid + 3), "stroke": line, "stroke-width": "1"])
      }
      s.element(
        "rect",
        [
          "class": "middle-half", "x": n(x(g.p25)), "y": n(boxTop), "width": n(max(1, x(g.p75) - x(g.p25))),
          "height": n(boxH), "fill": muted ? Ink.mutedBox : Ink.box, "stroke": muted ? Ink.mutedLine : Ink.dot,
          "stroke-width": "1",
        ])
      s.element(
        "line",
        [
          "class": "median", "x1": n(x(g.median)), "y1": n(boxTop - 1), "x2": n(x(g.median)),
          "y2": n(boxTop + boxH + 1), "stroke": line, "stroke-width": "2.5",
        ])
      s.close("g")
    } else {
      s.element(
        "text",
        [
          "class": "empty", "x": n(Layout.plotLeft + 4), "y": n(band.boxMid + 3), "font-size": "10",
          "fill": Palette.muted,
        ], text: tr("not scored in this round"))
    }
    s.open("g", ["class": "values", "fill": dot])
    for (i, v) in row.values.enumerated() {
      let cy = band.laneY(band.lanes[i])
      s.open("g", ["class": "value"])
      s.element("title", text: valueText(v))
      if v.isRange {
        s.element(
          "line",
          [
            "x1": n(x(v.low)), "y1": n(cy), "x2": n(x(v.high)), "y2": n(cy), "stroke": dot, "stroke-width": "1.5",
            "stroke-linecap": "round",
          ])
      }
      s.element("circle", ["cx": n(x(v.likely)), "cy": n(cy), "r": n(band.radius)])
      s.close("g")
    }
    s.close("g")
    if let i = band.ownIndex {
      let v = row.values[i]
      let cy = band.laneY(band.lanes[i])
      s.open("g", ["class": "own"])
      s.element(
        "circle",
        [
          "cx": n(x(v.likely)), "cy": n(cy), "r": n(band.radius + 2.2), "fill": "none",
          "stroke": muted ? Ink.ownText : Ink.own, "stroke-width": muted ? "1.2" : "2",
        ])
      if !muted {
        s.element(
          "text",
          [
            "x": n(min(Layout.plotRight - 6, max(Layout.plotLeft + 6, x(v.likely)))), "y": n(cy - band.radius - 5),
            "font-size": "10", "font-weight": "bold", "fill": Ink.ownText, "text-anchor": "middle",
          ], text: tr("you"))
      }
      s.close("g")
    }
    s.close("g")
  }

  /// The 0–4 scale under the rows.
  static func drawAxis(_ s: inout SVG, _ layout: Layout) {
    let n = MapChart.n
    let y = layout.axisY
    s.open("g", ["class": "axis", "font-size": "10", "fill": Palette.muted, "text-anchor": "middle"])
    s.element(
      "line",
      [
        "x1": n(Layout.plotLeft), "y1": n(y), "x2": n(Layout.plotRight), "y2": n(y), "stroke": Palette.frame,
        "stroke-width": "1",
      ])
    for level in 0...4 {
      let x = Layout.x(Double(level))
      s.element("line", ["x1": n(x), "y1": n(y), "x2": n(x), "y2": n(y + 3), "stroke": Palette.frame])
      s.element("text", ["x": n(x), "y": n(y + 13)], text: String(level))
    }
    s.close("g")
  }

  // MARK: - Words

  static func number(_ v: Double) -> String { Format.number(v, digits: 2) }

  /// `2.5 (range 2–3)`, or `2`.
  static func valueText(_ v: RoundFeedback.Value) -> String {
    v.isRange
      ? tr(
        "{likely} (range {low}–{high})",
        ["likely": .text(number(v.likely)), "low": .text(number(v.low)), "high": .text(number(v.high))])
      : number(v.likely)
  }

  static func groupText(_ row: Row) -> String {
    guard let g = row.group else { return tr("{round}: not scored", ["round": .text(row.label)]) }
    let args: [String: LocalizationArgument] = [
      "round": .text(row.label), "count": .text(String(g.n)), "median": .text(number(g.median)),
      "p25": .text(number(g.p25)), "p75": .text(number(g.p75)),
    ]
    return g.n == 1
      ? tr("{round}: {count} panellist, median {median}, middle half {p25}–{p75}", args)
      : tr("{round}: {count} panellists, median {median}, middle half {p25}–{p75}", args)
  }

  /// The accessible name: the numbers of each row and the reader's own value.
  static func label(_ title: String, _ current: Row, _ previous: Row?) -> String {
    var parts = [title, groupText(current)]
    if let previous { parts.append(groupText(previous)) }
    if let own = current.own { parts.append(tr("Yours: {value}", ["value": .text(valueText(own))])) }
    return tr("{sentences}.", ["sentences": .text(parts.joined(separator: tr(". ")))])
  }

  /// The longer description: every value, and how to read the marks.
  static func description(_ current: Row, _ previous: Row?) -> String {
    var d = tr("Scale 0 to 4. Each dot is one panellist's most likely value, a bar through it their range. ")
    d += tr(
      "{round} values: {values}.",
      ["round": .text(current.label), "values": .text(current.values.map(valueText).joined(separator: "; "))])
    if let previous {
      d +=
        previous.values.isEmpty
        ? tr(" {round}: nobody scored it.", ["round": .text(previous.label)])
        : tr(
          " {round} values: {values}.",
          ["round": .text(previous.label), "values": .text(previous.values.map(valueText).joined(separator: "; "))])
    }
    if let own = current.own { d += tr(" Yours is ringed: {value}.", ["value": .text(valueText(own))]) }
    if let previous, let own = previous.own {
      d += tr(
        " Yours in {round}: {value}.", ["round": .text(previous.label.lowercased()), "value": .text(valueText(own))])
    }
    d += tr(
      " The box spans the middle half of the pooled distribution, the whiskers its 90% band, the thick line its median."
    )
    return d
  }
}
