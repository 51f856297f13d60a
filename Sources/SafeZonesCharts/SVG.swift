/// Attributes of one element, written in the order given.
struct Attributes: ExpressibleByDictionaryLiteral {
  var pairs: [(String, String)]

  init(dictionaryLiteral elements: (String, String)...) { pairs = elements }

  mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }

  mutating func add(_ name: String, _ value: String?) { if let value { pairs.append((name, value)) } }
}

/// A tiny SVG writer: escapes every text and attribute, writes attributes in a stable order.
struct SVG {
  /// The markup written so far.
  private var markup = ""
  private var depth = 0

  /// The document: the markup, naming fonts with CJK coverage when its text needs them
  /// (``ChartFont/adapted(_:)``; a document without East Asian text is the markup as is).
  var text: String { ChartFont.adapted(markup) }

  /// XML-escapes `s`; drops the characters XML 1.0 cannot hold at all (most C0 controls).
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for u in s.unicodeScalars {
      switch u {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(u)
      default:
        if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
        out.unicodeScalars.append(u)
      }
    }
    return out
  }

  private func attributes(_ attrs: Attributes) -> String {
    attrs.pairs.map { " \($0.0)=\"\(SVG.escape($0.1))\"" }.joined()
  }

  private var indent: String { String(repeating: "  ", count: depth) }

  mutating func open(_ name: String, _ attrs: Attributes = [:]) {
    markup += "\(indent)<\(name)\(attributes(attrs))>\n"
    depth += 1
  }

  /// Markup written as is: a whole SVG made by this writer, nested in another.
  mutating func raw(_ markup: String) {
    self.markup += markup.hasSuffix("\n") ? markup : markup + "\n"
  }

  mutating func close(_ name: String) {
    depth -= 1
    markup += "\(indent)</\(name)>\n"
  }

  mutating func element(_ name: String, _ attrs: Attributes = [:], text content: String? = nil) {
    if let content {
      markup += "\(indent)<\(name)\(attributes(attrs))>\(SVG.escape(content))</\(name)>\n"
    } else {
      markup += "\(indent)<\(name)\(attributes(attrs))/>\n"
    }
  }

  /// An element whose children are `<tspan>`s, one per line, on one output line.
  mutating func element(_ name: String, _ attrs: Attributes, spans: [(Attributes, String)]) {
    let inner = spans.map { "<tspan\(attributes($0.0))>\(SVG.escape($0.1))</tspan>" }.joined()
    markup += "\(indent)<\(name)\(attributes(attrs))>\(inner)</\(name)>\n"
  }
}

extension SVG {
  /// Opens an interactive chart (the map, the link graph): the root element named by its
  /// title and description, the hover and focus style of its domains, a white background.
  /// `id` prefixes the ids, so that charts can share an HTML page. `language`, the BCP 47
  /// tag of a chart not in English, becomes its `lang` (so that readers and browsers choose
  /// the right voice and glyphs).
  mutating func openInteractiveChart(
    id: String, width: Double, height: Double, title: String, description: String, language: String? = nil
  ) {
    let (w, h) = (MapChart.n(width), MapChart.n(height))
    var attrs: Attributes = [
      "xmlns": "http://www.w3.org/2000/svg", "version": "1.1", "viewBox": "0 0 \(w) \(h)", "width": w,
      "height": h, "role": "group", "aria-labelledby": "\(id)-title \(id)-desc",
      "font-family": "Helvetica, Arial, 'Liberation Sans', Arimo, sans-serif",
    ]
    if let language {
      attrs.add("lang", language)
      attrs.add("xml:lang", language)
    }
    open("svg", attrs)
    element("title", ["id": "\(id)-title"], text: title)
    element("desc", ["id": "\(id)-desc"], text: description)
    element(
      "style",
      text: ".domain:hover .marker, .domain:focus .marker { stroke: #000000; stroke-width: 2.5px; } "
        + ".domain:focus .label, .domain:hover .label { font-weight: bold; } .domain:focus { outline: none; }")
    element("rect", ["class": "background", "width": w, "height": h, "fill": "#ffffff"])
  }

  /// The title and subtitle above an interactive chart.
  mutating func header(title: TextLine, subtitle: TextLine) {
    open("g", ["class": "header"])
    text(title, class: "title", fill: Palette.ink)
    text(subtitle, class: "subtitle", fill: Palette.muted)
    close("g")
  }

  /// One laid-out line of text.
  mutating func text(_ line: TextLine, class cls: String? = nil, fill: String) {
    var a: Attributes = [:]
    a.add("class", cls)
    a.add("x", MapChart.n(line.x))
    a.add("y", MapChart.n(line.y))
    a.add("font-size", MapChart.n(line.size))
    if line.bold { a.add("font-weight", "bold") }
    if line.anchor != .start { a.add("text-anchor", line.anchor.rawValue) }
    a.add("fill", fill)
    element("text", a, text: line.text)
  }
}

/// Percent-encoding of one URL component (a path segment or a query value).
public enum PercentEncoding {
  /// `s` with every byte outside the URL-unreserved set percent-encoded.
  public static func component(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(b))
      default:
        out += String(format: "%%%02X", b)
      }
    }
    return out
  }
}
