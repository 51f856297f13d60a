import Foundation
import Plot
import SafeZonesCore
import SafeZonesKnowledge

enum AssessPage {
  static func page(_ m: AssessPageModel) -> Page {
    let title: String
    let action: String
    var intro: [HTMLNode] = []
    switch m.mode {
    case .newDomain:
      title = tr("Assess a new domain")
      action = SiteURL.newDomain
      intro.append(
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Name the domain and score it against the rubric. The placement is computed from your scores; you can add further assessments later, and every one is kept."
            ))))
    case .append(let id, let name, let base):
      title = tr(
        "New assessment of {name} for {pair}", ["name": .text(name), "pair": .text(m.rubric.countries.description)])
      action = SiteURL.assess(id)
      var sentences = [
        tr("Saving adds version {version}; earlier versions are kept.", ["version": .text(String(base + 1))])
      ]
      if let c = m.current, m.issues.isEmpty, m.conflict == nil {
        sentences.insert(
          contentsOf: [
            tr(
              "The form starts from version {version}, by {assessor} on {date}.",
              ["version": .text(String(base)), "assessor": .text(c.assessor), "date": .text(c.date.description)]),
            tr("Change what you judge differently."),
          ], at: 0)
      }
      let separator = Localization.language.sentenceSeparator
      intro.append(
        .el(
          "p", ["class": "lede"], .safe(sentences.joined(separator: separator) + separator),
          .link(SiteURL.domain(id), tr("Back to {name}", ["name": .text(name)]))))
    }
    var body: [HTMLNode] = [.el("div", ["class": "page-head"], [.el("h1", [:], .safe(title))] + intro)]
    if let conflict = m.conflict { body.append(conflictBox(m, conflict)) }
    if !m.issues.isEmpty { body.append(errorSummary(m)) }
    body.append(form(m, action: action))
    return Page(
      title: m.issues.isEmpty && m.conflict == nil ? title : tr("Error: {title}", ["title": .text(title)]),
      section: .assess, body: body)
  }

  // MARK: - Messages

  static func errorSummary(_ m: AssessPageModel) -> HTMLNode {
    ViewParts.errorSummary(
      items: m.issues.map { issue in
        let field = FormField.name(for: issue.key)
        let text = tr(
          "{field}: {message}", ["field": .text(label(for: field, rubric: m.rubric)), "message": .text(issue.message)])
        var item: [HTMLNode] = [field.map { .link("#\($0)", text) } ?? .safe(text)]
        if let id = m.duplicateOf, issue.key == "id" {
          item += [
            .safe(" — "), .link(SiteURL.domain(id), tr("open it")), .safe(" " + tr("or") + " "),
            .link(SiteURL.assess(id), tr("add an assessment to it")),
          ]
        }
        return item
      }, action: tr("saving"), outcome: tr("Nothing was saved. Your input is kept below."))
  }

  /// A person-readable name of a field, for the error summary.
  static func label(for field: String?, rubric: Rubric) -> String {
    guard let field else { return tr("Scores") }
    for (prefix, what) in [
      ("score-", tr("score")), ("low-", tr("range low")), ("high-", tr("range high")), ("rationale-", tr("rationale")),
      ("evidence-", tr("evidence")), ("q-", tr("quantiles")),
    ]
    where field.hasPrefix(prefix) {
      let id = String(field.dropFirst(prefix.count))
      let title = CriterionID(rawValue: id).map { Localization.shipped("criterion.\(id).title", $0.title) } ?? id
      return tr("{criterion}, {part}", ["criterion": .text(title), "part": .text(what)])
    }
    switch field {
    case "id": return tr("Id")
    case "name": return tr("Name")
    case "summary": return tr("Summary")
    case "tags": return tr("Tags")
    case "assessor": return tr("Assessor")
    case "date": return tr("Date")
    case "perspective": return tr("Perspective")
    case "note": return tr("Note")
    case "base_version": return tr("Version")
    default:
      // `link-weight-2` → `Link 3, weight`.
      let parts = field.split(separator: "-")
      if parts.count == 3, parts[0] == "link", let row = Int(parts[2]) {
        let part: String
        switch parts[1] {
        case "target": part = tr("target")
        case "kind": part = tr("kind")
        case "weight": part = tr("weight")
        case "rationale": part = tr("rationale")
        default: part = String(parts[1])
        }
        return tr("Link {number}, {part}", ["number": .text(String(row + 1)), "part": .text(part)])
      }
      return field
    }
  }

  static func conflictBox(_ m: AssessPageModel, _ c: AssessPageModel.Conflict) -> HTMLNode {
    let t = c.theirs
    let recorded = t.recordedAt.map { tr(" (recorded {time})", ["time": .text(ViewParts.time($0))]) } ?? ""
    let others = c.currentVersion - c.baseVersion
    let saved: [String: LocalizationArgument] = [
      "version": .text(String(c.currentVersion)), "base": .text(String(c.baseVersion)), "assessor": .text(t.assessor),
      "date": .text(t.date.description), "recorded": .text(recorded),
    ]
    var sentences: [String] = []
    if others > 0 {
      sentences.append(
        tr(
          "Someone else saved version {version} of this domain while you were editing: {assessor} on {date}{recorded}.",
          saved))
      if others > 1 {
        sentences.append(
          tr(
            "There are {count} newer versions than the one your form started from ({base}).",
            ["count": .text(String(others)), "base": .text(String(c.baseVersion))]))
      }
    } else {
      sentences.append(
        tr(
          "Your form says it started from version {base}, but the domain is at version {version}, saved by {assessor} on {date}{recorded}.",
          saved))
    }
    sentences.append(
      tr(
        "Your assessment was not saved, so it cannot hide theirs. Compare their values with yours below, adjust what you want, and save again: it will become version {version}.",
        ["version": .text(String(c.currentVersion + 1))]))
    let text = sentences.joined(separator: Localization.language.sentenceSeparator)
    var rows: [HTMLNode] = []
    for criterion in m.rubric.criteria {
      let theirs = t.scores[criterion.id]?.value.text ?? "—"
      let yours = typed(m.draft.scores[criterion.id])
      guard theirs != yours else { continue }
      rows.append(
        .el(
          "tr", ["data-criterion": criterion.id.rawValue],
          .el(
            "th", ["scope": "row"],
            .link(
              "#score-\(criterion.id.rawValue)",
              Localization.shipped("criterion.\(criterion.id.rawValue).title", criterion.id.title))),
          .el("td", ["class": "num theirs"], .safe(theirs)),
          .el("td", ["class": "num yours"], .safe(yours))))
    }
    return .el(
      "div",
      ["id": "conflict", "class": "conflict", "role": "alert", "tabindex": "-1", "aria-labelledby": "conflict-title"],
      .el("h2", ["id": "conflict-title"], .safe(tr("Someone else saved this domain first"))),
      .el("p", [:], .safe(text)),
      t.note.map { .el("p", [:], .el("strong", [:], .safe(tr("Their note: "))), DomainText.untranslated($0)) }
        ?? .none,
      rows.isEmpty
        ? .el("p", [:], .safe(tr("Their scores are the same as the ones in your form.")))
        : ViewParts.scroll(
          tr("Their values and yours"),
          .el(
            "table", ["class": "data compare", "id": "conflict-table"],
            .el(
              "caption", [:],
              .safe(
                tr(
                  "Criteria where version {version} differs from your form",
                  ["version": .text(String(c.currentVersion))]))),
            .el(
              "thead", [:],
              .el(
                "tr", [:],
                .el("th", ["scope": "col"], .safe(tr("Criterion"))),
                .el(
                  "th", ["scope": "col", "class": "num"],
                  .safe(
                    tr(
                      "Version {version} ({assessor})",
                      ["version": .text(String(c.currentVersion)), "assessor": .text(t.assessor)]))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Your form")))
              )),
            .el("tbody", [:], rows))),
      .el(
        "p", [:],
        .link(
          SiteURL.domain(idOf(m)), tr("Open their version in a new tab"), ["target": "_blank", "rel": "noopener"]))
    )
  }

  static func idOf(_ m: AssessPageModel) -> String {
    if case .append(let id, _, _) = m.mode { return id }
    return m.domain.id
  }

  /// What the form holds for a criterion, written like `ScoreValue.text`.
  static func typed(_ s: AssessmentDraft.ScoreDraft?) -> String {
    guard let s else { return "—" }
    if case .success(let q) = ScoreValue.parseQuantiles(s.quantiles) { return ScoreValue.quantiles(q).text }
    func n(_ t: String) -> String {
      let trimmed = t.trimmingCharacters(in: .whitespaces)
      return Double(trimmed.replacingOccurrences(of: ",", with: ".")).map { Format.number($0) } ?? trimmed
    }
    let likely = n(s.likely)
    if likely.isEmpty { return "—" }
    let low = n(s.low)
    let high = n(s.high)
    if (low.isEmpty && high.isEmpty) || (low == likely && high == likely) { return likely }
    return "[\(low.isEmpty ? likely : low), \(likely), \(high.isEmpty ? likely : high)]"
  }

  // MARK: - Form

  static func form(_ m: AssessPageModel, action: String) -> HTMLNode {
    let errors = m.errors
    var content: [HTMLNode] = [ViewParts.csrfField(m.csrf)]
    if case .append(_, _, let base) = m.mode {
      content.append(.void("input", ["type": "hidden", "name": "base_version", "value": String(base)]))
    }
    if case .newDomain = m.mode {
      content.append(
        .el(
          "fieldset", ["class": "group", "id": "domain-fields"],
          .el("legend", [:], .safe(tr("The domain"))),
          field(
            "id", tr("Id"),
            hint: tr("Permanent address of the domain: lowercase letters, digits and '-', e.g. tidal-stream-energy."),
            errors: errors,
            required: true,
            input: [
              "type": "text", "value": m.domain.id, "autocomplete": "off", "spellcheck": "false", "maxlength": "80",
              "inputmode": "latin",
            ]),
          field(
            "name", tr("Name"), hint: nil, errors: errors, required: true,
            input: ["type": "text", "value": m.domain.name, "maxlength": "200"]),
          field(
            "summary", tr("Summary"), hint: tr("What the domain covers, in a sentence or two."), errors: errors,
            textarea: m.domain.summary, rows: 3),
          field(
            "tags", tr("Tags"), hint: tr("Separated by commas, e.g. energy, fundamental-science."), errors: errors,
            input: ["type": "text", "value": m.domain.tags])
        ))
      content.append(linkFields(m, errors: errors))
    }
    let d = m.draft
    let perspectives = m.rubric.countries.codes + ["third-country", "joint"]
    content.append(
      .el(
        "fieldset", ["class": "group", "id": "assessment-fields"],
        .el("legend", [:], .safe(tr("The assessment"))),
        .el(
          "div", ["class": "field-row"],
          ViewParts.signedBy(d.assessor),
          field(
            "date", tr("Date"), hint: tr("The day of the judgement, YYYY-MM-DD."), errors: errors, required: true,
            input: [
              "type": "text", "value": d.date, "placeholder": "YYYY-MM-DD", "maxlength": "10", "autocomplete": "off",
            ]),
          field(
            "perspective", tr("Perspective"),
            hint: tr(
              "Where the assessor stands, e.g. {examples}.", ["examples": .text(perspectives.joined(separator: ", "))]),
            errors: errors,
            input: ["type": "text", "value": d.perspective, "list": "perspectives", "maxlength": "200"])
        ),
        .el("datalist", ["id": "perspectives"], perspectives.map { .el("option", ["value": $0]) }),
        field(
          "note", tr("Note"), hint: tr("Optional: context for this judgement (what changed, which event prompted it)."),
          errors: errors, textarea: d.note, rows: 2)
      ))
    content.append(
      .el(
        "p", ["class": "scale-help", "id": "scale-help"],
        .safe(
          tr(
            "Score each criterion from 0 to 4 (decimals allowed). If you are unsure, also give the low and high ends of a range. Leave a criterion empty to leave it out: the placement then uses the others and shows how far the missing ones could move it."
          ))))
    if let scoresError = m.issues.first(where: { $0.key == "scores" }) {
      content.append(.el("p", ["class": "field-error", "id": "error-scores"], .safe(scoresError.message)))
    }
    for axis in Axis.allCases {
      let criteria = m.rubric.criteria(on: axis)
      guard !criteria.isEmpty else { continue }
      let (legend, hint): (String, String)
      switch axis {
      case .gains:
        (legend, hint) = (
          tr("Joint gains"), tr("What both countries gain from cooperating, compared with working alone.")
        )
      case .risk:
        (legend, hint) = (
          tr("Political risk"),
          tr(
            "The risk that cooperating sparks or intensifies political tension. One severe factor is not averaged away."
          )
        )
      case .mitigation: (legend, hint) = (tr("Mitigations"), tr("Factors that lower the political risk."))
      }
      content.append(
        .el(
          "fieldset", ["class": "group axis axis-\(axis.rawValue)", "id": "axis-\(axis.rawValue)"],
          [.el("legend", [:], .safe(legend)), .el("p", ["class": "hint"], .safe(hint))]
            + criteria.map { criterionFields(m, $0, errors: errors) }))
    }
    let submit: String
    let cancel: String
    switch m.mode {
    case .newDomain: (submit, cancel) = (tr("Create domain"), SiteURL.map)
    case .append(let id, _, let base):
      (submit, cancel) = (tr("Save as version {version}", ["version": .text(String(base + 1))]), SiteURL.domain(id))
    }
    content.append(
      .el(
        "div", ["class": "form-actions"],
        .el("button", ["type": "submit", "id": "save-assessment", "class": "button primary"], .safe(submit)),
        .safe(" "),
        .link(cancel, tr("Cancel"), ["class": "button secondary"])
      ))
    return .el(
      "form",
      [
        // The pair judged travels with the form: another tab may change the remembered pair.
        "id": "assessment-form", "class": "assessment-form", "method": "post",
        "action": action + "?pair=" + Esc.url(m.rubric.countries.id), "data-pair": m.rubric.countries.id,
        "data-unsaved-warning": "", "novalidate": "",
        "accept-charset": "UTF-8",
      ], content)
  }

  static func criterionFields(_ m: AssessPageModel, _ c: Criterion, errors: [String: [String]]) -> HTMLNode {
    let id = c.id.rawValue
    let s = m.draft.scores[c.id] ?? AssessmentDraft.ScoreDraft()
    let invalid = ["score-\(id)", "low-\(id)", "high-\(id)", "q-\(id)", "rationale-\(id)", "evidence-\(id)"].contains {
      errors[$0] != nil
    }
    var notes: [String] = [tr("weight {weight}", ["weight": .text(Format.number(c.weight))])]
    if c.id.isInverse { notes.append(tr("a higher score lowers the gains")) }
    if c.mitigationFloor > 0 { notes.append(tr("mitigation cannot hide it entirely")) }
    func number(_ name: String, _ label: String, _ value: String, describedBy: [String]) -> HTMLNode {
      let fieldErrors = errors[name] ?? []
      let describe = describedBy + (fieldErrors.isEmpty ? [] : ["error-\(name)"])
      return .el(
        "div", ["class": "field number-field"],
        .el("label", ["for": name], .safe(label)),
        .void(
          "input",
          [
            "type": "text", "inputmode": "decimal", "id": name, "name": name, "value": value, "size": "4",
            "maxlength": "12", "autocomplete": "off",
            "aria-describedby": describe.joined(separator: " "), "aria-invalid": fieldErrors.isEmpty ? nil : "true",
            "data-levels": name.hasPrefix("score-") ? "levels-\(id)" : nil,
          ]))
    }
    let numberNames = ["score-\(id)", "low-\(id)", "high-\(id)"]
    return .el(
      "fieldset",
      ["class": invalid ? "criterion has-error" : "criterion", "id": "criterion-\(id)", "data-criterion": id],
      .el(
        "legend", [:], DomainText.shipped("criterion.\(id).title", c.id.title),
        .el("span", ["class": "criterion-meta"], .safe(" · " + notes.joined(separator: " · ")))),
      .el(
        "p", ["class": "question", "id": "question-\(id)"], DomainText.shipped("criterion.\(id).question", c.question)),
      .el(
        "div", ["class": "criterion-grid"],
        .el(
          "div", ["class": "criterion-score"],
          .el(
            "div", ["class": "score-row"],
            number(
              "score-\(id)", tr("Score (most likely)"), s.likely, describedBy: ["question-\(id)", "levels-\(id)"]),
            number("low-\(id)", tr("Range low"), s.low, describedBy: ["range-help-\(id)"]),
            number("high-\(id)", tr("Range high"), s.high, describedBy: ["range-help-\(id)"])
          ),
          .group(numberNames.map { errorNode($0, errors[$0] ?? []) }),
          .el(
            "p", ["class": "hint", "id": "range-help-\(id)"],
            .safe(tr("Range: optional, when you are unsure (low ≤ most likely ≤ high)."))),
          QuantileField.node(id: id, value: s.quantiles, errors: errors["q-\(id)"] ?? [])
        ),
        .el(
          "ol", ["class": "levels", "id": "levels-\(id)", "start": "0", "aria-label": tr("What the levels mean")],
          c.levels.enumerated().map { level, text in
            .el(
              "li", ["data-level": String(level), "value": String(level)],
              .el("span", ["class": "level-number"], .safe("\(level)")),
              DomainText.shipped("criterion.\(id).level.\(level)", text))
          }),
        textField("rationale-\(id)", tr("Rationale"), s.rationale, rows: 2, hint: nil, errors: errors),
        textField(
          "evidence-\(id)", tr("Evidence"), s.evidence, rows: 2, hint: tr("One citation or URL per line."),
          errors: errors)
      )
    )
  }

  static func errorNode(_ name: String, _ messages: [String]) -> HTMLNode {
    messages.isEmpty
      ? .none
      : .el(
        "p", ["class": "field-error", "id": "error-\(name)"], .safe(messages.map(sentence).joined(separator: "; ")))
  }

  /// A message with its first letter capitalised, to stand on its own next to a field.
  static func sentence(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
  }

  static func textField(
    _ name: String, _ label: String, _ value: String, rows: Int, hint: String?, errors: [String: [String]]
  ) -> HTMLNode {
    field(name, label, hint: hint, errors: errors, textarea: value, rows: rows)
  }

  /// A labelled input or text area with its hint and its errors, wired for screen readers.
  static func field(
    _ name: String, _ label: String, hint: String?, errors: [String: [String]], required: Bool = false,
    input: Attrs? = nil,
    textarea: String? = nil, rows: Int = 3
  ) -> HTMLNode {
    let messages = errors[name] ?? []
    var describedBy: [String] = []
    if hint != nil { describedBy.append("hint-\(name)") }
    if !messages.isEmpty { describedBy.append("error-\(name)") }
    var attrs: Attrs = [
      "id": name, "name": name, "aria-describedby": describedBy.isEmpty ? nil : describedBy.joined(separator: " "),
      "aria-invalid": messages.isEmpty ? nil : "true", "required": Attrs.flag(required),
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
      .el(
        "label", ["for": name], .safe(label),
        required ? .el("span", ["class": "required"], .safe(tr(" (required)"))) : .none),
      hint.map { .el("p", ["class": "hint", "id": "hint-\(name)"], .safe($0)) } ?? .none,
      control,
      errorNode(name, messages))
  }

  /// Links from the new domain to existing ones: a row per link (target, kind, weight,
  /// reason), empty rows ignored. Linked domains pass on part of their risk
  /// (`docs/links.md`), so the placement shown after saving includes it.
  static func linkFields(_ m: AssessPageModel, errors: [String: [String]]) -> HTMLNode {
    let filled = m.domain.links.lastIndex { !$0.isBlank }.map { $0 + 1 } ?? 0
    let count = min(max(3, filled + 1), FormFields.maxLinkRows)
    let rows = (0..<count).map { i -> HTMLNode in
      let row = i < m.domain.links.count ? m.domain.links[i] : DomainDraft.LinkDraft()
      func select(
        _ name: String, _ label: String, _ options: [(value: String, text: String)], _ chosen: String
      )
        -> HTMLNode
      {
        let messages = errors[name] ?? []
        return .el(
          "div", ["class": messages.isEmpty ? "field" : "field has-error"],
          .el("label", ["for": name], .safe(label)),
          .el(
            "select",
            [
              "id": name, "name": name, "aria-invalid": messages.isEmpty ? nil : "true",
              "aria-describedby": messages.isEmpty ? nil : "error-\(name)",
            ],
            options.map { o in
              .el("option", ["value": o.value, "selected": Attrs.flag(o.value == chosen)], .safe(o.text))
            }
          ),
          errorNode(name, messages))
      }
      var targets: [(value: String, text: String)] = [("", tr("— no link —"))]
      targets += m.linkTargets.map { ($0.id, tr("{name} ({id})", ["name": .text($0.name), "id": .text($0.id)])) }
      // A target typed that is not (or no longer) in the list stays visible, with its error.
      if !row.isBlank, !m.linkTargets.contains(where: { $0.id == row.target }) {
        targets.append((row.target, row.target))
      }
      var kinds = DomainDraft.linkKinds.map { (value: $0.kind, text: "\($0.kind) — \($0.meaning)") }
      if !kinds.contains(where: { $0.value == row.kind }) { kinds.append((row.kind, row.kind)) }
      return .el(
        "fieldset", ["class": "link-row", "id": "link-\(i)", "data-row": String(i)],
        .el("legend", [:], .safe(tr("Link {number}", ["number": .text(String(i + 1))]))),
        .el(
          "div", ["class": "field-row"],
          select("link-target-\(i)", tr("Links to"), targets, row.target),
          select("link-kind-\(i)", tr("Kind"), kinds, row.kind),
          field(
            "link-weight-\(i)", tr("Weight (0–1)"), hint: nil, errors: errors,
            input: ["type": "text", "inputmode": "decimal", "value": row.weight, "size": "4", "maxlength": "12"])),
        field(
          "link-rationale-\(i)", tr("Why they are linked"), hint: nil, errors: errors, textarea: row.rationale, rows: 2)
      )
    }
    return .el(
      "fieldset", ["class": "group", "id": "link-fields"],
      .el("legend", [:], .safe(tr("Links to existing domains (optional)"))),
      .el(
        "p", ["class": "hint", "id": "links-help"],
        .safe(
          tr(
            "Cooperation in one domain is often tied to another. A link passes part of the linked domain's political risk to this one — more for a closer kind and a higher weight (applies 0.8, enables 0.6, shares-facility 0.5, related 0.3, reframes none) — so the placement shows it. Leave a row at “no link” to skip it; save with the last row filled to get another."
          ))),
      .group(rows))
  }
}
