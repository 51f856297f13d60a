/// Attributes of one element, written in the order given.
struct Attributes: ExpressibleByDictionaryLiteral {
  var pairs: [(String, String)]

  init(dictionaryLiteral elements: (String, String)...) { pairs = elements }

  mutating func add(_ name: String, _ value: String) { pairs.append((name, value)) }

  mutating func add(_ name: String, _ value: String?) { if let value { pairs.append((name, value)) } }
}

/// A tiny SVG writer: escapes every text and attribute, writes attributes in a stable order.
struct SVG {
  private(set) var text = ""
  private var depth = 0

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
    text += "\(indent)<\(name)\(attributes(attrs))>\n"
    depth += 1
  }

  mutating func close(_ name: String) {
    depth -= 1
    text += "\(indent)</\(name)>\n"
  }

  mutating func element(_ name: String, _ attrs: Attributes = [:], text content: String? = nil) {
    if let content {
      text += "\(indent)<\(name)\(attributes(attrs))>\(SVG.escape(content))</\(name)>\n"
    } else {
      text += "\(indent)<\(name)\(attributes(attrs))/>\n"
    }
  }

  /// An element whose children are `<tspan>`s, one per line, on one output line.
  mutating func element(_ name: String, _ attrs: Attributes, spans: [(Attributes, String)]) {
    let inner = spans.map { "<tspan\(attributes($0.0))>\(SVG.escape($0.1))</tspan>" }.joined()
    text += "\(indent)<\(name)\(attributes(attrs))>\(inner)</\(name)>\n"
  }
}
