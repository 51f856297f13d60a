import FluentKit
import Foundation

// The store's private representation of Delphi rounds; `Round` and `RoundJudgement` in
// the core are the contracts.

final class RoundModel: Model, @unchecked Sendable {
  static let schema = "delphi_rounds"

  /// A small number chosen by the database, so people can type it (`elicit close 3`).
  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "study") var study: String
  /// 1, 2, … within the study; unique with it, so two rounds opened at once cannot both
  /// become the study's next round.
  @Field(key: "number") var number: Int
  @Field(key: "title") var title: String
  /// JSON array of domain ids, in the facilitator's order.
  @Field(key: "domains") var domains: String
  @Field(key: "facilitator") var facilitator: String
  /// `open` or `closed`.
  @Field(key: "status") var status: String
  @Field(key: "opened_at") var openedAt: Date
  @OptionalField(key: "closed_at") var closedAt: Date?
  @OptionalField(key: "previous_id") var previousID: Int?
  /// The country pair judged (`EU-CN`); `NULL` for the rubric's default pair.
  @OptionalField(key: "pair") var pair: String?

  init() {}
}

final class JudgementModel: Model, @unchecked Sendable {
  static let schema = "delphi_judgements"

  /// Chosen by the database in insertion order: the submission order within a round.
  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "round_id") var roundID: Int
  /// The domain's id (its slug), as in files and URLs.
  @Field(key: "domain") var domain: String
  @Field(key: "assessor") var assessor: String
  /// 1, 2, … per round, domain and assessor; unique with them.
  @Field(key: "seq") var seq: Int
  @OptionalField(key: "perspective") var perspective: String?
  @OptionalField(key: "note") var note: String?
  /// JSON object: criterion id → stored score (as in `assessments.scores`).
  @Field(key: "scores") var scores: String
  @Field(key: "submitted_at") var submittedAt: Date

  init() {}
}

final class DraftModel: Model, @unchecked Sendable {
  static let schema = "delphi_drafts"

  @ID(custom: "id", generatedBy: .database) var id: Int?
  @Field(key: "round_id") var roundID: Int
  @Field(key: "domain") var domain: String
  @Field(key: "assessor") var assessor: String
  /// JSON object: form field name → value as typed.
  @Field(key: "fields") var fields: String
  @Field(key: "saved_at") var savedAt: Date

  init() {}
}
