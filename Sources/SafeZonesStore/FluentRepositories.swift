import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// The Fluent implementation of the core's repositories, for SQLite and PostgreSQL alike.
public struct FluentDomainRepository: Store {
  let database: any Database

  public init(database: any Database) { self.database = database }

  // MARK: - Reading

  public func revision() async throws -> Int {
    try await reading { db in try await RevisionModel.find(1, on: db)?.value ?? 0 }
  }

  public func allDomains() async throws -> [Domain] {
    // Three queries instead of one per domain: the map page reads everything.
    let (domains, assessments, links, pair) = try await reading { db in
      (
        try await DomainModel.query(on: db).sort(\.$slug).all(),
        try await AssessmentModel.query(on: db).sort(\.$seq).all(),
        try await LinkModel.query(on: db).sort(\.$position).all(),
        try await Self.defaultPair(on: db)
      )
    }
    return try Self.assemble(domains, assessments, links, defaultPair: pair)
  }

  /// Domains with their assessments and links (each list in stored order), by id.
  static func assemble(
    _ domains: [DomainModel], _ assessments: [AssessmentModel], _ links: [LinkModel], defaultPair: CountryPair
  ) throws -> [Domain] {
    var assessmentsByDomain: [UUID: [AssessmentModel]] = [:]
    for a in assessments { assessmentsByDomain[a.$domain.id, default: []].append(a) }
    var linksByDomain: [UUID: [LinkModel]] = [:]
    for l in links { linksByDomain[l.$domain.id, default: []].append(l) }
    // Sorted here, not only in SQL: PostgreSQL compares text by the database's collation,
    // which in glibc locales such as en_US.UTF-8 ignores '-' ("abb" before "ab-c"); ids sort by code point.
    return try domains.sorted { $0.slug < $1.slug }.map { model in
      try Self.domain(
        model, assessmentsByDomain[model.id!] ?? [], linksByDomain[model.id!] ?? [], defaultPair: defaultPair)
    }
  }

  public func changes(since revision: Int) async throws -> StoreChanges {
    let (current, domains, assessments, links, rubrics, pair) = try await reading { db in
      // The revision first: every write up to it is committed, so nothing up to it is missed;
      // a later write that shows up too is read again next time, which is harmless.
      let current = try await RevisionModel.find(1, on: db)?.value ?? 0
      guard current != revision else {
        return (current, [DomainModel](), [AssessmentModel](), [LinkModel](), 0, CountryPair.usChina)
      }
      return (
        current,
        try await DomainModel.query(on: db).filter(\.$changedRevision > revision).all(),
        try await AssessmentModel.query(on: db)
          .join(DomainModel.self, on: \AssessmentModel.$domain.$id == \DomainModel.$id)
          .filter(DomainModel.self, \.$changedRevision > revision).sort(\.$seq).all(),
        try await LinkModel.query(on: db)
          .join(DomainModel.self, on: \LinkModel.$domain.$id == \DomainModel.$id)
          .filter(DomainModel.self, \.$changedRevision > revision).sort(\.$position).all(),
        try await RubricModel.query(on: db).filter(\.$changedRevision > revision).count(),
        try await Self.defaultPair(on: db)
      )
    }
    return StoreChanges(
      revision: current, domains: try Self.assemble(domains, assessments, links, defaultPair: pair),
      rubricsChanged: rubrics > 0)
  }

  public func isEmpty() async throws -> Bool {
    try await reading { db in try await DomainModel.query(on: db).first() == nil }
  }

  public func domain(id: String) async throws -> Domain? {
    try await reading { db in
      guard let model = try await DomainModel.query(on: db).filter(\.$slug == id).first() else { return nil }
      let assessments = try await AssessmentModel.query(on: db).filter(\.$domain.$id == model.id!).sort(\.$seq).all()
      let links = try await LinkModel.query(on: db).filter(\.$domain.$id == model.id!).sort(\.$position).all()
      return try Self.domain(model, assessments, links, defaultPair: try await Self.defaultPair(on: db))
    }
  }

