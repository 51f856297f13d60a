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
    default: return isWide(scalar) ? 1000 : (bold ? 611 : 556)
    }
  }

  /// Whether `scalar` is set a full em wide: the East Asian wide and fullwidth characters
  /// (CJK ideographs and punctuation, kana, Hangul, fullwidth forms) and emoji.
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
      0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
      return true
    default:
      return false
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
  /// Text with wide characters (Chinese, Japanese) may also break between them (see
  /// ``breakUnits(_:)``).
  static func wrap(_ text: String, size: Double, bold: Bool = false, maxWidth: Double, maxLines: Int) -> [String] {
    if text.unicodeScalars.contains(where: isWide) {
      return wrap(units: breakUnits(text), size: size, bold: bold, maxWidth: maxWidth, maxLines: maxLines)
    }
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

  // MARK: - East Asian text

  /// A piece of text that a line may end after, and whether a space separates it from the
  /// piece before.
  struct BreakUnit: Equatable {
    var text: String
    var spaceBefore: Bool
  }

  /// Punctuation that never begins a line (it stays with the character before it).
  static let noBreakBefore: Set<Character> = [
    "，", "。", "、", "：", "；", "！", "？", "）", "」", "』", "》", "〉", "】", "〕", "”", "’", "…", "％", "·", "—",
    ",", ".", ":", ";", "!", "?", ")", "]", "%",
  ]
  /// Punctuation that never ends a line (it stays with the character after it).
  static let noBreakAfter: Set<Character> = ["（", "「", "『", "《", "〈", "【", "〔", "“", "‘", "(", "["]

  /// `text` cut where a line may end: at spaces (which are dropped), and before and after
  /// each wide character, except before closing punctuation and after opening punctuation.
  static func breakUnits(_ text: String) -> [BreakUnit] {
    var units: [BreakUnit] = []
    var current = ""
    var spaceBefore = false
    var pendingSpace = false
    func isWide(_ ch: Character) -> Bool { ch.unicodeScalars.first.map(Self.isWide) ?? false }
    for ch in text {
      if ch.isWhitespace {
        if !current.isEmpty {
          units.append(BreakUnit(text: current, spaceBefore: spaceBefore))
          current = ""
        }
        pendingSpace = true
        continue
      }
      if let last = current.last, !pendingSpace, isWide(ch) || isWide(last),
        !noBreakBefore.contains(ch), !noBreakAfter.contains(last)
      {
        units.append(BreakUnit(text: current, spaceBefore: spaceBefore))
        current = ""
      }
      if current.isEmpty {
        spaceBefore = pendingSpace && !units.isEmpty
      }
      pendingSpace = false
      current.append(ch)
    }
    if !current.isEmpty { units.append(BreakUnit(text: current, spaceBefore: spaceBefore)) }
    return units
  }

  /// Whether a line ending before `units[k]` ends at a space or after punctuation, rather
  /// than inside a word.
  static func isCleanBreak(_ units: [BreakUnit], at k: Int) -> Bool {
    units[k].spaceBefore || units[k - 1].text.last.map { noBreakBefore.contains($0) } == true
  }

  /// The units joined back into text.
  static func join(_ units: ArraySlice<BreakUnit>) -> String {
    var out = ""
    for (k, unit) in units.enumerated() {
      if k > 0 && unit.spaceBefore { out += " " }
      out += unit.text
    }
    return out
  }

  /// ``wrap(_:size:bold:maxWidth:maxLines:)`` over break units: the same rules (two lines
  /// balanced, more filled greedily, the last truncated) with breaks inside words allowed.
  static func wrap(units: [BreakUnit], size: Double, bold: Bool, maxWidth: Double, maxLines: Int) -> [String] {
    if units.isEmpty { return [""] }
    let whole = join(units[...])
    if width(whole, size: size, bold: bold) <= maxWidth || maxLines <= 1 {
      return [truncate(whole, size: size, bold: bold, maxWidth: maxWidth)]
    }
    if maxLines == 2 && units.count > 1 {
      var best: (Double, [String])? = nil
      for k in 1..<units.count {
        let a = join(units[..<k])
        let b = join(units[k...])
        let wa = width(a, size: size, bold: bold)
        let wb = width(b, size: size, bold: bold)
        guard wa <= maxWidth else { break }
        // A break at a space or after punctuation reads better than one inside a word
        // (日|期): it wins unless the lines it makes are longer by more than an em.
        let score = max(wa, wb) + (wb > maxWidth ? 10_000 : 0) + (isCleanBreak(units, at: k) ? 0 : size)
        if best == nil || score < best!.0 { best = (score, [a, b]) }
      }
      if let best {
        return [best.1[0], truncate(best.1[1], size: size, bold: bold, maxWidth: maxWidth)]
      }
    }
    var lines: [String] = []
    var start = 0
    var index = 0
    while index < units.count {
      let candidate = join(units[start...index])
      if width(candidate, size: size, bold: bold) <= maxWidth || index == start {
        index += 1
      } else {
        // Back up to a break at a space or after punctuation when the line keeps at least
        // 60% of the width; otherwise break between the last two characters that fit.
        if let clean = (start + 1..<index).reversed().first(where: { isCleanBreak(units, at: $0) }),
          width(join(units[start..<clean]), size: size, bold: bold) >= 0.6 * maxWidth
        {
          index = clean
        }
        lines.append(join(units[start..<index]))
        start = index
        if lines.count == maxLines - 1 {
          index = units.count
        }
      }
    }
    if start < units.count { lines.append(join(units[start...])) }
    return lines.map { truncate($0, size: size, bold: bold, maxWidth: maxWidth) }
  }
}
