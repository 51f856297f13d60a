import Foundation
import Plot
import SafeZonesCore

enum SimulatePage {
  static func page(_ m: SimulatePageModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Simulate a portfolio under shocks"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Relations between the two countries are hit by random shocks — a hacking event, a military escalation in the South China Sea, political backlash, financial losses, a diplomatic incident — and by any you script. Each collaboration may be suspended, restart or end, depending on its domains' political risk, its stakeholder buffer and its structure. The simulation estimates which collaborations survive and what the portfolio delivers, with its downside."
            )))
      )
    ]
    if let notice = m.notice {
      body.append(.el("p", ["id": "form-notice", "class": "notice", "role": "status"], .safe(notice)))
    }
    if !m.issues.isEmpty { body.append(errorSummary(m)) }
    body.append(
      m.canStart ? form(m) : ViewParts.needsRole(.facilitator, to: tr("starting a simulation"), id: "simulate-needs"))
    body.append(runsList(m))
    body.append(help())
    return Page(title: m.issues.isEmpty ? tr("Simulate") : tr("Error: Simulate"), section: .simulate, body: body)
  }

  static func label(_ key: String) -> String {
    switch key {
    case "portfolio": return tr("Portfolio")
    case "scenario": return tr("Scenario")
    case "trials": return tr("Trials")
    case "seed": return tr("Seed")
    case "years": return tr("Years")
    default: return tr("Form")
    }
  }

  static func errorSummary(_ m: SimulatePageModel) -> HTMLNode {
    ViewParts.errorSummary(
      items: m.issues.map { issue in
        let field = issue.key ?? "form"
        return [
          .link(
            "#\(field == "form" ? "simulate-form" : field)",
            tr("{field}: {message}", ["field": .text(label(field)), "message": .text(issue.message)]))
        ]
      }, outcome: tr("Nothing was run. Your input is kept below."))
  }

  static func form(_ m: SimulatePageModel) -> HTMLNode {
    let errors = m.errors
    return .el(
      "form",
      [
        "id": "simulate-form", "class": "assessment-form", "method": "post", "action": SimulateURL.list,
        "enctype": "multipart/form-data", "novalidate": "", "accept-charset": "UTF-8",
      ],
      ViewParts.csrfField(m.csrf),
      .el(
        "fieldset", ["class": "group"],
        .el("legend", [:], .safe(tr("Portfolio"))),
        AssessPage.field(
          "portfolio", tr("Portfolio (YAML or JSON)"),
          hint: tr(
            "Paste the portfolio, or choose its file below (the file wins). Collaborations name domains of the map by id. At most {size} KiB.",
            ["size": .text(String(m.maxKiB))]),
          errors: errors, required: true, textarea: m.form.portfolio, rows: 14),
        .el(
          "p", ["class": "hint"],
          .link(SimulateURL.example, tr("Start from the example portfolio"), ["id": "use-example"]),
          .safe(tr(" (ten US–China collaborations)."))),
        fileField("portfolio_file", tr("…or a portfolio file")),
        AssessPage.field(
          "scenario", tr("Scenario (optional)"),
          hint: tr(
            "Shocks scripted at given years, on top of the random ones or instead of them. Leave empty for random shocks only."
          ),
          errors: errors, textarea: m.form.scenario, rows: 6),
        fileField("scenario_file", tr("…or a scenario file"))
      ),
      .el(
        "fieldset", ["class": "group"],
        .el("legend", [:], .safe(tr("Run"))),
        .el(
          "div", ["class": "field-row"],
          AssessPage.field(
            "trials", tr("Trials"),
            hint: tr(
              "Simulated futures, {low}–{high}. More trials, steadier numbers.",
              ["low": .text(String(m.trials.lowerBound)), "high": .text(String(m.trials.upperBound))]),
            errors: errors, required: true,
            input: ["type": "text", "inputmode": "numeric", "value": m.form.trials, "maxlength": "7"]),
          AssessPage.field(
            "seed", tr("Seed"), hint: tr("The same seed and inputs give the same result."), errors: errors,
            required: true,
            input: ["type": "text", "inputmode": "numeric", "value": m.form.seed, "maxlength": "20"]),
          AssessPage.field(
            "years", tr("Years"), hint: tr("Empty: the portfolio's horizon."), errors: errors,
            input: ["type": "text", "inputmode": "numeric", "value": m.form.years, "maxlength": "3"])
        ),
        .el(
          "div", ["class": "checks"],
          .el(
            "label", ["class": "check"],
            .void(
              "input",
              [
                "type": "checkbox", "id": "compare_structures", "name": "compare_structures", "value": "on",
                "checked": Attrs.flag(m.form.compareStructures),
              ]),
            .safe(tr("Compare structures: simulate every collaboration both integrated and separate-but-coordinated"))),
          .el(
            "label", ["class": "check"],
            .void(
              "input",
              [
                "type": "checkbox", "id": "frontier", "name": "frontier", "value": "on",
                "checked": Attrs.flag(m.form.frontier),
              ]),
            .safe(tr("Frontier: the portfolios within the budget that trade expected gains against the downside")))
        )
      ),
      AssessPage.errorNode("form", m.errors["form"] ?? []),
      .el(
        "div", ["class": "form-actions"],
        .el(
          "button", ["type": "submit", "id": "simulate-submit", "class": "button primary"],
          .safe(tr("Run the simulation")))
      )
    )
  }

  static func fileField(_ name: String, _ label: String) -> HTMLNode {
    .el(
      "div", ["class": "field"],
      .el("label", ["for": name], .safe(label)),
      .void(
        "input",
        [
          "type": "file", "id": name, "name": name,
          "accept": ".yaml,.yml,.json,application/json,application/yaml,text/yaml",
        ])
    )
  }

  static func runsList(_ m: SimulatePageModel) -> HTMLNode {
    guard !m.runs.isEmpty else {
      return .el(
        "section", ["id": "runs", "aria-labelledby": "runs-title"],
        .el("h2", ["id": "runs-title"], .safe(tr("Past runs"))),
        .el("p", ["id": "no-runs"], .safe(tr("No simulation has been run yet."))))
    }
    return .el(
      "section", ["id": "runs", "aria-labelledby": "runs-title"],
      .el("h2", ["id": "runs-title"], .safe(tr("Past runs"))),
      .el("p", [:], .safe(tr("Every run is kept with its inputs, so it can be viewed later and run again."))),
      ViewParts.scroll(
        tr("Past simulation runs"),
        .el(
          "table", ["class": "data", "id": "runs-table"],
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Run"))),
              .el("th", ["scope": "col"], .safe(tr("Portfolio"))),
              .el("th", ["scope": "col"], .safe(tr("Scenario"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Trials"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Seed"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Years"))),
              .el("th", ["scope": "col"], .safe(tr("Status"))),
              .el("th", ["scope": "col"], .safe(tr("Started"))),
              .el("th", ["scope": "col"], .safe(tr("Finished")))
            )),
          .el(
            "tbody", [:],
            m.runs.map { e in
              let run = e.run
              return .el(
                "tr", ["data-run": String(run.id), "data-status": e.status],
                .el("th", ["scope": "row", "class": "num"], .link(SimulateURL.run(run.id), String(run.id))),
                .el(
                  "td", [:], .el("a", ["href": SimulateURL.run(run.id)], DomainText.asTyped(run.inputs.portfolioName))),
                .el("td", [:], run.inputs.scenarioName.map(DomainText.asTyped) ?? .safe("—")),
                .el("td", ["class": "num"], .safe(String(run.inputs.trials))),
                .el("td", ["class": "num"], .safe(String(run.inputs.seed))),
                .el("td", ["class": "num"], .safe(String(run.inputs.years))),
                .el("td", [:], SimulateRunPage.statusBadge(e.status)),
                .el("td", [:], .safe(ViewParts.time(run.startedAt ?? run.createdAt))),
                .el("td", [:], .safe(run.finishedAt.map(ViewParts.time) ?? "—"))
              )
            })
        )))
  }

  static func help() -> HTMLNode {
    .el(
      "details", ["class": "format-help", "id": "format-help"],
      .el("summary", [:], .safe(tr("What portfolio and scenario files look like"))),
      .el("pre", [:], .el("code", [:], .safe(examplePortfolio))),
      .el("pre", [:], .el("code", [:], .safe(exampleScenario))),
      .el(
        "p", [:],
        .safe(
          tr(
            "The same files run on the command line: safezones simulate portfolio.yaml --scenario scenario.yaml --seed 1. The model, its parameters and the shock catalogue are described in docs/simulation.md."
          )))
    )
  }

  static let examplePortfolio = """
    portfolio:
      name: US–China science portfolio
      budget: 100          # what the frontier may spend
      horizon: 20          # years
      risk_appetite: 0.5   # 0 cautious … 1 bold
    collaborations:
      - id: neutrino-observatory
        name: Reactor neutrino observatory
        domains: [neutrino-physics, particle-physics]
        value: 12          # gains a year while active
        budget: 40
        buffer: 3          # stakeholders: 0 none … 4 powerful in both countries
        structure: integrated
      - id: zoonotic-surveillance
        name: Joint zoonotic disease surveillance
        domains: [zoonotic-disease-control, basic-biology-and-genomics]
        value: 14
        budget: 30
        buffer: 2
      - id: ccs-programme
        name: Carbon capture and sequestration programme
        domains: [carbon-capture]
        value: 13
        budget: 35
        buffer: 3
        structure: separate-but-coordinated
      - id: battery-materials
        name: Battery materials project
        domains: [lithium-based-batteries, advanced-materials]
        value: 10
        budget: 20
        buffer: 1
      - id: ai-safety-dialogue
        name: AI safety dialogue
        domains: [artificial-intelligence]
        value: 9
        budget: 5
        buffer: 0

    """

  static let exampleScenario = """
    scenario:
      name: Escalation in the South China Sea in year 3
      random_shocks: true    # false: only the events below
      events:
        - year: 3
          shock: south-china-sea-escalation
          severity: 0.9      # 0 … 1
          settled: false

    """
}
