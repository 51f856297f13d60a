import Foundation
import Plot
import SafeZonesCore

enum RubricPage {
  static func page(_ m: RubricPageModel) -> Page {
    let r = m.rubric
    let t = r.thresholds
    let a = r.aggregation
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Rubric \(r.version)")),
        .el("p", ["class": "lede"], .safe(r.title)),
        .el(
          "p", [:],
          .safe(
            "The rubric is data, not code: it says what each criterion asks, what its levels mean and how much it weighs. An organisation can adapt it; criterion ids and axes stay fixed so that assessments remain comparable. "
          ),
          .link(SiteURL.rubricFile, "Download the rubric file (YAML)", ["id": "download-rubric", "download": ""])
        )
      ),
      .el(
        "section", ["id": "settings", "aria-labelledby": "settings-title"],
        .el("h2", ["id": "settings-title"], .safe("Settings")),
        .el(
          "dl", ["class": "facts settings"],
          .el("dt", [:], .safe("Countries")),
          .el("dd", ["id": "countries"], .safe("\(r.countries.first) and \(r.countries.second)")),
          .el("dt", [:], .safe("Gains threshold")),
          .el(
            "dd", ["id": "threshold-gains"], .safe("\(Format.number(t.gains)) — joint gains at or above it are high")),
          .el("dt", [:], .safe("Risk threshold")),
          .el(
            "dd", ["id": "threshold-risk"], .safe("\(Format.number(t.risk)) — political risk at or above it is high")),
          .el("dt", [:], .safe("Borderline margin")),
          .el(
            "dd", ["id": "threshold-margin"],
            .safe("\(Format.number(t.margin)) — a placement this close to a threshold is flagged borderline")),
          .el("dt", [:], .safe("Peak share (λ)")),
          .el(
            "dd", ["id": "peak-share"],
            .safe(
              "\(Format.number(a.peakShare)) — the share of risk carried by the single most severe factor, so that one severe factor is not averaged away"
            )),
          .el("dt", [:], .safe("Mitigation strength (μ)")),
          .el(
            "dd", ["id": "mitigation-strength"],
            .safe(
              "\(Format.number(a.mitigationStrength)) — the largest fraction of risk that full mitigation can remove"))
        ),
        .el(
          "p", ["class": "formula"],
          .safe(
            "Joint gains = weighted mean of the gains scores ÷ 4 (maturity inverted). Political risk = ((1 − λ) × weighted mean + λ × most severe) × (1 − μ × mitigation), never below the floor of military applicability or security exposure."
          ))
      ),
    ]
    for axis in Axis.allCases {
      let criteria = r.criteria(on: axis)
      guard !criteria.isEmpty else { continue }
      let title: String
      switch axis {
      case .gains: title = "Joint gains criteria"
      case .risk: title = "Political risk criteria"
      case .mitigation: title = "Mitigation criteria (lower the risk)"
      }
      body.append(
        .el(
          "section",
          ["id": "axis-\(axis.rawValue)", "class": "rubric-axis", "aria-labelledby": "axis-\(axis.rawValue)-title"],
          [.el("h2", ["id": "axis-\(axis.rawValue)-title"], .safe(title))] + criteria.map(criterion)))
    }
    if m.stored.count > 1 {
      body.append(
        .el(
          "section", ["id": "versions", "aria-labelledby": "versions-title"],
          .el("h2", ["id": "versions-title"], .safe("Stored versions")),
          .el(
            "ul", [:],
            m.stored.reversed().map { s in
              .el(
                "li", [:],
                .safe(s.rubric.version + (s.rubric.version == r.version ? " (in force)" : "")),
                .safe(s.storedAt.map { ", stored \(ViewParts.time($0))" } ?? ""))
            })))
    }
    return Page(title: "Rubric \(r.version)", section: .rubric, body: body)
  }

  static func criterion(_ c: Criterion) -> HTMLNode {
    var notes: [String] = ["axis: \(c.axis.rawValue)", "weight \(Format.number(c.weight))"]
    if c.id.isInverse { notes.append("counts inversely: a higher score lowers the gains") }
    if c.mitigationFloor > 0 {
      notes.append(
        "mitigation floor \(Format.number(c.mitigationFloor)): mitigation cannot bring risk below \(Format.number(c.mitigationFloor)) × score ÷ 4"
      )
    }
    if c.weight == 0 { notes.append("ignored (weight 0)") }
    return .el(
      "article",
      [
        "class": "criterion-card", "id": "criterion-\(c.id.rawValue)", "data-criterion": c.id.rawValue,
        "data-axis": c.axis.rawValue,
      ],
      .el("h3", [:], .safe(c.id.title), .el("span", ["class": "criterion-id"], .safe(c.id.rawValue))),
      .el("p", ["class": "criterion-meta"], .safe(notes.joined(separator: " · "))),
      .el("p", ["class": "question"], .safe(c.question)),
      .el(
        "ol", ["class": "levels", "start": "0", "aria-label": "Levels"],
        c.levels.enumerated().map { level, text in
          .el(
            "li", ["data-level": String(level), "value": String(level)],
            .el("span", ["class": "level-number"], .safe("\(level)")), .safe(text))
        })
    )
  }
}
