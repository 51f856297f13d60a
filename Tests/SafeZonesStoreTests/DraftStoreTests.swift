import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// Panellists' drafts in Delphi rounds: private, replaced by each save, removed by the
  /// submission they prepared, refused once the round is closed.
  @Suite struct Drafts {
    typealias D = StoreTests.Deliberation

    @Test(arguments: try StoreTests.locations())
    func draftsAreReplacedKeptApartAndRemovedBySubmitting(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        try await D.seed(repo)
        let delphi = repo.deliberation
        let round = try await delphi.openRound(D.newRound())

        // act: Ada saves twice, Bert once
        try await delphi.saveDrafts([
          RoundDraft(roundID: round.id, domainID: "beta", assessor: "Ada", fields: ["note": "first"]),
          RoundDraft(roundID: round.id, domainID: "alpha", assessor: "Ada", fields: ["score-military": "2"]),
        ])
        let savedAt = try await delphi.saveDrafts([
          RoundDraft(
            roundID: round.id, domainID: "beta", assessor: "Ada", fields: ["note": "second", "score-scale": "x"])
        ])
        try await delphi.saveDrafts([
          RoundDraft(roundID: round.id, domainID: "alpha", assessor: "Bert", fields: ["note": "Bert's"])
        ])

        // check: one draft per domain and author, the latest, in the round's domain order
        let ada = try await delphi.drafts(round: round.id, assessor: "Ada")
        #expect(ada.map(\.domainID) == ["alpha", "beta"])
        #expect(ada[1].fields == ["note": "second", "score-scale": "x"])
        #expect(ada[1].savedAt == savedAt)
        #expect(try await delphi.drafts(round: round.id, assessor: "Bert").map(\.fields) == [["note": "Bert's"]])

        // check: the trail says a draft was saved, never what it says
        let records = try await repo.audit.auditRecords(AuditQuery(action: "round.draft"))
        #expect(records.count == 3)
        #expect(!records.contains { $0.summary.contains("second") || $0.summary.contains("Bert's") })

        // act: Ada submits alpha; her beta draft and Bert's alpha draft stay
        try await delphi.submit(D.judgement(round, "alpha", "Ada"))
        #expect(try await delphi.drafts(round: round.id, assessor: "Ada").map(\.domainID) == ["beta"])
        #expect(try await delphi.drafts(round: round.id, assessor: "Bert").count == 1)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func badDraftsAndClosedRoundsAreRefusedWhole(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        try await D.seed(repo)
        let delphi = repo.deliberation
        let round = try await delphi.openRound(D.newRound(domains: ["alpha"]))
        let good = RoundDraft(roundID: round.id, domainID: "alpha", assessor: "Ada", fields: ["note": "kept?"])

        // act, check: an unknown field, a domain outside the round, a control character
        for (bad, key) in [
          (
            RoundDraft(roundID: round.id, domainID: "alpha", assessor: "Ada", fields: ["score-nonsense": "1"]),
            "score-nonsense"
          ),
          (RoundDraft(roundID: round.id, domainID: "beta", assessor: "Ada", fields: ["note": "x"]), "domain"),
          (RoundDraft(roundID: round.id, domainID: "alpha", assessor: "Ada", fields: ["note": "a\u{1B}b"]), "note"),
        ] {
          await #expect {
            try await delphi.saveDrafts([good, bad])
          } throws: { error in
            guard case DeliberationError.invalid(let input) = error else { return false }
            return input.issues.contains { $0.key?.hasSuffix(key) == true }
          }
        }
        // Nothing of a refused save is stored, the good draft included.
        #expect(try await delphi.drafts(round: round.id, assessor: "Ada").isEmpty)

        // act, check: a closed round takes no drafts
        try await delphi.closeRound(id: round.id)
        await #expect(throws: DeliberationError.roundClosed(round.id)) { try await delphi.saveDrafts([good]) }
        await #expect(throws: DeliberationError.roundNotFound(999)) {
          try await delphi.saveDrafts([RoundDraft(roundID: 999, domainID: "alpha", assessor: "Ada", fields: [:])])
        }
      }
    }
  }
}
