import Foundation
import SafeZonesCore
import Vapor

/// The country pair a request looks at, and the pairs it may choose from: what the pair
/// selector on every page shows and what the pages' snapshot is scoped to.
struct PairChoice: Sendable, Hashable {
  var current: CountryPair
  var known: [CountryPair]
  var isDefault: Bool
}

/// The pair in view while a request is answered. A task local, so that the page layout
/// (`Page.html()`) can draw the selector without every page passing it down; `Offload`
/// carries it onto the compute threads.
enum PairInView {
  @TaskLocal static var choice: PairChoice?
  static let cookie = "sz_pair"
}

/// Chooses the pair in view for every page and API request: `pair=` in the query (then
/// remembered in a cookie, so links keep it), else the remembered one, else the rubric's
/// default. An unknown `pair=` is refused with the list of known pairs; a remembered pair
/// the rubric no longer knows is forgotten.
struct PairSelection: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let rubric = try await request.catalog.snapshot().rubric
    let raw = request.query[String.self, at: "pair"]
    if let raw, raw.trimmingCharacters(in: .whitespaces).isEmpty {
      throw AppError.badRequest(
        "pair= needs a pair; known pairs: \(rubric.pairs.map(\.id).joined(separator: ", "))", field: "pair")
    }
    let asked = raw
    var pair = rubric.defaultPair
    var forget = false
    if let asked {
      do {
        pair = try rubric.pair(named: asked)
      } catch {
        throw AppError.badRequest(error.issues.first?.message ?? "unknown pair", field: "pair")
      }
    } else if let remembered = request.cookies[PairInView.cookie]?.string {
      if let known = try? rubric.pair(named: remembered) { pair = known } else { forget = true }
    }
    let choice = PairChoice(current: pair, known: rubric.pairs, isDefault: pair == rubric.defaultPair)
    request.storage[PairKey.self] = choice
    let response = try await PairInView.$choice.withValue(choice) { try await next.respond(to: request) }
    if asked != nil {
      response.cookies[PairInView.cookie] = HTTPCookies.Value(
        string: pair.id, maxAge: 365 * 24 * 3600, path: "/", isSecure: request.settings.secureCookies, isHTTPOnly: true,
        sameSite: .lax)
    } else if forget {
      response.cookies[PairInView.cookie] = HTTPCookies.Value(string: "", maxAge: 0, path: "/")
    }
    return response
  }
}

struct PairKey: StorageKey { typealias Value = PairChoice }

extension Request {
  /// The pair this request looks at (the rubric's default outside `PairSelection`).
  var pairChoice: PairChoice? { storage[PairKey.self] }

  /// The catalog's snapshot as judged for the pair in view: what every page and API
  /// answer places domains from.
  func snapshot() async throws -> Catalog.Snapshot {
    try await catalog.snapshot(pair: pairChoice?.current)
  }
}
