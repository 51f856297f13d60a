import FluentKit
import Foundation
import SQLKit
import SafeZonesCore

/// The Fluent implementation of the core's repositories, for SQLite and PostgreSQL alike.
public struct FluentDomainRepository: DomainRepository, RubricRepository {
  let database: any Database

  public init(database: any Database) { self.database = database }

  // MARK: - Reading

  public func revision() async throws -> Int {
    try await RevisionModel.find(1, on: database)?.value ?? 0
  }

  public func allDomains() async throws -> [Domain] {
    // Three queries instead of one per domain: the map page reads everything.
    let domains = try await DomainModel.query(on: database).sort(\.$slug).all()
    let assessments = try await AssessmentModel.query(on: database).sort(\.$seq).all()
    let links = try await LinkModel.query(on: database).sort(\.$position).all()
    var assessmentsByDomain: [UUID: [AssessmentModel]] = [:]
    for a in assessments { assessmentsByDomain[a.$domain.id, default: []].append(a) }
    var linksByDomain: [UUID: [LinkModel]] = [:]
    for l in links { linksByDomain[l.$domain.id, default: []].append(l) }
    return try domains.map { model in
      try Self.domain(model, assessmentsByDomain[model.id!] ?? [], linksByDomain[model.id!] ?? [])
    }
  }

  public func domain(id: String) async throws -> Domain? {
    guard let model = try await DomainModel.query(on: database).filter(\.$slug == id).first() else { return nil }
    let assessments = try await AssessmentModel.query(on: database).filter(\.$domain.$id == model.id!).sort(\.$seq).all()
    let links = try await LinkModel.query(on: database).filter(\.$domain.$id == model.id!).sort(\.$position).all()
    return try Self.domain(model, assessments, links)
  }

  static func domain(_ model: DomainModel, _ assessments: [AssessmentModel], _ links: [LinkModel]) throws -> Domain {
    var domain = Domain(
      id: model.slug, name: model.name, summary: model.summary, tags: StoredTags.decode(model.tags),
      links: links.map { DomainLink(target: $0.target, kind: $0.kind, weight: $0.weight, rationale: $0.rationale) },
      source: model.source, assessments: [])
    // Keep the stored order (by sequence), not a re-sort by date: the newest saved is current.
    domain.assessments = try assessments.map { a in
      Assessment(
        assessor: a.assessor, date: Day(a.day) ?? Day(year: 1970, month: 1, day: 1)!, perspective: a.perspective,
        note: a.note, scores: try StoredScore.decode(a.scores), sequence: a.seq, recordedAt: a.recordedAt)
    }
    return domain
  }

  // MARK: - Writing

  public func create(_ domain: Domain) async throws {
    try Self.validate([domain])
    try await database.transaction { db in
      if try await DomainModel.query(on: db).filter(\.$slug == domain.id).count() > 0 {
        throw StoreError.alreadyExists(domain.id)
      }
      try await Self.insert(domain, on: db)
      try await Self.bump(db)
    }
  }

  public func append(_ assessment: Assessment, to id: String, basedOn version: Int) async throws -> Int {
    let issues = assessment.validate(key: "assessment")
    if !issues.isEmpty { throw StoreError.invalid(InputError(issues)) }
    do {
      return try await database.transaction { db in
        guard let model = try await DomainModel.query(on: db).filter(\.$slug == id).first() else {
          throw StoreError.notFound(id)
        }
        guard model.version == version else {
          throw StoreError.stale(id: id, expected: version, current: model.version)
        }
        try await Self.insertAssessment(assessment, seq: version + 1, domainID: model.id!, on: db)
        model.version = version + 1
        try await model.save(on: db)
        try await Self.bump(db)
        return version + 1
      }
    } catch let error as any DatabaseError where error.isConstraintFailure {
      // Another writer inserted the same sequence number between our read and our insert.
      let current = try await DomainModel.query(on: database).filter(\.$slug == id).first()?.version ?? version + 1
      throw StoreError.stale(id: id, expected: version, current: current)
    }
  }

