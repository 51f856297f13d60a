import Foundation
import Plot
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore

/// What the domain page's Uncertainty section shows: the sensitivity report of the domain's
/// current judgements (every assessor's latest), with its tornado drawn, or why it could
/// not be computed.
struct DomainUncertainty: Sendable {
  var report: SensitivityReport?
  /// The tornado as an SVG fragment safe to inline.
  var tornadoSVG: String?
  /// Why there is no report (quantiles that cannot be fitted, no assessment).
  var problems: [String] = []

  static func compute(_ domain: Domain, rubric: Rubric) -> DomainUncertainty {
    guard !domain.assessments.isEmpty else { return DomainUncertainty(problems: ["the domain has no assessment"]) }
    do {
      let options = MonteCarlo.Options(
        samples: MonteCarloDefaults.samples, seed: MonteCarloDefaults.seed, threads: 1, cloudSize: 0,
        importance: true)
      let report = try SensitivityReport.make(domain, rubric: rubric, options: options)
      let svg = TornadoChart.svg(
        bars: report.tornado, title: "What moves \(report.name)",
        subtitle: "\(report.samples) simulated placements · seed \(report.seed) · rubric \(rubric.version)",
        axis: .both, thresholds: rubric.thresholds, median: (report.median.gains, report.median.risk))
      return DomainUncertainty(report: report, tornadoSVG: MapPage.inlineSVG(svg))
    } catch {
      return DomainUncertainty(problems: error.issues.map { AppError.plain($0) + ($0.key.map { " (\($0))" } ?? "") })
    }
  }
}

enum UncertaintySection {
  static func section(_ u: DomainUncertainty?) -> HTMLNode {
    guard let u else { return .none }
    var content: [HTMLNode] = [.el("h2", ["id": "uncertainty-title"], .safe("Uncertainty"))]
    guard let r = u.report else {
      content.append(
        .el(
          "div", ["class": "notice warning", "id": "uncertainty-problems", "role": "status"],
          .el("p", [:], .safe("The uncertainty of this placement cannot be computed:")),
          .el("ul", [:], u.problems.map { .el("li", [:], .safe($0)) })))
      return .el("section", ["id": "uncertainty", "aria-labelledby": "uncertainty-title"], content)
    }
    let names = r.assessors.joined(separator: ", ")
    content.append(
      .el(
        "p", ["class": "uncertainty-intro"],
        .safe(
          "Each assessor's latest judgement is a distribution (a range or quantiles; a single score is certain). Pooling \(r.assessors.count == 1 ? "the one assessor" : "the \(r.assessors.count) assessors") (\(names)) and simulating \(grouped(r.samples)) placements (seed \(r.seed)) gives the chance of each quadrant."
        )))
    content += [probabilities(r), intervals(r), tornado(r, svg: u.tornadoSVG), perspectives(r)]
    if !r.influence.isEmpty { content.append(influence(r)) }
    return .el(
      "section", ["id": "uncertainty", "class": "uncertainty", "aria-labelledby": "uncertainty-title"], content)
  }

