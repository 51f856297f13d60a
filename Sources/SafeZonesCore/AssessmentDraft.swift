import Foundation

/// An assessment as a person types it (every field is text), turned into an `Assessment`
/// with every problem reported at once. The web form and any other interactive input use
/// it, so they accept and refuse the same things.
///
/// Issue keys name the field: `assessor`, `date`, `perspective`, `note`, `scores` (nothing
/// scored), `scores.<criterion>` (the likely value, or the range as a whole),
/// `scores.<criterion>.low`, `.high`, `.quantiles`, `.rationale`, `.evidence`.
public struct AssessmentDraft: Sendable, Hashable {
  /// One criterion's fields.
  public struct ScoreDraft: Sendable, Hashable {
    /// The likely value; empty when the criterion is not scored.
    public var likely: String
    /// Optional lower end of a range.
    public var low: String
    /// Optional upper end of a range.
    public var high: String
    public var rationale: String
    /// One citation or URL per line.
    public var evidence: String
    /// Optional elicited quantiles instead of a score and range: `5%: 1, 50%: 2, 95%: 3.5`.
    public var quantiles: String

    public init(
      likely: String = "", low: String = "", high: String = "", rationale: String = "", evidence: String = "",
      quantiles: String = ""
    ) {
      self.likely = likely
      self.low = low
      self.high = high
      self.rationale = rationale
      self.evidence = evidence
      self.quantiles = quantiles
    }

    /// The fields showing a stored score (quantiles in their own field).
    public init(_ score: CriterionScore) {
      if case .quantiles(let q) = score.value {
        self.init(
          rationale: score.rationale ?? "", evidence: score.evidence.joined(separator: "\n"),
          quantiles: ScoreValue.quantileText(q))
        return
      }
      self.init(
        likely: Format.number(score.value.likely), low: score.value.isRange ? Format.number(score.value.low) : "",
        high: score.value.isRange ? Format.number(score.value.high) : "", rationale: score.rationale ?? "",
        evidence: score.evidence.joined(separator: "\n"))
    }

    /// `true` when every field is blank.
    public var isBlank: Bool {
      [likely, low, high, rationale, evidence, quantiles].allSatisfy {
        $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
      }
    }
  }

  public var assessor: String
  public var date: String
  public var perspective: String
  public var note: String
  public var scores: [CriterionID: ScoreDraft]

  public init(
    assessor: String = "", date: String = "", perspective: String = "", note: String = "",
    scores: [CriterionID: ScoreDraft] = [:]
  ) {
    self.assessor = assessor
    self.date = date
    self.perspective = perspective
    self.note = note
    self.scores = scores
  }

  /// A draft for a new judgement that starts from `assessment`: its scores, reasons and
  /// perspective, but no assessor or note (the new judgement is someone's own) and `date`.
  public init(startingFrom assessment: Assessment, date: Day) {
    self.init(
      date: date.description, perspective: assessment.perspective ?? "",
      scores: assessment.scores.mapValues(ScoreDraft.init))
  }

  /// Longest accepted texts, so a pasted document cannot bloat the store (the limits of
  /// files and the API: `TextLimits`).
  public static let maxShortText = TextLimits.byField["assessor"]!
  public static let maxLongText = TextLimits.byField["rationale"]!
  public static let maxEvidenceLines = 50

  /// The assessment, or every problem found.
  public func assessment() throws(InputError) -> Assessment {
    var issues: [InputIssue] = []
    func fail(_ key: String, _ message: String) { issues.append(InputIssue(key: key, message: message)) }

    let assessor = self.assessor.trimmingCharacters(in: .whitespacesAndNewlines)
    if assessor.isEmpty {
      fail("assessor", tr("name who made this assessment"))
    } else if assessor.count > Self.maxShortText {
      fail(
        "assessor",
        tr(
          "at most {limit} characters, got {count}",
          ["limit": .text(String(Self.maxShortText)), "count": .text(String(assessor.count))]))
    }
    let dateText = date.trimmingCharacters(in: .whitespaces)
    let day = Day(dateText)
    if dateText.isEmpty {
      fail("date", tr("enter the date of the judgement as YYYY-MM-DD"))
    } else if day == nil {
      fail("date", tr("'{text}' is not a date; use YYYY-MM-DD, e.g. 2026-11-01", ["text": .text(dateText)]))
    }
    let perspective = self.perspective.trimmingCharacters(in: .whitespacesAndNewlines)
    if perspective.count > Self.maxShortText {
      fail("perspective", tr("at most {limit} characters", ["limit": .text(String(Self.maxShortText))]))
    }
    let note = self.note.trimmingCharacters(in: .whitespacesAndNewlines)
    if note.count > Self.maxLongText {
      fail("note", tr("at most {limit} characters", ["limit": .text(String(Self.maxLongText))]))
    }

    var scores: [CriterionID: CriterionScore] = [:]
    for id in CriterionID.allCases {
      guard let draft = self.scores[id], !draft.isBlank else { continue }
      let key = "scores.\(id.rawValue)"
      if let score = Self.score(draft, key: key, into: &issues) { scores[id] = score }
    }
    if scores.isEmpty && !issues.contains(where: { $0.key?.hasPrefix("scores.") == true }) {
      fail("scores", tr("score at least one criterion"))
    }

    let result = Assessment(
      assessor: assessor, date: day ?? Day(year: 1970, month: 1, day: 1)!,
      perspective: perspective.isEmpty ? nil : perspective,
      note: note.isEmpty ? nil : note, scores: scores)
    // The core's own checks, for anything the field checks above did not already report.
    for issue in result.validate(key: "") where !issues.contains(where: { $0.key == issue.key }) {
      issues.append(issue)
    }
    if !issues.isEmpty { throw InputError(issues) }
    return result
  }

