import Foundation
import Plot
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore

/// What the domain page's Uncertainty section shows: the sensitivity report of the domain's
/// current judgements (every assessor's latest), from which the tornado is drawn, or why it
/// could not be computed.
///
/// It is computed once per store revision for every reader (`Catalog.uncertainty`), so it
/// holds no words of the reader's language: the tornado is drawn when the page is.
struct DomainUncertainty: Sendable {
  var report: SensitivityReport?
  /// The domain and the rubric's version, for the tornado's title.
  var domain: Domain?
  var rubricVersion = ""
  /// The domain has no assessment to simulate.
  var unassessed = false
  /// Why there is no report (quantiles that cannot be fitted).
  var problems: [String] = []

  /// The tornado, in the language in view, as an SVG fragment safe to inline.
  func tornadoSVG() -> String? {
    guard let report else { return nil }
    let name = domain.map(DomainText.name) ?? report.name
    let svg = TornadoChart.svg(
      bars: report.tornado, title: tr("What moves {name}", ["name": .text(name)]),
      subtitle: tr(
        "{samples} simulated placements · seed {seed} · rubric {version}",
        [
          "samples": .text(String(report.samples)), "seed": .text(String(report.seed)),
          "version": .text(rubricVersion),
        ]),
      axis: .both, thresholds: report.thresholds, median: (report.median.gains, report.median.risk))
    return MapPage.inlineSVG(svg)
  }

  static func compute(_ domain: Domain, rubric: Rubric) -> DomainUncertainty {
    guard !domain.assessments.isEmpty else { return DomainUncertainty(unassessed: true) }
    do {
      let options = MonteCarlo.Options(
        samples: MonteCarloDefaults.samples, seed: MonteCarloDefaults.seed, threads: 1, cloudSize: 0,
        importance: true)
      let report = try SensitivityReport.make(domain, rubric: rubric, options: options)
      return DomainUncertainty(report: report, domain: domain, rubricVersion: rubric.version)
    } catch {
      return DomainUncertainty(problems: error.issues.map { AppError.plain($0) + ($0.key.map { " (\($0))" } ?? "") })
    }
  }
}

enum UncertaintySection {
  static func section(_ u: DomainUncertainty?) -> HTMLNode {
    guard let u else { return .none }
    var content: [HTMLNode] = [.el("h2", ["id": "uncertainty-title"], .safe(tr("Uncertainty")))]
    guard let r = u.report else {
      let problems = u.unassessed ? [tr("the domain has no assessment")] : u.problems
      content.append(
        .el(
          "div", ["class": "notice warning", "id": "uncertainty-problems", "role": "status"],
          .el("p", [:], .safe(tr("The uncertainty of this placement cannot be computed:"))),
          .el("ul", [:], problems.map { .el("li", [:], .safe($0)) })))
      return .el("section", ["id": "uncertainty", "aria-labelledby": "uncertainty-title"], content)
    }
    let names = r.assessors.joined(separator: ", ")
    content.append(
      .el(
        "p", ["class": "uncertainty-intro"],
        .safe(intro(r))))
    content += [probabilities(r), intervals(r), tornado(r, svg: u.tornadoSVG()), perspectives(r)]
    if !r.influence.isEmpty { content.append(influence(r)) }
    return .el(
      "section", ["id": "uncertainty", "class": "uncertainty", "aria-labelledby": "uncertainty-title"], content)
  }

