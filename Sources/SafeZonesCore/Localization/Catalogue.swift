import Foundation

/// One message of a catalogue: a text, or a text per plural form.
///
/// A text may hold named placeholders, `{count}`, `{pair}`, filled from the arguments of
/// ``Localizer/text(_:_:)``; `{{` and `}}` stand for literal braces. A plural message
/// chooses its form by the argument named `count`, following the language's CLDR rule
/// (``Language/pluralCategory(_:)``), and must have every form its language uses: English
/// `one` and `other`, Chinese `other`. In a language with `other` only, a plain text
/// serves as the `other` form.
public enum Message: Sendable, Hashable {
  case text(String)
  case plural([PluralCategory: String])

  /// The argument whose value chooses a plural message's form.
  public static let countArgument = "count"

  /// The forms this message has (a text is the `other` form).
  public var forms: [PluralCategory: String] {
    switch self {
    case .text(let text): return [.other: text]
    case .plural(let forms): return forms
    }
  }

  /// Whether the message has several forms.
  public var isPlural: Bool {
    if case .plural = self { return true }
    return false
  }

  /// The placeholders of every form, each once (`nil` when a form is malformed; see
  /// ``MessageTemplate/parse(_:)``).
  public var placeholders: Set<String>? {
    var names: Set<String> = []
    for text in forms.values {
      guard let template = try? MessageTemplate.parse(text) else { return nil }
      names.formUnion(template.placeholders)
    }
    return names
  }

  /// The text of the form `arguments["count"]` selects in `language` (`other` without a
  /// count), its placeholders filled. An argument that is missing leaves its placeholder
  /// as written, so a mistake shows rather than a blank.
  public func formatted(_ arguments: [String: LocalizationArgument], in language: Language) -> String {
    let values = arguments.mapValues { $0.formatted(in: language) }
    let text: String
    switch self {
    case .text(let t):
      text = t
    case .plural(let forms):
      let category = values[Self.countArgument].flatMap(PluralOperands.init).map(language.pluralCategory) ?? .other
      text = forms[category] ?? forms[.other] ?? forms.values.first ?? ""
    }
    return MessageTemplate.fill(text, values)
  }
}

/// The parsed form of a message's text: literal runs and named placeholders.
public struct MessageTemplate: Sendable, Hashable {
  public enum Part: Sendable, Hashable {
    case literal(String)
    case placeholder(String)
  }

  /// Why a text is not a valid template.
  public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String
  }

  public var parts: [Part]

  /// The names of the placeholders, in order of first appearance.
  public var placeholders: [String] {
    var seen: Set<String> = []
    var out: [String] = []
    for case .placeholder(let name) in parts where seen.insert(name).inserted { out.append(name) }
    return out
  }

  /// Parses `text`: `{name}` is a placeholder (a letter, then letters, digits, `_` or `-`),
  /// `{{` and `}}` are literal braces; any other brace is an error.
  public static func parse(_ text: String) throws(SyntaxError) -> MessageTemplate {
    var parts: [Part] = []
    var literal = ""
    var chars = Array(text)[...]
    while let ch = chars.first {
      chars = chars.dropFirst()
      switch ch {
      case "{":
        if chars.first == "{" {
          literal.append("{")
          chars = chars.dropFirst()
          continue
        }
        guard let close = chars.firstIndex(of: "}") else {
          throw SyntaxError(description: "a '{' is never closed (write '{{' for a brace)")
        }
        let name = String(chars[..<close])
        guard isName(name) else {
          throw SyntaxError(
            description:
              "'{\(name)}' is not a placeholder: a name is a letter followed by letters, digits, '_' or '-' (write '{{' for a brace)"
          )
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        literal = ""
        parts.append(.placeholder(name))
        chars = chars[chars.index(after: close)...]
      case "}":
        guard chars.first == "}" else {
          throw SyntaxError(description: "a '}' closes nothing (write '}}' for a brace)")
        }
        literal.append("}")
        chars = chars.dropFirst()
      default:
        literal.append(ch)
      }
    }
    if !literal.isEmpty { parts.append(.literal(literal)) }
    return MessageTemplate(parts: parts)
  }

  static func isName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
    return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
  }

  /// `text` with each placeholder replaced by its value; a placeholder without a value,
  /// and a text that does not parse, are left as written.
  public static func fill(_ text: String, _ values: [String: String]) -> String {
    guard text.contains("{") || text.contains("}") else { return text }
    guard let template = try? parse(text) else { return text }
    var out = ""
    for part in template.parts {
      switch part {
      case .literal(let s): out += s
      case .placeholder(let name): out += values[name] ?? "{\(name)}"
      }
    }
    return out
  }
}

