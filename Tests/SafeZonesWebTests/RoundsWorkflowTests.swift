import Foundation
import SafeZonesCore
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// The round form that never loses a word (one submit, drafts), and the actions that ask
  /// first and can be undone (closing, adopting, reverting), through the real app.
  @Suite("Delphi rounds: drafts, confirmation, undo")
  struct RoundsWorkflowTests {
    typealias R = RoundsTests

    /// The page's form with `changes` (keys `domain.field`) applied to what it shows.
    static func form(_ html: String, _ changes: [String: String]) -> [(String, String)] {
      PagesKit.replacing(PagesKit.formFields(html, id: "round-form"), changes)
    }

    @Test("one form for the whole round: every scored domain in one submission, all or nothing, typing kept as drafts")
    func oneForm() async throws {
      try await PagesKit.withFixture { app in
        let round = try await R.open(app)
        let ada = try await R.who(app, R.ada)
        let delphi = app.catalog.repository.deliberation
        var page = try await R.assessorPage(app, round, R.ada)
        // Each criterion shows what its levels mean, tied to the score field.
        for domain in ["alpha-physics", "beta-batteries"] {
          let levels = PagesKit.tags(page, "ol", having: ["id": "\(domain)--levels-military"])
          #expect(levels.count == 1)
          let score = PagesKit.tags(page, "input", having: ["id": "\(domain)--score-military"]).first
          #expect(score?["data-levels"] == "\(domain)--levels-military")
        }
        #expect(PagesKit.tags(page, "li", having: ["data-level": "4"]).count >= 2 * CriterionID.allCases.count)

        // act: both domains typed, one score out of range
        var res = try await PagesKit.submit(
          app, "/rounds/\(round)/judgements",
          Self.form(
            page,
            [
              "alpha-physics.score-military": "1", "alpha-physics.rationale-military": "Basic science only.",
              "beta-batteries.score-economic": "7", "beta-batteries.rationale-economic": "Typed with care.",
            ]), as: ada)
        // check: nothing submitted, everything typed shown again and kept as drafts
        #expect(res.status == .unprocessableEntity)
        var html = res.body.string
        #expect(try await delphi.judgements(round: round).isEmpty)
        #expect(PagesKit.text(html, id: "draft-notice")?.hasPrefix("Nothing was submitted") == true)
        #expect(PagesKit.text(html, id: "form-errors")?.contains("Beta batteries") == true)
        #expect(
          PagesKit.roundFields(html, domain: "alpha-physics").contains {
            $0 == ("rationale-military", "Basic science only.")
          })
        #expect(PagesKit.roundFields(html, domain: "beta-batteries").contains { $0 == ("score-economic", "7") })
        let drafts = try await delphi.drafts(round: round, assessor: R.ada)
        #expect(drafts.map(\.domainID) == ["alpha-physics", "beta-batteries"])
        #expect(drafts.first?.fields["rationale-military"] == "Basic science only.")
        // The drafts survive leaving: the page opens on them.
        page = try await R.assessorPage(app, round, R.ada)
        #expect(PagesKit.tags(page, "p", having: ["data-prefill": "draft"]).count == 2)
        #expect(PagesKit.roundFields(page, domain: "beta-batteries").contains { $0 == ("score-economic", "7") })

        // act: corrected, both go in one submission
        res = try await PagesKit.submit(
          app, "/rounds/\(round)/judgements", Self.form(page, ["beta-batteries.score-economic": "3"]), as: ada)
        #expect(res.status == .seeOther)
        #expect(
          res.headers.first(name: .location)
            == "/rounds/\(round)/assessor?submitted=alpha-physics%2Cbeta-batteries#domain-alpha-physics")
        let stored = try await delphi.judgements(round: round)
        #expect(stored.map(\.domainID) == ["alpha-physics", "beta-batteries"])
        #expect(stored.last?.scores[.economic]?.rationale == "Typed with care.")
        // Submitting removed the drafts it used.
        #expect(try await delphi.drafts(round: round, assessor: R.ada).isEmpty)
        html = try await PagesKit.get(
          app, res.headers.first(name: .location)!.components(separatedBy: "#")[0], as: ada
        ).body.string
        #expect(
          PagesKit.text(html, id: "saved-notice")?.contains("Alpha physics, Beta batteries") == true)

        // act: submitting the page again unchanged sends nothing new
        res = try await PagesKit.submit(app, "/rounds/\(round)/judgements", Self.form(html, [:]), as: ada)
        #expect(res.status == .unprocessableEntity)
        #expect(PagesKit.text(res.body.string, id: "form-notice")?.hasPrefix("Nothing to submit") == true)
        #expect(try await delphi.judgements(round: round).count == 2)
      }
    }

    @Test("drafts: saved as one types (JSON) or by the button (back to the page), private, refused once closed")
    func drafts() async throws {
      try await PagesKit.withFixture { app in
        let round = try await R.open(app)
        let ada = try await R.who(app, R.ada)
        let bert = try await R.who(app, R.bert)
        let delphi = app.catalog.repository.deliberation
        let page = try await R.assessorPage(app, round, R.ada)

        // act: the page's script saves as one types
        var res = try await PagesKit.submit(
          app, "/rounds/\(round)/drafts",
          Self.form(page, ["alpha-physics.rationale-scale": "Half a thought", "autosave": "1"]), as: ada)
        #expect(res.status == .ok)
        #expect(res.headers.contentType == .json)
        let body = try JSONDecoder().decode([String: String].self, from: Data(res.body.readableBytesView))
        #expect(body["domains"] == "alpha-physics")
        #expect(body["saved_at"]?.hasSuffix("UTC") == true)
        #expect(
          try await delphi.drafts(round: round, assessor: R.ada).first?.fields == ["rationale-scale": "Half a thought"])
        #expect(try await delphi.judgements(round: round).isEmpty)

        // act: "Save draft" without script returns to the page, which shows the draft
        res = try await PagesKit.submit(
          app, "/rounds/\(round)/drafts", Self.form(page, ["beta-batteries.note": "Later"]), as: ada)
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/rounds/\(round)/assessor?draft=saved#round-actions")
        let shown = try await PagesKit.get(app, "/rounds/\(round)/assessor?draft=saved", as: ada).body.string
        #expect(PagesKit.text(shown, id: "draft-notice")?.hasPrefix("Draft saved") == true)
        #expect(PagesKit.roundFields(shown, domain: "beta-batteries").contains { $0 == ("note", "Later") })

        // check: another panellist sees none of it
        let theirs = try await PagesKit.get(app, "/rounds/\(round)/assessor", as: bert).body.string
        #expect(!theirs.contains("Half a thought") && !theirs.contains("Later"))
        #expect(try await delphi.drafts(round: round, assessor: R.bert).isEmpty)

        // check: a closed round takes no drafts
        try await R.close(app, round)
        res = try await PagesKit.submit(
          app, "/rounds/\(round)/drafts", Self.form(page, ["alpha-physics.note": "Too late", "autosave": "1"]), as: ada)
        #expect(res.status == .conflict)
      }
    }

    @Test("closing asks first: the button leads to a page with who answered, and only its form closes")
    func confirmClose() async throws {
      try await PagesKit.withFixture { app in
        let round = try await R.open(app)
        _ = try await R.judge(app, round, R.ada, "alpha-physics", ["score-military": "1"])
        let delphi = app.catalog.repository.deliberation

        // act: the round page's button, without confirmation
        var res = try await PagesKit.submit(app, "/rounds/\(round)/close", [])
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/rounds/\(round)/close")
        #expect(try await delphi.round(id: round)?.isOpen == true)

        // check: the confirmation page
        let page = try await PagesKit.get(app, "/rounds/\(round)/close")
        #expect(page.status == .ok)
        let html = page.body.string
        #expect(PagesKit.text(html, id: "close-final")?.hasPrefix("Closing is final") == true)
        #expect(PagesKit.text(html, id: "close-summary")?.contains(R.ada) == true)
        #expect(PagesKit.text(html, id: "close-unanswered")?.contains("Beta batteries") == true)
        #expect(PagesKit.formFields(html, id: "confirm-close-form").contains { $0 == ("confirm", "yes") })

        // act: confirmed
        res = try await PagesKit.submit(
          app, "/rounds/\(round)/close", PagesKit.formFields(html, id: "confirm-close-form"))
        #expect(res.status == .seeOther)
        #expect(try await delphi.round(id: round)?.isOpen == false)
        // A closed round has nothing to confirm.
        #expect(try await PagesKit.get(app, "/rounds/\(round)/close").status == .conflict)
      }
    }

    @Test("adopting previews each domain's move and asks first; an adoption can be reverted, kept in the history")
    func adoptPreviewAndRevert() async throws {
      try await PagesKit.withFixture { app in
        // setup: a panel that judges alpha-physics as risky as the scale allows
        let round = try await R.open(app, domains: ["alpha-physics"])
        let risky: [String: String] = [
          "score-military": "4", "score-security_exposure": "4", "score-dominance": "4", "score-salience": "4",
          "score-economic": "4", "score-fundamentality": "0", "score-spillovers": "0", "score-parity": "0",
        ]
        _ = try await R.judge(app, round, R.ada, "alpha-physics", risky)
        _ = try await R.judge(app, round, R.bert, "alpha-physics", risky)
        try await R.close(app, round)
        let repository = app.catalog.repository
        let before = try #require(try await repository.domain(id: "alpha-physics"))
        let rubric = try await app.catalog.snapshot().rubric
        let was = Scoring.place(try #require(before.current), rubric: rubric).quadrant

        // act: the round page's adopt button, without confirmation
        var res = try await PagesKit.submit(app, "/rounds/\(round)/adopt", [])
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/rounds/\(round)/adopt")
        #expect(try await repository.domain(id: "alpha-physics")?.assessments.count == before.assessments.count)

        // check: the preview names the move, from which quadrant to which
        let preview = try await PagesKit.get(app, "/rounds/\(round)/adopt").body.string
        let consensus = try Delphi.consensus(
          round: try #require(try await repository.deliberation.round(id: round)),
          judgements: try await repository.deliberation.judgements(round: round), date: Day(Date()))
        let will = Scoring.place(consensus[0].assessment, rubric: rubric).quadrant
        try #require(was != will, "the fixture's panel moves the domain")
        let row = try #require(PagesKit.text(preview, id: "adopt-preview"))
        #expect(row.contains("Moves from \(was.title.lowercased()) to \(will.title.lowercased())"))
        #expect(PagesKit.text(preview, id: "adopt-summary")?.contains("1 would move to another quadrant") == true)

        // act: confirmed
        res = try await PagesKit.submit(
          app, "/rounds/\(round)/adopt", PagesKit.formFields(preview, id: "confirm-adopt-form"))
        #expect(res.status == .seeOther)
        let adopted = try #require(try await repository.domain(id: "alpha-physics"))
        #expect(adopted.assessments.count == before.assessments.count + 1)
        #expect(
          adopted.current?.assessor
            == Delphi.panelName(try #require(try await repository.deliberation.round(id: round))))

        // check: the round page offers the revert
        let detail = try await PagesKit.get(app, "/rounds/\(round)").body.string
        #expect(PagesKit.tags(detail, "button", having: ["id": "revert-alpha-physics"]).count == 1)

        // act: revert
        res = try await PagesKit.submit(
          app, "/rounds/\(round)/revert", PagesKit.formFields(detail, id: "revert-form") + [("domain", "alpha-physics")]
        )
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/rounds/\(round)?reverted=1")
        let reverted = try #require(try await repository.domain(id: "alpha-physics"))
        // A new assessment restores the old scores; the panel's stays in the history.
        #expect(reverted.assessments.count == before.assessments.count + 2)
        #expect(reverted.current?.scores == before.current?.scores)
        #expect(reverted.current?.assessor == "Site Admin")
        #expect(reverted.current?.note?.contains("reverting the adoption") == true)
        #expect(Scoring.place(try #require(reverted.current), rubric: rubric).quadrant == was)
        #expect(reverted.assessments.contains { $0.assessor.hasPrefix("Delphi panel") })
        let after = try await PagesKit.get(app, "/rounds/\(round)?reverted=1").body.string
        #expect(PagesKit.text(after, id: "reverted-notice")?.hasPrefix("Reverted the adoption for 1 domain") == true)
        #expect(PagesKit.tags(after, "button", having: ["id": "revert-alpha-physics"]).isEmpty)

        // check: reverting again is refused, saying why
        res = try await PagesKit.submit(app, "/rounds/\(round)/revert", [("domain", "alpha-physics")])
        #expect(res.status == .conflict)
        #expect(res.body.string.contains("no adoption to revert"))
      }
    }
  }
}
