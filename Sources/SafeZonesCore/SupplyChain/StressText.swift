import Foundation

/// The plain-text report of a stress test (`safezones stress`, the default format).
public enum StressText {
  /// `12.5`, or `≥ 365` when the time to survive reached the cap.
  public static func tts(_ days: Double, capped: Bool) -> String {
    capped ? "≥ \(Format.number(days, digits: 1))" : Format.fixed(days, digits: 1)
  }

  /// `40 (20–90)` for a range, `10` for a number.
  public static func ttr(_ n: StressReport.Node) -> String {
    guard let r = n.ttrRange else { return Format.number(n.ttrDays, digits: 1) }
    return "\(Format.number(r[1], digits: 1)) (\(Format.number(r[0], digits: 1))–\(Format.number(r[2], digits: 1)))"
  }

  static func amount(_ v: Double) -> String { Format.number(v, digits: 1) }

  public static func render(_ r: StressReport) -> String {
    var out = "Stress test of “\(r.network)”: \(r.nodes.count) nodes, horizon \(amount(r.horizonDays)) days"
    out += " (\(r.solver), \(r.lpsSolved) linear programmes)\n"
    if r.baselineTTSDays < r.capDays * (1 - 1e-9) {
      out +=
        "Warning: even with nothing down the network meets demand for only \(Format.fixed(r.baselineTTSDays, digits: 1)) days: its capacity is short of demand.\n"
    }
    let atRisk = r.nodes.filter(\.atRisk)
    out +=
      "\n\(atRisk.count) of \(r.nodes.count) nodes at risk: their time to survive (TTS) is shorter than their time to recover (TTR).\n\n"
    out += "Nodes ranked by performance impact (margin lost while the node is down for its TTR)\n"
    let rows = r.ranked.map { n in
      [
        n.id, n.country ?? "–", n.tier.map(String.init) ?? "–", tts(n.ttsDays, capped: n.ttsCapped), ttr(n),
        n.ttsCapped ? "≥ \(Format.fixed(n.marginDays, digits: 1))" : Format.fixed(n.marginDays, digits: 1),
        Format.fixed(n.pAtRisk, digits: 2), amount(n.performanceImpact), n.atRisk ? "AT RISK" : "",
      ]
    }
    out += TextOutput.table(
      headers: ["node", "country", "tier", "TTS days", "TTR days", "TTS − TTR", "P(TTR > TTS)", "impact", ""],
      rows: rows, rightAligned: [3, 4, 5, 6, 7])
    let others = r.scenarios.filter { $0.kind != .node }
    if !others.isEmpty {
      out += "\nScenarios\n"
      out += TextOutput.table(
        headers: ["scenario", "what goes down", "days", "TTS days", "impact", "lost (units)"],
        rows: others.map { s in
          [
            s.id, "\(s.title) (\(s.disrupted.count) node\(s.disrupted.count == 1 ? "" : "s"))", amount(s.days),
            tts(s.ttsDays, capped: s.ttsCapped), amount(s.performanceImpact),
            s.lostByProduct.filter { $0.units > 1e-9 }.map { "\($0.product) \(amount($0.units))" }.joined(
              separator: ", "),
          ]
        }, rightAligned: [2, 3, 4])
    }
    if let m = r.mitigation {
      out += "\nMitigation: the cheapest extra inventory that covers the \(m.target) TTR of every node at risk\n"
      if m.inventory.isEmpty {
        out += "No extra inventory is needed: no node's TTS falls short of its \(m.target) TTR.\n"
      } else {
        out += TextOutput.table(
          headers: ["node", "extra units", "holding cost", "days of its demand"],
          rows: m.inventory.map { [$0.node, amount($0.units), amount($0.cost), $0.days.map { amount($0) } ?? "–"] },
          rightAligned: [1, 2, 3])
        out += "Total holding cost \(amount(m.totalCost)); nodes at risk \(m.atRiskBefore) → \(m.atRiskAfter).\n"
        let changed = m.nodes.filter { abs($0.ttsAfter - $0.ttsBefore) > 1e-6 }
        if !changed.isEmpty {
          out += "TTS before → after: "
          out +=
            changed.map {
              "\($0.node) \(Format.fixed($0.ttsBefore, digits: 1)) → \(Format.fixed($0.ttsAfter, digits: 1))"
            }
            .joined(separator: ", ") + "\n"
        }
      }
    }
    if !r.options.isEmpty {
      out += "\nOptions in the file, each evaluated alone\n"
      for o in r.options {
        out +=
          "- \(o.id) (\(o.kind))\(o.name.map { ": \($0)" } ?? ""): nodes at risk \(o.atRiskBefore) → \(o.atRiskAfter); "
        out += "total single-node impact \(amount(o.impactBefore)) → \(amount(o.impactAfter))"
        if let cost = o.mitigationCostAfter, let before = r.mitigation?.totalCost {
          out += "; inventory still needed costs \(amount(cost)) (was \(amount(before)))"
        }
        out += "\n"
        let changed = o.nodes.filter { abs($0.ttsAfter - $0.ttsBefore) > 1e-6 }
        if !changed.isEmpty {
          out += "  TTS before → after: "
          out +=
            changed.map {
              "\($0.node) \(Format.fixed($0.ttsBefore, digits: 1)) → \(Format.fixed($0.ttsAfter, digits: 1))"
            }
            .joined(separator: ", ") + "\n"
        }
      }
    }
    return out
  }
}

