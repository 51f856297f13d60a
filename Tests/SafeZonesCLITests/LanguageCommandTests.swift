import Foundation
import Testing

/// `--lang` on the real binary: the drawings' words in Simplified Chinese, ids unchanged,
/// an unknown language refused with the known ones.
@Suite("languages on the command line")
struct LanguageCommandTests {
  @Test("map --lang zh-Hans draws the map's words in Chinese; the listing's ids and JSON keys do not change")
  func chineseMap() throws {
    let box = try Sandbox()
    let zh = try box.run(["map", "--lang", "zh-Hans", "--out", "zh.svg", "--format", "json"])
    expectSuccess(zh)
    let en = try box.run(["map", "--out", "en.svg", "--format", "json"])
    expectSuccess(en)
    #expect(zh.stdout == en.stdout, "JSON keys and ids never change with the language")
    let svg = try box.read("zh.svg")
    #expect(svg.contains("安全区"))
    #expect(svg.contains("Noto Sans CJK SC"), "a font stack with CJK coverage")
    #expect(!svg.contains(">Safe zone<"))
    let english = try box.read("en.svg")
    #expect(english.contains("Safe zone"))
    #expect(!english.contains("安全区"))
  }

  @Test("an unknown language is refused with the known ones, exit status 2", arguments: ["fr", "zh-TW", "xx"])
  func unknown(_ tag: String) throws {
    let result = try run(["map", "--lang", tag, "--out", "/dev/null"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown language '\(tag)'; known languages: en, zh-Hans"))
  }
}