  /// `10,000`.
  static func grouped(_ n: Int) -> String {
    let digits = Array(String(n))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
      out.append(d)
    }
    return out
  }

  // MARK: - Probabilities

  /// IPCC's calibrated words for a probability.
  static func likelihood(_ p: Double) -> String {
    switch p {
    case 0.99...: return "virtually certain"
    case 0.9..<0.99: return "very likely"
    case 0.66..<0.9: return "likely"
    case 0.33..<0.66: return "about as likely as not"
    case 0.1..<0.33: return "unlikely"
    default: return "very unlikely"
    }
  }

  static func percent(_ p: Double) -> String { "\(Format.number(p * 100, digits: 0))%" }

  /// A horizontal bar for a probability, drawn with attributes only (the content security
  /// policy forbids style=""); hidden from screen readers, which read the number beside it.
  static func bar(_ p: Double, quadrant: Quadrant) -> HTMLNode {
    let w = Format.number(max(0, min(1, p)) * 200, digits: 1)
    return .raw(
      "<svg class=\"probability-bar\" viewBox=\"0 0 200 14\" width=\"200\" height=\"14\" aria-hidden=\"true\" focusable=\"false\">"
        + "<rect x=\"0\" y=\"0\" width=\"200\" height=\"14\" rx=\"2\" fill=\"#ececec\"/>"
        + "<rect class=\"fill q-\(quadrant.rawValue)\" x=\"0\" y=\"0\" width=\"\(w)\" height=\"14\" rx=\"2\" fill=\"\(ink(quadrant))\"/></svg>"
    )
  }

  static func ink(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: return "#009e73"
    case .politicalEngineering: return "#e69f00"
    case .monitor: return "#d55e00"
    case .traditional: return "#0072b2"
    }
  }

  static func probabilities(_ r: SensitivityReport) -> HTMLNode {
    let p = r.placement
    let rows: [HTMLNode] = Quadrant.allCases.map { q in
      let value = p.probabilities[q] ?? 0
      return .el(
        "li", ["data-quadrant": q.rawValue, "data-probability": Format.number(value, digits: 4)],
        .el("span", ["class": "probability-name"], .safe(q.title)),
        bar(value, quadrant: q),
        .el("span", ["class": "probability-value num"], .safe(percent(value))))
    }
    return .el(
      "div", ["class": "uncertainty-block", "id": "uncertainty-probabilities"],
      .el("h3", [:], .safe("Chance of each quadrant")),
      .el(
        "ul", ["class": "probabilities", "id": "quadrant-probabilities", "aria-label": "Probability of each quadrant"],
        rows),
      .el(
        "p", ["id": "confidence", "class": "confidence", "data-confidence": Format.number(p.confidence, digits: 4)],
        .safe("Most likely: "), ViewParts.badge(p.mostLikely),
        .safe(
          " with a probability of \(percent(p.confidence)) — \(likelihood(p.confidence)). This probability is the placement's confidence."
        )))
  }

  static func intervals(_ r: SensitivityReport) -> HTMLNode {
    let p = r.placement
    let t = r.thresholds
    func row(_ name: String, id: String, mean: Double, interval: [Double], threshold: Double) -> [HTMLNode] {
      let lo = interval.first ?? mean
      let hi = interval.last ?? mean
      let side =
        lo >= threshold
        ? "entirely at or above the threshold"
        : hi < threshold ? "entirely below the threshold" : "straddling the threshold"
      return [
        .el("dt", [:], .safe(name)),
        .el(
          "dd", ["id": id],
          .safe(
            "mean \(Format.fixed(mean)); 90% interval \(Format.fixed(lo))–\(Format.fixed(hi)), \(side) (\(Format.number(threshold)))"
          )),
      ]
    }
    return .el(
      "div", ["class": "uncertainty-block"],
      .el("h3", [:], .safe("90% intervals")),
      .el(
        "dl", ["class": "facts", "id": "uncertainty-intervals"],
        row("Joint gains", id: "gains-interval", mean: p.gainsMean, interval: p.gainsInterval, threshold: t.gains)
          + row("Political risk", id: "risk-interval", mean: p.riskMean, interval: p.riskInterval, threshold: t.risk)),
      p.unscored.isEmpty
        ? .none
        : .el(
          "p", ["class": "muted"],
          .safe(
            "Not scored by anyone, so drawn uniformly over 0–4 (complete ignorance): \(p.unscored.map(\.title).joined(separator: ", "))."
          )))
  }

  // MARK: - Tornado and importance

  static func tornado(_ r: SensitivityReport, svg: String?) -> HTMLNode {
    let moving = r.tornado.filter { !$0.isFlat }
    let crossing = moving.filter(\.crossesThreshold)
    let summary: String
    if moving.isEmpty {
      summary = "Every criterion is judged with certainty: nothing to sweep."
    } else if crossing.isEmpty {
      summary =
        "No single criterion, swept over its 90% range, moves the domain out of its median quadrant (\(r.median.quadrant.title))."
    } else {
      summary =
        "Evidence on \(crossing.map { $0.criterion.title.lowercased() }.joined(separator: ", ")) could move the domain to another quadrant: that is where more evidence is worth gathering."
    }
    let rows: [HTMLNode] = moving.map { b in
      let ends = b.axis == .gains ? b.gains : b.risk
      return .el(
        "tr", ["data-criterion": b.criterion.rawValue, "class": b.crossesThreshold ? "crosses" : nil],
        .el("th", ["scope": "row"], .safe(b.criterion.title)),
        .el("td", [:], .safe(b.axis == .gains ? "gains" : "risk")),
        .el("td", ["class": "num"], .safe("\(Format.number(b.low, digits: 2)) → \(Format.number(b.high, digits: 2))")),
        .el("td", ["class": "num"], .safe("\(Format.fixed(ends[0])) → \(Format.fixed(ends[1]))")),
        .el(
          "td", [:],
          .safe(
            b.crossesThreshold
              ? "\(b.quadrants[0].title) → \(b.quadrants[1].title)" : "\(b.quadrants[0].title) at both ends")))
    }
    return .el(
      "div", ["class": "uncertainty-block", "id": "tornado-section"],
      .el("h3", [:], .safe("What moves it")),
      .el("p", ["id": "tornado-summary"], .safe(summary)),
      // An all-flat tornado says nothing the sentence above does not.
      moving.isEmpty
        ? .none : svg.map { .el("figure", ["class": "map tornado-figure", "id": "tornado"], .raw($0)) } ?? .none,
      moving.isEmpty
        ? .none
        : .el(
          "details", ["class": "tornado-table"],
          .el("summary", [:], .safe("The tornado as a table")),
          ViewParts.scroll(
            "Tornado table",
            .el(
              "table", ["class": "data", "id": "tornado-table"],
              .el(
                "caption", [:],
                .safe("Each criterion swept from its 5th to its 95th percentile, the others at their medians")),
              .el(
                "thead", [:],
                .el(
                  "tr", [:],
                  .el("th", ["scope": "col"], .safe("Criterion")),
                  .el("th", ["scope": "col"], .safe("Axis")),
                  .el("th", ["scope": "col", "class": "num"], .safe("Score 5th → 95th")),
                  .el("th", ["scope": "col", "class": "num"], .safe("Axis value")),
                  .el("th", ["scope": "col"], .safe("Quadrant")))),
              .el("tbody", [:], rows)))),
      importance(r))
  }

  static func importance(_ r: SensitivityReport) -> HTMLNode {
    guard let importance = r.placement.importance else { return .none }
    let entries = importance.compactMap { key, v -> (CriterionID, Double, Double)? in
      CriterionID(rawValue: key).map { ($0, v["gains"] ?? 0, v["risk"] ?? 0) }
    }.filter { abs($0.1) >= 0.005 || abs($0.2) >= 0.005 }.sorted { a, b in
      let ma = max(abs(a.1), abs(a.2))
      let mb = max(abs(b.1), abs(b.2))
      return ma != mb ? ma > mb : a.0 < b.0
    }
    guard !entries.isEmpty else { return .none }
    func cell(_ v: Double) -> HTMLNode { .el("td", ["class": "num"], .safe(ViewParts.signed(v))) }
    return .el(
      "div", ["class": "importance"],
      .el("h4", [:], .safe("Importance")),
      .el(
        "p", [:],
        .safe(
          "Rank correlation between each criterion's simulated scores and the domain's gains and risk: near ±1, the criterion drives that axis; near 0, it hardly matters. Criteria judged with certainty are left out."
        )),
      ViewParts.scroll(
        "Importance table",
        .el(
          "table", ["class": "data", "id": "importance"],
          .el("caption", [:], .safe("Spearman rank correlation with joint gains and political risk")),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Criterion")),
              .el("th", ["scope": "col", "class": "num"], .safe("Joint gains")),
              .el("th", ["scope": "col", "class": "num"], .safe("Political risk")))),
          .el(
            "tbody", [:],
            entries.map { e in
              .el(
                "tr", ["data-criterion": e.0.rawValue], .el("th", ["scope": "row"], .safe(e.0.title)), cell(e.1),
                cell(e.2))
            }))))
  }

  // MARK: - Perspectives and influence

  static func perspectives(_ r: SensitivityReport) -> HTMLNode {
    let v = r.viability
    let rows: [HTMLNode] = v.perspectives.map { p in
      .el(
        "tr", ["data-perspective": p.perspective, "data-acceptable": p.acceptable ? "true" : "false"],
        .el("th", ["scope": "row"], .safe(p.perspective == "unstated" ? "not stated" : p.perspective)),
        .el("td", [:], .safe(p.assessors.joined(separator: ", "))),
        .group(Quadrant.allCases.map { q in .el("td", ["class": "num"], .safe(percent(p.probabilities[q] ?? 0))) }),
        .el("td", [:], ViewParts.badge(p.mostLikely)),
        .el("td", [:], .safe(p.acceptable ? "yes" : "no")))
    }
    return .el(
      "div", ["class": "uncertainty-block", "id": "perspectives"],
      .el("h3", [:], .safe("Seen from each side")),
      .el(
        "p",
        [
          "id": "viability",
          "class": v.status == .viable ? "notice success" : (v.status == .notAcceptable ? "notice warning" : "notice"),
          "data-viable": v.viable ? "true" : "false", "data-status": v.status.rawValue,
        ],
        viabilityText(v)),
      ViewParts.scroll(
        "Placement per perspective",
        .el(
          "table", ["class": "data", "id": "perspective-table"],
          .el("caption", [:], .safe("Each perspective's assessors pooled separately")),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              [
                .el("th", ["scope": "col"], .safe("Perspective")),
                .el("th", ["scope": "col"], .safe("Assessors")),
              ]
                + Quadrant.allCases.map { q in
                  .el("th", ["scope": "col", "class": "num"], .safe("P(\(q.title.lowercased()))"))
                }
                + [
                  .el("th", ["scope": "col"], .safe("Most likely")),
                  .el("th", ["scope": "col"], .safe("Acceptable")),
                ])),
          .el("tbody", [:], rows))))
  }

  static func influence(_ r: SensitivityReport) -> HTMLNode {
    let q = r.placement.mostLikely
    return .el(
      "div", ["class": "uncertainty-block", "id": "influence"],
      .el("h3", [:], .safe("Whose judgement matters")),
      .el(
        "p", [:],
        .safe(
          "Each assessor left out in turn: how much the chance of \(q.title.lowercased()) (the group's most likely quadrant) changes without them. The largest change marks the disagreement most worth discussing."
        )),
      ViewParts.scroll(
        "Assessor influence",
        .el(
          "table", ["class": "data", "id": "influence-table"],
          .el("caption", [:], .safe("Leave-one-out influence of each assessor")),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Assessor")),
              .el("th", ["scope": "col"], .safe("Perspective")),
              .el("th", ["scope": "col", "class": "num"], .safe("Change in P(\(q.title.lowercased()))")),
              .el("th", ["scope": "col"], .safe("Most likely without them")))),
          .el(
            "tbody", [:],
            r.influence.map { i in
              .el(
                "tr", ["data-assessor": i.assessor],
                .el("th", ["scope": "row"], .safe(i.assessor)),
                .el("td", [:], .safe(i.perspective ?? "—")),
                .el(
                  "td", ["class": "num"],
                  .safe((i.shift < -0.0005 ? "−" : i.shift > 0.0005 ? "+" : "") + percent(abs(i.shift)))),
                .el("td", [:], ViewParts.badge(i.quadrantWithout)))
            }))))
  }

  /// Viable, not viable (a side judged it unacceptable) or not known yet (a side has not
  /// judged): missing data is said plainly, not as a finding against cooperation.
  static func viabilityText(_ v: Viability) -> HTMLNode {
    let acceptable = v.perspectives.filter(\.acceptable).map(\.perspective)
    switch v.status {
    case .viable:
      return .group([
        .el("strong", [:], .safe("Viable from both sides. ")),
        .safe(
          "Assessors from both countries find cooperation acceptable: P(high gains) at least 50% and P(monitor) under 50%."
        ),
      ])
    case .notAcceptable:
      return .group([
        .el("strong", [:], .safe("Not viable as judged. ")),
        .safe("Cooperation needs support on both sides: " + v.reasons.joined(separator: "; ") + "."),
      ])
    case .incomplete:
      let sides = v.missing.joined(separator: " and ")
      var text =
        "\(AssessPage.sentence(v.reasons.joined(separator: "; "))). Viability is judged from both countries' side, so it is not known until an assessor states the \(sides) perspective."
      if !acceptable.isEmpty {
        text += " So far the \(acceptable.joined(separator: ", ")) side finds cooperation acceptable."
      }
      return .group([.el("strong", [:], .safe("Viability not known yet. ")), .safe(text)])
    }
  }
}
