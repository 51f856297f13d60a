import Foundation
import Plot
import SafeZonesCore

enum DataPage {
  static func page(_ m: DataPageModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Import & export"))),
        .el(
          "p", ["class": "lede"],
          .safe(holdings(m))))
    ]
    switch m.outcome {
    case .none: break
    case .imported(let file, let s): body.append(summary(file, s))
    case .refused(let file, let issues): body.append(refusal(file, issues))
    }
    body.append(
      m.canImport ? importForm(m) : ViewParts.needsRole(.facilitator, to: tr("importing a file"), id: "import-needs"))
    body.append(exports())
    return Page(title: tr("Import & export"), section: .data, body: body)
  }

  static func summary(_ file: String, _ s: ImportSummary) -> HTMLNode {
    func list(_ ids: [String]) -> HTMLNode {
      ids.isEmpty
        ? .safe(tr("none"))
        : .el("ul", ["class": "inline-list"], ids.map { .el("li", [:], .link(SiteURL.domain($0), $0)) })
    }
    return .el(
      "div", ["id": "import-summary", "class": "notice success", "role": "status"],
      .el("h2", [:], .safe(tr("Imported {file}", ["file": .text(file)]))),
      .el(
        "dl", ["class": "facts"],
        .el("dt", [:], .safe(tr("New domains ({count})", ["count": .text(String(s.created.count))]))),
        .el("dd", ["id": "import-created"], list(s.created)),
        .el("dt", [:], .safe(tr("Domains with new assessments ({count})", ["count": .text(String(s.updated.count))]))),
        .el("dd", ["id": "import-updated"], list(s.updated)),
        .el("dt", [:], .safe(tr("Assessments added"))),
        .el("dd", ["id": "import-added"], .safe(String(s.assessmentsAdded))),
        .el("dt", [:], .safe(tr("Already stored, skipped"))),
        .el("dd", ["id": "import-unchanged"], .safe(String(s.assessmentsUnchanged)))
      ),
      .el("p", [:], .link(SiteURL.map, tr("See them on the map"))))
  }

  static func refusal(_ file: String?, _ issues: [InputIssue]) -> HTMLNode {
    .el(
      "div",
      [
        "id": "import-errors", "class": "error-summary", "role": "alert", "tabindex": "-1",
        "aria-labelledby": "import-errors-title",
      ],
      .el(
        "h2", ["id": "import-errors-title"],
        .safe(file.map { tr("{file} was not imported", ["file": .text($0)]) } ?? tr("Nothing was imported"))),
      .el(
        "p", [:],
        .safe(
          issues.count == 1
            ? tr(
              "An import is all or nothing: nothing from this file was stored. Fix this problem and upload the file again."
            )
            : tr(
              "An import is all or nothing: nothing from this file was stored. Fix these {count} problems and upload the file again.",
              ["count": .text(String(issues.count))]))),
      ViewParts.scroll(
        tr("Problems in the file"),
        .el(
          "table", ["class": "data", "id": "import-issues"],
          .el("caption", [:], .safe(tr("Problems, in file order"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Line"))),
              .el("th", ["scope": "col"], .safe(tr("Record"))),
              .el("th", ["scope": "col"], .safe(tr("Problem")))
            )),
          .el(
            "tbody", [:],
            issues.map { i in
              .el(
                "tr", ["data-line": i.line.map(String.init), "data-key": i.key],
                .el(
                  "td", ["class": "num"], .safe(i.line.map { String($0) + (i.column.map { ":\($0)" } ?? "") } ?? "—")),
                .el("td", [:], i.key.map { .el("code", [:], .safe($0)) } ?? .safe("—")),
                .el("td", [:], .safe(i.message))
              )
            })
        )))
  }

  static func importForm(_ m: DataPageModel) -> HTMLNode {
    .el(
      "section", ["id": "import", "aria-labelledby": "import-title"],
      .el("h2", ["id": "import-title"], .safe(tr("Import domains"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "Upload a YAML or JSON file in the SafeZones input format (the format of the shipped knowledge base and of the JSON export). New domains are created; assessments of existing domains are added to their history, and ones already stored are skipped. If any record has a problem, nothing is stored and every problem is listed with its line."
          ))),
      .el(
        "form", ["id": "import-form", "method": "post", "action": SiteURL.data, "enctype": "multipart/form-data"],
        ViewParts.csrfField(m.csrf),
        .el(
          "div", ["class": "field"],
          .el("label", ["for": "file"], .safe(tr("Domain file"))),
          .el(
            "p", ["class": "hint", "id": "hint-file"],
            .safe(
              tr(
                "YAML (.yaml, .yml) or JSON (.json), at most {size} MiB.",
                ["size": .text(String(m.maxBytes / (1024 * 1024)))]))),
          .void(
            "input",
            [
              "type": "file", "id": "file", "name": "file",
              "accept": ".yaml,.yml,.json,application/json,application/yaml,text/yaml", "aria-describedby": "hint-file",
              "required": "",
            ])
        ),
        .el(
          "div", ["class": "form-actions"],
          .el("button", ["type": "submit", "id": "import-submit", "class": "button primary"], .safe(tr("Import"))))
      ),
      .el(
        "details", ["class": "format-help"],
        .el("summary", [:], .safe(tr("What a domain file looks like"))),
        .el(
          "pre", [:],
          .el(
            "code", [:],
            .safe(
              """
              domains:
                - id: tidal-stream-energy
                  name: Tidal stream energy
                  tags: [energy]
                  assessment:
                    assessor: J. Analyst
                    date: 2026-11-01
                    scores:
                      fundamentality: 3
                      maturity: {value: 1, rationale: "Still experimental", evidence: "https://example.org/report"}
                      military: [0, 1, 2]      # a range: low, likely, high
              """
            ))))
    )
  }

  static func exports() -> HTMLNode {
    .el(
      "section", ["id": "exports", "aria-labelledby": "exports-title"],
      .el("h2", ["id": "exports-title"], .safe(tr("Export"))),
      .el(
        "ul", ["class": "downloads-list"],
        .el(
          "li", [:],
          .link(
            SiteURL.exportJSON(), tr("All domains with their full history (JSON)"),
            ["id": "export-json", "download": ""]),
          .safe(tr(" — in the input format, so it can be imported again unchanged."))),
        .el(
          "li", [:],
          .link(SiteURL.exportCSV(), tr("Current placements (CSV)"), ["id": "export-csv", "download": ""]),
          .safe(tr(" — one row per domain with gains, risk, quadrant and every criterion score."))),
        .el(
          "li", [:],
          .link(SiteURL.historyCSV, tr("Every assessment (CSV)"), ["id": "export-history", "download": ""]),
          .safe(tr(" — one row per assessment, for spreadsheets."))),
        .el(
          "li", [:], .link(SiteURL.mapSVG(), tr("The map (SVG)"), ["id": "export-svg", "download": ""]),
          .safe(tr(" — for reports and slides."))),
        .el(
          "li", [:], .link(SiteURL.rubricFile, tr("The rubric (YAML)"), ["id": "export-rubric", "download": ""]),
          .safe(tr(" — the file in force, unchanged.")))
      ))
  }

  /// What the store holds: `The store holds 12 domains with 30 assessments, placed under rubric 2026.1.`
  static func holdings(_ m: DataPageModel) -> String {
    let args: [String: LocalizationArgument] = [
      "domains": .text(String(m.domainCount)), "assessments": .text(String(m.assessmentCount)),
      "version": .text(m.rubricVersion),
    ]
    switch (m.domainCount == 1, m.assessmentCount == 1) {
    case (true, true):
      return tr(
        "The store holds {domains} domain with {assessments} assessment, placed under rubric {version}.", args)
    case (true, false):
      return tr(
        "The store holds {domains} domain with {assessments} assessments, placed under rubric {version}.", args)
    case (false, true):
      return tr(
        "The store holds {domains} domains with {assessments} assessment, placed under rubric {version}.", args)
    case (false, false):
      return tr(
        "The store holds {domains} domains with {assessments} assessments, placed under rubric {version}.", args)
    }
  }
}
