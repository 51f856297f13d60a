import Foundation
import Plot
import SafeZonesCore

enum RoundsDetailPage {
  static func page(_ m: RoundDetailModel) -> Page {
    let r = m.round
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Rounds"), RoundsURL.list), (RoundsParts.short(r), nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], RoundsParts.headingNode(r)),
        .el(
          "p", ["class": "byline", "id": "round-status"], RoundsParts.status(r),
          .safe(" "),
          DomainPageText.sentence(
            r.closedAt.map {
              tr(
                "Facilitated by {facilitator}. Opened {opened}, closed {closed}.",
                [
                  "facilitator": DomainPageText.slot("facilitator"), "opened": .text(ViewParts.time(r.openedAt)),
                  "closed": .text(ViewParts.time($0)),
                ])
            }
              ?? tr(
                "Facilitated by {facilitator}. Opened {opened}. Assessors may submit until it is closed.",
                ["facilitator": DomainPageText.slot("facilitator"), "opened": .text(ViewParts.time(r.openedAt))]),
            ["facilitator": DomainText.asTyped(r.facilitator)])),
        .el(
          "p", ["class": "muted", "id": "round-pair", "data-pair": m.pair.id],
          .safe(
            tr(
              "The panel judges {pair}; its pooled judgement is adopted for that pair.",
              ["pair": .text(m.pair.description)])))
      ),
    ]
    if let adopted = m.adopted {
      body.append(
        .el(
          "p", ["id": "adopted-notice", "class": "notice success", "role": "status"],
          .safe(
            adopted == 0
              ? tr("Nothing to adopt: every domain already holds this panel's judgement as its current assessment.")
              : adopted == 1
                ? tr("The panel's pooled judgement is now the current assessment of 1 domain.")
                : tr(
                  "The panel's pooled judgement is now the current assessment of {count} domains.",
                  ["count": .text(String(adopted))])
          )))
    }
    if let reverted = m.reverted {
      body.append(
        .el(
          "p", ["id": "reverted-notice", "class": "notice success", "role": "status"],
          .safe(
            reverted == 1
              ? tr(
                "Reverted the adoption for 1 domain: each has a new assessment restoring the one before the panel's; the panel's judgement stays in the history."
              )
              : tr(
                "Reverted the adoption for {count} domains: each has a new assessment restoring the one before the panel's; the panel's judgement stays in the history.",
                ["count": .text(String(reverted))]))))
    }
    body.append(participation(m))
    body.append(unanswered(m))
    body.append(assessorLinks(m))
    if r.isOpen {
      body.append(
        .el(
          "form", ["id": "close-round", "method": "post", "action": RoundsURL.close(r.id), "class": "notice warning"],
          ViewParts.csrfField(m.csrf),
          .el("h2", [:], .safe(tr("Close the round"))),
          .el(
            "p", [:],
            .safe(
              tr(
                "Closing is final: no more judgements are accepted, and every assessor can then see the anonymous group distribution beside their own."
              ))),
          .el(
            "button", ["type": "submit", "id": "close-round-button", "class": "button primary"],
            .safe(tr("Close round {number}", ["number": .text(String(r.number))])))
        ))
    }
    body.append(convergence(m))
    if !r.isOpen {
      body.append(nextSteps(m))
      body.append(RoundsConfirmPage.revertSection(r, m.reversals, csrf: m.csrf))
    }
    body.append(history(m))
    return Page(title: RoundsParts.short(r), section: .rounds, body: body)
  }

  static func participation(_ m: RoundDetailModel) -> HTMLNode {
    .el(
      "section", ["id": "participation"],
      .el("h2", [:], .safe(tr("Who has submitted"))),
      .el("p", ["class": "count", "id": "participation-count"], .safe(participationCount(m))),
      ViewParts.scroll(
        tr("Submissions per domain"),
        .el(
          "table", ["class": "data", "id": "participation-table"],
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Domain"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Assessors"))),
              .el("th", ["scope": "col"], .safe(tr("Names"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Submissions"))))),
          .el(
            "tbody", [:],
            m.participation.map { p in
              .el(
                "tr", ["data-domain": p.domainID],
                .el(
                  "th", ["scope": "row"],
                  .el("a", ["href": SiteURL.domain(p.domainID)], RoundsParts.domain(p.domainID, p.name))),
                .el("td", ["class": "num"], .safe(String(p.assessors.count))),
                .el("td", [:], p.assessors.isEmpty ? .safe("—") : RoundsParts.typed(p.assessors)),
                .el("td", ["class": "num"], .safe(String(p.submissions))))
            })))
    )
  }

  /// `3 assessors submitted 5 judgements (revisions included) on 2 of 4 domains.`
  static func participationCount(_ m: RoundDetailModel) -> String {
    let judgements = m.participation.reduce(0) { $0 + $1.submissions }
    let values: [String: LocalizationArgument] = [
      "assessors": .text(String(m.assessors.count)), "judgements": .text(String(judgements)),
      "judged": .text(String(m.participation.filter { !$0.assessors.isEmpty }.count)),
      "domains": .text(String(m.participation.count)),
    ]
    switch (m.assessors.count == 1, judgements == 1) {
    case (true, true):
      return tr(
        "{assessors} assessor submitted {judgements} judgement (revisions included) on {judged} of {domains} domains.",
        values)
    case (true, false):
      return tr(
        "{assessors} assessor submitted {judgements} judgements (revisions included) on {judged} of {domains} domains.",
        values)
    case (false, true):
      return tr(
        "{assessors} assessors submitted {judgements} judgement (revisions included) on {judged} of {domains} domains.",
        values)
    case (false, false):
      return tr(
        "{assessors} assessors submitted {judgements} judgements (revisions included) on {judged} of {domains} domains.",
        values)
    }
  }

  static func assessorLinks(_ m: RoundDetailModel) -> HTMLNode {
    let r = m.round
    return .el(
      "section", ["id": "assessors"],
      .el("h2", [:], .safe(tr("Who has answered"))),
      .el(
        "p", [:],
        .safe(
          r.isOpen
            ? tr(
              "Each assessor signs in and judges the round's domains on their own page (send them its address: {address}).",
              ["address": .text(RoundsURL.assessorPath(r.id))])
            : tr(
              "The round is closed. Each assessor's feedback page shows the anonymous group distribution beside their own judgement."
            )
        )),
      m.assessors.isEmpty
        ? .none
        : .el(
          "ul", ["id": "assessor-links"],
          m.assessors.map { name in .el("li", [:], DomainText.asTyped(name)) }),
      .el(
        "p", [:],
        .safe(tr("Who answered is shown here only; no page links a judgement to its author.") + RoundsParts.space),
        .link(
          r.isOpen ? RoundsURL.assessorPath(r.id) : RoundsURL.feedbackPath(r.id),
          r.isOpen ? tr("Your own judgements") : tr("Your own feedback")))
    )
  }

  static func convergence(_ m: RoundDetailModel) -> HTMLNode {
    let r = m.round
    guard let c = m.convergence, let last = c.rounds.last, last.id == r.id else {
      return .el(
        "section", ["id": "convergence"],
        .el("h2", [:], .safe(tr("Convergence"))),
        .el(
          "p", [:],
          .safe(
            m.previous == nil
              ? tr("The spread of the panel's judgements is reported when this round closes.")
              : tr(
                "The change in spread since round {number} is reported when this round closes: until then, nobody sees the group's judgements.",
                ["number": .text(String(m.previous!.number))])
          )))
    }
    let index = c.rounds.count - 1
    let compare = index >= 1
    var content: [HTMLNode] = [
      .el(
        "h2", [:],
        .safe(
          compare
            ? tr("Convergence since round {number}", ["number": .text(String(c.rounds[index - 1].number))])
            : tr("Spread")))
    ]
    if compare, let s = c.latest {
      content.append(
        .el(
          "p", ["class": "count", "id": "convergence-summary"],
          .safe(
            tr(
              "Between round {from} and round {to}: {narrowed} criteria narrowed, {widened} widened, {unchanged} unchanged (of {compared} scored in both rounds).",
              [
                "from": .text(String(s.from)), "to": .text(String(s.to)), "narrowed": .text(String(s.narrowed)),
                "widened": .text(String(s.widened)), "unchanged": .text(String(s.unchanged)),
                "compared": .text(String(s.compared)),
              ]))))
      if s.nChanged > 0 { content.append(panelCaveat(s)) }
    }
    content.append(
      .el(
        "p", ["class": "hint"],
        .safe(
          tr(
            "Spread = the interquartile range (IQR) of the assessors' most likely values; the 90% band is the width of the pooled distribution (p95 − p05), which also counts each assessor's own uncertainty. A criterion narrowed when its IQR fell by more than 0.005 (or, with the IQR unchanged, its 90% band did)."
          ))))
    var head: [HTMLNode] = [
      .el("th", ["scope": "col"], .safe(tr("Domain"))), .el("th", ["scope": "col"], .safe(tr("Criterion"))),
    ]
    if compare {
      let earlier: [String: LocalizationArgument] = ["number": .text(String(c.rounds[index - 1].number))]
      let later: [String: LocalizationArgument] = ["number": .text(String(r.number))]
      head += [
        "n", tr("IQR round {number}", earlier), tr("IQR round {number}", later), tr("Change"),
        tr("90% band round {number}", earlier), tr("90% band round {number}", later), tr("Change"),
      ].map { .el("th", ["scope": "col", "class": "num"], .safe($0)) }
      head.append(.el("th", ["scope": "col"], .safe(tr("Trend"))))
    } else {
      head += ["n", tr("Median"), "IQR", tr("90% band")].map {
        .el("th", ["scope": "col", "class": "num"], .safe($0))
      }
    }
    var rows: [HTMLNode] = []
    for row in c.rows {
      let this = row.spreads[index]
      let before = compare ? row.spreads[index - 1] : nil
      guard this != nil || before != nil else { continue }
      var cells: [HTMLNode] = [
        .el("td", [:], RoundsParts.domain(row.domainID, m.name(row.domainID))),
        .el("th", ["scope": "row"], .safe(RoundsParts.title(row.criterion))),
      ]
      func num(_ v: Double?) -> HTMLNode { .el("td", ["class": "num"], .safe(v.map(RoundsParts.n) ?? "—")) }
      if compare {
        let change = row.changes[index - 1]
        cells += [
          .el(
            "td", ["class": "num"], .safe("\(before.map { String($0.n) } ?? "—")→\(this.map { String($0.n) } ?? "—")")),
          num(before?.iqr), num(this?.iqr),
          .el("td", ["class": "num"], .safe(change.map { ViewParts.signed($0.iqr) } ?? "—")),
          num(before?.pooledWidth), num(this?.pooledWidth),
          .el("td", ["class": "num"], .safe(change.map { ViewParts.signed($0.pooledWidth) } ?? "—")),
          .el(
            "td", ["data-trend": change?.trend.rawValue ?? "none"],
            .safe(change.map { trend($0.trend) } ?? tr("not comparable")),
            nFlag(before?.n, this?.n)),
        ]
      } else if let this {
        cells += [
          .el("td", ["class": "num"], .safe(String(this.n))), num(this.median), num(this.iqr), num(this.pooledWidth),
        ]
      }
      let nChanged = compare && before != nil && this != nil && before?.n != this?.n
      rows.append(
        .el(
          "tr",
          [
            "data-domain": row.domainID, "data-criterion": row.criterion.rawValue,
            "data-n-changed": nChanged ? "true" : nil,
          ], cells))
    }
    content.append(
      ViewParts.scroll(
        tr("Spread per criterion"),
        .el(
          "table", ["class": "data", "id": "convergence-table"],
          .el("thead", [:], .el("tr", [:], head)), .el("tbody", [:], rows))))
    if compare { content.append(panelNotes(m, c, index: index)) }
    return .el("section", ["id": "convergence"], content)
  }

  static func nextSteps(_ m: RoundDetailModel) -> HTMLNode {
    let r = m.round
    var items: [HTMLNode] = []
    if let next = m.next {
      items.append(
        .el(
          "p", [:], .safe(tr("Round {number} follows this one: ", ["number": .text(String(next.number))])),
          .el("a", ["href": RoundsURL.round(next.id)], DomainText.asTyped(next.title))))
    } else {
      items.append(
        .el(
          "p", [:],
          .link(
            RoundsURL.next(after: r.id), tr("Open round {number}", ["number": .text(String(r.number + 1))]),
            ["class": "button secondary", "id": "open-next"]),
          .safe(tr(" so that assessors can revise their judgements in the light of this round's feedback."))))
    }
    items.append(
      .el(
        "form", ["id": "adopt-round", "method": "post", "action": RoundsURL.adopt(r.id)],
        ViewParts.csrfField(m.csrf),
        .el(
          "p", ["class": "hint"],
          DomainPageText.sentence(
            tr(
              "Adopting adds the panel's pooled judgement (per criterion the linear pool's 5th–95th percentiles, as elicited quantiles) as a new assessment of each domain, under the name “{name}”. Earlier assessments are kept.",
              ["name": DomainPageText.slot("name")]), ["name": DomainText.asTyped(Delphi.panelName(r))])),
        .el(
          "button", ["type": "submit", "class": "button secondary", "id": "adopt-round-button"],
          .safe(tr("Adopt the panel's judgement")))
      ))
    return .el("section", ["id": "next-steps"], [.el("h2", [:], .safe(tr("Next")))] + items)
  }

  static func history(_ m: RoundDetailModel) -> HTMLNode {
    .el(
      "section", ["id": "history"],
      .el(
        "h2", [:],
        DomainPageText.sentence(
          tr("Rounds of {study}", ["study": DomainPageText.slot("study")]),
          ["study": DomainText.asTyped(m.round.study)])),
      .el(
        "ol", ["class": "round-history"],
        m.history.map { h in
          let values: [String: LocalizationArgument] = [
            "number": .text(String(h.number)), "title": DomainPageText.slot("title"),
          ]
          let text = DomainPageText.sentence(
            h.isOpen ? tr("Round {number}: {title} (open)", values) : tr("Round {number}: {title} (closed)", values),
            ["title": DomainText.asTyped(h.title)])
          return .el(
            "li", ["value": String(h.number), "data-round": String(h.id)],
            h.id == m.round.id
              ? .el("span", ["aria-current": "page"], .el("strong", [:], text))
              : .el("a", ["href": RoundsURL.round(h.id)], text))
        })
    )
  }
}

