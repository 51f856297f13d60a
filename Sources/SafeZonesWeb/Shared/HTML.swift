import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore
import Vapor

/// Escaping for Plot. Plot escapes `<` and `>` in text but keeps `&entity;` sequences, and
/// does not escape attribute values at all, so every user-supplied string goes through
/// these functions before it reaches a page.
enum Esc {
  /// For text content: `&` is escaped first so that Plot's own escaping leaves what the
  /// user typed intact (a literal `&lt;` stays visible as typed).
  static func text(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;") }

  /// For attribute values: every character that could end or break out of a quoted value.
  static func attr(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// For one component of a URL (a path segment or a query value): every byte outside the
  /// unreserved set percent-encoded. The result still goes through `attr` in an `href`.
  static func url(_ s: String) -> String { PercentEncoding.component(s) }
}

/// Safe building blocks: use these instead of Plot's `.text`, `.value`, `.href`… whenever
/// the string could come from a user or the store.
extension Node {
  /// Text content, escaped.
  static func safe(_ s: String) -> Node { .text(Esc.text(s)) }
  /// Any attribute, escaped.
  static func attr(_ name: String, _ value: String) -> Node { .attribute(named: name, value: Esc.attr(value)) }
}

/// The node type of page content.
typealias HTMLNode = Node<HTML.BodyContext>

/// Attributes of an element built with `el`, in order. A `nil` value leaves the attribute
/// out; an empty value writes it bare (`checked`, `required`). Every value is escaped.
struct Attrs: ExpressibleByDictionaryLiteral {
  var pairs: [(String, String?)]

  init(dictionaryLiteral elements: (String, String?)...) { pairs = elements }
  init(_ pairs: [(String, String?)]) { self.pairs = pairs }

  mutating func add(_ name: String, _ value: String?) { pairs.append((name, value)) }

  /// `""` (a bare boolean attribute) when `flag` holds, otherwise left out.
  static func flag(_ flag: Bool) -> String? { flag ? "" : nil }

  var attributes: [Attribute<HTML.BodyContext>] {
    pairs.compactMap { name, value in
      value.map { Attribute(name: name, value: Esc.attr($0), ignoreIfValueIsEmpty: false) }
    }
  }
}

/// A small, uniform way to write markup: `el("p", ["class": "note"], .safe(text))`. One node
/// type for everything keeps the views quick to type-check and every attribute escaped.
extension Node where Context == HTML.BodyContext {
  static func el(_ name: String, _ attrs: Attrs = [:], _ children: Node...) -> Node { el(name, attrs, children) }

  static func el(_ name: String, _ attrs: Attrs, _ children: [Node]) -> Node {
    .element(named: name, nodes: attrs.attributes.map { .attribute($0) } + children)
  }

  /// A void element (`input`, `br`, `meta`), which has attributes only.
  static func void(_ name: String, _ attrs: Attrs) -> Node {
    .selfClosedElement(named: name, attributes: attrs.attributes)
  }

  /// A link with escaped URL and text.
  static func link(_ href: String, _ text: String, _ attrs: Attrs = [:]) -> Node {
    var all: Attrs = ["href": href]
    all.pairs += attrs.pairs
    return el("a", all, .safe(text))
  }

  /// Nothing (for conditional content).
  static var none: Node { .group([]) }
}

/// One page of the site: a title, the navigation and the content.
struct Page {
  enum Section: String, CaseIterable {
    case map, screen, assess, warnings, graph, rounds, simulate, supplyChains, rubric, data, account

    var title: String {
      switch self {
      case .map: return "Map"
      case .screen: return "Screen"
      case .assess: return "Assess"
      case .warnings: return "Warnings"
      case .graph: return "Links"
      case .rounds: return "Deliberation"
      case .simulate: return "Simulate"
      case .supplyChains: return "Supply chains"
      case .rubric: return "Rubric"
      case .data: return "Import & export"
      case .account: return "Account"
      }
    }

    /// The key of its title in the catalogues (`nav.<key>`).
    var key: String { self == .supplyChains ? "supply-chains" : rawValue }

    var path: String {
      switch self {
      case .map: return "/"
      case .screen: return "/screen"
      case .assess: return "/assess"
      case .warnings: return "/warnings"
      case .graph: return "/graph"
      case .rounds: return "/rounds"
      case .simulate: return "/simulate"
      case .supplyChains: return "/supply-chains"
      case .rubric: return "/rubric"
      case .data: return "/data"
      case .account: return "/account"
      }
    }
  }

  var title: String
  var section: Section?
  var body: [Node<HTML.BodyContext>]

  func html() -> HTML {
    let language = LanguageInView.current
    return HTML(
      .attribute(named: "lang", value: language.tag),
      .unwrap(ScriptWords.json()) { .attribute(named: "data-words", value: Esc.attr($0)) },
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .meta(.name("color-scheme"), .content("light")),
        .element(named: "title", text: Esc.text(title) + " · SafeZones"),
        .link(.rel(.icon), .attribute(named: "type", value: "image/svg+xml"), .href(Assets.url("favicon.svg"))),
        .link(.rel(.stylesheet), .href(Assets.url("app.css"))),
        .script(.attribute(named: "src", value: Assets.url("app.js")), .attribute(named: "defer", value: "defer"))
      ),
      .body(
        .a(.class("skip"), .href("#main"), .text(tr("Skip to content"))),
        .header(
          .class("site"),
          .div(
            .class("site-inner"),
            .a(
              .class("brand"), .href("/"), .span(.class("brand-mark"), .attribute(named: "aria-hidden", value: "true")),
              .text("SafeZones")),
            .nav(
              .attribute(named: "aria-label", value: Esc.attr(tr("Main"))),
              .ul(
                .forEach(Section.allCases) { s in
                  .li(
                    .a(
                      .href(s.path), .text(Esc.text(LanguageInView.text("nav.\(s.key)", s.title))),
                      .if(s == section, .attribute(named: "aria-current", value: "page"))
                    ))
                })
            ),
            Self.pairSelector(PairInView.choice),
            Self.languageSwitcher(language)
          )
        ),
        .main(.id("main"), .attribute(named: "tabindex", value: "-1"), .group(body)),
        .footer(
          .class("site"),
          .p(
            .text(tr("Framework: Karplus, Morgan & Victor, “Finding Safe Zones for Science”.") + " "),
            .text(tr("Placements are computed from scored criteria, never typed in.") + " "),
            .a(.href("/rubric"), .text(LanguageInView.text("nav.rubric", "Rubric"))), .text(" · "),
            .a(.href("/taxonomies"), .text(tr("Taxonomies"))), .text(" · "),
            .a(.href("/data"), .text(LanguageInView.text("nav.data", "Import & export"))), .text(" · "),
            .a(.href("/api/v1/openapi.json"), .text("API"))
          )
        )
      )
    )
  }

  /// The country pair selector of every page: a GET form that reloads the page for the
  /// chosen pair (remembered by `PairSelection`). Nothing when the rubric knows one pair.
  static func pairSelector(_ choice: PairChoice?) -> Node<HTML.BodyContext> {
    guard let choice, choice.known.count > 1 else { return .none }
    return .el(
      "form", ["class": "pair-select", "method": "get", "data-autosubmit": "true"],
      .el("label", ["for": "pair-select"], .safe(LanguageInView.text("pair.selector", "Country pair"))),
      .el(
        "select", ["id": "pair-select", "name": "pair"],
        choice.known.map { pair in
          .el("option", ["value": pair.id, "selected": Attrs.flag(pair == choice.current)], .safe(pair.description))
        }),
      .el("button", ["type": "submit", "class": "secondary"], .safe(LanguageInView.text("pair.show", "Show"))),
      .link("/compare", LanguageInView.text("pair.compare", "Compare pairs"), ["class": "compare-link"]))
  }

  /// The language switcher of every page: a GET form reloading the page in the chosen
  /// language (remembered by `LanguageSelection`); each language named in itself.
  static func languageSwitcher(_ current: SafeZonesCore.Language) -> Node<HTML.BodyContext> {
    .el(
      "form", ["class": "pair-select lang-select", "method": "get", "data-autosubmit": "true"],
      .el("label", ["for": "lang-select"], .safe(LanguageInView.text("language.switcher", "Language"))),
      .el(
        "select", ["id": "lang-select", "name": "lang"],
        SafeZonesCore.Language.allCases.map { l in
          .el("option", ["value": l.tag, "lang": l.tag, "selected": Attrs.flag(l == current)], .safe(l.nativeName))
        }),
      .el("button", ["type": "submit", "class": "secondary"], .safe(LanguageInView.text("pair.show", "Show"))))
  }

  /// The page as an HTTP response.
  func response(status: HTTPResponseStatus = .ok) -> Response {
    Self.response(Data(html().render().utf8), status: status)
  }

  /// A rendered page as a response: HTML, never stored by caches.
  static func response(_ html: Data, status: HTTPResponseStatus = .ok) -> Response {
    Response(status: status, headers: headers, body: .init(data: html))
  }

  /// A page the catalog keeps per revision, compressed when the browser accepts it.
  static func response(_ page: CachedBody, to req: Request) -> Response {
    page.response(to: req, contentType: .html, headers: ["Cache-Control": "no-store"])
  }

  static var headers: HTTPHeaders { ["Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"] }
}

/// The page shown for an error on the site (the API answers JSON instead).
enum ErrorPage {
  static func response(_ error: AppError, request: Request) -> Response {
    page(error, path: request.url.path).response(status: error.status)
  }

