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
        #expect(html.contains("<html lang=\"zh-Hans\">"))
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
        #expect(next.body.string.contains("<html lang=\"zh-Hans\">"))
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

  }
}
