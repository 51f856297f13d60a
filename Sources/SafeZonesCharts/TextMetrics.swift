/// Text width estimates from Helvetica's advance widths (Arial and Liberation Sans share
/// them), in thousandths of the font size. Used to size label boxes without a font engine.
enum TextMetrics {
  /// Helvetica advance widths for U+0020 through U+007E.
  private static let regular: [UInt16] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // space ! " # $ % & ' ( ) * + , - . /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0-9 : ; < = > ?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @ A-O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P-Z [ \ ] ^ _
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // ` a-o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,  // p-z { | } ~
  ]

  /// Helvetica-Bold advance widths for U+0020 through U+007E.
  private static let bold: [UInt16] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
  ]

  /// Width of one character in thousandths of an em.
  static func advance(_ scalar: Unicode.Scalar, bold: Bool) -> Double {
    let v = scalar.value
    if v >= 0x20 && v <= 0x7E { return Double((bold ? self.bold : regular)[Int(v - 0x20)]) }
    switch v {
    case 0x2026, 0x2014: return 1000  // … —
    case 0x2013, 0x2192: return bold ? 556 : 556  // – →
    case 0x00B7, 0x2022: return 350  // · •
    case 0x00B1: return 584  // ±
    case 0x0300...0x036F, 0x200B...0x200F: return 0  // combining marks, zero-width
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0x1F300...0x1FAFF, 0x20000...0x3FFFD:
      return 1000  // wide scripts and emoji
    default: return bold ? 611 : 556
    }
  }

  /// Estimated width of `text` set in `size` user units.
  static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
    var total = 0.0
    for s in text.unicodeScalars { total += advance(s, bold: bold) }
    return total * size / 1000
  }

  /// `text` cut to fit `maxWidth`, ending with an ellipsis when cut.
  static func truncate(_ text: String, size: Double, bold: Bool = false, maxWidth: Double) -> String {
    if width(text, size: size, bold: bold) <= maxWidth { return text }
    let ellipsis = advance("\u{2026}", bold: bold) * size / 1000
    var out = ""
    var used = 0.0
    for ch in text {
      let w = width(String(ch), size: size, bold: bold)
      if used + w + ellipsis > maxWidth { break }
      out.append(ch)
      used += w
    }
    while out.last == " " { out.removeLast() }
    return out + "\u{2026}"
  }

  /// `text` broken at spaces into at most `maxLines` lines of at most `maxWidth`; the last
  /// line is truncated with an ellipsis when the text does not fit.
  static func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double, maxLines: Int) -> [String] {
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    if words.isEmpty { return [""] }
    if width(text, size: size, bold: bold) <= maxWidth || maxLines <= 1 {
      return [truncate(words.joined(separator: " "), size: size, bold: bold, maxWidth: maxWidth)]
    }
    // Two lines: choose the break that balances the line widths best.
    if maxLines == 2 && words.count > 1 {
      var best: (Double, [String])? = nil
      for k in 1..<words.count {
        let a = words[..<k].joined(separator: " ")
        let b = words[k...].joined(separator: " ")
        let wa = width(a, size: size, bold: bold)
        let wb = width(b, size: size, bold: bold)
        guard wa <= maxWidth else { break }
        let score = max(wa, wb) + (wb > maxWidth ? 10_000 : 0)
        if best == nil || score < best!.0 { best = (score, [a, b]) }
      }
      if let best {
        return [best.1[0], truncate(best.1[1], size: size, bold: bold, maxWidth: maxWidth)]
      }
    }
    var lines: [String] = []
    var current = ""
    var index = 0
    while index < words.count {
      let candidate = current.isEmpty ? words[index] : current + " " + words[index]
      if width(candidate, size: size, bold: bold) <= maxWidth || current.isEmpty {
        current = candidate
        index += 1
      } else {
        lines.append(current)
        current = ""
        if lines.count == maxLines - 1 {
          current = words[index...].joined(separator: " ")
          index = words.count
        }
      }
    }
    lines.append(current)
    return lines.map { truncate($0, size: size, bold: bold, maxWidth: maxWidth) }
  }
}
