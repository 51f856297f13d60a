import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The interface's sentences (`tr("…")` in the sources) against the catalogues' phrases:
/// every phrase the code uses is translated in every language, nothing translated is unused,
/// placeholders and markup agree. The phrases are found the way `xgettext` finds them, by
/// reading the sources; `tr` takes a `StaticString`, so none can hide in a variable.
@Suite("Phrase coverage")
struct PhraseCoverageTests {
  /// The package's `Sources/` folder, from this file's place in `Tests/`.
  static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Sources")

  /// Every phrase in the sources, with the files that use it.
  static func usedPhrases() throws -> [String: [String]] {
    var found: [String: [String]] = [:]
    let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
    for file in files.sorted() where file.hasSuffix(".swift") {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for phrase in try PhraseExtractor.phrases(in: text, file: file) { found[phrase, default: []].append(file) }
    }
    return found
  }

  @Test("every phrase the code uses is translated, and every translation is used")
  func covered() throws {
    let used = try Self.usedPhrases()
    #expect(used.count > 0)
    let translations = try KnowledgeBase.translations()
    let issues = translations.phraseIssues(used: Set(used.keys))
    #expect(
      issues.isEmpty,
      "\(issues.count) problems:\n\(issues.prefix(80).map { "\($0) — used in \(used[$0.key ?? ""]?.first ?? "nothing")" }.joined(separator: "\n"))"
    )
  }

  @Test("the extractor reads literals as Swift does, and refuses what it cannot read")
  func extractor() throws {
    let text = #"""
      let a = tr("Stored versions")
      let b = tr(
        "Rubric {version}", ["version": .text(v)])
      let c = tr("A \"quoted\" word\\n and \u{2014} a dash")
      let d = attr("not a phrase")
      let e = tr("From", context: "date")
      """#
    #expect(
      try PhraseExtractor.phrases(in: text, file: "x.swift") == [
        "Stored versions", "Rubric {version}", "A \"quoted\" word\\n and \u{2014} a dash", "date\u{4}From",
      ])
    #expect(throws: InputError.self) { try PhraseExtractor.phrases(in: "tr(\"\"\"\nlong\n\"\"\")", file: "x.swift") }
    #expect(throws: InputError.self) { try PhraseExtractor.phrases(in: "tr(phrase)", file: "x.swift") }
  }

  @Test("a translation with other placeholders or other markup than its English is refused")
  func checks() {
    let chinese = Catalogue(
      language: .simplifiedChinese, messages: [:],
      phrases: [
        "Rubric {version}": "评分标准 {versoin}", "<strong>Note</strong>: read": "<em>注意</em>：阅读",
        "Fine": "好", "Blank": " ",
      ])
    let issues = chinese.issues().map(\.description)
    #expect(issues.count == 3, "\(issues)")
    #expect(issues.contains { $0.contains("Rubric {version}") && $0.contains("{versoin}") })
    #expect(issues.contains { $0.contains("<strong>Note</strong>") && $0.contains("markup") })
    #expect(issues.contains { $0.contains("Blank: is blank") })
    let english = Catalogue(language: .english, messages: [:], phrases: ["Fine": "Fine"])
    #expect(english.issues().count == 1)
  }

  @Test("tr shows the language in view, English outside any, and fills placeholders in either")
  func inView() throws {
    let english = Catalogue(language: .english, messages: [:])
    let chinese = Catalogue(
      language: .simplifiedChinese, messages: [:], phrases: ["{count} domains moved": "{count} 个领域移动了"])
    let localizer = Localizer(language: .simplifiedChinese, catalogues: [english, chinese])
    #expect(tr("{count} domains moved", ["count": 1200]) == "1,200 domains moved")
    Localization.with(localizer) {
      #expect(tr("{count} domains moved", ["count": 1200]) == "1,200 个领域移动了")
      #expect(tr("Untranslated") == "Untranslated")
      #expect(Localization.language == .simplifiedChinese)
    }
    #expect(Localization.language == .english)
  }

  @Test("a language may be split over several files; a phrase translated twice differently is refused naming both")
  func split() throws {
    let en = "language: en\nmessages:\n  a: A\n"
    let zh = "language: zh-Hans\nmessages:\n  a: 甲\n"
    let pages =
      "language: zh-Hans\nphrases:\n  \"Stored versions\": 已存版本\n  From: 来源\ncontexts:\n  date:\n    From: 起始日期\n"
    let loaded = try TranslationsLoader.load([
      ("l10n/en.yaml", en), ("l10n/zh-Hans.yaml", zh), ("l10n/zh-Hans/pages.yaml", pages),
    ])
    #expect(loaded.translations.localizer(.simplifiedChinese).phrase("Stored versions") == "已存版本")
    #expect(loaded.translations.localizer(.simplifiedChinese).text("a") == "甲")
    Localization.with(loaded.translations.localizer(.simplifiedChinese)) {
      #expect(tr("From") == "来源")
      #expect(tr("From", context: "date") == "起始日期")
      #expect(tr("From", context: "link") == "From")
    }
    #expect(tr("From", context: "date") == "From")
    do {
      _ = try TranslationsLoader.load([
        ("l10n/en.yaml", en), ("l10n/zh-Hans.yaml", zh), ("l10n/zh-Hans/pages.yaml", pages),
        ("l10n/zh-Hans/more.yaml", "language: zh-Hans\nphrases:\n  \"Stored versions\": 存储的版本\n"),
      ])
      Issue.record("a phrase given twice was accepted")
    } catch {
      #expect(error.description.contains("l10n/zh-Hans/pages.yaml"))
      #expect(error.description.contains("l10n/zh-Hans/more.yaml"))
    }
    // The same translation in two files is one phrase.
    _ = try TranslationsLoader.load([
      ("l10n/en.yaml", en), ("l10n/zh-Hans.yaml", zh), ("l10n/zh-Hans/pages.yaml", pages),
      ("l10n/zh-Hans/more.yaml", pages),
    ])
    #expect(throws: InputError.self) {
      try TranslationsLoader.load([("l10n/zh-Hans/pages.yaml", "language: en\nphrases:\n  A: B\n")])
    }
  }
}

/// Finds `tr("…")` literals in Swift source, decoding their escapes.
enum PhraseExtractor {
  static func phrases(in text: String, file: String) throws -> [String] {
    var out: [String] = []
    let scalars = Array(text.unicodeScalars)
    var i = 0
    var line = 1
    func isIdentifier(_ s: Unicode.Scalar) -> Bool {
      s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "."
    }
    var lineStart = 0
    while i < scalars.count {
      if scalars[i] == "\n" {
        line += 1
        lineStart = i + 1
      }
      // A comment line (documentation names `tr(_:_:)`) holds no phrase.
      if i == lineStart {
        var f = i
        while f < scalars.count, scalars[f] == " " || scalars[f] == "\t" { f += 1 }
        if f + 1 < scalars.count, scalars[f] == "/", scalars[f + 1] == "/" {
          while i < scalars.count, scalars[i] != "\n" { i += 1 }
          continue
        }
      }
      guard scalars[i] == "t", i + 2 < scalars.count, scalars[i + 1] == "r", scalars[i + 2] == "(",
        i == 0 || !isIdentifier(scalars[i - 1])
      else {
        i += 1
        continue
      }
      // Skip `func tr(` (the declaration).
      let before = String(String.UnicodeScalarView(scalars[max(0, i - 5)..<i]))
      if before.hasSuffix("func ") {
        i += 3
        continue
      }
      var j = i + 3
      while j < scalars.count, scalars[j].properties.isWhitespace {
        if scalars[j] == "\n" { line += 1 }
        j += 1
      }
      guard j < scalars.count, scalars[j] == "\"" else {
        throw InputError(InputIssue(file: file, line: line, message: "tr( without a string literal"))
      }
      if j + 2 < scalars.count, scalars[j + 1] == "\"", scalars[j + 2] == "\"" {
        throw InputError(InputIssue(file: file, line: line, message: "tr( with a multi-line literal; use one line"))
      }
      var k = j + 1
      var value = String.UnicodeScalarView()
      while k < scalars.count, scalars[k] != "\"" {
        if scalars[k] == "\\", k + 1 < scalars.count {
          let e = scalars[k + 1]
          switch e {
          case "n": value.append("\n")
          case "t": value.append("\t")
          case "\"", "\\", "'": value.append(e)
          case "u":
            guard let close = scalars[(k + 2)...].firstIndex(of: "}"),
              let code = UInt32(String(String.UnicodeScalarView(scalars[(k + 3)..<close])), radix: 16),
              let scalar = Unicode.Scalar(code)
            else { throw InputError(InputIssue(file: file, line: line, message: "a malformed \\u{…} in tr(")) }
            value.append(scalar)
            k = close - 1
          default:
            throw InputError(
              InputIssue(
                file: file, line: line, message: "an escape tr( cannot read (\\\(e)); interpolation is not allowed"))
          }
          k += 2
          continue
        }
        value.append(scalars[k])
        k += 1
      }
      // `tr("From", context: "date")`: the context is part of the key.
      var m = k + 1
      while m < scalars.count, scalars[m].properties.isWhitespace { m += 1 }
      if m < scalars.count, scalars[m] == "," {
        m += 1
        while m < scalars.count, scalars[m].properties.isWhitespace { m += 1 }
        let label = "context:".unicodeScalars
        if m + label.count < scalars.count, Array(scalars[m..<(m + label.count)]) == Array(label) {
          m += label.count
          while m < scalars.count, scalars[m].properties.isWhitespace { m += 1 }
          guard m < scalars.count, scalars[m] == "\"", let close = scalars[(m + 1)...].firstIndex(of: "\"") else {
            throw InputError(InputIssue(file: file, line: line, message: "tr( with a context that is not a literal"))
          }
          let context = String(String.UnicodeScalarView(scalars[(m + 1)..<close]))
          out.append(Catalogue.phraseKey(String(value), context: context))
          i = close + 1
          continue
        }
      }
      out.append(String(value))
      i = k + 1
    }
    return out
  }
}
