import Foundation

extension TextOutput {
  /// Width of the character bars of the text tornado (odd, so the median has a column).
  static let tornadoWidth = 41

  /// What `safezones sensitivity DOMAIN` prints: the placement under uncertainty, the
  /// tornado drawn with characters, the importance, the assessors' influence and the
  /// viability per perspective.
  public static func sensitivity(_ r: SensitivityReport) -> String {
    let p = r.placement
    let t = r.thresholds
    var out = tr("Sensitivity of {name} ({id})", ["name": .text(r.name), "id": .text(r.id)]) + "\n"
    let who =
      r.assessors.count == 1
      ? tr("1 assessor") : tr("{count} assessors", ["count": .text(String(r.assessors.count))])
    out +=
      tr(
        "{samples} samples · seed {seed} · {pool} pool of {who}: {assessors}",
        [
          "samples": .text(String(r.samples)), "seed": .text("\(r.seed)"), "pool": .text(r.pool.rawValue),
          "who": .text(who), "assessors": .text(r.assessors.joined(separator: ", ")),
        ]) + "\n\n"

    out += tr("Placement under uncertainty") + "\n"
    out +=
      "  "
      + tr(
        "Joint gains     mean {mean}, 90% interval {interval} (threshold {threshold})",
        [
          "mean": .text(Format.fixed(p.gainsMean)), "interval": .text(interval(p.gainsInterval)),
          "threshold": .text(Format.number(t.gains)),
        ]) + "\n"
    out +=
      "  "
      + tr(
        "Political risk  mean {mean}, 90% interval {interval} (threshold {threshold})",
        [
          "mean": .text(Format.fixed(p.riskMean)), "interval": .text(interval(p.riskInterval)),
          "threshold": .text(Format.number(t.risk)),
        ]) + "\n"
    out +=
      "  "
      + Quadrant.allCases.map { "P(\($0.label)) \(Format.fixed(p.probabilities[$0] ?? 0))" }.joined(separator: " · ")
      + "\n"
    out +=
      "  "
      + tr(
        "Most likely: {quadrant}, confidence {confidence}",
        ["quadrant": .text(p.mostLikely.label), "confidence": .text(Format.fixed(p.confidence))]) + "\n"
    if !p.unscored.isEmpty {
      out +=
        "  "
        + tr(
          "Not scored (drawn uniformly over 0–4): {criteria}",
          ["criteria": .text(p.unscored.map(\.rawValue).joined(separator: ", "))]) + "\n"
    }
    out += "\n" + tornado(r)
    out += "\n" + importance(r)
    if !r.influence.isEmpty { out += "\n" + influence(r) }
    out += "\n" + viability(r)
    return out
  }

  static func interval(_ i: [Double]) -> String {
    i.count == 2 ? "\(Format.fixed(i[0]))–\(Format.fixed(i[1]))" : "—"
  }

  /// The tornado as character bars: each row is the change of the criterion's axis from
  /// the median placement, `-` with the criterion at its 5th percentile, `+` at its 95th.
  static func tornado(_ r: SensitivityReport) -> String {
    let m = r.median
    var out =
      tr(
        "Tornado: each criterion swept from its 5th to its 95th percentile with the others at their medians, widest first."
      ) + "\n"
    out +=
      tr(
        "Median placement: gains {gains}, risk {risk} ({quadrant}).",
        [
          "gains": .text(Format.fixed(m.gains)), "risk": .text(Format.fixed(m.risk)),
          "quadrant": .text(m.quadrant.label),
        ])
      + "\n"
    let bars = r.tornado.filter { !$0.isFlat }
    let flat = r.tornado.filter(\.isFlat)
    func centre(_ axis: Axis) -> Double { axis == .gains ? m.gains : m.risk }
    func ends(_ b: TornadoBar) -> [Double] { b.axis == .gains ? b.gains : b.risk }
    let reach = bars.flatMap { b in ends(b).map { abs($0 - centre(b.axis)) } }.max() ?? 0
    let half = tornadoWidth / 2
    out +=
      tr(
        "'-' criterion at its 5th percentile, '+' at its 95th, '|' the median placement, ':' the threshold; the bar spans ±{reach}.",
        ["reach": .text(Format.fixed(max(reach, 0.005), digits: 3))]) + "\n\n"
    func column(_ delta: Double) -> Int {
      guard reach > 0 else { return half }
      return half + Int((delta / reach * Double(half)).rounded())
    }
    let rows = bars.map { b -> [String] in
      let axis = b.axis
      let c = centre(axis)
      let e = ends(b)
      var cells = [Character](repeating: " ", count: tornadoWidth)
      for (k, value) in e.enumerated() {
        let end = column(value - c)
        let mark: Character = k == 0 ? "-" : "+"
        if end < half { for i in end..<half { cells[i] = mark } }
        if end > half { for i in (half + 1)...end { cells[i] = mark } }
      }
      let threshold = axis == .gains ? r.thresholds.gains : r.thresholds.risk
      let tc = reach > 0 ? column(threshold - c) : -1
      if (0..<tornadoWidth).contains(tc) && tc != half { cells[tc] = ":" }
      cells[half] = "|"
      let quadrants = b.quadrants.map(\.label).joined(separator: " → ")
      return [
        b.criterion.displayTitle, axis.label,
        "\(Format.number(b.low, digits: 2)) → \(Format.number(b.high, digits: 2))",
        String(cells), "\(Format.fixed(e[0])) → \(Format.fixed(e[1]))",
        quadrants + (b.crossesThreshold ? "  " + tr("(crosses a threshold)") : ""),
      ]
    }
    out += table(
      headers: [
        tr("criterion"), tr("axis"), tr("5th → 95th"), tr("change from the median"), tr("at 5th → at 95th"),
        tr("quadrant at 5th → at 95th"),
      ],
      rows: rows)
    if !flat.isEmpty {
      out +=
        wrap(
          tr(
            "Judged with certainty (no sweep): {criteria}.",
            ["criteria": .text(Localization.language.list(flat.map(\.criterion.displayTitle)))])) + "\n"
    }
    let crossing = bars.filter(\.crossesThreshold)
    if crossing.isEmpty {
      out +=
        tr(
          "No single criterion, swept over its 90% range, moves the domain out of {quadrant}.",
          ["quadrant": .text(m.quadrant.label)]) + "\n"
    } else {
      let names =
        Localization.current == nil
        ? crossing.map { $0.criterion.title.lowercased() }.joined(separator: ", ")
        : Localization.language.list(crossing.map(\.criterion.displayTitle))
      out += tr("Evidence on {criteria} could move the domain to another quadrant.", ["criteria": .text(names)]) + "\n"
    }
    return out
  }

