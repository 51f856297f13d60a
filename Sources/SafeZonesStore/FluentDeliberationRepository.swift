import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// The Fluent implementation of `DeliberationRepository`, for SQLite and PostgreSQL alike,
/// in the same database (and the same transactions and store revision) as the domains.
public struct FluentDeliberationRepository: DeliberationRepository {
  let database: any Database
  let now: @Sendable () -> Date

  /// - Parameter now: the clock that stamps opening, closing and submission times.
  public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
    self.database = database
    self.now = now
  }

  /// The domain repository's transactions (`BEGIN IMMEDIATE` on SQLite) and revision counter.
  var store: FluentDomainRepository { FluentDomainRepository(database: database) }

  // MARK: - Rounds

  public func openRound(_ new: NewRound) async throws -> Round {
    let r = new.normalized
    let issues = r.validate()
    if !issues.isEmpty { throw DeliberationError.invalid(InputError(issues)) }
    // A concurrent opener of the same study's next round makes the insert violate the
    // unique (study, number) constraint (PostgreSQL); the retry sees that round.
    return try await FluentDomainRepository.retryingConstraintFailures { try await openOnce(r) }
  }

  private func openOnce(_ r: NewRound) async throws -> Round {
    let openedAt = FluentDomainRepository.stamp(now())
    return try await store.writing(audit: { (round: Round) in
      AuditEvent(
        "round.open",
        [
          "round": .number(round.id), "study": .text(round.study), "number": .number(round.number),
          "domains": .list(round.domainIDs),
        ])
    }) { db in
      var study = r.study
      if let after = r.after {
        guard let previous = try await RoundModel.find(after, on: db) else {
          throw DeliberationError.roundNotFound(after)
        }
        if !study.isEmpty && study != previous.study {
          throw DeliberationError.invalid(
            InputError(
              InputIssue(
                key: "study", message: "round \(after) belongs to the study '\(previous.study)', not '\(study)'")))
        }
        study = previous.study
      }
      let latest = try await RoundModel.query(on: db).filter(\.$study == study).sort(\.$number, .descending).first()
      if let after = r.after, let latest, latest.id != after {
        throw DeliberationError.notLatest(id: after, study: study, latest: latest.id!)
      }
      if let latest, latest.status == Round.Status.open.rawValue {
        throw DeliberationError.previousRoundOpen(id: latest.id!, study: study, number: latest.number)
      }
      let found = Set(try await DomainModel.query(on: db).filter(\.$slug ~~ r.domainIDs).all().map(\.slug))
      let unknown = r.domainIDs.filter { !found.contains($0) }
      if !unknown.isEmpty {
        throw DeliberationError.invalid(
          InputError(
            InputIssue(
              key: "domains", message: "no domain with id \(unknown.map { "'\($0)'" }.joined(separator: ", "))")))
      }
      let model = RoundModel()
      model.study = study
      model.number = (latest?.number ?? 0) + 1
      model.title = r.title
      model.domains = StoredTags.encode(r.domainIDs)
      model.facilitator = r.facilitator
      model.status = Round.Status.open.rawValue
      model.openedAt = openedAt
      model.previousID = latest?.id
      // A study judges one pair: later rounds keep the first round's.
      model.pair = latest.map { $0.pair } ?? r.pair?.id
      try await model.create(on: db)
      try await FluentDomainRepository.bump(db)
      return try await Self.reread(model, on: db)
    }
  }

  @discardableResult
  public func closeRound(id: Int) async throws -> Round {
    let now = self.now
    return try await store.writing(audit: { _ in AuditEvent("round.close", ["round": .number(id)]) }) { db in
      try await Self.lock(round: id, on: db)
      // Stamped once the lock is held, so that no accepted submission is later than the close.
      let closedAt = FluentDomainRepository.stamp(now())
      guard let model = try await RoundModel.find(id, on: db) else { throw DeliberationError.roundNotFound(id) }
      guard model.status == Round.Status.open.rawValue else { throw DeliberationError.roundClosed(id) }
      model.status = Round.Status.closed.rawValue
      model.closedAt = closedAt
      try await model.save(on: db)
      try await FluentDomainRepository.bump(db)
      return try await Self.reread(model, on: db)
    }
  }

  public func rounds(study: String?) async throws -> [Round] {
    let models = try await store.reading { db in
      var query = RoundModel.query(on: db)
      if let study { query = query.filter(\.$study == study) }
      return try await query.all()
    }
    // Sorted here: PostgreSQL orders text by the database's collation, not by code point.
    return try models.map(Self.round).sorted { ($0.study, $0.number) < ($1.study, $1.number) }
  }

  public func round(id: Int) async throws -> Round? {
    try await store.reading { db in try await RoundModel.find(id, on: db) }.map(Self.round)
  }

  // MARK: - Judgements

  @discardableResult
  public func submit(_ judgements: [RoundJudgement]) async throws -> [RoundJudgement] {
    guard !judgements.isEmpty else { return [] }
    let normalized = judgements.map(\.normalized)
    // The round's row lock serialises submissions; should two still pick the same sequence
    // number, the second violates the unique constraint and is retried.
    return try await FluentDomainRepository.retryingConstraintFailures { try await submitOnce(normalized) }
  }

  private func submitOnce(_ judgements: [RoundJudgement]) async throws -> [RoundJudgement] {
    let now = self.now
    // Which rounds and domains were answered, not the answers: the trail must not undo the
    // panel's anonymity.
    let event = AuditEvent(
      "round.answer",
      [
        "rounds": .list(Set(judgements.map { String($0.roundID) }).sorted()),
        "domains": .list(Set(judgements.map(\.domainID)).sorted()), "judgements": .number(judgements.count),
      ])
    return try await store.writing(audit: { _ in event }) { db in
      let rounds = try await Self.openRounds(judgements.map(\.roundID), on: db)
      var issues: [InputIssue] = []
      for (i, j) in judgements.enumerated() {
        issues += j.validate(in: rounds[j.roundID]!, key: judgements.count == 1 ? "" : "judgements[\(i)]")
      }
      if !issues.isEmpty { throw DeliberationError.invalid(InputError(issues)) }

      let submittedAt = FluentDomainRepository.stamp(now())
      var stored: [RoundJudgement] = []
      var next: [String: Int] = [:]
      for j in judgements {
        let key = "\(j.roundID)\u{1}\(j.domainID)\u{1}\(j.assessor)"
        let seq: Int
        if let n = next[key] {
          seq = n
        } else {
          let last = try await JudgementModel.query(on: db).filter(\.$roundID == j.roundID)
            .filter(\.$domain == j.domainID).filter(\.$assessor == j.assessor).sort(\.$seq, .descending).first()
          seq = (last?.seq ?? 0) + 1
        }
        next[key] = seq + 1
        let model = JudgementModel()
        model.roundID = j.roundID
        model.domain = j.domainID
        model.assessor = j.assessor
        model.seq = seq
        model.perspective = j.perspective
        model.note = j.note
        model.scores = try StoredScore.encode(j.scores)
        model.submittedAt = submittedAt
        try await model.create(on: db)
        stored.append(try Self.judgement(try await JudgementModel.find(try model.requireID(), on: db) ?? model))
        // The draft that prepared it has done its work.
        try await DraftModel.query(on: db).filter(\.$roundID == j.roundID).filter(\.$domain == j.domainID)
          .filter(\.$assessor == j.assessor).delete()
      }
      try await FluentDomainRepository.bump(db)
      return stored
    }
  }

  public func judgements(round id: Int) async throws -> [RoundJudgement] {
    try await store.reading { db in
      try await JudgementModel.query(on: db).filter(\.$roundID == id).sort(\.$id).all()
    }.map(Self.judgement)
  }

  // MARK: - Drafts

  @discardableResult
  public func saveDrafts(_ drafts: [RoundDraft]) async throws -> Date {
    guard !drafts.isEmpty else { return now() }
    let now = self.now
    // That drafts were saved, and where; never what they say.
    let event = AuditEvent(
      "round.draft",
      [
        "rounds": .list(Set(drafts.map { String($0.roundID) }).sorted()),
        "domains": .list(Set(drafts.map(\.domainID)).sorted()),
      ])
    return try await FluentDomainRepository.retryingConstraintFailures {
      try await store.writing(audit: { _ in event }) { db in
        let rounds = try await Self.openRounds(drafts.map(\.roundID), on: db)
        var issues: [InputIssue] = []
        for (i, d) in drafts.enumerated() {
          issues += d.validate(in: rounds[d.roundID]!, key: drafts.count == 1 ? "" : "drafts[\(i)]")
        }
        if !issues.isEmpty { throw DeliberationError.invalid(InputError(issues)) }
        let savedAt = FluentDomainRepository.stamp(now())
        for d in drafts {
          let assessor = d.assessor.trimmingCharacters(in: .whitespaces)
          let existing = try await DraftModel.query(on: db).filter(\.$roundID == d.roundID)
            .filter(\.$domain == d.domainID).filter(\.$assessor == assessor).first()
          let model = existing ?? DraftModel()
          model.roundID = d.roundID
          model.domain = d.domainID
          model.assessor = assessor
          model.fields = try Self.encode(d.fields)
          model.savedAt = savedAt
          try await model.save(on: db)
        }
        return savedAt
      }
    }
  }

  public func drafts(round id: Int, assessor: String) async throws -> [RoundDraft] {
    let (round, models) = try await store.reading { db in
      (
        try await RoundModel.find(id, on: db),
        try await DraftModel.query(on: db).filter(\.$roundID == id).filter(\.$assessor == assessor).all()
      )
    }
    let order = (try round.map(Self.round)?.domainIDs ?? []).enumerated().reduce(into: [String: Int]()) {
      $0[$1.element] = $1.offset
    }
    return try models.map { m in
      RoundDraft(
        roundID: m.roundID, domainID: m.domain, assessor: m.assessor, fields: try Self.decode(m.fields),
        savedAt: m.savedAt)
    }.sorted { (order[$0.domainID] ?? .max, $0.domainID) < (order[$1.domainID] ?? .max, $1.domainID) }
  }

  static func encode(_ fields: [String: String]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(fields), as: UTF8.self)
  }

  static func decode(_ text: String) throws -> [String: String] {
    do {
      return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    } catch {
      throw StoreError.invalid(
        InputError(InputIssue(key: "fields", message: "a stored Delphi draft is not a JSON object of strings")))
    }
  }

  // MARK: - Helpers

  /// The rounds `ids` name, each locked until the transaction ends and checked to be open.
  /// Writes to a round, and its closing, take turns (PostgreSQL): nothing lands in a round
  /// that closed after it was read as open, and two submissions of one assessor do not race
  /// for the same sequence number.
  static func openRounds(_ ids: [Int], on db: any Database) async throws -> [Int: Round] {
    var rounds: [Int: Round] = [:]
    for id in Set(ids).sorted() {
      try await lock(round: id, on: db)
      guard let model = try await RoundModel.find(id, on: db) else { throw DeliberationError.roundNotFound(id) }
      let round = try Self.round(model)
      guard round.isOpen else { throw DeliberationError.roundClosed(id) }
      rounds[id] = round
    }
    return rounds
  }

  /// Locks a round's row until the transaction ends (`SELECT … FOR UPDATE` on PostgreSQL;
  /// SQLite's `BEGIN IMMEDIATE` already serialises every writer).
  static func lock(round id: Int, on db: any Database) async throws {
    guard let sql = db as? any SQLDatabase, sql.dialect.name != "sqlite" else { return }
    try await sql.select().column("id").from("delphi_rounds").where("id", .equal, id).for(.update).run()
  }

  /// The round as the database returns it, so that it equals what later reads return
  /// (times come back at the database's precision).
  static func reread(_ model: RoundModel, on db: any Database) async throws -> Round {
    try round(try await RoundModel.find(try model.requireID(), on: db) ?? model)
  }

  static func round(_ m: RoundModel) throws -> Round {
    Round(
      id: try m.requireID(), study: m.study, number: m.number, title: m.title, domainIDs: StoredTags.decode(m.domains),
      facilitator: m.facilitator, status: Round.Status(rawValue: m.status) ?? .closed, openedAt: m.openedAt,
      closedAt: m.closedAt, previousRoundID: m.previousID, pair: m.pair.flatMap(CountryPair.init(id:)))
  }

  static func judgement(_ m: JudgementModel) throws -> RoundJudgement {
    RoundJudgement(
      roundID: m.roundID, domainID: m.domain, assessor: m.assessor, perspective: m.perspective,
      scores: try StoredScore.decode(m.scores), note: m.note, submittedAt: m.submittedAt, sequence: m.seq)
  }
}

extension FluentDomainRepository {
  /// The deliberation repository on the same database.
  public var deliberation: any DeliberationRepository { FluentDeliberationRepository(database: database) }
}

extension StoreRuntime {
  /// The deliberation repository of this store.
  public var deliberation: FluentDeliberationRepository { FluentDeliberationRepository(database: database) }
}
