import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

enum RoundsFeedbackPage {
  /// Shown while the round is open: no group data until it closes.
  static func notYet(_ round: Round, assessor: String) -> Page {
    Page(
      title: tr(
        "Feedback · {study}, round {number}", ["study": .text(round.study), "number": .text(String(round.number))]),
      section: .rounds,
      body: [
        ViewParts.breadcrumb([
          (tr("Rounds"), RoundsURL.list), (RoundsParts.short(round), RoundsURL.round(round.id)), (tr("Feedback"), nil),
        ]),
        .el("div", ["class": "page-head"], .el("h1", [:], RoundsParts.headingNode(round))),
        .el(
          "p", ["class": "notice warning", "id": "feedback-pending", "role": "status"],
          .safe(
            tr(
              "This round is still open. The group's feedback is shown once the facilitator closes it, so that every judgement is made independently."
            ) + RoundsParts.space),
          .link(RoundsURL.assessor(round.id, name: assessor), tr("Go to your judgements"))),
      ])
  }

  static func page(_ m: RoundFeedbackModel) -> Page {
    let f = m.feedback
    let r = f.round
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        (tr("Rounds"), RoundsURL.list), (RoundsParts.short(r), RoundsURL.round(r.id)), (tr("Feedback"), nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el(
          "h1", [:],
          DomainPageText.sentence(
            tr("Feedback: {round}", ["round": DomainPageText.slot("round")]), ["round": RoundsParts.headingNode(r)])),
        .el(
          "p", ["class": "byline", "id": "feedback-for"],
          RoundsParts.splice(
            tr("For {name}.", ["name": .text(RoundsParts.slot)]), .el("strong", [:], DomainText.asTyped(f.assessor))),
          .safe(RoundsParts.space),
          .link(RoundsURL.feedbackPath(r.id), tr("Not you?"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            f.previous.map {
              tr(
                "For each criterion: the group's distribution — the linear pool of every assessor's latest judgement in this round, yours included — beside your own, against round {number}'s, and the reasons the panel gave. The group is anonymous: it shows how many assessors judged and what they said, never who said what.",
                ["number": .text(String($0.number))])
            }
              ?? tr(
                "For each criterion: the group's distribution — the linear pool of every assessor's latest judgement in this round, yours included — beside your own, and the reasons the panel gave. The group is anonymous: it shows how many assessors judged and what they said, never who said what."
              ))),
        .el(
          "p", ["class": "hint", "id": "how-to-read"],
          .safe(
            tr(
              "How to read the charts: each dot is one panellist's most likely value, a bar through it their range; the box is the group's middle half, the thick line its median, the whiskers its 90% band. Your value is ringed and marked “you”."
            )
              + (f.previous.map {
                RoundsParts.space + tr("Round {number} is in grey beneath.", ["number": .text(String($0.number))])
              } ?? "")))),
    ]
    if !f.participated {
      body.append(
        .el(
          "p", ["class": "notice", "id": "not-participated"],
          .safe(tr("You did not submit a judgement in this round; the group's distribution is shown alone."))))
    }
    if let next = m.next {
      body.append(
        .el(
          "p", ["class": "notice success", "id": "next-round"],
          DomainPageText.sentence(
            next.isOpen
              ? tr(
                "Round {number} ({title}) is open.",
                ["number": .text(String(next.number)), "title": DomainPageText.slot("title")])
              : tr(
                "Round {number} ({title}) is closed.",
                ["number": .text(String(next.number)), "title": DomainPageText.slot("title")]),
            ["title": DomainText.asTyped(next.title)]),
          .safe(RoundsParts.space),
          next.isOpen
            ? .link(
              RoundsURL.assessor(next.id, name: f.assessor),
              tr("Revise your judgements in round {number}", ["number": .text(String(next.number))]))
            : .none))
    }
    for d in f.domains { body.append(domain(m, d)) }
    return Page(
      title: tr("Feedback · {study}, round {number}", ["study": .text(r.study), "number": .text(String(r.number))]),
      section: .rounds, body: body)
  }

  /// `3 assessors judged this domain, you included; 2 in round 1.`
  static func judgedCount(_ d: RoundFeedback.DomainFeedback, previous: (Int, Int)?) -> String {
    var values: [String: LocalizationArgument] = ["count": .text(String(d.assessors))]
    if let previous {
      values["number"] = .text(String(previous.0))
      values["before"] = .text(String(previous.1))
    }
    let hasPrevious = previous != nil
    if d.assessors == 0 {
      return hasPrevious
        ? tr("Nobody judged this domain in this round; {before} in round {number}.", values)
        : tr("Nobody judged this domain in this round.")
    }
    switch (d.assessors == 1, d.own != nil, hasPrevious) {
    case (true, true, false): return tr("1 assessor judged this domain, you included.")
    case (true, true, true):
      return tr("1 assessor judged this domain, you included; {before} in round {number}.", values)
    case (true, false, false): return tr("1 assessor judged this domain; you did not.")
    case (true, false, true):
      return tr("1 assessor judged this domain; you did not; {before} in round {number}.", values)
    case (false, true, false): return tr("{count} assessors judged this domain, you included.", values)
    case (false, true, true):
      return tr("{count} assessors judged this domain, you included; {before} in round {number}.", values)
    case (false, false, false): return tr("{count} assessors judged this domain; you did not.", values)
    case (false, false, true):
      return tr("{count} assessors judged this domain; you did not; {before} in round {number}.", values)
    }
  }

