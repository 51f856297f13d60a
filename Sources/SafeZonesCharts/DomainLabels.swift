import Foundation

/// A line of text with its baseline position and anchor.
struct TextLine: Hashable, Sendable {
  enum Anchor: String, Sendable { case start, middle, end }
  var text: String
  var x: Double
  var y: Double
  var size: Double
  var bold = false
  var anchor = Anchor.start
}

/// The labels of domains, as the map and the link graph both show them: each domain's name
/// beside its marker (at most two lines), or, where the name finds no room, a number that
/// the key explains; a leader line joins a label set away from its marker. The layouts
/// measure names and numbers here and place them with `LabelPlacer`; the charts draw them
/// with `SVG.leader` and `SVG.domainLabel`.
enum DomainLabels {
  /// The white outline behind text drawn over lines and markers.
  static let halo: Attributes = [
    "stroke": "#ffffff", "stroke-width": "3", "stroke-linejoin": "round", "paint-order": "stroke",
  ]

  /// Baseline-to-baseline distance of a name's lines.
  static func lineHeight(_ size: Double) -> Double { size * 1.15 }

  /// A domain's name broken into at most two lines of `maxWidth`.
  static func nameLines(label: String, id: String, size: Double, bold: Bool, maxWidth: Double) -> [String] {
    TextMetrics.wrap(displayName(label: label, id: id), size: size, bold: bold, maxWidth: maxWidth, maxLines: 2)
  }

  /// The box a name's lines need.
  static func nameSize(_ lines: [String], size: Double, bold: Bool) -> (w: Double, h: Double) {
    let w = lines.map { TextMetrics.width($0, size: size, bold: bold) }.max() ?? 0
    return (w: w.rounded(.up) + 4, h: Double(lines.count) * lineHeight(size) + 2)
  }

  /// The box a number needs when up to `count` domains are numbered.
  static func numberSize(count: Int, size: Double) -> (w: Double, h: Double) {
    (w: Double(String(max(count, 1)).count) * 0.556 * size + 3, h: size * 1.05 + 1)
  }

  /// The name a chart shows for a domain: its cleaned label, or its cleaned id when the
  /// label is blank (one rule for the map, the graph and their keys).
  static func displayName(label: String, id: String) -> String {
    let name = clean(label)
    return name.isEmpty ? clean(id) : name
  }

  /// Normalises a name for display: whitespace runs become single spaces, control
  /// characters are dropped.
  static func clean(_ s: String) -> String {
    var out = ""
    var space = false
    for u in s.unicodeScalars {
      if u.properties.isWhitespace {
        space = true
        continue
      }
      if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
      if space && !out.isEmpty { out += " " }
      space = false
      out.unicodeScalars.append(u)
    }
    return out
  }

  /// Compares names case-insensitively, with runs of digits compared as numbers
  /// ("domain 2" before "domain 10"), so that a key of numbered domains reads as an index.
  /// Returns -1, 0 or 1.
  static func naturalOrder(_ a: String, _ b: String) -> Int {
    func chunks(_ s: String) -> [(digits: Bool, text: String)] {
      var out: [(Bool, String)] = []
      for ch in s.lowercased() {
        let d = ch.isASCII && ch.isNumber
        if let last = out.last, last.0 == d { out[out.count - 1].1.append(ch) } else { out.append((d, String(ch))) }
      }
      return out
    }
    let ca = chunks(a)
    let cb = chunks(b)
    for (x, y) in zip(ca, cb) {
      if x.digits && y.digits {
        let tx = String(x.text.drop { $0 == "0" })
        let ty = String(y.text.drop { $0 == "0" })
        if tx.count != ty.count { return tx.count < ty.count ? -1 : 1 }
        if tx != ty { return tx < ty ? -1 : 1 }
      } else if x.text != y.text {
        return x.text < y.text ? -1 : 1
      }
    }
    if ca.count != cb.count { return ca.count < cb.count ? -1 : 1 }
    return a == b ? 0 : (a < b ? -1 : 1)
  }
}

extension SVG {
  /// The leader from a label set away from its marker, if it has one.
  mutating func leader(_ label: PlacedLabel, width: String) {
    guard let leader = label.leader else { return }
    element(
      "line",
      [
        "class": "leader", "x1": MapChart.n(leader.a.x), "y1": MapChart.n(leader.a.y), "x2": MapChart.n(leader.b.x),
        "y2": MapChart.n(leader.b.y), "stroke": Palette.leader, "stroke-width": width,
      ])
  }

  /// A domain's label: its name's lines (`size`, bold for the user's domains) on the side of
  /// the marker the placement chose, or its number (`numberSize`) centred in its box.
  mutating func domainLabel(
    _ label: PlacedLabel, lines: [String], number: Int?, size: Double, numberSize: Double, bold: Bool
  ) {
    let n = MapChart.n
    switch label.kind {
    case .name:
      let anchor = label.side > 0 ? "start" : (label.side < 0 ? "end" : "middle")
      let x = label.side > 0 ? label.box.x + 2 : (label.side < 0 ? label.box.maxX - 2 : label.box.midX)
      var attrs: Attributes = ["class": "label", "font-size": n(size), "fill": Palette.ink, "text-anchor": anchor]
      if bold { attrs.add("font-weight", "bold") }
      attrs.pairs += DomainLabels.halo.pairs
      let lineHeight = DomainLabels.lineHeight(size)
      let spans = lines.enumerated().map { k, line -> (Attributes, String) in
        (["x": n(x), "y": n(label.box.y + 1 + size * 0.85 + Double(k) * lineHeight)], line)
      }
      element("text", attrs, spans: spans)
    case .number:
      var attrs: Attributes = [
        "class": "label number", "x": n(label.box.midX), "y": n(label.box.y + 1 + numberSize * 0.85),
        "font-size": n(numberSize), "font-weight": "bold", "fill": Palette.ink, "text-anchor": "middle",
      ]
      attrs.pairs += DomainLabels.halo.pairs
      element("text", attrs, text: number.map(String.init) ?? "")
    }
  }
}
