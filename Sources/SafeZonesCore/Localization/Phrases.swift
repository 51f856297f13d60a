/// The interface's language in view: the localizer that ``tr(_:_:)`` reads.
///
/// Like `Locale.current`, the language is ambient context rather than an argument: a page
/// or a report is built by many small functions, and passing a localizer through each
/// would touch every signature for no gain in clarity. It is a task local, so each web
/// request and each command line run sets its own, and it is `nil` (English, the code's own
/// text) unless someone sets it — tests and snapshots see English.
public enum Localization {
  /// The localizer of the language in view; `nil` means English.
  @TaskLocal public static var current: Localizer?

  /// The language in view.
  public static var language: Language { current?.language ?? .english }

  /// Runs `work` with `localizer` in view (`nil` or an English one means English).
  public static func with<T>(_ localizer: Localizer?, _ work: () throws -> T) rethrows -> T {
    try $current.withValue(localizer?.language == .english ? nil : localizer, operation: work)
  }

  /// Runs `work` with `localizer` in view (`nil` or an English one means English).
  public static func with<T>(
    _ localizer: Localizer?, isolation: isolated (any Actor)? = #isolation, _ work: () async throws -> T
  ) async rethrows -> T {
    try await $current.withValue(
      localizer?.language == .english ? nil : localizer, operation: work, isolation: isolation)
  }
}

/// `english` — one of the interface's sentences — in the language in view
/// (``Localization/current``), its `{placeholders}` filled from `arguments`.
///
/// The English text is the key, as `String(localized:)` and gettext do it; a translation is
/// an entry in the language's phrases (`l10n/zh-Hans/*.yaml`). The text must be a literal
/// (`StaticString`), so that the translation test can find every phrase in the sources and
/// fail when a language lacks one. A phrase no language has shows in English.
/// ```swift
/// tr("Stored versions")                                   // 已存版本
/// tr("Rubric {version}", ["version": .text(r.version)])   // 评分标准 2026.1
/// ```
public func tr(_ english: StaticString, _ arguments: [String: LocalizationArgument] = [:]) -> String {
  let key = english.description
  guard let localizer = Localization.current else {
    return arguments.isEmpty ? key : Message.text(key).formatted(arguments, in: .english)
  }
  return localizer.phrase(key, arguments)
}

/// ``tr(_:_:)`` for an English text that needs different translations in different places:
/// `context` tells them apart (gettext's `msgctxt`), as in `tr("From", context: "date")`
/// (a start date, 起始日期) and `tr("From", context: "link")` (a link's source, 源领域). A
/// catalogue gives it under `contexts: { date: { "From": "…" } }`.
public func tr(
  _ english: StaticString, context: StaticString, _ arguments: [String: LocalizationArgument] = [:]
) -> String {
  let text = english.description
  guard let localizer = Localization.current else {
    return arguments.isEmpty ? text : Message.text(text).formatted(arguments, in: .english)
  }
  return localizer.phrase(Catalogue.phraseKey(text, context: context.description), arguments)
}

extension Catalogue {
  /// The key of a phrase in ``phrases``: its English, after its context and U+0004 when it
  /// has one (the separator gettext uses, which no sentence contains).
  public static func phraseKey(_ english: String, context: String?) -> String {
    guard let context, !context.isEmpty else { return english }
    return context + "\u{4}" + english
  }

  /// A phrase key split into its context (if any) and its English.
  public static func splitPhraseKey(_ key: String) -> (context: String?, english: String) {
    guard let separator = key.firstIndex(of: "\u{4}") else { return (nil, key) }
    return (String(key[..<separator]), String(key[key.index(after: separator)...]))
  }

  /// A phrase key as people read it: `From (context: date)`.
  public static func readablePhraseKey(_ key: String) -> String {
    let (context, english) = splitPhraseKey(key)
    return context.map { "\(english) (context: \($0))" } ?? english
  }
}

extension Localizer {
  /// The phrase `key` (its English, or ``Catalogue/phraseKey(_:context:)``) in this
  /// language (English when it has no translation), its placeholders filled in the language
  /// of the text shown.
  public func phrase(_ key: String, _ arguments: [String: LocalizationArgument] = [:]) -> String {
    if let own = own?.phrases[key] { return Message.text(own).formatted(arguments, in: language) }
    let english = Catalogue.splitPhraseKey(key).english
    return arguments.isEmpty ? english : Message.text(english).formatted(arguments, in: .english)
  }

  /// Whether this language has its own translation of the phrase `english`.
  public func hasPhrase(_ english: String) -> Bool { own?.phrases[english] != nil }
}

extension Translations {
  /// The phrases missing or left over in each language other than English, given the
  /// phrases the code uses (`used`, as found in the sources): a used phrase a language
  /// lacks would show in English; a translated phrase nothing uses is stale.
  public func phraseIssues(used: Set<String>) -> [TranslationIssue] {
    var out: [TranslationIssue] = []
    for language in Language.allCases where language != .english {
      let phrases = catalogues[language]?.phrases ?? [:]
      for english in used.sorted() where phrases[english] == nil {
        out.append(
          TranslationIssue(language: language, key: english, message: "is used but not translated (English would show)")
        )
      }
      for english in phrases.keys.sorted() where !used.contains(english) {
        out.append(
          TranslationIssue(
            language: language, key: english, message: "is translated but no code uses it (stale: remove it)"))
      }
    }
    return out
  }
}

/// A name in another language, with the English it translates: shown only while the thing
/// still has that English name (a store may rename a shipped domain).
public struct TranslatedName: Sendable, Hashable {
  public var english: String
  public var translated: String

  public init(english: String, translated: String) {
    self.english = english
    self.translated = translated
  }
}

extension Localizer {
  /// This localizer with the names of domains in its language.
  public func withDomainNames(_ names: [String: TranslatedName]) -> Localizer {
    var copy = self
    copy.domainNames = names
    return copy
  }

  /// The name of the domain `id` in this language when it still has the English name
  /// `english` that was translated; else `english`.
  public func domainName(id: String, english: String) -> String {
    guard let t = domainNames[id], t.english == english else { return english }
    return t.translated
  }
}

extension Localization {
  /// The name of the domain `id` (English name `english`) in the language in view: what
  /// charts label points with and the command line prints.
  public static func domainName(id: String, english: String) -> String {
    current?.domainName(id: id, english: english) ?? english
  }
}

extension Localization {
  /// The catalogue's translation of `key` in the language in view when `english` is the
  /// shipped English for it (the shipped rubric's or playbook's words); `nil` when English
  /// is in view, or when `english` differs (a custom rubric's or playbook's own words, which
  /// stay as written). The one rule for showing shared vocabulary that a user may reword.
  public static func shippedTranslation(_ key: String, _ english: String) -> String? {
    guard let localizer = current, case .text(let shipped)? = localizer.english?[key], shipped == english,
      case .text(let own)? = localizer.own?[key]
    else { return nil }
    return own
  }

  /// ``shippedTranslation(_:_:)``, or `english` as written.
  public static func shipped(_ key: String, _ english: String) -> String {
    shippedTranslation(key, english) ?? english
  }
}