  /// How the chances were simulated.
  static func intro(_ r: SensitivityReport) -> String {
    let values: [String: LocalizationArgument] = [
      "count": .text(String(r.assessors.count)), "names": .text(r.assessors.joined(separator: ", ")),
      "samples": .text(grouped(r.samples)), "seed": .text(String(r.seed)),
    ]
    return r.assessors.count == 1
      ? tr(
        "Each assessor's latest judgement is a distribution (a range or quantiles; a single score is certain). Pooling the one assessor ({names}) and simulating {samples} placements (seed {seed}) gives the chance of each quadrant.",
        values)
      : tr(
        "Each assessor's latest judgement is a distribution (a range or quantiles; a single score is certain). Pooling the {count} assessors ({names}) and simulating {samples} placements (seed {seed}) gives the chance of each quadrant.",
        values)
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
    case 0.99...: return tr("virtually certain")
    case 0.9..<0.99: return tr("very likely")
    case 0.66..<0.9: return tr("likely")
    case 0.33..<0.66: return tr("about as likely as not")
    case 0.1..<0.33: return tr("unlikely")
    default: return tr("very unlikely")
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
        .el("span", ["class": "probability-name"], .safe(DomainPageText.quadrant(q))),
        bar(value, quadrant: q),
        .el("span", ["class": "probability-value num"], .safe(percent(value))))
    }
    return .el(
      "div", ["class": "uncertainty-block", "id": "uncertainty-probabilities"],
      .el("h3", [:], .safe(tr("Chance of each quadrant"))),
      .el(
        "ul",
        ["class": "probabilities", "id": "quadrant-probabilities", "aria-label": tr("Probability of each quadrant")],
        rows),
      .el(
        "p", ["id": "confidence", "class": "confidence", "data-confidence": Format.number(p.confidence, digits: 4)],
        DomainPageText.sentence(
          tr(
            "Most likely: {quadrant} with a probability of {percent} — {likelihood}. This probability is the placement's confidence.",
            [
              "quadrant": DomainPageText.slot("quadrant"), "percent": .text(percent(p.confidence)),
              "likelihood": .text(likelihood(p.confidence)),
            ]), ["quadrant": ViewParts.badge(p.mostLikely)])))
  }

  static func intervals(_ r: SensitivityReport) -> HTMLNode {
    let p = r.placement
    let t = r.thresholds
    func row(_ name: String, id: String, mean: Double, interval: [Double], threshold: Double) -> [HTMLNode] {
      let lo = interval.first ?? mean
      let hi = interval.last ?? mean
      let side =
        lo >= threshold
        ? tr("entirely at or above the threshold")
        : hi < threshold ? tr("entirely below the threshold") : tr("straddling the threshold")
      return [
        .el("dt", [:], .safe(name)),
        .el(
          "dd", ["id": id],
          .safe(
            tr(
              "mean {mean}; 90% interval {low}–{high}, {side} ({threshold})",
              [
                "mean": .text(Format.fixed(mean)), "low": .text(Format.fixed(lo)), "high": .text(Format.fixed(hi)),
                "side": .text(side), "threshold": .text(Format.number(threshold)),
              ])
          )),
      ]
    }
    return .el(
      "div", ["class": "uncertainty-block"],
      .el("h3", [:], .safe(tr("90% intervals"))),
      .el(
        "dl", ["class": "facts", "id": "uncertainty-intervals"],
        row(tr("Joint gains"), id: "gains-interval", mean: p.gainsMean, interval: p.gainsInterval, threshold: t.gains)
          + row(
            tr("Political risk"), id: "risk-interval", mean: p.riskMean, interval: p.riskInterval, threshold: t.risk)),
      p.unscored.isEmpty
        ? .none
        : .el(
          "p", ["class": "muted"],
          .safe(
            tr(
              "Not scored by anyone, so drawn uniformly over 0–4 (complete ignorance): {criteria}.",
              ["criteria": .text(Localization.language.list(p.unscored.map(DomainPageText.criterion)))])
          )))
  }

  // MARK: - Tornado and importance

  static func tornado(_ r: SensitivityReport, svg: String?) -> HTMLNode {
    let moving = r.tornado.filter { !$0.isFlat }
    let crossing = moving.filter(\.crossesThreshold)
    let summary: String
    if moving.isEmpty {
      summary = tr("Every criterion is judged with certainty: nothing to sweep.")
    } else if crossing.isEmpty {
      summary = tr(
        "No single criterion, swept over its 90% range, moves the domain out of its median quadrant ({quadrant}).",
        ["quadrant": .text(DomainPageText.quadrant(r.median.quadrant))])
    } else {
      summary = tr(
        "Evidence on {criteria} could move the domain to another quadrant: that is where more evidence is worth gathering.",
        [
          "criteria": .text(
            Localization.language.list(crossing.map { DomainPageText.criterion($0.criterion).lowercased() }))
        ])
    }
    let rows: [HTMLNode] = moving.map { b in
      let ends = b.axis == .gains ? b.gains : b.risk
      return .el(
        "tr", ["data-criterion": b.criterion.rawValue, "class": b.crossesThreshold ? "crosses" : nil],
        .el("th", ["scope": "row"], .safe(DomainPageText.criterion(b.criterion))),
        .el("td", [:], .safe(b.axis == .gains ? tr("gains") : tr("risk"))),
        .el("td", ["class": "num"], .safe("\(Format.number(b.low, digits: 2)) → \(Format.number(b.high, digits: 2))")),
        .el("td", ["class": "num"], .safe("\(Format.fixed(ends[0])) → \(Format.fixed(ends[1]))")),
        .el(
          "td", [:],
          .safe(
            b.crossesThreshold
              ? "\(DomainPageText.quadrant(b.quadrants[0])) → \(DomainPageText.quadrant(b.quadrants[1]))"
              : tr("{quadrant} at both ends", ["quadrant": .text(DomainPageText.quadrant(b.quadrants[0]))]))))
    }
    return .el(
      "div", ["class": "uncertainty-block", "id": "tornado-section"],
      .el("h3", [:], .safe(tr("What moves it"))),
      .el("p", ["id": "tornado-summary"], .safe(summary)),
      // An all-flat tornado says nothing the sentence above does not.
      moving.isEmpty
        ? .none : svg.map { .el("figure", ["class": "map tornado-figure", "id": "tornado"], .raw($0)) } ?? .none,
      moving.isEmpty
        ? .none
        : .el(
          "details", ["class": "tornado-table"],
          .el("summary", [:], .safe(tr("The tornado as a table"))),
          ViewParts.scroll(
            tr("Tornado table"),
            .el(
              "table", ["class": "data", "id": "tornado-table"],
              .el(
                "caption", [:],
                .safe(tr("Each criterion swept from its 5th to its 95th percentile, the others at their medians"))),
              .el(
                "thead", [:],
                .el(
                  "tr", [:],
                  .el("th", ["scope": "col"], .safe(tr("Criterion"))),
                  .el("th", ["scope": "col"], .safe(tr("Axis"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Score 5th → 95th"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Axis value"))),
                  .el("th", ["scope": "col"], .safe(tr("Quadrant"))))),
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
      .el("h4", [:], .safe(tr("Importance"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "Rank correlation between each criterion's simulated scores and the domain's gains and risk: near ±1, the criterion drives that axis; near 0, it hardly matters. Criteria judged with certainty are left out."
          ))),
      ViewParts.scroll(
        tr("Importance table"),
        .el(
          "table", ["class": "data", "id": "importance"],
          .el("caption", [:], .safe(tr("Spearman rank correlation with joint gains and political risk"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Criterion"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Joint gains"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Political risk"))))),
          .el(
            "tbody", [:],
            entries.map { e in
              .el(
                "tr", ["data-criterion": e.0.rawValue],
                .el("th", ["scope": "row"], .safe(DomainPageText.criterion(e.0))), cell(e.1),
                cell(e.2))
            }))))
  }

  // MARK: - Perspectives and influence

  static func perspectives(_ r: SensitivityReport) -> HTMLNode {
    let v = r.viability
    let rows: [HTMLNode] = v.perspectives.map { p in
      .el(
        "tr", ["data-perspective": p.perspective, "data-acceptable": p.acceptable ? "true" : "false"],
        .el("th", ["scope": "row"], .safe(p.perspective == "unstated" ? tr("not stated") : p.perspective)),
        .el("td", [:], .safe(p.assessors.joined(separator: ", "))),
        .group(Quadrant.allCases.map { q in .el("td", ["class": "num"], .safe(percent(p.probabilities[q] ?? 0))) }),
        .el("td", [:], ViewParts.badge(p.mostLikely)),
        .el("td", [:], .safe(p.acceptable ? tr("yes") : tr("no"))))
    }
    return .el(
      "div", ["class": "uncertainty-block", "id": "perspectives"],
      .el("h3", [:], .safe(tr("Seen from each side"))),
      .el(
        "p",
        [
          "id": "viability",
          "class": v.status == .viable ? "notice success" : (v.status == .notAcceptable ? "notice warning" : "notice"),
          "data-viable": v.viable ? "true" : "false", "data-status": v.status.rawValue,
        ],
        viabilityText(v)),
      ViewParts.scroll(
        tr("Placement per perspective"),
        .el(
          "table", ["class": "data", "id": "perspective-table"],
          .el("caption", [:], .safe(tr("Each perspective's assessors pooled separately"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              [
                .el("th", ["scope": "col"], .safe(tr("Perspective"))),
                .el("th", ["scope": "col"], .safe(tr("Assessors"))),
              ]
                + Quadrant.allCases.map { q in
                  .el("th", ["scope": "col", "class": "num"], .safe("P(\(DomainPageText.quadrantInText(q)))"))
                }
                + [
                  .el("th", ["scope": "col"], .safe(tr("Most likely"))),
                  .el("th", ["scope": "col"], .safe(tr("Acceptable"))),
                ])),
          .el("tbody", [:], rows))))
  }

  static func influence(_ r: SensitivityReport) -> HTMLNode {
    let q = r.placement.mostLikely
    return .el(
      "div", ["class": "uncertainty-block", "id": "influence"],
      .el("h3", [:], .safe(tr("Whose judgement matters"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "Each assessor left out in turn: how much the chance of {quadrant} (the group's most likely quadrant) changes without them. The largest change marks the disagreement most worth discussing.",
            ["quadrant": .text(DomainPageText.quadrantInText(q))])
        )),
      ViewParts.scroll(
        tr("Assessor influence"),
        .el(
          "table", ["class": "data", "id": "influence-table"],
          .el("caption", [:], .safe(tr("Leave-one-out influence of each assessor"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Assessor"))),
              .el("th", ["scope": "col"], .safe(tr("Perspective"))),
              .el(
                "th", ["scope": "col", "class": "num"],
                .safe(tr("Change in P({quadrant})", ["quadrant": .text(DomainPageText.quadrantInText(q))]))),
              .el("th", ["scope": "col"], .safe(tr("Most likely without them"))))),
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
        .el("strong", [:], .safe(tr("Viable from both sides. "))),
        .safe(
          tr(
            "Assessors from both countries find cooperation acceptable: P(high gains) at least 50% and P(monitor) under 50%."
          )),
      ])
    case .notAcceptable:
      return .group([
        .el("strong", [:], .safe(tr("Not viable as judged. "))),
        .safe(
          tr(
            "Cooperation needs support on both sides: {reasons}.", ["reasons": .text(v.displayReasonList)]
          )),
      ])
    case .incomplete:
      let sides =
        v.missing.count == 2
        ? tr("{first} and {second}", ["first": .text(v.missing[0]), "second": .text(v.missing[1])])
        : v.missing.joined(separator: " and ")
      var text = tr(
        "{reasons}. Viability is judged from both countries' side, so it is not known until an assessor states the {sides} perspective.",
        ["reasons": .text(AssessPage.sentence(v.displayReasonList)), "sides": .text(sides)])
      if !acceptable.isEmpty {
        text += tr(
          " So far the {sides} side finds cooperation acceptable.",
          ["sides": .text(Localization.language.list(acceptable))])
      }
      return .group([.el("strong", [:], .safe(tr("Viability not known yet. "))), .safe(text)])
    }
  }
}
