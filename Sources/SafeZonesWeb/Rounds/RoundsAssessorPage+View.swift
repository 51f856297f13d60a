import Foundation
import Plot
import SafeZonesCore

enum RoundsAssessorPage {
  static func page(_ m: RoundAssessorModel) -> Page {
    let r = m.round
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        (tr("Rounds"), RoundsURL.list), (RoundsParts.short(r), RoundsURL.round(r.id)), (m.assessor, nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], RoundsParts.headingNode(r)),
        .el(
          "p", ["class": "byline", "id": "judging-as"], RoundsParts.status(r),
          .safe(" "),
          RoundsParts.splice(
            tr("Judging as {name} (your account).", ["name": .text(RoundsParts.slot)]),
            .el("strong", [:], DomainText.asTyped(m.assessor))))),
    ]
    if r.isOpen {
      var lede = tr(
        "Judge each domain on your own: other assessors do not see your judgement, and you do not see theirs until the round closes. One form holds every domain: “Submit my judgements” sends each domain you have scored, all together; domains you leave blank are not sent. What you type is kept as a private draft (saved as you type, or with “Save draft”) until you submit. You may submit again until the round closes; your latest submission counts and the earlier ones are kept."
      )
      if let previous = m.previous {
        lede +=
          RoundsParts.space
          + tr(
            "Beside each criterion: round {number}'s anonymous group distribution and your own value in that round.",
            ["number": .text(String(previous.number))])
      }
      body.append(.el("p", ["class": "lede"], .safe(lede)))
    } else {
      body.append(
        .el(
          "p", ["class": "notice warning", "id": "round-closed", "role": "status"],
          .safe(tr("This round is closed and accepts no more judgements.") + RoundsParts.space),
          .link(RoundsURL.feedback(r.id, name: m.assessor), tr("See the group's feedback"))))
    }
    let submitted = m.domains.filter { m.submitted.contains($0.id) }
    if !submitted.isEmpty, !m.hasErrors {
      let (names, nodes) = RoundsParts.nodeList("names", submitted.map { RoundsParts.domain($0.id, $0.name) })
      body.append(
        .el(
          "p", ["class": "notice success", "id": "saved-notice", "role": "status"],
          DomainPageText.sentence(
            submitted.count == 1
              ? tr(
                "Submitted your judgement of {names}. You may revise until the round closes.",
                ["names": names])
              : tr(
                "Submitted your judgements of {names}. You may revise until the round closes.",
                ["names": names]), nodes)))
    }
    if let notice = m.notice {
      body.append(.el("p", ["class": "notice warning", "id": "form-notice", "role": "alert"], .safe(notice)))
    }
    switch m.draftNotice {
    case .saved?:
      body.append(
        .el(
          "p", ["class": "notice success", "id": "draft-notice", "role": "status"],
          .safe(tr("Draft saved. Only you see it; it is not a judgement until you submit it."))))
    case .keptAfterRefusal?:
      body.append(
        .el(
          "p", ["class": "notice warning", "id": "draft-notice", "role": "status"],
          .safe(
            tr(
              "Nothing was submitted: the problems are listed below. Everything you typed is kept below and saved as your draft."
            ))))
    case nil: break
    }
    body.append(
      .el(
        "nav", ["aria-label": tr("Domains of this round")],
        .el(
          "ul", ["id": "domain-index"],
          m.domains.map { d in
            .el(
              "li", [:], .el("a", ["href": "#domain-\(d.id)"], RoundsParts.domain(d.id, d.name)),
              .safe(" — " + status(d)))
          })))
    if r.isOpen {
      body.append(form(m))
    } else {
      for d in m.domains { body.append(section(m, d, editable: false)) }
    }
    let title = tr(
      "Your judgements · {study}, round {number}", ["study": .text(r.study), "number": .text(String(r.number))])
    return Page(
      title: m.hasErrors ? tr("Error: {title}", ["title": .text(title)]) : title, section: .rounds, body: body)
  }

  static func status(_ d: RoundAssessorModel.DomainEntry) -> String {
    switch d.prefill {
    case .thisRound(let seq, let at):
      let values: [String: LocalizationArgument] = [
        "time": .text(at.map(ViewParts.time) ?? ""), "revision": .text(String(seq - 1)),
      ]
      switch (at != nil, seq > 1) {
      case (true, true): return tr("submitted {time} (revision {revision})", values)
      case (true, false): return tr("submitted {time}", values)
      case (false, true): return tr("submitted (revision {revision})", values)
      case (false, false): return tr("submitted")
      }
    case .previousRound(let n):
      return tr(
        "not submitted yet (the form starts from your round {number} judgement; submitting sends it as this round's)",
        ["number": .text(String(n))])
    case .blank: return tr("not submitted yet")
    case .draft(let at):
      let values: [String: LocalizationArgument] = [
        "time": .text(at.map(ViewParts.time) ?? ""), "last": .text(d.submittedAt.map(ViewParts.time) ?? ""),
      ]
      guard d.submitted != nil else {
        return at == nil ? tr("draft saved, not submitted yet") : tr("draft saved {time}, not submitted yet", values)
      }
      switch (at != nil, d.submittedAt != nil) {
      case (true, true): return tr("draft saved {time}, changes not submitted yet (last submitted {last})", values)
      case (true, false): return tr("draft saved {time}, changes not submitted yet (last submitted)", values)
      case (false, true): return tr("draft saved, changes not submitted yet (last submitted {last})", values)
      case (false, false): return tr("draft saved, changes not submitted yet (last submitted)")
      }
    }
  }

  /// The whole round in one form: one submit for every domain, drafts saved as one types.
  static func form(_ m: RoundAssessorModel) -> HTMLNode {
    let r = m.round
    var content: [HTMLNode] = [ViewParts.csrfField(m.csrf), ViewParts.signedBy(m.assessor, id: "signed-by")]
    let issues = m.domains.flatMap { d in d.issues.map { (d, $0) } }
    if !issues.isEmpty {
      content.append(
        ViewParts.errorSummary(
          items: issues.map { d, issue in
            let field = FormField.name(for: issue.key)
            let text = DomainPageText.sentence(
              tr(
                "{domain} — {field}: {message}",
                [
                  "domain": DomainPageText.slot("domain"),
                  "field": .text(AssessPage.label(for: field, rubric: m.rubric)),
                  "message": .text(issue.message),
                ]), ["domain": RoundsParts.domain(d.id, d.name)])
            return [field.map { .el("a", ["href": "#\(fieldID(d.id, $0))"], text) } ?? text]
          }, action: tr("submitting"), outcome: tr("Nothing was submitted. Everything you typed is kept below.")))
    }
    for d in m.domains { content.append(section(m, d, editable: true)) }
    content.append(
      .el(
        "div", ["class": "form-actions round-actions", "id": "round-actions"],
        .el(
          "button", ["type": "submit", "class": "button primary", "id": "submit-round"],
          .safe(tr("Submit my judgements"))),
        draftButton(r, id: "save-draft"),
        .el(
          "p", ["class": "hint autosave-status", "id": "autosave-status", "role": "status", "aria-live": "polite"],
          .safe(tr("Drafts are saved when you press “Save draft”, and as you type when script is on.")))))
    return .el(
      "form",
      [
        "id": "round-form", "class": "assessment-form round-form", "method": "post",
        "action": RoundsURL.judgements(r.id), "data-drafts": RoundsURL.drafts(r.id), "data-unsaved-warning": "",
        "novalidate": "", "accept-charset": "UTF-8",
      ], content)
  }

  /// "Save draft": sends the whole form to the drafts address (every domain's typing is
  /// kept, whichever button is pressed).
  static func draftButton(_ r: Round, id: String, label: String? = nil) -> HTMLNode {
    .el(
      "button",
      [
        "type": "submit", "class": "button secondary save-draft", "id": id, "formaction": RoundsURL.drafts(r.id),
        "formnovalidate": "",
      ], .safe(label ?? tr("Save draft")))
  }

  static func section(_ m: RoundAssessorModel, _ d: RoundAssessorModel.DomainEntry, editable: Bool) -> HTMLNode {
    var content: [HTMLNode] = [
      .el("h2", [:], RoundsParts.domain(d.id, d.name)),
      .el(
        "p", ["class": "byline", "data-prefill": prefillName(d.prefill)],
        .safe(tr("{text}.", ["text": .text(AssessPage.sentence(status(d)))]))),
    ]
    if editable {
      content += fields(m, d)
      content.append(
        .el(
          "div", ["class": "domain-actions"],
          draftButton(m.round, id: "save-draft-\(d.id)"),
          .el("a", ["href": "#round-actions", "class": "button secondary"], .safe(tr("Go to “Submit my judgements”")))))
    } else if case .thisRound = d.prefill {
      content.append(.el("p", [:], .safe(tr("Your latest judgement: {scores}", ["scores": .text(summary(d.draft))]))))
    }
    return .el("section", ["id": "domain-\(d.id)", "class": "delphi-domain", "data-domain": d.id], content)
  }

  static func prefillName(_ p: RoundAssessorModel.Prefill) -> String {
    switch p {
    case .blank: return "blank"
    case .thisRound: return "this-round"
    case .previousRound: return "previous-round"
    case .draft: return "draft"
    }
  }

  /// `Fundamentality 3, Military applicability [1, 2, 3]…`.
  static func summary(_ draft: AssessmentDraft) -> String {
    CriterionID.allCases.compactMap { id in draft.scores[id].map { "\(RoundsParts.title(id)) \(AssessPage.typed($0))" }
    }
    .joined(separator: ", ")
  }

  /// The id of a field of a domain (ids are unique on the page).
  static func fieldID(_ domain: String, _ field: String) -> String { "\(domain)--\(field)" }

  static func fields(_ m: RoundAssessorModel, _ d: RoundAssessorModel.DomainEntry) -> [HTMLNode] {
    let errors = d.errors
    func field(
      _ name: String, _ label: String, hint: String?, input: Attrs? = nil, textarea: String? = nil, rows: Int = 2,
      describedBy extra: [String] = []
    )
      -> HTMLNode
    {
      let id = fieldID(d.id, name)
      let messages = errors[name] ?? []
      var describedBy: [String] = extra
      if hint != nil { describedBy.append("hint-\(id)") }
      if !messages.isEmpty { describedBy.append("error-\(id)") }
      var attrs: Attrs = [
        "id": id, "name": RoundForm.name(d.id, name),
        "aria-describedby": describedBy.isEmpty ? nil : describedBy.joined(separator: " "),
        "aria-invalid": messages.isEmpty ? nil : "true",
      ]
      let control: HTMLNode
      if let textarea {
        attrs.add("rows", String(rows))
        control = .el("textarea", attrs, .safe(textarea))
      } else {
        attrs.pairs += (input ?? [:]).pairs
        control = .void("input", attrs)
      }
      return .el(
        "div", ["class": messages.isEmpty ? "field" : "field has-error"],
        .el("label", ["for": id], .safe(label)),
        hint.map { .el("p", ["class": "hint", "id": "hint-\(id)"], .safe($0)) } ?? .none,
        control,
        messages.isEmpty
          ? .none
          : .el(
            "p", ["class": "field-error", "id": "error-\(id)"],
            .safe(messages.map(AssessPage.sentence).joined(separator: "; "))))
    }

    var content: [HTMLNode] = [
      field(
        "perspective", tr("Perspective"),
        hint: tr(
          "Where you stand, e.g. {codes}, third-country.",
          ["codes": .text(m.rubric.countries.codes.joined(separator: ", "))]),
        input: ["type": "text", "value": d.draft.perspective, "maxlength": "200"]),
      field(
        "note", tr("Note"), hint: tr("Optional: what you weighed, what changed since the last round."),
        textarea: d.draft.note),
    ]
    if let message = errors["scores"]?.first {
      content.append(
        .el(
          "p", ["class": "field-error", "id": "error-\(fieldID(d.id, "scores"))"], .safe(AssessPage.sentence(message))))
    }
    for c in m.rubric.criteria {
      let id = c.id.rawValue
      let s = d.draft.scores[c.id] ?? AssessmentDraft.ScoreDraft()
      let invalid = ["score-\(id)", "low-\(id)", "high-\(id)", "rationale-\(id)", "evidence-\(id)"].contains {
        errors[$0] != nil
      }
      var previous: [HTMLNode] = []
      if let p = m.previous {
        let number: LocalizationArgument = .text(String(p.number))
        if let g = d.previousGroup[c.id] {
          previous.append(
            .safe(
              tr(
                "Round {number} group (anonymous): {group}.", ["number": number, "group": .text(RoundsParts.group(g))]))
          )
        } else {
          previous.append(.safe(tr("Round {number}: nobody scored this criterion.", ["number": number])))
        }
        if let own = d.previousOwn[c.id] {
          previous.append(
            .safe(RoundsParts.space + tr("You: {score}.", ["score": .text(ViewParts.score(own.value))])))
          if let g = d.previousGroup[c.id] {
            previous.append(
              .safe(
                RoundsParts.space
                  + tr(
                    "That is {position}.",
                    ["position": .text(RoundsParts.position(g.position(of: own.value.likely)))])))
          }
        }
      }
      let levelsID = fieldID(d.id, "levels-\(id)")
      func number(_ name: String, _ label: String, _ value: String, levels: Bool = false) -> HTMLNode {
        field(
          name, label, hint: nil,
          input: [
            "type": "text", "inputmode": "decimal", "value": value, "size": "4", "maxlength": "12",
            "autocomplete": "off", "data-levels": levels ? levelsID : nil,
          ], describedBy: levels ? [levelsID] : [])
      }
      content.append(
        .el(
          "fieldset",
          [
            "class": invalid ? "criterion has-error" : "criterion", "id": fieldID(d.id, "criterion-\(id)"),
            "data-criterion": id,
          ],
          .el("legend", [:], DomainText.shipped("criterion.\(id).title", c.id.title)),
          .el("p", ["class": "question"], DomainText.shipped("criterion.\(id).question", c.question)),
          previous.isEmpty ? .none : .el("p", ["class": "hint delphi-previous", "data-criterion": id], previous),
          .el(
            "div", ["class": "score-row"],
            number("score-\(id)", tr("Score (most likely, 0–4)"), s.likely, levels: true),
            number("low-\(id)", tr("Range low"), s.low), number("high-\(id)", tr("Range high"), s.high)),
          .el(
            "ol", ["class": "levels", "id": levelsID, "start": "0", "aria-label": tr("What the levels mean")],
            c.levels.enumerated().map { level, text in
              .el(
                "li", ["data-level": String(level), "value": String(level)],
                .el("span", ["class": "level-number"], .safe("\(level)")),
                DomainText.shipped("criterion.\(id).level.\(level)", text))
            }),
          field("rationale-\(id)", tr("Rationale"), hint: nil, textarea: s.rationale),
          field("evidence-\(id)", tr("Evidence"), hint: tr("One citation or URL per line."), textarea: s.evidence)
        ))
    }
    return content
  }
}
