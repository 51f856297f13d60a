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
    var out = "Sensitivity of \(r.name) (\(r.id))\n"
    let who = r.assessors.count == 1 ? "1 assessor" : "\(r.assessors.count) assessors"
    out +=
      "\(r.samples) samples · seed \(r.seed) · \(r.pool.rawValue) pool of \(who): \(r.assessors.joined(separator: ", "))\n\n"

    out += "Placement under uncertainty\n"
    out +=
      "  Joint gains     mean \(Format.fixed(p.gainsMean)), 90% interval \(interval(p.gainsInterval)) (threshold \(Format.number(t.gains)))\n"
    out +=
      "  Political risk  mean \(Format.fixed(p.riskMean)), 90% interval \(interval(p.riskInterval)) (threshold \(Format.number(t.risk)))\n"
    out +=
      "  "
      + Quadrant.allCases.map { "P(\($0.rawValue)) \(Format.fixed(p.probabilities[$0] ?? 0))" }.joined(separator: " · ")
      + "\n"
    out += "  Most likely: \(p.mostLikely.rawValue), confidence \(Format.fixed(p.confidence))\n"
    if !p.unscored.isEmpty {
      out += "  Not scored (drawn uniformly over 0–4): \(p.unscored.map(\.rawValue).joined(separator: ", "))\n"
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
      "Tornado: each criterion swept from its 5th to its 95th percentile with the others at their medians, widest first.\n"
    out += "Median placement: gains \(Format.fixed(m.gains)), risk \(Format.fixed(m.risk)) (\(m.quadrant.rawValue)).\n"
    let bars = r.tornado.filter { !$0.isFlat }
    let flat = r.tornado.filter(\.isFlat)
    func centre(_ axis: Axis) -> Double { axis == .gains ? m.gains : m.risk }
    func ends(_ b: TornadoBar) -> [Double] { b.axis == .gains ? b.gains : b.risk }
    let reach = bars.flatMap { b in ends(b).map { abs($0 - centre(b.axis)) } }.max() ?? 0
    let half = tornadoWidth / 2
    out +=
      "'-' criterion at its 5th percentile, '+' at its 95th, '|' the median placement, ':' the threshold; the bar spans ±\(Format.fixed(max(reach, 0.005), digits: 3)).\n\n"
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
      let quadrants = b.quadrants.map(\.rawValue).joined(separator: " → ")
      return [
        b.criterion.title, axis.rawValue, "\(Format.number(b.low, digits: 2)) → \(Format.number(b.high, digits: 2))",
        String(cells), "\(Format.fixed(e[0])) → \(Format.fixed(e[1]))",
        quadrants + (b.crossesThreshold ? "  (crosses a threshold)" : ""),
      ]
    }
    out += table(
      headers: [
        "criterion", "axis", "5th → 95th", "change from the median", "at 5th → at 95th", "quadrant at 5th → at 95th",
      ],
      rows: rows)
    if !flat.isEmpty {
      out += wrap("Judged with certainty (no sweep): \(flat.map(\.criterion.title).joined(separator: ", ")).") + "\n"
    }
    let crossing = bars.filter(\.crossesThreshold)
    if crossing.isEmpty {
      out += "No single criterion, swept over its 90% range, moves the domain out of \(m.quadrant.rawValue).\n"
    } else {
      out +=
        "Evidence on \(crossing.map { $0.criterion.title.lowercased() }.joined(separator: ", ")) could move the domain to another quadrant.\n"
    }
    return out
  }

  static func importance(_ r: SensitivityReport) -> String {
    var out = "Importance: Spearman rank correlation of each criterion's samples with gains and with risk.\n"
    guard let importance = r.placement.importance, !importance.isEmpty else { return out + "(not computed)\n" }
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
      headers: ["criterion", "gains", "risk"],
      rows: moving.map { [$0.0.title, signed($0.1), signed($0.2)] }, rightAligned: [1, 2])
    if moving.count < entries.count {
      let none = entries.filter { abs($0.1) < 0.005 && abs($0.2) < 0.005 }.map(\.0.title)
      out += wrap("No correlation (judged with certainty): \(none.joined(separator: ", ")).") + "\n"
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
      "Assessor influence: leave each assessor out and see how P(\(q.rawValue)), the group's most likely quadrant, changes.\n"
    out += table(
      headers: ["assessor", "perspective", "change", "most likely without"],
      rows: r.influence.map { [$0.assessor, $0.perspective ?? "—", signed($0.shift), $0.quadrantWithout.rawValue] },
      rightAligned: [2])
    if let top = r.influence.first, abs(top.shift) >= 0.005 {
      out += "\(top.assessor)'s judgement moves the group most.\n"
    }
    return out
  }

  static func viability(_ r: SensitivityReport) -> String {
    let v = r.viability
    var out = "Viability per perspective: acceptable when P(high gains) ≥ 0.5 and P(monitor) < 0.5.\n"
    out += table(
      headers: [
        "perspective", "assessors", "P(safe)", "P(pol-eng)", "P(monitor)", "P(trad)", "most likely", "acceptable",
      ],
      rows: v.perspectives.map { p in
        [
          p.perspective, String(p.assessors.count), Format.fixed(p.probabilities[.safeZone] ?? 0),
          Format.fixed(p.probabilities[.politicalEngineering] ?? 0), Format.fixed(p.probabilities[.monitor] ?? 0),
          Format.fixed(p.probabilities[.traditional] ?? 0), p.mostLikely.rawValue, p.acceptable ? "yes" : "no",
        ]
      }, rightAligned: [1, 2, 3, 4, 5])
    out += v.sentence + "\n"
    return out
  }
}