  /// Reads one criterion's fields; reports problems under `key` and returns `nil` on any.
  static func score(_ draft: ScoreDraft, key: String, into issues: inout [InputIssue]) -> CriterionScore? {
    if !draft.quantiles.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      return quantileScore(draft, key: key, into: &issues)
    }
    let before = issues.count
    // `notNumber` and `outside` give the message for the text typed and for the value.
    func number(
      _ text: String, _ field: String, notNumber: (String) -> String, outside: (String) -> String
    ) -> Double? {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty else { return nil }
      guard let value = Double(trimmed.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
        issues.append(InputIssue(key: field, message: notNumber(trimmed)))
        return nil
      }
      guard ScoreValue.scale.contains(value) else {
        issues.append(InputIssue(key: field, message: outside(Format.number(value))))
        return nil
      }
      return value
    }
    let likely = number(
      draft.likely, key,
      notNumber: { tr("'{text}' is not a number; enter a score from 0 to 4", ["text": .text($0)]) },
      outside: { tr("a score must be between 0 and 4, got {value}", ["value": .text($0)]) })
    let low = number(
      draft.low, key + ".low",
      notNumber: { tr("'{text}' is not a number; enter the low end from 0 to 4", ["text": .text($0)]) },
      outside: { tr("the low end must be between 0 and 4, got {value}", ["value": .text($0)]) })
    let high = number(
      draft.high, key + ".high",
      notNumber: { tr("'{text}' is not a number; enter the high end from 0 to 4", ["text": .text($0)]) },
      outside: { tr("the high end must be between 0 and 4, got {value}", ["value": .text($0)]) })
    let likelyBlank = draft.likely.trimmingCharacters(in: .whitespaces).isEmpty
    if likelyBlank {
      let hasRange =
        !draft.low.trimmingCharacters(in: .whitespaces).isEmpty
        || !draft.high.trimmingCharacters(in: .whitespaces).isEmpty
      issues.append(
        InputIssue(
          key: key,
          message: hasRange
            ? tr("a range needs its most likely value too")
            : tr("enter a score from 0 to 4, or clear the rationale and evidence to leave this criterion out")))
    }
    let (rationale, evidence) = reasons(draft, key: key, into: &issues)
    guard issues.count == before, let likely else { return nil }
    let value: ScoreValue =
      (low == nil && high == nil) || (low == likely && high == likely)
      ? .point(likely) : .range(low: low ?? likely, likely: likely, high: high ?? likely)
    let problems = value.validate(key: key)
    if !problems.isEmpty {
      issues += problems
      return nil
    }
    return CriterionScore(value, rationale: rationale.isEmpty ? nil : rationale, evidence: evidence)
  }
}

extension AssessmentDraft {
  /// The rationale and evidence of a criterion, checked for length.
  static func reasons(_ draft: ScoreDraft, key: String, into issues: inout [InputIssue]) -> (String, [String]) {
    let rationale = draft.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
    if rationale.count > maxLongText {
      issues.append(
        InputIssue(
          key: key + ".rationale", message: tr("at most {limit} characters", ["limit": .text(String(maxLongText))])))
    }
    let evidence = draft.evidence.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    if evidence.count > maxEvidenceLines {
      issues.append(
        InputIssue(
          key: key + ".evidence",
          message: tr(
            "at most {limit} lines, got {count}",
            ["limit": .text(String(maxEvidenceLines)), "count": .text(String(evidence.count))])))
    } else if let long = evidence.first(where: { $0.count > 2000 }) {
      issues.append(
        InputIssue(
          key: key + ".evidence",
          message: tr("a line is too long ({count} characters; at most 2000)", ["count": .text(String(long.count))])))
    }
    return (rationale, evidence)
  }

