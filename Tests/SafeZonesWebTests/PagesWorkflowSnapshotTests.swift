import Foundation
import NIOCore
import SafeZonesCore
import SnapshotTesting
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension PagesTests {
  /// Snapshots of the pages that had none: the links graph and the Delphi pages a
  /// facilitator and a panellist walk through (the list, the one-form assessor page with a
  /// draft and a refusal, the close and adopt confirmations, the round after adopting with
  /// its revert section). Normalized as `PagesSnapshotTests`; re-record on purpose only.
  @Suite("workflow page snapshots")
  struct PagesWorkflowSnapshotTests {
    static func snapshot(_ html: String, name: String) {
      var strategy = Snapshotting<String, String>.lines
      strategy.pathExtension = "html"
      assertSnapshot(of: PagesKit.normalized(html), as: strategy, named: name, testName: "page")
    }

    static func get(_ app: Application, _ path: String, status: HTTPResponseStatus = .ok) async throws -> String {
      let res = try await PagesKit.get(app, path)
      #expect(res.status == status, "\(path)")
      return res.body.string
    }

    @Test("graph, rounds list, assessor form (draft, refusal), close and adopt confirmations, revert")
    func pages() async throws {
      try await PagesKit.withFixture { app in
        Self.snapshot(try await Self.get(app, "/graph"), name: "graph")

        let round = try await RoundsTests.open(app, domains: ["alpha-physics", "beta-batteries"])
        Self.snapshot(try await Self.get(app, "/rounds"), name: "rounds-list")

        // The assessor page with a draft of one domain, then a refused submission.
        var page = try await Self.get(app, "/rounds/\(round)/assessor")
        var fields = PagesKit.replacing(
          PagesKit.formFields(page, id: "round-form"),
          ["alpha-physics.rationale-military": "A draft, not yet scored.", "autosave": "1"])
        #expect(try await PagesKit.submit(app, "/rounds/\(round)/drafts", fields).status == .ok)
        page = try await Self.get(app, "/rounds/\(round)/assessor")
        Self.snapshot(page, name: "round-assessor-draft")
        fields = PagesKit.replacing(
          PagesKit.formFields(page, id: "round-form"),
          ["alpha-physics.score-military": "9", "beta-batteries.score-economic": "3"])
        let refused = try await PagesKit.submit(app, "/rounds/\(round)/judgements", fields)
        #expect(refused.status == .unprocessableEntity)
        Self.snapshot(refused.body.string, name: "round-assessor-refused")

        // Judged, closed through the confirmation, adopted through the preview.
        fields = PagesKit.replacing(
          PagesKit.formFields(refused.body.string, id: "round-form"),
          ["alpha-physics.score-military": "4", "alpha-physics.score-security_exposure": "4"])
        #expect(try await PagesKit.submit(app, "/rounds/\(round)/judgements", fields).status == .seeOther)
        Self.snapshot(try await Self.get(app, "/rounds/\(round)/close"), name: "round-close-confirm")
        try await RoundsTests.close(app, round)
        let preview = try await Self.get(app, "/rounds/\(round)/adopt")
        Self.snapshot(preview, name: "round-adopt-preview")
        #expect(
          try await PagesKit.submit(
            app, "/rounds/\(round)/adopt", PagesKit.formFields(preview, id: "confirm-adopt-form")
          ).status == .seeOther)
        let adopted = try await Self.get(app, "/rounds/\(round)?adopted=2")
        // Only the revert section: the rest of the facilitator's page has its own snapshot.
        let start = try #require(adopted.range(of: "<section id=\"revert-adoption\""))
        let end = try #require(adopted.range(of: "</section>", range: start.upperBound..<adopted.endIndex))
        Self.snapshot(String(adopted[start.lowerBound..<end.upperBound]), name: "round-revert-section")
      }
    }
  }
}
