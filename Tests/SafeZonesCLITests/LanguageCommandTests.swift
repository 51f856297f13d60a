import Foundation
import Testing

/// `--lang` on the real binary: the output's words, the errors and the drawings in
/// Simplified Chinese; ids, JSON and CSV unchanged; an unknown language refused with the
/// known ones.
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

  @Test("the listing, the explanation and the errors speak Chinese; JSON and CSV do not change")
  func chineseText() throws {
    let box = try Sandbox()
    let table = try box.run(["domains", "--lang", "zh-Hans"])
    expectSuccess(table)
    #expect(table.stdout.contains("安全区") && table.stdout.contains("象限"), "\(table.stdout.prefix(400))")
    #expect(table.stdout.contains("基础量子物理"), "the shipped domains' names in Chinese")
    #expect(table.stdout.contains("fundamental-quantum-physics"), "ids stay")
    let explained = try box.run(["explain", "fundamental-quantum-physics", "--lang", "zh-Hans"])
    expectSuccess(explained)
    #expect(explained.stdout.contains("定位") && explained.stdout.contains("共同收益"), "\(explained.stdout.prefix(400))")
    let english = try box.run(["explain", "fundamental-quantum-physics"])
    #expect(english.stdout.contains("joint gains") || english.stdout.contains("Joint gains"))
    #expect(!english.stdout.contains("共同收益"))
    for format in ["json", "csv"] {
      let zh = try box.run(["domains", "--lang", "zh-Hans", "--format", format])
      let en = try box.run(["domains", "--format", format])
      expectSuccess(zh)
      #expect(zh.stdout == en.stdout, "\(format) never changes with the language")
    }
    let refused = try box.run(["explain", "no-such-domain", "--lang", "zh-Hans"])
    #expect(refused.status == 2)
    #expect(refused.stderr.hasPrefix("错误："), "\(refused.stderr)")
    #expect(refused.stderr.contains("no-such-domain"))
  }

  @Test(
    "every command takes --lang, also those without the common options",
    arguments: [
      ["users", "list"], ["pairs"], ["rubric"],
    ])
  func everyCommand(_ arguments: [String]) throws {
    let box = try Sandbox()
    let zh = try box.run(arguments + ["--lang", "zh-Hans"])
    #expect(zh.status != 64 && !zh.stderr.contains("Unknown option"), "\(arguments): \(zh.stderr)")
    let en = try box.run(arguments)
    #expect(zh.status == en.status, "\(arguments): \(zh.stderr) / \(en.stderr)")
  }
}
