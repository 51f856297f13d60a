import Foundation
import Plot
import SafeZonesCore

/// What the screening pages show, as plain values.
struct ScreenPageModel {
  /// The proposal text as pasted or uploaded (kept on every answer).
  var text: String = ""
  var issues: [InputIssue] = []
  var csrf: String
  var maxKiB: Int
  /// The screenings of the text's proposals (empty on the blank form or after a refusal).
  var results: [Result] = []
  var thresholds: Thresholds
  var canSave: Bool
  var reviewer: String
  /// The number of decisions needing re-review, for the link beside the form.
  var due: Int = 0
  /// The partner lists in force (names), which the partners were checked against.
  var partnerLists: [String] = []

  struct Result {
    var proposal: Proposal
    var screening: ProposalScreening
    /// Problems with the decision form for this proposal (after a refused save).
    var decisionIssues: [InputIssue] = []
    var decision: String = ""
    var conditions: String = ""
    var rationale: String = ""
    /// Earlier decisions on this proposal id, newest first.
    var earlier: [DecisionRecord] = []
  }

  var errors: [String: [String]] {
    var out: [String: [String]] = [:]
    for issue in issues { out[issue.key ?? "proposal", default: []].append(issue.message) }
    return out
  }
}

enum ScreenPage {
  static let example = """
    proposal:
      id: p-2027-014
      title: Machine-learned discovery of solid-state electrolytes
      abstract: >-
        We will use machine learning to search for solid-state electrolytes for lithium
        batteries, combining first-principles calculations with published experimental data.
      aims:
        - id: a1
          text: >-
            Screen candidate solid electrolytes with density functional theory and a machine
            learning model trained on published crystal structures; publish every result openly.
        - id: a2
          text: >-
            Train artificial intelligence models on the partner's proprietary lithium battery cell
            production data and deploy them to control electric vehicle battery manufacturing lines.
      partners:
        - {name: "Example Institute of Battery Materials", country: CN}
      funding: "National science foundation grant, open publication required"
    """

