import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

enum GraphPage {
  static func page(_ m: GraphPageModel) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Map"), SiteURL.map), (tr("Links between domains"), nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Links between domains"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Cooperation in one domain is tied to others. An arrow runs from a domain to the domain it is tied to; the linking domain takes on part of that neighbour's risk — the kind's factor times the link's weight along the strongest path (less for each extra hop), times the neighbour's own risk. The effective risk is the higher of its own and the inherited risk; a reframing carries none."
            )))),
      ChangeViews.dateForm(
        id: "graph-form", action: SiteURL.graph, asOf: m.asOf,
        extra: [
          .el(
            "label", ["class": "check"],
            .void(
              "input", ["type": "checkbox", "name": "only_linked", "value": "on", "checked": Attrs.flag(m.onlyLinked)]),
            .safe(" " + tr("Only linked domains")))
        ]),
      .el(
        "figure", ["id": "graph", "class": "map graph"],
        .raw(m.svg),
        .el(
          "figcaption", [:],
          .safe(caption(m)))),
    ]
    body.append(linkedRisk(m))
    body.append(links(m))
    return Page(title: tr("Links between domains"), section: .graph, body: body)
  }

  /// The figure's caption: what it shows and how to use it.
  static func caption(_ m: GraphPageModel) -> String {
    let counts: [String: LocalizationArgument] = [
      "domains": .text(String(m.nodeCount)), "links": .text(String(m.links.count)),
      "date": .text(m.asOf?.description ?? ""),
    ]
    return m.asOf == nil
      ? tr(
        "{domains} domains and {links} links. Select a domain to open it; hover over a link for its kind, weight and rationale. The same data is in the tables below.",
        counts)
      : tr(
        "{domains} domains and {links} links as of {date}. Select a domain to open it; hover over a link for its kind, weight and rationale. The same data is in the tables below.",
        counts)
  }

  static func linkedRisk(_ m: GraphPageModel) -> HTMLNode {
    .el(
      "section", ["id": "linked-risk", "aria-labelledby": "linked-risk-title"],
      .el("h2", ["id": "linked-risk-title"], .safe(tr("Risk carried over links"))),
      m.linked.isEmpty
        ? .el("p", ["class": "muted"], .safe(tr("No link carries risk.")))
        : ViewParts.scroll(
          tr("Risk carried over links"),
          .el(
            "table", ["id": "linked-risk-table", "class": "data"],
            .el(
              "caption", [:],
              .safe(tr("Own risk, the risk links carry (best path), and the effective risk, most raised first"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col"], .safe(tr("Domain"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Own risk"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Carried"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Effective"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Raised by"))),
                .el("th", ["scope": "col"], .safe(tr("From, along")))
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
      .el("h2", ["id": "links-title"], .safe(tr("Links"))),
      m.links.isEmpty
        ? .el("p", ["class": "muted"], .safe(tr("No links recorded.")))
        : ViewParts.scroll(
          tr("Links"),
          .el(
            "table", ["id": "links-table", "class": "data"],
            .el(
              "caption", [:], .safe(tr("Every link, as stored: from the linking domain to the domain it is tied to"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col"], .safe(tr("From", context: "link"))),
                .el("th", ["scope": "col"], .safe(tr("Kind"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Weight"))),
                .el("th", ["scope": "col"], .safe(tr("To", context: "link"))),
                .el("th", ["scope": "col"], .safe(tr("Rationale")))
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
                  .el("td", [:], l.rationale.map(DomainText.untranslated) ?? .safe("—"))
                )
              })
          )))
  }
}
