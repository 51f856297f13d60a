import Foundation

/// A panellist's unsent work on one domain of an open round: the form's fields as typed,
/// not yet validated, so that nothing typed is lost when a page is left, a browser crashes
/// or a submission is refused. A draft is private to its author, replaced by each save,
/// and removed when the judgement it prepared is submitted. See `docs/deliberation.md`.
public struct RoundDraft: Sendable, Hashable {
  public var roundID: Int
  public var domainID: String
  public var assessor: String
  /// Form field name → value (`perspective`, `note`, `score-military`, `rationale-scale`, …).
  public var fields: [String: String]
  /// When the store saved it; `nil` before.
  public var savedAt: Date?

  public init(roundID: Int, domainID: String, assessor: String, fields: [String: String], savedAt: Date? = nil) {
    self.roundID = roundID
    self.domainID = domainID
    self.assessor = assessor
    self.fields = fields
    self.savedAt = savedAt
  }

  /// The field names a draft may hold: the judgement form's, for the rubric's criteria.
  public static func isFieldName(_ name: String) -> Bool {
    if name == "perspective" || name == "note" { return true }
    for prefix in ["score-", "low-", "high-", "rationale-", "evidence-"] where name.hasPrefix(prefix) {
      return CriterionID(rawValue: String(name.dropFirst(prefix.count))) != nil
    }
    return false
  }

  /// `true` when every field is empty or blank.
  public var isBlank: Bool { fields.values.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }

  /// Problems that stop the draft from being stored: an unknown field, a value over the
  /// field's length limit or with control characters. Scores are not checked: a draft may
  /// hold anything a panellist is still typing.
  public func validate(in round: Round, key: String = "") -> [InputIssue] {
    var issues: [InputIssue] = []
    if !round.domainIDs.contains(domainID) {
      issues.append(
        InputIssue(
          key: InputIssue.key(key, "domain"),
          message: tr(
            "'{domain}' is not one of this round's domains", ["domain": .text(TextLimits.preview(domainID))])))
    }
    if assessor.trimmingCharacters(in: .whitespaces).isEmpty {
      issues.append(InputIssue(key: InputIssue.key(key, "assessor"), message: tr("a draft needs its author")))
    }
    for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
      guard RoundDraft.isFieldName(name) else {
        issues.append(
          InputIssue(
            key: InputIssue.key(key, TextLimits.preview(name)), message: tr("is not a field of the judgement form")))
        continue
      }
      if let problem = TextLimits.problem(value, limit: RoundDraft.limit(for: name)) {
        issues.append(InputIssue(key: InputIssue.key(key, name), message: problem))
      }
    }
    return issues
  }

  /// The length limit of a field: the judgement's own (`TextLimits`), so a draft that fits
  /// can always be submitted once its scores are right.
  static func limit(for name: String) -> Int {
    if name == "perspective" { return TextLimits.name }
    if name == "note" || name.hasPrefix("rationale-") { return TextLimits.byField["rationale"] ?? TextLimits.otherwise }
    if name.hasPrefix("evidence-") { return TextLimits.otherwise }
    return 100
  }
}
