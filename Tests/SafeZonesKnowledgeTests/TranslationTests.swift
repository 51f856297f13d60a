import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The interface's catalogues (`l10n/<tag>.yaml`): every language has every key, with the
/// same placeholders and the plural forms it needs; the English catalogue says what the code
/// says; the language is chosen from a tag or an `Accept-Language` header; a missing message
/// shows the English one, marked, never a blank.
@Suite("Translations")
struct TranslationTests {
  // MARK: - The shipped catalogues

  @Test("every language has a catalogue with every key, the same placeholders and the plural forms it needs")
  func complete() throws {
    let translations = try KnowledgeBase.translations()
    #expect(Set(translations.catalogues.keys) == Set(Language.allCases))
    let issues = try TranslationsLoader.shippedIssues()
    #expect(issues.isEmpty, "\(issues.map(\.description).joined(separator: "\n"))")
    let english = try #require(translations.catalogues[.english])
    #expect(english.messages.count > 250)
    for language in Language.allCases {
      #expect(translations.catalogues[language]?.keys == english.keys, "\(language.tag)")
    }
  }

  @Test("no Chinese message is the English one left untranslated")
  func translated() throws {
    let translations = try KnowledgeBase.translations()
    let english = try #require(translations.catalogues[.english])
    let chinese = try #require(translations.catalogues[.simplifiedChinese])
    // Messages that are the same in both languages by nature.
    let same: Set<String> = ["pair.name", "map.legend.probability-band", "map.tooltip.probability"]
    let untranslated = english.keys.filter { key in
      !same.contains(key) && chinese[key]?.forms[.other] == english[key]?.forms[.other]
    }
    #expect(untranslated.isEmpty, "\(untranslated)")
    // Messages of placeholders and punctuation only.
    let noWords = same.union(["map.tooltip.range"])
    for key in chinese.keys where !noWords.contains(key) {
      let text = chinese[key]!.forms[.other]!
      #expect(text.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(key): \(text)")
    }
  }

  @Test("every message of every language formats to a non-blank text with its placeholders filled")
  func formats() throws {
    let translations = try KnowledgeBase.translations()
    for language in Language.allCases {
      let localizer = translations.localizer(language)
      let catalogue = try #require(translations.catalogues[language])
      for key in catalogue.keys {
        let names = try #require(catalogue[key]?.placeholders, "\(key)")
        var arguments: [String: LocalizationArgument] = [:]
        for name in names { arguments[name] = name == "count" ? .integer(2) : .text("X") }
        let shown = localizer.localized(key, arguments)
        #expect(!shown.isFallback && !shown.isMissing && shown.language == language, "\(language.tag) \(key)")
        #expect(!shown.text.trimmingCharacters(in: .whitespaces).isEmpty, "\(language.tag) \(key)")
        #expect(!shown.text.contains("{") || key.contains("{"), "\(language.tag) \(key): \(shown.text)")
      }
    }
  }

