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

extension LanguageInView {
  /// The language `request` is answered in: `lang=` in the query, else the remembered one
  /// (pages only: the API's answers depend on the request alone, so a page's choice does not
  /// change what a program reads), else the browser's `Accept-Language`, else English.
  /// `lang=` that is malformed or unknown is `.failure` with the refusal, and `lenient`
  /// skips it instead (for the error pages, which must answer anyway).
  static func chosen(for request: Request, lenient: Bool = false) -> Result<SafeZonesCore.Language, AppError> {
    var language = SafeZonesCore.Language.negotiate(acceptLanguage: request.headers.first(name: .acceptLanguage))
    if let asked = request.query[String.self, at: "lang"] {
      // A language tag as BCP 47 writes it (`zh-Hans`, `en-GB`); anything else is refused.
      let wellFormed = asked.range(of: #"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"#, options: .regularExpression) != nil
      if wellFormed, let chosen = SafeZonesCore.Language(tag: asked) { return .success(chosen) }
      if !lenient {
        return .failure(
          AppError.badRequest(
            "unknown language '\(TextLimits.preview(asked))'; known languages: \(SafeZonesCore.Language.knownTags.joined(separator: ", "))",
            field: "lang"))
      }
    }
    if !request.url.path.hasPrefix("/api/"), let remembered = request.cookies[LanguageInView.cookie]?.string,
      let chosen = SafeZonesCore.Language(tag: remembered)
    {
      language = chosen
    }
    return .success(language)
  }
}

/// Sets the interface language of a request (``LanguageInView/chosen(for:lenient:)``) and
/// remembers one asked for with `lang=` in a cookie. An unknown `lang=` is refused with the
/// known tags; JSON keys and ids never change with the language.
struct LanguageSelection: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let asked = request.query[String.self, at: "lang"]
    let language = try LanguageInView.chosen(for: request).get()
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