  /// `2 (round 1: 3), within the group's middle half.`: the reader's own value.
  static func ownLine(_ own: CriterionScore, item: RoundFeedback.Item, previous: Int?) -> String {
    var text = ViewParts.score(own.value)
    if let previous {
      text +=
        " "
        + tr(
          "(round {number}: {score})",
          [
            "number": .text(String(previous)),
            "score": .text(item.previousOwn.map { ViewParts.score($0.value) } ?? tr("none")),
          ])
    }
    if let position = item.position { text += tr(", {position}", ["position": .text(RoundsParts.position(position))]) }
    return tr("{text}.", ["text": .text(text)])
  }

  static func row(_ item: RoundFeedback.Item) -> HTMLNode {
    let g = item.group
    let median: String = g.map { RoundsParts.n($0.median) } ?? "—"
    let middle: String = g.map { RoundsParts.band($0.p25, $0.p75) } ?? "—"
    let band: String = g.map { RoundsParts.band($0.p05, $0.p95) } ?? "—"
    let own: String = item.own.map { ViewParts.score($0.value) } ?? "—"
    let position: String = item.position.map(RoundsParts.position) ?? "—"
    let cells: [HTMLNode] = [
      .el("th", ["scope": "row"], .safe(RoundsParts.title(item.criterion))),
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
      .el("h2", [:], RoundsParts.domain(d.domainID, m.name(d.domainID))),
      .el(
        "p", ["class": "count"],
        .safe(judgedCount(d, previous: previous))),
    ]
    if d.assessors > 0 && d.assessors < 3 {
      content.append(
        .el(
          "p", ["class": "hint small-panel"],
          .safe(
            tr(
              "With so few assessors, the group's distribution is close to the individual judgements: read it as the range of views rather than a consensus."
            ))))
    }
    guard !d.items.isEmpty else {
      content.append(.el("p", [:], .safe(tr("There is no group distribution to show."))))
      return .el("section", ["id": "feedback-\(d.domainID)", "data-domain": d.domainID], content)
    }
    content.append(
      ViewParts.scroll(
        tr("Group and yours: {domain}", ["domain": .text(m.name(d.domainID))]),
        .el(
          "table", ["class": "data feedback"],
          .el(
            "caption", [:],
            .safe(
              tr(
                "Scores 0–4. Middle half = 25th–75th percentile; 90% band = 5th–95th percentile of the pooled distribution."
              ))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Criterion"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Assessors"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Group median"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Middle half"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("90% band"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Yours"))),
              .el("th", ["scope": "col"], .safe(tr("Yours against the group"))))),
          .el(
            "tbody", [:],
            d.items.map(row)))))
    if let own = d.own, let note = own.note {
      content.append(.el("p", [:], .el("strong", [:], .safe(tr("Your note: "))), DomainText.asTyped(note)))
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
          "li", ["class": cls], .el("strong", [:], .safe(tr("{name}: ", ["name": .text(label)]))),
          .safe(g.map(RoundsParts.group) ?? tr("not scored"))))
    }
    line(tr("Round {number}", ["number": .text(String(f.round.number))]), item.group, "group-now")
    if let previous { line(tr("Round {number}", ["number": .text(String(previous))]), item.previous, "group-before") }
    if let own = item.own {
      numbers.append(
        .el(
          "li", ["class": "own"], .el("strong", [:], .safe(tr("You: "))),
          .safe(ownLine(own, item: item, previous: previous))))
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
          .safe(tr("Not scored in round {number}: no change to compare.", ["number": .text(String(previous))]))))
    }
    return .el(
      "section",
      ["class": "criterion-card delphi-criterion", "id": id, "data-criterion": item.criterion.rawValue],
      .el("h3", [:], .safe(RoundsParts.title(item.criterion))),
      .el("div", ["class": "criterion-grid"], .el("div", [:], left), rationales(item, id: id)))
  }

  /// The rationales given for a criterion, without names, sorted by score then text; the
  /// reader's own marked “yours”.
  static func rationales(_ item: RoundFeedback.Item, id: String) -> HTMLNode {
    let heading = HTMLNode.el(
      "h4", [:], .safe(tr("Reasons given ({count})", ["count": .text(String(item.rationales.count))])))
    guard !item.rationales.isEmpty else {
      return .el(
        "div", ["class": "rationales", "id": "\(id)-rationales"], heading,
        .el("p", ["class": "hint"], .safe(tr("Nobody gave a reason for this criterion in this round."))))
    }
    return .el(
      "div", ["class": "rationales", "id": "\(id)-rationales"], heading,
      .el(
        "ul", ["class": "rationale-list"],
        item.rationales.map { r in
          .el(
            "li", ["class": r.isOwn ? "rationale yours" : "rationale", "data-own": r.isOwn ? "true" : nil],
            .el(
              "span", ["class": "rationale-score"],
              .safe(tr("Score {score}: ", ["score": .text(ViewParts.score(r.value))]))),
            DomainText.asTyped(r.text),
            r.isOwn ? .el("strong", ["class": "yours-mark"], .safe(tr(" (yours)"))) : .none)
        }),
      .el(
        "p", ["class": "hint"],
        .safe(tr("Sorted by score, then text: the order says nothing about who wrote what."))))
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
      .safe(change.trendText + space),
      explains ? .el("strong", ["class": "caveat"], .safe(change.panelText)) : .safe(change.panelText),
      change.stayedText.map { .safe(space + $0) } ?? .none)
  }
}
