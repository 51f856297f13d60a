import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The Delphi pages through the real app: open a round, assessors judge, close, feedback,
  /// the next round, convergence; and every refusal.
  @Suite("Delphi rounds")
  struct RoundsTests {
    static let ada = "Ada Quillfeather"
    static let bert = "Bertram Zoltan"

    /// Opens a round through the form and returns its id.
    static func open(
      _ app: Application, study: String = "Panel 2026", title: String = "Initial judgements",
      domains: [String] = ["alpha-physics", "beta-batteries"], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Int {
      let res = try await PagesKit.submit(
        app, "/rounds",
        [("study", study), ("title", title), ("facilitator", "Fay Facilitator")] + domains.map { ("domain", $0) })
      #expect(res.status == .seeOther, "\(res.body.string.prefix(2000))", sourceLocation: sourceLocation)
      let location = res.headers.first(name: .location) ?? ""
      return try #require(Int(location.split(separator: "/").last ?? ""), sourceLocation: sourceLocation)
    }

    struct PanelKey: StorageKey { typealias Value = [String: PagesKit.WebSession] }

    /// The panellist called `name`: an assessor account, signed in once per app.
    static func who(_ app: Application, _ name: String) async throws -> PagesKit.WebSession {
      if let known = app.storage[PanelKey.self]?[name] { return known }
      let session = try await PagesKit.signIn(app, role: .assessor, name: name)
      var panel = app.storage[PanelKey.self] ?? [:]
      panel[name] = session
      app.storage[PanelKey.self] = panel
      return session
    }

    static func assessorPage(_ app: Application, _ round: Int, _ name: String) async throws -> String {
      let res = try await PagesKit.get(app, "/rounds/\(round)/assessor", as: try await who(app, name))
      #expect(res.status == .ok)
      return res.body.string
    }

    static func feedbackPage(_ app: Application, _ round: Int, _ name: String) async throws -> TestingHTTPResponse {
      try await PagesKit.get(app, "/rounds/\(round)/feedback", as: try await who(app, name))
    }

    static func encoded(_ s: String) -> String { PagesKit.urlEncoded([("x", s)]).dropFirst(2).description }

    /// Submits the domain's form as the page prefills it, with `changes`.
    static func judge(
      _ app: Application, _ round: Int, _ name: String, _ domain: String, _ changes: [String: String]
    ) async throws -> TestingHTTPResponse {
      let html = try await assessorPage(app, round, name)
      #expect(!PagesKit.roundFields(html, domain: domain).isEmpty, "\(domain)'s fields in the round form")
      return try await PagesKit.submit(
        app, "/rounds/\(round)/judgements", PagesKit.roundSubmission(html, domain: domain, changes),
        as: try await who(app, name))
    }

    static func close(_ app: Application, _ round: Int) async throws {
      let res = try await PagesKit.submit(app, "/rounds/\(round)/close", [("confirm", "yes")])
      #expect(res.status == .seeOther)
      #expect(res.headers.first(name: .location) == "/rounds/\(round)")
    }

    @Test("the full flow: open, judge, close, anonymous feedback, a second round, convergence")
    func fullFlow() async throws {
      try await PagesKit.withFixture { app in
        let delphi = app.catalog.repository.deliberation

        // setup: the list is empty and offers the form with every domain
        let empty = try await PagesKit.get(app, "/rounds")
        #expect(empty.status == .ok)
        #expect(empty.body.string.contains("id=\"no-rounds\""))
        let boxes = PagesKit.tags(empty.body.string, "input", having: ["type": "checkbox", "name": "domain"])
        #expect(boxes.compactMap { $0["value"] } == ["alpha-physics", "beta-batteries", "delta-devices", "gamma-wind"])

        // act: round 1 for two domains
        let r1 = try await Self.open(app)
        let opened = try await PagesKit.get(app, "/rounds/\(r1)")
        #expect(opened.status == .ok)
        #expect(PagesKit.text(opened.body.string, id: "round-status")?.hasPrefix("Open") == true)
        #expect(
          PagesKit.tags(opened.body.string, "form", having: ["id": "close-round"]).first?["action"]
            == "/rounds/\(r1)/close")

        // act: two assessors judge; Ada revises her judgement of alpha
        let page = try await Self.assessorPage(app, r1, Self.ada)
        // One form for the whole round, a section per domain.
        #expect(PagesKit.tags(page, "form").compactMap { $0["id"] }.filter { $0 == "round-form" }.count == 1)
        #expect(
          PagesKit.tags(page, "section").compactMap { $0["data-domain"] } == ["alpha-physics", "beta-batteries"])
        // The panellist is the signed-in account: no name to type.
        #expect(PagesKit.tags(page, "input", having: ["id": "alpha-physics--assessor"]).isEmpty)
        #expect(page.contains("Judging as <strong>\(Self.ada)</strong>"))
        var res = try await Self.judge(
          app, r1, Self.ada, "alpha-physics",
          [
            "score-military": "1", "score-fundamentality": "4", "rationale-military": "Basic science.",
            "perspective": "US",
          ])
        #expect(res.status == .seeOther)
        #expect(
          res.headers.first(name: .location)
            == "/rounds/\(r1)/assessor?submitted=alpha-physics#domain-alpha-physics")
        res = try await Self.judge(
          app, r1, Self.bert, "alpha-physics",
          ["score-military": "3", "score-fundamentality": "3", "perspective": "CN"])
        #expect(res.status == .seeOther)
        res = try await Self.judge(
          app, r1, Self.bert, "beta-batteries", ["score-economic": "4", "low-economic": "3", "high-economic": "4"])
        #expect(res.status == .seeOther)
        // The revision starts from Ada's previous submission.
        let before = try await Self.assessorPage(app, r1, Self.ada)
        let prefilled = Dictionary(
          PagesKit.roundFields(before, domain: "alpha-physics"), uniquingKeysWith: { a, _ in a })
        #expect(prefilled["score-military"] == "1")
        #expect(prefilled["rationale-military"] == "Basic science.")
        #expect(prefilled["perspective"] == "US")
        #expect(!before.contains(Self.bert))
        res = try await Self.judge(app, r1, Self.ada, "alpha-physics", ["score-military": "1.5"])
        #expect(res.status == .seeOther)
        let saved = try await PagesKit.get(
          app, res.headers.first(name: .location)!.components(separatedBy: "#")[0],
          as: try await Self.who(app, Self.ada))
        #expect(
          PagesKit.text(saved.body.string, id: "saved-notice")?.contains("Submitted your judgement of Alpha physics")
            == true)

        // check: everything kept, the latest counts
        let judgements = try await delphi.judgements(round: r1)
        #expect(judgements.count == 4)
        #expect(judgements.map(\.sequence) == [1, 1, 1, 2])

        // check: no feedback while the round is open
        let early = try await Self.feedbackPage(app, r1, Self.ada)
        #expect(early.status == .ok)
        #expect(early.body.string.contains("id=\"feedback-pending\""))
        #expect(!early.body.string.contains("group-median"))

        // check: the facilitator sees who has submitted
        let facilitator = try await PagesKit.get(app, "/rounds/\(r1)").body.string
        #expect(
          PagesKit.text(facilitator, id: "participation-count")?.hasPrefix("2 assessors submitted 4 judgements") == true
        )
        #expect(facilitator.contains(Self.ada) && facilitator.contains(Self.bert))

        // act: close
        try await Self.close(app, r1)

        // check: the closed round's page and Ada's anonymous feedback
        let closed = try await PagesKit.get(app, "/rounds/\(r1)").body.string
        #expect(PagesKit.text(closed, id: "round-status")?.hasPrefix("Closed") == true)
        #expect(PagesKit.tags(closed, "form", having: ["id": "close-round"]).isEmpty)
        #expect(PagesKit.tags(closed, "table", having: ["id": "convergence-table"]).count == 1)
        let feedback = try await Self.feedbackPage(app, r1, Self.ada)
        #expect(feedback.status == .ok)
        let html = feedback.body.string
        #expect(html.contains(Self.ada))
        #expect(!html.contains("Bertram"), "the other assessor's name never appears on an assessor's feedback")
        #expect(!html.contains("Zoltan"))
        // The page header's pair selector names pairs; the page itself must not.
        let main = html.components(separatedBy: "<main").last ?? html
        #expect(!main.contains("CN"), "nor their perspective")
        let military = try #require(Self.row(html, domain: "alpha-physics", criterion: "military"))
        #expect(military.contains(">2</td>"), "two assessors: \(military)")
        #expect(military.contains("class=\"num own\">1.5</td>"))
        #expect(military.contains("data-position=\"below\"") || military.contains("data-position=\"within\""))
        #expect(PagesKit.text(html, id: "feedback-beta-batteries")?.contains("you did not") == true)
        // Bert's feedback shows his own values, and not Ada's name.
        let bertFeedback = try await Self.feedbackPage(app, r1, Self.bert).body
          .string
        #expect(!bertFeedback.contains("Ada") && !bertFeedback.contains("Quillfeather"))
        #expect(
          Self.row(bertFeedback, domain: "alpha-physics", criterion: "military")?.contains("class=\"num own\">3</td>")
            == true)

        // act: a closed round refuses judgements
        res = try await PagesKit.submit(
          app, "/rounds/\(r1)/judgements",
          [("domain", "alpha-physics"), ("assessor", Self.ada), ("score-military", "2")])
        #expect(res.status == .conflict)
        #expect(res.body.string.contains("round \(r1) is closed"))
        #expect(try await delphi.judgements(round: r1).count == 4)

        // act: round 2 follows round 1, prefilled from it
        let next = try await PagesKit.get(app, "/rounds?after=\(r1)")
        let form = Dictionary(PagesKit.formFields(next.body.string, id: "open-round"), uniquingKeysWith: { a, _ in a })
        #expect(form["study"] == "Panel 2026")
        #expect(form["title"] == "Round 2")
        #expect(
          PagesKit.formFields(next.body.string, id: "open-round").filter { $0.0 == "domain" }.map(\.1) == [
            "alpha-physics", "beta-batteries",
          ])
        let r2 = try await Self.open(app, title: "Revision")
        #expect(try await delphi.round(id: r2)?.previousRoundID == r1)
        #expect(try await delphi.round(id: r2)?.number == 2)

        // check: Ada's page starts from her round-1 judgement, with round 1's anonymous group beside it
        let revise = try await Self.assessorPage(app, r2, Self.ada)
        #expect(!revise.contains("Bertram"))
        let fields = Dictionary(
          PagesKit.roundFields(revise, domain: "alpha-physics"), uniquingKeysWith: { a, _ in a })
        #expect(fields["score-military"] == "1.5")
        #expect(PagesKit.tags(revise, "p", having: ["data-prefill": "previous-round"]).count == 1)
        let previous = try #require(
          PagesKit.tags(revise, "p", having: ["class": "hint delphi-previous", "data-criterion": "military"]).first)
        #expect(previous.isEmpty == false)
        let beside =
          revise.components(separatedBy: "<p class=\"hint delphi-previous\" data-criterion=\"military\">").dropFirst()
          .first ?? ""
        #expect(beside.hasPrefix("Round 1 group (anonymous): median"))
        #expect(beside.contains("2 assessors."))
        #expect(beside.contains("You: 1.5."))

        // act: both revise towards each other, and the round closes
        res = try await Self.judge(app, r2, Self.ada, "alpha-physics", ["score-military": "2"])
        #expect(res.status == .seeOther)
        res = try await Self.judge(app, r2, Self.bert, "alpha-physics", ["score-military": "2.5"])
        #expect(res.status == .seeOther)
        try await Self.close(app, r2)

        // check: convergence against round 1 and the study's history
        let report = try await PagesKit.get(app, "/rounds/\(r2)").body.string
        #expect(
          PagesKit.text(report, id: "convergence-summary")
            == "Between round 1 and round 2: 1 criteria narrowed, 0 widened, 1 unchanged (of 2 scored in both rounds).")
        let row = try #require(
          PagesKit.tags(report, "tr", having: ["data-domain": "alpha-physics", "data-criterion": "military"]).first)
        #expect(row.isEmpty == false)
        #expect(report.contains("data-trend=\"narrowed\""))
        #expect(PagesKit.tags(report, "li").compactMap { $0["data-round"] } == [String(r1), String(r2)])
        // Round 1's page now links to round 2.
        let first = try await PagesKit.get(app, "/rounds/\(r1)").body.string
        #expect(PagesKit.text(first, id: "next-steps")?.contains("Round 2 follows this one") == true)
        let list = try await PagesKit.get(app, "/rounds").body.string
        #expect(PagesKit.tags(list, "tr").compactMap { $0["data-round"] } == [String(r1), String(r2)])
      }
    }

    /// The row of a criterion in a domain's feedback table.
    static func row(_ html: String, domain: String, criterion: String) -> String? {
      guard let section = html.range(of: "id=\"feedback-\(domain)\"") else { return nil }
      let rest = html[section.upperBound...]
      guard let start = rest.range(of: "<tr data-criterion=\"\(criterion)\">"),
        let end = rest.range(of: "</tr>", range: start.upperBound..<rest.endIndex)
      else { return nil }
      return String(rest[start.lowerBound..<end.upperBound])
    }

    @Test("judgements are refused for an unknown domain, a bad score and nothing scored, next to the field")
    func refusedJudgements() async throws {
      try await PagesKit.withFixture { app in
        // setup
        let round = try await Self.open(app)
        let delphi = app.catalog.repository.deliberation

        // act, check: a domain of the store that is not in the round, and one that does not exist
        for domain in ["gamma-wind", "no-such-domain"] {
          let res = try await PagesKit.submit(
            app, "/rounds/\(round)/judgements", [("domain", domain), ("assessor", Self.ada), ("score-military", "2")])
          #expect(res.status == .unprocessableEntity)
          #expect(res.body.string.contains("is not one of this round"))
        }

        // act, check: a score of 5 is shown next to its field, what was typed is kept
        var res = try await Self.judge(
          app, round, Self.ada, "alpha-physics", ["score-military": "5", "rationale-military": "Typed <b>"])
        #expect(res.status == .unprocessableEntity)
        var html = res.body.string
        #expect(Self.fieldError(html, "alpha-physics--score-military") == "A score must be between 0 and 4, got 5")
        #expect(PagesKit.tags(html, "input", having: ["id": "alpha-physics--score-military"]).first?["value"] == "5")
        #expect(html.contains(">Typed &lt;b&gt;</textarea>"))
        #expect(PagesKit.text(html, id: "form-errors")?.contains("Military applicability, score") == true)

        // act, check: not a number, a range out of order
        res = try await Self.judge(
          app, round, Self.ada, "alpha-physics", ["score-parity": "abc", "score-scale": "2", "low-scale": "3"])
        #expect(res.status == .unprocessableEntity)
        html = res.body.string
        #expect(
          Self.fieldError(html, "alpha-physics--score-parity") == "'abc' is not a number; enter a score from 0 to 4")
        #expect(Self.fieldError(html, "alpha-physics--score-scale")?.hasPrefix("Range must be ordered") == true)

        // act, check: nothing scored; the page is still the signed-in panellist's
        res = try await Self.judge(app, round, Self.ada, "beta-batteries", ["assessor": "Someone Else"])
        #expect(res.body.string.contains("Judging as <strong>\(Self.ada)</strong>"))
        #expect(res.status == .unprocessableEntity)
        #expect(PagesKit.text(res.body.string, id: "form-notice")?.hasPrefix("Nothing to submit") == true)

        // check: nothing stored
        #expect(try await delphi.judgements(round: round).isEmpty)
      }
    }

    /// The error shown next to the field with `id`, checked to be wired to the input.
    static func fieldError(_ html: String, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
      let input =
        PagesKit.tags(html, "input", having: ["id": id]).first
        ?? PagesKit.tags(html, "textarea", having: ["id": id]).first
      #expect(input?["aria-invalid"] == "true", "aria-invalid on \(id)", sourceLocation: sourceLocation)
      let describedBy = (input?["aria-describedby"] ?? "").split(separator: " ").map(String.init)
      #expect(describedBy.contains("error-\(id)"), "aria-describedby of \(id)", sourceLocation: sourceLocation)
      return PagesKit.text(html, id: "error-\(id)")
    }

    @Test("forms without the CSRF token are refused and change nothing")
    func csrf() async throws {
      try await PagesKit.withFixture { app in
        // setup
        let round = try await Self.open(app)
        let token = try await PagesKit.csrfToken(app, from: "/rounds")
        let delphi = app.catalog.repository.deliberation
        let judgement = [("domain", "alpha-physics"), ("assessor", Self.ada), ("score-military", "2")]

        // act, check: no field, a wrong field, no cookie
        for (cookie, field) in [(token, nil), (token, String(repeating: "x", count: 43)), (nil, token)]
          as [(String?, String?)]
        {
          for (path, fields) in [
            ("/rounds/\(round)/judgements", judgement), ("/rounds/\(round)/close", []),
            ("/rounds", [("study", "S"), ("title", "T"), ("facilitator", "F"), ("domain", "alpha-physics")]),
            ("/rounds/\(round)/adopt", []),
          ] {
            let res = try await PagesKit.post(app, path, fields, cookie: cookie, field: field)
            #expect(res.status == .forbidden, "\(path)")
          }
        }
        #expect(try await delphi.judgements(round: round).isEmpty)
        #expect(try await delphi.round(id: round)?.isOpen == true)
        #expect(try await delphi.rounds(study: nil).count == 1)
      }
    }

    @Test("opening a round is validated: fields, unknown domains, and the previous round must be closed")
    func openErrors() async throws {
      try await PagesKit.withFixture { app in
        // act, check: nothing filled in
        var res = try await PagesKit.submit(app, "/rounds", [("study", " "), ("title", ""), ("facilitator", "")])
        #expect(res.status == .unprocessableEntity)
        var html = res.body.string
        // The facilitator is the signed-in account: no field.
        #expect(PagesKit.text(html, id: "error-facilitator") == nil)
        for field in ["study", "title"] {
          #expect(PagesKit.text(html, id: "error-\(field)") != nil, "error at \(field)")
        }
        #expect(PagesKit.text(html, id: "error-domains") == "Choose at least one domain for the panel to judge")

        // act, check: an unknown domain; what was typed is kept
        res = try await PagesKit.submit(
          app, "/rounds", [("study", "S & <T>"), ("title", "T"), ("facilitator", "F"), ("domain", "zeta")])
        #expect(res.status == .unprocessableEntity)
        html = res.body.string
        #expect(PagesKit.text(html, id: "error-domains") == "No domain with id 'zeta'")
        #expect(PagesKit.tags(html, "input", having: ["name": "study"]).first?["value"] == "S & <T>")
        #expect(!html.contains("<T>"))

        // act, check: the next round of a study waits for the previous to close
        let first = try await Self.open(app)
        res = try await PagesKit.submit(
          app, "/rounds",
          [("study", "Panel 2026"), ("title", "Too soon"), ("facilitator", "F"), ("domain", "alpha-physics")])
        #expect(res.status == .conflict)
        #expect(
          PagesKit.text(res.body.string, id: "error-study")?.contains(
            "is still open: close it before opening the next round") == true)
        #expect(try await app.catalog.repository.deliberation.rounds(study: nil).map(\.id) == [first])

        // act, check: closing twice, unknown rounds
        try await Self.close(app, first)
        res = try await PagesKit.submit(app, "/rounds/\(first)/close", [("confirm", "yes")])
        #expect(res.status == .conflict)
        for path in ["/rounds/999", "/rounds/abc", "/rounds/999/assessor?name=x", "/rounds/999/feedback?name=x"] {
          #expect(try await PagesKit.get(app, path).status == .notFound, "\(path)")
        }
      }
    }

    @Test("names and titles are escaped everywhere, and a name in the address opens only one's own page")
    func escapingAndNamePages() async throws {
      try await PagesKit.withFixture { app in
        // setup
        let evil = "\"><script>alert(1)</script>"
        let round = try await Self.open(app, study: "Study \(evil)", title: "Title \(evil)")

        // act
        let other = try await Self.who(app, "Other Panellist")
        let asked = try await PagesKit.get(app, "/rounds/\(round)/assessor?name=\(Self.encoded(evil))", as: other)
        let res = try await Self.judge(app, round, evil, "alpha-physics", ["score-military": "2"])
        let pages = [
          try await PagesKit.get(app, "/rounds").body.string,
          try await PagesKit.get(app, "/rounds/\(round)").body.string,
          try await Self.assessorPage(app, round, evil),
        ]
        try await Self.close(app, round)
        let feedback = try await Self.feedbackPage(app, round, evil).body.string

        // check
        // A name in the address does not open another panellist's page.
        #expect(asked.status == .ok)
        #expect(asked.body.string.contains("Judging as <strong>Other Panellist</strong>"))
        #expect(!PagesKit.roundFields(asked.body.string, domain: "alpha-physics").contains { $0.1 == "2" })
        #expect(res.status == .seeOther)
        for html in pages + [feedback] {
          #expect(!html.contains("<script>alert"), "escaped")
          #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
        #expect(try await app.catalog.repository.deliberation.judgements(round: round).first?.assessor == evil)
      }
    }

    @Test("adopting a closed round adds the panel's pooled judgement as a new assessment")
    func adopt() async throws {
      try await PagesKit.withFixture { app in
        // setup
        let round = try await Self.open(app, domains: ["alpha-physics"])
        _ = try await Self.judge(app, round, Self.ada, "alpha-physics", ["score-military": "1"])
        _ = try await Self.judge(app, round, Self.bert, "alpha-physics", ["score-military": "3"])
        let refused = try await PagesKit.submit(app, "/rounds/\(round)/adopt", [("confirm", "yes")])
        try await Self.close(app, round)

        // act
        let res = try await PagesKit.submit(app, "/rounds/\(round)/adopt", [("confirm", "yes")])

        // check
        #expect(refused.status == .conflict)
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/rounds/\(round)?adopted=1")
        let domain = try #require(try await app.catalog.repository.domain(id: "alpha-physics"))
        #expect(domain.assessments.count == 2)
        #expect(domain.current?.assessor == "Delphi panel: Panel 2026, round 1")
        let page = try await PagesKit.get(app, "/domains/alpha-physics")
        #expect(page.status == .ok)
        #expect(page.body.string.contains("Delphi panel: Panel 2026, round 1"))
      }
    }
  }
}