  /// A stored domain as a core value. Every stored assessment records its pair; one that
  /// judges the store's default pair reads back without it (`Assessment.pair` is `nil` for the
  /// default), so a domain reads back as it was written.
  static func domain(
    _ model: DomainModel, _ assessments: [AssessmentModel], _ links: [LinkModel], defaultPair: CountryPair
  ) throws -> Domain {
    var domain = Domain(
      id: model.slug, name: model.name, summary: model.summary, tags: StoredTags.decode(model.tags),
      keywords: model.keywords.map(StoredTags.decode) ?? [],
      links: links.map { DomainLink(target: $0.target, kind: $0.kind, weight: $0.weight, rationale: $0.rationale) },
      source: model.source, assessments: [])
    // Read in the order of saving; `Domain` keeps them as a timeline (by date, then that
    // order), so the latest dated is current and a back-dated save joins the history.
    domain.assessments = try assessments.map { a in
      Assessment(
        assessor: a.assessor, date: Day(a.day) ?? Day(year: 1970, month: 1, day: 1)!, perspective: a.perspective,
        note: a.note, scores: try StoredScore.decode(a.scores), sequence: a.seq, recordedAt: a.recordedAt,
        drifts: StoredDrifts.decode(a.drifts), pair: CountryPair(id: a.pair).flatMap { $0 == defaultPair ? nil : $0 })
    }
    return domain
  }

  // MARK: - Writing

  public func create(_ domain: Domain) async throws {
    try Self.validate([domain])
    do {
      try await writing(audit: { _ in
        AuditEvent("domain.create", ["domain": .text(domain.id), "assessments": .number(domain.assessments.count)])
      }) { db in
        if try await DomainModel.query(on: db).filter(\.$slug == domain.id).count() > 0 {
          throw StoreError.alreadyExists(domain.id)
        }
        try await Self.insert(
          domain, revision: try await Self.bump(db), defaultPair: try await Self.defaultPair(on: db), on: db)
      }
    } catch let error where Self.isConstraintFailure(error) {
      // Another writer created the same id between our check and our insert (PostgreSQL).
      if try await self.domain(id: domain.id) != nil { throw StoreError.alreadyExists(domain.id) }
      throw error
    }
  }

  public func append(_ assessment: Assessment, to id: String, basedOn version: Int) async throws -> Int {
    let issues = assessment.validate(key: "assessment")
    if !issues.isEmpty { throw StoreError.invalid(InputError(issues)) }
    do {
      return try await writing(audit: { newVersion in
        AuditEvent(
          "assessment.add",
          ["domain": .text(id), "version": .number(newVersion), "assessor": .text(assessment.assessor)])
      }) { db in
        guard let model = try await DomainModel.query(on: db).filter(\.$slug == id).first() else {
          throw StoreError.notFound(id)
        }
        guard model.version == version else {
          throw StoreError.stale(id: id, expected: version, current: model.version)
        }
        let pair = try await Self.defaultPair(on: db)
        try await Self.insertAssessment(assessment, seq: version + 1, domainID: model.id!, defaultPair: pair, on: db)
        model.version = version + 1
        model.changedRevision = try await Self.bump(db)
        try await model.save(on: db)
        return version + 1
      }
    } catch let error where Self.isConstraintFailure(error) {
      // Another writer inserted the same sequence number between our read and our insert.
      let current = try await reading { db in
        try await DomainModel.query(on: db).filter(\.$slug == id).first()?.version
      }
      throw StoreError.stale(id: id, expected: version, current: current ?? version + 1)
    }
  }

  public func importDomains(_ domains: [Domain]) async throws -> ImportSummary {
    try Self.validate(domains)
    // A writer that appends to or creates one of these domains while the import runs makes
    // the import violate a unique constraint (PostgreSQL); nothing was stored, so read the
    // new state and try again.
    return try await Self.retryingConstraintFailures { try await importOnce(domains) }
  }

  private func importOnce(_ domains: [Domain]) async throws -> ImportSummary {
    try await writing(audit: { (summary: ImportSummary) in
      AuditEvent(
        "import",
        [
          "created": .list(summary.created), "updated": .list(summary.updated),
          "assessments_added": .number(summary.assessmentsAdded),
        ])
    }) { db in
      var summary = ImportSummary()
      let pair = try await Self.defaultPair(on: db)
      // One new store revision for the whole import, taken when the first row changes.
      var revision: Int?
      func changed() async throws -> Int {
        if let revision { return revision }
        let next = try await Self.bump(db)
        revision = next
        return next
      }
      for domain in domains {
        guard let model = try await DomainModel.query(on: db).filter(\.$slug == domain.id).first() else {
          try await Self.insert(domain, revision: try await changed(), defaultPair: pair, on: db)
          summary.created.append(domain.id)
          summary.assessmentsAdded += domain.assessments.count
          continue
        }
        let stored = try await AssessmentModel.query(on: db).filter(\.$domain.$id == model.id!).all()
        let known = Set(try stored.map { try Fingerprint($0) })
        var version = model.version
        var added = 0
        for assessment in domain.assessments {
          if known.contains(Fingerprint(assessment, defaultPair: pair)) {
            summary.assessmentsUnchanged += 1
            continue
          }
          version += 1
          try await Self.insertAssessment(assessment, seq: version, domainID: model.id!, defaultPair: pair, on: db)
          added += 1
        }
        if added > 0 {
          model.version = version
          model.changedRevision = try await changed()
          try await model.save(on: db)
          summary.updated.append(domain.id)
          summary.assessmentsAdded += added
        }
      }
      return summary
    }
  }

