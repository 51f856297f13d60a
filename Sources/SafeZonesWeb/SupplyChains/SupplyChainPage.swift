import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

/// The supply-chain pages: the list of stress runs with the form that starts one, and a
/// run's page (its progress, then the report with both charts).
enum SupplyChainPage {
  struct ListModel {
    var runs: [StressRun]
    var csrf: String
    var canRun: Bool
    var text: String
    var issues: [InputIssue]
    var maxKiB: Int
    var errors: [String: [String]] {
      issues.isEmpty ? [:] : ["network": issues.map(\.description)]
    }
  }

  struct RunModel {
    var run: StressRun
    var report: StressReport?
    var network: SupplyNetwork?
    var live: StressJobs.Progress?
    var placed: [String: PlacedDomain]
  }

  /// A small network to start from: the EV-battery example without its comments.
  static let example = """
    network: {name: EV battery packs (example), horizon_days: 365}
    nodes:
      - {id: pack, produces: ev-pack, demand_per_day: 100, margin: 1.0, needs: {cell: 4}, inventory: 500, ttr_days: 10, country: US, tier: 0}
      - {id: cells-a, produces: cell, needs: {cathode: 1}, inventory: 800, capacity_per_day: 300, ttr_days: [20, 40, 90], country: CN, tier: 1, domains: [lithium-based-batteries]}
      - {id: cells-b, produces: cell, needs: {cathode: 1}, inventory: 400, capacity_per_day: 200, ttr_days: 30, country: KR, tier: 1, domains: [lithium-based-batteries]}
      - {id: cathode, produces: cathode, inventory: 1000, capacity_per_day: 600, ttr_days: [30, 60, 120], country: CN, tier: 2}
    links:
      - {from: cells-a, to: pack}
      - {from: cells-b, to: pack}
      - {from: cathode, to: cells-a}
      - {from: cathode, to: cells-b}
    """

  /// Computed for each request (the page and the status endpoint), so in the reader's language.
  static func progressLabel(_ run: StressRun, _ live: StressJobs.Progress?) -> String {
    switch run.status {
    case .done: return tr("Finished")
    case .failed: return tr("Failed")
    case .running:
      guard let live, live.total > 1 else { return tr("Starting…") }
      return tr(
        "{done} of {total} linear programmes solved",
        ["done": .text(String(live.done)), "total": .text(String(live.total))])
    }
  }

  /// A run's status as the pages name it.
  static func statusName(_ status: StressRun.Status) -> String {
    switch status {
    case .running: return tr("running")
    case .done: return tr("done")
    case .failed: return tr("failed")
    }
  }

  /// What a mitigation plan covers: each node's `likely` or `high` time to recover.
  static func targetName(_ target: String) -> String {
    switch target {
    case "likely": return tr("likely TTR")
    case "high": return tr("high TTR")
    default: return "\(target) TTR"
    }
  }

