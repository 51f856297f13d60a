import Foundation

/// One round of a Delphi deliberation: a facilitator asks a panel to judge a set of
/// domains; assessors submit privately while the round is open; once it is closed, each
/// sees the anonymous group distribution beside their own judgement and may revise it in
/// the study's next round.
///
/// Successive rounds of the same `study` form a chain: round 1, 2, … each following the
/// study's latest round, which must be closed first.
///
/// ## Topics
/// - ``NewRound``
/// - ``RoundJudgement``
/// - ``Delphi``
/// - ``DeliberationRepository``
public struct Round: Sendable, Hashable, Identifiable {
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// Assessors may submit judgements.
    case open
    /// Final: no more judgements; the group feedback is available.
    case closed
  }

  /// Assigned by the store: a small number, unique across studies (`elicit export 3`).
  public var id: Int
  /// The name grouping successive rounds of one deliberation.
  public var study: String
  /// 1, 2, … within the study.
  public var number: Int
  public var title: String
  /// The domains the panel judges in this round, in the order the facilitator gave.
  public var domainIDs: [String]
  /// Who runs the round (named, not authenticated, until accounts arrive).
  public var facilitator: String
  public var status: Status
  public var openedAt: Date
  public var closedAt: Date?
  /// The study's round this one follows (`nil` for round 1).
  public var previousRoundID: Int?
  /// The country pair the panel judges (`nil`: the rubric's default pair). Every round of a
  /// study judges the pair of its first round; the pooled judgement is adopted for it.
  public var pair: CountryPair?

  public init(
    id: Int, study: String, number: Int, title: String, domainIDs: [String], facilitator: String,
    status: Status = .open, openedAt: Date, closedAt: Date? = nil, previousRoundID: Int? = nil,
    pair: CountryPair? = nil
  ) {
    self.pair = pair
    self.id = id
    self.study = study
    self.number = number
    self.title = title
    self.domainIDs = domainIDs
    self.facilitator = facilitator
    self.status = status
    self.openedAt = openedAt
    self.closedAt = closedAt
    self.previousRoundID = previousRoundID
  }

  public var isOpen: Bool { status == .open }

  /// `study, round 2 "Title"`, for messages.
  public var label: String {
    tr(
      "{study}, round {number} “{title}”",
      ["study": .text(study), "number": .text(String(number)), "title": .text(title)])
  }
}

/// What a facilitator gives to open a round. The store assigns the id, the number in the
/// study and the opening time.
public struct NewRound: Sendable, Hashable {
  public var study: String
  public var title: String
  public var domainIDs: [String]
  public var facilitator: String
  /// The round this one follows. `nil` means: the study's latest round, if there is one.
  /// When given, it must be the latest round of its study, and `study` may be left empty
  /// (it is taken from that round).
  public var after: Int?
  /// The pair the panel judges (`nil`: the default pair); a later round of a study keeps
  /// the study's pair whatever is given here.
  public var pair: CountryPair?

  public init(
    study: String, title: String, domainIDs: [String], facilitator: String, after: Int? = nil,
    pair: CountryPair? = nil
  ) {
    self.pair = pair
    self.study = study
    self.title = title
    self.domainIDs = domainIDs
    self.facilitator = facilitator
    self.after = after
  }

