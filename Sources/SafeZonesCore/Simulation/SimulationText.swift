import Foundation

/// The plain-text report of a simulation (`safezones simulate`, the default format).
public enum SimulationText {
  /// `12.3`: delivered gains with one decimal.
  static func amount(_ v: Double) -> String { Format.fixed(v, digits: 1) }

  /// `87.2%`.
  static func percent(_ p: Double) -> String { Format.fixed(p * 100, digits: 1) + "%" }

  /// `98.1–180.0`.
  static func interval(_ s: Spread) -> String { "\(amount(s.p5))–\(amount(s.p95))" }

  public static func render(_ r: SimulationReport) -> String {
    let inputs = r.inputs
    let years = inputs.years
    var out = ""
    let n = inputs.portfolio.collaborations.count
    let collaborations =
      n == 1
      ? tr("{count} collaboration", ["count": .text(String(n))])
      : tr("{count} collaborations", ["count": .text(String(n))])
    let yearCount =
      years == 1
      ? tr("{count} year", ["count": .text(String(years))]) : tr("{count} years", ["count": .text(String(years))])
    out +=
      tr(
        "Simulation of “{portfolio}”: {collaborations}, {years}",
        ["portfolio": .text(inputs.portfolio.name), "collaborations": .text(collaborations), "years": .text(yearCount)])
      + "\n"
    var shocks = tr("shock catalogue {version}", ["version": .text(inputs.catalogueVersion)])
    if let scenario = inputs.scenario {
      let events = inputs.events.count
      let arguments: [String: LocalizationArgument] = ["scenario": .text(scenario), "count": .text(String(events))]
      switch (events == 1, inputs.randomShocks) {
      case (true, true):
        shocks += tr(", scenario “{scenario}” ({count} scripted event on top of random shocks)", arguments)
      case (false, true):
        shocks += tr(", scenario “{scenario}” ({count} scripted events on top of random shocks)", arguments)
      case (true, false): shocks += tr(", scenario “{scenario}” ({count} scripted event, no random shocks)", arguments)
      case (false, false):
        shocks += tr(", scenario “{scenario}” ({count} scripted events, no random shocks)", arguments)
      }
    } else {
      shocks += tr(", random shocks")
    }
    out +=
      tr(
        "{trials} trials, seed {seed}, {shocks}, rubric {version}",
        [
          "trials": .text(String(inputs.trials)), "seed": .text("\(inputs.seed)"), "shocks": .text(shocks),
          "version": .text(inputs.rubricVersion),
        ]) + "\n\n"

    // Collaborations.
    out +=
      tr(
        "Collaborations: gains delivered over {years} years (mean and 90% interval), survival to year {years}",
        ["years": .text(String(years))]) + "\n"
    let placements = Dictionary(r.placements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let rows = r.collaborations.map { c -> [String] in
      [
        c.id, c.structure.rawValue, Format.fixed(c.risk), placements[c.id]?.riskiestDomain ?? "",
        amount(c.delivered.mean), interval(c.delivered), percent(c.survival.last ?? 1), percent(c.active.last ?? 1),
      ]
    }
    out += TextOutput.table(
      headers: [
        tr("id"), tr("structure"), tr("risk"), tr("riskiest domain"), tr("expected"), tr("90% interval"),
        tr("survives"), tr("active"),
      ],
      rows: rows, rightAligned: [2, 4, 5, 6, 7])

    // Portfolio.
    let p = r.portfolio
    out += "\n" + tr("Portfolio: gains delivered over {years} years", ["years": .text(String(years))]) + "\n"
    let first = p.relations.first.map { Format.fixed($0) } ?? "–"
    let last = p.relations.last.map { Format.fixed($0) } ?? "–"
    out += TextOutput.table(
      headers: [tr("measure"), tr("value"), tr("meaning")],
      rows: [
        [tr("expected"), amount(p.delivered.mean), tr("mean over the trials")],
        [tr("90% interval"), interval(p.delivered), tr("5th to 95th percentile")],
        [tr("median"), amount(p.delivered.median), ""],
        [tr("value at risk (5%)"), amount(p.valueAtRisk5), tr("expected minus the 5th percentile")],
        [tr("expected shortfall (5%)"), amount(p.delivered.expectedShortfall5), tr("mean of the worst 5% of trials")],
        [
          tr("P(all ended)"), percent(p.probabilityLoseAll),
          tr(
            "share of trials in which no collaboration is left by year {years} (gains delivered before are kept)",
            ["years": .text(String(years))]),
        ],
        [
          tr("relations"), "\(first) → \(last)",
          tr("mean level (0 hostile, 1 excellent) in year 1 and year {years}", ["years": .text(String(years))]),
        ],
        [tr("shocks per year"), Format.fixed(p.shocksPerYear), tr("mean number of events")],
      ], rightAligned: [1])

    if let comparison = r.comparison {
      out += "\n" + tr("Structures compared: each collaboration simulated both ways on the same shocks") + "\n"
      let rows = comparison.map { c -> [String] in
        let better: String
        if c.separate.delivered.mean > c.integrated.delivered.mean {
          better = tr("separate")
        } else if c.separate.delivered.mean < c.integrated.delivered.mean {
          better = tr("integrated")
        } else {
          better = tr("equal")
        }
        return [
          c.id, c.chosen == .separate ? tr("separate") : tr("integrated"), amount(c.integrated.delivered.mean),
          amount(c.integrated.delivered.p5), percent(c.integrated.survival), amount(c.separate.delivered.mean),
          amount(c.separate.delivered.p5), percent(c.separate.survival), better,
        ]
      }
      out += TextOutput.table(
        headers: [
          tr("id"), tr("chosen"), tr("integrated"), "p5", tr("survives"), tr("separate"), "p5", tr("survives"),
          tr("higher expected"),
        ], rows: rows, rightAligned: [2, 3, 4, 5, 6, 7])
      out +=
        tr("(integrated and separate: expected gains delivered; separate = separate-but-coordinated)") + "\n"
    }

    if let s = r.supplyChain {
      out +=
        "\n"
        + tr(
          "Supply chain “{network}” on the same shocks: share of each year's output delivered",
          ["network": .text(s.network)]) + "\n"
      out += TextOutput.table(
        headers: [tr("year"), tr("mean delivered"), tr("P(below 90%)")],
        rows: s.delivered.indices.map { y in [String(y + 1), percent(s.delivered[y]), percent(s.belowNinety[y])] },
        rightAligned: [0, 1, 2])
      out +=
        tr(
          "Worst year of a trial: mean {mean}, 5th percentile {p5}; P(at least one year below 90%) = {any}",
          [
            "mean": .text(percent(s.worstYear.mean)), "p5": .text(percent(s.worstYear.p5)),
            "any": .text(percent(s.anyYearBelowNinety)),
          ]) + "\n"
    }

    if let f = r.frontier {
      let budget =
        inputs.portfolio.budget.map { tr("budget {amount}", ["amount": .text(amount($0))]) } ?? tr("no budget limit")
      out +=
        "\n"
        + tr(
          "Frontier: portfolios that no other beats on both expected gains and expected shortfall ({budget}; {method} search on {trials} trials)",
          ["budget": .text(budget), "method": .text("\(f.method)"), "trials": .text(String(f.trials))]) + "\n"
      let rows = f.points.enumerated().map { i, point -> [String] in
        [
          (point == f.recommended ? "*" : "") + String(i + 1), amount(point.expected), amount(point.expectedShortfall5),
          amount(point.budget),
          point.collaborations.isEmpty ? tr("(none)") : point.collaborations.joined(separator: ", "),
        ]
      }
      out += TextOutput.table(
        headers: ["#", tr("expected"), tr("shortfall"), tr("budget"), tr("collaborations")], rows: rows,
        rightAligned: [0, 1, 2, 3])
      if let best = f.recommended, let index = f.points.firstIndex(of: best) {
        let a = Format.number(f.riskAppetite, digits: 2)
        out +=
          tr(
            "Recommended for risk appetite {appetite} (maximises {appetite}·expected + {complement}·shortfall): #{number}, {collaborations}",
            [
              "appetite": .text(a), "complement": .text(Format.number(1 - f.riskAppetite, digits: 2)),
              "number": .text(String(index + 1)),
              "collaborations": .text(
                best.collaborations.isEmpty ? tr("no collaboration") : best.collaborations.joined(separator: ", ")),
            ]) + "\n"
      }
    }
    return out
  }
}
