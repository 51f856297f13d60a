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
    let names = c.pairs.map(\.description).joined(separator: " and ")
    let compared = c.compared
    let shown = m.all ? compared : c.differing
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Map", SiteURL.map), ("Compare pairs", nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Compare country pairs")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "The same domain has one identity and a separate assessment for each pair of countries. Here each pair is placed from its own current assessment, under the rubric scoped to that pair, and the domains that change quadrant are listed with the criteria that make the difference."
          ))),
      form(m),
      .el(
        "p",
        [
          "id": "compare-count", "class": "count", "data-differing": String(c.differing.count),
          "data-compared": String(compared.count),
        ],
        .safe(
          "\(c.differing.count) of \(compared.count) domain\(compared.count == 1 ? "" : "s") assessed for \(names) change\(c.differing.count == 1 ? "s" : "") quadrant."
            + (compared.count < c.rows.count
              ? " \(c.rows.count - compared.count) more \(c.rows.count - compared.count == 1 ? "is" : "are") assessed for one of the pairs only."
              : ""))),
    ]
    if compared.isEmpty {
      body.append(
        .el(
          "p", ["class": "hint", "id": "compare-empty"],
          .safe(
            "No domain is assessed for more than one of these pairs yet. Choose a pair in the selector at the top, then assess a domain for it from its page."
          )))
    } else {
      body.append(
        .el(
          "figure", ["class": "map compare-maps", "id": "compare-figure"],
          .void(
            "img",
            [
              "src": SiteURL.compare + "/maps.svg?pairs=" + Esc.url(c.pairs.map(\.id).joined(separator: ","))
                + (m.all ? "&all=on" : ""),
              "alt":
                "Maps of the domains assessed for \(names), side by side, and below them the domains that change quadrant, each drawn for every pair with arrows joining its placements.",
              "width": "1200",
            ]),
          .el(
            "figcaption", [:],
            .link(
              SiteURL.compare + "/maps.svg?pairs=" + Esc.url(c.pairs.map(\.id).joined(separator: ","))
                + (m.all ? "&all=on" : ""), "Open the maps as SVG"))))
      body.append(table(c, rows: shown))
    }
    return Page(title: "Compare pairs", section: .map, body: body)
  }

  static func form(_ m: ComparePageModel) -> HTMLNode {
    let chosen = Set(m.comparison.pairs)
    return .el(
      "form", ["id": "compare-form", "class": "filters", "method": "get", "action": SiteURL.compare],
      .el(
        "fieldset", [:],
        .el("legend", [:], .safe("Pairs to compare (two or more)")),
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
        .safe(" List every domain assessed for the pairs, not only those that change quadrant")),
      .el("button", ["type": "submit"], .safe("Compare")))
  }

  static func table(_ c: PairComparison, rows: [PairComparison.Row]) -> HTMLNode {
    guard !rows.isEmpty else {
      return .el(
        "p", ["class": "hint", "id": "compare-none"], .safe("No domain changes quadrant between these pairs."))
    }
    return ViewParts.scroll(
      "Domains compared",
      .el(
        "table", ["id": "compare-table", "class": "data"],
        .el(
          "caption", [:],
          .safe(
            "Quadrant, gains and risk for each pair; the criteria judged differently, the one that moves the placement most first."
          )),
        .el(
          "thead", [:],
          .el(
            "tr", [:],
            [.el("th", ["scope": "col"], .safe("Domain"))]
              + c.pairs.map { .el("th", ["scope": "col"], .safe($0.description)) }
              + [.el("th", ["scope": "col"], .safe("Criteria that make the difference"))])),
        .el(
          "tbody", [:],
          rows.map { row in
            .el(
              "tr", ["data-id": row.id, "data-differs": row.quadrantDiffers ? "true" : "false"],
              [.el("th", ["scope": "row"], .link(SiteURL.domain(row.id), row.name))]
                + zip(row.placements, c.pairs).map { p, pair in
                  guard let p else { return .el("td", ["class": "muted"], .safe("not assessed")) }
                  return .el(
                    "td", ["data-pair": pair.id],
                    ViewParts.badge(p.quadrant),
                    .el(
                      "span", ["class": "muted"],
                      .safe(" gains \(Format.fixed(p.gains, digits: 2)), risk \(Format.fixed(p.risk, digits: 2))")))
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
}
