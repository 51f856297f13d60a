import Foundation
import SafeZonesCore
import Vapor

/// Assessing: a new domain with its first assessment (`/assess`), or a new assessment of an
/// existing domain (`/domains/ID/assess`). Saving never overwrites; a save based on an older
/// version than the store holds is refused with the newer assessment shown.
struct AssessController: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    let assess = routes.access(.permission(.assess))
    assess.get("domains", ":id", "assess", use: appendForm)
    assess.post("domains", ":id", "assess", use: append)
    assess.get("assess", use: newDomainForm)
    assess.post("assess", use: create)
  }

  // MARK: - Assessing an existing domain

  @Sendable
  func appendForm(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let domain = try req.pathDomain(in: snapshot, unassessed: true)
    var draft =
      domain.current.map { AssessmentDraft(startingFrom: $0, date: Day(Date())) }
      ?? AssessmentDraft(date: Day(Date()).description)
    draft.assessor = try req.requirePrincipal().account.name
    let model = AssessPageModel(
      mode: .append(id: domain.id, name: DomainText.name(domain), baseVersion: domain.latestVersion),
      rubric: snapshot.rubric,
      domain: DomainDraft(id: domain.id, name: domain.name, assessment: draft), current: domain.current,
      csrf: req.csrfToken)
    return AssessPage.page(model).response()
  }

  @Sendable
  func append(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let snapshot = try await req.snapshot()
    let domain = try req.pathDomain(in: snapshot, unassessed: true)
    let repository = req.catalog.repository
    var draft = fields.assessmentDraft
    // The signed-in account signs the assessment; a typed name is not taken.
    draft.assessor = try req.requirePrincipal().account.name
    var model = AssessPageModel(
      mode: .append(id: domain.id, name: DomainText.name(domain), baseVersion: domain.latestVersion),
      rubric: snapshot.rubric,
      domain: DomainDraft(id: domain.id, name: domain.name, assessment: draft), current: domain.current,
      csrf: req.csrfToken)

    var issues: [InputIssue] = []
    let base = fields["base_version"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    if base == nil {
      issues.append(
        InputIssue(
          key: "base_version",
          message: tr(
            "the form did not say which version it started from; reload the page and enter your assessment again")
        ))
    }
    var assessment: Assessment?
    do { assessment = try draft.assessment() } catch { issues += error.issues }
    // The judgement is of the pair in view (the selector on the form's page).
    assessment?.pair = snapshot.pair
    if let base, let assessment, issues.isEmpty {
      do {
        let saved = try await req.asPrincipal { try await repository.append(assessment, to: domain.id, basedOn: base) }
        return req.redirect(to: SiteURL.domain(domain.id) + "?saved=\(saved)", redirectType: .normal)
      } catch StoreError.stale {
        return try await Self.conflict(model, id: domain.id, base: base, repository: repository)
      } catch StoreError.invalid(let error) {
        issues += error.issues.map(Self.withoutPrefix)
      }
    }
    // Invalid input: keep what was typed; if the domain moved on meanwhile, say so now too.
    model.issues = issues
    if let base, base != domain.latestVersion, let current = domain.current {
      model.conflict = .init(baseVersion: base, currentVersion: domain.latestVersion, theirs: current)
    }
    return AssessPage.page(model).response(status: .unprocessableEntity)
  }

  /// The form again after a stale save: their newest assessment next to the user's input,
  /// and the form now based on the current version so that a resubmission is accepted.
  static func conflict(
    _ model: AssessPageModel, id: String, base: Int, repository: any DomainRepository
  ) async throws -> Response {
    guard let fresh = try await repository.domain(id: id), let theirs = fresh.current else {
      throw AppError.notFound(tr("no domain with id '{id}'", ["id": .text(TextLimits.preview(id))]))
    }
    var model = model
    let current = fresh.latestVersion
    model.mode = .append(id: fresh.id, name: DomainText.name(fresh), baseVersion: current)
    model.current = theirs
    model.conflict = .init(baseVersion: base, currentVersion: current, theirs: theirs)
    return AssessPage.page(model).response(status: .conflict)
  }

  // MARK: - New domain

  @Sendable
  func newDomainForm(req: Request) async throws -> Response {
    let snapshot = try await req.snapshot()
    let suggested =
      req.queryFields["id"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { Domain.isValidID($0) ? $0 : nil }
      ?? ""
    var model = AssessPageModel(
      mode: .newDomain, rubric: snapshot.rubric,
      domain: DomainDraft(
        id: suggested,
        assessment: AssessmentDraft(assessor: try req.requirePrincipal().account.name, date: Day(Date()).description)),
      csrf: req.csrfToken)
    model.linkTargets = snapshot.domains.map { ($0.id, DomainText.name($0)) }
    return AssessPage.page(model).response()
  }

  @Sendable
  func create(req: Request) async throws -> Response {
    let fields = try req.formFields()
    let snapshot = try await req.snapshot()
    var draft = fields.domainDraft
    draft.assessment.assessor = try req.requirePrincipal().account.name
    var model = AssessPageModel(mode: .newDomain, rubric: snapshot.rubric, domain: draft, csrf: req.csrfToken)
    model.linkTargets = snapshot.domains.map { ($0.id, DomainText.name($0)) }
    var issues: [InputIssue] = []
    var domain: Domain?
    do { domain = try draft.domain(knownIDs: Set(snapshot.byID.keys)) } catch { issues = error.issues }
    let id = draft.id.trimmingCharacters(in: .whitespaces)
    if snapshot.domain(id) != nil {
      issues.removeAll { $0.key == "id" }
      issues.insert(Self.duplicate(id), at: 0)
      model.duplicateOf = id
    }
    if let domain, issues.isEmpty {
      do {
        try await req.asPrincipal { try await req.catalog.repository.create(domain) }
        return req.redirect(to: SiteURL.domain(domain.id) + "?saved=1", redirectType: .normal)
      } catch StoreError.alreadyExists(let existing) {
        issues.insert(Self.duplicate(existing), at: 0)
        model.duplicateOf = existing
      } catch StoreError.invalid(let error) {
        issues += error.issues.map(Self.withoutPrefix)
      }
    }
    model.issues = issues
    return AssessPage.page(model).response(status: .unprocessableEntity)
  }

  static func duplicate(_ id: String) -> InputIssue {
    InputIssue(
      key: "id",
      message: tr(
        "a domain with id '{id}' already exists; choose another id, or add an assessment to the existing domain",
        ["id": .text(TextLimits.preview(id))])
    )
  }

  static func withoutPrefix(_ issue: InputIssue) -> InputIssue {
    var issue = issue
    if let key = issue.key {
      for prefix in ["assessment.", "domains[0].assessments[0].", "domains[0].", "."] where key.hasPrefix(prefix) {
        issue.key = String(key.dropFirst(prefix.count))
        break
      }
    }
    return issue
  }
}