  // MARK: - Rubrics

  public func rubrics() async throws -> [StoredRubric] {
    let models = try await reading { db in
      try await RubricModel.query(on: db).sort(\.$storedAt).sort(\.$version).all()
    }
    return try models.map { model in
      StoredRubric(
        rubric: try JSONDecoder().decode(Rubric.self, from: Data(model.json.utf8)), text: model.text,
        storedAt: model.storedAt)
    }
  }

  public func save(_ stored: StoredRubric) async throws {
    let stored_version = stored.rubric.version
    @Sendable func check(_ existing: RubricModel) throws {
      if existing.text != stored.text { throw StoreError.rubricVersionExists(stored.rubric.version) }
    }
    do {
      try await writing(audit: { stored in
        stored ? AuditEvent("rubric.save", ["version": .text(stored_version)]) : nil
      }) { db -> Bool in
        if let existing = try await RubricModel.query(on: db).filter(\.$version == stored.rubric.version).first() {
          try check(existing)
          return false
        }
        let model = RubricModel()
        model.version = stored.rubric.version
        model.text = stored.text
        model.json = String(decoding: try JSONEncoder().encode(stored.rubric), as: UTF8.self)
        model.changedRevision = try await Self.bump(db)
        try await model.create(on: db)
        return true
      }
    } catch let error where Self.isConstraintFailure(error) {
      // Another writer stored this version between our check and our insert (PostgreSQL).
      let existing = try await reading { db in
        try await RubricModel.query(on: db).filter(\.$version == stored.rubric.version).first()
      }
      guard let existing else { throw error }
      try check(existing)
    }
  }

  // MARK: - Transactions

  /// How long an SQLite statement waits for another connection's lock before failing.
  static let sqliteBusyTimeoutMilliseconds = 10_000

  var isSQLite: Bool { (database as? any SQLDatabase)?.dialect.name == "sqlite" }

