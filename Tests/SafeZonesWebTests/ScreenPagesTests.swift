import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// Screening on the site through the real app: paste → screening → save → record, the
  /// refusals, and re-review when a domain the decision rests on moves.
  @Suite("screening pages")
  struct ScreenPagesTests {
    static let proposal = ScreenPage.example

    @Test("screening needs an account, even when the map is open to the public")
    func needsAccount() async throws {
      try await PagesKit.withSite(adjust: { $0.publicRead = true }) { app in
        for path in ["/screen", "/screen/records", "/screen/records/p-1/1"] {
          let res = try await app.testing().sendRequest(.GET, path)
          #expect(res.status == .seeOther, "\(path): \(res.status)")
          #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true, "\(path)")
        }
        #expect(try await app.testing().sendRequest(.GET, "/").status == .ok, "the map itself is public")
      }
    }

    @Test("paste, screen, save a decision, read the record; a second decision is version 2")
    func pasteScreenSave() async throws {
      try await PagesKit.withSite { app in
        let form = try await PagesKit.get(app, "/screen?example=1")
        #expect(form.status == .ok)
        #expect(form.body.string.contains("p-2027-014"), "the example fills the box")

        let screened = try await PagesKit.submit(app, "/screen", [("proposal", Self.proposal)])
        #expect(screened.status == .ok)
        let html = screened.body.string
        #expect(PagesKit.tags(html, "section", having: ["data-proposal": "p-2027-014"]).count == 1)
        #expect(PagesKit.tags(html, "section", having: ["data-aim": "a1"]).count == 1)
        #expect(PagesKit.tags(html, "section", having: ["data-aim": "a2"]).count == 1)
        let overall = try #require(PagesKit.text(html, id: "p0-overall"))
        #expect(overall.contains("a2"), "the battery-production aim is the sensitive one: \(overall)")
        #expect(html.contains("lithium-based-batteries"))
        #expect(html.contains("screening-map-svg"))

        // Refused: no decision, then conditions missing; nothing saved, words kept.
        let fields = PagesKit.formFields(html, id: "p0-decide")
        var res = try await PagesKit.submit(app, "/screen/records", fields + [("p0-rationale", "Because.")])
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains("choose a decision"))
        res = try await PagesKit.submit(
          app, "/screen/records",
          PagesKit.replacing(
            fields, ["decision": "proceed-with-conditions", "p0-rationale": "Aim a2 uses production data."]))
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains("needs its conditions"))
        #expect(res.body.string.contains("Aim a2 uses production data."))
        #expect(try await app.catalog.repository.decisions.allRecords().isEmpty)

        // Saved.
        res = try await PagesKit.submit(
          app, "/screen/records",
          PagesKit.replacing(
            fields,
            [
              "decision": "proceed-with-conditions",
              "p0-conditions": "Aim a2 runs separately; share published results only.",
              "p0-rationale": "Aim a2 uses the partner's production data.",
            ]))
        #expect(res.status == .seeOther)
        #expect(res.headers.first(name: .location) == "/screen/records/p-2027-014/1?saved=1")
        let stored = try #require(try await app.catalog.repository.decisions.records(proposalID: "p-2027-014").first)
        #expect(stored.draft.reviewer == "Site Admin", "signed by the account, not a typed name")
        #expect(stored.draft.screening.overall?.mostSensitiveAim == "a2")
        #expect(stored.draft.basis.contains { $0.id == "lithium-based-batteries" })

        let record = try await PagesKit.get(app, "/screen/records/p-2027-014/1?saved=1")
        #expect(record.status == .ok)
        let doc = record.body.string
        #expect(PagesKit.text(doc, id: "record-sha256") == stored.sha256)
        #expect(PagesKit.tags(doc, "section", having: ["data-decision": "proceed-with-conditions"]).count == 1)
        #expect(doc.contains("Aim a2 runs separately; share published results only."))
        #expect(PagesKit.text(doc, id: "versions-used")?.contains("us-cet-2024 2024-02") == true)
        #expect(PagesKit.text(doc, id: "saved-notice") != nil)

        // A changed decision is a new version; the first stays and says it is superseded.
        res = try await PagesKit.submit(
          app, "/screen/records",
          PagesKit.replacing(fields, ["decision": "decline", "p0-rationale": "The partner declined the conditions."]))
        #expect(res.headers.first(name: .location) == "/screen/records/p-2027-014/2?saved=1")
        let first = try await PagesKit.get(app, "/screen/records/p-2027-014/1")
        #expect(PagesKit.text(first.body.string, id: "superseded") != nil)
        #expect(try await PagesKit.get(app, "/screen/records/p-2027-014/9").status == .notFound)
        #expect(try await PagesKit.get(app, "/screen/records/p-2027-014/x").status == .badRequest)
        let list = try await PagesKit.get(app, "/screen/records").body.string
        #expect(PagesKit.tags(list, "tr", having: ["data-proposal": "p-2027-014"]).count == 1)
      }
    }

    @Test("a file upload is screened like pasted text; a broken file is refused with its line")
    func uploadAndErrors() async throws {
      try await PagesKit.withSite { app in
        let who = PagesKit.session(app)
        let boundary = "----SafeZonesScreenBoundary"
        func multipart(_ content: String) -> String {
          "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(who.token)\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"proposal\"\r\n\r\n\r\n"
            + "--\(boundary)\r\nContent-Disposition: form-data; name=\"proposal_file\"; filename=\"p.yaml\"\r\nContent-Type: application/yaml\r\n\r\n"
            + content + "\r\n--\(boundary)--\r\n"
        }
        let headers: HTTPHeaders = [
          "Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": who.cookies(),
        ]
        var res = try await app.testing().sendRequest(
          .POST, "/screen", headers: headers, body: ByteBuffer(string: multipart(Self.proposal)))
        #expect(res.status == .ok)
        #expect(PagesKit.tags(res.body.string, "section", having: ["data-proposal": "p-2027-014"]).count == 1)
        res = try await app.testing().sendRequest(
          .POST, "/screen", headers: headers,
          body: ByteBuffer(string: multipart("proposal:\n  id: p-1\n  title: T\n  aims: [{id: a1}]\n")))
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains("p.yaml"))
        #expect(res.body.string.contains("p.yaml:4:"))
        res = try await PagesKit.submit(app, "/screen", [("proposal", "")])
        #expect(res.status == .unprocessableEntity)
        #expect(res.body.string.contains("paste a proposal"))
      }
    }

    @Test("when a domain a decision rests on changes quadrant, the decision is listed for re-review")
    func reReview() async throws {
      try await PagesKit.withSite { app in
        let screened = try await PagesKit.submit(app, "/screen", [("proposal", Self.proposal)])
        let fields = PagesKit.formFields(screened.body.string, id: "p0-decide")
        _ = try await PagesKit.submit(
          app, "/screen/records", PagesKit.replacing(fields, ["decision": "proceed", "p0-rationale": "Fine as is."]))
        var list = try await PagesKit.get(app, "/screen/records").body.string
        #expect(PagesKit.tags(list, "li", having: ["data-proposal": "p-2027-014"]).isEmpty)

        // Lithium batteries judged harmless from now on: every risk criterion at 0.
        let repo = app.catalog.repository
        let domain = try #require(try await repo.domain(id: "lithium-based-batteries"))
        // The US-CN judgement (the default pair's read back without a pair), not the EU-CN one.
        var calm = try #require(domain.assessments.last { $0.pair == nil })
        calm.assessor = "Site Admin"
        calm.date = Day(Date())
        for c in CriterionID.riskCriteria { calm.scores[c] = CriterionScore(0) }
        try await repo.append(calm, to: domain.id, basedOn: domain.latestVersion)

        list = try await PagesKit.get(app, "/screen/records").body.string
        let item = PagesKit.tags(list, "li", having: ["data-proposal": "p-2027-014"])
        #expect(item.count == 1)
        #expect(list.contains("Lithium-based batteries moved from"))
        let screen = try await PagesKit.get(app, "/screen").body.string
        #expect(PagesKit.text(screen, id: "due-link")?.contains("1 needs re-review") == true)
        let record = try await PagesKit.get(app, "/screen/records/p-2027-014/1").body.string
        #expect(PagesKit.text(record, id: "re-review")?.contains("Lithium-based batteries moved from") == true)
      }
    }
  }
}

