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
              + (r.closedAt.map { ", closed \(ViewParts.time($0))." } ?? ". Assessors may submit until it is closed.")))
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
    body.append(participation(m))
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
    if !r.isOpen { body.append(nextSteps(m)) }
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
            "td", ["data-trend": change?.trend.rawValue ?? "none"], .safe(change?.trend.rawValue ?? "not comparable")),
        ]
      } else if let this {
        cells += [
          .el("td", ["class": "num"], .safe(String(this.n))), num(this.median), num(this.iqr), num(this.pooledWidth),
        ]
      }
      rows.append(.el("tr", ["data-domain": row.domainID, "data-criterion": row.criterion.rawValue], cells))
    }
    content.append(
      ViewParts.scroll(
        "Spread per criterion",
        .el(
          "table", ["class": "data", "id": "convergence-table"],
          .el("thead", [:], .el("tr", [:], head)), .el("tbody", [:], rows))))
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
