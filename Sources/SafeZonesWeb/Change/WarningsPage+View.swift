import Foundation
import Plot
import SafeZonesCore

/// Pieces shared by the warnings page and the domain page's change section.
enum ChangeViews {
  static func severity(_ s: Severity) -> HTMLNode {
    .el(
      "span", ["class": "severity severity-\(s.rawValue)", "data-severity": s.rawValue], .safe(severityName(s)))
  }

  /// A severity's name as the page shows it (`High`).
  static func severityName(_ s: Severity) -> String {
    switch s {
    case .info: return tr("Info")
    case .low: return tr("Low")
    case .medium: return tr("Medium")
    case .high: return tr("High")
    }
  }

  /// One warning as a list item; `showDomain` names the domain (the warnings page).
  static func warning(_ w: MigrationWarning, names: [String: String], showDomain: Bool) -> HTMLNode {
    var head: [HTMLNode] = [severity(w.severity), .safe(" "), .el("strong", ["class": "kind"], .safe(w.kind.title))]
    if showDomain {
      head += [.safe(" · "), .link(SiteURL.domain(w.domain), names[w.domain] ?? w.name, ["class": "domain-link"])]
    }
    if let related = w.related {
      head += [.safe(" → "), .link(SiteURL.domain(related), names[related] ?? related, ["class": "related-link"])]
    }
    let numbers: [String: LocalizationArgument] = [
      "from": .text(w.from.date.description), "to": .text(w.to.date.description),
      "gains0": .text(Format.fixed(w.from.gains)), "gains1": .text(Format.fixed(w.to.gains)),
      "risk0": .text(Format.fixed(w.from.risk)), "risk1": .text(Format.fixed(w.to.risk)),
      "expected": .text(w.expected?.description ?? ""),
    ]
    let facts =
      w.expected == nil
      ? tr("{from} → {to}: gains {gains0} → {gains1}, risk {risk0} → {risk1}", numbers)
      : tr(
        "{from} → {to}: gains {gains0} → {gains1}, risk {risk0} → {risk1}; expected to cross around {expected}", numbers
      )
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
  /// `name` is the domain's name as the page shows it (the projection's own by default).
  static func projection(_ p: Projection, id: String, name: String? = nil) -> HTMLNode {
    ViewParts.scroll(
      tr("Projection of {name}", ["name": .text(name ?? p.name)]),
      .el(
        "table", ["id": id, "class": "data projection", "data-id": p.domain],
        .el(
          "caption", [:],
          .safe(
            tr(
              "Projected from the assessment of {date} by {assessor}, with the drifts {drifts}. P is the probability of each quadrant, by Monte Carlo over each drift's ±.",
              [
                "date": .text(p.from.date.description), "assessor": .text(p.assessor),
                "drifts": .text(p.drifts.map(\.text).joined(separator: "; ")),
              ])
          )),
        .el(
          "thead", [:],
          .el(
            "tr", [:],
            .el("th", ["scope": "col"], .safe(tr("Year"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("Gains"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("Risk"))),
            .el("th", ["scope": "col"], .safe(tr("Quadrant"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("P(safe zone)"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("P(political engineering)"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("P(monitor)"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("P(traditional)")))
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
        .el("label", ["for": "\(id)-as-of"], .safe(tr("As of"))),
        .void("input", ["id": "\(id)-as-of", "type": "date", "name": "as_of", "value": asOf?.description ?? ""])),
      .group(extra),
      .el(
        "div", ["class": "actions"],
        .el("button", ["type": "submit", "class": "button"], .safe(tr("Show"))),
        asOf == nil ? .none : .link(action, tr("Today"), ["class": "button secondary"]))
    )
  }
}

enum WarningsPage {
  static func page(_ m: WarningsPageModel) -> Page {
    let w = m.report.warnings
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Map"), SiteURL.map), (tr("Migration warnings"), nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Migration warnings"))),
        .el("p", ["class": "lede"], .safe(lede(m)))),
      ChangeViews.dateForm(
        id: "warnings-form", action: SiteURL.warnings, asOf: m.asOf,
        extra: [
          .el(
            "div", ["class": "field"],
            .el("label", ["for": "warnings-horizon"], .safe(tr("Horizon (years)"))),
            .void(
              "input",
              [
                "id": "warnings-horizon", "type": "number", "name": "horizon", "min": "0.5", "max": "50", "step": "0.5",
                "value": Format.number(m.horizon),
              ]))
        ]),
      .el(
        "p", ["id": "warning-count", "class": "count", "data-count": String(w.count)],
        .safe(count(w.count, asOf: m.asOf))),
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
          .el("h2", ["id": "projections-title"], .safe(tr("Projections from recorded drifts"))),
          .group(
            m.report.projections.enumerated().map { i, p in
              let name = m.names[p.domain] ?? p.name
              return .group([
                .el("h3", [:], .link(SiteURL.domain(p.domain), name)),
                ChangeViews.projection(p, id: "projection-\(i + 1)", name: name),
              ])
            })))
    }
    body.append(
      .el(
        "p", [:], .link(SiteURL.mapTrajectories(), tr("See the trajectories on the map")), .safe(" · "),
        .link(SiteURL.graph, tr("Links between domains"))))
    return Page(title: tr("Migration warnings"), section: .warnings, body: body)
  }

  /// What the warnings look for, within the horizon.
  static func lede(_ m: WarningsPageModel) -> String {
    let years: [String: LocalizationArgument] = ["years": .text(Format.number(m.horizon))]
    return m.horizon == 1
      ? tr(
        "Every assessment is dated, so each domain has a trajectory. These warnings flag quadrant changes, trends about to cross a threshold within {years} year, fundamental work drifting north-west towards military use, technologies maturing to the left, and reframings that lowered risk — most severe first.",
        years)
      : tr(
        "Every assessment is dated, so each domain has a trajectory. These warnings flag quadrant changes, trends about to cross a threshold within {years} years, fundamental work drifting north-west towards military use, technologies maturing to the left, and reframings that lowered risk — most severe first.",
        years)
  }

  /// `3 warnings as of 2026-01-01`, `No warnings`.
  static func count(_ n: Int, asOf: Day?) -> String {
    let arguments: [String: LocalizationArgument] = [
      "count": .text(String(n)), "date": .text(asOf?.description ?? ""),
    ]
    switch (n, asOf) {
    case (0, nil): return tr("No warnings")
    case (0, _): return tr("No warnings as of {date}", arguments)
    case (1, nil): return tr("1 warning")
    case (1, _): return tr("1 warning as of {date}", arguments)
    case (_, nil): return tr("{count} warnings", arguments)
    default: return tr("{count} warnings as of {date}", arguments)
    }
  }
}