  /// The page for an error, from plain values (tests render it directly).
  static func page(_ error: AppError, path: String) -> Page {
    let heading: String
    var advice: String
    switch error.status {
    case .notFound:
      heading = tr("Not found")
      advice = tr("The address may be mistyped, or the domain may have been imported under another id.")
    case .forbidden:
      heading = tr("Refused")
      advice =
        error.code == "forbidden" ? tr("Your account can still read what its role allows.") : tr("Nothing was saved.")
    case .conflict:
      heading = tr("Conflict")
      advice = tr("Nothing was saved.")
    case .payloadTooLarge:
      heading = tr("Too large")
      advice = tr("Nothing was saved. Split the file, or ask the operator to raise SAFEZONES_MAX_BODY_MB.")
    case .unprocessableEntity, .badRequest:
      heading = tr("Cannot accept this")
      advice = tr("Nothing was saved.")
    case .unauthorized:
      heading = tr("Sign in first")
      advice = tr("Nothing was saved. Sign in, then try again.")
    case .serviceUnavailable:
      heading = tr("Not set up yet")
      advice = tr("Nothing was saved.")
    case .methodNotAllowed:
      heading = tr("Not allowed")
      advice = tr("This address does not accept that kind of request.")
    default:
      heading = tr("Something went wrong")
      advice = tr(
        "The server could not complete the request; the details are in the server log. Nothing was lost: every saved assessment is kept."
      )
    }
    if error.code == "csrf" {
      advice = tr(
        "Nothing was saved. Go back, reload the form (your browser may keep what you typed) and submit it again.")
    }
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "error-page"],
        .el("p", ["class": "status-code"], .safe(tr("Error {code}", ["code": .text(String(error.status.code))]))),
        .el("h1", [:], .safe(heading)),
        .el("p", ["class": "error-message", "role": "alert"], .safe(error.message)),
        .el("p", [:], .safe(advice))
      )
    ]
    if error.issues.count > 1 {
      body.append(
        .el(
          "ul", ["class": "issues"],
          error.issues.map { .el("li", [:], .safe(AppError.plain($0) + ($0.key.map { " (\($0))" } ?? ""))) }))
    }
    var links: [HTMLNode] = [.el("li", [:], .link("/", tr("Back to the map")))]
    if error.status == .unauthorized { links.insert(.el("li", [:], .link("/login", tr("Sign in"))), at: 0) }
    // A missing domain can be created under the id that was asked for.
    let parts = path.split(separator: "/")
    if error.status == .notFound, parts.count == 2, parts[0] == "domains", Domain.isValidID(String(parts[1])) {
      links.append(
        .el(
          "li", [:],
          .link(
            "/assess?id=\(parts[1])", tr("Assess a new domain with the id {id}", ["id": .text(String(parts[1]))]),
            ["id": "create-missing"])))
    } else {
      links.append(.el("li", [:], .link("/assess", tr("Assess a new domain"))))
    }
    links.append(.el("li", [:], .link("/rubric", tr("Read the rubric"))))
    body.append(.el("nav", ["class": "error-links", "aria-label": tr("Where to go next")], .el("ul", [:], links)))
    return Page(title: heading, section: nil, body: body)
  }
}
