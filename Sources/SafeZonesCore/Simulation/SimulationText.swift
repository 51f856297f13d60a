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
    out +=
      "Simulation of “\(inputs.portfolio.name)”: \(n) collaboration\(n == 1 ? "" : "s"), \(years) year\(years == 1 ? "" : "s")\n"
    var shocks = "shock catalogue \(inputs.catalogueVersion)"
    if let scenario = inputs.scenario {
      let events = inputs.events.count
      shocks +=
        ", scenario “\(scenario)” (\(events) scripted event\(events == 1 ? "" : "s")\(inputs.randomShocks ? " on top of random shocks" : ", no random shocks"))"
    } else {
      shocks += ", random shocks"
    }
    out += "\(inputs.trials) trials, seed \(inputs.seed), \(shocks), rubric \(inputs.rubricVersion)\n\n"

    // Collaborations.
    out += "Collaborations: gains delivered over \(years) years (mean and 90% interval), survival to year \(years)\n"
    let placements = Dictionary(r.placements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let rows = r.collaborations.map { c -> [String] in
      [
        c.id, c.structure.rawValue, Format.fixed(c.risk), placements[c.id]?.riskiestDomain ?? "",
        amount(c.delivered.mean), interval(c.delivered), percent(c.survival.last ?? 1), percent(c.active.last ?? 1),
      ]
    }
    out += TextOutput.table(
      headers: ["id", "structure", "risk", "riskiest domain", "expected", "90% interval", "survives", "active"],
      rows: rows, rightAligned: [2, 4, 5, 6, 7])

    // Portfolio.
    let p = r.portfolio
    out += "\nPortfolio: gains delivered over \(years) years\n"
    let first = p.relations.first.map { Format.fixed($0) } ?? "–"
    let last = p.relations.last.map { Format.fixed($0) } ?? "–"
    out += TextOutput.table(
      headers: ["measure", "value", "meaning"],
      rows: [
        ["expected", amount(p.delivered.mean), "mean over the trials"],
        ["90% interval", interval(p.delivered), "5th to 95th percentile"],
        ["median", amount(p.delivered.median), ""],
        ["value at risk (5%)", amount(p.valueAtRisk5), "expected minus the 5th percentile"],
        ["expected shortfall (5%)", amount(p.delivered.expectedShortfall5), "mean of the worst 5% of trials"],
        [
          "P(all ended)", percent(p.probabilityLoseAll),
          "share of trials in which no collaboration is left by year \(years) (gains delivered before are kept)",
        ],
        ["relations", "\(first) → \(last)", "mean level (0 hostile, 1 excellent) in year 1 and year \(years)"],
        ["shocks per year", Format.fixed(p.shocksPerYear), "mean number of events"],
      ], rightAligned: [1])

    if let comparison = r.comparison {
      out += "\nStructures compared: each collaboration simulated both ways on the same shocks\n"
      let rows = comparison.map { c -> [String] in
        let better: String
        if c.separate.delivered.mean > c.integrated.delivered.mean {
          better = "separate"
        } else if c.separate.delivered.mean < c.integrated.delivered.mean {
          better = "integrated"
        } else {
          better = "equal"
        }
        return [
          c.id, c.chosen == .separate ? "separate" : "integrated", amount(c.integrated.delivered.mean),
          amount(c.integrated.delivered.p5), percent(c.integrated.survival), amount(c.separate.delivered.mean),
          amount(c.separate.delivered.p5), percent(c.separate.survival), better,
        ]
      }
      out += TextOutput.table(
        headers: [
          "id", "chosen", "integrated", "p5", "survives", "separate", "p5", "survives", "higher expected",
        ], rows: rows, rightAligned: [2, 3, 4, 5, 6, 7])
      out += "(integrated and separate: expected gains delivered; separate = separate-but-coordinated)\n"
    }

    if let s = r.supplyChain {
      out += "\nSupply chain “\(s.network)” on the same shocks: share of each year's output delivered\n"
      out += TextOutput.table(
        headers: ["year", "mean delivered", "P(below 90%)"],
        rows: s.delivered.indices.map { y in [String(y + 1), percent(s.delivered[y]), percent(s.belowNinety[y])] },
        rightAligned: [0, 1, 2])
      out +=
        "Worst year of a trial: mean \(percent(s.worstYear.mean)), 5th percentile \(percent(s.worstYear.p5)); P(at least one year below 90%) = \(percent(s.anyYearBelowNinety))\n"
    }

    if let f = r.frontier {
      let budget = inputs.portfolio.budget.map { "budget \(amount($0))" } ?? "no budget limit"
      out +=
        "\nFrontier: portfolios that no other beats on both expected gains and expected shortfall (\(budget); \(f.method) search on \(f.trials) trials)\n"
      let rows = f.points.enumerated().map { i, point -> [String] in
        [
          (point == f.recommended ? "*" : "") + String(i + 1), amount(point.expected), amount(point.expectedShortfall5),
          amount(point.budget), point.collaborations.isEmpty ? "(none)" : point.collaborations.joined(separator: ", "),
        ]
      }
      out += TextOutput.table(
        headers: ["#", "expected", "shortfall", "budget", "collaborations"], rows: rows, rightAligned: [0, 1, 2, 3])
      if let best = f.recommended, let index = f.points.firstIndex(of: best) {
        let a = Format.number(f.riskAppetite, digits: 2)
        out +=
          "Recommended for risk appetite \(a) (maximises \(a)·expected + \(Format.number(1 - f.riskAppetite, digits: 2))·shortfall): #\(index + 1), \(best.collaborations.isEmpty ? "no collaboration" : best.collaborations.joined(separator: ", "))\n"
      }
    }
    return out
  }
}