extension PagesTests.ScreenPagesTests {
  static func uploadList(
    _ app: Application, _ csv: String, as who: PagesKit.WebSession
  ) async throws
    -> TestingHTTPResponse
  {
    let boundary = "----SafeZonesListBoundary"
    let body =
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(who.token)\r\n"
      + "--\(boundary)\r\nContent-Disposition: form-data; name=\"partner_file\"; filename=\"lists.csv\"\r\nContent-Type: text/csv\r\n\r\n"
      + csv + "\r\n--\(boundary)--\r\n"
    return try await app.testing().sendRequest(
      .POST, "/screen/partners",
      headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)", "Cookie": who.cookies()],
      body: ByteBuffer(string: body))
  }

  @Test("facilitators import partner lists on the records page; a bad file is refused whole; screenings use them")
  func partnerListUpload() async throws {
    try await PagesKit.withSite { app in
      let admin = PagesKit.session(app)
      var res = try await Self.uploadList(
        app, "name,aliases,country,list,source,date\nX,,CN,L,S,2026\nY,,CN,L,Other,2026\n", as: admin)
      #expect(res.status == .unprocessableEntity)
      #expect(res.body.string.contains("lists.csv:3") && res.body.string.contains("Nothing was imported"))
      #expect(try await app.catalog.repository.decisions.partnerLists().isEmpty)

      res = try await Self.uploadList(
        app,
        "name,aliases,country,list,source,date\nExample Institute of Battery Materials,EIBM,CN,Watch,Office,2026-11-01\n",
        as: admin)
      #expect(res.status == .seeOther)
      let page = try await PagesKit.get(app, "/screen/records?imported=1").body.string
      #expect(PagesKit.tags(page, "tr", having: ["data-list": "Watch"]).count == 1)
      #expect(PagesKit.text(page, id: "imported-notice") != nil)

      let screened = try await PagesKit.submit(app, "/screen", [("proposal", Self.proposal)]).body.string
      #expect(PagesKit.tags(screened, "li", having: ["data-listed": "yes"]).count == 1)

      // An assessor may read the lists but not import one.
      let assessor = try await PagesKit.signIn(app, role: .assessor)
      let records = try await PagesKit.get(app, "/screen/records", as: assessor).body.string
      #expect(PagesKit.tags(records, "form", having: ["id": "partner-import"]).isEmpty)
      #expect(try await Self.uploadList(app, "x", as: assessor).status == .forbidden)
    }
  }
}
