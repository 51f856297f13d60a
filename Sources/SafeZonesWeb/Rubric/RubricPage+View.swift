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
        .el("h1", [:], .safe(tr("Rubric {version}", ["version": .text(r.version)]))),
        .el("p", ["class": "lede"], DomainText.untranslated(r.title)),
        .el(
          "p", [:],
          .safe(
            tr(
              "The rubric is data, not code: it says what each criterion asks, what its levels mean and how much it weighs. An organisation can adapt it; criterion ids and axes stay fixed so that assessments remain comparable. "
            )
          ),
          .link(SiteURL.rubricFile, tr("Download the rubric file (YAML)"), ["id": "download-rubric", "download": ""])
        )
      ),
      .el(
        "section", ["id": "settings", "aria-labelledby": "settings-title"],
        .el("h2", ["id": "settings-title"], .safe(tr("Settings"))),
        .el(
          "dl", ["class": "facts settings"],
          .el("dt", [:], .safe(tr("Countries"))),
          .el(
            "dd", ["id": "countries"],
            .safe(tr("{first} and {second}", ["first": .text(r.countries.first), "second": .text(r.countries.second)]))),
          .el("dt", [:], .safe(tr("Gains threshold"))),
          .el(
            "dd", ["id": "threshold-gains"],
            .safe(tr("{value} — joint gains at or above it are high", ["value": .text(Format.number(t.gains))]))),
          .el("dt", [:], .safe(tr("Risk threshold"))),
          .el(
            "dd", ["id": "threshold-risk"],
            .safe(tr("{value} — political risk at or above it is high", ["value": .text(Format.number(t.risk))]))),
          .el("dt", [:], .safe(tr("Borderline margin"))),
          .el(
            "dd", ["id": "threshold-margin"],
            .safe(
              tr(
                "{value} — a placement this close to a threshold is flagged borderline",
                ["value": .text(Format.number(t.margin))]))),
          .el("dt", [:], .safe(tr("Peak share (λ)"))),
          .el(
            "dd", ["id": "peak-share"],
            .safe(
              tr(
                "{value} — the share of risk carried by the single most severe factor, so that one severe factor is not averaged away",
                ["value": .text(Format.number(a.peakShare))]))),
          .el("dt", [:], .safe(tr("Mitigation strength (μ)"))),
          .el(
            "dd", ["id": "mitigation-strength"],
            .safe(
              tr(
                "{value} — the largest fraction of risk that full mitigation can remove",
                ["value": .text(Format.number(a.mitigationStrength))])))
        ),
        .el(
          "p", ["class": "formula"],
          .safe(
            tr(
              "Joint gains = weighted mean of the gains scores ÷ 4 (maturity inverted). Political risk = ((1 − λ) × weighted mean + λ × most severe) × (1 − μ × mitigation), never below the floor of military applicability or security exposure."
            )))
      ),
    ]
    for axis in Axis.allCases {
      let criteria = r.criteria(on: axis)
      guard !criteria.isEmpty else { continue }
      let title: String
      switch axis {
      case .gains: title = tr("Joint gains criteria")
      case .risk: title = tr("Political risk criteria")
      case .mitigation: title = tr("Mitigation criteria (lower the risk)")
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
          .el("h2", ["id": "versions-title"], .safe(tr("Stored versions"))),
          .el(
            "ul", [:],
            m.stored.reversed().map { s in
              .el(
                "li", [:],
                .safe(
                  s.rubric.version == r.version
                    ? tr("{version} (in force)", ["version": .text(s.rubric.version)]) : s.rubric.version),
                .safe(s.storedAt.map { tr(", stored {time}", ["time": .text(ViewParts.time($0))]) } ?? ""))
            })))
    }
    return Page(title: tr("Rubric {version}", ["version": .text(r.version)]), section: .rubric, body: body)
  }

  static func criterion(_ c: Criterion) -> HTMLNode {
    var notes: [String] = [
      tr("axis: {axis}", ["axis": .text(c.axis.rawValue)]),
      tr("weight {weight}", ["weight": .text(Format.number(c.weight))]),
    ]
    if c.id.isInverse { notes.append(tr("counts inversely: a higher score lowers the gains")) }
    if c.mitigationFloor > 0 {
      notes.append(
        tr(
          "mitigation floor {floor}: mitigation cannot bring risk below {floor} × score ÷ 4",
          ["floor": .text(Format.number(c.mitigationFloor))]))
    }
    if c.weight == 0 { notes.append(tr("ignored (weight 0)")) }
    return .el(
      "article",
      [
        "class": "criterion-card", "id": "criterion-\(c.id.rawValue)", "data-criterion": c.id.rawValue,
        "data-axis": c.axis.rawValue,
      ],
      .el(
        "h3", [:], .safe(LanguageInView.text("criterion.\(c.id.rawValue).title", c.id.title)),
        .el("span", ["class": "criterion-id"], .safe(c.id.rawValue))),
      .el("p", ["class": "criterion-meta"], .safe(notes.joined(separator: " · "))),
      .el("p", ["class": "question"], DomainText.shipped("criterion.\(c.id.rawValue).question", c.question)),
      .el(
        "ol", ["class": "levels", "start": "0", "aria-label": tr("Levels")],
        c.levels.enumerated().map { level, text in
          .el(
            "li", ["data-level": String(level), "value": String(level)],
            .el("span", ["class": "level-number"], .safe("\(level)")),
            DomainText.shipped("criterion.\(c.id.rawValue).level.\(level)", text))
        })
    )
  }
}