  /// The same round with names trimmed and domain ids trimmed, de-duplicated in order.
  public var normalized: NewRound {
    var seen: Set<String> = []
    let ids = domainIDs.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
      !$0.isEmpty && seen.insert($0).inserted
    }
    return NewRound(
      study: study.trimmingCharacters(in: .whitespacesAndNewlines),
      title: title.trimmingCharacters(in: .whitespacesAndNewlines), domainIDs: ids,
      facilitator: facilitator.trimmingCharacters(in: .whitespacesAndNewlines), after: after, pair: pair)
  }

  /// Format-independent checks: names present and not too long, at least one domain, every
  /// domain id well-formed and (when `knownDomainIDs` is given) existing. Issue keys:
  /// `study`, `title`, `facilitator`, `domains`.
  public func validate(knownDomainIDs: Set<String>? = nil) -> [InputIssue] {
    let r = normalized
    var issues: [InputIssue] = []
    func name(_ value: String, _ key: String, _ what: String) {
      if value.isEmpty {
        issues.append(InputIssue(key: key, message: what))
      } else if value.count > AssessmentDraft.maxShortText {
        issues.append(
          InputIssue(
            key: key,
            message: tr(
              "at most {max} characters, got {count}",
              ["max": .text(String(AssessmentDraft.maxShortText)), "count": .text(String(value.count))])))
      }
    }
    if r.after == nil || !r.study.isEmpty {
      name(r.study, "study", tr("name the study that groups the rounds of this deliberation"))
    }
    name(r.title, "title", tr("give the round a title"))
    name(r.facilitator, "facilitator", tr("name who facilitates the round"))
    if r.domainIDs.isEmpty {
      issues.append(InputIssue(key: "domains", message: tr("choose at least one domain for the panel to judge")))
    } else if r.domainIDs.count > Delphi.maxDomainsPerRound {
      issues.append(
        InputIssue(
          key: "domains",
          message: tr(
            "at most {max} domains per round, got {count}",
            ["max": .text(String(Delphi.maxDomainsPerRound)), "count": .text(String(r.domainIDs.count))])))
    }
    let malformed = r.domainIDs.filter { !Domain.isValidID($0) }
    if !malformed.isEmpty {
      issues.append(
        InputIssue(
          key: "domains",
          message: tr(
            "not a domain id: {ids} (ids use lowercase letters, digits and '-')",
            ["ids": .text(malformed.map { "'\($0)'" }.joined(separator: ", "))])))
    }
    if let knownDomainIDs {
      let unknown = r.domainIDs.filter { Domain.isValidID($0) && !knownDomainIDs.contains($0) }
      if !unknown.isEmpty {
        issues.append(
          InputIssue(
            key: "domains",
            message: tr("no domain with id {ids}", ["ids": .text(unknown.map { "'\($0)'" }.joined(separator: ", "))])))
      }
    }
    return issues
  }
}

/// One assessor's private judgement of one domain in one round. Judgements are never
/// edited: a resubmission is a new judgement, and the assessor's latest one for a domain in
/// a round is the one that counts (the earlier ones are kept).
public struct RoundJudgement: Sendable, Hashable {
  public var roundID: Int
  public var domainID: String
  public var assessor: String
  /// Where the assessor stands (`US`, `CN`, `third-country`); optional.
  public var perspective: String?
  /// Points, ranges or quantiles, with rationales, exactly as in an assessment.
  public var scores: [CriterionID: CriterionScore]
  public var note: String?
  /// Set by the store: when the judgement was saved.
  public var submittedAt: Date?
  /// Set by the store: 1, 2, … per round, domain and assessor (2 = the first revision).
  public var sequence: Int?

  public init(
    roundID: Int, domainID: String, assessor: String, perspective: String? = nil,
    scores: [CriterionID: CriterionScore], note: String? = nil, submittedAt: Date? = nil, sequence: Int? = nil
  ) {
    self.roundID = roundID
    self.domainID = domainID
    self.assessor = assessor
    self.perspective = perspective
    self.scores = scores
    self.note = note
    self.submittedAt = submittedAt
    self.sequence = sequence
  }

  /// The judgement built from an assessment (its date is not kept: a judgement is dated by
  /// its submission).
  public init(_ assessment: Assessment, roundID: Int, domainID: String) {
    self.init(
      roundID: roundID, domainID: domainID, assessor: assessment.assessor, perspective: assessment.perspective,
      scores: assessment.scores, note: assessment.note)
  }

  /// The judgement as an assessment dated `date` (for pooling, scoring and export).
  public func assessment(date: Day) -> Assessment {
    Assessment(assessor: assessor, date: date, perspective: perspective, note: note, scores: scores)
  }

  /// The same judgement with names and texts trimmed (empty optional texts become `nil`).
  public var normalized: RoundJudgement {
    var copy = self
    copy.domainID = domainID.trimmingCharacters(in: .whitespacesAndNewlines)
    copy.assessor = assessor.trimmingCharacters(in: .whitespacesAndNewlines)
    copy.perspective = perspective?.trimmingCharacters(in: .whitespacesAndNewlines)
    if copy.perspective?.isEmpty == true { copy.perspective = nil }
    copy.note = note?.trimmingCharacters(in: .whitespacesAndNewlines)
    if copy.note?.isEmpty == true { copy.note = nil }
    return copy
  }

