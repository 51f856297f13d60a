/// A value for a message's placeholder, formatted by the language of the message that
/// shows it.
public enum LocalizationArgument: Sendable, Hashable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral
{
  /// Text shown as given (a name, an id, a number already formatted).
  case text(String)
  /// A whole number, with grouped thousands (`1,234`).
  case integer(Int)
  /// A number with up to `digits` decimals, no trailing zeros, grouped thousands.
  case number(Double, digits: Int)
  /// A share shown as a percentage with up to `digits` decimals (`0.456` → `46%`).
  case percent(Double, digits: Int)
  /// A calendar day written out (`13 March 2026`, `2026年3月13日`).
  case day(Day)
  /// Items joined by the language's list separator (`US-CN, EU-CN`, `US-CN、EU-CN`).
  case list([String])

  public init(stringLiteral value: String) { self = .text(value) }
  public init(stringInterpolation: DefaultStringInterpolation) {
    self = .text(String(stringInterpolation: stringInterpolation))
  }
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(floatLiteral value: Double) { self = .number(value, digits: 3) }

  /// The argument as `language` writes it.
  public func formatted(in language: Language) -> String {
    switch self {
    case .text(let text): return text
    case .integer(let value): return language.format(value)
    case .number(let value, let digits): return language.format(value, digits: digits)
    case .percent(let value, let digits): return language.formatPercent(value, digits: digits)
    case .day(let day): return language.format(day)
    case .list(let items): return language.list(items)
    }
  }
}

/// A message as shown, with the language it is actually in.
///
/// When the language asked for lacks the key, the English text is shown and
/// ``isFallback`` is `true`, so that a page can mark it (`lang="en"` and a note); when no
/// catalogue has the key, the key itself is shown and ``isMissing`` is `true`. The text is
/// never blank.
public struct LocalizedText: Sendable, Hashable, CustomStringConvertible {
  public var text: String
  /// The language of ``text``: the one asked for, or English after a fallback.
  public var language: Language
  /// The language asked for lacked the message; ``text`` is the English one.
  public var isFallback: Bool
  /// No catalogue had the message; ``text`` is its key.
  public var isMissing: Bool

  public init(text: String, language: Language, isFallback: Bool = false, isMissing: Bool = false) {
    self.text = text
    self.language = language
    self.isFallback = isFallback
    self.isMissing = isMissing
  }

  public var description: String { text }
}

/// Turns message keys into text in one language, falling back to English.
///
/// A pure value: it holds the catalogues it reads (``Translations``) and does no I/O.
/// ```swift
/// let l = translations.localizer(.simplifiedChinese)
/// l.text("error.unknown-pair", ["pair": "XX-YY", "known": .list(["US-CN", "EU-CN"])])
/// // 未知的国家组合“XX-YY”；已知组合：US-CN、EU-CN
/// l.text("map.description.intro", ["count": 12, ...])   // chooses the plural form by {count}
/// ```
public struct Localizer: Sendable, Hashable {
  /// The language asked for.
  public let language: Language
  let own: Catalogue?
  let english: Catalogue?
  /// Shipped domains' names in this language, by id, with the English each translates
  /// (the knowledge base's translations; see ``withDomainNames(_:)``).
  public internal(set) var domainNames: [String: TranslatedName] = [:]

  /// A localizer for `language` reading `translations`.
  public init(language: Language, translations: Translations) {
    self.language = language
    own = translations.catalogues[language]
    english = translations.catalogues[.english]
  }

  /// A localizer for `language` reading `catalogues` (at least English's, for the fallback).
  public init(language: Language, catalogues: [Catalogue]) {
    self.init(language: language, translations: Translations(catalogues))
  }

  /// The message for `key` with its placeholders filled, marked when it fell back.
  public func localized(_ key: String, _ arguments: [String: LocalizationArgument] = [:]) -> LocalizedText {
    guard let found = message(key) else {
      return LocalizedText(text: key, language: .english, isFallback: language != .english, isMissing: true)
    }
    return LocalizedText(
      text: found.message.formatted(arguments, in: found.language), language: found.language,
      isFallback: found.language != language)
  }

  /// The text of ``localized(_:_:)``.
  public func text(_ key: String, _ arguments: [String: LocalizationArgument] = [:]) -> String {
    localized(key, arguments).text
  }

  /// The message for `key` and the language it is in: this localizer's, or English's when
  /// this language lacks it; `nil` when neither has it.
  public func message(_ key: String) -> (message: Message, language: Language)? {
    if let m = own?[key] { return (m, language) }
    if let m = english?[key] { return (m, .english) }
    return nil
  }

  /// The keys beginning with `prefix` that this language or English has, sorted.
  public func keys(prefix: String) -> [String] {
    var keys: Set<String> = []
    for catalogue in [own, english].compactMap({ $0 }) {
      for key in catalogue.messages.keys where key.hasPrefix(prefix) { keys.insert(key) }
    }
    return keys.sorted()
  }

  /// Whether this language has its own message for `key` (no fallback).
  public func hasOwnMessage(_ key: String) -> Bool { own?[key] != nil }

  /// A number as this language writes it (``Language/format(_:digits:)``).
  public func number(_ value: Double, digits: Int = 3) -> String { language.format(value, digits: digits) }

  /// A list of items joined as this language joins them (``Language/list(_:)``).
  public func list(_ items: [String]) -> String { language.list(items) }
}
