import FluentKit
import Foundation
import SafeZonesCore

final class StressRunModel: Model, @unchecked Sendable {
  static let schema = "stress_runs"
  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "name") var name: String
  @Field(key: "file_name") var fileName: String
  @Field(key: "input_text") var inputText: String
  @OptionalField(key: "mitigate") var mitigate: String?
  @Field(key: "node_count") var nodeCount: Int
  @Field(key: "domains") var domains: String
  @Field(key: "created_by") var createdBy: String
  @Field(key: "status") var status: String
  @OptionalField(key: "message") var message: String?
  @OptionalField(key: "result") var result: String?
  @Field(key: "created_at") var createdAt: Date
  @OptionalField(key: "finished_at") var finishedAt: Date?
  init() {}
}

/// The Fluent implementation of `StressRunRepository` (SQLite and PostgreSQL).
public struct FluentStressRunRepository: StressRunRepository {
  let database: any Database
  let now: @Sendable () -> Date

  public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
    self.database = database
    self.now = now
  }

  var store: FluentDomainRepository { FluentDomainRepository(database: database) }

  public func create(_ run: NewStressRun) async throws -> StressRun {
    let createdAt = FluentDomainRepository.stamp(now())
    return try await store.writing(audit: { (created: StressRun) in
      AuditEvent(
        "stress.run", ["run": .number(created.id), "network": .text(run.name), "nodes": .number(run.nodeCount)])
    }) { db in
      let m = StressRunModel()
      m.name = run.name
      m.fileName = run.fileName
      m.inputText = run.text
      m.mitigate = run.mitigate
      m.nodeCount = run.nodeCount
      m.domains = "|" + run.domains.joined(separator: "|") + "|"
      m.createdBy = run.createdBy
      m.status = StressRun.Status.running.rawValue
      m.createdAt = createdAt
      try await m.create(on: db)
      return try Self.run(m, texts: true)
    }
  }

  public func complete(id: Int, resultJSON: String?, message: String?) async throws -> Bool {
    let finishedAt = FluentDomainRepository.stamp(now())
    return try await store.writing(audit: { _ in nil }) { db in
      guard let m = try await StressRunModel.find(id, on: db), m.status == StressRun.Status.running.rawValue else {
        return false
      }
      m.status = (resultJSON == nil ? StressRun.Status.failed : .done).rawValue
      m.result = resultJSON
      m.message = message
      m.finishedAt = finishedAt
      try await m.save(on: db)
      return true
    }
  }

  public func run(id: Int) async throws -> StressRun? {
    try await store.reading { db in try await StressRunModel.find(id, on: db) }.map { try Self.run($0, texts: true) }
  }

  static func summaryFields(_ q: QueryBuilder<StressRunModel>) -> QueryBuilder<StressRunModel> {
    q.field(\.$id).field(\.$name).field(\.$fileName).field(\.$mitigate).field(\.$nodeCount).field(\.$domains)
      .field(\.$createdBy).field(\.$status).field(\.$message).field(\.$createdAt).field(\.$finishedAt)
  }

  public func recent(limit: Int) async throws -> [StressRun] {
    guard limit > 0 else { return [] }
    return try await store.reading { db in
      try await Self.summaryFields(StressRunModel.query(on: db)).sort(\.$id, .descending).limit(limit).all()
    }.map { try Self.run($0, texts: false) }
  }

  public func depending(on domain: String, limit: Int) async throws -> [StressRun] {
    // Ids are plain slugs (no '|', '%' or '_' matters: '_' may over-match, so re-check).
    let models = try await store.reading { db in
      try await Self.summaryFields(StressRunModel.query(on: db)).filter(
        \.$domains, .contains(inverse: false, .anywhere), "|\(domain)|"
      )
      .sort(\.$id, .descending).limit(limit).all()
    }
    return try models.map { try Self.run($0, texts: false) }.filter { $0.inputs.domains.contains(domain) }
  }

  public func unfinished() async throws -> [StressRun] {
    try await store.reading { db in
      try await StressRunModel.query(on: db).filter(\.$status == StressRun.Status.running.rawValue).sort(\.$id).all()
    }.map { try Self.run($0, texts: true) }
  }

  static func run(_ m: StressRunModel, texts: Bool) throws -> StressRun {
    StressRun(
      id: try m.requireID(),
      inputs: NewStressRun(
        name: m.name, fileName: m.fileName, text: texts ? m.inputText : "", mitigate: m.mitigate,
        nodeCount: m.nodeCount, domains: m.domains.split(separator: "|").map(String.init), createdBy: m.createdBy),
      status: StressRun.Status(rawValue: m.status) ?? .failed, message: m.message, resultJSON: texts ? m.result : nil,
      createdAt: m.createdAt, finishedAt: m.finishedAt)
  }
}

extension FluentDomainRepository {
  /// The stress-run repository on the same database.
  public var stressRuns: any StressRunRepository { FluentStressRunRepository(database: database) }
}