/// The programmes of a sweep written out for an independent solver (the scipy check in
/// Tests/reference): the base programme once, then each problem as changes to it and the
/// optimum this solver found.
public enum StressExport {
  public struct Problem: Sendable {
    public var id: String
    public var changes: StressModel.Changes
    public var objective: Double
    /// The reported value is `offset + sign × objective`: the TTS is the optimum itself,
    /// the impact is the margin at stake minus the margin delivered.
    public var offset: Double
    public var sign: Double
  }

  /// Solves TTS and impact of every scenario on `runner` and returns them with their changes.
  public static func problems(_ scenarios: [StressScenario], runner: StressRunner) throws(LPError) -> [Problem] {
    var out: [Problem] = []
    // All times to survive, then all impacts: the order the sweep solves them in.
    for pass in 0..<2 {
      for s in scenarios {
        let down = Set(s.down)
        let q: StressModel.Question = pass == 0 ? .timeToSurvive : .performanceImpact(days: s.days)
        let solution = try runner.solve(q, down: down, scenario: s.id)
        let kind = q == .timeToSurvive ? "tts" : "pi"
        let stake = q == .timeToSurvive ? 0 : runner.model.marginAtStake(days: s.days)
        out.append(
          .init(
            id: "\(kind):\(s.id)", changes: runner.model.changes(q, down: down), objective: solution.objective,
            offset: stake, sign: q == .timeToSurvive ? 1 : -1))
      }
    }
    return out
  }

  /// `{"base": {...}, "problems": [...]}` with infinite bounds as null, keys sorted.
  public static func json(_ model: StressModel, _ problems: [Problem]) -> Data {
    func bound(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }
    var s = "{\"base\":{\"sense\":\"\(model.program.sense.rawValue)\",\"columns\":["
    s += model.program.columns.map { "[\(bound($0.lower)),\(bound($0.upper)),\($0.cost)]" }.joined(separator: ",")
    s += "],\"rows\":["
    s += model.program.rows.map { r in
      "[\(bound(r.lower)),\(bound(r.upper)),["
        + r.terms.map { "[\($0.column),\($0.coefficient)]" }.joined(separator: ",")
        + "]]"
    }.joined(separator: ",")
    s += "]},\"problems\":[\n"
    s += problems.map { p in
      let c = p.changes
      var t =
        "{\"id\":\"\(p.id)\",\"sense\":\"\(c.sense.rawValue)\",\"objective\":\(p.objective),\"offset\":\(p.offset),\"sign\":\(p.sign),\"columns\":{"
      t += c.columns.sorted { $0.key < $1.key }.map {
        "\"\($0.key)\":[\(bound($0.value.lower)),\(bound($0.value.upper))]"
      }
      .joined(separator: ",")
      t += "},\"rows\":{"
      t += c.rows.sorted { $0.key < $1.key }.map { "\"\($0.key)\":[\(bound($0.value.lower)),\(bound($0.value.upper))]" }
        .joined(separator: ",")
      t += "},\"costs\":{"
      t += c.costs.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
      return t + "}}"
    }.joined(separator: ",\n")
    s += "\n]}\n"
    return Data(s.utf8)
  }
}
