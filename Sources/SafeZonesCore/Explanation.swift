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
    out.append("\(Localization.domainName(id: r.id, english: r.name)) (\(r.id))")
    var meta: [String] = []
    if let assessor = r.assessor, let date = r.date {
      meta.append(tr("assessed by {assessor} on {date}", ["assessor": .text(assessor), "date": .text("\(date)")]))
    }
    if r.assessments > 1 {
      meta.append(tr("{count} assessments, newest shown", ["count": .text(String(r.assessments))]))
    }
    meta.append(
      tr("rubric {version}, {pair}", ["version": .text(rubric.version), "pair": .text(rubric.countries.displayName)]))
    out.append(meta.joined(separator: " · "))
    if !r.tags.isEmpty { out.append(tr("tags: {tags}", ["tags": .text(r.tags.joined(separator: ", "))])) }
    if let source = r.source {
      out.append(TextOutput.wrap(tr("essay: {source}", ["source": .text(source)]), indent: ""))
    }
    out.append("")

    let t = rubric.thresholds
    var placement = tr(
      "Placement: {quadrant} ({id}, {corner}) — joint gains {gains} ({gainsLevel}, threshold {gainsThreshold}), political risk {risk} ({riskLevel}, threshold {riskThreshold})",
      [
        "quadrant": .text(r.quadrant.displayTitle), "id": .text(r.quadrant.rawValue),
        "corner": .text(r.quadrant.displayCorner), "gains": .text(Format.fixed(r.gains)),
        "gainsLevel": .text(r.gains >= t.gains ? tr("high") : tr("low")),
        "gainsThreshold": .text(Format.number(t.gains)), "risk": .text(Format.fixed(r.risk)),
        "riskLevel": .text(r.risk >= t.risk ? tr("high") : tr("low")), "riskThreshold": .text(Format.number(t.risk)),
      ])
    if r.borderline {
      placement += tr(
        ". Borderline: within {margin} of the {axes} threshold",
        ["margin": .text(Format.number(t.margin)), "axes": .text(Axis.phrase(r.borderlineAxes))])
    }
    out.append(TextOutput.wrap(placement))
    if r.hasRange {
      let arguments: [String: LocalizationArgument] = [
        "gainsLow": .text(Format.fixed(r.gainsRange[0])), "gainsHigh": .text(Format.fixed(r.gainsRange[1])),
        "riskLow": .text(Format.fixed(r.riskRange[0])), "riskHigh": .text(Format.fixed(r.riskRange[1])),
      ]
      out.append(
        r.missing.isEmpty
          ? tr("Envelope from ranges: gains {gainsLow}–{gainsHigh}, risk {riskLow}–{riskHigh}", arguments)
          : tr(
            "Envelope from ranges and missing criteria: gains {gainsLow}–{gainsHigh}, risk {riskLow}–{riskHigh}",
            arguments))
    }
    if !r.missing.isEmpty {
      out.append(
        tr(
          "Missing criteria (placement uses the others): {criteria}",
          ["criteria": .text(r.missing.map(\.rawValue).joined(separator: ", "))]))
    }

    for axis in Axis.allCases {
      out.append("")
      let criteria = rubric.criteria(on: axis)
      switch axis {
      case .gains:
        out.append(
          tr(
            "Joint gains {gains}: weighted mean of the gains criteria (maturity counts inversely)",
            ["gains": .text(Format.fixed(r.gains))]))
      case .risk:
        out.append(
          tr(
            "Political risk {risk}: blend of the weighted mean and the most severe factor",
            ["risk": .text(Format.fixed(r.risk))]))
      case .mitigation:
        out.append(tr("Mitigations (lower the risk)"))
      }
      let rows = criteria.map { c -> [String] in
        let e = r.contributions[c.id.rawValue]
        var score = e?.score.map { Format.number($0) } ?? "—"
        if let low = e?.low, let high = e?.high { score += " [\(Format.number(low))–\(Format.number(high))]" }
        var flags: [String] = []
        if e?.peak == true { flags.append(tr("most severe")) }
        if e?.floor == true { flags.append(tr("floor holds")) }
        let level =
          e?.score.map { score -> String in
            let n = min(4, max(0, Int(score.rounded())))
            return Localization.shipped("criterion.\(c.id.rawValue).level.\(n)", c.levels[n])
          } ?? tr("not scored")
        return [
          c.id.rawValue, score, Format.number(c.weight), signed(e?.contribution ?? 0),
          flags.joined(separator: Localization.language.listSeparator), level,
        ]
      }
      out.append(
        TextOutput.table(
          headers: [tr("criterion"), tr("score"), tr("weight"), tr("contribution"), "", tr("level meaning")],
          rows: rows, rightAligned: [2, 3]
        ).trimmingTrailingNewline.indented("  "))
      for c in criteria {
        guard let e = r.contributions[c.id.rawValue], e.rationale != nil || !e.evidence.isEmpty else { continue }
        if let rationale = e.rationale {
          out.append(TextOutput.wrap("\(c.id.rawValue): \(rationale)", indent: "  "))
        }
        for item in e.evidence {
          out.append(TextOutput.wrap(tr("evidence: {item}", ["item": .text(item)]), indent: "    "))
        }
      }
    }

    out.append("")
    out.append(tr("How the risk was computed:"))
    let b = r.riskBreakdown
    let a = rubric.aggregation
    let peakNames = rubric.criteria.filter { r.contributions[$0.id.rawValue]?.peak == true }.map(\.id.rawValue)
    out.append(
      "  "
        + tr(
          "unmitigated = (1 − λ)·mean + λ·peak = {oneMinusLambda}·{mean} + {lambda}·{peak}{peakNames} = {unmitigated}",
          [
            "oneMinusLambda": .text(Format.number(1 - a.peakShare)), "mean": .text(Format.fixed(b.mean)),
            "lambda": .text(Format.number(a.peakShare)), "peak": .text(Format.fixed(b.peak)),
            "peakNames": .text(peakNames.isEmpty ? "" : " (\(peakNames.joined(separator: ", ")))"),
            "unmitigated": .text(Format.fixed(b.unmitigated)),
          ]))
    out.append(
      "  "
        + tr(
          "mitigated   = unmitigated·(1 − μ·m) = {unmitigated}·(1 − {mu}·{mitigation}) = {mitigated}",
          [
            "unmitigated": .text(Format.fixed(b.unmitigated)), "mu": .text(Format.number(a.mitigationStrength)),
            "mitigation": .text(Format.fixed(b.mitigation)), "mitigated": .text(Format.fixed(b.mitigated)),
          ]))
    if let floorCriterion = b.floorCriterion {
      let verdict =
        b.floor > b.mitigated
        ? (floorCriterion == .military
          ? tr("it holds risk up, because mitigation cannot erase a military factor")
          : tr("it holds risk up, because mitigation cannot erase a security factor"))
        : tr("not binding, mitigation leaves risk above it")
      out.append(
        "  "
          + tr(
            "floor       = {floor} from {criterion} (score {score}): {verdict}",
            [
              "floor": .text(Format.fixed(b.floor)), "criterion": .text(floorCriterion.rawValue),
              "score": .text(Format.number(r.contributions[floorCriterion.rawValue]?.score ?? 0)),
              "verdict": .text(verdict),
            ]))
      out.append("  " + tr("risk        = max(mitigated, floor) = {risk}", ["risk": .text(Format.fixed(r.risk))]))
    } else {
      out.append("  " + tr("risk        = {risk}", ["risk": .text(Format.fixed(r.risk))]))
    }
    if let linked, linked.source != nil {
      out.append("")
      out.append(tr("Risk carried over links (rule in docs/links.md):"))
      out.append(TextOutput.wrap(linked.sentence, indent: "  "))
    }

    out.append("")
    out.append(tr("Strategy: {headline}", ["headline": .text(r.strategy.stance.displayHeadline)]))
    out.append(TextOutput.wrap(r.strategy.stance.displaySummary, indent: "  "))
    out.append(TextOutput.wrap(essay(r.strategy.stance.precedent), indent: "  "))
    if !r.strategy.actions.isEmpty {
      out.append("")
      out.append(tr("Actions, those tied to the strongest drivers first:"))
      for (i, action) in r.strategy.actions.enumerated() {
        out.append("  \(i + 1). \(action.displayTitle)")
        out.append(TextOutput.wrap(action.displayDetail, indent: "     "))
        if !action.because.isEmpty {
          let separator = Localization.language.usesCJKScript ? "；" : "; "
          out.append(
            TextOutput.wrap(
              tr(
                "Because: {reasons}", ["reasons": .text(action.because.map(\.displayText).joined(separator: separator))]
              ),
              indent: "     "))
        }
        out.append(TextOutput.wrap(essay(action.precedent), indent: "     "))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// "Essay: example — passage", in the language in view.
  static func essay(_ precedent: Precedent) -> String {
    tr(
      "Essay: {example} — {passage}",
      ["example": .text(precedent.displayExample), "passage": .text(precedent.displayPassage)])
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

extension Axis {
  /// The axis as a word in running text: its raw value in English (`gains`), its name in
  /// another language.
  var word: String {
    Localization.current.map { $0.text("axis.\(rawValue)") } ?? rawValue
  }

  /// The axis in a table: its id in English, its name in another language.
  var label: String { word }

  /// Axes in running text: "gains and risk".
  static func phrase(_ axes: [Axis]) -> String {
    if axes.count == 2 {
      return tr("{first} and {second}", ["first": .text(axes[0].word), "second": .text(axes[1].word)])
    }
    return axes.map(\.word).joined(separator: " and ")
  }
}

extension CriterionID {
  /// ``title`` in the language in view.
  public var displayTitle: String { Localization.shipped("criterion.\(rawValue).title", title) }
}
