import Foundation

/// A plural category of the Unicode CLDR: which form of a message a number takes. English
/// uses `one` and `other`; Chinese uses `other` only.
public enum PluralCategory: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case zero, one, two, few, many, other

  public static func < (lhs: PluralCategory, rhs: PluralCategory) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The operands that CLDR plural rules read from a number as it is shown: `1` and `1.0`
/// can take different forms, so the rules look at the digits displayed, not the value.
public struct PluralOperands: Sendable, Hashable {
  /// The absolute value.
  public var n: Double
  /// The integer digits of the absolute value.
  public var i: Int
  /// How many fraction digits are shown (trailing zeros included).
  public var v: Int
  /// The fraction digits shown, as an integer (trailing zeros included).
  public var f: Int
  /// The fraction digits shown, without trailing zeros.
  public var t: Int

  /// The operands of a whole number.
  public init(_ value: Int) {
    n = Double(value.magnitude)
    i = value == .min ? .max : abs(value)
    v = 0
    f = 0
    t = 0
  }

  /// The operands of a number as shown (`1`, `-2.50`, `1,234.5`), or `nil` when `text` is
  /// not a number. Grouping separators (`,`, spaces) are ignored; `.` separates the fraction.
  public init?(_ text: String) {
    var digits = text.filter { $0 != "," && $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" }[...]
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    let fraction = parts.count == 2 ? parts[1] : ""
    guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
    guard let n = Double(String(digits)) else { return nil }
    self.n = n
    i = Int(whole.suffix(18)) ?? 0
    v = fraction.count
    f = Int(fraction.prefix(18)) ?? 0
    var trimmed = fraction
    while trimmed.last == "0" { trimmed = trimmed.dropLast() }
    t = Int(trimmed.prefix(18)) ?? 0
  }
}

// MARK: - Plural rules

extension Language {
  /// The plural forms a message of this language needs (CLDR cardinal rules), `other`
  /// last: English `one`, `other`; Chinese `other`.
  public var pluralCategories: [PluralCategory] {
    switch self {
    case .english: return [.one, .other]
    case .simplifiedChinese: return [.other]
    }
  }

  /// The plural category of a number as shown (CLDR cardinal rules).
  public func pluralCategory(_ operands: PluralOperands) -> PluralCategory {
    switch self {
    case .english: return operands.i == 1 && operands.v == 0 ? .one : .other
    case .simplifiedChinese: return .other
    }
  }

  /// The plural category of a whole number.
  public func pluralCategory(for count: Int) -> PluralCategory { pluralCategory(PluralOperands(count)) }
}

// MARK: - Numbers, percentages, dates, lists

extension Language {
  /// The character between the integer and the fraction (`.` in English and Chinese).
  public var decimalSeparator: String {
    switch self {
    case .english, .simplifiedChinese: return "."
    }
  }

  /// The character between groups of three digits (`,` in English and Chinese).
  public var groupingSeparator: String {
    switch self {
    case .english, .simplifiedChinese: return ","
    }
  }

  /// A number with up to `digits` decimals, no trailing zeros and grouped thousands, as
  /// the language writes it: `1,234.5`. The digits are exactly those of
  /// `Format.number(_:digits:)`; only the separators change.
  public func format(_ value: Double, digits: Int = 3) -> String {
    localizedDigits(Format.number(value, digits: digits))
  }

  /// A whole number with grouped thousands: `12,345`.
  public func format(_ value: Int) -> String { localizedDigits(String(value)) }

  /// A share as a percentage with up to `digits` decimals: `0.456` is `46%`.
  public func formatPercent(_ fraction: Double, digits: Int = 0) -> String {
    switch self {
    case .english, .simplifiedChinese: return format(fraction * 100, digits: digits) + "%"
    }
  }

  /// A calendar day written out: `13 March 2026`, `2026年3月13日`.
  public func format(_ day: Day) -> String {
    switch self {
    case .english: return "\(day.day) \(Self.englishMonths[day.month - 1]) \(day.year)"
    case .simplifiedChinese: return "\(day.year)年\(day.month)月\(day.day)日"
    }
  }

  /// What separates the items of a list in running text (`, ` and `、`).
  public var listSeparator: String {
    switch self {
    case .english: return ", "
    case .simplifiedChinese: return "、"
    }
  }

  /// What separates two sentences (a space in English; nothing in Chinese, whose full stop
  /// takes a whole em).
  public var sentenceSeparator: String {
    switch self {
    case .english: return " "
    case .simplifiedChinese: return ""
    }
  }

  /// The items joined with ``listSeparator``: `US-CN, EU-CN`.
  public func list(_ items: [String]) -> String { items.joined(separator: listSeparator) }

  static let englishMonths = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  /// `-1234.5` written with this language's separators and grouping.
  func localizedDigits(_ plain: String) -> String {
    var text = plain[...]
    var sign = ""
    if text.first == "-" {
      sign = "-"
      text = text.dropFirst()
    }
    let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return plain }
    var grouped = ""
    for (k, ch) in whole.enumerated() {
      if k > 0 && (whole.count - k) % 3 == 0 { grouped += groupingSeparator }
      grouped.append(ch)
    }
    return sign + grouped + (parts.count == 2 ? decimalSeparator + parts[1] : "")
  }
}
