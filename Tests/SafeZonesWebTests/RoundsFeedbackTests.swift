import Foundation
import SafeZonesCore
import SnapshotTesting
import Testing
import VaporTesting

@testable import SafeZonesWeb

/// Feedback people can act on, through the real app: per criterion a chart of this round
/// against the last, the panel's rationales without names, the convergence note that tells
/// narrowing from drop-out; and, for the facilitator only, who has not answered.
extension PagesTests.RoundsTests {
  static let cyd = "Cydonia Marchbanks"

  /// Closes a round through the confirmation form.
  static func closeConfirmed(
    _ app: Application, _ round: Int, sourceLocation: SourceLocation = #_sourceLocation
  )
    async throws
  {
    let res = try await PagesKit.submit(app, "/rounds/\(round)/close", [("confirm", "yes")])
    #expect(res.status == .seeOther, sourceLocation: sourceLocation)
    #expect(
      try await app.catalog.repository.deliberation.round(id: round)?.isOpen == false, sourceLocation: sourceLocation)
  }

  /// Round 1: Ada, Bert and Cyd judge alpha's military applicability (1, 3, 4) with reasons,
  /// Ada and Bert also beta. Round 2: Ada and Bert move closer (2, 2.5); Cyd does not
  /// answer, and nobody judges beta. Returns both rounds' ids; round 2 is left open.
  static func twoRounds(_ app: Application) async throws -> (Int, Int) {
    let r1 = try await Self.open(app)
    let first: [(String, String, String)] = [
      (Self.ada, "1", "Basic science; military uses are remote."),
      (Self.bert, "3", "Navies fund the sensors."),
      (Self.cyd, "4", "Already in weapons <script>alert(1)</script> & more."),
    ]
    for (who, score, why) in first {
      let res = try await Self.judge(
        app, r1, who, "alpha-physics",
        ["score-military": score, "rationale-military": why, "score-fundamentality": "3"])
      #expect(res.status == .seeOther, "\(who) round 1")
    }
    for who in [Self.ada, Self.bert] {
      let res = try await Self.judge(app, r1, who, "beta-batteries", ["score-economic": "2"])
      #expect(res.status == .seeOther, "\(who) beta")
    }
    try await Self.closeConfirmed(app, r1)
    let r2 = try await Self.open(app, title: "Revision")
    var res = try await Self.judge(
      app, r2, Self.ada, "alpha-physics",
      ["score-military": "2", "rationale-military": "Moved up after the drone reports."])
    #expect(res.status == .seeOther)
    res = try await Self.judge(
      app, r2, Self.bert, "alpha-physics",
      ["score-military": "2.5", "rationale-military": "Export controls already bite."])
    #expect(res.status == .seeOther)
    return (r1, r2)
  }

  /// The HTML of the `tag` element with `id`, up to the first closing `</tag>` (none of
  /// the parts asked for holds another `tag`).
  static func part(_ html: String, _ tag: String, id: String) -> String? {
    guard let attribute = html.range(of: " id=\"\(id)\""),
      let start = html.range(of: "<\(tag)", options: .backwards, range: html.startIndex..<attribute.lowerBound),
      !html[start.upperBound..<attribute.lowerBound].contains(">"),
      let end = html.range(of: "</\(tag)>", range: attribute.upperBound..<html.endIndex)
    else { return nil }
    return String(html[start.lowerBound..<end.upperBound])
  }

  @Test("the facilitator sees who has not answered, per domain; panellists never do")
  func whoHasNotAnswered() async throws {
    try await PagesKit.withFixture { app in
      // setup
      let (r1, r2) = try await Self.twoRounds(app)

      // act
      let open = try await PagesKit.get(app, "/rounds/\(r2)").body.string

      // check: the expected panel is round 1's three; Cyd has answered nothing
      let alpha = try #require(
        PagesKit.tags(open, "li", having: ["data-domain": "alpha-physics", "data-missing": "1"]).first)
      #expect(!alpha.isEmpty)
      let list = try #require(Self.part(open, "ul", id: "unanswered-list"))
      #expect(list.contains("Alpha physics: </strong>1 missing: \(Self.cyd)."))
      #expect(list.contains("3 missing: \(Self.ada), \(Self.bert), \(Self.cyd)."))
      #expect(PagesKit.text(open, id: "unanswered-silent") == "Nothing yet from \(Self.cyd) in this round.")
      #expect(open.contains("Who has not answered yet"))
      // Round 1 on its own: its panel is its submitters, and beta lacks Cyd.
      let first = try await PagesKit.get(app, "/rounds/\(r1)").body.string
      #expect(first.contains("Who did not answer"))
      #expect(
        Self.part(first, "ul", id: "unanswered-list")?.contains("Beta batteries: </strong>1 missing: \(Self.cyd).")
          == true)

      // check: no panellist's page names the missing, and the facilitator's page is not theirs
      let ada = try await Self.who(app, Self.ada)
      let refused = try await PagesKit.get(app, "/rounds/\(r2)", as: ada)
      #expect(refused.status == .forbidden)
      #expect(!refused.body.string.contains(Self.cyd))
      let pages = [
        try await Self.assessorPage(app, r2, Self.ada), try await Self.feedbackPage(app, r1, Self.ada).body.string,
        try await Self.feedbackPage(app, r2, Self.ada).body.string,
        try await PagesKit.get(app, "/rounds", as: ada).body.string,
      ]
      for html in pages {
        #expect(!html.contains("Cydonia") && !html.contains("Marchbanks"))
        #expect(!html.contains("id=\"unanswered"))
        #expect(!html.contains("not answered"))
      }
    }
  }

  @Test("feedback: a chart per criterion, the rationales without names, the reader's own marked, the drop-out note")
  func feedbackPage() async throws {
    try await PagesKit.withFixture { app in
      // setup
      let (r1, r2) = try await Self.twoRounds(app)
      try await Self.closeConfirmed(app, r2)

      // act
      let res = try await Self.feedbackPage(app, r2, Self.ada)

      // check: a chart in every criterion's card, drawn against round 1
      #expect(res.status == .ok)
      let html = res.body.string
      let cards = PagesKit.tags(html, "section").filter { ($0["class"] ?? "").contains("delphi-criterion") }
      #expect(
        cards.compactMap { $0["id"] } == ["feedback-alpha-physics-fundamentality", "feedback-alpha-physics-military"])
      for card in cards {
        let section = try #require(Self.part(html, "section", id: card["id"]!))
        #expect(section.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(card["id"]!)")
        #expect(section.contains("class=\"delphi-distribution\""))
        #expect(section.contains("role=\"img\""))
      }
      let military = try #require(Self.part(html, "section", id: "feedback-alpha-physics-military"))
      #expect(military.contains("aria-label=\"Military applicability. Round 2: 2 panellists, median"))
      #expect(military.contains("Round 1: 3 panellists"))
      // The rationales of this round, sorted by score, none named; Ada's marked as hers.
      let reasons = try #require(Self.part(html, "div", id: "feedback-alpha-physics-military-rationales"))
      #expect(
        PagesKit.tags(reasons, "li").map { $0["data-own"] } == ["true", nil],
        "Ada's 2 before Bert's 2.5")
      #expect(reasons.contains("Moved up after the drone reports.<strong class=\"yours-mark\"> (yours)</strong>"))
      #expect(reasons.contains("Export controls already bite."))
      #expect(!reasons.contains("Navies"), "round 1's reasons are round 1's")
      for name in ["Bertram", "Zoltan", "Cydonia", "Marchbanks"] { #expect(!html.contains(name), "\(name)") }
      // N fell from 3 to 2 while the spread narrowed: said, and those who stayed converged.
      let note = try #require(PagesKit.text(html, id: "feedback-alpha-physics-military-change"))
      #expect(note.hasPrefix("Narrowed: the IQR went from 1.5 to 0.25;"))
      #expect(note.contains("N fell from 3 to 2: the narrowing partly reflects a missing panellist."))
      #expect(note.contains("Among the 2 who answered both rounds the range went from 2 to 0.5: they converged."))
      #expect(
        PagesKit.tags(html, "p", having: ["id": "feedback-alpha-physics-military-change"]).first?["data-caveat"]
          == "dropout")
      // Beta: nobody judged it in round 2.
      #expect(PagesKit.text(html, id: "feedback-beta-batteries")?.contains("Nobody judged this domain") == true)
      // Round 1's feedback has rationales escaped, and no comparison.
      let first = try await Self.feedbackPage(app, r1, Self.bert).body.string
      #expect(first.contains("Already in weapons &lt;script&gt;alert(1)&lt;/script&gt; &amp; more."))
      #expect(!first.contains("<script>alert"))
      #expect(!first.contains("N fell"))
      #expect(
        PagesKit.tags(first, "li", having: ["data-own": "true"]).count == 1, "Bert's own reason, only")
      #expect(!first.contains("Quillfeather") && !first.contains("Cydonia"))
    }
  }

  @Test("the facilitator's convergence flags rows whose N changed and explains the drop-out")
  func convergenceNotes() async throws {
    try await PagesKit.withFixture { app in
      // setup
      let (_, r2) = try await Self.twoRounds(app)
      try await Self.closeConfirmed(app, r2)

      // act
      let html = try await PagesKit.get(app, "/rounds/\(r2)").body.string

      // check
      #expect(
        PagesKit.text(html, id: "convergence-caveat")
          == "N changed for 2 of these criteria (flagged in the table): the panel was not the same in both rounds. In 1 criterion the spread narrowed while N fell: that narrowing partly reflects missing panellists; the notes below say whether those who stayed converged."
      )
      let flagged = PagesKit.tags(html, "tr", having: ["data-n-changed": "true"]).compactMap { $0["data-criterion"] }
      #expect(flagged == ["fundamentality", "military"])
      #expect(html.contains(">3→2</td>"))
      #expect(html.contains(">narrowed <span class=\"flag\" data-flag=\"n-changed\">N fell</span>"))
      let notes = try #require(Self.part(html, "div", id: "convergence-notes"))
      #expect(notes.contains("N fell from 3 to 2: the narrowing partly reflects a missing panellist."))
      #expect(notes.contains("they converged."))
      #expect(html.contains("Who did not answer"))
    }
  }

  @Test("snapshots: the panellist's feedback page and the facilitator's panel sections")
  func feedbackSnapshots() async throws {
    try await PagesKit.withFixture { app in
      let (_, r2) = try await Self.twoRounds(app)
      var strategy = Snapshotting<String, String>.lines
      strategy.pathExtension = "html"
      // Open: who has not answered yet.
      let open = try await PagesKit.get(app, "/rounds/\(r2)").body.string
      assertSnapshot(
        of: PagesKit.normalized(try #require(Self.part(open, "section", id: "unanswered"))), as: strategy,
        named: "facilitator-unanswered", testName: "rounds")
      try await Self.closeConfirmed(app, r2)
      // Closed: the convergence with its notes (the facilitator's other sections belong to
      // other tests), and Ada's whole feedback page (the charts have their own snapshot).
      let closed = try await PagesKit.get(app, "/rounds/\(r2)").body.string
      assertSnapshot(
        of: PagesKit.normalized(try #require(Self.part(closed, "section", id: "convergence"))), as: strategy,
        named: "facilitator-convergence", testName: "rounds")
      let feedback = try await Self.feedbackPage(app, r2, Self.ada).body.string
      assertSnapshot(of: PagesKit.normalized(feedback), as: strategy, named: "feedback", testName: "rounds")
      if let dir = ProcessInfo.processInfo.environment["SAFEZONES_WRITE_PAGES"] {
        try feedback.write(toFile: "\(dir)/rounds-feedback.html", atomically: true, encoding: .utf8)
        try closed.write(toFile: "\(dir)/rounds-facilitator.html", atomically: true, encoding: .utf8)
      }
    }
  }
}
