import Foundation

/// Persistence of Delphi rounds and their judgements.
///
/// Judgements are append-only: nothing is overwritten, an assessor's latest submission for
/// a domain in a round is the one that counts, and the earlier ones are kept. Closing a
/// round is final. Every write is all-or-nothing.
public protocol DeliberationRepository: Sendable {
  /// Opens a round: validates it, checks that its domains exist, numbers it after the
  /// study's latest round (which must be closed) and stores it as open. Throws
  /// `DeliberationError.invalid`, `.previousRoundOpen`, `.notLatest` or `.roundNotFound`
  /// (for `after`).
  func openRound(_ round: NewRound) async throws -> Round
  /// Closes an open round. Throws `.roundNotFound` or `.roundClosed` (closing is final).
  @discardableResult
  func closeRound(id: Int) async throws -> Round
  /// Every round, or only those of `study`, ordered by study and number.
  func rounds(study: String?) async throws -> [Round]
  /// One round.
  func round(id: Int) async throws -> Round?
  /// Stores judgements of one open round, all or nothing; returns them as stored (with
  /// sequence and time). Throws `.roundNotFound`, `.roundClosed` or `.invalid` (a domain not
  /// in the round, an unnamed assessor, a bad score…).
  @discardableResult
  func submit(_ judgements: [RoundJudgement]) async throws -> [RoundJudgement]
  /// Every judgement of a round, superseded ones included, in submission order.
  func judgements(round id: Int) async throws -> [RoundJudgement]
  /// Saves drafts of one open round, each replacing its author's earlier draft of the same
  /// domain, all or nothing; returns the time they were saved. Throws `.roundNotFound`,
  /// `.roundClosed` or `.invalid` (`RoundDraft.validate`). Submitting a judgement removes
  /// its author's draft of that domain.
  @discardableResult
  func saveDrafts(_ drafts: [RoundDraft]) async throws -> Date
  /// `assessor`'s drafts in a round, in the round's domain order.
  func drafts(round id: Int, assessor: String) async throws -> [RoundDraft]
}

extension DeliberationRepository {
  /// Stores one judgement.
  @discardableResult
  public func submit(_ judgement: RoundJudgement) async throws -> RoundJudgement {
    try await submit([judgement])[0]
  }

  /// The rounds of `round`'s study up to and including it, oldest first, with their
  /// judgements: the input of `Delphi.convergence`.
  public func history(upTo round: Round) async throws -> [(round: Round, judgements: [RoundJudgement])] {
    try await history(upTo: round, studyRounds: try await rounds(study: round.study))
  }

  /// `history(upTo:)` when the study's rounds (and perhaps this round's judgements) are
  /// already read: only the other rounds' judgements are read.
  public func history(
    upTo round: Round, studyRounds: [Round], judgements current: [RoundJudgement]? = nil
  ) async throws -> [(round: Round, judgements: [RoundJudgement])] {
    var out: [(round: Round, judgements: [RoundJudgement])] = []
    for r in studyRounds where r.number <= round.number {
      if r.id == round.id, let current {
        out.append((r, current))
      } else {
        out.append((r, try await judgements(round: r.id)))
      }
    }
    return out
  }

  /// The study's round that follows `round`, if one was opened.
  public func next(after round: Round) async throws -> Round? {
    try await rounds(study: round.study).first { $0.previousRoundID == round.id }
  }

  /// Adopts a closed round's pooled judgement (`Delphi.consensus`) as a new assessment of
  /// each domain the panel judged, through `DomainRepository.append` with the domain's
  /// current version (retried when another writer got there first). A domain whose current
  /// assessment is already this panel's identical judgement is skipped, so adopting twice
  /// adds nothing. Returns the new version of each domain that received one.
  public func adopt(
    round id: Int, into domains: any DomainRepository, date: Day
  ) async throws -> [(
    domainID: String, version: Int
  )] {
    guard let round = try await round(id: id) else { throw DeliberationError.roundNotFound(id) }
    let consensus = try Delphi.consensus(round: round, judgements: try await judgements(round: id), date: date)
    var adopted: [(String, Int)] = []
    for (domainID, pooled) in consensus {
      var assessment = pooled
      assessment.pair = round.pair
      let version = try await domains.appendToCurrent(domainID, pair: round.pair) { domain in
        if let current = domain.current, current.assessor == assessment.assessor, current.scores == assessment.scores {
          return nil
        }
        return assessment
      }
      if let version { adopted.append((domainID, version)) }
    }
    return adopted
  }

  /// Reverts the adoption of `round`'s judgement for `domainIDs` (every reversible domain
  /// when empty): each gets a new assessment restoring the one before the panel's, signed
  /// by `by` (`Delphi.reverting`). A domain assessed since the adoption is refused
  /// (`.notAdopted`), since a revert would silently discard that later work; so is one whose
  /// panel judgement was its first assessment. All or nothing per domain, in the round's
  /// order. Returns the new version of each domain reverted.
  public func revertAdoption(
    round id: Int, domainIDs: [String], into domains: any DomainRepository, rubric: Rubric, by: String, date: Day
  ) async throws -> [(domainID: String, version: Int)] {
    guard let round = try await round(id: id) else { throw DeliberationError.roundNotFound(id) }
    let wanted = domainIDs.isEmpty ? round.domainIDs : domainIDs
    var reverted: [(String, Int)] = []
    for domainID in wanted {
      guard round.domainIDs.contains(domainID) else { throw DeliberationError.notAdopted(round: id, domain: domainID) }
      let version = try await domains.appendToCurrent(domainID, pair: round.pair) { domain in
        guard
          let reversal = Delphi.reversible(round: round, domain: { $0 == domainID ? domain : nil }, rubric: rubric)
            .first,
          var restored = Delphi.reverting(reversal, round: round, by: by, date: date)
        else {
          if domainIDs.isEmpty { return nil }
          throw DeliberationError.notAdopted(round: id, domain: domainID)
        }
        restored.pair = round.pair
        return restored
      }
      if let version { reverted.append((domainID, version)) }
    }
    return reverted
  }
}