// Who has not answered, and the convergence notes that separate narrowing from drop-out.
extension RoundsDetailPage {
  /// Per domain, the members of the expected panel (the previous round's and this round's
  /// panellists) without a judgement: for the facilitator only.
  static func unanswered(_ m: RoundDetailModel) -> HTMLNode {
    guard let u = m.unanswered else { return .none }
    let r = m.round
    let heading = r.isOpen ? tr("Who has not answered yet") : tr("Who did not answer")
    let count: [String: LocalizationArgument] = [
      "count": .text(String(u.panel.count)), "number": .text(String(m.previous?.number ?? 0)),
    ]
    let expected: String
    switch (m.previous != nil, u.panel.count == 1) {
    case (true, true):
      expected = tr(
        "The expected panel is everyone who submitted in round {number}, and anyone who has submitted in this round: {count} person. Only the facilitator sees these names.",
        count)
    case (true, false):
      expected = tr(
        "The expected panel is everyone who submitted in round {number}, and anyone who has submitted in this round: {count} people. Only the facilitator sees these names.",
        count)
    case (false, true):
      expected = tr(
        "The expected panel is everyone who has submitted in this round: {count} person. Only the facilitator sees these names.",
        count)
    case (false, false):
      expected = tr(
        "The expected panel is everyone who has submitted in this round: {count} people. Only the facilitator sees these names.",
        count)
    }
    var content: [HTMLNode] = [
      .el("h2", [:], .safe(heading)),
      .el("p", ["class": "hint"], .safe(expected)),
    ]
    if u.panel.isEmpty {
      content.append(
        .el("p", ["id": "unanswered-none"], .safe(tr("Nobody has submitted yet, and no earlier round names a panel."))))
    } else if u.isComplete {
      content.append(
        .el(
          "p", ["class": "notice success", "id": "unanswered-complete"],
          .safe(tr("Everyone on the panel has judged every domain."))))
    } else {
      content.append(
        .el(
          "ul", ["id": "unanswered-list"],
          u.domains.map { d in
            .el(
              "li", ["data-domain": d.domainID, "data-missing": String(d.missing.count)],
              .el(
                "strong", [:],
                DomainPageText.sentence(
                  tr("{name}: ", ["name": DomainPageText.slot("name")]),
                  ["name": RoundsParts.domain(d.domainID, m.name(d.domainID))])),
              DomainPageText.sentence(
                d.missing.isEmpty
                  ? tr("everyone has answered.")
                  : tr(
                    "{count} missing: {names}.",
                    ["count": .text(String(d.missing.count)), "names": DomainPageText.slot("names")]),
                ["names": RoundsParts.typed(d.missing)])
            )
          }))
      if !u.silent.isEmpty {
        content.append(
          .el(
            "p", ["id": "unanswered-silent"],
            DomainPageText.sentence(
              r.isOpen
                ? tr("Nothing yet from {names} in this round.", ["names": DomainPageText.slot("names")])
                : tr("Nothing from {names} in this round.", ["names": DomainPageText.slot("names")]),
              ["names": RoundsParts.typed(u.silent)])
          ))
      }
    }
    return .el("section", ["id": "unanswered"], content)
  }

