import Foundation
import Plot
import SafeZonesCore

/// Pieces shared by the warnings page and the domain page's change section.
enum ChangeViews {
  static func severity(_ s: Severity) -> HTMLNode {
    .el(
      "span", ["class": "severity severity-\(s.rawValue)", "data-severity": s.rawValue], .safe(s.rawValue.capitalized))
  }

  /// One warning as a list item; `showDomain` names the domain (the warnings page).
  static func warning(_ w: MigrationWarning, names: [String: String], showDomain: Bool) -> HTMLNode {
    var head: [HTMLNode] = [severity(w.severity), .safe(" "), .el("strong", ["class": "kind"], .safe(w.kind.title))]
    if showDomain {
      head += [.safe(" · "), .link(SiteURL.domain(w.domain), w.name, ["class": "domain-link"])]
    }
    if let related = w.related {
      head += [.safe(" → "), .link(SiteURL.domain(related), names[related] ?? related, ["class": "related-link"])]
    }
    var facts =
      "\(w.from.date) → \(w.to.date): gains \(Format.fixed(w.from.gains)) → \(Format.fixed(w.to.gains)), risk \(Format.fixed(w.from.risk)) → \(Format.fixed(w.to.risk))"
    if let expected = w.expected { facts += "; expected to cross around \(expected)" }
    return .el(
      "li",
      [
        "class": "warning severity-\(w.severity.rawValue)", "data-kind": w.kind.rawValue, "data-domain": w.domain,
        "data-severity": w.severity.rawValue,
      ],
      .el("p", ["class": "warning-head"], head),
      .el("p", ["class": "warning-facts muted"], .safe(facts)),
      .el("p", ["class": "warning-message"], .safe(w.message)),
      w.precedent.map { .el("p", ["class": "precedent"], .safe($0)) } ?? .none)
  }

  /// A projection as a table, one row per year.
  static func projection(_ p: Projection, id: String) -> HTMLNode {
    ViewParts.scroll(
      "Projection of \(p.name)",
      .el(
        "table", ["id": id, "class": "data projection", "data-id": p.domain],
        .el(
          "caption", [:],
          .safe(
            "Projected from the assessment of \(p.from.date) by \(p.assessor), with the drifts \(p.drifts.map(\.text).joined(separator: "; ")). P is the probability of each quadrant, by Monte Carlo over each drift's ±."
          )),
        .el(
          "thead", [:],
          .el(
            "tr", [:],
            .el("th", ["scope": "col"], .safe("Year")),
            .el("th", ["scope": "col", "class": "num"], .safe("Gains")),
            .el("th", ["scope": "col", "class": "num"], .safe("Risk")),
            .el("th", ["scope": "col"], .safe("Quadrant")),
            .el("th", ["scope": "col", "class": "num"], .safe("P(safe zone)")),
            .el("th", ["scope": "col", "class": "num"], .safe("P(political engineering)")),
            .el("th", ["scope": "col", "class": "num"], .safe("P(monitor)")),
            .el("th", ["scope": "col", "class": "num"], .safe("P(traditional)"))
          )),
        .el(
          "tbody", [:],
          p.years.map { y in
            .el(
              "tr", ["data-years": String(y.years)],
              .el("th", ["scope": "row"], .safe("+\(y.years) (\(y.date))")),
              .el(
                "td", ["class": "num"],
                .safe("\(Format.fixed(y.gains)) (\(Format.fixed(y.gainsRange[0]))–\(Format.fixed(y.gainsRange[1])))")),
              .el(
                "td", ["class": "num"],
                .safe("\(Format.fixed(y.risk)) (\(Format.fixed(y.riskRange[0]))–\(Format.fixed(y.riskRange[1])))")),
              .el("td", [:], ViewParts.badge(y.quadrant)),
              .el("td", ["class": "num"], .safe(Format.fixed(y.probabilities[.safeZone] ?? 0))),
              .el("td", ["class": "num"], .safe(Format.fixed(y.probabilities[.politicalEngineering] ?? 0))),
              .el("td", ["class": "num"], .safe(Format.fixed(y.probabilities[.monitor] ?? 0))),
              .el("td", ["class": "num"], .safe(Format.fixed(y.probabilities[.traditional] ?? 0)))
            )
          })
      ))
  }

  /// The date form shared by the change pages (GET, no script).
  static func dateForm(id: String, action: String, asOf: Day?, extra: [HTMLNode]) -> HTMLNode {
    .el(
      "form", ["id": id, "class": "filters", "method": "get", "action": action],
      .el(
        "div", ["class": "field"],
        .el("label", ["for": "\(id)-as-of"], .safe("As of")),
        .void("input", ["id": "\(id)-as-of", "type": "date", "name": "as_of", "value": asOf?.description ?? ""])),
      .group(extra),
      .el(
        "div", ["class": "actions"],
        .el("button", ["type": "submit", "class": "button"], .safe("Show")),
        asOf == nil ? .none : .link(action, "Today", ["class": "button secondary"]))
    )
  }
}

enum WarningsPage {
  static func page(_ m: WarningsPageModel) -> Page {
    let w = m.report.warnings
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Map", SiteURL.map), ("Migration warnings", nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Migration warnings")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "Every assessment is dated, so each domain has a trajectory. These warnings flag quadrant changes, trends about to cross a threshold within \(Format.number(m.horizon)) year\(m.horizon == 1 ? "" : "s"), fundamental work drifting north-west towards military use, technologies maturing to the left, and reframings that lowered risk — most severe first."
          ))),
      ChangeViews.dateForm(
        id: "warnings-form", action: SiteURL.warnings, asOf: m.asOf,
        extra: [
          .el(
            "div", ["class": "field"],
            .el("label", ["for": "warnings-horizon"], .safe("Horizon (years)")),
            .void(
              "input",
              [
                "id": "warnings-horizon", "type": "number", "name": "horizon", "min": "0.5", "max": "50", "step": "0.5",
                "value": Format.number(m.horizon),
              ]))
        ]),
      .el(
        "p", ["id": "warning-count", "class": "count", "data-count": String(w.count)],
        .safe(
          "\(w.isEmpty ? "No" : String(w.count)) warning\(w.count == 1 ? "" : "s")\(m.asOf.map { " as of \($0)" } ?? "")"
        )),
    ]
    if !w.isEmpty {
      body.append(
        .el(
          "ol", ["id": "warnings", "class": "warnings"],
          w.map { ChangeViews.warning($0, names: m.names, showDomain: true) }))
    }
    if !m.report.projections.isEmpty {
      body.append(
        .el(
          "section", ["id": "projections", "aria-labelledby": "projections-title"],
          .el("h2", ["id": "projections-title"], .safe("Projections from recorded drifts")),
          .group(
            m.report.projections.enumerated().map { i, p in
              .group([
                .el("h3", [:], .link(SiteURL.domain(p.domain), p.name)),
                ChangeViews.projection(p, id: "projection-\(i + 1)"),
              ])
            })))
    }
    body.append(
      .el(
        "p", [:], .link(SiteURL.mapTrajectories(), "See the trajectories on the map"), .safe(" · "),
        .link(SiteURL.graph, "Links between domains")))
    return Page(title: "Migration warnings", section: .warnings, body: body)
  }
}
