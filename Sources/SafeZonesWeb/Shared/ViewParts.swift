import Foundation
import Plot
import SafeZonesCore

/// Pieces shared by the page views.
enum ViewParts {
  /// The trail to this page: `(label, address)` pairs, the last (without an address) the
  /// page itself.
  static func breadcrumb(_ items: [(String, String?)]) -> HTMLNode {
    .el(
      "nav", ["class": "breadcrumb", "aria-label": tr("Breadcrumb")],
      .el(
        "ol", [:],
        items.map { label, href in
          .el("li", [:], href.map { .link($0, label) } ?? .el("span", ["aria-current": "page"], .safe(label)))
        }))
  }

  /// Who signs a judgement: the signed-in account, shown instead of a field to type a name in.
  static func signedBy(_ name: String, id: String = "signed-by") -> HTMLNode {
    .el(
      "div", ["class": "field signed-by", "id": id],
      .el("span", ["class": "label"], .safe(tr("Assessor"))),
      .el("p", [:], .el("strong", [:], .safe(name)), .safe(" — " + tr("your account signs this judgement."))))
  }

  /// In place of a form the reader's role may not use: what it needs, so nobody fills in a
  /// form only to be refused.
  static func needsRole(_ role: Role, to what: String, id: String) -> HTMLNode {
    .el(
      "p", ["class": "notice", "id": id],
      .safe(
        tr(
          "{what} needs the {role} role; ask an administrator if you need it.",
          ["what": .text(what.prefix(1).uppercased() + what.dropFirst()), "role": .text(role.title)])))
  }

  /// The hidden field that carries a form's CSRF token (`CSRFProtection`).
  static func csrfField(_ token: String) -> HTMLNode {
    .void("input", ["type": "hidden", "name": CSRFProtection.field, "value": token])
  }

  /// The box at the top of a refused form: how many problems, each a list item (usually a
  /// link to its field), and what happened to the input. Focusable and announced, so the
  /// script can move focus to it.
  static func errorSummary(items: [[HTMLNode]], action: String? = nil, outcome: String) -> HTMLNode {
    let n = items.count
    let title: String
    switch (n, action) {
    case (1, nil): title = tr("There is 1 problem to fix")
    case (_, nil): title = tr("There are {count} problems to fix", ["count": .text(String(n))])
    case (1, let action?): title = tr("There is 1 problem to fix before {action}", ["action": .text(action)])
    case (_, let action?):
      title = tr(
        "There are {count} problems to fix before {action}", ["count": .text(String(n)), "action": .text(action)])
    }
    return .el(
      "div",
      [
        "id": "form-errors", "class": "error-summary", "role": "alert", "tabindex": "-1",
        "aria-labelledby": "form-errors-title",
      ],
      .el(
        "h2", ["id": "form-errors-title"],
        .safe(title)),
      .el("ul", [:], items.map { .el("li", [:], $0) }),
      .el("p", [:], .safe(outcome)))
  }

  /// `2026-11-29 14:03 UTC`.
  static func time(_ date: Date) -> String { Format.utcMinute(date) }

  /// The quadrant's name as a coloured badge (colour is never the only cue: the name is written).
  /// The quadrant's name is in the reader's language (`quadrant.<id>.name`).
  static func badge(_ q: Quadrant, _ extra: String? = nil) -> HTMLNode {
    let name = LanguageInView.text("quadrant.\(q.rawValue).name", q.title)
    return .el("span", ["class": "badge q-\(q.rawValue)", "data-quadrant": q.rawValue], .safe(name + (extra ?? "")))
  }

  /// `+0.125` / `−0.050`.
  static func signed(_ v: Double) -> String {
    let text = Format.fixed(abs(v), digits: 3)
    if abs(v) < 0.0005 { return Format.fixed(0, digits: 3) }
    return (v < 0 ? "−" : "+") + text
  }