  /// `N fell` / `N rose` beside a changed number of panellists (written, not only coloured).
  static func nFlag(_ before: Int?, _ after: Int?) -> HTMLNode {
    guard let before, let after, before != after else { return .none }
    return .group([
      .safe(" "),
      .el("span", ["class": "flag", "data-flag": "n-changed"], .safe(after < before ? tr("N fell") : tr("N rose"))),
    ])
  }

  /// The summary's warning when the panel changed between the rounds.
  static func panelCaveat(_ s: Convergence.Summary) -> HTMLNode {
    var text = tr(
      "N changed for {count} of these criteria (flagged in the table): the panel was not the same in both rounds.",
      ["count": .text(String(s.nChanged))])
    if s.narrowedWhileNFell > 0 {
      text +=
        RoundsParts.space
        + (s.narrowedWhileNFell == 1
          ? tr(
            "In 1 criterion the spread narrowed while N fell: that narrowing partly reflects missing panellists; the notes below say whether those who stayed converged."
          )
          : tr(
            "In {count} criteria the spread narrowed while N fell: those narrowings partly reflect missing panellists; the notes below say whether those who stayed converged.",
            ["count": .text(String(s.narrowedWhileNFell))]))
    }
    return .el("p", ["class": "notice warning", "id": "convergence-caveat"], .safe(text))
  }

