import Foundation

/// Plain-text tables and CSV, shared by every command that lists things.
public enum TextOutput {
  /// Left-aligned columns separated by two spaces; columns named in `rightAligned` are
  /// right-aligned (numbers).
  public static func table(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      var parts: [String] = []
      for (i, cell) in cells.enumerated() {
        let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
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

  /// Wraps text at `width` columns, indenting continuation lines.
  public static func wrap(_ text: String, width: Int = 88, indent: String = "") -> String {
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var current = indent
      for word in paragraph.split(separator: " ") {
        if current.count > indent.count && current.count + 1 + word.count > width {
          lines.append(current)
          current = indent
        }
        current += (current.count > indent.count ? " " : "") + word
      }
      lines.append(current)
    }
    return lines.joined(separator: "\n")
  }

  // MARK: - Placements

  static let placementHeaders = ["id", "name", "gains", "risk", "quadrant", "notes"]

  /// The table printed by `map`, `assess` and `domains`.
  public static func placementTable(_ placed: [PlacedDomain]) -> String {
    // One report at a time, for its rounded numbers: holding them all cost 4 kB a domain.
    let rows = placed.map { p -> [String] in
      let r = DomainReport(p)
      var notes: [String] = []
      if r.borderline { notes.append("borderline (\(r.borderlineAxes.map(\.rawValue).joined(separator: ", ")))") }
      if !r.missing.isEmpty { notes.append("missing \(r.missing.count)") }
      if r.hasRange {
        notes.append(
          "range g \(Format.fixed(r.gainsRange[0]))–\(Format.fixed(r.gainsRange[1])) r \(Format.fixed(r.riskRange[0]))–\(Format.fixed(r.riskRange[1]))"
        )
      }
      return [
        r.id, r.name, Format.fixed(r.gains), Format.fixed(r.risk), r.quadrant.rawValue, notes.joined(separator: "; "),
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