  /// Runs a write as one transaction.
  ///
  /// On SQLite the transaction takes the write lock when it begins (`BEGIN IMMEDIATE`) and
  /// waits for another writer, in this process or another, instead of failing. With Fluent's
  /// deferred transactions two writers both read, then the second to write fails with
  /// "database is locked" instead of reading the first one's result (and reporting `.stale`).
  /// PostgreSQL needs nothing more: the unique constraints stop the second writer.
  ///
  /// Every write names its audit record (`audit`, from the write's result; `nil` only for a
  /// write that is part of one already recorded, such as a simulation's progress): it is
  /// appended in the same transaction, by the writer the task's `AuditContext` names, so a
  /// write is never stored without its record, nor a record without its write.
  func writing<T: Sendable>(
    audit: @escaping @Sendable (T) -> AuditEvent?, _ body: @escaping @Sendable (any Database) async throws -> T
  ) async throws -> T {
    // Read here, in the caller's task: the transaction's closure may run in another.
    let context = AuditContext.effective
    let audited: @Sendable (any Database) async throws -> T = { db in
      let result = try await body(db)
      if let event = audit(result) { try await AuditAppender.append(event, context: context, on: db) }
      return result
    }
    guard isSQLite else { return try await database.transaction(audited) }
    return try await database.withConnection { connection in
      let sql = connection as! any SQLDatabase
      try await sql.raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteBusyTimeoutMilliseconds))").run()
      try await sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
      do {
        let result = try await audited(connection)
        try await sql.raw("COMMIT TRANSACTION").run()
        return result
      } catch {
        try? await sql.raw("ROLLBACK TRANSACTION").run()
        throw error
      }
    }
  }

  /// Runs reads on one connection; on SQLite, one that waits while another connection
  /// commits instead of failing with "database is locked".
  func reading<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
    guard isSQLite else { return try await body(database) }
    return try await database.withConnection { connection in
      try await (connection as! any SQLDatabase)
        .raw("PRAGMA busy_timeout = \(unsafeRaw: String(Self.sqliteBusyTimeoutMilliseconds))").run()
      return try await body(connection)
    }
  }

  // MARK: - Helpers

  /// `true` for a unique (or other constraint) violation: another writer got there first.
  static func isConstraintFailure(_ error: any Error) -> Bool {
    (error as? any DatabaseError)?.isConstraintFailure ?? false
  }

  /// Runs `write` again, up to three times in all, while it fails on a unique constraint:
  /// for all-or-nothing writes that lost a race with another writer (nothing was stored)
  /// and, run again, read the state that writer left.
  static func retryingConstraintFailures<T>(_ write: () async throws -> T) async throws -> T {
    var attempt = 1
    while true {
      do {
        return try await write()
      } catch let error where isConstraintFailure(error) && attempt < 3 {
        attempt += 1
      }
    }
  }

  /// A time at microsecond precision, which both SQLite (as stored by SQLiteNIO) and
  /// PostgreSQL keep exactly.
  static func stamp(_ date: Date) -> Date {
    Date(timeIntervalSinceReferenceDate: (date.timeIntervalSinceReferenceDate * 1e6).rounded() / 1e6)
  }

  static func validate(_ domains: [Domain]) throws {
    var issues = Domain.validate(domains)
    for (i, domain) in domains.enumerated() {
      for (j, assessment) in domain.assessments.enumerated() {
        issues += assessment.validate(key: "domains[\(i)].assessments[\(j)]")
      }
    }
    if !issues.isEmpty { throw StoreError.invalid(InputError(issues)) }
  }

  static func insert(_ domain: Domain, revision: Int, defaultPair: CountryPair, on db: any Database) async throws {
    let model = DomainModel()
    model.changedRevision = revision
    model.slug = domain.id
    model.name = domain.name
    model.summary = domain.summary
    model.source = domain.source
    model.tags = StoredTags.encode(domain.tags)
    model.keywords = domain.keywords.isEmpty ? nil : StoredTags.encode(domain.keywords)
    model.version = domain.assessments.count
    try await model.create(on: db)
    for (i, assessment) in domain.assessments.enumerated() {
      try await insertAssessment(assessment, seq: i + 1, domainID: model.id!, defaultPair: defaultPair, on: db)
    }
    for (i, link) in domain.links.enumerated() {
      let l = LinkModel()
      l.$domain.id = model.id!
      l.position = i
      l.target = link.target
      l.kind = link.kind
      l.weight = link.weight
      l.rationale = link.rationale
      try await l.create(on: db)
    }
  }

  /// The pair an assessment naming none judges: the default pair of the newest stored
  /// rubric (US–CN in a store without one yet).
  static func defaultPair(on db: any Database) async throws -> CountryPair {
    guard let model = try await RubricModel.query(on: db).sort(\.$storedAt, .descending).first(),
      let rubric = try? JSONDecoder().decode(Rubric.self, from: Data(model.json.utf8))
    else { return .usChina }
    return rubric.defaultPair
  }

  static func insertAssessment(
    _ a: Assessment, seq: Int, domainID: UUID, defaultPair: CountryPair, on db: any Database
  ) async throws {
    let model = AssessmentModel()
    model.pair = (a.pair ?? defaultPair).id
    model.$domain.id = domainID
    model.seq = seq
    model.assessor = a.assessor
    model.day = a.date.description
    model.perspective = a.perspective
    model.note = a.note
    model.scores = try StoredScore.encode(a.scores)
    model.drifts = StoredDrifts.encode(a.drifts)
    try await model.create(on: db)
  }

  /// Advances the store revision inside the writer's transaction and returns the new
  /// value. Writers queue on the counter's row, so revisions follow the order of commits:
  /// a reader that sees revision N also sees every write up to N.
  @discardableResult
  static func bump(_ db: any Database) async throws -> Int {
    guard let sql = db as? any SQLDatabase else { return 0 }
    try await sql.raw("UPDATE store_revision SET value = value + 1 WHERE id = 1").run()
    return try await RevisionModel.find(1, on: db)?.value ?? 0
  }
}

/// What makes two assessments the same judgement, for idempotent imports.
struct Fingerprint: Hashable {
  var pair: String
  var assessor: String
  var day: String
  var perspective: String?
  var scores: String
  /// Expected drifts are part of the judgement: a re-import that adds them is a new version.
  var drifts: String?

  init(_ a: Assessment, defaultPair: CountryPair) {
    pair = (a.pair ?? defaultPair).id
    assessor = a.assessor
    day = a.date.description
    perspective = a.perspective
    scores = (try? StoredScore.encode(a.scores)) ?? ""
    drifts = StoredDrifts.encode(a.drifts)
  }

  init(_ model: AssessmentModel) throws {
    pair = model.pair
    assessor = model.assessor
    day = model.day
    perspective = model.perspective
    // Re-encode so that key order and number spelling do not matter.
    scores = try StoredScore.encode(StoredScore.decode(model.scores))
    drifts = StoredDrifts.encode(StoredDrifts.decode(model.drifts))
  }
}
