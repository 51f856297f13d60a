import FluentKit
import Foundation

// Fluent models are the store's private representation; the core's value types and the
// web's DTOs are the contracts. Property wrappers are mutable, hence @unchecked Sendable.

final class DomainModel: Model, @unchecked Sendable {
  static let schema = "domains"

  @ID(key: .id) var id: UUID?
  @Field(key: "slug") var slug: String
  @Field(key: "name") var name: String
  @OptionalField(key: "summary") var summary: String?
  @OptionalField(key: "source") var source: String?
  /// JSON array of strings: portable across SQLite and PostgreSQL.
  @Field(key: "tags") var tags: String
  /// JSON array of strings, `NULL` when there are none (M017).
  @OptionalField(key: "keywords") var keywords: String?
  /// The number of assessments; the optimistic-locking version.
  @Field(key: "version") var version: Int
  /// The store revision of the last write to this domain (M010).
  @Field(key: "changed_revision") var changedRevision: Int
  @Timestamp(key: "created_at", on: .create) var createdAt: Date?
  @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
  @Children(for: \.$domain) var assessments: [AssessmentModel]
  @Children(for: \.$domain) var links: [LinkModel]

  init() {}
}

final class AssessmentModel: Model, @unchecked Sendable {
  static let schema = "assessments"

  @ID(key: .id) var id: UUID?
  @Parent(key: "domain_id") var domain: DomainModel
  /// 1, 2, 3… per domain; unique with the domain, which is what makes a concurrent second
  /// save of the same version fail in the database itself.
  @Field(key: "seq") var seq: Int
  @Field(key: "assessor") var assessor: String
  @Field(key: "day") var day: String
  /// The country pair judged (`US-CN`); every assessment stored before pairs judges US–CN.
  @Field(key: "pair") var pair: String
  @OptionalField(key: "perspective") var perspective: String?
  @OptionalField(key: "note") var note: String?
  /// JSON object: criterion id → stored score.
  @Field(key: "scores") var scores: String
  /// JSON list of expected drifts (`StoredDrifts`), `nil` when there are none.
  @OptionalField(key: "drifts") var drifts: String?
  @Timestamp(key: "recorded_at", on: .create) var recordedAt: Date?

  init() {}
}

final class LinkModel: Model, @unchecked Sendable {
  static let schema = "links"

  @ID(key: .id) var id: UUID?
  @Parent(key: "domain_id") var domain: DomainModel
  @Field(key: "position") var position: Int
  @Field(key: "target") var target: String
  @Field(key: "kind") var kind: String
  @Field(key: "weight") var weight: Double
  @OptionalField(key: "rationale") var rationale: String?

  init() {}
}

final class RubricModel: Model, @unchecked Sendable {
  static let schema = "rubrics"

  @ID(key: .id) var id: UUID?
  @Field(key: "version") var version: String
  /// The file as uploaded, kept to be downloaded unchanged.
  @Field(key: "text") var text: String
  /// The parsed rubric (the core's Codable form), so reading needs no YAML parser.
  @Field(key: "json") var json: String
  /// The store revision at which this version was stored (M010).
  @Field(key: "changed_revision") var changedRevision: Int
  @Timestamp(key: "stored_at", on: .create) var storedAt: Date?

  init() {}
}

final class RevisionModel: Model, @unchecked Sendable {
  static let schema = "store_revision"

  @ID(custom: "id", generatedBy: .user) var id: Int?
  @Field(key: "value") var value: Int

  init() {}
}
