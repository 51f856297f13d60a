import Plot
import Vapor

/// Escaping for Plot. Plot escapes `<` and `>` in text but keeps `&entity;` sequences, and
/// does not escape attribute values at all, so every user-supplied string goes through
/// these two functions before it reaches a page.
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
}

/// Safe building blocks: use these instead of Plot's `.text`, `.value`, `.href`… whenever
/// the string could come from a user or the store.
extension Node {
  /// Text content, escaped.
  static func safe(_ s: String) -> Node { .text(Esc.text(s)) }
  /// Any attribute, escaped.
  static func attr(_ name: String, _ value: String) -> Node { .attribute(named: name, value: Esc.attr(value)) }
}

/// One page of the site: a title, the navigation and the content.
struct Page {
  enum Section: String, CaseIterable {
    case map, assess, rubric, data

    var title: String {
      switch self {
      case .map: return "Map"
      case .assess: return "Assess"
      case .rubric: return "Rubric"
      case .data: return "Import & export"
      }
    }

    var path: String {
      switch self {
      case .map: return "/"
      case .assess: return "/assess"
      case .rubric: return "/rubric"
      case .data: return "/data"
      }
    }
  }

  var title: String
  var section: Section?
  var body: [Node<HTML.BodyContext>]

  func html() -> HTML {
    HTML(
      .lang(.english),
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .element(named: "title", text: Esc.text(title) + " · SafeZones"),
        .link(.rel(.stylesheet), .href(Assets.url("app.css"))),
        .script(.attribute(named: "src", value: Assets.url("app.js")), .attribute(named: "defer", value: "defer"))
      ),
      .body(
        .a(.class("skip"), .href("#main"), .text("Skip to content")),
        .header(
          .class("site"),
          .a(.class("brand"), .href("/"), .text("SafeZones")),
          .nav(
            .attribute(named: "aria-label", value: "Main"),
            .ul(
              .forEach(Section.allCases) { s in
                .li(
                  .a(
                    .href(s.path), .text(s.title),
                    .if(s == section, .attribute(named: "aria-current", value: "page"))
                  ))
              })
          )
        ),
        .main(.id("main"), .group(body)),
        .footer(
          .class("site"),
          .text("Framework: Karplus, Morgan & Victor, “Finding Safe Zones for Science”. "),
          .a(.href("/api/v1/openapi.json"), .text("API"))
        )
      )
    )
  }

  /// The page as an HTTP response.
  func response(status: HTTPResponseStatus = .ok) -> Response {
    let response = Response(status: status, body: .init(string: html().render()))
    response.headers.contentType = .html
    return response
  }
}

/// The page shown for an error on the site (the API answers JSON instead).
enum ErrorPage {
  static func response(_ error: AppError, request: Request) -> Response {
    let heading: String
    switch error.status {
    case .notFound: heading = "Not found"
    case .forbidden: heading = "Refused"
    case .conflict: heading = "Conflict"
    case .payloadTooLarge: heading = "Too large"
    case .unprocessableEntity, .badRequest: heading = "Cannot accept this"
    default: heading = "Something went wrong"
    }
    var body: [Node<HTML.BodyContext>] = [
      .h1(.safe(heading)),
      .p(.class("error"), .attribute(named: "role", value: "alert"), .safe(error.message)),
    ]
    if error.issues.count > 1 {
      body.append(.ul(.forEach(error.issues) { .li(.safe(AppError.plain($0) + ($0.key.map { " (\($0))" } ?? ""))) }))
    }
    body.append(.p(.a(.href("/"), .text("Back to the map"))))
    return Page(title: heading, section: nil, body: body).response(status: error.status)
  }
}