  /// Checks the judgement against its round: the right round, one of the round's domains,
  /// an assessor named, at least one criterion scored, every score valid. Whether the
  /// round is still open is for the store to say. Issue keys: `round`, `domain`,
  /// `assessor`, `perspective`, `note`, `scores`, `scores.<criterion>`, each under `key`.
  public func validate(in round: Round, key: String = "") -> [InputIssue] {
    let j = normalized
    let prefix = key.isEmpty ? "" : key + "."
    var issues: [InputIssue] = []
    if j.roundID != round.id {
      issues.append(
        InputIssue(
          key: prefix + "round",
          message: tr(
            "belongs to round {given}, not round {round}",
            ["given": .text(String(j.roundID)), "round": .text(String(round.id))])))
    }
    if !round.domainIDs.contains(j.domainID) {
      issues.append(
        InputIssue(
          key: prefix + "domain",
          message: tr(
            "'{domain}' is not one of this round's domains ({domains})",
            ["domain": .text(j.domainID), "domains": .text(round.domainIDs.joined(separator: ", "))])))
    }
    if j.assessor.isEmpty {
      issues.append(InputIssue(key: prefix + "assessor", message: tr("name who makes this judgement")))
    } else if j.assessor.count > AssessmentDraft.maxShortText {
      issues.append(
        InputIssue(
          key: prefix + "assessor",
          message: tr("at most {max} characters", ["max": .text(String(AssessmentDraft.maxShortText))])))
    }
    if (j.perspective?.count ?? 0) > AssessmentDraft.maxShortText {
      issues.append(
        InputIssue(
          key: prefix + "perspective",
          message: tr("at most {max} characters", ["max": .text(String(AssessmentDraft.maxShortText))])))
    }
    if (j.note?.count ?? 0) > AssessmentDraft.maxLongText {
      issues.append(
        InputIssue(
          key: prefix + "note",
          message: tr("at most {max} characters", ["max": .text(String(AssessmentDraft.maxLongText))])))
    }
    if j.scores.isEmpty {
      issues.append(InputIssue(key: prefix + "scores", message: tr("score at least one criterion")))
    }
    for id in j.scores.keys.sorted() {
      issues += j.scores[id]!.value.validate(key: prefix + "scores.\(id.rawValue)")
    }
    return issues
  }
}

/// Why the deliberation store refused something. Each case says what to do about it.
public enum DeliberationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No round with this id.
  case roundNotFound(Int)
  /// The round is closed: it accepts no judgements and cannot be closed again.
  case roundClosed(Int)
  /// The round is still open: its group feedback is not available yet.
  case roundOpen(Int)
  /// A new round must follow the study's latest round, which must be closed.
  case previousRoundOpen(id: Int, study: String, number: Int)
  /// `--after` named a round that is not its study's latest.
  case notLatest(id: Int, study: String, latest: Int)
  /// The data does not pass validation.
  case invalid(InputError)
  /// The domain's current assessment is not this round's adopted judgement (it was never
  /// adopted, was assessed since, or had nothing before it): there is no adoption to revert.
  case notAdopted(round: Int, domain: String)

  public var description: String {
    switch self {
    case .roundNotFound(let id): return tr("no round with id {id}", ["id": .text(String(id))])
    case .roundClosed(let id):
      return tr(
        "round {id} is closed: it accepts no more judgements and closing is final; open the study's next round to revise",
        ["id": .text(String(id))])
    case .roundOpen(let id):
      return tr(
        "round {id} is still open: the group's feedback is shown once the facilitator closes it",
        ["id": .text(String(id))])
    case .previousRoundOpen(let id, let study, let number):
      return tr(
        "round {number} of '{study}' (id {id}) is still open: close it before opening the next round, so that assessors see its feedback",
        ["number": .text(String(number)), "study": .text(study), "id": .text(String(id))])
    case .notLatest(let id, let study, let latest):
      return tr(
        "round {id} is not the latest round of '{study}'; a new round follows the latest one (id {latest})",
        ["id": .text(String(id)), "study": .text(study), "latest": .text(String(latest))])
    case .invalid(let error): return error.description
    case .notAdopted(let round, let domain):
      return tr(
        "'{domain}' does not hold round {round}'s adopted judgement as its current assessment (it was not adopted, has been assessed since, or the panel's was its first assessment), so there is no adoption to revert; add an assessment instead",
        ["domain": .text(TextLimits.preview(domain)), "round": .text(String(round))])
    }
  }
}
