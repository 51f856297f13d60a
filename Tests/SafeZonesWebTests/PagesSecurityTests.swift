import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  @Suite("escaping and headers")
  struct PagesSecurityTests {
    static let name = "<script>alert(1)</script>"
    static let rationale = "\"><img src=x onerror=alert(1)>"
    static let tag = "x\"><b>t</b>"
    static let note = "it's \"quoted\" & <i>marked</i>"
    static let evidence = "https://example.org/\"onmouseover=\"alert(1)\njavascript:alert(1)"

    /// Markup that must never reach a page from user data.
    static let forbidden = ["<script>alert", "<img", "<b>t</b>", "<i>marked", "href=\"javascript:"]

    static func expectEscaped(_ body: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
      for raw in forbidden {
        #expect(!body.contains(raw), "\(what) contains \(raw) unescaped", sourceLocation: sourceLocation)
      }
      // No event handler attribute in any tag (as text or inside a quoted value, `onerror=`
      // is harmless). Escaped text never contains `<` + letter, and escaped values never a
      // raw `"` or `>`, so each match below is one whole tag.
      let tag = try! NSRegularExpression(pattern: "<[a-zA-Z][^>]*>")
      let ns = body as NSString
      for m in tag.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
        let unquoted = ns.substring(with: m.range).replacingOccurrences(
          of: "\"[^\"]*\"", with: "\"\"", options: .regularExpression)
        #expect(
          unquoted.range(of: "\\son[a-z]+\\s*=", options: .regularExpression) == nil,
          "\(what) has an event handler attribute: \(ns.substring(with: m.range))", sourceLocation: sourceLocation)
      }
    }

    @Test("a hostile name, rationale, tag, note and evidence appear escaped on every page and in the SVG")
    func hostileInput() async throws {
      try await PagesKit.withSite { app in
        // setup
        var fields = PagesKit.replacing(
          PagesKit.newDomainFields(id: "xss-test", name: Self.name),
          [
            "rationale-military": Self.rationale, "tags": Self.tag, "note": Self.note,
            "evidence-economic": Self.evidence,
            "perspective": Self.rationale, "summary": Self.name, "assessor": Self.name,
          ])
        #expect(try await PagesKit.submit(app, "/assess", fields).status == .seeOther)
        fields = PagesKit.replacing(
          PagesKit.appendFields(base: 1, assessor: Self.rationale), ["rationale-scale": Self.name, "note": Self.note])
        #expect(try await PagesKit.submit(app, "/domains/xss-test/assess", fields).status == .seeOther)
        let stored = try #require(try await app.catalog.repository.domain(id: "xss-test"))
        #expect(stored.name == Self.name)
        #expect(stored.tags == [Self.tag])

        // act & check
        for path in [
          "/", "/?q=script", "/?tag=" + PagesKit.urlEncoded([("", Self.tag)]).dropFirst(), "/domains/xss-test",
          "/domains/xss-test?version=1", "/domains/xss-test/assess", "/map.svg", "/data", "/domains/xss-test?saved=2",
        ] {
          let res = try await PagesKit.get(app, String(path))
          #expect(res.status == .ok, "\(path)")
          Self.expectEscaped(res.body.string, String(path))
        }
        let page = try await PagesKit.get(app, "/domains/xss-test").body.string
        #expect(page.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains("\"&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("it's \"quoted\" &amp; &lt;i&gt;marked&lt;/i&gt;"))
        // The tag is a link whose URL is percent-encoded and whose attribute is escaped.
        #expect(page.contains("href=\"/?tag=x%22%3E%3Cb%3Et%3C%2Fb%3E\""))
        // The prefilled form (from version 2) keeps hostile text inside its text area.
        let form = try await PagesKit.get(app, "/domains/xss-test/assess").body.string
        #expect(form.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"))
        #expect(
          Dictionary(PagesKit.formFields(form, id: "assessment-form"), uniquingKeysWith: { a, _ in a })[
            "rationale-scale"] == Self.name)
        // The version 1 page shows its hostile perspective escaped.
        let v1 = try await PagesKit.get(app, "/domains/xss-test?version=1").body.string
        #expect(v1.contains("from the \"&gt;&lt;img src=x onerror=alert(1)&gt; perspective"))
      }
    }

    @Test("hostile values echoed by a refused form, a conflict and an import are escaped")
    func hostileEchoes() async throws {
      try await PagesKit.withSite { app in
        // A refused form echoes the id and the score as typed.
        var res = try await PagesKit.submit(
          app, "/assess",
          PagesKit.replacing(
            PagesKit.newDomainFields(id: Self.rationale, name: Self.name), ["score-military": Self.name]))
        #expect(res.status == .unprocessableEntity)
        Self.expectEscaped(res.body.string, "refused form")
        #expect(PagesKit.tags(res.body.string, "input", having: ["name": "id"]).first?["value"] == Self.rationale)

        // A conflict shows the other assessor's note.
        #expect(
          try await PagesKit.submit(
            app, "/domains/high-performance-computing/assess",
            PagesKit.replacing(PagesKit.appendFields(base: 1, assessor: Self.name), ["note": Self.note])
          ).status == .seeOther)
        res = try await PagesKit.submit(
          app, "/domains/high-performance-computing/assess", PagesKit.appendFields(base: 1))
        #expect(res.status == .conflict)
        Self.expectEscaped(res.body.string, "conflict")

        // An import error quotes the file's content.
        res = try await PagesKit.upload(
          app, filename: "\(Self.name).yaml", content: "domains:\n  - id: \"\(Self.rationale)\"\n    name: x\n")
        #expect(res.status == .unprocessableEntity)
        Self.expectEscaped(res.body.string, "import errors")
      }
    }

    @Test("pages carry the security headers and no inline script or style")
    func headers() async throws {
      try await PagesKit.withFixture { app in
        for path in [
          "/", "/domains/alpha-physics", "/assess", "/domains/alpha-physics/assess", "/rubric", "/data", "/nowhere",
        ] {
          let res = try await PagesKit.get(app, path)
          let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
          #expect(csp.contains("script-src 'self'") && csp.contains("style-src 'self'"), "\(path)")
          #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
          let html = res.body.string
          #expect(!html.contains("style=\""), "inline style on \(path)")
          #expect(!html.contains("<style"), "style element on \(path)")
          #expect(!html.contains(" onclick=") && !html.contains(" onload="), "handler on \(path)")
          // Every script is external.
          #expect(
            PagesKit.tags(html, "script").allSatisfy { $0["src"]?.hasPrefix("/assets/app.js") == true }, "\(path)")
          // Every form that posts carries the CSRF field.
          let posting = PagesKit.tags(html, "form", having: ["method": "post"]).count
          #expect(PagesKit.tags(html, "input", having: ["name": "_csrf"]).count == posting, "\(path)")
        }
        let css = try await PagesKit.get(app, Assets.url("app.css"))
        #expect(css.status == .ok)
        #expect(css.headers.contentType == .css)
        let js = try await PagesKit.get(app, Assets.url("app.js"))
        #expect(js.status == .ok)
        #expect(js.body.string.contains("textContent"))
        #expect(!js.body.string.contains("innerHTML"))
      }
    }
  }
}
