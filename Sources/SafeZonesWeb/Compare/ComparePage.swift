import Foundation
import Plot
import SafeZonesCore

/// What the compare page shows: the pairs compared, every pair the rubric knows (for the
/// form), and the comparison.
struct ComparePageModel {
  var comparison: PairComparison
  var known: [CountryPair]
  var all: Bool
}

enum ComparePage {
  static func page(_ m: ComparePageModel) -> Page {
    let c = m.comparison
    let names = joined(c.pairs.map(\.description))
    let compared = c.compared
    let shown = m.all ? compared : c.differing
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Map"), SiteURL.map), (tr("Compare pairs"), nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Compare country pairs"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "The same domain has one identity and a separate assessment for each pair of countries. Here each pair is placed from its own current assessment, under the rubric scoped to that pair, and the domains that change quadrant are listed with the criteria that make the difference."
            )))),
      form(m),
      .el(
        "p",
        [
          "id": "compare-count", "class": "count", "data-differing": String(c.differing.count),
          "data-compared": String(compared.count),
        ],
        .safe(countSentence(differing: c.differing.count, compared: compared.count, rows: c.rows.count, names: names))),
    ]
    if compared.isEmpty {
      body.append(
        .el(
          "p", ["class": "hint", "id": "compare-empty"],
          .safe(
            tr(
              "No domain is assessed for more than one of these pairs yet. Choose a pair in the selector at the top, then assess a domain for it from its page."
            ))))
    } else {
      body.append(
        .el(
          "figure", ["class": "map compare-maps", "id": "compare-figure"],
          .void(
            "img",
            [
              "src": SiteURL.compare + "/maps.svg?pairs=" + Esc.url(c.pairs.map(\.id).joined(separator: ","))
                + (m.all ? "&all=on" : ""),
              "alt": tr(
                "Maps of the domains assessed for {pairs}, side by side, and below them the domains that change quadrant, each drawn for every pair with arrows joining its placements.",
                ["pairs": .text(names)]),
              "width": "1200",
            ]),
          .el(
            "figcaption", [:],
            .link(
              SiteURL.compare + "/maps.svg?pairs=" + Esc.url(c.pairs.map(\.id).joined(separator: ","))
                + (m.all ? "&all=on" : ""), tr("Open the maps as SVG")))))
      body.append(table(c, rows: shown))
    }
    return Page(title: tr("Compare pairs"), section: .map, body: body)
  }

  static func form(_ m: ComparePageModel) -> HTMLNode {
    let chosen = Set(m.comparison.pairs)
    return .el(
      "form", ["id": "compare-form", "class": "filters", "method": "get", "action": SiteURL.compare],
      .el(
        "fieldset", [:],
        .el("legend", [:], .safe(tr("Pairs to compare (two or more)"))),
        .group(
          m.known.map { pair in
            .el(
              "label", ["class": "check"],
              .void(
                "input",
                ["type": "checkbox", "name": "pairs", "value": pair.id, "checked": Attrs.flag(chosen.contains(pair))]),
              .safe(" " + pair.description))
          })),
      .el(
        "label", ["class": "check"],
        .void("input", ["type": "checkbox", "name": "all", "value": "on", "checked": Attrs.flag(m.all)]),
        .safe(tr(" List every domain assessed for the pairs, not only those that change quadrant"))),
      .el("button", ["type": "submit"], .safe(tr("Compare"))))
  }

  static func table(_ c: PairComparison, rows: [PairComparison.Row]) -> HTMLNode {
    guard !rows.isEmpty else {
      return .el(
        "p", ["class": "hint", "id": "compare-none"], .safe(tr("No domain changes quadrant between these pairs.")))
    }
    return ViewParts.scroll(
      tr("Domains compared"),
      .el(
        "table", ["id": "compare-table", "class": "data"],
        .el(
          "caption", [:],
          .safe(
            tr(
              "Quadrant, gains and risk for each pair; the criteria judged differently, the one that moves the placement most first."
            ))),
        .el(
          "thead", [:],
          .el(
            "tr", [:],
            [.el("th", ["scope": "col"], .safe(tr("Domain")))]
              + c.pairs.map { .el("th", ["scope": "col"], .safe($0.description)) }
              + [.el("th", ["scope": "col"], .safe(tr("Criteria that make the difference")))])),
        .el(
          "tbody", [:],
          rows.map { row in
            .el(
              "tr", ["data-id": row.id, "data-differs": row.quadrantDiffers ? "true" : "false"],
              [
                .el(
                  "th", ["scope": "row"], .link(SiteURL.domain(row.id), DomainText.name(id: row.id, english: row.name)))
              ]
                + zip(row.placements, c.pairs).map { p, pair in
                  guard let p else { return .el("td", ["class": "muted"], .safe(tr("not assessed"))) }
                  return .el(
                    "td", ["data-pair": pair.id],
                    ViewParts.badge(p.quadrant),
                    .el(
                      "span", ["class": "muted"],
                      .safe(
                        tr(
                          " gains {gains}, risk {risk}",
                          [
                            "gains": .text(Format.fixed(p.gains, digits: 2)),
                            "risk": .text(Format.fixed(p.risk, digits: 2)),
                          ]))))
                }
                + [
                  .el(
                    "td", [:],
                    row.differences.isEmpty
                      ? .safe("—")
                      : .el(
                        "ul", ["class": "plain"],
                        row.differences.prefix(4).map { .el("li", [:], .safe(c.describe($0))) }))
                ])
          })))
  }

  /// `US–CN and EU–CN` (and so on), in the language in view.
  static func joined(_ names: [String]) -> String {
    guard var out = names.first else { return "" }
    for name in names.dropFirst() { out = tr("{first} and {second}", ["first": .text(out), "second": .text(name)]) }
    return out
  }

  /// How many of the domains compared change quadrant, and how many are assessed for one
  /// pair only.
  static func countSentence(differing: Int, compared: Int, rows: Int, names: String) -> String {
    let args: [String: LocalizationArgument] = [
      "differing": .text(String(differing)), "compared": .text(String(compared)), "pairs": .text(names),
    ]
    var text: String
    switch (compared == 1, differing == 1) {
    case (true, true): text = tr("{differing} of {compared} domain assessed for {pairs} changes quadrant.", args)
    case (true, false): text = tr("{differing} of {compared} domain assessed for {pairs} change quadrant.", args)
    case (false, true): text = tr("{differing} of {compared} domains assessed for {pairs} changes quadrant.", args)
    case (false, false): text = tr("{differing} of {compared} domains assessed for {pairs} change quadrant.", args)
    }
    if compared < rows {
      let more: [String: LocalizationArgument] = ["count": .text(String(rows - compared))]
      text +=
        rows - compared == 1
        ? tr(" {count} more is assessed for one of the pairs only.", more)
        : tr(" {count} more are assessed for one of the pairs only.", more)
    }
    return text
  }
}
