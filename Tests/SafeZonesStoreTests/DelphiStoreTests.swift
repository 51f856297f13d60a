import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// Delphi rounds and judgements in the store (`FluentDeliberationRepository`).
  @Suite struct Deliberation {
    /// Two domains to deliberate on.
    static func seed(_ repo: FluentDomainRepository) async throws {
      try await repo.create(Fixture.minimal("alpha"))
      try await repo.create(Fixture.minimal("beta"))
    }

    static func newRound(
      study: String = "Panel 2026", title: String = "First round", domains: [String] = ["alpha", "beta"],
      after: Int? = nil
    ) -> NewRound {
      NewRound(study: study, title: title, domainIDs: domains, facilitator: "F. Acilitator", after: after)
    }

    static func judgement(
      _ round: Round, _ domain: String, _ assessor: String, military: ScoreValue = .point(2), note: String? = nil
    ) -> RoundJudgement {
      var scores = Fixture.all(2)
      scores[.military] = CriterionScore(military, rationale: "Why \(assessor) thinks so.")
      return RoundJudgement(
        roundID: round.id, domainID: domain, assessor: assessor, perspective: "US", scores: scores, note: note)
    }

    @Test(arguments: try StoreTests.locations())
    func openedRoundsReadBackAndFollowEachOther(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await Self.seed(repo)
        let delphi = repo.deliberation
        let revision = try await repo.revision()

        // act
        let first = try await delphi.openRound(
          Self.newRound(study: "  Panel 2026 ", domains: ["beta", "alpha", "beta"]))

        // check: names trimmed, domains de-duplicated in the facilitator's order, numbered 1
        #expect(first.study == "Panel 2026")
        #expect(first.number == 1)
        #expect(first.domainIDs == ["beta", "alpha"])
        #expect(first.status == .open)
        #expect(first.previousRoundID == nil)
        #expect(first.closedAt == nil)
        #expect(try await delphi.round(id: first.id) == first)
        #expect(try await repo.revision() == revision + 1)

        // act: close it and open the next by naming the round it follows
        let closed = try await delphi.closeRound(id: first.id)
        let second = try await delphi.openRound(Self.newRound(study: "", title: "Second round", after: first.id))
        let other = try await delphi.openRound(Self.newRound(study: "Another study", domains: ["alpha"]))

        // check
        #expect(closed.status == .closed)
        #expect(closed.closedAt != nil)
        #expect(second.study == "Panel 2026")
        #expect(second.number == 2)
        #expect(second.previousRoundID == first.id)
        #expect(other.number == 1)
        #expect(try await delphi.rounds(study: "Panel 2026").map(\.id) == [first.id, second.id])
        #expect(try await delphi.rounds(study: nil).map(\.id) == [other.id, first.id, second.id])
        #expect(try await delphi.next(after: closed) == second)
        #expect(try await delphi.round(id: 999) == nil)
        #expect(try await repo.revision() == revision + 4)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func invalidRoundsAreRefusedAndNothingIsStored(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await Self.seed(repo)
        let delphi = repo.deliberation
        let revision = try await repo.revision()

        // act, check: no domains, blank names, an unknown domain
        await #expect {
          try await delphi.openRound(NewRound(study: " ", title: "", domainIDs: [], facilitator: ""))
        } throws: { error in
          guard case .invalid(let input)? = error as? DeliberationError else { return false }
          return Set(input.issues.compactMap(\.key)) == ["study", "title", "facilitator", "domains"]
        }
        await #expect(
          throws: DeliberationError.invalid(
            InputError(InputIssue(key: "domains", message: "no domain with id 'gamma'")))
        ) {
          try await delphi.openRound(Self.newRound(domains: ["alpha", "gamma"]))
        }
        await #expect(throws: DeliberationError.roundNotFound(42)) {
          try await delphi.openRound(Self.newRound(after: 42))
        }
        #expect(try await delphi.rounds(study: nil).isEmpty)
        #expect(try await repo.revision() == revision)

        // act, check: the next round waits for the previous one to close
        let first = try await delphi.openRound(Self.newRound())
        await #expect(throws: DeliberationError.previousRoundOpen(id: first.id, study: "Panel 2026", number: 1)) {
          try await delphi.openRound(Self.newRound(title: "Too early"))
        }
        try await delphi.closeRound(id: first.id)
        let second = try await delphi.openRound(Self.newRound(title: "Second"))
        try await delphi.closeRound(id: second.id)
        // Only the latest round can be followed, and only within its own study.
        await #expect(throws: DeliberationError.notLatest(id: first.id, study: "Panel 2026", latest: second.id)) {
          try await delphi.openRound(Self.newRound(after: first.id))
        }
        await #expect(throws: DeliberationError.self) {
          try await delphi.openRound(Self.newRound(study: "Other", after: second.id))
        }
        // Closing is final.
        await #expect(throws: DeliberationError.roundClosed(first.id)) { try await delphi.closeRound(id: first.id) }
        await #expect(throws: DeliberationError.roundNotFound(999)) { try await delphi.closeRound(id: 999) }
        #expect(try await delphi.rounds(study: nil).count == 2)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func judgementsAreAppendOnlyAndTheLatestCounts(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await Self.seed(repo)
        let delphi = repo.deliberation
        let round = try await delphi.openRound(Self.newRound())
        let revision = try await repo.revision()
        var detailed = Self.judgement(round, "alpha", "Ada 李", military: .range(low: 1, likely: 2.5, high: 4))
        detailed.scores[.parity] = CriterionScore(
          .quantiles([
            ElicitedQuantile(p: 0.05, value: 1), ElicitedQuantile(p: 0.5, value: 2),
            ElicitedQuantile(p: 0.95, value: 3.5),
          ]),
          rationale: "“Quoted” & <odd>", evidence: ["https://example.org/?a=1&b=2"])
        detailed.note = "First thoughts."

        // act
        let stored = try await delphi.submit(detailed)
        try await delphi.submit(Self.judgement(round, "alpha", "Bo"))
        let revised = try await delphi.submit(Self.judgement(round, "alpha", "Ada 李", military: .point(3.5)))
        try await delphi.submit(Self.judgement(round, " beta ", " Bo "))

        // check: every submission kept, in order, numbered per assessor and domain
        let all = try await delphi.judgements(round: round.id)
        #expect(all.count == 4)
        #expect(all.map(\.sequence) == [1, 1, 2, 1])
        #expect(all.map(\.assessor) == ["Ada 李", "Bo", "Ada 李", "Bo"])
        #expect(all[3].domainID == "beta")
        #expect(all.allSatisfy { $0.submittedAt != nil })
        var first = all[0]
        first.submittedAt = nil
        first.sequence = nil
        #expect(first == detailed)
        #expect(stored.sequence == 1)
        #expect(revised.sequence == 2)
        #expect(try await repo.revision() == revision + 4)
        // The latest of each assessor counts.
        let latest = Delphi.latest(all)
        #expect(latest.map(\.domainID) == ["alpha", "beta"])
        #expect(latest[0].judgements.map(\.assessor) == ["Ada 李", "Bo"])
        #expect(latest[0].judgements[0].scores[.military]?.value == .point(3.5))
      }
    }

    @Test(arguments: try StoreTests.locations())
    func refusedJudgementsStoreNothing(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        try await Self.seed(repo)
        try await repo.create(Fixture.minimal("gamma"))
        let delphi = repo.deliberation
        let round = try await delphi.openRound(Self.newRound())
        let revision = try await repo.revision()

        // act, check: a domain outside the round, an unnamed assessor, a bad score, nothing scored
        var empty = Self.judgement(round, "alpha", "Cy")
        empty.scores = [:]
        let bad: [(RoundJudgement, String)] = [
          (Self.judgement(round, "gamma", "Cy"), "domain"),
          (Self.judgement(round, "alpha", "  "), "assessor"),
          (Self.judgement(round, "alpha", "Cy", military: .point(5)), "scores.military"),
          (Self.judgement(round, "alpha", "Cy", military: .range(low: 3, likely: 2, high: 4)), "scores.military"),
          (empty, "scores"),
        ]
        for (judgement, key) in bad {
          await #expect {
            try await delphi.submit(judgement)
          } throws: { error in
            guard case .invalid(let input)? = error as? DeliberationError else { return false }
            return input.issues.map(\.key) == [key]
          }
        }
        // A batch with one bad judgement stores none of them.
        await #expect(throws: DeliberationError.self) {
          try await delphi.submit([Self.judgement(round, "alpha", "Cy"), Self.judgement(round, "gamma", "Cy")])
        }
        await #expect(throws: DeliberationError.roundNotFound(999)) {
          var lost = Self.judgement(round, "alpha", "Cy")
          lost.roundID = 999
          try await delphi.submit(lost)
        }
        #expect(try await delphi.judgements(round: round.id).isEmpty)
        #expect(try await repo.revision() == revision)

        // act, check: a closed round accepts nothing, and keeps what it had
        try await delphi.submit(Self.judgement(round, "alpha", "Cy"))
        try await delphi.closeRound(id: round.id)
        await #expect(throws: DeliberationError.roundClosed(round.id)) {
          try await delphi.submit(Self.judgement(round, "beta", "Cy"))
        }
        #expect(try await delphi.judgements(round: round.id).count == 1)
      }
    }

    @Test(arguments: try StoreTests.locations())
    func concurrentSubmissionsGetDistinctSequenceNumbers(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        try await Self.seed(repo)
        let round = try await repo.deliberation.openRound(Self.newRound())
        let writers = runtime.repositories(count: 2).map(\.deliberation)

        // act: eight revisions of the same judgement at once, over two connections
        let results = await withTaskGroup(of: Result<RoundJudgement, any Error>.self) { group in
          for i in 0..<8 {
            group.addTask {
              await outcome {
                try await writers[i % 2].submit(Self.judgement(round, "alpha", "Ada", military: .point(Double(i) / 2)))
              }
            }
          }
          var all: [Result<RoundJudgement, any Error>] = []
          for await r in group { all.append(r) }
          return all
        }

        // check
        for r in results { if case .failure(let error) = r { Issue.record("\(error)") } }
        let stored = try await repo.deliberation.judgements(round: round.id)
        #expect(stored.count == 8)
        #expect(stored.compactMap(\.sequence).sorted() == Array(1...8))
      }
    }

    @Test(arguments: try StoreTests.locations())
    func noJudgementLandsInARoundAfterItCloses(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { runtime, repo async throws in
        // setup
        try await Self.seed(repo)
        let round = try await repo.deliberation.openRound(Self.newRound())
        let writers = runtime.repositories(count: 2).map(\.deliberation)

        // act: submissions race the close
        let accepted = await withTaskGroup(of: Bool.self) { group in
          for i in 0..<6 {
            group.addTask {
              (try? await writers[i % 2].submit(Self.judgement(round, "beta", "Assessor \(i)"))) != nil
            }
          }
          group.addTask { (try? await writers[1].closeRound(id: round.id)) == nil }
          var n = 0
          for await ok in group where ok { n += 1 }
          return n
        }

        // check: every accepted judgement is stored, and none after the close
        let closed = try #require(try await repo.deliberation.round(id: round.id))
        let stored = try await repo.deliberation.judgements(round: round.id)
        #expect(closed.status == .closed)
        #expect(stored.count == accepted)
        #expect(stored.allSatisfy { $0.submittedAt! <= closed.closedAt! })
      }
    }

    @Test(arguments: try StoreTests.locations())
    func feedbackAndAdoptionUseTheStoredRound(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup: two assessors disagree on alpha in round 1 and converge in round 2
        try await Self.seed(repo)
        let delphi = repo.deliberation
        let r1 = try await delphi.openRound(Self.newRound())
        try await delphi.submit(Self.judgement(r1, "alpha", "Ada", military: .point(1)))
        try await delphi.submit(Self.judgement(r1, "alpha", "Bo", military: .point(3)))
        await #expect(throws: DeliberationError.roundOpen(r1.id)) {
          try Delphi.feedback(round: r1, judgements: try await delphi.judgements(round: r1.id), assessor: "Ada")
        }
        let closed1 = try await delphi.closeRound(id: r1.id)
        let r2 = try await delphi.openRound(Self.newRound(title: "Second"))
        try await delphi.submit(Self.judgement(r2, "alpha", "Ada", military: .point(2)))
        try await delphi.submit(Self.judgement(r2, "alpha", "Bo", military: .point(2.5)))
        let closed2 = try await delphi.closeRound(id: r2.id)

        // act
        let feedback = try Delphi.feedback(
          round: closed1, judgements: try await delphi.judgements(round: r1.id), assessor: "Ada")
        let convergence = try Delphi.convergence(try await delphi.history(upTo: closed2))
        let adopted = try await delphi.adopt(round: r2.id, into: repo, date: Fixture.day("2026-06-01"))
        let again = try await delphi.adopt(round: r2.id, into: repo, date: Fixture.day("2026-06-01"))

        // check
        let military = try #require(feedback.domains.first?.items.first { $0.criterion == .military })
        #expect(military.group?.n == 2)
        #expect(military.own?.value == .point(1))
        #expect(feedback.domains.map(\.assessors) == [2, 0])
        let row = try #require(convergence.rows.first { $0.domainID == "alpha" && $0.criterion == .military })
        #expect(row.spreads.map { $0?.iqr } == [1, 0.25])
        #expect(row.changes.first??.trend == .narrowed)
        #expect(convergence.latest?.narrowed == 1)
        #expect(convergence.latest?.unchanged == 13)
        #expect(adopted.map(\.domainID) == ["alpha"])
        #expect(adopted.first?.version == 2)
        #expect(again.isEmpty)
        let alpha = try #require(try await repo.domain(id: "alpha"))
        #expect(alpha.current?.assessor == "Delphi panel: Panel 2026, round 2")
        #expect(alpha.current?.scores[.military]?.value.low == 2)
        #expect(alpha.current?.scores[.fundamentality]?.value == .point(2))
        #expect(try await repo.domain(id: "beta")?.assessments.count == 1)
      }
    }
  }
}