  /// A score as shown in tables: `3`, or `3 (range 2–4)`.
  static func score(_ value: ScoreValue) -> String {
    if case .quantiles(let q) = value {
      return tr(
        "{likely} (quantiles {quantiles})",
        ["likely": .text(Format.number(value.likely, digits: 2)), "quantiles": .text(ScoreValue.quantileText(q))])
    }
    return value.isRange
      ? tr(
        "{likely} (range {low}–{high})",
        [
          "likely": .text(Format.number(value.likely)), "low": .text(Format.number(value.low)),
          "high": .text(Format.number(value.high)),
        ])
      : Format.number(value.likely)
  }

  /// A horizontal gauge for a value in [0, 1] with its threshold and optional envelope, as
  /// an inline SVG drawn with attributes only (the content security policy forbids style="").
  static func gauge(_ value: Double, threshold: Double, envelope: ClosedRange<Double>, label: String) -> HTMLNode {
    func x(_ v: Double) -> String { Format.number(6 + max(0, min(1, v)) * 288, digits: 1) }
    var parts = [
      "<svg class=\"gauge\" viewBox=\"0 0 300 20\" width=\"300\" height=\"20\" role=\"img\" aria-label=\"\(Esc.attr(label))\" focusable=\"false\">",
      "<rect x=\"6\" y=\"7\" width=\"288\" height=\"6\" rx=\"3\" fill=\"#e4e4e4\"/>",
    ]
    // An envelope narrower than floating-point noise is a point.
    if envelope.upperBound - envelope.lowerBound > 1e-9 {
      let (low, high) = (envelope.lowerBound, envelope.upperBound)
      parts.append(
        "<rect class=\"gauge-envelope\" x=\"\(x(low))\" y=\"5\" width=\"\(Format.number(max(0, min(1, high) - max(0, low)) * 288, digits: 1))\" height=\"10\" rx=\"2\" fill=\"#9aa7b4\" fill-opacity=\"0.45\"/>"
      )
    }
    parts.append(
      "<line x1=\"\(x(threshold))\" y1=\"1\" x2=\"\(x(threshold))\" y2=\"19\" stroke=\"#333333\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"
    )
    parts.append(
      "<circle cx=\"\(x(value))\" cy=\"10\" r=\"5.5\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>")
    parts.append("</svg>")
    return .raw(parts.joined())
  }

  /// Text with every `http(s)://` URL turned into a link; everything escaped.
  static func linkified(_ text: String) -> [HTMLNode] {
    var nodes: [HTMLNode] = []
    var cursor = text.startIndex
    for match in text.matches(of: /https?:\/\/[^\s<>"]+/) {
      var end = match.range.upperBound
      // Leave closing punctuation outside the link.
      while end > match.range.lowerBound, let last = text[match.range.lowerBound..<end].last, ".,;:)]'”".contains(last)
      {
        end = text.index(before: end)
      }
      let url = String(text[match.range.lowerBound..<end])
      guard url.count > "https://".count else { continue }
      if cursor < match.range.lowerBound { nodes.append(.safe(String(text[cursor..<match.range.lowerBound]))) }
      nodes.append(
        .el("a", ["href": url, "rel": "noopener noreferrer nofollow", "class": "evidence-link"], .safe(url)))
      cursor = end
    }
    if cursor < text.endIndex { nodes.append(.safe(String(text[cursor...]))) }
    return nodes
  }

  /// A wide table in a scrollable, keyboard-reachable region.
  static func scroll(_ label: String, _ table: HTMLNode) -> HTMLNode {
    .el("div", ["class": "table-scroll", "role": "region", "aria-label": label, "tabindex": "0"], table)
  }

  /// The meaning of a score's level on a criterion (`3: Mostly basic research…`).
  static func levelMeaning(_ criterion: Criterion, score: Double?) -> String {
    guard let score, !criterion.levels.isEmpty else { return tr("not scored") }
    let level = min(criterion.levels.count - 1, max(0, Int(score.rounded())))
    // The catalogue's words when the rubric says what the shipped one says; else its own.
    return "\(level): "
      + Localization.shipped("criterion.\(criterion.id.rawValue).level.\(level)", criterion.levels[level])
  }
}
