import Foundation
import SafeZonesCore
import SafeZonesStore
import Vapor

/// The Delphi pages: rounds, the facilitator's view, each assessor's page and feedback.
/// Registered from `PagesController`, so the forms share its CSRF protection. Handlers
/// read the request, ask the repositories, and hand plain values to the views; the rules
/// (validation, feedback, convergence) live in the core's `Delphi`.
struct RoundsController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    // Panellists see the rounds, their own judgements and the anonymous feedback; only a
    // facilitator sees who has answered, and runs the rounds.
    let panel = routes.access(.permission(.assess))
    let facilitator = routes.access(.permission(.facilitate))
    panel.get("rounds", use: list)
    facilitator.post("rounds", use: open)
    facilitator.get("rounds", ":round", use: detail)
    facilitator.get("rounds", ":round", "close", use: confirmClose)
    facilitator.post("rounds", ":round", "close", use: close)
    facilitator.get("rounds", ":round", "adopt", use: confirmAdopt)
    facilitator.post("rounds", ":round", "adopt", use: adopt)
    facilitator.post("rounds", ":round", "revert", use: revert)
    panel.get("rounds", ":round", "assessor", use: assessor)
    panel.post("rounds", ":round", "judgements", use: submit)
    panel.post("rounds", ":round", "drafts", use: saveDrafts)
    panel.get("rounds", ":round", "feedback", use: feedback)
  }

  // MARK: - Rounds

  @Sendable
  func list(req: Request) async throws -> Response {
    let query = req.queryFields
    var form = RoundsListModel.Form()
    let delphi = req.catalog.repository.deliberation
    if let after = query["after"].flatMap({ Int($0) }), let previous = try await delphi.round(id: after) {
      // "Open the next round" from a round's page: the same study, panel and domains.
      form = .init(
        study: previous.study, title: tr("Round {number}", ["number": .text(String(previous.number + 1))]),
        facilitator: "", domains: previous.domainIDs)
    } else if let study = query["study"] {
      form.study = study
    }
    return try await Self.listPage(req, form: form, issues: []).response()
  }

  static func listPage(_ req: Request, form: RoundsListModel.Form, issues: [InputIssue]) async throws -> Page {
    let snapshot = try await req.snapshot()
    let delphi = req.catalog.repository.deliberation
    var entries: [RoundsListModel.Entry] = []
    for round in try await delphi.rounds(study: nil) {
      let judgements = try await delphi.judgements(round: round.id)
      entries.append(.init(round: round, assessors: Set(judgements.map(\.assessor)).count))
    }
    var model = RoundsListModel(
      entries: entries, domains: snapshot.domains.map { ($0.id, DomainText.name($0)) }, form: form, issues: issues,
      csrf: req.csrfToken)
    model.canOpen = req.may(.facilitate)
    return RoundsListPage.page(model)
  }

  @Sendable
  func open(req: Request) async throws -> Response {
    let fields = try req.formFields()
    // The facilitator is the signed-in account.
    let form = RoundsListModel.Form(
      study: fields["study"] ?? "", title: fields["title"] ?? "", facilitator: try req.requirePrincipal().account.name,
      domains: fields.all("domain"))
    // The panel judges the pair in view (a later round of a study keeps the study's pair).
    let inView = req.pairChoice
    let new = NewRound(
      study: form.study, title: form.title, domainIDs: form.domains, facilitator: form.facilitator,
      pair: inView?.isDefault == false ? inView?.current : nil)
    let status: HTTPResponseStatus
    let issues: [InputIssue]
    do {
      let round = try await req.asPrincipal { try await req.catalog.repository.deliberation.openRound(new) }
      return req.redirect(to: RoundsURL.round(round.id), redirectType: .normal)
    } catch let error as DeliberationError {
      issues = RoundsParts.issue(error)
      if case .invalid = error { status = .unprocessableEntity } else { status = .conflict }
    }
    return try await Self.listPage(req, form: form, issues: issues).response(status: status)
  }

  @Sendable
  func detail(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    let snapshot = try await req.catalog.snapshot(pair: round.pair)  // the round's pair, whatever is in view
    let delphi = req.catalog.repository.deliberation
    let judgements = try await delphi.judgements(round: round.id)
    let participation = Delphi.participation(round: round, judgements: judgements)
    let history = try await delphi.rounds(study: round.study)
    var convergence: Convergence?
    if !round.isOpen {
      do {
        convergence = try Delphi.convergence(
          try await delphi.history(upTo: round, studyRounds: history, judgements: judgements))
      } catch let error as InputError {
        throw AppError.invalid(error)
      }
    }
    let names = Dictionary(
      uniqueKeysWithValues: round.domainIDs.map { ($0, snapshot.domain($0).map(DomainText.name) ?? $0) })
    var model = RoundDetailModel(
      round: round, pair: snapshot.pair,
      participation: participation.perDomain.map {
        .init(
          domainID: $0.domainID, name: names[$0.domainID] ?? $0.domainID, assessors: $0.assessors,
          submissions: $0.submissions)
      },
      assessors: participation.assessors, history: history, next: history.first { $0.previousRoundID == round.id },
      convergence: convergence, domainNames: names,
      adopted: req.queryFields["adopted"].flatMap { Int($0) }, csrf: req.csrfToken)
    model.reverted = req.queryFields["reverted"].flatMap { Int($0) }
    // The expected panel includes everyone who answered the study's previous round.
    var previousJudgements: [RoundJudgement] = []
    if let id = round.previousRoundID { previousJudgements = try await delphi.judgements(round: id) }
    model.unanswered = Delphi.unanswered(round: round, judgements: judgements, previousJudgements: previousJudgements)
    if !round.isOpen {
      model.reversals = Delphi.reversible(round: round, domain: snapshot.domain, rubric: snapshot.rubric).map {
        var shown = $0
        shown.name = names[$0.domainID] ?? $0.name
        return shown
      }
    }
    return RoundsDetailPage.page(model).response()
  }

  /// Closing is final, so the round's page asks first: this page shows who has answered
  /// and holds the form that closes.
  @Sendable
  func confirmClose(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    guard round.isOpen else { throw RoundsParts.appError(.roundClosed(round.id)) }
    let snapshot = try await req.catalog.snapshot(pair: round.pair)  // the round's pair, whatever is in view
    let participation = Delphi.participation(
      round: round, judgements: try await req.catalog.repository.deliberation.judgements(round: round.id))
    let counts = Dictionary(participation.perDomain.map { ($0.domainID, $0.assessors.count) }, uniquingKeysWith: +)
    let model = RoundCloseModel(
      round: round,
      domains: round.domainIDs.map { ($0, snapshot.domain($0).map(DomainText.name) ?? $0, counts[$0] ?? 0) },
      assessors: participation.assessors, csrf: req.csrfToken)
    return RoundsConfirmPage.close(model).response()
  }

  @Sendable
  func close(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let id = try Self.roundID(req)
    // Without the confirmation page's `confirm=yes`, show that page instead of acting.
    guard fields["confirm"] == "yes" else { return req.redirect(to: RoundsURL.close(id), redirectType: .normal) }
    do {
      _ = try await req.asPrincipal { try await req.catalog.repository.deliberation.closeRound(id: id) }
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    return req.redirect(to: RoundsURL.round(id), redirectType: .normal)
  }

  /// Adopting moves domains on the map, so the round's page asks first: this page shows,
  /// per domain, where it stands and where the panel's judgement would put it.
  @Sendable
  func confirmAdopt(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    let snapshot = try await req.catalog.snapshot(pair: round.pair)  // the round's pair, whatever is in view
    let judgements = try await req.catalog.repository.deliberation.judgements(round: round.id)
    let consensus: [(domainID: String, assessment: Assessment)]
    do {
      consensus = try Delphi.consensus(round: round, judgements: judgements, date: Day(Date()))
    } catch {
      throw RoundsParts.appError(error)
    }
    let model = RoundAdoptModel(
      round: round,
      changes: Delphi.adoptionPreview(consensus: consensus, domain: snapshot.domain, rubric: snapshot.rubric).map {
        var shown = $0
        shown.name = snapshot.domain($0.domainID).map(DomainText.name) ?? $0.name
        return shown
      },
      csrf: req.csrfToken)
    return RoundsConfirmPage.adopt(model).response()
  }

  @Sendable
  func adopt(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let id = try Self.roundID(req)
    guard fields["confirm"] == "yes" else { return req.redirect(to: RoundsURL.adopt(id), redirectType: .normal) }
    let adopted: [(domainID: String, version: Int)]
    do {
      adopted = try await req.asPrincipal {
        try await req.catalog.repository.deliberation.adopt(round: id, into: req.catalog.repository, date: Day(Date()))
      }
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    return req.redirect(to: RoundsURL.round(id) + "?adopted=\(adopted.count)", redirectType: .normal)
  }

  /// Undoes an adoption for one domain (`domain=`) or every domain that still holds it
  /// (`all=yes`): a new assessment, signed by the facilitator, restores the one before.
  @Sendable
  func revert(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let id = try Self.roundID(req)
    let domain = (fields["domain"] ?? "").trimmingCharacters(in: .whitespaces)
    guard !domain.isEmpty || fields["all"] == "yes" else {
      throw AppError(
        .unprocessableEntity, code: "missing_domain", message: tr("say which domain to revert (domain=) or all=yes"),
        field: "domain")
    }
    let round = try await Self.round(req)
    let snapshot = try await req.catalog.snapshot(pair: round.pair)  // the round's pair, whatever is in view
    let name = try req.requirePrincipal().account.name
    let reverted: [(domainID: String, version: Int)]
    do {
      reverted = try await req.asPrincipal {
        try await req.catalog.repository.deliberation.revertAdoption(
          round: id, domainIDs: domain.isEmpty ? [] : [domain], into: req.catalog.repository, rubric: snapshot.rubric,
          by: name, date: Day(Date()))
      }
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    return req.redirect(to: RoundsURL.round(id) + "?reverted=\(reverted.count)", redirectType: .normal)
  }

  // MARK: - Assessors

  @Sendable
  func assessor(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    // A panellist's page is always their own: the name is the signed-in account's, never
    // one typed in the address.
    let name = try req.requirePrincipal().account.name
    var model = try await Self.assessorModel(req, round: round, name: name)
    let query = req.queryFields
    model.submitted = (query["submitted"] ?? query["saved"] ?? "").split(separator: ",").map(String.init)
    if query["draft"] == "saved" { model.draftNotice = .saved }
    return RoundsAssessorPage.page(model).response()
  }

  /// The assessor's page with each domain prefilled from their draft, else their latest
  /// submission in this round, else their judgement in the previous round.
  ///
  /// `groups: false` leaves out the previous round's pooled distributions, which only the
  /// page shows: saving drafts (every pause in typing) needs the prefills alone.
  static func assessorModel(
    _ req: Request, round: Round, name: String, groups withGroups: Bool = true
  ) async throws -> RoundAssessorModel {
    let snapshot = try await req.catalog.snapshot(pair: round.pair)  // the round's pair, whatever is in view
    let delphi = req.catalog.repository.deliberation
    let own = Delphi.own(try await delphi.judgements(round: round.id), assessor: name)
    let drafts = Dictionary(
      try await delphi.drafts(round: round.id, assessor: name).map { ($0.domainID, $0) },
      uniquingKeysWith: { a, _ in a })
    var previous: Round?
    var groups: [String: [CriterionID: GroupDistribution]] = [:]
    var previousOwn: [String: RoundJudgement] = [:]
    if let id = round.previousRoundID, let p = try await delphi.round(id: id), !p.isOpen {
      previous = p
      let judgements = try await delphi.judgements(round: p.id)
      if withGroups {
        do {
          for g in try Delphi.groups(round: p, judgements: judgements) { groups[g.domainID] = g.criteria }
        } catch {
          throw AppError.invalid(error)
        }
      }
      previousOwn = Delphi.own(judgements, assessor: name)
    }
    func draft(_ j: RoundJudgement, note: Bool) -> AssessmentDraft {
      AssessmentDraft(
        assessor: name, perspective: j.perspective ?? "", note: note ? j.note ?? "" : "",
        scores: j.scores.mapValues(AssessmentDraft.ScoreDraft.init))
    }
    let domains = round.domainIDs.map { id -> RoundAssessorModel.DomainEntry in
      var entry = RoundAssessorModel.DomainEntry(
        id: id, name: snapshot.domain(id).map(DomainText.name) ?? id, draft: AssessmentDraft(assessor: name),
        prefill: .blank,
        previousGroup: groups[id] ?? [:], previousOwn: previousOwn[id]?.scores ?? [:])
      if let mine = own[id] {
        entry.draft = draft(mine, note: true)
        entry.prefill = .thisRound(sequence: mine.sequence ?? 1, at: mine.submittedAt)
        entry.submitted = entry.draft
        entry.submittedAt = mine.submittedAt
      }
      if let saved = drafts[id], round.isOpen {
        // Submitting removes a domain's draft, so a draft is always newer than the judgement.
        var typed = FormFields(pairs: saved.fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
          .assessmentDraft
        typed.assessor = name
        entry.draft = typed
        entry.prefill = .draft(savedAt: saved.savedAt)
      } else if own[id] == nil, let earlier = previousOwn[id], let previous {
        entry.draft = draft(earlier, note: false)
        entry.prefill = .previousRound(previous.number)
      }
      return entry
    }
    return RoundAssessorModel(
      round: round, previous: previous, assessor: name, rubric: snapshot.rubric, domains: domains, csrf: req.csrfToken)
  }

  /// The assessor page's one form: every domain with a score is submitted, all or
  /// nothing; a domain left blank, or unchanged since its last submission, is not. When
  /// anything is refused nothing is submitted, and what was typed is shown again and kept
  /// as drafts. A post naming one `domain` with unprefixed fields (scripts, older pages)
  /// submits that domain alone.
  @Sendable
  func submit(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let round = try await Self.round(req)
    guard round.isOpen else { throw RoundsParts.appError(.roundClosed(round.id)) }
    let name = try req.requirePrincipal().account.name
    if fields["domain"] != nil { return try await submitOne(req, fields: fields, round: round, name: name) }

    var model = try await Self.assessorModel(req, round: round, name: name)
    let loaded = model.domains
    var judgements: [RoundJudgement] = []
    var refused = false
    for i in model.domains.indices {
      let d = model.domains[i]
      var typed = RoundForm.fields(fields, domain: d.id).assessmentDraft
      typed.assessor = name
      model.domains[i].draft = typed
      guard !typed.scores.isEmpty, typed != d.submitted else { continue }
      var dated = typed
      dated.date = Day(Date()).description
      do {
        judgements.append(RoundJudgement(try dated.assessment(), roundID: round.id, domainID: d.id))
      } catch {
        model.domains[i].issues = error.issues
        refused = true
      }
    }
    // Domains typed in but not submitted keep their typing as drafts.
    func keepDrafts(except submitted: Set<String>) async throws {
      let drafts = zip(loaded, model.domains).compactMap { before, now -> RoundDraft? in
        // A domain cleared or left out of the post keeps what is stored.
        let typed = RoundForm.draftFields(fields, domain: now.id)
        guard !submitted.contains(now.id), now.draft != before.draft, !typed.isEmpty else { return nil }
        return RoundDraft(roundID: round.id, domainID: now.id, assessor: name, fields: typed)
      }
      if !drafts.isEmpty {
        try await req.asPrincipal { _ = try await req.catalog.repository.deliberation.saveDrafts(drafts) }
      }
    }
    if !refused, judgements.isEmpty {
      model.domains = loaded
      model.notice = tr(
        "Nothing to submit: score at least one criterion of a domain. Domains already submitted and left unchanged are not sent again."
      )
      return RoundsAssessorPage.page(model).response(status: .unprocessableEntity)
    }
    if !refused {
      do {
        _ = try await req.asPrincipal { try await req.catalog.repository.deliberation.submit(judgements) }
        try? await keepDrafts(except: Set(judgements.map(\.domainID)))
        return req.redirect(
          to: RoundsURL.assessor(round.id, submitted: judgements.map(\.domainID)), redirectType: .normal)
      } catch DeliberationError.invalid(let error) {
        // Keys are `judgements[i].…` for several: put each issue under its domain.
        for issue in error.issues {
          let (index, key) = Self.judgementIndex(issue.key)
          let domainID =
            index.flatMap { judgements.indices.contains($0) ? judgements[$0].domainID : nil }
            ?? judgements.first?.domainID
          if let domainID, let i = model.domains.firstIndex(where: { $0.id == domainID }) {
            model.domains[i].issues.append(InputIssue(key: key, message: issue.message))
          }
        }
      } catch let error as DeliberationError {
        throw RoundsParts.appError(error)
      }
    }
    // Refused: nothing submitted; keep everything typed, on the page and as drafts.
    do {
      try await keepDrafts(except: [])
      model.draftNotice = .keptAfterRefusal
    } catch {
      req.logger.warning("Delphi drafts not kept after a refused submission: \(error)")
    }
    return RoundsAssessorPage.page(model).response(status: .unprocessableEntity)
  }

  /// `judgements[2].scores.military` → (2, `scores.military`); a key without the prefix
  /// (one judgement) → (nil, key).
  static func judgementIndex(_ key: String?) -> (Int?, String?) {
    guard let key, key.hasPrefix("judgements["), let close = key.firstIndex(of: "]") else { return (nil, key) }
    let index = Int(key[key.index(key.startIndex, offsetBy: 11)..<close])
    var rest = key[key.index(after: close)...]
    if rest.hasPrefix(".") { rest = rest.dropFirst() }
    return (index, String(rest))
  }

  /// One domain's judgement posted alone (`domain=` and unprefixed fields).
  func submitOne(_ req: Request, fields: FormFields, round: Round, name: String) async throws -> Response {
    let domainID = (fields["domain"] ?? "").trimmingCharacters(in: .whitespaces)
    guard round.domainIDs.contains(domainID) else {
      throw AppError(
        .unprocessableEntity, code: "unknown_domain",
        message: tr(
          "'{domain}' is not one of this round's domains ({domains}); nothing was saved",
          ["domain": .text(TextLimits.preview(domainID)), "domains": .text(round.domainIDs.joined(separator: ", "))]),
        field: "domain")
    }
    var draft = fields.assessmentDraft
    draft.date = Day(Date()).description
    draft.assessor = name
    var issues: [InputIssue] = []
    do {
      let judgement = RoundJudgement(try draft.assessment(), roundID: round.id, domainID: domainID)
      _ = try await req.asPrincipal { try await req.catalog.repository.deliberation.submit(judgement) }
      return req.redirect(to: RoundsURL.assessor(round.id, submitted: [domainID]), redirectType: .normal)
    } catch let error as InputError {
      issues = error.issues
    } catch DeliberationError.invalid(let error) {
      issues = error.issues
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    // Show the page again, this domain as typed with its problems next to the fields.
    var model = try await Self.assessorModel(req, round: round, name: name)
    if let i = model.domains.firstIndex(where: { $0.id == domainID }) {
      var typed = draft
      typed.date = ""
      model.domains[i].draft = typed
      model.domains[i].issues = issues
    }
    return RoundsAssessorPage.page(model).response(status: .unprocessableEntity)
  }

  /// Saves the form's typing as drafts: with `autosave=1` (the page's script, as one types)
  /// it answers JSON; otherwise ("Save draft" without script) it returns to the page.
  /// Only domains whose fields differ from what the page showed are stored.
  @Sendable
  func saveDrafts(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let round = try await Self.round(req)
    guard round.isOpen else { throw RoundsParts.appError(.roundClosed(round.id)) }
    let name = try req.requirePrincipal().account.name
    let model = try await Self.assessorModel(req, round: round, name: name, groups: false)
    var drafts: [RoundDraft] = []
    for d in model.domains {
      var typed = RoundForm.fields(fields, domain: d.id).assessmentDraft
      typed.assessor = name
      let kept = RoundForm.draftFields(fields, domain: d.id)
      guard typed != d.draft, !kept.isEmpty else { continue }
      drafts.append(RoundDraft(roundID: round.id, domainID: d.id, assessor: name, fields: kept))
    }
    var savedAt = Date()
    if !drafts.isEmpty {
      do {
        savedAt = try await req.asPrincipal { try await req.catalog.repository.deliberation.saveDrafts(drafts) }
      } catch let error as DeliberationError {
        throw RoundsParts.appError(error)
      }
    }
    if fields["autosave"] == "1" {
      let body: [String: String] = [
        "saved_at": Format.utcSecond(savedAt), "domains": drafts.map(\.domainID).joined(separator: ","),
      ]
      let response = Response(status: .ok)
      response.headers.contentType = .json
      response.headers.cacheControl = .init(noStore: true)
      response.body = .init(data: try JSONEncoder().encode(body))
      return response
    }
    return req.redirect(
      to: RoundsURL.assessorPath(round.id) + "?draft=saved#round-actions", redirectType: .normal)
  }

  @Sendable
  func feedback(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    let name = try req.requirePrincipal().account.name
    guard !round.isOpen else { return RoundsFeedbackPage.notYet(round, assessor: name).response() }
    let snapshot = try await req.catalog.snapshot(pair: round.pair)  // the round's pair, whatever is in view
    let delphi = req.catalog.repository.deliberation
    // The study's previous round (closed before this one opened), to chart this round against.
    var previous: (round: Round, judgements: [RoundJudgement])?
    if let id = round.previousRoundID, let p = try await delphi.round(id: id), !p.isOpen {
      previous = (p, try await delphi.judgements(round: p.id))
    }
    let feedback: RoundFeedback
    do {
      feedback = try Delphi.feedback(
        round: round, judgements: try await delphi.judgements(round: round.id), assessor: name, previous: previous)
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    let model = RoundFeedbackModel(
      feedback: feedback,
      domainNames: Dictionary(
        uniqueKeysWithValues: round.domainIDs.map { ($0, snapshot.domain($0).map(DomainText.name) ?? $0) }),
      next: try await delphi.next(after: round))
    return RoundsFeedbackPage.page(model).response()
  }

  // MARK: - Helpers

  static func roundID(_ req: Request) throws -> Int {
    let text = req.parameters.get("round") ?? ""
    guard let id = Int(text), id > 0 else {
      throw AppError.notFound(tr("no round with id '{id}'", ["id": .text(TextLimits.preview(text))]))
    }
    return id
  }

  static func round(_ req: Request) async throws -> Round {
    let id = try roundID(req)
    guard let round = try await req.catalog.repository.deliberation.round(id: id) else {
      throw AppError.notFound(tr("no round with id {id}", ["id": .text(String(id))]))
    }
    return round
  }
}