  /// A criterion given as elicited quantiles (`5%: 1, 50%: 2, 95%: 3.5`), which replace
  /// the score and range; problems are reported under `<key>.quantiles` in the words of
  /// `Elicitation.problems`.
  static func quantileScore(_ draft: ScoreDraft, key: String, into issues: inout [InputIssue]) -> CriterionScore? {
    let before = issues.count
    let field = key + ".quantiles"
    if ![draft.likely, draft.low, draft.high].allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
      issues.append(
        InputIssue(
          key: field,
          message: tr(
            "give either quantiles or a score with its range, not both: clear the score and range, or the quantiles")))
    }
    var quantiles: [ElicitedQuantile] = []
    switch ScoreValue.parseQuantiles(draft.quantiles) {
    case .success(let q):
      quantiles = q
      issues += Elicitation.problems(q).map { InputIssue(key: field, message: $0) }
    case .failure(let issue):
      issues.append(InputIssue(key: field, message: issue.message))
    }
    let (rationale, evidence) = reasons(draft, key: key, into: &issues)
    guard issues.count == before else { return nil }
    return CriterionScore(.quantiles(quantiles), rationale: rationale.isEmpty ? nil : rationale, evidence: evidence)
  }
}

/// A new domain as a person types it, with its first assessment.
///
/// Issue keys: `id`, `name`, `summary`, `tags`, `links[i].target|kind|weight|rationale`,
/// and the keys of `AssessmentDraft`.
public struct DomainDraft: Sendable, Hashable {
  /// A link to an existing domain as typed: the target's id, the kind, a weight from 0 to 1
  /// and the reason. A row with no target is ignored (forms offer empty rows).
  public struct LinkDraft: Sendable, Hashable {
    public var target: String
    public var kind: String
    public var weight: String
    public var rationale: String

    public init(target: String = "", kind: String = "related", weight: String = "0.5", rationale: String = "") {
      self.target = target
      self.kind = kind
      self.weight = weight
      self.rationale = rationale
    }

    public var isBlank: Bool { target.trimmingCharacters(in: .whitespaces).isEmpty }
  }

  /// The kinds a form offers, with what each means (`docs/links.md`); the rules carry risk
  /// over each by `LinkRules.standard`.
  /// The meanings are in the language in view.
  public static var linkKinds: [(kind: String, meaning: String)] {
    [
      ("applies", tr("puts the other domain's results to use")),
      ("enables", tr("its results feed the other domain")),
      ("shares-facility", tr("uses the same facilities or data")),
      ("related", tr("otherwise tied to it")),
      ("reframes", tr("replaces the other topic with a less contested framing (carries no risk)")),
    ]
  }

  public var id: String
  public var name: String
  public var summary: String
  /// Comma-separated.
  public var tags: String
  public var links: [LinkDraft]
  public var assessment: AssessmentDraft

  public init(
    id: String = "", name: String = "", summary: String = "", tags: String = "", links: [LinkDraft] = [],
    assessment: AssessmentDraft = AssessmentDraft()
  ) {
    self.id = id
    self.name = name
    self.summary = summary
    self.tags = tags
    self.links = links
    self.assessment = assessment
  }