  static func importance(_ r: SensitivityReport) -> String {
    var out = tr("Importance: Spearman rank correlation of each criterion's samples with gains and with risk.") + "\n"
    guard let importance = r.placement.importance, !importance.isEmpty else { return out + tr("(not computed)") + "\n" }
    let entries = importance.compactMap { key, value -> (CriterionID, Double, Double)? in
      guard let id = CriterionID(rawValue: key) else { return nil }
      return (id, value["gains"] ?? 0, value["risk"] ?? 0)
    }.sorted { a, b in
      let ma = max(abs(a.1), abs(a.2))
      let mb = max(abs(b.1), abs(b.2))
      return ma != mb ? ma > mb : a.0 < b.0
    }
    let moving = entries.filter { abs($0.1) >= 0.005 || abs($0.2) >= 0.005 }
    out += table(
      headers: [tr("criterion"), tr("gains"), tr("risk")],
      rows: moving.map { [$0.0.displayTitle, signed($0.1), signed($0.2)] }, rightAligned: [1, 2])
    if moving.count < entries.count {
      let none = entries.filter { abs($0.1) < 0.005 && abs($0.2) < 0.005 }.map(\.0.displayTitle)
      out +=
        wrap(
          tr(
            "No correlation (judged with certainty): {criteria}.",
            ["criteria": .text(Localization.language.list(none))])) + "\n"
    }
    return out
  }

  static func signed(_ v: Double) -> String {
    if abs(v) < 0.005 { return "0.00" }
    return (v < 0 ? "−" : "+") + Format.fixed(abs(v))
  }

  static func influence(_ r: SensitivityReport) -> String {
    let q = r.placement.mostLikely
    var out =
      tr(
        "Assessor influence: leave each assessor out and see how P({quadrant}), the group's most likely quadrant, changes.",
        ["quadrant": .text(q.label)]) + "\n"
    out += table(
      headers: [tr("assessor"), tr("perspective"), tr("change"), tr("most likely without")],
      rows: r.influence.map { [$0.assessor, $0.perspective ?? "—", signed($0.shift), $0.quadrantWithout.label] },
      rightAligned: [2])
    if let top = r.influence.first, abs(top.shift) >= 0.005 {
      out += tr("{assessor}'s judgement moves the group most.", ["assessor": .text(top.assessor)]) + "\n"
    }
    return out
  }

  static func viability(_ r: SensitivityReport) -> String {
    let v = r.viability
    var out = tr("Viability per perspective: acceptable when P(high gains) ≥ 0.5 and P(monitor) < 0.5.") + "\n"
    out += table(
      headers: [
        tr("perspective"), tr("assessors"), tr("P(safe)"), tr("P(pol-eng)"), tr("P(monitor)"), tr("P(trad)"),
        tr("most likely"), tr("acceptable"),
      ],
      rows: v.perspectives.map { p in
        [
          p.perspective, String(p.assessors.count), Format.fixed(p.probabilities[.safeZone] ?? 0),
          Format.fixed(p.probabilities[.politicalEngineering] ?? 0), Format.fixed(p.probabilities[.monitor] ?? 0),
          Format.fixed(p.probabilities[.traditional] ?? 0), p.mostLikely.label, p.acceptable ? tr("yes") : tr("no"),
        ]
      }, rightAligned: [1, 2, 3, 4, 5])
    out += v.displaySentence + "\n"
    return out
  }
}
