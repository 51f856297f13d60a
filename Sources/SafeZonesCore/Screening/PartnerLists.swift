import Foundation

/// A named organisation on a partner list (an organisation's own, or a published list of
/// research organisations of concern), with the other names it goes by.
public struct ListedOrganisation: Sendable, Hashable, Codable {
  public var name: String
  public var aliases: [String]
  public var country: String?

  public init(name: String, aliases: [String] = [], country: String? = nil) {
    self.name = name
    self.aliases = aliases
    self.country = country
  }
}

/// A list of organisations, as imported: its name, source and date, and the entries.
public struct PartnerList: Sendable, Hashable, Codable {
  public var name: String
  public var source: String
  /// The list's own date (when it was published or last changed).
  public var date: String
  public var entries: [ListedOrganisation]
  /// The digest of the imported file, so that re-review can tell a changed list from the
  /// same list imported again.
  public var digest: String

  public init(name: String, source: String, date: String, entries: [ListedOrganisation], digest: String) {
    self.name = name
    self.source = source
    self.date = date
    self.entries = entries
    self.digest = digest
  }

  /// What a decision records as the list's version: its date and the start of its digest.
  public var version: String { "\(date) \(digest.prefix(12))" }

  /// Reads lists from CSV with the header `name,aliases,country,list,source,date` (aliases
  /// separated by `;`; RFC 4180 quoting). Rows are grouped by `list`; every row of a list
  /// must give the same source and date. Problems name the line and column.
  public static func parseCSV(_ text: String, file: String, digest: String) throws(InputError) -> [PartnerList] {
    let rows = CSVRows.parse(text)
    guard let header = rows.first else {
      throw InputError(InputIssue(file: file, message: tr("the file is empty; the first line names the columns")))
    }
    let wanted = ["name", "aliases", "country", "list", "source", "date"]
    let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    var index: [String: Int] = [:]
    for (i, c) in columns.enumerated() { index[c] = i }
    let missing = wanted.filter { index[$0] == nil }
    if !missing.isEmpty {
      let columns: [String: LocalizationArgument] = [
        "columns": .text(missing.joined(separator: ", ")), "header": .text(wanted.joined(separator: ",")),
      ]
      throw InputError(
        InputIssue(
          file: file, line: header.line,
          message: missing.count == 1
            ? tr("missing column {columns} (the header is {header})", columns)
            : tr("missing columns {columns} (the header is {header})", columns)))
    }
    var issues: [InputIssue] = []
    var lists: [String: PartnerList] = [:]
    var order: [String] = []
    for row in rows.dropFirst() {
      if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
      func field(_ name: String) -> String {
        let i = index[name]!
        return i < row.fields.count ? row.fields[i].trimmingCharacters(in: .whitespacesAndNewlines) : ""
      }
      let name = field("name")
      let list = field("list")
      for (column, value) in [("name", name), ("list", list), ("source", field("source")), ("date", field("date"))]
      where value.isEmpty {
        issues.append(InputIssue(file: file, line: row.line, key: column, message: tr("must not be empty")))
      }
      guard !name.isEmpty, !list.isEmpty else { continue }
      let aliases = field("aliases").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty }
      let country = field("country").isEmpty ? nil : field("country").uppercased()
      if var existing = lists[list] {
        if existing.source != field("source") || existing.date != field("date") {
          issues.append(
            InputIssue(
              file: file, line: row.line, key: "source",
              message: tr(
                "list '{list}' was given source '{source}' and date '{date}' on an earlier line",
                ["list": .text(list), "source": .text(existing.source), "date": .text(existing.date)])))
        }
        existing.entries.append(ListedOrganisation(name: name, aliases: aliases, country: country))
        lists[list] = existing
      } else {
        order.append(list)
        lists[list] = PartnerList(
          name: list, source: field("source"), date: field("date"),
          entries: [ListedOrganisation(name: name, aliases: aliases, country: country)], digest: digest)
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    if order.isEmpty { throw InputError(InputIssue(file: file, message: tr("the file lists no organisation"))) }
    return order.map { lists[$0]! }
  }
}

/// How a proposal's partner compares with the listed organisations.
public struct PartnerMatch: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable {
    /// The same name once case, accents, punctuation and word order are set aside.
    case match
    /// Close but not the same: a reviewer should look.
    case nearMiss = "near-miss"
  }

