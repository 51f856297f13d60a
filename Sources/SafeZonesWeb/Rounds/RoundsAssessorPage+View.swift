import Foundation
import Plot
import SafeZonesCore

enum RoundsAssessorPage {
  static func page(_ m: RoundAssessorModel) -> Page {
    let r = m.round
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        ("Rounds", RoundsURL.list), ("\(r.study), round \(r.number)", RoundsURL.round(r.id)), (m.assessor, nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(RoundsParts.heading(r))),
        .el(
          "p", ["class": "byline", "id": "judging-as"], RoundsParts.status(r),
          .safe(" Judging as "), .el("strong", [:], .safe(m.assessor)), .safe(" (your account)."))),
    ]
    if r.isOpen {
      var lede =
        "Judge each domain on your own: other assessors do not see your judgement, and you do not see theirs until the round closes. You may submit again until then; your latest submission counts and the earlier ones are kept."
      if let previous = m.previous {
        lede +=
          " Beside each criterion: round \(previous.number)'s anonymous group distribution and your own value in that round."
      }
      body.append(.el("p", ["class": "lede"], .safe(lede)))
    } else {
      body.append(
        .el(
          "p", ["class": "notice warning", "id": "round-closed", "role": "status"],
          .safe("This round is closed and accepts no more judgements. "),
          .link(RoundsURL.feedback(r.id, name: m.assessor), "See the group's feedback")))
    }
    if let saved = m.saved, let entry = m.domains.first(where: { $0.id == saved }), !m.hasErrors {
      body.append(
        .el(
          "p", ["class": "notice success", "id": "saved-notice", "role": "status"],
          .safe("Saved your judgement of \(entry.name). You may revise it until the round closes.")))
    }
    body.append(
      .el(
        "nav", ["aria-label": "Domains of this round"],
        .el(
          "ul", ["id": "domain-index"],
          m.domains.map { d in .el("li", [:], .link("#domain-\(d.id)", d.name), .safe(" — " + status(d))) })))
    for d in m.domains { body.append(section(m, d)) }
    return Page(
      title: (m.hasErrors ? "Error: " : "") + "Your judgements · \(r.study), round \(r.number)", section: .rounds,
      body: body)
  }

  static func status(_ d: RoundAssessorModel.DomainEntry) -> String {
    switch d.prefill {
    case .thisRound(let seq, let at):
      return "submitted" + (at.map { " \(ViewParts.time($0))" } ?? "") + (seq > 1 ? " (revision \(seq - 1))" : "")
    case .previousRound(let n): return "not submitted yet (the form starts from your round \(n) judgement)"
    case .blank: return "not submitted yet"
    }
  }

  static func section(_ m: RoundAssessorModel, _ d: RoundAssessorModel.DomainEntry) -> HTMLNode {
    var content: [HTMLNode] = [
      .el("h2", [:], .safe(d.name)),
      .el(
        "p", ["class": "byline", "data-prefill": prefillName(d.prefill)], .safe(AssessPage.sentence(status(d)) + ".")),
    ]
    if !d.issues.isEmpty {
      content.append(
        ViewParts.errorSummary(
          items: d.issues.map { issue in
            let field = FormField.name(for: issue.key)
            let text = "\(AssessPage.label(for: field, rubric: m.rubric)): \(issue.message)"
            return [field.map { .link("#\(fieldID(d.id, $0))", text) } ?? .safe(text)]
          }, action: "saving", outcome: "Nothing was saved. Your input is kept below."))
    }
    if m.round.isOpen {
      content.append(form(m, d))
    } else if case .thisRound = d.prefill {
      content.append(.el("p", [:], .safe("Your latest judgement: " + summary(d.draft))))
    }
    return .el("section", ["id": "domain-\(d.id)", "class": "delphi-domain", "data-domain": d.id], content)
  }

  static func prefillName(_ p: RoundAssessorModel.Prefill) -> String {
    switch p {
    case .blank: return "blank"
    case .thisRound: return "this-round"
    case .previousRound: return "previous-round"
    }
  }

  /// `Fundamentality 3, Military applicability [1, 2, 3]…`.
  static func summary(_ draft: AssessmentDraft) -> String {
    CriterionID.allCases.compactMap { id in draft.scores[id].map { "\(id.title) \(AssessPage.typed($0))" } }
      .joined(separator: ", ")
  }

  /// The id of a field in a domain's form (ids are unique on the page; names repeat per form).
  static func fieldID(_ domain: String, _ field: String) -> String { "\(domain)--\(field)" }

  static func form(_ m: RoundAssessorModel, _ d: RoundAssessorModel.DomainEntry) -> HTMLNode {
    let errors = d.errors
    func field(
      _ name: String, _ label: String, hint: String?, input: Attrs? = nil, textarea: String? = nil, rows: Int = 2
    )
      -> HTMLNode
    {
      let id = fieldID(d.id, name)
      let messages = errors[name] ?? []
      var describedBy: [String] = []
      if hint != nil { describedBy.append("hint-\(id)") }
      if !messages.isEmpty { describedBy.append("error-\(id)") }
      var attrs: Attrs = [
        "id": id, "name": name, "aria-describedby": describedBy.isEmpty ? nil : describedBy.joined(separator: " "),
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
      ViewParts.csrfField(m.csrf),
      .void("input", ["type": "hidden", "name": "domain", "value": d.id]),
      .el(
        "div", ["class": "field-row"],
        ViewParts.signedBy(m.assessor, id: "\(d.id)--signed-by"),
        field(
          "perspective", "Perspective",
          hint: "Where you stand, e.g. \(m.rubric.countries.codes.joined(separator: ", ")), third-country.",
          input: ["type": "text", "value": d.draft.perspective, "maxlength": "200"])
      ),
      field(
        "note", "Note", hint: "Optional: what you weighed, what changed since the last round.", textarea: d.draft.note),
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
        if let g = d.previousGroup[c.id] {
          previous.append(.safe("Round \(p.number) group (anonymous): \(RoundsParts.group(g))."))
        } else {
          previous.append(.safe("Round \(p.number): nobody scored this criterion."))
        }
        if let own = d.previousOwn[c.id] {
          previous.append(.safe(" You: \(ViewParts.score(own.value))."))
          if let g = d.previousGroup[c.id] {
            previous.append(.safe(" That is \(RoundsParts.position(g.position(of: own.value.likely)))."))
          }
        }
      }
      func number(_ name: String, _ label: String, _ value: String) -> HTMLNode {
        field(
          name, label, hint: nil,
          input: [
            "type": "text", "inputmode": "decimal", "value": value, "size": "4", "maxlength": "12",
            "autocomplete": "off",
          ])
      }
      content.append(
        .el(
          "fieldset",
          [
            "class": invalid ? "criterion has-error" : "criterion", "id": fieldID(d.id, "criterion-\(id)"),
            "data-criterion": id,
          ],
          .el("legend", [:], .safe(c.id.title)),
          .el("p", ["class": "question"], .safe(c.question)),
          previous.isEmpty ? .none : .el("p", ["class": "hint delphi-previous", "data-criterion": id], previous),
          .el(
            "div", ["class": "score-row"],
            number("score-\(id)", "Score (most likely, 0–4)", s.likely), number("low-\(id)", "Range low", s.low),
            number("high-\(id)", "Range high", s.high)),
          field("rationale-\(id)", "Rationale", hint: nil, textarea: s.rationale),
          field("evidence-\(id)", "Evidence", hint: "One citation or URL per line.", textarea: s.evidence)
        ))
    }
    content.append(
      .el(
        "div", ["class": "form-actions"],
        .el(
          "button", ["type": "submit", "class": "button primary", "id": "submit-\(d.id)"],
          .safe(d.prefill.isThisRound ? "Submit a revision for \(d.name)" : "Submit my judgement of \(d.name)"))))
    return .el(
      "form",
      [
        "id": "judgement-\(d.id)", "class": "assessment-form", "method": "post",
        "action": RoundsURL.judgements(m.round.id),
        "novalidate": "", "accept-charset": "UTF-8",
      ], content)
  }
}