  @Test("the English catalogue says what the code and the shipped rubric say")
  func englishMatchesCode() throws {
    let l = try KnowledgeBase.localizer(.english)
    for q in Quadrant.allCases {
      #expect(l.text("quadrant.\(q.rawValue).name") == q.title)
      #expect(l.text("quadrant.\(q.rawValue).in-text") == q.title.lowercased())
      #expect(l.text("quadrant.\(q.rawValue).corner") == q.corner)
      #expect(
        l.text("quadrant.\(q.rawValue).position")
          == "\(q.highGains ? "high" : "low") gains, \(q.highRisk ? "high" : "low") risk")
      let stance = try #require(Playbook.standard.stances[q])
      #expect(l.text("strategy.\(q.rawValue).headline") == stance.headline)
      #expect(l.text("strategy.\(q.rawValue).summary") == stance.summary)
    }
    for rule in Playbook.standard.rules {
      #expect(l.text("action.\(rule.id).title") == rule.title, "\(rule.id)")
      #expect(l.text("action.\(rule.id).detail") == rule.detail, "\(rule.id)")
    }
    // Every precedent the playbook cites, and no other.
    let cited = Set(Playbook.standard.rules.map(\.precedent) + Playbook.standard.stances.values.map(\.precedent))
    let listed = Set(
      l.keys(prefix: "precedent.").filter { $0.hasSuffix(".example") }.map { key in
        Precedent(example: l.text(key), passage: l.text(String(key.dropLast(".example".count)) + ".passage"))
      })
    #expect(listed == cited)
    let rubric = try KnowledgeBase.rubric()
    #expect(rubric.criteria.count == 14)
    for criterion in rubric.criteria {
      let id = criterion.id.rawValue
      #expect(l.text("criterion.\(id).title") == criterion.id.title)
      #expect(l.text("criterion.\(id).question") == criterion.question)
      #expect(criterion.levels.count == 5)
      for (level, text) in criterion.levels.enumerated() {
        #expect(l.text("criterion.\(id).level.\(level)") == text, "\(id) level \(level)")
      }
    }
    #expect(
      l.text("error.unknown-pair", ["pair": "XX-YY", "known": .list(["US-CN", "EU-CN"])])
        == "unknown pair 'XX-YY'; known pairs: US-CN, EU-CN")
  }

  // MARK: - What the checks catch

  static let english = """
    language: en
    messages:
      greeting: "Hello, {name}"
      count:
        domains:
          one: "{count} domain"
          other: "{count} domains"
    """

  static func load(_ chinese: String) throws -> TranslationsLoader.Loaded {
    try TranslationsLoader.load([("l10n/en.yaml", english), ("l10n/zh-Hans.yaml", chinese)])
  }

  @Test("a key missing in a language, an extra key and different placeholders are reported with file and key")
  func mismatches() throws {
    let missing = TranslationsLoader.issues(try Self.load("language: zh-Hans\nmessages:\n  greeting: \"你好，{name}\"\n"))
    #expect(
      missing.contains {
        $0.file == "l10n/zh-Hans.yaml" && $0.key == "count.domains" && $0.message.contains("missing")
          && $0.message.contains("line 5")
      })
    let placeholders = TranslationsLoader.issues(
      try Self.load(
        "language: zh-Hans\nmessages:\n  greeting: \"你好，{who}\"\n  count:\n    domains: \"{count} 个领域\"\n  extra: \"多余\"\n"
      ))
    #expect(
      placeholders.contains {
        $0.key == "greeting" && $0.line == 3 && $0.message.contains("{who}") && $0.message.contains("{name}")
      })
    #expect(placeholders.contains { $0.key == "extra" && $0.line == 6 && $0.message.contains("not in the English") })
    #expect(placeholders.count == 2)
    let complete = TranslationsLoader.issues(
      try Self.load("language: zh-Hans\nmessages:\n  greeting: \"你好，{name}\"\n  count:\n    domains: \"{count} 个领域\"\n")
    )
    #expect(complete.isEmpty)
  }

  @Test("a plural message lacking a form its language needs, or with one it never uses, is refused with its line")
  func pluralForms() throws {
    #expect {
      try TranslationsLoader.parse(
        "language: en\nmessages:\n  count:\n    domains:\n      other: \"{count} domains\"\n", file: "en.yaml")
    } throws: { error in
      (error as? InputError)?.issues.contains {
        $0.key == "count.domains" && $0.line == 4 && $0.message.contains("'one'")
      } == true
    }
    #expect {
      try TranslationsLoader.parse(
        "language: zh-Hans\nmessages:\n  n:\n    one: \"一个\"\n    other: \"{count} 个\"\n", file: "zh-Hans.yaml")
    } throws: { error in
      (error as? InputError)?.issues.contains { $0.key == "n" && $0.message.contains("never selects") } == true
    }
    // English plural, Chinese plain text: fine, since Chinese needs `other` only.
    #expect(
      TranslationsLoader.issues(
        try Self.load(
          "language: zh-Hans\nmessages:\n  greeting: \"你好，{name}\"\n  count:\n    domains: \"{count} 个领域\"\n")
      ).isEmpty)
  }

  @Test("a malformed file is refused with file, line and key")
  func malformed() {
    func refused(_ text: String, file: String = "l10n/zh-Hans.yaml", _ check: (InputIssue) -> Bool) -> Bool {
      do throws(InputError) {
        _ = try TranslationsLoader.parse(text, file: file, expected: TranslationsLoader.expectedLanguage(file))
        return false
      } catch {
        return error.issues.contains(where: check)
      }
    }
    #expect(
      refused("language: fr\nmessages:\n  a: \"b\"\n") {
        $0.line == 1 && $0.message.contains("known languages: en, zh-Hans")
      })
    #expect(
      refused("language: en\nmessages:\n  a: \"b\"\n") { $0.key == "language" && $0.message.contains("zh-Hans.yaml") })
    #expect(refused("language: zh-Hans\nmessages:\n  a: \"未闭合 {name\"\n") { $0.key == "a" && $0.line == 3 })
    #expect(
      refused("language: zh-Hans\nmessages:\n  a: \"多余 } 括号\"\n") { $0.key == "a" && $0.message.contains("'}}'") })
    #expect(refused("language: zh-Hans\nmessages:\n  a: [1, 2]\n") { $0.key == "a" && $0.line == 3 })
    #expect(refused("language: zh-Hans\nmessages:\n  a b: \"c\"\n") { $0.key == "a b" })
    #expect(refused("language: zh-Hans\nmessages:\n  a:\n    one: \"x\"\n    b: \"y\"\n") { $0.key == "a.one" })
    #expect(refused("language: zh-Hans\nmessages:\n  a: \"  \"\n") { $0.key == "a" && $0.message.contains("empty") })
    #expect(refused("language: zh-Hans\nmessages:\n  a: \"x\"\n  a: \"y\"\n") { $0.message.contains("duplicate key") })
  }

  // MARK: - Choosing the language

  @Test("a BCP 47 tag names English, Simplified Chinese or neither")
  func tags() {
    for tag in ["en", "EN", "en-GB", "en_US", "en-Latn-US"] { #expect(Language(tag: tag) == .english, "\(tag)") }
    for tag in ["zh", "zh-Hans", "zh-hans-cn", "zh-CN", "zh_SG", "zh-cmn-Hans", "cmn"] {
      #expect(Language(tag: tag) == .simplifiedChinese, "\(tag)")
    }
    for tag in ["zh-Hant", "zh-TW", "zh-HK", "zh-Hant-CN", "zh-yue", "fr", "", "*", "zh--CN", "en-", "e n"] {
      #expect(Language(tag: tag) == nil, "\(tag)")
    }
    #expect(Language.knownTags == ["en", "zh-Hans"])
    #expect(Language(rawValue: "zh-Hans") == .simplifiedChinese)
  }

  @Test("Accept-Language: the acceptable entry with the highest weight that names one of ours, else English")
  func acceptLanguage() {
    let cases: [(String?, Language)] = [
      (nil, .english), ("", .english), ("fr-FR, de;q=0.8", .english),
      ("zh-CN,zh;q=0.9,en;q=0.8", .simplifiedChinese), ("en-US,en;q=0.9,zh;q=0.8", .english),
      ("fr;q=1, zh-Hans;q=0.4, en;q=0.3", .simplifiedChinese), ("en;q=0.5, zh;q=0.6", .simplifiedChinese),
      ("zh-TW, en;q=0.5", .english), ("zh-TW, zh;q=0.8, en;q=0.5", .simplifiedChinese),
      ("*", .english), ("en;q=0, *;q=0.5", .simplifiedChinese), ("zh;q=0, en;q=0", .english),
      ("zh;q=abc, en", .english), ("zh;q=1.5, en", .english), (" ZH_cn ; Q=0.3 ,de", .simplifiedChinese),
      (String(repeating: "xx,", count: 5_000) + "zh", .english),
    ]
    for (header, expected) in cases {
      #expect(Language.negotiate(acceptLanguage: header) == expected, "\(header ?? "nil")")
    }
    #expect(Language.match(acceptLanguage: "fr, de") == nil)
    #expect(
      Language.preferences(acceptLanguage: "a;q=0.5, b, c;q=0.5, d;q=0.9").map(\.range) == ["b", "d", "a", "c"])
  }

  // MARK: - Showing a message

  @Test("a message missing in a language shows the English one, marked; one missing everywhere shows its key")
  func fallback() throws {
    var translations = try KnowledgeBase.translations()
    translations.catalogues[.simplifiedChinese]?.messages["nav.map"] = nil
    let chinese = translations.localizer(.simplifiedChinese)
    let fellBack = chinese.localized("nav.map")
    #expect(fellBack == LocalizedText(text: "Map", language: .english, isFallback: true))
    let own = chinese.localized("nav.rubric")
    #expect(own == LocalizedText(text: "评分细则", language: .simplifiedChinese))
    let missing = chinese.localized("no.such.key")
    #expect(missing.text == "no.such.key" && missing.isMissing && missing.isFallback)
    #expect(!translations.localizer(.english).localized("no.such.key").isFallback)
    // A placeholder without an argument stays visible rather than blank.
    #expect(chinese.text("error.unknown-domain") == "未知的领域“{domain}”")
  }

  @Test("plural forms follow each language's CLDR rule, numbers its separators")
  func pluralsAndNumbers() throws {
    let en = try KnowledgeBase.localizer(.english)
    let zh = try KnowledgeBase.localizer(.simplifiedChinese)
    #expect(en.text("count.domains", ["count": 1]) == "1 domain")
    #expect(en.text("count.domains", ["count": 0]) == "0 domains")
    #expect(en.text("count.domains", ["count": 1234]) == "1,234 domains")
    #expect(en.text("count.domains", ["count": .number(1.5, digits: 1)]) == "1.5 domains")
    #expect(en.text("count.domains", ["count": "1"]) == "1 domain")
    #expect(en.text("count.domains") == "{count} domains")
    #expect(zh.text("count.domains", ["count": 1]) == "1 个领域")
    #expect(PluralOperands("1.0").map { Language.english.pluralCategory($0) } == .other)
    #expect(PluralOperands("1").map { Language.english.pluralCategory($0) } == .one)
    #expect(PluralOperands("x") == nil)
    #expect(Language.english.pluralCategories == [.one, .other])
    #expect(Language.simplifiedChinese.pluralCategories == [.other])
    #expect(Language.simplifiedChinese.format(-1234567.125) == "-1,234,567.125")
    #expect(Language.english.formatPercent(0.456) == "46%")
    #expect(Language.english.list(["US-CN", "EU-CN"]) == "US-CN, EU-CN")
    #expect(Language.simplifiedChinese.list(["US-CN", "EU-CN"]) == "US-CN、EU-CN")
    let day = try #require(Day("2026-03-13"))
    #expect(Language.english.format(day) == "13 March 2026")
    #expect(Language.simplifiedChinese.format(day) == "2026年3月13日")
    // The same digits and separators as Foundation's formatter for the locale.
    for language in Language.allCases {
      let formatter = NumberFormatter()
      formatter.locale = Locale(identifier: language.tag)
      formatter.numberStyle = .decimal
      formatter.maximumFractionDigits = 3
      for value in [0.5, 12.0, 1234.5, 1_234_567.125, -98_765.432] {
        #expect(formatter.string(from: NSNumber(value: value)) == language.format(value), "\(language.tag) \(value)")
      }
    }
  }

  @Test("templates: named placeholders, doubled braces, and errors for a stray brace")
  func templates() throws {
    let template = try MessageTemplate.parse("{a} and {{b}} and {c-d}")
    #expect(template.placeholders == ["a", "c-d"])
    #expect(MessageTemplate.fill("{a} and {{b}} and {c-d}", ["a": "1", "c-d": "{x}"]) == "1 and {b} and {x}")
    #expect(throws: MessageTemplate.SyntaxError.self) { try MessageTemplate.parse("{open") }
    #expect(throws: MessageTemplate.SyntaxError.self) { try MessageTemplate.parse("close}") }
    #expect(throws: MessageTemplate.SyntaxError.self) { try MessageTemplate.parse("{1st}") }
    #expect(throws: MessageTemplate.SyntaxError.self) { try MessageTemplate.parse("{}") }
  }
}
