import Foundation
import SafeZonesCore

/// The legend beside the map or the link graph: a framed box headed "Legend", one entry per
/// symbol, each entry's text wrapped beside its symbol. Each chart has its own symbols and
/// draws them; the box, the title and the text are laid out and written here.
struct ChartLegend<Symbol: Sendable>: Sendable {
  struct Entry: Sendable {
    var symbol: Symbol
    /// Centre of the symbol.
    var at: Point
    var lines: [TextLine]
  }

  var box = Rect(x: 0, y: 0, w: 0, h: 0)
  var title = TextLine(text: "Legend", x: 0, y: 0, size: 14, bold: true)
  var entries: [Entry] = []

  /// Lays out a legend from the top down, entry by entry.
  struct Builder {
    static var textSize: Double { 13 }
    let x: Double
    let top: Double
    let width: Double
    /// Where the entries' text starts, from the box's left edge; symbols are centred at
    /// `symbolX`.
    let textIndent: Double
    let symbolX: Double
    private var y: Double
    private var legend = ChartLegend()

    /// `title` heads the box ("Legend" in the language in view, or the map's
    /// `chart.legend-title`).
    init(x: Double, top: Double, width: Double, textIndent: Double, symbolX: Double, title: String = tr("Legend")) {
      self.x = x
      self.top = top
      self.width = width
      self.textIndent = textIndent
      self.symbolX = symbolX
      y = top + 12
      legend.title = TextLine(text: title, x: x + 12, y: y + 14, size: 14, bold: true)
      y += 30
    }

    /// An entry: the symbol, and its text in up to three lines.
    mutating func add(_ symbol: Symbol, _ text: String) {
      let size = Self.textSize
      let wrapped = TextMetrics.wrap(text, size: size, maxWidth: width - textIndent - 10, maxLines: 3)
      let lineH = size * 1.25
      let lines = wrapped.enumerated().map { k, line in
        TextLine(text: line, x: x + textIndent, y: y + size * 0.9 + Double(k) * lineH, size: size)
      }
      legend.entries.append(Entry(symbol: symbol, at: Point(x: x + symbolX, y: y + size * 0.55), lines: lines))
      y += Double(wrapped.count) * lineH + 8
    }

    /// Space between groups of entries.
    mutating func gap(_ space: Double) { y += space }

    /// The legend, its box closed below the last entry.
    func finish() -> ChartLegend {
      var legend = self.legend
      legend.box = Rect(x: x, y: top, w: width, h: y + 4 - top)
      return legend
    }
  }
}

/// The key to numbered domains: a title, then for each number the domain's name.
struct ChartKey: Sendable {
  struct Entry: Sendable {
    var number: Int
    /// The index of the point or node.
    var index: Int
    var numberText: TextLine
    var nameText: TextLine
  }

  var title: TextLine
  var entries: [Entry]
}

extension SVG {
  /// The legend's box, its title, and each entry: its symbol (drawn by `symbol`) and text.
  mutating func legend<Symbol>(_ legend: ChartLegend<Symbol>, symbol: (inout SVG, Symbol, Point) -> Void) {
    let n = MapChart.n
    let box = legend.box
    open("g", ["class": "legend"])
    element(
      "rect",
      [
        "x": n(box.x), "y": n(box.y), "width": n(box.w), "height": n(box.h), "rx": "4", "fill": "#ffffff",
        "stroke": "#cccccc", "stroke-width": "1",
      ])
    text(legend.title, class: "legend-title", fill: Palette.ink)
    for entry in legend.entries {
      open("g", ["class": "legend-entry"])
      symbol(&self, entry.symbol, entry.at)
      for line in entry.lines { text(line, fill: Palette.ink) }
      close("g")
    }
    close("g")
  }

  /// The key: each entry names its domain (`data-id`) and, with `dataKey`, its number.
  mutating func key(_ key: ChartKey, ids: (Int) -> String, dataKey: Bool) {
    open("g", ["class": "key"])
    text(key.title, class: "key-title", fill: Palette.ink)
    for entry in key.entries {
      var attrs: Attributes = ["class": "key-entry", "data-id": ids(entry.index)]
      if dataKey { attrs.add("data-key", String(entry.number)) }
      open("g", attrs)
      text(entry.numberText, fill: Palette.ink)
      text(entry.nameText, fill: Palette.ink)
      close("g")
    }
    close("g")
  }
}
