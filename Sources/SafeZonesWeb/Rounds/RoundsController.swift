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
    facilitator.post("rounds", ":round", "close", use: close)
    facilitator.post("rounds", ":round", "adopt", use: adopt)
    panel.get("rounds", ":round", "assessor", use: assessor)
    panel.post("rounds", ":round", "judgements", use: submit)
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
        study: previous.study, title: "Round \(previous.number + 1)", facilitator: "", domains: previous.domainIDs)
    } else if let study = query["study"] {
      form.study = study
    }
    return try await Self.listPage(req, form: form, issues: []).response()
  }

  static func listPage(_ req: Request, form: RoundsListModel.Form, issues: [InputIssue]) async throws -> Page {
    let snapshot = try await req.catalog.snapshot()
    let delphi = req.catalog.repository.deliberation
    var entries: [RoundsListModel.Entry] = []
    for round in try await delphi.rounds(study: nil) {
      let judgements = try await delphi.judgements(round: round.id)
      entries.append(.init(round: round, assessors: Set(judgements.map(\.assessor)).count))
    }
    var model = RoundsListModel(
      entries: entries, domains: snapshot.domains.map { ($0.id, $0.name) }, form: form, issues: issues,
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
    let new = NewRound(study: form.study, title: form.title, domainIDs: form.domains, facilitator: form.facilitator)
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
    let snapshot = try await req.catalog.snapshot()
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
    let names = Dictionary(uniqueKeysWithValues: round.domainIDs.map { ($0, snapshot.domain($0)?.name ?? $0) })
    let model = RoundDetailModel(
      round: round,
      participation: participation.perDomain.map {
        .init(
          domainID: $0.domainID, name: names[$0.domainID] ?? $0.domainID, assessors: $0.assessors,
          submissions: $0.submissions)
      },
      assessors: participation.assessors, history: history, next: history.first { $0.previousRoundID == round.id },
      convergence: convergence, domainNames: names,
      adopted: req.queryFields["adopted"].flatMap { Int($0) }, csrf: req.csrfToken)
    return RoundsDetailPage.page(model).response()
  }

  @Sendable
  func close(req: Request) async throws -> Response {
    _ = try req.formFields()
    let id = try Self.roundID(req)
    do {
      _ = try await req.asPrincipal { try await req.catalog.repository.deliberation.closeRound(id: id) }
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    return req.redirect(to: RoundsURL.round(id), redirectType: .normal)
  }

  @Sendable
  func adopt(req: Request) async throws -> Response {
    _ = try req.formFields()
    let id = try Self.roundID(req)
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

  // MARK: - Assessors

  @Sendable
  func assessor(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    // A panellist's page is always their own: the name is the signed-in account's, never
    // one typed in the address.
    let name = try req.requirePrincipal().account.name
    var model = try await Self.assessorModel(req, round: round, name: name)
    model.saved = req.queryFields["saved"]
    return RoundsAssessorPage.page(model).response()
  }

  /// The assessor's page with each domain's form prefilled from their latest submission in
  /// this round, else from their judgement in the previous round.
  static func assessorModel(_ req: Request, round: Round, name: String) async throws -> RoundAssessorModel {
    let snapshot = try await req.catalog.snapshot()
    let delphi = req.catalog.repository.deliberation
    let own = Delphi.own(try await delphi.judgements(round: round.id), assessor: name)
    var previous: Round?
    var groups: [String: [CriterionID: GroupDistribution]] = [:]
    var previousOwn: [String: RoundJudgement] = [:]
    if let id = round.previousRoundID, let p = try await delphi.round(id: id), !p.isOpen {
      previous = p
      let judgements = try await delphi.judgements(round: p.id)
      do {
        for g in try Delphi.groups(round: p, judgements: judgements) { groups[g.domainID] = g.criteria }
      } catch {
        throw AppError.invalid(error)
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
        id: id, name: snapshot.domain(id)?.name ?? id, draft: AssessmentDraft(assessor: name), prefill: .blank,
        previousGroup: groups[id] ?? [:], previousOwn: previousOwn[id]?.scores ?? [:])
      if let mine = own[id] {
        entry.draft = draft(mine, note: true)
        entry.prefill = .thisRound(sequence: mine.sequence ?? 1, at: mine.submittedAt)
      } else if let earlier = previousOwn[id], let previous {
        entry.draft = draft(earlier, note: false)
        entry.prefill = .previousRound(previous.number)
      }
      return entry
    }
    return RoundAssessorModel(
      round: round, previous: previous, assessor: name, rubric: snapshot.rubric, domains: domains, csrf: req.csrfToken)
  }

  @Sendable
  func submit(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let round = try await Self.round(req)
    guard round.isOpen else { throw RoundsParts.appError(.roundClosed(round.id)) }
    let domainID = (fields["domain"] ?? "").trimmingCharacters(in: .whitespaces)
    guard round.domainIDs.contains(domainID) else {
      throw AppError(
        .unprocessableEntity, code: "unknown_domain",
        message:
          "'\(domainID)' is not one of this round's domains (\(round.domainIDs.joined(separator: ", "))); nothing was saved",
        field: "domain")
    }
    var draft = fields.assessmentDraft
    draft.date = Day(Date()).description
    draft.assessor = try req.requirePrincipal().account.name
    var issues: [InputIssue] = []
    do {
      let judgement = RoundJudgement(try draft.assessment(), roundID: round.id, domainID: domainID)
      let stored = try await req.asPrincipal { try await req.catalog.repository.deliberation.submit(judgement) }
      return req.redirect(
        to: RoundsURL.assessor(round.id, name: stored.assessor, saved: domainID), redirectType: .normal)
    } catch let error as InputError {
      issues = error.issues
    } catch DeliberationError.invalid(let error) {
      issues = error.issues
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    // Show the page again, this domain's form as typed with its problems next to the fields.
    var model = try await Self.assessorModel(req, round: round, name: draft.assessor)
    if let i = model.domains.firstIndex(where: { $0.id == domainID }) {
      var typed = draft
      typed.date = ""
      model.domains[i].draft = typed
      model.domains[i].issues = issues
    }
    return RoundsAssessorPage.page(model).response(status: .unprocessableEntity)
  }

  @Sendable
  func feedback(req: Request) async throws -> Response {
    let round = try await Self.round(req)
    let name = try req.requirePrincipal().account.name
    guard !round.isOpen else { return RoundsFeedbackPage.notYet(round, assessor: name).response() }
    let snapshot = try await req.catalog.snapshot()
    let delphi = req.catalog.repository.deliberation
    let feedback: RoundFeedback
    do {
      feedback = try Delphi.feedback(
        round: round, judgements: try await delphi.judgements(round: round.id), assessor: name)
    } catch let error as DeliberationError {
      throw RoundsParts.appError(error)
    }
    let model = RoundFeedbackModel(
      feedback: feedback,
      domainNames: Dictionary(uniqueKeysWithValues: round.domainIDs.map { ($0, snapshot.domain($0)?.name ?? $0) }),
      next: try await delphi.next(after: round))
    return RoundsFeedbackPage.page(model).response()
  }

  // MARK: - Helpers

  static func roundID(_ req: Request) throws -> Int {
    let text = req.parameters.get("round") ?? ""
    guard let id = Int(text), id > 0 else { throw AppError.notFound("no round with id '\(TextLimits.preview(text))'") }
    return id
  }

  static func round(_ req: Request) async throws -> Round {
    let id = try roundID(req)
    guard let round = try await req.catalog.repository.deliberation.round(id: id) else {
      throw AppError.notFound("no round with id \(id)")
    }
    return round
  }
}
