import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Vapor

/// The interface language a request is answered in. A task local, like the pair in view, so
/// that the layout and the charts drawn for a page read it without every page passing it
/// down; `Offload` carries it onto the compute threads.
enum LanguageInView {
  /// The language in view: Core's ``Localization``, which ``tr(_:_:)`` reads, so that the
  /// pages, the charts and the core's own sentences agree; `Offload` carries it onto the
  /// compute threads.
  static var current: SafeZonesCore.Language { Localization.language }
  static let cookie = "sz_lang"

  /// The catalogue of the language in view; `nil` for English, whose words are the code's.
  static var localizer: Localizer? { Localization.current }

  /// Made once per language: pages ask for one for every request.
  static let localizers: [SafeZonesCore.Language: Localizer] = Dictionary(
    uniqueKeysWithValues: SafeZonesCore.Language.allCases.compactMap { l in
      (try? KnowledgeBase.localizer(l)).map { (l, $0) }
    })

  /// `key` in the language in view, or `english` (the page's own words) when English.
  static func text(_ key: String, _ english: String) -> String {
    localizer?.text(key) ?? english
  }
}

/// Chooses the interface language: `lang=` in the query (then remembered in a cookie),
/// else the remembered one, else the browser's `Accept-Language`, else English. An unknown
/// `lang=` is refused with the known tags; JSON keys and ids never change with it.
struct LanguageSelection: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let asked = request.query[String.self, at: "lang"]
    var language = SafeZonesCore.Language.negotiate(acceptLanguage: request.headers.first(name: .acceptLanguage))
    if let asked {
      // A language tag as BCP 47 writes it (`zh-Hans`, `en-GB`); anything else is refused.
      let wellFormed = asked.range(of: #"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"#, options: .regularExpression) != nil
      guard wellFormed, let chosen = SafeZonesCore.Language(tag: asked) else {
        throw AppError.badRequest(
          "unknown language '\(TextLimits.preview(asked))'; known languages: \(SafeZonesCore.Language.knownTags.joined(separator: ", "))",
          field: "lang")
      }
      language = chosen
    } else if let remembered = request.cookies[LanguageInView.cookie]?.string,
      let chosen = SafeZonesCore.Language(tag: remembered)
    {
      language = chosen
    }
    let response = try await Localization.with(LanguageInView.localizers[language]) {
      try await next.respond(to: request)
    }
    if asked != nil {
      response.cookies[LanguageInView.cookie] = HTTPCookies.Value(
        string: language.tag, maxAge: 365 * 24 * 3600, path: "/", isSecure: request.settings.secureCookies,
        isHTTPOnly: true, sameSite: .lax)
    }
    // The same address answers in the reader's language.
    let vary = response.headers[.vary].flatMap { $0.split(separator: ",") }.map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    let merged =
      vary + ["Accept-Language", "Cookie"].filter { name in !vary.contains { $0.lowercased() == name.lowercased() } }
    response.headers.replaceOrAdd(name: .vary, value: merged.joined(separator: ", "))
    return response
  }
}