  /// The links of the non-blank rows, or their problems keyed `links[i].…` by row. With
  /// `knownIDs`, a target must be one of them.
  public func parsedLinks(knownIDs: Set<String>?) -> (links: [DomainLink], issues: [InputIssue]) {
    let ownID = id.trimmingCharacters(in: .whitespaces)
    var links: [DomainLink] = []
    var issues: [InputIssue] = []
    var seen: Set<String> = []
    for (i, row) in self.links.enumerated() where !row.isBlank {
      let key = "links[\(i)]"
      let target = row.target.trimmingCharacters(in: .whitespaces)
      let kind = row.kind.trimmingCharacters(in: .whitespaces).lowercased()
      let rationale = row.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
      if !ownID.isEmpty, target == ownID {
        issues.append(InputIssue(key: key + ".target", message: tr("a domain cannot link to itself")))
      } else if let knownIDs, !knownIDs.contains(target) {
        issues.append(
          InputIssue(
            key: key + ".target",
            message: tr("no domain with id '{id}' to link to", ["id": .text(TextLimits.preview(target))])))
      } else if !seen.insert(target).inserted {
        issues.append(
          InputIssue(
            key: key + ".target", message: tr("'{id}' is linked twice; keep one link per domain", ["id": .text(target)])
          ))
      }
      if kind.isEmpty || kind.count > 60 || !kind.allSatisfy({ $0.isLetter || $0 == "-" }) {
        issues.append(
          InputIssue(
            key: key + ".kind",
            message: tr(
              "choose a kind: {kinds}, or a word of letters and '-'",
              ["kinds": .text(Self.linkKinds.map(\.kind).joined(separator: ", "))])))
      }
      let weightText = row.weight.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
      let weight = Double(weightText)
      if weight == nil || !(weight!.isFinite && (0...1).contains(weight!)) {
        issues.append(
          InputIssue(
            key: key + ".weight",
            message: tr(
              "'{text}' is not a weight; enter a number from 0 (a loose tie) to 1 (the closest)",
              ["text": .text(TextLimits.preview(row.weight))])
          ))
      }
      if let problem = TextLimits.problem(rationale, limit: TextLimits.byField["rationale"] ?? TextLimits.otherwise) {
        issues.append(InputIssue(key: key + ".rationale", message: problem))
      }
      if let weight, issues.allSatisfy({ !($0.key ?? "").hasPrefix(key + ".") }) {
        links.append(
          DomainLink(target: target, kind: kind, weight: weight, rationale: rationale.isEmpty ? nil : rationale))
      }
    }
    return (links, issues)
  }

  /// Tags as stored: trimmed, lowercased, inner spaces turned into '-', duplicates dropped.
  public static func tags(_ text: String) -> [String] {
    var seen: Set<String> = []
    var out: [String] = []
    for part in text.split(separator: ",") {
      let tag = part.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        .split(whereSeparator: \.isWhitespace).joined(separator: "-")
      if !tag.isEmpty && seen.insert(tag).inserted { out.append(tag) }
    }
    return out
  }

  /// The domain with its first assessment and its links, or every problem found (the
  /// domain's, the links' and the assessment's together). With `knownIDs`, links must
  /// target one of them. Whether the id is already taken is for the store to say.
  public func domain(knownIDs: Set<String>? = nil) throws(InputError) -> Domain {
    var issues: [InputIssue] = []
    let assessment: Assessment?
    do { assessment = try self.assessment.assessment() } catch { issues += error.issues; assessment = nil }
    let id = self.id.trimmingCharacters(in: .whitespaces)
    let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
    let summary = self.summary.trimmingCharacters(in: .whitespacesAndNewlines)
    let tags = Self.tags(self.tags)
    var domainIssues: [InputIssue] = []
    if id.isEmpty {
      domainIssues.append(
        InputIssue(key: "id", message: tr("choose an id: lowercase letters, digits and '-', e.g. tidal-stream-energy")))
    }
    if name.count > AssessmentDraft.maxShortText {
      domainIssues.append(
        InputIssue(
          key: "name", message: tr("at most {limit} characters", ["limit": .text(String(AssessmentDraft.maxShortText))])
        ))
    }
    if summary.count > AssessmentDraft.maxLongText {
      domainIssues.append(
        InputIssue(
          key: "summary",
          message: tr("at most {limit} characters", ["limit": .text(String(AssessmentDraft.maxLongText))])))
    }
    if tags.count > 20 {
      domainIssues.append(
        InputIssue(key: "tags", message: tr("at most 20 tags, got {count}", ["count": .text(String(tags.count))])))
    } else if let long = tags.first(where: { $0.count > 60 }) {
      domainIssues.append(
        InputIssue(
          key: "tags",
          message: tr("tag '{start}…' is too long (at most 60 characters)", ["start": .text(String(long.prefix(20)))])))
    }
    let parsed = parsedLinks(knownIDs: knownIDs)
    domainIssues += parsed.issues
    let domain = Domain(
      id: id, name: name, summary: summary.isEmpty ? nil : summary, tags: tags, links: parsed.links,
      assessments: assessment.map { [$0] } ?? [])
    // The core's checks (id format, name present); the missing assessment is already reported.
    // Link problems are reported above by form row, not by position among the parsed links.
    for issue in domain.validate(key: "") where issue.key != "assessment" && !(issue.key ?? "").hasPrefix("links[") {
      var issue = issue
      if issue.key == "name" { issue.message = tr("give the domain a name") }
      if !domainIssues.contains(where: { $0.key == issue.key }) { domainIssues.append(issue) }
    }
    issues = domainIssues + issues
    if !issues.isEmpty { throw InputError(issues) }
    return domain
  }
}
