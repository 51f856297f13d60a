import Foundation
import Plot
import SafeZonesCore

enum RoundsListPage {
  static func page(_ m: RoundsListModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Deliberation: Delphi rounds"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "A facilitator opens a round for a set of domains; each assessor judges them privately. When the round closes, every assessor sees the anonymous group distribution beside their own judgement and may revise it in the next round. Every round's judgements are kept, and the spread between rounds shows whether the panel converges."
            ))))
    ]
    if m.entries.isEmpty {
      body.append(.el("p", ["id": "no-rounds"], .safe(tr("No round has been opened yet."))))
    }
    for study in m.studies {
      let rounds = m.entries.filter { $0.round.study == study }
      body.append(
        .el(
          "section", ["class": "study", "data-study": study],
          .el("h2", [:], DomainText.asTyped(study)),
          ViewParts.scroll(
            tr("Rounds of {study}", ["study": .text(study)]),
            .el(
              "table", ["class": "data rounds"],
              .el(
                "thead", [:],
                .el(
                  "tr", [:],
                  .el("th", ["scope": "col"], .safe(tr("Round"))),
                  .el("th", ["scope": "col"], .safe(tr("Title"))),
                  .el("th", ["scope": "col"], .safe(tr("Status"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Domains"))),
                  .el("th", ["scope": "col", "class": "num"], .safe(tr("Assessors"))),
                  .el("th", ["scope": "col"], .safe(tr("Opened"))),
                  .el("th", ["scope": "col"], .safe(tr("Closed")))
                )),
              .el(
                "tbody", [:],
                rounds.map { e in
                  .el(
                    "tr", ["data-round": String(e.round.id)],
                    .el(
                      "th", ["scope": "row"],
                      .link(
                        RoundsURL.round(e.round.id), tr("Round {number}", ["number": .text(String(e.round.number))]))),
                    .el("td", [:], DomainText.asTyped(e.round.title)),
                    .el("td", [:], RoundsParts.status(e.round)),
                    .el("td", ["class": "num"], .safe(String(e.round.domainIDs.count))),
                    .el("td", ["class": "num"], .safe(String(e.assessors))),
                    .el("td", [:], .safe(ViewParts.time(e.round.openedAt))),
                    .el("td", [:], .safe(e.round.closedAt.map(ViewParts.time) ?? "—"))
                  )
                })
            ))
        ))
    }
    if !m.issues.isEmpty { body.append(errorSummary(m)) }
    body.append(
      m.canOpen ? form(m) : ViewParts.needsRole(.facilitator, to: tr("opening a round"), id: "open-round-needs"))
    return Page(
      title: m.issues.isEmpty ? tr("Delphi rounds") : tr("Error: {title}", ["title": .text(tr("Delphi rounds"))]),
      section: .rounds, body: body)
  }

  static func label(_ key: String?) -> String {
    switch key {
    case "title": return tr("Title")
    case "facilitator": return tr("Facilitator")
    case "domains": return tr("Domains")
    default: return tr("Study")
    }
  }

  static func errorSummary(_ m: RoundsListModel) -> HTMLNode {
    ViewParts.errorSummary(
      items: m.issues.map { issue in
        [
          .link(
            "#\(issue.key ?? "study")",
            tr("{field}: {message}", ["field": .text(label(issue.key)), "message": .text(issue.message)]))
        ]
      },
      outcome: tr("No round was opened. Your input is kept below."))
  }

  static func form(_ m: RoundsListModel) -> HTMLNode {
    let errors = m.errors
    let domainErrors = errors["domains"] ?? []
    let chosen = Set(m.form.domains)
    return .el(
      "form",
      [
        "id": "open-round", "class": "assessment-form", "method": "post", "action": RoundsURL.list, "novalidate": "",
        "accept-charset": "UTF-8",
      ],
      ViewParts.csrfField(m.csrf),
      .el(
        "fieldset", ["class": "group"],
        .el("legend", [:], .safe(tr("Open a round"))),
        .el(
          "p", ["class": "hint"],
          .safe(
            tr(
              "A round of an existing study follows that study's latest round, which must be closed first, so that assessors can see its feedback."
            ))),
        .el(
          "div", ["class": "field-row"],
          AssessPage.field(
            "study", tr("Study"), hint: tr("Groups the successive rounds of one deliberation."), errors: errors,
            required: true,
            input: ["type": "text", "value": m.form.study, "maxlength": "200", "list": "studies"]),
          AssessPage.field(
            "title", tr("Title"), hint: tr("E.g. “Initial judgements”."), errors: errors, required: true,
            input: ["type": "text", "value": m.form.title, "maxlength": "200"])
        ),
        .el("datalist", ["id": "studies"], m.studies.map { .el("option", ["value": $0]) }),
        .el(
          "fieldset",
          [
            "id": "domains", "class": domainErrors.isEmpty ? "group" : "group has-error", "tabindex": "-1",
            "aria-describedby": domainErrors.isEmpty ? nil : "error-domains",
          ],
          .el("legend", [:], .safe(tr("Domains the panel judges"))),
          AssessPage.errorNode("domains", domainErrors),
          .el(
            "div", ["class": "checks"],
            m.domains.map { d in
              .el(
                "label", ["class": "check"],
                .void(
                  "input",
                  ["type": "checkbox", "name": "domain", "value": d.id, "checked": Attrs.flag(chosen.contains(d.id))]),
                RoundsParts.domain(d.id, d.name))
            })
        )
      ),
      .el(
        "div", ["class": "form-actions"],
        .el(
          "button", ["type": "submit", "id": "open-round-button", "class": "button primary"],
          .safe(tr("Open the round"))))
    )
  }
}
