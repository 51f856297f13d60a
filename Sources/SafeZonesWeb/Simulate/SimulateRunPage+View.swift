import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

enum SimulateRunPage {
  static func statusBadge(_ status: String) -> HTMLNode {
    let text: String
    switch status {
    case "queued": text = tr("Queued")
    case "running": text = tr("Running")
    case "done": text = tr("Done")
    case "failed": text = tr("Failed")
    default: text = tr("Interrupted")
    }
    return .el("span", ["class": "badge", "data-status": status], .safe(text))
  }

  static func page(_ m: SimulateRunModel) -> Page {
    let run = m.run
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        (tr("Simulations"), SimulateURL.list), (tr("Run {run}", ["run": .text(String(run.id))]), nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], titleNode(run)),
        .el("p", ["id": "run-status"], statusBadge(m.state))
      ),
    ]
    if m.isWaiting {
      let percent = m.percent
      body.append(
        .el(
          "div", ["id": "simulation-progress", "data-status-url": SimulateURL.status(run.id), "role": "status"],
          .el(
            "progress",
            ["id": "run-progress", "max": "100", "value": String(percent), "aria-labelledby": "run-progress-label"],
            .safe("\(percent)%")),
          .el("p", ["id": "run-progress-label"], .safe(m.progressLabel)),
          .el(
            "p", ["class": "hint"],
            .safe(tr("This page follows the run and shows the results when it ends. ")),
            .link(SimulateURL.run(run.id), tr("Refresh now"), ["id": "refresh-run"]))))
    } else if m.state == "interrupted" || m.state == "failed" {
      body.append(
        .el(
          "div", ["id": "run-problem", "class": "notice warning", "role": "alert"],
          .el("p", [:], .safe(tr("{status}.", ["status": .text(m.progressLabel)]))),
          .el("p", [:], .link(SimulateURL.again(run.id), tr("Run it again with the same inputs"), ["id": "run-again"])))
      )
    }
    // Results first, then what produced them.
    if let report = m.report { body += results(run, report) }
    body.append(inputs(m))
    return Page(title: title(run), section: .simulate, body: body)
  }

  static func title(_ run: SimulationRun) -> String {
    tr("Run {run}: {portfolio}", ["run": .text(String(run.id)), "portfolio": .text(run.inputs.portfolioName)])
  }

  /// ``title(_:)`` as page text, the portfolio's name marked as typed.
  static func titleNode(_ run: SimulationRun) -> HTMLNode {
    DomainPageText.sentence(
      tr("Run {run}: {portfolio}", ["run": .text(String(run.id)), "portfolio": DomainPageText.slot("portfolio")]),
      ["portfolio": DomainText.asTyped(run.inputs.portfolioName)])
  }

  // MARK: - Inputs

  static func inputs(_ m: SimulateRunModel) -> HTMLNode {
    let run = m.run
    let i = run.inputs
    var command = "safezones simulate portfolio.yaml --trials \(i.trials) --seed \(i.seed) --years \(i.years)"
    if i.scenarioText != nil { command += " --scenario scenario.yaml" }
    if i.compareStructures { command += " --compare-structures" }
    if i.frontier { command += " --frontier" }
    var options: [String] = []
    if i.compareStructures { options.append(tr("structures compared")) }
    if i.frontier { options.append(tr("frontier")) }
    var facts: [HTMLNode] = [
      .el("dt", [:], .safe(tr("Trials"))), .el("dd", ["id": "run-trials"], .safe(String(i.trials))),
      .el("dt", [:], .safe(tr("Seed"))), .el("dd", ["id": "run-seed"], .safe(String(i.seed))),
      .el("dt", [:], .safe(tr("Years"))), .el("dd", [:], .safe(String(i.years))),
      .el("dt", [:], .safe(tr("Scenario"))),
      .el("dd", [:], i.scenarioName.map(DomainText.asTyped) ?? .safe(tr("none: random shocks only"))),
      .el("dt", [:], .safe(tr("Options"))),
      .el("dd", [:], .safe(options.isEmpty ? tr("none") : options.joined(separator: ", "))),
      .el("dt", [:], .safe(tr("Shock catalogue"))), .el("dd", ["id": "run-catalogue"], .safe(i.catalogueVersion)),
      .el("dt", [:], .safe(tr("Rubric"))), .el("dd", [:], .safe(i.rubricVersion)),
      .el("dt", [:], .safe(tr("Submitted"))), .el("dd", [:], .safe(ViewParts.time(run.createdAt))),
    ]
    if let started = run.startedAt {
      facts += [.el("dt", [:], .safe(tr("Started"))), .el("dd", [:], .safe(ViewParts.time(started)))]
    }
    if let finished = run.finishedAt {
      var text = ViewParts.time(finished)
      if let started = run.startedAt {
        text += tr(
          " ({seconds} s)", ["seconds": .text(Format.number(finished.timeIntervalSince(started), digits: 1))])
      }
      facts += [.el("dt", [:], .safe(tr("Finished"))), .el("dd", [:], .safe(text))]
    }
    var files: [HTMLNode] = [
      .el("li", [:], .link(SimulateURL.file(run.id, "portfolio.yaml"), tr("The portfolio as given"), ["download": ""]))
    ]
    if i.scenarioText != nil {
      files.append(
        .el("li", [:], .link(SimulateURL.file(run.id, "scenario.yaml"), tr("The scenario as given"), ["download": ""])))
    }
    return .el(
      "section", ["id": "run-inputs", "aria-labelledby": "run-inputs-title"],
      .el("h2", ["id": "run-inputs-title"], .safe(tr("Inputs"))),
      .el("dl", ["class": "meta"], facts),
      .el("ul", ["class": "downloads-list"], files),
      .el(
        "p", [:],
        .safe(
          tr(
            "The same inputs and seed give the same numbers, byte for byte, on any machine and with any number of threads, as long as the catalogue, the rubric and the domains' assessments are the same. On the command line: "
          )), .el("code", ["id": "run-command"], .safe(command))),
      .el("p", [:], .link(SimulateURL.again(run.id), tr("Run again with these inputs"), ["id": "run-again-link"])),
      .el(
        "details", [:],
        .el("summary", [:], .safe(tr("The portfolio file"))),
        .el("pre", [:], .el("code", ["id": "run-portfolio"], .safe(i.portfolioText)))),
      i.scenarioText.map {
        .el(
          "details", [:],
          .el("summary", [:], .safe(tr("The scenario file"))),
          .el("pre", [:], .el("code", ["id": "run-scenario"], .safe($0))))
      } ?? .none
    )
  }

  // MARK: - Results

  static func amount(_ v: Double) -> String { Format.fixed(v, digits: 1) }
  static func percent(_ p: Double) -> String { Format.fixed(p * 100, digits: 1) + "%" }
  /// An amount of gains or money with its unit: the portfolio's own (`12.5 units`).
  static func units(_ v: Double) -> String { tr("{amount} units", ["amount": .text(amount(v))]) }

  static func figure(_ id: String, _ svg: String?, caption: String) -> HTMLNode {
    guard let svg else { return .none }
    return .el(
      "figure", ["class": "map simulation-figure", "id": id],
      .raw(MapPage.inlineSVG(svg)),
      .el("figcaption", [:], .safe(caption)))
  }

  static func results(_ run: SimulationRun, _ r: SimulationReport) -> [HTMLNode] {
    // Each chart is drawn once: shown here and linked for download below.
    let charts = Dictionary(uniqueKeysWithValues: SimulationCharts.all(r).map { ($0.kind, $0.svg) })
    let p = r.portfolio
    let years = r.inputs.years
    var nodes: [HTMLNode] = []
    let names = Dictionary(r.inputs.portfolio.collaborations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let placements = Dictionary(r.placements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let y: [String: LocalizationArgument] = ["years": .text(String(years))]

    // Portfolio.
    nodes.append(
      .el(
        "section", ["id": "portfolio-results", "aria-labelledby": "portfolio-results-title"],
        .el("h2", ["id": "portfolio-results-title"], .safe(tr("The portfolio over {years} years", y))),
        .el(
          "p", ["id": "units-note", "class": "hint"],
          .safe(
            tr(
              "Gains and budgets are in the portfolio's own unit — the unit of each collaboration's yearly value (the example portfolio uses US$ million) — and gains are the total delivered over the {years} years of a trial. Percentages are shares of the {trials} trials.",
              ["years": .text(String(years)), "trials": .text(String(r.inputs.trials))]))),
        .el(
          "dl", ["class": "meta", "id": "portfolio-measures"],
          .el("dt", [:], .safe(tr("Expected gains delivered"))),
          .el(
            "dd", ["id": "portfolio-expected"],
            .safe(
              tr(
                "{amount} over {years} years (the mean over the trials)",
                ["amount": .text(units(p.delivered.mean)), "years": .text(String(years))]))),
          .el("dt", [:], .safe(tr("90% interval (5th–95th percentile)"))),
          .el("dd", [:], .safe("\(amount(p.delivered.p5))–\(units(p.delivered.p95))")),
          .el("dt", [:], .safe(tr("Value at risk (5%)"))),
          .el(
            "dd", [:],
            .safe(
              tr(
                "{amount} — the expected gains minus the 5th percentile", ["amount": .text(units(p.valueAtRisk5))]))),
          .el("dt", [:], .safe(tr("Expected shortfall (5%)"))),
          .el(
            "dd", [:],
            .safe(
              tr(
                "{amount} — the mean of the worst 5% of trials",
                ["amount": .text(units(p.delivered.expectedShortfall5))]))),
          .el("dt", [:], .safe(tr("Chance that every collaboration has ended by year {years}", y))),
          .el(
            "dd", ["id": "portfolio-all-ended"],
            .safe(
              tr(
                "{share} of trials end year {years} with no collaboration still running (active or suspended). Gains delivered before a collaboration ends are kept: this is not a chance of losing what was delivered.",
                ["share": .text(percent(p.probabilityLoseAll)), "years": .text(String(years))]))),
          .el("dt", [:], .safe(tr("Relations (mean)"))),
          .el(
            "dd", [:],
            .safe(
              tr(
                "{first} in year 1, {last} in year {years}, on a scale from 0 (hostile) to 1 (excellent); {shocks} shocks a year on average",
                [
                  "first": .text(p.relations.first.map { Format.fixed($0) } ?? "–"),
                  "last": .text(p.relations.last.map { Format.fixed($0) } ?? "–"), "years": .text(String(years)),
                  "shocks": .text(Format.fixed(p.shocksPerYear)),
                ])))
        ),
        figure(
          "fan-figure", charts[.fan],
          caption: tr(
            "Cumulative gains delivered, in the portfolio's units: the median, the middle half and 90% of trials; below, the mean level of relations (0 hostile, 1 excellent)."
          )
        )
      ))

    // Collaborations.
    nodes.append(
      .el(
        "section", ["id": "collaboration-results", "aria-labelledby": "collaboration-results-title"],
        .el("h2", ["id": "collaboration-results-title"], .safe(tr("Collaborations"))),
        ViewParts.scroll(
          tr("Collaborations"),
          .el(
            "table", ["class": "data", "id": "collaborations-table"],
            .el(
              "caption", [:],
              .safe(
                tr(
                  "Gains delivered over {years} years, in the portfolio's units, and the chance of surviving to the end",
                  y))
            ),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col"], .safe(tr("Collaboration"))),
                .el("th", ["scope": "col"], .safe(tr("Structure"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Risk (0–1)"))),
                .el("th", ["scope": "col"], .safe(tr("Riskiest domain"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Expected (units)"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("90% interval (units)"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Not ended by year {years}", y))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Active in year {years}", y)))
              )),
            .el(
              "tbody", [:],
              r.collaborations.map { c in
                let domains = names[c.id]?.domains ?? []
                return .el(
                  "tr", ["data-id": c.id],
                  .el(
                    "th", ["scope": "row"], DomainText.asTyped(c.name),
                    .el(
                      "span", ["class": "criterion-id"],
                      .safe(c.id + (domains.isEmpty ? "" : " · " + domains.joined(separator: ", "))))),
                  .el("td", [:], .safe(structureName(c.structure))),
                  .el("td", ["class": "num"], .safe(Format.fixed(c.risk))),
                  .el(
                    "td", [:],
                    placements[c.id]?.riskiestDomain.map { .link(SiteURL.domain($0), $0) } ?? .safe("—")),
                  .el("td", ["class": "num"], .safe(amount(c.delivered.mean))),
                  .el("td", ["class": "num"], .safe("\(amount(c.delivered.p5))–\(amount(c.delivered.p95))")),
                  .el("td", ["class": "num"], .safe(percent(c.survival.last ?? 1))),
                  .el("td", ["class": "num"], .safe(percent(c.active.last ?? 1)))
                )
              })
          )),
        figure(
          "survival-figure", charts[.survival],
          caption: tr(
            "The chance that each collaboration has not ended, year by year (a suspended collaboration has not ended). When every curve stays high the vertical axis starts above 0%, as the chart says."
          )
        )
      ))

    if let comparison = r.comparison {
      nodes.append(
        .el(
          "section", ["id": "structure-comparison", "aria-labelledby": "structure-comparison-title"],
          .el("h2", ["id": "structure-comparison-title"], .safe(tr("Integrated or separate but coordinated?"))),
          .el(
            "p", [:],
            .safe(
              tr(
                "Each collaboration simulated both ways on the same shocks: expected gains delivered and their 5th percentile (p5), in the portfolio's units over {years} years, and the chance of not having ended by year {years}. Separate-but-coordinated work survives shocks better and goes on in part while cooperation is suspended, but delivers less while relations are good.",
                y))),
          ViewParts.scroll(
            tr("Structures compared"),
            .el(
              "table", ["class": "data", "id": "comparison-table"],
              .el(
                "thead", [:],
                .el(
                  "tr", [:],
                  .el("th", ["scope": "col"], .safe(tr("Collaboration"))),
                  .el("th", ["scope": "col"], .safe(tr("Chosen"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Integrated (units)"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("p5 (units)"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Survives"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Separate (units)"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("p5 (units)"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Survives")))
                )),
              .el(
                "tbody", [:],
                comparison.map { c in
                  .el(
                    "tr", ["data-id": c.id],
                    .el("th", ["scope": "row"], DomainText.asTyped(c.name)),
                    .el("td", [:], .safe(c.chosen == .separate ? tr("separate") : tr("integrated"))),
                    .el("td", ["class": "num"], .safe(amount(c.integrated.delivered.mean))),
                    .el("td", ["class": "num"], .safe(amount(c.integrated.delivered.p5))),
                    .el("td", ["class": "num"], .safe(percent(c.integrated.survival))),
                    .el("td", ["class": "num"], .safe(amount(c.separate.delivered.mean))),
                    .el("td", ["class": "num"], .safe(amount(c.separate.delivered.p5))),
                    .el("td", ["class": "num"], .safe(percent(c.separate.survival)))
                  )
                })
            ))
        ))
    }

    if let f = r.frontier {
      var section: [HTMLNode] = [
        .el("h2", ["id": "frontier-title"], .safe(tr("Efficiency against resilience"))),
        .el(
          "p", [:],
          .safe(
            tr(
              "The portfolios within the budget that no other beats on both expected gains and downside ({method} search on {trials} trials).",
              ["method": .text(f.method), "trials": .text(String(f.trials))]))),
      ]
      if let best = f.recommended {
        let members = best.collaborations.map { names[$0]?.name ?? $0 }
        section.append(
          .el(
            "p", ["id": "recommended", "class": "notice success"],
            .el(
              "strong", [:],
              .safe(
                tr(
                  "Recommended for risk appetite {appetite}: ",
                  ["appetite": .text(Format.number(f.riskAppetite, digits: 2))]))),
            DomainPageText.sentence(
              tr(
                "{collaborations} — expected {expected}, downside {downside}, budget {budget}.",
                [
                  "collaborations": DomainPageText.slot("collaborations"),
                  "expected": .text(units(best.expected)), "downside": .text(units(best.expectedShortfall5)),
                  "budget": .text(units(best.budget)),
                ]),
              [
                "collaborations": members.isEmpty
                  ? .safe(tr("no collaboration")) : DomainText.asTyped(members.joined(separator: ", "))
              ])))
      }
      section.append(
        figure(
          "frontier-figure", charts[.frontier],
          caption: tr(
            "Each point is a portfolio; the ringed one maximises appetite × expected + (1 − appetite) × downside.")))
      section.append(
        ViewParts.scroll(
          tr("Frontier portfolios"),
          .el(
            "table", ["class": "data", "id": "frontier-table"],
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col", "class": "num"], .safe("#")),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Expected (units)"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Downside (ES 5%, units)"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Budget (units)"))),
                .el("th", ["scope": "col"], .safe(tr("Collaborations")))
              )),
            .el(
              "tbody", [:],
              f.points.enumerated().map { i, point in
                .el(
                  "tr", ["data-recommended": point == f.recommended ? "true" : nil],
                  .el(
                    "th", ["scope": "row", "class": "num"], .safe(String(i + 1) + (point == f.recommended ? " ★" : ""))),
                  .el("td", ["class": "num"], .safe(amount(point.expected))),
                  .el("td", ["class": "num"], .safe(amount(point.expectedShortfall5))),
                  .el("td", ["class": "num"], .safe(amount(point.budget))),
                  .el(
                    "td", [:],
                    DomainText.asTyped(point.collaborations.map { names[$0]?.name ?? $0 }.joined(separator: ", ")))
                )
              })
          )))
      nodes.append(.el("section", ["id": "frontier", "aria-labelledby": "frontier-title"], section))
    }

    var downloads: [HTMLNode] = [
      .el(
        "li", [:],
        .link(
          SimulateURL.file(run.id, "report.json"), tr("The whole report (JSON)"),
          ["id": "download-report", "download": ""])
      )
    ]
    for kind in SimulationCharts.Kind.allCases where charts[kind] != nil {
      downloads.append(
        .el(
          "li", [:],
          .link(
            SimulateURL.file(run.id, kind.fileName), chartDownload(kind),
            ["id": "download-\(kind.rawValue)", "download": ""])))
    }
    nodes.append(
      .el(
        "section", ["id": "downloads", "aria-labelledby": "downloads-title"],
        .el("h2", ["id": "downloads-title"], .safe(tr("Downloads"))),
        .el("ul", ["class": "downloads-list"], downloads)))
    return nodes
  }

  /// A collaboration's structure as the tables name it.
  static func structureName(_ structure: Structure) -> String {
    switch structure {
    case .integrated: return tr("integrated")
    case .separate: return tr("separate-but-coordinated")
    }
  }

  /// The link to one chart's SVG.
  static func chartDownload(_ kind: SimulationCharts.Kind) -> String {
    switch kind {
    case .fan: return tr("The fan chart (SVG)")
    case .survival: return tr("The survival chart (SVG)")
    case .frontier: return tr("The frontier chart (SVG)")
    }
  }
}
