import Foundation
import Plot
import SafeZonesCharts
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
            "For each criterion: the group's distribution — the linear pool of every assessor's latest judgement in this round, yours included — beside your own"
              + (f.previous.map { ", against round \($0.number)'s" } ?? "")
              + ", and the reasons the panel gave. The group is anonymous: it shows how many assessors judged and what they said, never who said what."
          )),
        .el(
          "p", ["class": "hint", "id": "how-to-read"],
          .safe(
            "How to read the charts: each dot is one panellist's most likely value, a bar through it their range; the box is the group's middle half, the thick line its median, the whiskers its 90% band. Your value is ringed and marked “you”."
              + (f.previous.map { " Round \($0.number) is in grey beneath." } ?? "")))),
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
    let previous = m.feedback.previous.flatMap { p in d.previousAssessors.map { (p.number, $0) } }
    var content: [HTMLNode] = [
      .el("h2", [:], .safe(m.name(d.domainID))),
      .el(
        "p", ["class": "count"],
        .safe(
          (d.assessors == 0
            ? "Nobody judged this domain in this round"
            : "\(d.assessors) assessor\(d.assessors == 1 ? "" : "s") judged this domain"
              + (d.own == nil ? "; you did not" : ", you included"))
            + (previous.map { "; \($0.1) in round \($0.0)." } ?? ".")
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
      content.append(.el("p", [:], .safe("There is no group distribution to show.")))
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
    content += d.items.map { criterion(m, d, $0) }
    return .el("section", ["id": "feedback-\(d.domainID)", "data-domain": d.domainID], content)
  }

  /// One criterion: the chart against the previous round with its numbers, how the spread
  /// moved (and how much of that is the panel changing), and the panel's rationales.
  static func criterion(
    _ m: RoundFeedbackModel, _ d: RoundFeedback.DomainFeedback, _ item: RoundFeedback.Item
  )
    -> HTMLNode
  {
    let f = m.feedback
    let id = "feedback-\(d.domainID)-\(item.criterion.rawValue)"
    let previous = f.previous?.number
    let svg = DelphiDistributionChart.svg(item, round: f.round.number, previousRound: previous, id: "\(id)-chart")
    var numbers: [HTMLNode] = []
    func line(_ label: String, _ g: GroupDistribution?, _ cls: String) {
      numbers.append(
        .el(
          "li", ["class": cls], .el("strong", [:], .safe(label + ": ")),
          .safe(g.map(RoundsParts.group) ?? "not scored")))
    }
    line("Round \(f.round.number)", item.group, "group-now")
    if let previous { line("Round \(previous)", item.previous, "group-before") }
    if let own = item.own {
      let before = previous.map { " (round \($0): \(item.previousOwn.map { ViewParts.score($0.value) } ?? "none"))" }
      numbers.append(
        .el(
          "li", ["class": "own"], .el("strong", [:], .safe("You: ")),
          .safe(
            ViewParts.score(own.value) + (before ?? "") + (item.position.map { ", " + RoundsParts.position($0) } ?? "")
              + ".")))
    }
    var left: [HTMLNode] = [
      .el("div", ["class": "delphi-chart"], .raw(MapPage.inlineSVG(svg))),
      .el("ul", ["class": "delphi-numbers hint"], numbers),
    ]
    if let change = item.change {
      left.append(RoundsParts.changeNote(change, id: "\(id)-change"))
    } else if let previous {
      left.append(
        .el(
          "p", ["class": "convergence-note", "id": "\(id)-change"],
          .safe("Not scored in round \(previous): no change to compare.")))
    }
    return .el(
      "section",
      ["class": "criterion-card delphi-criterion", "id": id, "data-criterion": item.criterion.rawValue],
      .el("h3", [:], .safe(item.criterion.title)),
      .el("div", ["class": "criterion-grid"], .el("div", [:], left), rationales(item, id: id)))
  }

  /// The rationales given for a criterion, without names, sorted by score then text; the
  /// reader's own marked “yours”.
  static func rationales(_ item: RoundFeedback.Item, id: String) -> HTMLNode {
    let heading = HTMLNode.el("h4", [:], .safe("Reasons given (\(item.rationales.count))"))
    guard !item.rationales.isEmpty else {
      return .el(
        "div", ["class": "rationales", "id": "\(id)-rationales"], heading,
        .el("p", ["class": "hint"], .safe("Nobody gave a reason for this criterion in this round.")))
    }
    return .el(
      "div", ["class": "rationales", "id": "\(id)-rationales"], heading,
      .el(
        "ul", ["class": "rationale-list"],
        item.rationales.map { r in
          .el(
            "li", ["class": r.isOwn ? "rationale yours" : "rationale", "data-own": r.isOwn ? "true" : nil],
            .el("span", ["class": "rationale-score"], .safe("Score \(ViewParts.score(r.value)): ")),
            .safe(r.text),
            r.isOwn ? .el("strong", ["class": "yours-mark"], .safe(" (yours)")) : .none)
        }),
      .el(
        "p", ["class": "hint"],
        .safe("Sorted by score, then text: the order says nothing about who wrote what.")))
  }
}

extension RoundsParts {
  /// How a criterion's spread moved between two rounds, in words (`Convergence.Change`'s
  /// note): the trend, who answered (emphasised when the panel changing explains the trend:
  /// drop-out or newcomers), and how those who answered both rounds moved.
  static func changeNote(_ change: Convergence.Change, id: String? = nil) -> HTMLNode {
    let explains = change.caveat == .dropout || change.caveat == .newcomers
    return .el(
      "p",
      [
        "class": "convergence-note", "id": id, "data-trend": change.trend.rawValue,
        "data-caveat": change.caveat?.rawValue,
      ],
      .safe(change.trendText + " "),
      explains ? .el("strong", ["class": "caveat"], .safe(change.panelText)) : .safe(change.panelText),
      change.stayedText.map { .safe(" " + $0) } ?? .none)
  }
}
