import Foundation

/// A language of the interface: English, the fallback for every missing message, and
/// Simplified Chinese.
///
/// Adding a language takes two steps and nothing else: a catalogue file
/// `Sources/SafeZonesKnowledge/Resources/l10n/<tag>.yaml` and a case here, whose raw value
/// is the BCP 47 tag. The compiler then points to every switch that needs the new
/// language's rules (its own name, plural rule, number and date formats, separators, how
/// ``init(tag:)`` recognises it); the translation tests check that the catalogue has every
/// key. See `docs/translating.md`.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// English (`en`): the language the messages are written in first, and the fallback.
  case english = "en"
  /// Simplified Chinese (`zh-Hans`), as written in mainland China and Singapore.
  case simplifiedChinese = "zh-Hans"

  /// The language shown when no other is asked for, and the one a missing message falls
  /// back to.
  public static let fallback = Language.english

  /// The BCP 47 tag (`en`, `zh-Hans`): what `--lang`, `lang=`, the `lang` attribute of
  /// HTML and the catalogue's file name use.
  public var tag: String { rawValue }

  /// The tags of every language, in order, for messages that list the known ones
  /// (`en, zh-Hans`).
  public static var knownTags: [String] { allCases.map(\.tag) }

  /// The language's name in itself, as a language switcher shows it ("English", "简体中文").
  public var nativeName: String {
    switch self {
    case .english: return "English"
    case .simplifiedChinese: return "简体中文"
    }
  }

  /// Whether the language is written in CJK characters, so that charts need fonts with CJK
  /// coverage.
  public var usesCJKScript: Bool {
    switch self {
    case .english: return false
    case .simplifiedChinese: return true
    }
  }

  public static func < (lhs: Language, rhs: Language) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

// MARK: - Recognising a tag

extension Language {
  /// The language a BCP 47 tag asks for, or `nil` when it is none of ours.
  ///
  /// Case, `_` for `-` and surrounding spaces do not matter. Any English tag (`en`,
  /// `en-GB`, `en-Latn-US`) is English. A Chinese tag (`zh`, also `cmn`) is Simplified
  /// Chinese when it names the Simplified script (`zh-Hans`, `zh-Hans-HK`), or names no
  /// script and a region that writes it (`zh-CN`, `zh-SG`, `zh-MY`, or no region). A tag
  /// for Traditional Chinese (`zh-Hant`, `zh-TW`, `zh-HK`, `zh-MO`) and Cantonese (`yue`,
  /// `zh-yue`) is `nil`: those readers are not served Simplified characters unasked; an
  /// `Accept-Language` header that lists `zh` as well still gets them.
  public init?(tag: String) {
    let subtags = tag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").lowercased()
      .split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard let primary = subtags.first,
      subtags.allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
    else { return nil }
    switch primary {
    case "en":
      self = .english
    case "zh", "cmn":
      var rest = subtags.dropFirst()
      // An extended language subtag (`zh-cmn-Hans`, `zh-yue`): Mandarin is ours, others are not.
      if let ext = rest.first, ext.count == 3, ext.allSatisfy(\.isLetter) {
        guard ext == "cmn" else { return nil }
        rest = rest.dropFirst()
      }
      let script = rest.first.flatMap { $0.count == 4 && $0.allSatisfy(\.isLetter) ? $0 : nil }
      if script != nil { rest = rest.dropFirst() }
      let region = rest.first.flatMap { ($0.count == 2 && $0.allSatisfy(\.isLetter)) || $0.count == 3 ? $0 : nil }
      switch script {
      case "hans": self = .simplifiedChinese
      case nil:
        if let region, Self.traditionalRegions.contains(region) { return nil } else { self = .simplifiedChinese }
      default: return nil
      }
    default:
      return nil
    }
  }

  /// Regions whose Chinese is written in Traditional characters by default.
  static let traditionalRegions: Set<String> = ["tw", "hk", "mo"]
}

// MARK: - Accept-Language

/// One entry of an HTTP `Accept-Language` header: a language range and its weight.
public struct LanguagePreference: Sendable, Hashable {
  /// The language range as sent (`zh-CN`, `en`, `*`).
  public var range: String
  /// The weight `q`, from 0 (not acceptable) to 1 (the default).
  public var quality: Double

  public init(range: String, quality: Double = 1) {
    self.range = range
    self.quality = quality
  }
}

extension Language {
  /// The entries of an `Accept-Language` header (RFC 9110 §12.5.4), most wanted first; among
  /// equal weights the header's order is kept. Entries with a malformed weight or range are
  /// skipped, and only the first 32 entries are read, so a hostile header costs little.
  public static func preferences(acceptLanguage header: String) -> [LanguagePreference] {
    var out: [LanguagePreference] = []
    for item in header.split(separator: ",", omittingEmptySubsequences: true).prefix(32) {
      let parts = item.split(separator: ";", omittingEmptySubsequences: false)
      let range = parts[0].trimmingCharacters(in: .whitespaces)
      guard !range.isEmpty, range.count <= 64,
        range == "*" || range.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
      else { continue }
      var quality = 1.0
      var valid = true
      for parameter in parts.dropFirst() {
        let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pair.count == 2, pair[0].lowercased() == "q" else { continue }
        if let q = Double(pair[1]), q >= 0, q <= 1, pair[1].count <= 5 { quality = q } else { valid = false }
      }
      if valid { out.append(LanguagePreference(range: range, quality: quality)) }
    }
    return out.enumerated().sorted { a, b in
      a.element.quality != b.element.quality ? a.element.quality > b.element.quality : a.offset < b.offset
    }.map(\.element)
  }

  /// The language an `Accept-Language` header asks for, or `nil` when it names none of
  /// ours: the first acceptable entry (weight above 0) that ``init(tag:)`` recognises,
  /// where `*` stands for any language the header does not refuse with `q=0`.
  public static func match(acceptLanguage header: String) -> Language? {
    let preferences = preferences(acceptLanguage: header)
    let refused = Set(preferences.filter { $0.quality == 0 && $0.range != "*" }.compactMap { Language(tag: $0.range) })
    for preference in preferences where preference.quality > 0 {
      if preference.range == "*" {
        if let any = allCases.first(where: { !refused.contains($0) }) { return any }
        continue
      }
      if let language = Language(tag: preference.range), !refused.contains(language) { return language }
    }
    return nil
  }

  /// The language to answer in for an `Accept-Language` header: ``match(acceptLanguage:)``,
  /// or English when the header is missing or names none of ours.
  public static func negotiate(acceptLanguage header: String?) -> Language {
    header.flatMap { match(acceptLanguage: $0) } ?? .fallback
  }
}
