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

  static func progressLabel(_ run: StressRun, _ live: StressJobs.Progress?) -> String {
    switch run.status {
    case .done: return "Finished"
    case .failed: return "Failed"
    case .running:
      guard let live, live.total > 1 else { return "Starting…" }
      return "\(live.done) of \(live.total) linear programmes solved"
    }
  }

  static func list(_ m: ListModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Supply-chain stress tests")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "How long a supply network keeps meeting demand when a node, a country, a tier or an export-controlled domain goes down (time to survive), against how long recovery takes (time to recover); the margin lost; and the cheapest inventory that closes the gaps. Each scenario is a linear programme solved by GLPK (Simchi-Levi et al., Interfaces 45(5), 2015)."
          )))
    ]
    if !m.issues.isEmpty {
      body.append(
        ViewParts.errorSummary(
          items: m.issues.map { [.link("#network", $0.description)] },
          outcome: "Nothing was run. Your text is kept below."))
    }
    if m.canRun {
      body.append(form(m))
    } else {
      body.append(ViewParts.needsRole(.facilitator, to: "run a stress test", id: "needs-facilitator"))
    }
    body.append(.el("h2", ["id": "runs-title"], .safe("Stress runs")))
    if m.runs.isEmpty {
      body.append(.el("p", ["class": "hint", "id": "no-runs"], .safe("No stress test has been run yet.")))
    } else {
      body.append(
        ViewParts.scroll(
          "Stress runs",
          .el(
            "table", ["class": "data", "id": "stress-runs"],
            .el("caption", [:], .safe("Stress runs, latest first")),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe("Network")), .el("th", ["scope": "col"], .safe("Nodes")),
                .el("th", ["scope": "col"], .safe("Status")), .el("th", ["scope": "col"], .safe("Run by")),
                .el("th", ["scope": "col"], .safe("Started")))),
            .el(
              "tbody", [:],
              m.runs.map { r in
                .el(
                  "tr", ["data-run": String(r.id)],
                  .el("td", [:], .link(SupplyChainURL.run(r.id), r.inputs.name)),
                  .el("td", ["class": "num"], .safe(String(r.inputs.nodeCount))),
                  .el("td", [:], .safe(r.status.rawValue)), .el("td", [:], .safe(r.inputs.createdBy)),
                  .el("td", [:], .safe(ViewParts.time(r.createdAt))))
              }))))
    }
    return Page(title: "Supply-chain stress tests", section: .supplyChains, body: body)
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
        .el("legend", [:], .safe("The network")),
        AssessPage.field(
          "network", "Network (YAML or JSON)",
          hint:
            "network (name, horizon_days), nodes (id, produces, needs, demand_per_day, margin, inventory, capacity_per_day, ttr_days as days or [low, likely, high], country, tier, domains), links (from, to), and optionally capacity_groups, scenarios and options. docs/supply-chains.md describes every field. At most \(m.maxKiB) KiB.",
          errors: m.errors, required: true, textarea: m.text, rows: 14),
        .el(
          "p", ["class": "hint"],
          .link("\(SupplyChainURL.list)?example", "Start from a small example", ["id": "use-example"]),
          .safe(" (EV battery packs, four nodes).")),
        SimulatePage.fileField("network_file", "…or a network file (it wins over the text)"),
        .el(
          "div", ["class": "field"],
          .el("label", ["for": "mitigate"], .safe("Mitigation plan")),
          .el(
            "select", ["id": "mitigate", "name": "mitigate"],
            .el("option", ["value": "none"], .safe("None")),
            .el("option", ["value": "likely"], .safe("Cover each node's likely time to recover")),
            .el("option", ["value": "high"], .safe("Cover the high end of each range"))))),
      .el(
        "div", ["class": "form-actions"],
        .el(
          "button", ["type": "submit", "id": "stress-submit", "class": "button primary"], .safe("Run the stress test")))
    )
  }

  static func days(_ v: Double, capped: Bool = false) -> String { StressText.tts(v, capped: capped) }

  static func run(_ m: RunModel) -> Page {
    let r = m.run
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Supply chains", SupplyChainURL.list), (r.inputs.name, nil)]),
      .el("div", ["class": "page-head"], .el("h1", [:], .safe(r.inputs.name))),
      .el(
        "dl", ["class": "facts", "id": "run-facts"],
        .el("dt", [:], .safe("File")), .el("dd", [:], .safe(r.inputs.fileName)),
        .el("dt", [:], .safe("Run by")), .el("dd", [:], .safe(r.inputs.createdBy)),
        .el("dt", [:], .safe("Started")), .el("dd", [:], .safe(ViewParts.time(r.createdAt))),
        .el("dt", [:], .safe("Nodes")), .el("dd", [:], .safe(String(r.inputs.nodeCount))),
        .el("dt", [:], .safe("Mitigation")),
        .el("dd", [:], .safe(r.inputs.mitigate.map { "cover the \($0) TTR" } ?? "not asked")),
        .el("dt", [:], .safe("Status")), .el("dd", ["id": "run-status"], .safe(r.status.rawValue))),
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
          .el("p", ["class": "hint"], .link(SupplyChainURL.run(r.id), "Refresh now", ["id": "refresh-run"]))))
    case .failed:
      body.append(
        .el(
          "p", ["class": "notice error", "id": "run-failed"],
          .safe("The stress test failed: \(r.message ?? "no reason recorded")")))
    case .done:
      if let report = m.report { body += reportParts(report, m) }
    }
    body.append(
      .el(
        "p", ["class": "downloads", "id": "downloads"], .safe("Download: "),
        .link(SupplyChainURL.file(r.id, "input"), "the network as given"),
        m.report == nil
          ? .none
          : .group([
            .safe(" · "), .link(SupplyChainURL.file(r.id, "report.json"), "report (JSON)"), .safe(" · "),
            .link(SupplyChainURL.file(r.id, "tts-ttr.svg"), "TTS–TTR chart (SVG)"), .safe(" · "),
            .link(SupplyChainURL.file(r.id, "network.svg"), "network chart (SVG)"),
          ])))
    return Page(title: "\(r.inputs.name) · supply chains", section: .supplyChains, body: body)
  }

  static func reportParts(_ report: StressReport, _ m: RunModel) -> [HTMLNode] {
    let atRisk = report.nodes.filter(\.atRisk)
    var parts: [HTMLNode] = [
      .el(
        "p", ["class": "lede", "id": "summary"],
        .safe(
          "\(atRisk.count) of \(report.nodes.count) nodes at risk: with one of them down, demand goes unmet before it recovers. \(report.lpsSolved) linear programmes solved by \(report.solver); times to survive are capped at \(Format.number(report.capDays, digits: 1)) days."
        ))
    ]
    if report.baselineTTSDays < report.capDays * (1 - 1e-9) {
      parts.append(
        .el(
          "p", ["class": "notice", "id": "baseline-short"],
          .safe(
            "Even with nothing down, the network meets demand for only \(Format.fixed(report.baselineTTSDays, digits: 1)) days: its capacity is short of demand."
          )))
    }
    parts.append(
      .el(
        "figure", ["class": "map stress-figure", "id": "tts-ttr-chart"], .raw(StressCharts.survivalScatter(report)),
        .el(
          "figcaption", [:],
          .safe(
            "Each node's time to survive against its time to recover: below the diagonal, the node needs mitigation.")))
    )
    if let network = m.network {
      parts.append(
        .el(
          "figure", ["class": "map stress-figure", "id": "network-chart"],
          .raw(StressCharts.network(network, report: report)),
          .el(
            "figcaption", [:],
            .safe("The network by tier (finished goods on the right), countries as bands, nodes coloured by TTS − TTR.")
          )))
    }
    parts.append(.el("h2", ["id": "nodes-title"], .safe("Nodes ranked by performance impact")))
    parts.append(
      ViewParts.scroll(
        "Nodes ranked by performance impact",
        .el(
          "table", ["class": "data", "id": "stress-nodes"],
          .el("caption", [:], .safe("Each node alone down for its time to recover")),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .group(
                [
                  "Node", "Country", "Tier", "TTS (days)", "TTR (days)", "TTS − TTR", "P(TTR > TTS)", "Impact",
                  "Depends on",
                ].map {
                  .el("th", ["scope": "col"], .safe($0))
                }))),
          .el(
            "tbody", [:],
            report.ranked.map { n in
              .el(
                "tr", ["data-node": n.id, "class": n.atRisk ? "at-risk" : ""],
                .el(
                  "th", ["scope": "row"], .safe(n.id),
                  n.atRisk ? .el("span", ["class": "badge risk"], .safe(" at risk")) : .none),
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
                        .link("/domains/\(Esc.url(d))", p?.domain.name ?? d),
                        p.map { ViewParts.badge($0.quadrant) } ?? .none, .safe(" "))
                    })))
            }))))
    let others = report.scenarios.filter { $0.kind != .node }
    if !others.isEmpty {
      parts.append(.el("h2", ["id": "scenarios-title"], .safe("Scenarios")))
      parts.append(
        ViewParts.scroll(
          "Scenarios",
          .el(
            "table", ["class": "data", "id": "stress-scenarios"],
            .el("caption", [:], .safe("Countries, tiers, export-controlled domains and the file's own scenarios")),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .group(
                  ["Scenario", "What goes down", "Days", "TTS (days)", "Impact", "Lost"].map {
                    .el("th", ["scope": "col"], .safe($0))
                  }))),
            .el(
              "tbody", [:],
              others.map { s in
                .el(
                  "tr", ["data-scenario": s.id],
                  .el("th", ["scope": "row"], .safe(s.id)),
                  .el("td", [:], .safe("\(s.title): \(s.disrupted.joined(separator: ", "))")),
                  .el("td", ["class": "num"], .safe(Format.number(s.days, digits: 1))),
                  .el("td", ["class": "num"], .safe(days(s.ttsDays, capped: s.ttsCapped))),
                  .el("td", ["class": "num"], .safe(Format.number(s.performanceImpact, digits: 1))),
                  .el(
                    "td", [:],
                    .safe(
                      s.lostByProduct.filter { $0.units > 1e-9 }.map {
                        "\($0.product) \(Format.number($0.units, digits: 1))"
                      }.joined(separator: ", "))))
              }))))
    }
    if let plan = report.mitigation {
      parts.append(.el("h2", ["id": "mitigation-title"], .safe("Mitigation plan")))
      if plan.inventory.isEmpty {
        parts.append(
          .el(
            "p", ["id": "mitigation"],
            .safe("No extra inventory is needed: every node's TTS covers its \(plan.target) TTR.")))
      } else {
        parts.append(
          .el(
            "div", ["id": "mitigation"],
            .el(
              "p", [:],
              .safe(
                "The cheapest extra inventory that covers the \(plan.target) TTR of every node at risk costs \(Format.number(plan.totalCost, digits: 1)) (holding cost × units); nodes at risk \(plan.atRiskBefore) → \(plan.atRiskAfter)."
              )),
            .el(
              "ul", [:],
              plan.inventory.map { s in
                .el(
                  "li", ["data-stock": s.node],
                  .safe(
                    "\(s.node): \(Format.number(s.units, digits: 1)) more units (cost \(Format.number(s.cost, digits: 1)))"
                  ))
              })))
      }
    }
    if !report.options.isEmpty {
      parts.append(.el("h2", ["id": "options-title"], .safe("Options in the file")))
      parts.append(
        .el(
          "ul", ["id": "options"],
          report.options.map { o in
            .el(
              "li", ["data-option": o.id],
              .el("strong", [:], .safe(o.name ?? o.id)),
              .safe(
                " (\(o.kind)): nodes at risk \(o.atRiskBefore) → \(o.atRiskAfter); total single-node impact \(Format.number(o.impactBefore, digits: 1)) → \(Format.number(o.impactAfter, digits: 1))"
              ),
              o.mitigationCostAfter.map { .safe("; inventory still needed costs \(Format.number($0, digits: 1))") }
                ?? .none)
          }))
    }
    return parts
  }
}