  public func importDomains(_ domains: [Domain]) async throws -> ImportSummary {
    try Self.validate(domains)
    return try await database.transaction { db in
      var summary = ImportSummary()
      for domain in domains {
        guard let model = try await DomainModel.query(on: db).filter(\.$slug == domain.id).first() else {
          try await Self.insert(domain, on: db)
          summary.created.append(domain.id)
          summary.assessmentsAdded += domain.assessments.count
          continue
        }
        let stored = try await AssessmentModel.query(on: db).filter(\.$domain.$id == model.id!).all()
        let known = Set(try stored.map { try Fingerprint($0) })
        var version = model.version
        var added = 0
        for assessment in domain.assessments {
          if known.contains(Fingerprint(assessment)) {
            summary.assessmentsUnchanged += 1
            continue
          }
          version += 1
          try await Self.insertAssessment(assessment, seq: version, domainID: model.id!, on: db)
          added += 1
        }
        if added > 0 {
          model.version = version
          try await model.save(on: db)
          summary.updated.append(domain.id)
          summary.assessmentsAdded += added
        }
      }
      if !summary.created.isEmpty || !summary.updated.isEmpty { try await Self.bump(db) }
      return summary
    }
  }

  // MARK: - Rubrics

  public func rubrics() async throws -> [StoredRubric] {
    try await RubricModel.query(on: database).sort(\.$storedAt).sort(\.$version).all().map { model in
      StoredRubric(
        rubric: try JSONDecoder().decode(Rubric.self, from: Data(model.json.utf8)), text: model.text,
        storedAt: model.storedAt)
    }
  }

  public func save(_ stored: StoredRubric) async throws {
    try await database.transaction { db in
      if let existing = try await RubricModel.query(on: db).filter(\.$version == stored.rubric.version).first() {
        if existing.text == stored.text { return }
        throw StoreError.rubricVersionExists(stored.rubric.version)
      }
      let model = RubricModel()
      model.version = stored.rubric.version
      model.text = stored.text
      model.json = String(decoding: try JSONEncoder().encode(stored.rubric), as: UTF8.self)
      try await model.create(on: db)
      try await Self.bump(db)
    }
  }

  // MARK: - Helpers

  static func validate(_ domains: [Domain]) throws {
    var issues = Domain.validate(domains)
    for (i, domain) in domains.enumerated() {
      for (j, assessment) in domain.assessments.enumerated() {
        issues += assessment.validate(key: "domains[\(i)].assessments[\(j)]")
      }
    }
    if !issues.isEmpty { throw StoreError.invalid(InputError(issues)) }
  }

  static func insert(_ domain: Domain, on db: any Database) async throws {
    let model = DomainModel()
    model.slug = domain.id
    model.name = domain.name
    model.summary = domain.summary
    model.source = domain.source
    model.tags = StoredTags.encode(domain.tags)
    model.version = domain.assessments.count
    try await model.create(on: db)
    for (i, assessment) in domain.assessments.enumerated() {
      try await insertAssessment(assessment, seq: i + 1, domainID: model.id!, on: db)
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

  static func insertAssessment(_ a: Assessment, seq: Int, domainID: UUID, on db: any Database) async throws {
    let model = AssessmentModel()
    model.$domain.id = domainID
    model.seq = seq
    model.assessor = a.assessor
    model.day = a.date.description
    model.perspective = a.perspective
    model.note = a.note
    model.scores = try StoredScore.encode(a.scores)
    try await model.create(on: db)
  }

  static func bump(_ db: any Database) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw("UPDATE store_revision SET value = value + 1 WHERE id = 1").run()
  }
}

/// What makes two assessments the same judgement, for idempotent imports.
struct Fingerprint: Hashable {
  var assessor: String
  var day: String
  var perspective: String?
  var scores: String

  init(_ a: Assessment) {
    assessor = a.assessor
    day = a.date.description
    perspective = a.perspective
    scores = (try? StoredScore.encode(a.scores)) ?? ""
  }

  init(_ model: AssessmentModel) throws {
    assessor = model.assessor
    day = model.day
    perspective = model.perspective
    // Re-encode so that key order and number spelling do not matter.
    scores = try StoredScore.encode(StoredScore.decode(model.scores))
  }
}
