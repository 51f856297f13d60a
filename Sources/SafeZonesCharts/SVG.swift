/// A tiny SVG writer: escapes every text and attribute, writes attributes in a stable order.
struct SVG {
  private(set) var text = ""
  private var depth = 0

  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  private func attributes(_ attrs: KeyValuePairs<String, String>) -> String {
    attrs.map { " \($0.key)=\"\(SVG.escape($0.value))\"" }.joined()
  }

  private var indent: String { String(repeating: "  ", count: depth) }

  mutating func open(_ name: String, _ attrs: KeyValuePairs<String, String> = [:]) {
    text += "\(indent)<\(name)\(attributes(attrs))>\n"
    depth += 1
  }

  mutating func close(_ name: String) {
    depth -= 1
    text += "\(indent)</\(name)>\n"
  }

  mutating func element(_ name: String, _ attrs: KeyValuePairs<String, String> = [:], text content: String? = nil) {
    if let content {
      text += "\(indent)<\(name)\(attributes(attrs))>\(SVG.escape(content))</\(name)>\n"
    } else {
      text += "\(indent)<\(name)\(attributes(attrs))/>\n"
    }
  }
}
