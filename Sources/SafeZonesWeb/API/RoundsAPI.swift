import Foundation
import SafeZonesCore
import Vapor

/// Read-only views of the Delphi rounds: what each round asks, how many took part, and once
/// closed how the panel's spread changed. Never who judged what — the web pages are where
/// a facilitator runs rounds.
struct RoundsAPI: RouteCollection {
  func boot(routes: any RoutesBuilder) throws {
    routes.get("rounds", use: list)
    routes.get("rounds", ":id", use: detail)
  }

  /// Every round (or one study's), ordered by study and number.
  @Sendable
  func list(req: Request) async throws -> Response {
    let delphi = req.catalog.repository.deliberation
    var rounds: [RoundDTO] = []
    for round in try await delphi.rounds(study: QueryParameter.string(req, "study")) {
      rounds.append(RoundDTO(round, judgements: try await delphi.judgements(round: round.id)))
    }
    return try APIResponse.json(RoundListDTO(rounds: rounds))
  }

  @Sendable
  func detail(req: Request) async throws -> Response {
    let text = req.parameters.get("id") ?? ""
    let delphi = req.catalog.repository.deliberation
    guard let id = Int(text), id > 0, let round = try await delphi.round(id: id) else {
      throw AppError(
        .notFound, code: "not_found", message: "no round with id '\(TextLimits.preview(text))'", field: "id")
    }
    let judgements = try await delphi.judgements(round: round.id)
    let study = try await delphi.rounds(study: round.study)
    // The group's spread is shown once the round is closed, as on the round's page.
    let convergence =
      round.isOpen
      ? nil
      : try Delphi.convergence(try await delphi.history(upTo: round, studyRounds: study, judgements: judgements))
    let body = RoundDetailDTO(
      round, judgements: judgements, next: study.first { $0.previousRoundID == round.id }, convergence: convergence)
    return try APIResponse.json(body)
  }
}
