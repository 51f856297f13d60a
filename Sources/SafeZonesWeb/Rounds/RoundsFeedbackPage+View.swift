import Foundation
import Plot
import SafeZonesCore

enum RoundsFeedbackPage {
  /// Shown while the round is open: no group data until it closes.
  static func notYet(_ round: Round, assessor: String) -> Page {
    Page(
      title: "Feedback · \(round.study), round \(round.number)", section: .rounds,
      body: [
        ViewParts.breadcrumb([
          ("Rounds", RoundsURL.list), ("\(round.study), round \(round.number)", RoundsURL.round(round.id)),
          ("Feedback", nil),
        ]),
        .el("div", ["class": "page-head"], .el("h1", [:], .safe(RoundsParts.heading(round)))),
        .el(
          "p", ["class": "notice warning", "id": "feedback-pending", "role": "status"],
          .safe(
            "This round is still open. The group's feedback is shown once the facilitator closes it, so that every judgement is made independently. "
          ),
          .link(RoundsURL.assessor(round.id, name: assessor), "Go to your judgements")),
      ])
  }

  static func page(_ m: RoundFeedbackModel) -> Page {
    let f = m.feedback
    let r = f.round
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        ("Rounds", RoundsURL.list), ("\(r.study), round \(r.number)", RoundsURL.round(r.id)), ("Feedback", nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Feedback: " + RoundsParts.heading(r))),
        .el(
          "p", ["class": "byline", "id": "feedback-for"], .safe("For "), .el("strong", [:], .safe(f.assessor)),
          .safe(". "),
          .link(RoundsURL.feedbackPath(r.id), "Not you?")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "For each criterion: the group's distribution — the linear pool of every assessor's latest judgement in this round, yours included — beside your own. The group is anonymous: it shows how many assessors judged, never who said what."
          ))),
    ]
    if !f.participated {
      body.append(
        .el(
          "p", ["class": "notice", "id": "not-participated"],
          .safe("You did not submit a judgement in this round; the group's distribution is shown alone.")))
    }
    if let next = m.next {
      body.append(
        .el(
          "p", ["class": "notice success", "id": "next-round"],
          .safe("Round \(next.number) (\(next.title)) is \(next.isOpen ? "open" : "closed"). "),
          next.isOpen
            ? .link(RoundsURL.assessor(next.id, name: f.assessor), "Revise your judgements in round \(next.number)")
            : .none))
    }
    for d in f.domains { body.append(domain(m, d)) }
    return Page(title: "Feedback · \(r.study), round \(r.number)", section: .rounds, body: body)
  }

  static func row(_ item: RoundFeedback.Item) -> HTMLNode {
    let g = item.group
    let median: String = g.map { RoundsParts.n($0.median) } ?? "—"
    let middle: String = g.map { RoundsParts.band($0.p25, $0.p75) } ?? "—"
    let band: String = g.map { RoundsParts.band($0.p05, $0.p95) } ?? "—"
    let own: String = item.own.map { ViewParts.score($0.value) } ?? "—"
    let position: String = item.position.map(RoundsParts.position) ?? "—"
    let cells: [HTMLNode] = [
      .el("th", ["scope": "row"], .safe(item.criterion.title)),
      .el("td", ["class": "num"], .safe(g.map { String($0.n) } ?? "0")),
      .el("td", ["class": "num group-median"], .safe(median)),
      .el("td", ["class": "num"], .safe(middle)),
      .el("td", ["class": "num"], .safe(band)),
      .el("td", ["class": "num own"], .safe(own)),
      .el("td", ["data-position": item.position?.rawValue ?? "none"], .safe(position)),
    ]
    return .el("tr", ["data-criterion": item.criterion.rawValue], cells)
  }

  static func domain(_ m: RoundFeedbackModel, _ d: RoundFeedback.DomainFeedback) -> HTMLNode {
    var content: [HTMLNode] = [
      .el("h2", [:], .safe(m.name(d.domainID))),
      .el(
        "p", ["class": "count"],
        .safe(
          "\(d.assessors) assessor\(d.assessors == 1 ? "" : "s") judged this domain"
            + (d.own == nil ? "; you did not." : ", you included.")
        )),
    ]
    if d.assessors > 0 && d.assessors < 3 {
      content.append(
        .el(
          "p", ["class": "hint small-panel"],
          .safe(
            "With so few assessors, the group's distribution is close to the individual judgements: read it as the range of views rather than a consensus."
          )))
    }
    guard !d.items.isEmpty else {
      content.append(.el("p", [:], .safe("Nobody judged this domain in this round.")))
      return .el("section", ["id": "feedback-\(d.domainID)", "data-domain": d.domainID], content)
    }
    content.append(
      ViewParts.scroll(
        "Group and yours: \(m.name(d.domainID))",
        .el(
          "table", ["class": "data feedback"],
          .el(
            "caption", [:],
            .safe(
              "Scores 0–4. Middle half = 25th–75th percentile; 90% band = 5th–95th percentile of the pooled distribution."
            )),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Criterion")),
              .el("th", ["scope": "col", "class": "num"], .safe("Assessors")),
              .el("th", ["scope": "col", "class": "num"], .safe("Group median")),
              .el("th", ["scope": "col", "class": "num"], .safe("Middle half")),
              .el("th", ["scope": "col", "class": "num"], .safe("90% band")),
              .el("th", ["scope": "col", "class": "num"], .safe("Yours")),
              .el("th", ["scope": "col"], .safe("Yours against the group")))),
          .el(
            "tbody", [:],
            d.items.map(row)))))
    if let own = d.own, let note = own.note {
      content.append(.el("p", [:], .el("strong", [:], .safe("Your note: ")), .safe(note)))
    }
    return .el("section", ["id": "feedback-\(d.domainID)", "data-domain": d.domainID], content)
  }
}