  static func list(_ m: ListModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Supply-chain stress tests"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "How long a supply network keeps meeting demand when a node, a country, a tier or an export-controlled domain goes down (time to survive), against how long recovery takes (time to recover); the margin lost; and the cheapest inventory that closes the gaps. Each scenario is a linear programme solved by GLPK (Simchi-Levi et al., Interfaces 45(5), 2015)."
            ))))
    ]
    if !m.issues.isEmpty {
      body.append(
        ViewParts.errorSummary(
          items: m.issues.map { [.link("#network", $0.description)] },
          outcome: tr("Nothing was run. Your text is kept below.")))
    }
    if m.canRun {
      body.append(form(m))
    } else {
      body.append(ViewParts.needsRole(.facilitator, to: tr("run a stress test"), id: "needs-facilitator"))
    }
    body.append(.el("h2", ["id": "runs-title"], .safe(tr("Stress runs"))))
    if m.runs.isEmpty {
      body.append(.el("p", ["class": "hint", "id": "no-runs"], .safe(tr("No stress test has been run yet."))))
    } else {
      body.append(
        ViewParts.scroll(
          tr("Stress runs"),
          .el(
            "table", ["class": "data", "id": "stress-runs"],
            .el("caption", [:], .safe(tr("Stress runs, latest first"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe(tr("Network"))),
                .el("th", ["scope": "col"], .safe(tr("Nodes"))),
                .el("th", ["scope": "col"], .safe(tr("Status"))), .el("th", ["scope": "col"], .safe(tr("Run by"))),
                .el("th", ["scope": "col"], .safe(tr("Started"))))),
            .el(
              "tbody", [:],
              m.runs.map { r in
                .el(
                  "tr", ["data-run": String(r.id)],
                  .el("td", [:], .el("a", ["href": SupplyChainURL.run(r.id)], DomainText.asTyped(r.inputs.name))),
                  .el("td", ["class": "num"], .safe(String(r.inputs.nodeCount))),
                  .el("td", [:], .safe(statusName(r.status))), .el("td", [:], DomainText.asTyped(r.inputs.createdBy)),
                  .el("td", [:], .safe(ViewParts.time(r.createdAt))))
              }))))
    }
    return Page(title: tr("Supply-chain stress tests"), section: .supplyChains, body: body)
  }

  static func form(_ m: ListModel) -> HTMLNode {
    .el(
      "form",
      [
        "id": "stress-form", "class": "assessment-form", "method": "post", "action": SupplyChainURL.list,
        "enctype": "multipart/form-data", "novalidate": "", "accept-charset": "UTF-8",
      ],
      ViewParts.csrfField(m.csrf),
      .el(
        "fieldset", ["class": "group"],
        .el("legend", [:], .safe(tr("The network"))),
        AssessPage.field(
          "network", tr("Network (YAML or JSON)"),
          hint: tr(
            "network (name, horizon_days), nodes (id, produces, needs, demand_per_day, margin, inventory, capacity_per_day, ttr_days as days or [low, likely, high], country, tier, domains), links (from, to), and optionally capacity_groups, scenarios and options. docs/supply-chains.md describes every field. At most {size} KiB.",
            ["size": .text(String(m.maxKiB))]),
          errors: m.errors, required: true, textarea: m.text, rows: 14),
        .el(
          "p", ["class": "hint"],
          .link("\(SupplyChainURL.list)?example", tr("Start from a small example"), ["id": "use-example"]),
          .safe(tr(" (EV battery packs, four nodes)."))),
        SimulatePage.fileField("network_file", tr("…or a network file (it wins over the text)")),
        .el(
          "div", ["class": "field"],
          .el("label", ["for": "mitigate"], .safe(tr("Mitigation plan"))),
          .el(
            "select", ["id": "mitigate", "name": "mitigate"],
            .el("option", ["value": "none"], .safe(tr("None"))),
            .el("option", ["value": "likely"], .safe(tr("Cover each node's likely time to recover"))),
            .el("option", ["value": "high"], .safe(tr("Cover the high end of each range")))))),
      .el(
        "div", ["class": "form-actions"],
        .el(
          "button", ["type": "submit", "id": "stress-submit", "class": "button primary"],
          .safe(tr("Run the stress test"))))
    )
  }

  static func days(_ v: Double, capped: Bool = false) -> String { StressText.tts(v, capped: capped) }

  /// A scenario's title: said in the reader's language, or, for the file's own scenarios,
  /// as the file names it.
  static func scenarioTitle(_ s: StressReport.Scenario) -> HTMLNode {
    s.kind == .file ? DomainText.asTyped(s.title) : .safe(s.displayTitle)
  }

  static func run(_ m: RunModel) -> Page {
    let r = m.run
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Supply chains"), SupplyChainURL.list), (r.inputs.name, nil)]),
      .el("div", ["class": "page-head"], .el("h1", [:], DomainText.asTyped(r.inputs.name))),
      .el(
        "dl", ["class": "facts", "id": "run-facts"],
        .el("dt", [:], .safe(tr("File"))), .el("dd", [:], DomainText.asTyped(r.inputs.fileName)),
        .el("dt", [:], .safe(tr("Run by"))), .el("dd", [:], DomainText.asTyped(r.inputs.createdBy)),
        .el("dt", [:], .safe(tr("Started"))), .el("dd", [:], .safe(ViewParts.time(r.createdAt))),
        .el("dt", [:], .safe(tr("Nodes"))), .el("dd", [:], .safe(String(r.inputs.nodeCount))),
        .el("dt", [:], .safe(tr("Mitigation"))),
        .el(
          "dd", [:],
          .safe(
            r.inputs.mitigate.map { tr("cover the {target}", ["target": .text(targetName($0))]) }
              ?? tr("not asked"))),
        .el("dt", [:], .safe(tr("Status"))), .el("dd", ["id": "run-status"], .safe(statusName(r.status)))),
    ]
    switch r.status {
    case .running:
      let percent = m.live.map { $0.total > 0 ? Int(100 * Double($0.done) / Double($0.total)) : 0 } ?? 0
      body.append(
        .el(
          "div", ["id": "simulation-progress", "data-status-url": SupplyChainURL.status(r.id), "role": "status"],
          .el(
            "progress",
            ["id": "run-progress", "max": "100", "value": String(percent), "aria-labelledby": "run-progress-label"],
            .safe("\(percent)%")),
          .el("p", ["id": "run-progress-label"], .safe(progressLabel(r, m.live))),
          .el("p", ["class": "hint"], .link(SupplyChainURL.run(r.id), tr("Refresh now"), ["id": "refresh-run"]))))
    case .failed:
      body.append(
        .el(
          "p", ["class": "notice error", "id": "run-failed"],
          .safe(
            r.message.map { tr("The stress test failed: {message}", ["message": .text($0)]) }
              ?? tr("The stress test failed: no reason recorded"))))
    case .done:
      if let report = m.report { body += reportParts(report, m) }
    }
    body.append(
      .el(
        "p", ["class": "downloads", "id": "downloads"], .safe(tr("Download: ")),
        .link(SupplyChainURL.file(r.id, "input"), tr("the network as given")),
        m.report == nil
          ? .none
          : .group([
            .safe(" · "), .link(SupplyChainURL.file(r.id, "report.json"), tr("report (JSON)")), .safe(" · "),
            .link(SupplyChainURL.file(r.id, "tts-ttr.svg"), tr("TTS–TTR chart (SVG)")), .safe(" · "),
            .link(SupplyChainURL.file(r.id, "network.svg"), tr("network chart (SVG)")),
          ])))
    return Page(
      title: tr("{network} · supply chains", ["network": .text(r.inputs.name)]), section: .supplyChains, body: body)
  }

  static func reportParts(_ report: StressReport, _ m: RunModel) -> [HTMLNode] {
    let atRisk = report.nodes.filter(\.atRisk)
    var parts: [HTMLNode] = [
      .el(
        "p", ["class": "lede", "id": "summary"],
        .safe(
          tr(
            "{atRisk} of {nodes} nodes at risk: with one of them down, demand goes unmet before it recovers. {solved} linear programmes solved by {solver}; times to survive are capped at {cap} days.",
            [
              "atRisk": .text(String(atRisk.count)), "nodes": .text(String(report.nodes.count)),
              "solved": .text(String(report.lpsSolved)), "solver": .text(report.solver),
              "cap": .text(Format.number(report.capDays, digits: 1)),
            ])))
    ]
    if report.baselineTTSDays < report.capDays * (1 - 1e-9) {
      parts.append(
        .el(
          "p", ["class": "notice", "id": "baseline-short"],
          .safe(
            tr(
              "Even with nothing down, the network meets demand for only {days} days: its capacity is short of demand.",
              ["days": .text(Format.fixed(report.baselineTTSDays, digits: 1))]))))
    }
    parts.append(
      .el(
        "figure", ["class": "map stress-figure", "id": "tts-ttr-chart"], .raw(StressCharts.survivalScatter(report)),
        .el(
          "figcaption", [:],
          .safe(
            tr(
              "Each node's time to survive against its time to recover: below the diagonal, the node needs mitigation."
            ))))
    )
    if let network = m.network {
      parts.append(
        .el(
          "figure", ["class": "map stress-figure", "id": "network-chart"],
          .raw(StressCharts.network(network, report: report)),
          .el(
            "figcaption", [:],
            .safe(
              tr("The network by tier (finished goods on the right), countries as bands, nodes coloured by TTS − TTR."))
          )))
    }
    parts.append(.el("h2", ["id": "nodes-title"], .safe(tr("Nodes ranked by performance impact"))))
    parts.append(
      ViewParts.scroll(
        tr("Nodes ranked by performance impact"),
        .el(
          "table", ["class": "data", "id": "stress-nodes"],
          .el("caption", [:], .safe(tr("Each node alone down for its time to recover"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .group(
                [
                  tr("Node"), tr("Country"), tr("Tier"), tr("TTS (days)"), tr("TTR (days)"), "TTS − TTR",
                  "P(TTR > TTS)",
                  tr("Impact"), tr("Depends on"),
                ].map {
                  .el("th", ["scope": "col"], .safe($0))
                }))),
          .el(
            "tbody", [:],
            report.ranked.map { n in
              .el(
                "tr", ["data-node": n.id, "class": n.atRisk ? "at-risk" : ""],
                .el(
                  "th", ["scope": "row"], DomainText.asTyped(n.id),
                  n.atRisk ? .el("span", ["class": "badge risk"], .safe(tr(" at risk"))) : .none),
                .el("td", [:], .safe(n.country ?? "–")),
                .el("td", ["class": "num"], .safe(n.tier.map(String.init) ?? "–")),
                .el("td", ["class": "num"], .safe(days(n.ttsDays, capped: n.ttsCapped))),
                .el("td", ["class": "num"], .safe(StressText.ttr(n))),
                .el("td", ["class": "num"], .safe(Format.fixed(n.marginDays, digits: 1))),
                .el("td", ["class": "num"], .safe(Format.fixed(n.pAtRisk, digits: 2))),
                .el("td", ["class": "num"], .safe(Format.number(n.performanceImpact, digits: 1))),
                .el(
                  "td", [:],
                  .group(
                    n.domains.map { d in
                      let p = m.placed[d]
                      return .el(
                        "span", ["class": "dependency"],
                        .el(
                          "a", ["href": "/domains/\(Esc.url(d))"], p.map { DomainText.nameNode($0.domain) } ?? .safe(d)),
                        p.map { ViewParts.badge($0.quadrant) } ?? .none, .safe(" "))
                    })))
            }))))
    let others = report.scenarios.filter { $0.kind != .node }
    if !others.isEmpty {
      parts.append(.el("h2", ["id": "scenarios-title"], .safe(tr("Scenarios"))))
      parts.append(
        ViewParts.scroll(
          tr("Scenarios"),
          .el(
            "table", ["class": "data", "id": "stress-scenarios"],
            .el("caption", [:], .safe(tr("Countries, tiers, export-controlled domains and the file's own scenarios"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .group(
                  [tr("Scenario"), tr("What goes down"), tr("Days"), tr("TTS (days)"), tr("Impact"), tr("Lost")].map {
                    .el("th", ["scope": "col"], .safe($0))
                  }))),
            .el(
              "tbody", [:],
              others.map { s in
                .el(
                  "tr", ["data-scenario": s.id],
                  .el("th", ["scope": "row"], DomainText.asTyped(s.id)),
                  .el(
                    "td", [:], scenarioTitle(s), .safe(": "),
                    DomainText.asTyped(s.disrupted.joined(separator: ", "))),
                  .el("td", ["class": "num"], .safe(Format.number(s.days, digits: 1))),
                  .el("td", ["class": "num"], .safe(days(s.ttsDays, capped: s.ttsCapped))),
                  .el("td", ["class": "num"], .safe(Format.number(s.performanceImpact, digits: 1))),
                  .el(
                    "td", [:],
                    DomainText.asTyped(
                      s.lostByProduct.filter { $0.units > 1e-9 }.map {
                        "\($0.product) \(Format.number($0.units, digits: 1))"
                      }.joined(separator: ", "))))
              }))))
    }
    if let plan = report.mitigation {
      parts.append(.el("h2", ["id": "mitigation-title"], .safe(tr("Mitigation plan"))))
      if plan.inventory.isEmpty {
        parts.append(
          .el(
            "p", ["id": "mitigation"],
            .safe(
              tr(
                "No extra inventory is needed: every node's TTS covers its {target}.",
                ["target": .text(targetName(plan.target))]))))
      } else {
        parts.append(
          .el(
            "div", ["id": "mitigation"],
            .el(
              "p", [:],
              .safe(
                tr(
                  "The cheapest extra inventory that covers the {target} of every node at risk costs {cost} (holding cost × units); nodes at risk {before} → {after}.",
                  [
                    "target": .text(targetName(plan.target)), "cost": .text(Format.number(plan.totalCost, digits: 1)),
                    "before": .text(String(plan.atRiskBefore)), "after": .text(String(plan.atRiskAfter)),
                  ]))),
            .el(
              "ul", [:],
              plan.inventory.map { s in
                .el(
                  "li", ["data-stock": s.node],
                  DomainPageText.sentence(
                    tr(
                      "{node}: {units} more units (cost {cost})",
                      [
                        "node": DomainPageText.slot("node"), "units": .text(Format.number(s.units, digits: 1)),
                        "cost": .text(Format.number(s.cost, digits: 1)),
                      ]), ["node": DomainText.asTyped(s.node)]))
              })))
      }
    }
    if !report.options.isEmpty {
      parts.append(.el("h2", ["id": "options-title"], .safe(tr("Options in the file"))))
      parts.append(
        .el(
          "ul", ["id": "options"],
          report.options.map { o in
            .el(
              "li", ["data-option": o.id],
              .el("strong", [:], DomainText.asTyped(o.name ?? o.id)),
              .safe(
                tr(
                  " ({kind}): nodes at risk {before} → {after}; total single-node impact {impactBefore} → {impactAfter}",
                  [
                    "kind": .text(o.kind), "before": .text(String(o.atRiskBefore)),
                    "after": .text(String(o.atRiskAfter)),
                    "impactBefore": .text(Format.number(o.impactBefore, digits: 1)),
                    "impactAfter": .text(Format.number(o.impactAfter, digits: 1)),
                  ])),
              o.mitigationCostAfter.map {
                .safe(tr("; inventory still needed costs {cost}", ["cost": .text(Format.number($0, digits: 1))]))
              }
                ?? .none)
          }))
    }
    return parts
  }
}