extension Unicode.Scalar {
  fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

/// The messages of one language, by key.
///
/// A key is a dotted path of segments (`quadrant.safe-zone.name`, `rubric.military.level.3`),
/// each made of letters, digits, `_` and `-`; the last segment is never a plural category
/// name (`one`, `other`, …), which are the forms of a plural message.
public struct Catalogue: Sendable, Hashable {
  public var language: Language
  public var messages: [String: Message]
  /// The interface's own sentences, keyed by their English text (the source text is the
  /// key, as in gettext and Apple's string catalogues): `"Stored versions": "已存版本"`.
  /// Only the languages other than English have them; ``tr(_:_:)`` reads them.
  public var phrases: [String: String]

  public init(language: Language, messages: [String: Message], phrases: [String: String] = [:]) {
    self.language = language
    self.messages = messages
    self.phrases = phrases
  }

  public subscript(key: String) -> Message? { messages[key] }

  /// The keys, sorted.
  public var keys: [String] { messages.keys.sorted() }

  /// Whether `key` is a well-formed key.
  public static func isValidKey(_ key: String) -> Bool {
    let segments = key.split(separator: ".", omittingEmptySubsequences: false)
    return !segments.isEmpty
      && segments.allSatisfy { isValidSegment(String($0)) }
      && PluralCategory(rawValue: String(segments.last!)) == nil
  }

  /// Whether `segment` can be part of a key: letters, digits, `_` and `-`.
  public static func isValidSegment(_ segment: String) -> Bool {
    !segment.isEmpty && segment.count <= 64
      && segment.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
      }
  }

  /// The problems of this catalogue on its own: malformed keys, texts that are not valid
  /// templates, blank texts, and plural messages lacking a form the language uses or
  /// having one it never selects.
  public func issues() -> [TranslationIssue] {
    var out: [TranslationIssue] = []
    for key in keys {
      let message = messages[key]!
      if !Self.isValidKey(key) {
        out.append(
          TranslationIssue(
            language: language, key: key,
            message: "is not a valid key (dotted segments of letters, digits, '_' and '-', not ending in a plural form)"
          ))
      }
      for (category, text) in message.forms.sorted(by: { $0.key < $1.key }) {
        let where_ = message.isPlural ? " (form '\(category.rawValue)')" : ""
        if text.allSatisfy(\.isWhitespace) {
          out.append(TranslationIssue(language: language, key: key, message: "is blank\(where_)"))
        }
        do throws(MessageTemplate.SyntaxError) { _ = try MessageTemplate.parse(text) } catch {
          out.append(TranslationIssue(language: language, key: key, message: "\(error.description)\(where_)"))
        }
      }
      if case .plural(let forms) = message {
        let needed = language.pluralCategories
        for category in needed where forms[category] == nil {
          out.append(
            TranslationIssue(
              language: language, key: key,
              message:
                "lacks the plural form '\(category.rawValue)', which \(language.tag) needs (\(needed.map(\.rawValue).joined(separator: ", ")))"
            ))
        }
        for category in forms.keys.sorted() where !needed.contains(category) {
          out.append(
            TranslationIssue(
              language: language, key: key,
              message:
                "has the plural form '\(category.rawValue)', which \(language.tag) never selects (it uses \(needed.map(\.rawValue).joined(separator: ", ")))"
            ))
        }
      }
    }
    out += phraseIssues()
    return out
  }

  /// The problems of the phrases on their own: English has none (its phrases are the
  /// code's text); a translation must be a valid template that is not blank, with the
  /// English text's placeholders and the same markup (HTML tags and entities) in the same
  /// order, so that a translated sentence can never break a page.
  func phraseIssues() -> [TranslationIssue] {
    var out: [TranslationIssue] = []
    if language == .english {
      for english in phrases.keys.sorted() {
        out.append(
          TranslationIssue(
            language: language, key: english,
            message: "is a phrase in the English catalogue; English phrases are the code's own text, remove it"))
      }
      return out
    }
    for (english, text) in phrases.sorted(by: { $0.key < $1.key }) {
      if text.allSatisfy(\.isWhitespace) {
        out.append(TranslationIssue(language: language, key: english, message: "is blank"))
        continue
      }
      guard let source = try? MessageTemplate.parse(Self.splitPhraseKey(english).english) else {
        out.append(
          TranslationIssue(
            language: language, key: english, message: "is not a valid template in English (write {{ for a brace)"))
        continue
      }
      let translated: MessageTemplate
      do throws(MessageTemplate.SyntaxError) { translated = try MessageTemplate.parse(text) } catch {
        out.append(TranslationIssue(language: language, key: english, message: error.description))
        continue
      }
      if Set(source.placeholders) != Set(translated.placeholders) {
        func list(_ names: [String]) -> String {
          names.isEmpty ? "none" : Set(names).sorted().map { "{\($0)}" }.joined(separator: ", ")
        }
        out.append(
          TranslationIssue(
            language: language, key: english,
            message:
              "has the placeholders \(list(translated.placeholders)) but English has \(list(source.placeholders))"))
      }
      if Self.markup(Self.splitPhraseKey(english).english) != Self.markup(text) {
        out.append(
          TranslationIssue(
            language: language, key: english,
            message:
              "has the markup \(Self.markup(text).joined(separator: " ")) but English has \(Self.markup(Self.splitPhraseKey(english).english).joined(separator: " ")) (keep the same tags and entities)"
          ))
      }
    }
    return out
  }

