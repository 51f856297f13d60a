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
    var out = tr(
      "Stress test of “{network}”: {count} nodes, horizon {days} days ({solver}, {programmes} linear programmes)",
      [
        "network": .text(r.network), "count": .text(String(r.nodes.count)), "days": .text(amount(r.horizonDays)),
        "solver": .text("\(r.solver)"), "programmes": .text(String(r.lpsSolved)),
      ])
    out += "\n"
    if r.baselineTTSDays < r.capDays * (1 - 1e-9) {
      out +=
        tr(
          "Warning: even with nothing down the network meets demand for only {days} days: its capacity is short of demand.",
          ["days": .text(Format.fixed(r.baselineTTSDays, digits: 1))]) + "\n"
    }
    let atRisk = r.nodes.filter(\.atRisk)
    out +=
      "\n"
      + tr(
        "{count} of {total} nodes at risk: their time to survive (TTS) is shorter than their time to recover (TTR).",
        ["count": .text(String(atRisk.count)), "total": .text(String(r.nodes.count))]) + "\n\n"
    out += tr("Nodes ranked by performance impact (margin lost while the node is down for its TTR)") + "\n"
    let rows = r.ranked.map { n in
      [
        n.id, n.country ?? "–", n.tier.map(String.init) ?? "–", tts(n.ttsDays, capped: n.ttsCapped), ttr(n),
        n.ttsCapped ? "≥ \(Format.fixed(n.marginDays, digits: 1))" : Format.fixed(n.marginDays, digits: 1),
        Format.fixed(n.pAtRisk, digits: 2), amount(n.performanceImpact), n.atRisk ? tr("AT RISK") : "",
      ]
    }
    out += TextOutput.table(
      headers: [
        tr("node"), tr("country"), tr("tier"), tr("TTS days"), tr("TTR days"), "TTS − TTR", "P(TTR > TTS)",
        tr("impact"), "",
      ],
      rows: rows, rightAligned: [3, 4, 5, 6, 7])
    let others = r.scenarios.filter { $0.kind != .node }
    if !others.isEmpty {
      out += "\n" + tr("Scenarios") + "\n"
      out += TextOutput.table(
        headers: [tr("scenario"), tr("what goes down"), tr("days"), tr("TTS days"), tr("impact"), tr("lost (units)")],
        rows: others.map { s in
          [
            s.id,
            s.disrupted.count == 1
              ? tr(
                "{title} ({count} node)", ["title": .text(s.displayTitle), "count": .text(String(s.disrupted.count))])
              : tr(
                "{title} ({count} nodes)", ["title": .text(s.displayTitle), "count": .text(String(s.disrupted.count))]),
            amount(s.days), tts(s.ttsDays, capped: s.ttsCapped), amount(s.performanceImpact),
            s.lostByProduct.filter { $0.units > 1e-9 }.map { "\($0.product) \(amount($0.units))" }.joined(
              separator: ", "),
          ]
        }, rightAligned: [2, 3, 4])
    }
    if let m = r.mitigation {
      out +=
        "\n"
        + tr(
          "Mitigation: the cheapest extra inventory that covers the {target} TTR of every node at risk",
          ["target": .text("\(m.target)")]) + "\n"
      if m.inventory.isEmpty {
        out +=
          tr(
            "No extra inventory is needed: no node's TTS falls short of its {target} TTR.",
            ["target": .text("\(m.target)")]) + "\n"
      } else {
        out += TextOutput.table(
          headers: [tr("node"), tr("extra units"), tr("holding cost"), tr("days of its demand")],
          rows: m.inventory.map { [$0.node, amount($0.units), amount($0.cost), $0.days.map { amount($0) } ?? "–"] },
          rightAligned: [1, 2, 3])
        out +=
          tr(
            "Total holding cost {cost}; nodes at risk {before} → {after}.",
            [
              "cost": .text(amount(m.totalCost)), "before": .text(String(m.atRiskBefore)),
              "after": .text(String(m.atRiskAfter)),
            ]) + "\n"
        let changed = m.nodes.filter { abs($0.ttsAfter - $0.ttsBefore) > 1e-6 }
        if !changed.isEmpty {
          out += tr("TTS before → after: {changes}", ["changes": .text(changes(changed))]) + "\n"
        }
      }
    }
    if !r.options.isEmpty {
      out += "\n" + tr("Options in the file, each evaluated alone") + "\n"
      for o in r.options {
        let arguments: [String: LocalizationArgument] = [
          "option": .text(o.id), "kind": .text("\(o.kind)"), "name": .text(o.name ?? ""),
          "before": .text(String(o.atRiskBefore)), "after": .text(String(o.atRiskAfter)),
          "impactBefore": .text(amount(o.impactBefore)), "impactAfter": .text(amount(o.impactAfter)),
        ]
        out += "- "
        out +=
          o.name == nil
          ? tr(
            "{option} ({kind}): nodes at risk {before} → {after}; total single-node impact {impactBefore} → {impactAfter}",
            arguments)
          : tr(
            "{option} ({kind}): {name}: nodes at risk {before} → {after}; total single-node impact {impactBefore} → {impactAfter}",
            arguments)
        if let cost = o.mitigationCostAfter, let before = r.mitigation?.totalCost {
          out += tr(
            "; inventory still needed costs {cost} (was {before})",
            ["cost": .text(amount(cost)), "before": .text(amount(before))])
        }
        out += "\n"
        let changed = o.nodes.filter { abs($0.ttsAfter - $0.ttsBefore) > 1e-6 }
        if !changed.isEmpty {
          out += "  " + tr("TTS before → after: {changes}", ["changes": .text(changes(changed))]) + "\n"
        }
      }
    }
    return out
  }

  /// `n1 12.0 → 30.0, n2 …`: the times to survive an option or the mitigation changed.
  static func changes(_ changed: [StressReport.Mitigation.Change]) -> String {
    changed.map {
      "\($0.node) \(Format.fixed($0.ttsBefore, digits: 1)) → \(Format.fixed($0.ttsAfter, digits: 1))"
    }
    .joined(separator: ", ")
  }
}

extension StressReport.Scenario {
  /// ``title`` in the language in view (a scenario of the file keeps its own name).
  public var displayTitle: String {
    guard Localization.current != nil else { return title }
    let value = id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? id
    switch kind {
    case .node: return tr("{node} down", ["node": .text(value)])
    case .country: return tr("every node in {country} down", ["country": .text(value)])
    case .tier: return tr("every tier-{tier} node down", ["tier": .text(value)])
    case .exportControl:
      guard let at = value.lastIndex(of: "@") else { return title }
      return tr(
        "export controls on {domain} from {country}",
        ["domain": .text(String(value[..<at])), "country": .text(String(value[value.index(after: at)...]))])
    case .file: return title
    }
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