  /// A note for every criterion whose panel changed between the two rounds: the trend, who
  /// answered, and how those who answered both moved.
  static func panelNotes(_ m: RoundDetailModel, _ c: Convergence, index: Int) -> HTMLNode {
    let notes: [HTMLNode] = c.rows.compactMap { row in
      guard let change = row.changes[index - 1], change.caveat != nil else { return nil }
      return .el(
        "li", ["data-domain": row.domainID, "data-criterion": row.criterion.rawValue],
        .el(
          "strong", [:],
          DomainPageText.sentence(
            tr(
              "{domain} · {criterion}: ",
              ["domain": DomainPageText.slot("domain"), "criterion": .text(RoundsParts.title(row.criterion))]),
            ["domain": RoundsParts.domain(row.domainID, m.name(row.domainID))])),
        RoundsParts.changeNote(change))
    }
    guard !notes.isEmpty else {
      return .el(
        "p", ["class": "hint", "id": "convergence-same-panel"],
        .safe(
          tr("Every criterion compared was answered by the same panellists in both rounds: the changes are theirs.")))
    }
    return .el(
      "div", ["id": "convergence-notes"],
      .el("h3", [:], .safe(tr("Where the panel changed"))),
      .el("ul", ["class": "convergence-notes"], notes))
  }

  /// A trend's word, as the table shows it (`narrowed`).
  static func trend(_ t: Convergence.Trend) -> String {
    switch t {
    case .narrowed: return tr("narrowed")
    case .widened: return tr("widened")
    case .unchanged: return tr("unchanged")
    }
  }
}
