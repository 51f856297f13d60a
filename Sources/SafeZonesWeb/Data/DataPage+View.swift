import Foundation
import Plot
import SafeZonesCore

enum DataPage {
  static func page(_ m: DataPageModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Import & export")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "The store holds \(m.domainCount) domain\(m.domainCount == 1 ? "" : "s") with \(m.assessmentCount) assessment\(m.assessmentCount == 1 ? "" : "s"), placed under rubric \(m.rubricVersion)."
          )))
    ]
    switch m.outcome {
    case .none: break
    case .imported(let file, let s): body.append(summary(file, s))
    case .refused(let file, let issues): body.append(refusal(file, issues))
    }
    body.append(
      m.canImport ? importForm(m) : ViewParts.needsRole(.facilitator, to: "importing a file", id: "import-needs"))
    body.append(exports())
    return Page(title: "Import & export", section: .data, body: body)
  }

  static func summary(_ file: String, _ s: ImportSummary) -> HTMLNode {
    func list(_ ids: [String]) -> HTMLNode {
      ids.isEmpty
        ? .safe("none") : .el("ul", ["class": "inline-list"], ids.map { .el("li", [:], .link(SiteURL.domain($0), $0)) })
    }
    return .el(
      "div", ["id": "import-summary", "class": "notice success", "role": "status"],
      .el("h2", [:], .safe("Imported \(file)")),
      .el(
        "dl", ["class": "facts"],
        .el("dt", [:], .safe("New domains (\(s.created.count))")), .el("dd", ["id": "import-created"], list(s.created)),
        .el("dt", [:], .safe("Domains with new assessments (\(s.updated.count))")),
        .el("dd", ["id": "import-updated"], list(s.updated)),
        .el("dt", [:], .safe("Assessments added")),
        .el("dd", ["id": "import-added"], .safe(String(s.assessmentsAdded))),
        .el("dt", [:], .safe("Already stored, skipped")),
        .el("dd", ["id": "import-unchanged"], .safe(String(s.assessmentsUnchanged)))
      ),
      .el("p", [:], .link(SiteURL.map, "See them on the map")))
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
        .safe(file.map { "\($0) was not imported" } ?? "Nothing was imported")),
      .el(
        "p", [:],
        .safe(
          "An import is all or nothing: nothing from this file was stored. Fix \(issues.count == 1 ? "this problem" : "these \(issues.count) problems") and upload the file again."
        )),
      ViewParts.scroll(
        "Problems in the file",
        .el(
          "table", ["class": "data", "id": "import-issues"],
          .el("caption", [:], .safe("Problems, in file order")),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col", "class": "num"], .safe("Line")),
              .el("th", ["scope": "col"], .safe("Record")),
              .el("th", ["scope": "col"], .safe("Problem"))
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
      .el("h2", ["id": "import-title"], .safe("Import domains")),
      .el(
        "p", [:],
        .safe(
          "Upload a YAML or JSON file in the SafeZones input format (the format of the shipped knowledge base and of the JSON export). New domains are created; assessments of existing domains are added to their history, and ones already stored are skipped. If any record has a problem, nothing is stored and every problem is listed with its line."
        )),
      .el(
        "form", ["id": "import-form", "method": "post", "action": SiteURL.data, "enctype": "multipart/form-data"],
        ViewParts.csrfField(m.csrf),
        .el(
          "div", ["class": "field"],
          .el("label", ["for": "file"], .safe("Domain file")),
          .el(
            "p", ["class": "hint", "id": "hint-file"],
            .safe("YAML (.yaml, .yml) or JSON (.json), at most \(m.maxBytes / (1024 * 1024)) MiB.")),
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
          .el("button", ["type": "submit", "id": "import-submit", "class": "button primary"], .safe("Import")))
      ),
      .el(
        "details", ["class": "format-help"],
        .el("summary", [:], .safe("What a domain file looks like")),
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
      .el("h2", ["id": "exports-title"], .safe("Export")),
      .el(
        "ul", ["class": "downloads-list"],
        .el(
          "li", [:],
          .link(
            SiteURL.exportJSON(), "All domains with their full history (JSON)", ["id": "export-json", "download": ""]),
          .safe(" — in the input format, so it can be imported again unchanged.")),
        .el(
          "li", [:],
          .link(SiteURL.exportCSV(), "Current placements (CSV)", ["id": "export-csv", "download": ""]),
          .safe(" — one row per domain with gains, risk, quadrant and every criterion score.")),
        .el(
          "li", [:],
          .link(SiteURL.historyCSV, "Every assessment (CSV)", ["id": "export-history", "download": ""]),
          .safe(" — one row per assessment, for spreadsheets.")),
        .el(
          "li", [:], .link(SiteURL.mapSVG(), "The map (SVG)", ["id": "export-svg", "download": ""]),
          .safe(" — for reports and slides.")),
        .el(
          "li", [:], .link(SiteURL.rubricFile, "The rubric (YAML)", ["id": "export-rubric", "download": ""]),
          .safe(" — the file in force, unchanged."))
      ))
  }
}
