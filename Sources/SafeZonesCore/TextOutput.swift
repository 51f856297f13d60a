import Foundation

/// Plain-text tables and CSV, shared by every command that lists things.
public enum TextOutput {
  /// Left-aligned columns separated by two spaces; columns named in `rightAligned` are
  /// right-aligned (numbers).
  public static func table(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    var widths = headers.map { width($0) }
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(cell)) }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, cell) in cells.enumerated() {
        let pad = String(repeating: " ", count: max(0, widths[i] - width(cell)))
        parts.append(rightAligned.contains(i) ? pad + cell : (i == cells.count - 1 ? cell : cell + pad))
      }
      // No trailing blanks when the last columns are empty.
      var line = parts.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line
    }
    var out = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
    out += rows.map(line)
    return out.joined(separator: "\n") + "\n"
  }

  /// The columns `text` takes in a terminal: two for a wide (CJK) character, one for any
  /// other, so that tables of Chinese words line up.
  public static func width<S: StringProtocol>(_ text: S) -> Int {
    var columns = 0
    for character in text { columns += isWide(character) ? 2 : 1 }
    return columns
  }

  /// Whether a character takes two columns (East Asian Wide or Fullwidth).
  static func isWide(_ character: Character) -> Bool {
    guard let scalar = character.unicodeScalars.first, scalar.value >= 0x1100 else { return false }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return true
    default: return false
    }
  }

  /// RFC 4180 CSV: fields with commas, quotes or line breaks are quoted. A cell that a
  /// spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
  /// carriage return, and is not a plain number) is prefixed with `'` and quoted, whatever
  /// else it holds.
  public static func csv(headers: [String], rows: [[String]]) -> String {
    func field(_ text: String) -> String {
      if let first = text.unicodeScalars.first, Self.formulaStarts.contains(first), Double(text) == nil {
        return "\"'" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      // Scalars, not characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
      guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return text
      }
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// Wraps text at `width` columns, indenting continuation lines. Words are separated by
  /// spaces; text in a CJK script, which has none, may break between any two of its
  /// characters (not before closing punctuation).
  public static func wrap(_ text: String, width: Int = 88, indent: String = "") -> String {
    var lines: [String] = []
    let indentWidth = Self.width(indent)
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var current = indent
      var currentWidth = indentWidth
      for word in paragraph.split(separator: " ") {
        for (i, piece) in pieces(word).enumerated() {
          let spaced = i == 0 && currentWidth > indentWidth
          let pieceWidth = Self.width(piece)
          if currentWidth > indentWidth && currentWidth + (spaced ? 1 : 0) + pieceWidth > width {
            lines.append(current)
            current = indent
            currentWidth = indentWidth
          }
          if i == 0 && currentWidth > indentWidth {
            current += " "
            currentWidth += 1
          }
          current += piece
          currentWidth += pieceWidth
        }
      }
      lines.append(current)
    }
    return lines.joined(separator: "\n")
  }

  /// A word cut where a line may break: a word with no wide character is one piece; in one
  /// with wide characters, each wide character starts a piece (except closing punctuation,
  /// which stays with what it closes).
  static func pieces(_ word: Substring) -> [Substring] {
    guard word.contains(where: isWide) else { return [word] }
    var out: [Substring] = []
    var start = word.startIndex
    var index = word.startIndex
    var previousWide = false
    while index < word.endIndex {
      let character = word[index]
      let wide = isWide(character)
      if index > start, wide || previousWide, !closing.contains(character) {
        out.append(word[start..<index])
        start = index
      }
      previousWide = wide
      index = word.index(after: index)
    }
    out.append(word[start..<word.endIndex])
    return out
  }

  static let closing: Set<Character> = [
    "，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’", "》", "…", ")", ".", ",", ";", ":",
  ]

  // MARK: - Placements

  /// The placement table's headers, in the language in view.
  static var placementHeaders: [String] {
    [tr("id"), tr("name"), tr("gains"), tr("risk"), tr("quadrant"), tr("notes")]
  }

  /// The table printed by `map`, `assess` and `domains`.
  public static func placementTable(_ placed: [PlacedDomain]) -> String {
    // One report at a time, for its rounded numbers: holding them all cost 4 kB a domain.
    let rows = placed.map { p -> [String] in
      let r = DomainReport(p)
      var notes: [String] = []
      if r.borderline {
        let axes =
          Localization.current == nil
          ? r.borderlineAxes.map(\.rawValue).joined(separator: ", ")
          : Localization.language.list(r.borderlineAxes.map(\.word))
        notes.append(tr("borderline ({axes})", ["axes": .text(axes)]))
      }
      if !r.missing.isEmpty { notes.append(tr("missing {count}", ["count": .text(String(r.missing.count))])) }
      if r.hasRange {
        notes.append(
          tr(
            "range g {gainsLow}–{gainsHigh} r {riskLow}–{riskHigh}",
            [
              "gainsLow": .text(Format.fixed(r.gainsRange[0])), "gainsHigh": .text(Format.fixed(r.gainsRange[1])),
              "riskLow": .text(Format.fixed(r.riskRange[0])), "riskHigh": .text(Format.fixed(r.riskRange[1])),
            ]))
      }
      return [
        r.id, Localization.domainName(id: r.id, english: r.name), Format.fixed(r.gains), Format.fixed(r.risk),
        r.quadrant.label,
        notes.joined(separator: Localization.language.usesCJKScript ? "；" : "; "),
      ]
    }
    return table(headers: placementHeaders, rows: rows, rightAligned: [2, 3])
  }

  /// CSV with one row per domain and one column per criterion score.
  public static func placementCSV(_ placed: [PlacedDomain], rubric: Rubric) -> String {
    let criteria = rubric.criteria.map(\.id)
    let headers =
      [
        "id", "name", "gains", "risk", "quadrant", "borderline", "gains_low", "gains_high", "risk_low", "risk_high",
        "missing", "tags", "assessor", "date",
      ]
      + criteria.map(\.rawValue)
    let rows = placed.map { p -> [String] in
      let r = DomainReport(p)
      return [
        r.id, r.name, Format.number(r.gains, digits: 4), Format.number(r.risk, digits: 4), r.quadrant.rawValue,
        r.borderline ? "true" : "false",
        Format.number(r.gainsRange[0], digits: 4), Format.number(r.gainsRange[1], digits: 4),
        Format.number(r.riskRange[0], digits: 4), Format.number(r.riskRange[1], digits: 4),
        r.missing.map(\.rawValue).joined(separator: ";"), r.tags.joined(separator: ";"), r.assessor ?? "",
        r.date?.description ?? "",
      ] + criteria.map { r.contributions[$0.rawValue]?.score.map { Format.number($0) } ?? "" }
    }
    return csv(headers: headers, rows: rows)
  }
}
