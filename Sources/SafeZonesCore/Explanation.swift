/// The human-readable answer to "why does this domain sit where it sits?".
public enum Explanation {
  /// Explains a domain's current placement: every criterion's score, rationale, evidence and
  /// contribution, the risk computation step by step, the quadrant, and the strategy.
  public static func text(_ placed: PlacedDomain, rubric: Rubric) -> String {
    text(placed, rubric: rubric, linked: nil)
  }

  /// The explanation, with the risk the domain's links carry to it (`LinkedRisk`) after the
  /// risk computation when any link carries risk.
  public static func text(_ placed: PlacedDomain, rubric: Rubric, linked: LinkedRiskEntry?) -> String {
    var out: [String] = []
    // Written from the output form, so that every number reads as in the JSON.
    let r = DomainReport(placed)
    out.append("\(r.name) (\(r.id))")
    var meta: [String] = []
    if let assessor = r.assessor, let date = r.date { meta.append("assessed by \(assessor) on \(date)") }
    if r.assessments > 1 { meta.append("\(r.assessments) assessments, newest shown") }
    meta.append("rubric \(rubric.version), \(rubric.countries)")
    out.append(meta.joined(separator: " · "))
    if !r.tags.isEmpty { out.append("tags: \(r.tags.joined(separator: ", "))") }
    if let source = r.source { out.append(TextOutput.wrap("essay: \(source)", indent: "")) }
    out.append("")

    let t = rubric.thresholds
    var placement =
      "Placement: \(r.quadrant.title) (\(r.quadrant.rawValue), \(r.quadrant.corner)) — joint gains \(Format.fixed(r.gains)) "
      + "(\(r.gains >= t.gains ? "high" : "low"), threshold \(Format.number(t.gains))), political risk \(Format.fixed(r.risk)) "
      + "(\(r.risk >= t.risk ? "high" : "low"), threshold \(Format.number(t.risk)))"
    if r.borderline {
      placement +=
        ". Borderline: within \(Format.number(t.margin)) of the \(r.borderlineAxes.map(\.rawValue).joined(separator: " and ")) threshold"
    }
    out.append(TextOutput.wrap(placement))
    if r.hasRange {
      out.append(
        "Envelope from ranges\(r.missing.isEmpty ? "" : " and missing criteria"): gains \(Format.fixed(r.gainsRange[0]))–\(Format.fixed(r.gainsRange[1])), risk \(Format.fixed(r.riskRange[0]))–\(Format.fixed(r.riskRange[1]))"
      )
    }
    if !r.missing.isEmpty {
      out.append("Missing criteria (placement uses the others): \(r.missing.map(\.rawValue).joined(separator: ", "))")
    }

    for axis in Axis.allCases {
      out.append("")
      let criteria = rubric.criteria(on: axis)
      switch axis {
      case .gains:
        out.append(
          "Joint gains \(Format.fixed(r.gains)): weighted mean of the gains criteria (maturity counts inversely)")
      case .risk:
        out.append("Political risk \(Format.fixed(r.risk)): blend of the weighted mean and the most severe factor")
      case .mitigation:
        out.append("Mitigations (lower the risk)")
      }
      let rows = criteria.map { c -> [String] in
        let e = r.contributions[c.id.rawValue]
        var score = e?.score.map { Format.number($0) } ?? "—"
        if let low = e?.low, let high = e?.high { score += " [\(Format.number(low))–\(Format.number(high))]" }
        var flags: [String] = []
        if e?.peak == true { flags.append("most severe") }
        if e?.floor == true { flags.append("floor holds") }
        let level = e?.score.map { c.levels[min(4, max(0, Int($0.rounded())))] } ?? "not scored"
        return [
          c.id.rawValue, score, Format.number(c.weight), signed(e?.contribution ?? 0), flags.joined(separator: ", "),
          level,
        ]
      }
      out.append(
        TextOutput.table(
          headers: ["criterion", "score", "weight", "contribution", "", "level meaning"], rows: rows,
          rightAligned: [2, 3]
        ).trimmingTrailingNewline.indented("  "))
      for c in criteria {
        guard let e = r.contributions[c.id.rawValue], e.rationale != nil || !e.evidence.isEmpty else { continue }
        if let rationale = e.rationale {
          out.append(TextOutput.wrap("\(c.id.rawValue): \(rationale)", indent: "  "))
        }
        for item in e.evidence { out.append(TextOutput.wrap("evidence: \(item)", indent: "    ")) }
      }
    }

    out.append("")
    out.append("How the risk was computed:")
    let b = r.riskBreakdown
    let a = rubric.aggregation
    let peakNames = rubric.criteria.filter { r.contributions[$0.id.rawValue]?.peak == true }.map(\.id.rawValue)
    out.append(
      "  unmitigated = (1 − λ)·mean + λ·peak = \(Format.number(1 - a.peakShare))·\(Format.fixed(b.mean)) + \(Format.number(a.peakShare))·\(Format.fixed(b.peak))\(peakNames.isEmpty ? "" : " (\(peakNames.joined(separator: ", ")))") = \(Format.fixed(b.unmitigated))"
    )
    out.append(
      "  mitigated   = unmitigated·(1 − μ·m) = \(Format.fixed(b.unmitigated))·(1 − \(Format.number(a.mitigationStrength))·\(Format.fixed(b.mitigation))) = \(Format.fixed(b.mitigated))"
    )
    if let floorCriterion = b.floorCriterion {
      out.append(
        "  floor       = \(Format.fixed(b.floor)) from \(floorCriterion.rawValue) (score \(Format.number(r.contributions[floorCriterion.rawValue]?.score ?? 0))): "
          + (b.floor > b.mitigated
            ? "it holds risk up, because mitigation cannot erase a \(floorCriterion == .military ? "military" : "security") factor"
            : "not binding, mitigation leaves risk above it")
      )
      out.append("  risk        = max(mitigated, floor) = \(Format.fixed(r.risk))")
    } else {
      out.append("  risk        = \(Format.fixed(r.risk))")
    }
    if let linked, linked.source != nil {
      out.append("")
      out.append("Risk carried over links (rule in docs/links.md):")
      out.append(TextOutput.wrap(linked.sentence, indent: "  "))
    }

    out.append("")
    out.append("Strategy: \(r.strategy.stance.headline)")
    out.append(TextOutput.wrap(r.strategy.stance.summary, indent: "  "))
    out.append(
      TextOutput.wrap(
        "Essay: \(r.strategy.stance.precedent.example) — \(r.strategy.stance.precedent.passage)", indent: "  "))
    if !r.strategy.actions.isEmpty {
      out.append("")
      out.append("Actions, those tied to the strongest drivers first:")
      for (i, action) in r.strategy.actions.enumerated() {
        out.append("  \(i + 1). \(action.title)")
        out.append(TextOutput.wrap(action.detail, indent: "     "))
        if !action.because.isEmpty {
          out.append(TextOutput.wrap("Because: " + action.because.map(\.text).joined(separator: "; "), indent: "     "))
        }
        out.append(TextOutput.wrap("Essay: \(action.precedent.example) — \(action.precedent.passage)", indent: "     "))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  static func signed(_ value: Double) -> String {
    let text = Format.fixed(value, digits: 3)
    return value > 0 ? "+" + text : text
  }
}

extension String {
  var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
  func indented(_ prefix: String) -> String {
    split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
  }
}
