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

extension Localizer {
  /// The phrase `english` in this language (English when it has no translation), its
  /// placeholders filled in the language of the text shown.
  public func phrase(_ english: String, _ arguments: [String: LocalizationArgument] = [:]) -> String {
    if let own = own?.phrases[english] { return Message.text(own).formatted(arguments, in: language) }
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
          TranslationIssue(language: language, key: english, message: "is used but not translated (English would show)"))
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
