import Foundation
import Plot
import SafeZonesCore

/// The addresses of the Delphi pages, built in one place (like `SiteURL`). Values are
/// percent-encoded here; views still escape them as attributes.
enum RoundsURL {
  static let list = "/rounds"

  /// The list with the open-a-round form prefilled to follow `round`.
  static func next(after round: Int) -> String { "/rounds?after=\(round)#open-round" }
  static func round(_ id: Int) -> String { "/rounds/\(id)" }
  static func close(_ id: Int) -> String { "/rounds/\(id)/close" }
  static func adopt(_ id: Int) -> String { "/rounds/\(id)/adopt" }
  static func revert(_ id: Int) -> String { "/rounds/\(id)/revert" }
  static func drafts(_ id: Int) -> String { "/rounds/\(id)/drafts" }
  static func judgements(_ id: Int) -> String { "/rounds/\(id)/judgements" }
  static func assessorPath(_ id: Int) -> String { "/rounds/\(id)/assessor" }
  static func feedbackPath(_ id: Int) -> String { "/rounds/\(id)/feedback" }

  static func assessor(_ id: Int, name: String, saved: String? = nil) -> String {
    assessorPath(id) + "?name=\(Esc.url(name))" + (saved.map { "&saved=\(Esc.url($0))#domain-\(Esc.url($0))" } ?? "")
  }

  /// The assessor's page after a submission: which domains were just submitted, and the
  /// first of them in view.
  static func assessor(_ id: Int, submitted: [String]) -> String {
    assessorPath(id) + "?submitted=\(Esc.url(submitted.joined(separator: ",")))"
      + (submitted.first.map { "#domain-\(Esc.url($0))" } ?? "")
  }

  static func feedback(_ id: Int, name: String) -> String { feedbackPath(id) + "?name=\(Esc.url(name))" }
}

/// Pieces shared by the Delphi pages.
enum RoundsParts {
  /// `open` / `closed` as a labelled badge (the word is written: colour is not the only cue).
  static func status(_ round: Round) -> HTMLNode {
    .el(
      "span", ["class": "badge", "data-status": round.status.rawValue],
      .safe(round.isOpen ? "Open" : "Closed"))
  }

  /// `Panel 2026 · round 2: Title`.
  static func heading(_ round: Round) -> String { "\(round.study) · round \(round.number): \(round.title)" }

  /// `2.5`, with two decimals at most.
  static func n(_ v: Double) -> String { Format.number(v, digits: 2) }

  /// `2–3`.
  static func band(_ low: Double, _ high: Double) -> String { n(low) == n(high) ? n(low) : "\(n(low))–\(n(high))" }

  /// A group distribution in words: `median 2.5 · middle half 2–3 · 90% 1.2–3.8 · 3 assessors`.
  static func group(_ g: GroupDistribution) -> String {
    "median \(n(g.median)) · middle half \(band(g.p25, g.p75)) · 90% \(band(g.p05, g.p95)) · \(g.n) assessor\(g.n == 1 ? "" : "s")"
  }

  static func position(_ p: Delphi.Position) -> String {
    switch p {
    case .below: return "below the group's middle half"
    case .within: return "within the group's middle half"
    case .above: return "above the group's middle half"
    }
  }

  /// The store's refusal as an error for the site.
  static func appError(_ error: DeliberationError) -> AppError {
    switch error {
    case .roundNotFound: return AppError(.notFound, code: "not_found", message: error.description)
    case .roundClosed: return AppError(.conflict, code: "round_closed", message: error.description)
    case .roundOpen: return AppError(.conflict, code: "round_open", message: error.description)
    case .previousRoundOpen, .notLatest:
      return AppError(.conflict, code: "round_order", message: error.description, field: "study")
    case .invalid(let input): return .invalid(input)
    case .notAdopted: return AppError(.conflict, code: "not_adopted", message: error.description, field: "domain")
    }
  }

  /// The issue a refusal of the open-a-round form becomes, keyed by its field.
  static func issue(_ error: DeliberationError) -> [InputIssue] {
    switch error {
    case .invalid(let input): return input.issues
    case .previousRoundOpen, .notLatest: return [InputIssue(key: "study", message: error.description)]
    case .roundNotFound, .roundClosed, .roundOpen, .notAdopted:
      return [InputIssue(key: "study", message: error.description)]
    }
  }
}