  public var list: String
  /// The listed organisation's name.
  public var organisation: String
  /// The name or alias that matched.
  public var matchedName: String
  public var kind: Kind
  /// 1 for a match; the similarity (0…1) for a near miss.
  public var similarity: Double
  /// The listed country, when it differs from the partner's.
  public var countryDiffers: Bool

  enum CodingKeys: String, CodingKey {
    case list, organisation, kind, similarity
    case matchedName = "matched_name"
    case countryDiffers = "country_differs"
  }
}

/// One partner of a proposal with what the lists say about it: a separate finding, never
/// part of the placement (the essay's logic is about the work).
public struct PartnerFinding: Sendable, Hashable, Codable {
  public var name: String
  public var country: String?
  /// Best first; empty when no list names the partner.
  public var matches: [PartnerMatch]
}

/// Matching partner names against lists, tolerant of case, accents, punctuation and word
/// order; near misses are reported as such.
public enum PartnerMatcher {
  /// A near miss needs at least this similarity.
  public static let nearMissThreshold = 0.8

  /// The name's words: folded, punctuation dropped, sorted (word order does not count).
  public static func words(_ name: String) -> [String] {
    let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
      .lowercased().replacingOccurrences(of: "&", with: " and ")
    var words: [String] = []
    var current = ""
    for ch in folded.unicodeScalars {
      if CharacterSet.alphanumerics.contains(ch) {
        current.unicodeScalars.append(ch)
      } else if ch == "'" || ch == "’" || ch == "." {
        continue  // "St. John's" → "st johns"
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words.sorted()
  }

  /// Similarity 0…1 of two names: 1 when their words are the same, otherwise the edit
  /// similarity of their sorted words, so that a typo or a missing short word still comes close.
  public static func similarity(_ a: String, _ b: String) -> Double {
    let wa = words(a)
    let wb = words(b)
    if wa.isEmpty || wb.isEmpty { return 0 }
    if wa == wb { return 1 }
    let sa = Array(wa.joined(separator: " "))
    let sb = Array(wb.joined(separator: " "))
    let distance = TextDistance.levenshtein(sa, sb)
    return 1 - Double(distance) / Double(max(sa.count, sb.count))
  }

  /// What `lists` say about each partner.
  public static func findings(_ partners: [Proposal.Partner], lists: [PartnerList]) -> [PartnerFinding] {
    partners.map { partner in
      var matches: [PartnerMatch] = []
      for list in lists {
        for org in list.entries {
          var best: (name: String, score: Double)?
          for candidate in [org.name] + org.aliases {
            let s = similarity(partner.name, candidate)
            if s > (best?.score ?? 0) { best = (candidate, s) }
          }
          guard let best, best.score >= nearMissThreshold else { continue }
          let differs = partner.country != nil && org.country != nil && partner.country?.uppercased() != org.country
          matches.append(
            PartnerMatch(
              list: list.name, organisation: org.name, matchedName: best.name,
              kind: best.score == 1 ? .match : .nearMiss, similarity: Format.rounded(best.score),
              countryDiffers: differs))
        }
      }
      matches.sort { ($0.similarity, $1.list, $1.organisation) > ($1.similarity, $0.list, $0.organisation) }
      return PartnerFinding(name: partner.name, country: partner.country, matches: matches)
    }
  }
}

/// RFC 4180 rows with the line each starts on.
public enum CSVRows {
  public struct Row: Sendable {
    public var line: Int
    public var fields: [String]
  }

  public static func parse(_ text: String) -> [Row] {
    var rows: [Row] = []
    var fields: [String] = []
    var field = ""
    var quoted = false
    var line = 1
    var rowLine = 1
    var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            field.append("\"")
            i += 1
          } else {
            quoted = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.append(c)
        }
      } else if c == "\"" && field.isEmpty {
        quoted = true
      } else if c == "," {
        fields.append(field)
        field = ""
      } else if c == "\n" {
        fields.append(field)
        rows.append(Row(line: rowLine, fields: fields))
        fields = []
        field = ""
        line += 1
        rowLine = line
      } else {
        field.append(c)
      }
      i += 1
    }
    if !field.isEmpty || !fields.isEmpty {
      fields.append(field)
      rows.append(Row(line: rowLine, fields: fields))
    }
    return rows
  }
}
