import Foundation
import Plot
import SafeZonesCore

enum RoundsDetailPage {
  static func page(_ m: RoundDetailModel) -> Page {
    let r = m.round
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Rounds", RoundsURL.list), ("\(r.study), round \(r.number)", nil)]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(RoundsParts.heading(r))),
        .el(
          "p", ["class": "byline", "id": "round-status"], RoundsParts.status(r),
          .safe(
            " Facilitated by \(r.facilitator). Opened \(ViewParts.time(r.openedAt))"
              + (r.closedAt.map { ", closed \(ViewParts.time($0))." } ?? ". Assessors may submit until it is closed."))),
        .el(
          "p", ["class": "muted", "id": "round-pair", "data-pair": m.pair.id],
          .safe("The panel judges \(m.pair); its pooled judgement is adopted for that pair."))
      ),
    ]
    if let adopted = m.adopted {
      body.append(
        .el(
          "p", ["id": "adopted-notice", "class": "notice success", "role": "status"],
          .safe(
            adopted == 0
              ? "Nothing to adopt: every domain already holds this panel's judgement as its current assessment."
              : "The panel's pooled judgement is now the current assessment of \(adopted) domain\(adopted == 1 ? "" : "s")."
          )))
    }
    if let reverted = m.reverted {
      body.append(
        .el(
          "p", ["id": "reverted-notice", "class": "notice success", "role": "status"],
          .safe(
            "Reverted the adoption for \(reverted) domain\(reverted == 1 ? "" : "s"): each has a new assessment restoring the one before the panel's; the panel's judgement stays in the history."
          )))
    }
    body.append(participation(m))
    body.append(unanswered(m))
    body.append(assessorLinks(m))
    if r.isOpen {
      body.append(
        .el(
          "form", ["id": "close-round", "method": "post", "action": RoundsURL.close(r.id), "class": "notice warning"],
          ViewParts.csrfField(m.csrf),
          .el("h2", [:], .safe("Close the round")),
          .el(
            "p", [:],
            .safe(
              "Closing is final: no more judgements are accepted, and every assessor can then see the anonymous group distribution beside their own."
            )),
          .el(
            "button", ["type": "submit", "id": "close-round-button", "class": "button primary"],
            .safe("Close round \(r.number)"))
        ))
    }
    body.append(convergence(m))
    if !r.isOpen {
      body.append(nextSteps(m))
      body.append(RoundsConfirmPage.revertSection(r, m.reversals, csrf: m.csrf))
    }
    body.append(history(m))
    return Page(title: "\(r.study), round \(r.number)", section: .rounds, body: body)
  }

  static func participation(_ m: RoundDetailModel) -> HTMLNode {
    .el(
      "section", ["id": "participation"],
      .el("h2", [:], .safe("Who has submitted")),
      .el(
        "p", ["class": "count", "id": "participation-count"],
        .safe(
          "\(m.assessors.count) assessor\(m.assessors.count == 1 ? "" : "s") submitted \(m.participation.reduce(0) { $0 + $1.submissions }) judgement\(m.participation.reduce(0) { $0 + $1.submissions } == 1 ? "" : "s") (revisions included) on \(m.participation.filter { !$0.assessors.isEmpty }.count) of \(m.participation.count) domains."
        )),
      ViewParts.scroll(
        "Submissions per domain",
        .el(
          "table", ["class": "data", "id": "participation-table"],
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Domain")),
              .el("th", ["scope": "col", "class": "num"], .safe("Assessors")),
              .el("th", ["scope": "col"], .safe("Names")),
              .el("th", ["scope": "col", "class": "num"], .safe("Submissions")))),
          .el(
            "tbody", [:],
            m.participation.map { p in
              .el(
                "tr", ["data-domain": p.domainID],
                .el("th", ["scope": "row"], .link(SiteURL.domain(p.domainID), p.name)),
                .el("td", ["class": "num"], .safe(String(p.assessors.count))),
                .el("td", [:], .safe(p.assessors.isEmpty ? "—" : p.assessors.joined(separator: ", "))),
                .el("td", ["class": "num"], .safe(String(p.submissions))))
            })))
    )
  }

  static func assessorLinks(_ m: RoundDetailModel) -> HTMLNode {
    let r = m.round
    return .el(
      "section", ["id": "assessors"],
      .el("h2", [:], .safe("Who has answered")),
      .el(
        "p", [:],
        .safe(
          r.isOpen
            ? "Each assessor signs in and judges the round's domains on their own page (send them its address: \(RoundsURL.assessorPath(r.id)))."
            : "The round is closed. Each assessor's feedback page shows the anonymous group distribution beside their own judgement."
        )),
      m.assessors.isEmpty
        ? .none
        : .el(
          "ul", ["id": "assessor-links"],
          m.assessors.map { name in .el("li", [:], .safe(name)) }),
      .el(
        "p", [:],
        .safe("Who answered is shown here only; no page links a judgement to its author. "),
        .link(
          r.isOpen ? RoundsURL.assessorPath(r.id) : RoundsURL.feedbackPath(r.id),
          r.isOpen ? "Your own judgements" : "Your own feedback"))
    )
  }

  static func convergence(_ m: RoundDetailModel) -> HTMLNode {
    let r = m.round
    guard let c = m.convergence, let last = c.rounds.last, last.id == r.id else {
      return .el(
        "section", ["id": "convergence"],
        .el("h2", [:], .safe("Convergence")),
        .el(
          "p", [:],
          .safe(
            m.previous == nil
              ? "The spread of the panel's judgements is reported when this round closes."
              : "The change in spread since round \(m.previous!.number) is reported when this round closes: until then, nobody sees the group's judgements."
          )))
    }
    let index = c.rounds.count - 1
    let compare = index >= 1
    var content: [HTMLNode] = [
      .el("h2", [:], .safe(compare ? "Convergence since round \(c.rounds[index - 1].number)" : "Spread"))
    ]
    if compare, let s = c.latest {
      content.append(
        .el(
          "p", ["class": "count", "id": "convergence-summary"],
          .safe(
            "Between round \(s.from) and round \(s.to): \(s.narrowed) criteria narrowed, \(s.widened) widened, \(s.unchanged) unchanged (of \(s.compared) scored in both rounds)."
          )))
      if s.nChanged > 0 { content.append(panelCaveat(s)) }
    }
    content.append(
      .el(
        "p", ["class": "hint"],
        .safe(
          "Spread = the interquartile range (IQR) of the assessors' most likely values; the 90% band is the width of the pooled distribution (p95 − p05), which also counts each assessor's own uncertainty. A criterion narrowed when its IQR fell by more than 0.005 (or, with the IQR unchanged, its 90% band did)."
        )))
    var head: [HTMLNode] = [
      .el("th", ["scope": "col"], .safe("Domain")), .el("th", ["scope": "col"], .safe("Criterion")),
    ]
    if compare {
      head += [
        "n", "IQR round \(c.rounds[index - 1].number)", "IQR round \(r.number)", "Change",
        "90% band round \(c.rounds[index - 1].number)", "90% band round \(r.number)", "Change",
      ].map { .el("th", ["scope": "col", "class": "num"], .safe($0)) }
      head.append(.el("th", ["scope": "col"], .safe("Trend")))
    } else {
      head += ["n", "Median", "IQR", "90% band"].map { .el("th", ["scope": "col", "class": "num"], .safe($0)) }
    }
    var rows: [HTMLNode] = []
    for row in c.rows {
      let this = row.spreads[index]
      let before = compare ? row.spreads[index - 1] : nil
      guard this != nil || before != nil else { continue }
      var cells: [HTMLNode] = [
        .el("td", [:], .safe(m.name(row.domainID))), .el("th", ["scope": "row"], .safe(row.criterion.title)),
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
            "td", ["data-trend": change?.trend.rawValue ?? "none"], .safe(change?.trend.rawValue ?? "not comparable"),
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
        "Spread per criterion",
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
        .el("p", [:], .safe("Round \(next.number) follows this one: "), .link(RoundsURL.round(next.id), next.title)))
    } else {
      items.append(
        .el(
          "p", [:],
          .link(
            RoundsURL.next(after: r.id), "Open round \(r.number + 1)", ["class": "button secondary", "id": "open-next"]),
          .safe(" so that assessors can revise their judgements in the light of this round's feedback.")))
    }
    items.append(
      .el(
        "form", ["id": "adopt-round", "method": "post", "action": RoundsURL.adopt(r.id)],
        ViewParts.csrfField(m.csrf),
        .el(
          "p", ["class": "hint"],
          .safe(
            "Adopting adds the panel's pooled judgement (per criterion the linear pool's 5th–95th percentiles, as elicited quantiles) as a new assessment of each domain, under the name “\(Delphi.panelName(r))”. Earlier assessments are kept."
          )),
        .el(
          "button", ["type": "submit", "class": "button secondary", "id": "adopt-round-button"],
          .safe("Adopt the panel's judgement"))
      ))
    return .el("section", ["id": "next-steps"], [.el("h2", [:], .safe("Next"))] + items)
  }

  static func history(_ m: RoundDetailModel) -> HTMLNode {
    .el(
      "section", ["id": "history"],
      .el("h2", [:], .safe("Rounds of \(m.round.study)")),
      .el(
        "ol", ["class": "round-history"],
        m.history.map { h in
          let text = "Round \(h.number): \(h.title) (\(h.isOpen ? "open" : "closed"))"
          return .el(
            "li", ["value": String(h.number), "data-round": String(h.id)],
            h.id == m.round.id
              ? .el("span", ["aria-current": "page"], .el("strong", [:], .safe(text)))
              : .link(RoundsURL.round(h.id), text))
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
    let heading = r.isOpen ? "Who has not answered yet" : "Who did not answer"
    let source =
      m.previous.map { "everyone who submitted in round \($0.number), and anyone who has submitted in this round" }
      ?? "everyone who has submitted in this round"
    var content: [HTMLNode] = [
      .el("h2", [:], .safe(heading)),
      .el(
        "p", ["class": "hint"],
        .safe(
          "The expected panel is \(source): \(u.panel.count) \(u.panel.count == 1 ? "person" : "people"). Only the facilitator sees these names."
        )),
    ]
    if u.panel.isEmpty {
      content.append(
        .el("p", ["id": "unanswered-none"], .safe("Nobody has submitted yet, and no earlier round names a panel.")))
    } else if u.isComplete {
      content.append(
        .el(
          "p", ["class": "notice success", "id": "unanswered-complete"],
          .safe("Everyone on the panel has judged every domain.")))
    } else {
      content.append(
        .el(
          "ul", ["id": "unanswered-list"],
          u.domains.map { d in
            .el(
              "li", ["data-domain": d.domainID, "data-missing": String(d.missing.count)],
              .el("strong", [:], .safe(m.name(d.domainID) + ": ")),
              .safe(
                d.missing.isEmpty
                  ? "everyone has answered." : "\(d.missing.count) missing: \(d.missing.joined(separator: ", ")).")
            )
          }))
      if !u.silent.isEmpty {
        content.append(
          .el(
            "p", ["id": "unanswered-silent"],
            .safe(
              (r.isOpen ? "Nothing yet from " : "Nothing from ") + u.silent.joined(separator: ", ") + " in this round.")
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
      .el("span", ["class": "flag", "data-flag": "n-changed"], .safe(after < before ? "N fell" : "N rose")),
    ])
  }

  /// The summary's warning when the panel changed between the rounds.
  static func panelCaveat(_ s: Convergence.Summary) -> HTMLNode {
    var text =
      "N changed for \(s.nChanged) of these criteria (flagged in the table): the panel was not the same in both rounds."
    if s.narrowedWhileNFell > 0 {
      let one = s.narrowedWhileNFell == 1
      text +=
        " In \(s.narrowedWhileNFell) criteri\(one ? "on" : "a") the spread narrowed while N fell: \(one ? "that narrowing partly reflects" : "those narrowings partly reflect") missing panellists; the notes below say whether those who stayed converged."
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
        .el("strong", [:], .safe("\(m.name(row.domainID)) · \(row.criterion.title): ")),
        RoundsParts.changeNote(change))
    }
    guard !notes.isEmpty else {
      return .el(
        "p", ["class": "hint", "id": "convergence-same-panel"],
        .safe("Every criterion compared was answered by the same panellists in both rounds: the changes are theirs."))
    }
    return .el(
      "div", ["id": "convergence-notes"],
      .el("h3", [:], .safe("Where the panel changed")),
      .el("ul", ["class": "convergence-notes"], notes))
  }
}
