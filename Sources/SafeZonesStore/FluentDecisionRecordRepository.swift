import FluentKit
import Foundation
import SafeZonesCore

final class DecisionRecordModel: Model, @unchecked Sendable {
  static let schema = "decision_records"

  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "proposal_id") var proposalID: String
  @Field(key: "version") var version: Int
  @Field(key: "decision") var decision: String
  @Field(key: "reviewer") var reviewer: String
  @Field(key: "recorded_at") var recordedAt: Date
  /// `DecisionRecord.canonicalBody`: exactly the bytes the hash covers.
  @Field(key: "body") var body: String
  @Field(key: "sha256") var sha256: String

  init() {}
}

final class PartnerListModel: Model, @unchecked Sendable {
  static let schema = "partner_lists"

  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "name") var name: String
  @Field(key: "source") var source: String
  @Field(key: "list_date") var date: String
  @Field(key: "digest") var digest: String
  /// JSON list of `ListedOrganisation`.
  @Field(key: "entries") var entries: String
  @Field(key: "imported_at") var importedAt: Date

  init() {}
}

/// Decision records on the store's database: each save is the proposal's next version, in
/// one transaction with its audit record; the hash covers the canonical body, and reading
/// a record whose body no longer matches its hash fails rather than show a changed record.
public struct FluentDecisionRecordRepository: DecisionRecordRepository {
  let database: any Database
  let now: @Sendable () -> Date

  public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
    self.database = database
    self.now = now
  }

  var store: FluentDomainRepository { FluentDomainRepository(database: database) }

  public func save(_ draft: DecisionDraft) async throws -> DecisionRecord {
    let issues = draft.validate()
    if !issues.isEmpty { throw StoreError.invalid(InputError(issues)) }
    let recordedAt = FluentDomainRepository.stamp(now())
    return try await store.writing(audit: { (r: DecisionRecord) in
      AuditEvent(
        "screening.decide",
        [
          "proposal": .text(r.proposalID), "version": .number(r.version), "decision": .text(r.draft.decision.rawValue),
          "sha256": .text(r.sha256),
        ])
    }) { db in
      let last = try await DecisionRecordModel.query(on: db).filter(\.$proposalID == draft.proposal.id)
        .sort(\.$version, .descending).first()
      let (record, body) = try DecisionRecord.seal(
        draft, version: (last?.version ?? 0) + 1, recordedAt: recordedAt, sha256: AuditHash.sha256)
      let model = DecisionRecordModel()
      model.proposalID = record.proposalID
      model.version = record.version
      model.decision = draft.decision.rawValue
      model.reviewer = draft.reviewer
      model.recordedAt = recordedAt
      model.body = body
      model.sha256 = record.sha256
      try await model.create(on: db)
      return record
    }
  }

  public func records(proposalID: String) async throws -> [DecisionRecord] {
    try await store.reading { db in
      try await DecisionRecordModel.query(on: db).filter(\.$proposalID == proposalID).sort(\.$version).all()
        .map(Self.record)
    }
  }

  public func allRecords() async throws -> [DecisionRecord] {
    try await store.reading { db in
      try await DecisionRecordModel.query(on: db).sort(\.$id).all().map(Self.record)
    }
  }

  public func importPartnerLists(_ lists: [PartnerList]) async throws {
    let at = FluentDomainRepository.stamp(now())
    try await store.writing(audit: { (_: Int) in
      AuditEvent(
        "partners.import",
        [
          "lists": .text(lists.map(\.name).joined(separator: ", ")),
          "organisations": .number(lists.reduce(0) { $0 + $1.entries.count }),
        ])
    }) { db in
      for list in lists {
        let m = PartnerListModel()
        m.name = list.name
        m.source = list.source
        m.date = list.date
        m.digest = list.digest
        m.entries = String(decoding: try JSONEncoder().encode(list.entries), as: UTF8.self)
        m.importedAt = at
        try await m.create(on: db)
      }
      return lists.count
    }
  }

  public func partnerLists() async throws -> [PartnerList] {
    try await store.reading { db in
      var latest: [String: PartnerListModel] = [:]
      for m in try await PartnerListModel.query(on: db).sort(\.$id).all() { latest[m.name] = m }
      return try latest.values.sorted { $0.name < $1.name }.map { m in
        PartnerList(
          name: m.name, source: m.source, date: m.date,
          entries: try JSONDecoder().decode([ListedOrganisation].self, from: Data(m.entries.utf8)), digest: m.digest)
      }
    }
  }

  /// The record a row holds, after checking its hash.
  static func record(_ m: DecisionRecordModel) throws -> DecisionRecord {
    guard AuditHash.sha256(m.body) == m.sha256 else {
      throw StoreError.corrupt(
        "decision record \(m.proposalID) version \(m.version) no longer matches its SHA-256: it was changed after it was saved"
      )
    }
    return try DecisionRecord.decode(body: Data(m.body.utf8), sha256: m.sha256)
  }
}

extension FluentDomainRepository {
  /// Screening decision records on the same database.
  public var decisions: any DecisionRecordRepository { FluentDecisionRecordRepository(database: database) }
}