  static func page(_ m: ScreenPageModel) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Screen a proposal"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "From a proposal's text to the domains each aim touches, the aim that is sensitive, the strategy and a dated decision. Matching runs here, offline, and shows the words that matched; nothing is sent anywhere."
            )))),
      .el(
        "p", ["class": "screen-links"], .link(ScreenURL.records, tr("Decision records")),
        m.due > 0
          ? .group([
            .safe(" · "),
            .link(
              ScreenURL.due,
              m.due == 1 ? tr("1 needs re-review") : tr("{count} need re-review", ["count": .text(String(m.due))]),
              ["id": "due-link"]),
          ])
          : .none),
    ]
    if !m.issues.isEmpty {
      body.append(
        ViewParts.errorSummary(
          items: m.issues.map { [.link("#proposal", $0.description)] },
          outcome: tr("Nothing was screened. Your text is kept below.")))
    }
    for (i, r) in m.results.enumerated() { body.append(result(m, r, index: i)) }
    body.append(form(m))
    return Page(title: tr("Screen a proposal"), section: .screen, body: body)
  }

  static func form(_ m: ScreenPageModel) -> HTMLNode {
    .el(
      "form",
      [
        "id": "screen-form", "class": "assessment-form", "method": "post", "action": ScreenURL.form,
        "enctype": "multipart/form-data", "novalidate": "", "accept-charset": "UTF-8",
      ],
      ViewParts.csrfField(m.csrf),
      .el(
        "fieldset", ["class": "group"],
        .el("legend", [:], .safe(m.results.isEmpty ? tr("The proposal") : tr("Edit and screen again"))),
        AssessPage.field(
          "proposal", tr("Proposal (YAML or JSON)"),
          hint: tr(
            "One proposal under 'proposal:' or several under 'proposals:': id, title, abstract, aims (each with an id and text), partners, and optionally funding, data and equipment. At most {size} KiB.",
            ["size": .text(String(m.maxKiB))]),
          errors: m.errors, required: true, textarea: m.text, rows: 16),
        .el(
          "p", ["class": "hint"],
          .link(ScreenURL.example, tr("Start from the example proposal"), ["id": "use-example"]),
          .safe(tr(" (a materials aim and a battery-production aim)."))),
        SimulatePage.fileField("proposal_file", tr("…or a proposal file (it wins over the text)"))),
      .el(
        "div", ["class": "form-actions"],
        .el("button", ["type": "submit", "id": "screen-submit", "class": "button primary"], .safe(tr("Screen")))))
  }

  static func result(_ m: ScreenPageModel, _ r: ScreenPageModel.Result, index: Int) -> HTMLNode {
    let p = "p\(index)-"
    let s = r.screening
    var parts: [HTMLNode] = [
      .el("h2", [:], DomainText.asTyped(s.title), .el("span", ["class": "muted"], .safe(" · \(s.id)")))
    ]
    parts += ScreeningView.findings(
      s, proposal: r.proposal, thresholds: m.thresholds, idPrefix: p, lists: m.partnerLists)
    if !r.earlier.isEmpty {
      parts.append(
        .el(
          "p", ["class": "notice", "id": "\(p)earlier"],
          .safe(
            r.earlier.count == 1
              ? tr("This proposal id already has 1 decision; the latest: ")
              : tr(
                "This proposal id already has {count} decisions; the latest: ",
                ["count": .text(String(r.earlier.count))])),
          .link(
            ScreenURL.record(s.id, r.earlier[0].version),
            tr(
              "version {version}, {decision} on {date}",
              [
                "version": .text(String(r.earlier[0].version)),
                "decision": .text(r.earlier[0].draft.decision.label.lowercased()),
                "date": .text(r.earlier[0].draft.date.description),
              ])),
          .safe(tr(". Saving adds a new version; the earlier ones are kept."))))
    }
    parts.append(m.canSave ? decisionForm(m, r, prefix: p) : .none)
    return .el("section", ["class": "screening", "id": "\(p)screening", "data-proposal": s.id], parts)
  }

  static func decisionForm(_ m: ScreenPageModel, _ r: ScreenPageModel.Result, prefix p: String) -> HTMLNode {
    var errors: [String: [String]] = [:]
    for issue in r.decisionIssues { errors["\(p)\(issue.key ?? "decision")", default: []].append(issue.message) }
    let chosen = r.decision
    return .el(
      "form",
      [
        "id": "\(p)decide", "class": "assessment-form decision-form", "method": "post", "action": ScreenURL.records,
        "accept-charset": "UTF-8", "novalidate": "",
      ],
      ViewParts.csrfField(m.csrf),
      .void("input", ["type": "hidden", "name": "proposal", "value": m.text]),
      .void("input", ["type": "hidden", "name": "proposal_id", "value": r.proposal.id]),
      .void("input", ["type": "hidden", "name": "prefix", "value": p]),
      r.decisionIssues.isEmpty
        ? .none
        : ViewParts.errorSummary(
          items: r.decisionIssues.map { [.link("#\(p)\($0.key ?? "decision")", $0.message)] },
          outcome: tr("Nothing was saved. What you wrote is kept below.")),
      .el(
        "fieldset", ["class": "group", "id": "\(p)decision"],
        .el("legend", [:], .safe(tr("Record a decision"))),
        .el(
          "p", ["class": "hint"],
          DomainPageText.sentence(
            tr(
              "Saved as a dated record signed by {reviewer}, with the screening as computed now, the versions of the rubric, knowledge base and taxonomies, and its SHA-256. Records are never changed; a new decision is a new version.",
              ["reviewer": DomainPageText.slot("reviewer")]),
            ["reviewer": DomainText.asTyped(m.reviewer)])),
        AssessPage.errorNode("\(p)decision", errors["\(p)decision"] ?? []),
        .el(
          "div", ["class": "checks decision-choices"],
          ScreeningDecision.allCases.map { d in
            .el(
              "label", ["class": "check"],
              .void(
                "input",
                [
                  "type": "radio", "name": "decision", "value": d.rawValue, "id": "\(p)decision-\(d.rawValue)",
                  "checked": Attrs.flag(chosen == d.rawValue), "required": "",
                ]),
              .safe(d.label))
          }),
        AssessPage.field(
          "\(p)conditions", tr("Conditions"),
          hint: tr(
            "Required for 'proceed with conditions' and 'separate but coordinated': what must hold (which aim runs separately, what is shared, who checks)."
          ),
          errors: errors, textarea: r.conditions, rows: 3),
        AssessPage.field(
          "\(p)rationale", tr("Rationale"), hint: tr("Why, for someone reading the record in two years."),
          errors: errors,
          required: true, textarea: r.rationale, rows: 4)),
      .el(
        "div", ["class": "form-actions"],
        .el("button", ["type": "submit", "class": "button primary", "id": "\(p)save"], .safe(tr("Save the decision")))))
  }
}