  /// The HTML tags and character entities of `text`, in order (`<strong>`, `&amp;`); a
  /// `<` or `&` that starts neither (`P(TTR < TTS)`, `Import & export`) is plain text.
  static func markup(_ text: String) -> [String] {
    let pattern = #"</?[A-Za-z][^<>]*>|&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"#
    var out: [String] = []
    var rest = text[...]
    while let r = rest.range(of: pattern, options: .regularExpression) {
      out.append(String(rest[r]))
      rest = rest[r.upperBound...]
    }
    return out
  }

}

/// A problem with a catalogue or between catalogues: the language (the file) and key it
/// concerns, and what is wrong.
public struct TranslationIssue: Sendable, Hashable, CustomStringConvertible {
  public var language: Language
  /// The message's key; `nil` for a problem with the whole catalogue.
  public var key: String?
  public var message: String

  public init(language: Language, key: String?, message: String) {
    self.language = language
    self.key = key
    self.message = message
  }

  public var description: String {
    "\(language.tag): \(key.map { "\(Catalogue.readablePhraseKey($0)): " } ?? "")\(message)"
  }
}

/// The catalogues of every language: what a ``Localizer`` reads, and what the translation
/// tests check.
public struct Translations: Sendable, Hashable {
  public var catalogues: [Language: Catalogue]

  public init(_ catalogues: [Catalogue]) {
    var byLanguage: [Language: Catalogue] = [:]
    for catalogue in catalogues {
      byLanguage[catalogue.language, default: Catalogue(language: catalogue.language, messages: [:])].messages
        .merge(catalogue.messages) { _, new in new }
      byLanguage[catalogue.language]!.phrases.merge(catalogue.phrases) { _, new in new }
    }
    self.catalogues = byLanguage
  }

  /// The localizer for `language`, falling back to English.
  public func localizer(_ language: Language) -> Localizer { Localizer(language: language, translations: self) }

  /// Every problem, English first, then by language and key: each catalogue's own
  /// (``Catalogue/issues()``), a language without a catalogue, and between English and
  /// each other language a key missing or extra, a message whose placeholders differ, or a
  /// message that is plural in one language and lacks the forms the other needs.
  public func issues() -> [TranslationIssue] {
    var out: [TranslationIssue] = []
    for language in Language.allCases {
      guard let catalogue = catalogues[language] else {
        out.append(
          TranslationIssue(
            language: language, key: nil,
            message: "has no catalogue (add l10n/\(language.tag).yaml, or remove the case from Language)"))
        continue
      }
      out += catalogue.issues()
    }
    guard let english = catalogues[.english] else { return out }
    for language in Language.allCases where language != .english {
      guard let catalogue = catalogues[language] else { continue }
      for key in english.keys {
        guard let message = catalogue[key] else {
          out.append(
            TranslationIssue(language: language, key: key, message: "is missing (the English text would show)"))
          continue
        }
        let source = english[key]!
        if let ours = source.placeholders, let theirs = message.placeholders, ours != theirs {
          func list(_ s: Set<String>) -> String {
            s.isEmpty ? "none" : s.sorted().map { "{\($0)}" }.joined(separator: ", ")
          }
          out.append(
            TranslationIssue(
              language: language, key: key,
              message: "has the placeholders \(list(theirs)) but English has \(list(ours))"))
        }
        if source.isPlural, !message.isPlural {
          for category in language.pluralCategories where message.forms[category] == nil {
            out.append(
              TranslationIssue(
                language: language, key: key,
                message: "is plural in English but lacks the form '\(category.rawValue)' that \(language.tag) needs"))
          }
        }
        if message.isPlural, !source.isPlural {
          out.append(
            TranslationIssue(
              language: language, key: key,
              message: "is plural here but not in English (make the English message plural too, with one and other)"))
        }
      }
      for key in catalogue.keys where english[key] == nil {
        out.append(
          TranslationIssue(
            language: language, key: key, message: "is not in the English catalogue (a misspelt or removed key?)"))
      }
    }
    return out
  }
}
