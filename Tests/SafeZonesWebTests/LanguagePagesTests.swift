import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The interface language through the real app: Accept-Language, `lang=` remembered in a
  /// cookie, the switcher, the map's words, an unknown language refused, English unchanged.
  @Suite("languages")
  struct LanguagePagesTests {
    static func get(_ app: Application, _ path: String, extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
      var headers: HTTPHeaders = ["Cookie": PagesKit.session(app).cookies()]
      for (name, value) in extra {
        if name.lowercased() == "cookie" {
          headers.replaceOrAdd(name: .cookie, value: headers.first(name: .cookie)! + "; " + value)
        } else {
          headers.add(name: name, value: value)
        }
      }
      return try await app.testing().sendRequest(.GET, path, headers: headers)
    }

    @Test("Accept-Language picks Simplified Chinese: the page's lang, navigation, selector and map speak it")
    func acceptLanguage() async throws {
      try await PagesKit.withSite { app in
        let res = try await Self.get(app, "/", extra: ["Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"])
        #expect(res.status == .ok)
        let html = res.body.string
        #expect(html.contains("<html lang=\"zh-Hans\""))
        #expect(html.contains(">象限图</a>"))
        #expect(html.contains(">国家组合</label>"))
        #expect(html.contains("科学安全区：美国–中国合作"), "the map's title in Chinese")
        #expect(res.headers.first(name: .vary)?.contains("Accept-Language") == true)
        // Ids and data attributes never change with the language.
        #expect(PagesKit.tags(html, "tr", having: ["data-id": "aerospace"]).first?["data-quadrant"] == "monitor")
        // The quadrant badges of the table speak it too.
        let row = html.components(separatedBy: "<tr data-id=\"aerospace\"").dropFirst().first ?? ""
        #expect(row.prefix(1500).contains(">监测</span>"))
        // The English page is what it was, and cached apart from the Chinese one (rows too).
        let english = try await Self.get(app, "/").body.string
        #expect(english.contains("<html lang=\"en\">"))
        #expect(english.contains(">Map</a>"))
        #expect(!english.contains("象限图"))
        #expect(!english.contains(">监测</span>"))
        #expect(english.contains(">Monitor</span>"))
      }
    }

    @Test("lang= switches and is remembered; the cookie outranks Accept-Language; an unknown lang is 400")
    func switcher() async throws {
      try await PagesKit.withSite { app in
        let res = try await Self.get(app, "/warnings?lang=zh-Hans")
        #expect(res.status == .ok)
        #expect(PagesKit.cookie(res, LanguageInView.cookie) == "zh-Hans")
        let options = PagesKit.tags(res.body.string, "option", having: ["selected": ""]).compactMap { $0["value"] }
        #expect(options.contains("zh-Hans"))
        let next = try await Self.get(
          app, "/rubric", extra: ["Cookie": "\(LanguageInView.cookie)=zh-Hans", "Accept-Language": "en"])
        #expect(next.body.string.contains("<html lang=\"zh-Hans\""))
        let bad = try await Self.get(app, "/?lang=fr")
        #expect(bad.status == .badRequest)
        #expect(bad.body.string.contains("known languages: en, zh-Hans"))
        // An empty or malformed tag is refused too, not taken for the default.
        for odd in ["", "en_US", "zh%20Hans"] {
          #expect(try await Self.get(app, "/?lang=\(odd)").status == .badRequest, "lang=\(odd)")
        }
        #expect(try await Self.get(app, "/?pair=").status == .badRequest)
        #expect(try await Self.get(app, "/compare?pairs=").status == .badRequest)
        #expect(try await Self.get(app, "/compare?pairs=US-CN,").status == .badRequest)
        #expect(try await Self.get(app, "/compare?all=null").status == .badRequest)
        #expect(try await Self.get(app, "/compare?all=on&all=on").status == .badRequest)
      }
    }

    @Test("every page the router serves, in Chinese, has no English sentence outside text marked lang=en")
    func everyPageInChinese() async throws {
      try await PagesKit.withSite { app in
        _ = try await app.catalog.repository.deliberation.openRound(
          NewRound(
            study: "S", title: "T", domainIDs: ["fundamental-quantum-physics"], facilitator: "Site Admin"))
        var checked = 0
        var findings: [String] = []
        for route in app.routes.all where route.method == .GET {
          let path = Self.concrete(route)
          if path.hasPrefix("/api/") || path.hasPrefix("/health") || path.contains(".") { continue }
          let res = try await Self.get(app, path, extra: ["Cookie": "\(LanguageInView.cookie)=zh-Hans"])
          guard res.headers.contentType?.subType == "html" else { continue }
          checked += 1
          for run in Self.englishRuns(res.body.string) { findings.append("\(path) (\(res.status.code)): \(run)") }
        }
        #expect(checked > 25, "\(checked) pages")
        #expect(findings.isEmpty, "\(findings.count) English runs:\n\(findings.joined(separator: "\n"))")
      }
    }

    @Test("answers to forms, refusals included, are in Chinese too: screening, assessing, simulating")
    func formsInChinese() async throws {
      try await PagesKit.withSite { app in
        var findings: [String] = []
        let posts: [(String, [(String, String)])] = [
          ("/screen", [("proposal", ScreenPage.example)]),
          ("/screen", [("proposal", "")]),
          ("/screen", [("proposal", "proposal:\n  title: [unclosed")]),
          ("/assess", [("id", "Not An Id"), ("name", ""), ("assessor", "")]),
          ("/simulate", [("portfolio", "collaborations: 3"), ("trials", "-1")]),
          ("/supply-chains", [("network", "nodes: []")]),
        ]
        for (path, fields) in posts {
          let res = try await PagesKit.submit(app, path + "?lang=zh-Hans", fields)
          #expect(res.status.code < 500, "\(path): \(res.status)")
          let html = res.body.string
          #expect(html.contains("<html lang=\"zh-Hans\""), "\(path) answered \(res.status)")
          for run in Self.englishRuns(html) { findings.append("POST \(path) (\(res.status.code)): \(run)") }
        }
        #expect(findings.isEmpty, "\(findings.count) English runs:\n\(findings.joined(separator: "\n"))")
      }
    }

    @Test("the script's own sentences reach a Chinese page translated, and an English page carries none")
    func scriptWords() async throws {
      let script = try String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
          .deletingLastPathComponent().appendingPathComponent("Sources/SafeZonesWeb/Resources/app.js"), encoding: .utf8)
      var used: [String] = []
      var rest = script[...]
      while let r = rest.range(of: #"word\("((?:[^"\\]|\\.)*)""#, options: .regularExpression) {
        used.append(String(rest[r].dropFirst(6).dropLast()))
        rest = rest[r.upperBound...]
      }
      #expect(used.count >= 10)
      try await PagesKit.withSite { app in
        let html = try await Self.get(app, "/?lang=zh-Hans").body.string
        let tag = try #require(PagesKit.tags(html, "html").first)
        let words = try JSONDecoder().decode([String: String].self, from: Data(try #require(tag["data-words"]).utf8))
        for english in used {
          let translated = words[english]
          #expect(
            translated != nil && translated != english, "app.js word(\"\(english)\") has no translation on the page")
        }
        let english = try await Self.get(app, "/?lang=en").body.string
        #expect(PagesKit.tags(english, "html").first?["data-words"] == nil)
      }
    }

    /// A route's path with its parameters filled by things the seeded site has.
    static func concrete(_ route: Route) -> String {
      "/"
        + route.path.map { component -> String in
          switch component {
          case .constant(let s): return s
          case .parameter(let name):
            switch name {
            case "id": return "fundamental-quantum-physics"
            case "version": return "2026.1"
            case "round", "run", "token", "account": return "1"
            default: return "x"
            }
          case .anything: return "x"
          case .catchall: return "x/y"
          }
        }.joined(separator: "/")
    }

    /// Runs of four or more Latin words in the page's visible text, leaving out what is
    /// English on purpose: elements marked `lang="en"` (knowledge-base text not translated)
    /// or `translate="no"` (names, emails and other data people typed), code, scripts and
    /// styles.
    static func englishRuns(_ html: String) -> [String] {
      var text = html
      for pattern in [
        #"(?s)<script\b.*?</script>"#, #"(?s)<style\b.*?</style>"#, #"(?s)<(code|kbd|pre|textarea)\b[^>]*>.*?</\1>"#,
        #"(?s)<(\w+)\b[^>]*\slang="en"[^>]*>.*?</\1>"#, #"(?s)<(\w+)\b[^>]*\stranslate="no"[^>]*>.*?</\1>"#,
      ] {
        text = text.replacingOccurrences(of: pattern, with: " ", options: [.regularExpression, .caseInsensitive])
      }
      text = text.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
      text = PagesKit.unescape(text)
      // A library's or the system's own words, quoted as such (the YAML parser's message).
      text = text.replacingOccurrences(of: #"(?s)原文：.*?）"#, with: " ", options: .regularExpression)
      var runs: Set<String> = []
      let word = #"[A-Za-z][A-Za-z'’]*[,:;.]?"#
      let pattern = "\(word)(?:[ \t]+\(word)){3,}"
      var rest = text[...]
      while let r = rest.range(of: pattern, options: .regularExpression) {
        runs.insert(String(rest[r]))
        rest = rest[r.upperBound...]
      }
      return runs.sorted()
    }
  }
}
