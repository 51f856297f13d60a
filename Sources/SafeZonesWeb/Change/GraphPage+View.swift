import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

enum GraphPage {
  static func page(_ m: GraphPageModel) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Map", SiteURL.map), ("Links between domains", nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Links between domains")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "Cooperation in one domain is tied to others. An arrow runs from a domain to the domain it is tied to; the linking domain takes on part of that neighbour's risk — the kind's factor times the link's weight along the strongest path (less for each extra hop), times the neighbour's own risk. The effective risk is the higher of its own and the inherited risk; a reframing carries none."
          ))),
      ChangeViews.dateForm(
        id: "graph-form", action: SiteURL.graph, asOf: m.asOf,
        extra: [
          .el(
            "label", ["class": "check"],
            .void(
              "input", ["type": "checkbox", "name": "only_linked", "value": "on", "checked": Attrs.flag(m.onlyLinked)]),
            .safe(" Only linked domains"))
        ]),
      .el(
        "figure", ["id": "graph", "class": "map graph"],
        .raw(m.svg),
        .el(
          "figcaption", [:],
          .safe(
            "\(m.nodeCount) domains and \(m.links.count) links\(m.asOf.map { " as of \($0)" } ?? ""). Select a domain to open it; hover over a link for its kind, weight and rationale. The same data is in the tables below."
          ))),
    ]
    body.append(linkedRisk(m))
    body.append(links(m))
    return Page(title: "Links between domains", section: .graph, body: body)
  }

  static func linkedRisk(_ m: GraphPageModel) -> HTMLNode {
    .el(
      "section", ["id": "linked-risk", "aria-labelledby": "linked-risk-title"],
      .el("h2", ["id": "linked-risk-title"], .safe("Risk carried over links")),
      m.linked.isEmpty
        ? .el("p", ["class": "muted"], .safe("No link carries risk."))
        : ViewParts.scroll(
          "Risk carried over links",
          .el(
            "table", ["id": "linked-risk-table", "class": "data"],
            .el(
              "caption", [:],
              .safe("Own risk, the risk links carry (best path), and the effective risk, most raised first")),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col"], .safe("Domain")),
                .el("th", ["scope": "col", "class": "num"], .safe("Own risk")),
                .el("th", ["scope": "col", "class": "num"], .safe("Carried")),
                .el("th", ["scope": "col", "class": "num"], .safe("Effective")),
                .el("th", ["scope": "col", "class": "num"], .safe("Raised by")),
                .el("th", ["scope": "col"], .safe("From, along"))
              )),
            .el(
              "tbody", [:],
              m.linked.map { e in
                .el(
                  "tr", ["data-id": e.id, "class": e.isRaised ? "raised" : nil],
                  .el("th", ["scope": "row"], .link(SiteURL.domain(e.id), m.names[e.id] ?? e.id)),
                  .el("td", ["class": "num"], .safe(Format.fixed(e.own, digits: 3))),
                  .el("td", ["class": "num"], .safe(Format.fixed(e.inherited, digits: 3))),
                  .el("td", ["class": "num"], .safe(Format.fixed(e.effective, digits: 3))),
                  .el("td", ["class": "num"], .safe(e.isRaised ? "+" + Format.fixed(e.raisedBy, digits: 3) : "—")),
                  .el("td", [:], .safe(e.pathText))
                )
              })
          )))
  }

  static func links(_ m: GraphPageModel) -> HTMLNode {
    .el(
      "section", ["id": "links-section", "aria-labelledby": "links-title"],
      .el("h2", ["id": "links-title"], .safe("Links")),
      m.links.isEmpty
        ? .el("p", ["class": "muted"], .safe("No links recorded."))
        : ViewParts.scroll(
          "Links",
          .el(
            "table", ["id": "links-table", "class": "data"],
            .el("caption", [:], .safe("Every link, as stored: from the linking domain to the domain it is tied to")),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col"], .safe("From")),
                .el("th", ["scope": "col"], .safe("Kind")),
                .el("th", ["scope": "col", "class": "num"], .safe("Weight")),
                .el("th", ["scope": "col"], .safe("To")),
                .el("th", ["scope": "col"], .safe("Rationale"))
              )),
            .el(
              "tbody", [:],
              m.links.map { l in
                .el(
                  "tr", ["data-from": l.from, "data-to": l.to, "data-kind": l.kind],
                  .el("td", [:], .link(SiteURL.domain(l.from), m.names[l.from] ?? l.from)),
                  .el("td", [:], .safe(l.kind)),
                  .el("td", ["class": "num"], .safe(Format.number(l.weight))),
                  .el("td", [:], .link(SiteURL.domain(l.to), m.names[l.to] ?? l.to)),
                  .el("td", [:], .safe(l.rationale ?? "—"))
                )
              })
          )))
  }
}
