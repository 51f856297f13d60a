import Foundation
import Plot
import SafeZonesCore

/// What closing a round would leave behind: who has answered, and that it is final.
struct RoundCloseModel {
  var round: Round
  /// Per domain: its id, its name and how many assessors answered.
  var domains: [(id: String, name: String, assessors: Int)]
  var assessors: [String]
  var csrf: String
}

/// What adopting a closed round's pooled judgement would change, domain by domain.
struct RoundAdoptModel {
  var round: Round
  var changes: [AdoptionChange]
  var csrf: String
}

/// The pages that ask before acting: closing a round (final) and adopting its judgement
/// (which moves domains on the map; reversible with "Revert"). The buttons on the round's
/// page lead here; only the form on these pages, with `confirm=yes`, acts.
enum RoundsConfirmPage {
  static func close(_ m: RoundCloseModel) -> Page {
    let r = m.round
    let unanswered = m.domains.filter { $0.assessors == 0 }
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        (tr("Rounds"), RoundsURL.list), (RoundsParts.short(r), RoundsURL.round(r.id)), (tr("Close"), nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el(
          "h1", [:],
          DomainPageText.sentence(
            tr(
              "Close round {number} of {study}?",
              ["number": .text(String(r.number)), "study": DomainPageText.slot("study")]),
            ["study": DomainText.asTyped(r.study)]))),
      .el(
        "p", ["class": "notice warning", "id": "close-final"],
        .safe(
          tr(
            "Closing is final: no more judgements are accepted in this round, drafts not yet submitted are not counted, and every assessor can then see the anonymous group distribution beside their own."
          ))),
      .el(
        "p", ["id": "close-summary"],
        DomainPageText.sentence(
          m.assessors.isEmpty
            ? tr("0 assessors have submitted judgements.")
            : m.assessors.count == 1
              ? tr("1 assessor has submitted judgements: {names}.", ["names": DomainPageText.slot("names")])
              : tr(
                "{count} assessors have submitted judgements: {names}.",
                ["count": .text(String(m.assessors.count)), "names": DomainPageText.slot("names")]),
          ["names": RoundsParts.typed(m.assessors)])),
      ViewParts.scroll(
        tr("Answers per domain"),
        .el(
          "table", ["class": "data", "id": "close-domains"],
          .el("caption", [:], .safe(tr("Assessors who answered, per domain"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:], .el("th", ["scope": "col"], .safe(tr("Domain"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Assessors"))))),
          .el(
            "tbody", [:],
            m.domains.map { d in
              .el(
                "tr", [:], .el("th", ["scope": "row"], RoundsParts.domain(d.id, d.name)),
                .el("td", ["class": "num"], .safe(String(d.assessors))))
            }))),
    ]
    if !unanswered.isEmpty {
      let (names, nodes) = RoundsParts.nodeList("names", unanswered.map { RoundsParts.domain($0.id, $0.name) })
      body.append(
        .el(
          "p", ["class": "notice", "id": "close-unanswered"],
          DomainPageText.sentence(
            unanswered.count == 1
              ? tr(
                "Nobody has answered for {names}: closing now leaves it without a group judgement in this round.",
                ["names": names])
              : tr(
                "Nobody has answered for {names}: closing now leaves them without a group judgement in this round.",
                ["names": names]), nodes)))
    }
    body.append(
      .el(
        "form",
        ["id": "confirm-close-form", "method": "post", "action": RoundsURL.close(r.id), "class": "confirm-actions"],
        ViewParts.csrfField(m.csrf),
        .void("input", ["type": "hidden", "name": "confirm", "value": "yes"]),
        .el(
          "button", ["type": "submit", "class": "button primary", "id": "confirm-close"],
          .safe(tr("Close round {number} now", ["number": .text(String(r.number))]))),
        .link(RoundsURL.round(r.id), tr("Keep it open"), ["class": "button secondary", "id": "cancel-close"])))
    return Page(
      title: tr("Close round {number}? · {study}", ["number": .text(String(r.number)), "study": .text(r.study)]),
      section: .rounds, body: body)
  }

  static func adopt(_ m: RoundAdoptModel) -> Page {
    let r = m.round
    let moving = m.changes.filter(\.changesQuadrant)
    let adding = m.changes.filter { !$0.alreadyAdopted }
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        (tr("Rounds"), RoundsURL.list), (RoundsParts.short(r), RoundsURL.round(r.id)), (tr("Adopt"), nil),
      ]),
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Adopt the panel's judgement of round {number}?", ["number": .text(String(r.number))])))
      ),
      .el(
        "p", ["class": "lede"],
        DomainPageText.sentence(
          tr(
            "Adopting adds the panel's pooled judgement as a new assessment of each domain below, under the name “{name}”, dated today. It becomes the current assessment, so the domain may move on the map. Earlier assessments are kept, and an adoption can be reverted from the round's page.",
            ["name": DomainPageText.slot("name")]), ["name": DomainText.asTyped(Delphi.panelName(r))])),
      .el(
        "p", ["class": moving.isEmpty ? "notice" : "notice warning", "id": "adopt-summary", "role": "status"],
        adoptSummary(adding: adding.count, moving: moving.map { RoundsParts.domain($0.domainID, $0.name) })),
      ViewParts.scroll(
        tr("What would change"),
        .el(
          "table", ["class": "data", "id": "adopt-preview"],
          .el("caption", [:], .safe(tr("Each domain now and with the panel's judgement"))),
          .el(
            "thead", [:],
            .el(
              "tr", [:], .el("th", ["scope": "col"], .safe(tr("Domain"))),
              .el("th", ["scope": "col"], .safe(tr("Now"))),
              .el("th", ["scope": "col"], .safe(tr("With the panel's judgement"))),
              .el("th", ["scope": "col"], .safe(tr("Change"))))),
          .el("tbody", [:], m.changes.map(row)))),
    ]
    if !adding.isEmpty {
      body.append(
        .el(
          "form",
          ["id": "confirm-adopt-form", "method": "post", "action": RoundsURL.adopt(r.id), "class": "confirm-actions"],
          ViewParts.csrfField(m.csrf),
          .void("input", ["type": "hidden", "name": "confirm", "value": "yes"]),
          .el(
            "button", ["type": "submit", "class": "button primary", "id": "confirm-adopt"],
            .safe(
              adding.count == 1
                ? tr("Adopt for 1 domain") : tr("Adopt for {count} domains", ["count": .text(String(adding.count))]))),
          .link(RoundsURL.round(r.id), tr("Cancel"), ["class": "button secondary", "id": "cancel-adopt"])))
    } else {
      body.append(.el("p", [:], .link(RoundsURL.round(r.id), tr("Back to the round"))))
    }
    return Page(
      title: tr("Adopt round {number}? · {study}", ["number": .text(String(r.number)), "study": .text(r.study)]),
      section: .rounds, body: body)
  }

  /// `2 domains would receive a new assessment; 1 would move to another quadrant: Fusion.`
  static func adoptSummary(adding: Int, moving: [HTMLNode]) -> HTMLNode {
    if adding == 0 {
      return .safe(
        tr("Nothing to adopt: every domain already holds this panel's judgement as its current assessment."))
    }
    let (names, nodes) = RoundsParts.nodeList("names", moving)
    let values: [String: LocalizationArgument] = [
      "count": .text(String(adding)), "moving": .text(String(moving.count)), "names": names,
    ]
    let text: String
    switch (adding == 1, moving.isEmpty) {
    case (true, true): text = tr("1 domain would receive a new assessment; none would change quadrant.")
    case (false, true): text = tr("{count} domains would receive a new assessment; none would change quadrant.", values)
    case (true, false):
      text = tr("1 domain would receive a new assessment; {moving} would move to another quadrant: {names}.", values)
    case (false, false):
      text = tr(
        "{count} domains would receive a new assessment; {moving} would move to another quadrant: {names}.", values)
    }
    return DomainPageText.sentence(text, nodes)
  }

  static func row(_ c: AdoptionChange) -> HTMLNode {
    func place(_ p: PlacementSummary) -> HTMLNode {
      .group([
        ViewParts.badge(p.quadrant),
        .safe(
          " "
            + tr(
              "gains {gains}, risk {risk}",
              ["gains": .text(Format.fixed(p.gains)), "risk": .text(Format.fixed(p.risk))])),
      ])
    }
    let change: String
    func quadrant(_ q: Quadrant) -> String { LanguageInView.text("quadrant.\(q.rawValue).name", q.title).lowercased() }
    if c.alreadyAdopted {
      change = tr("Already adopted: nothing added")
    } else if c.from == nil {
      change = tr("First assessment")
    } else if c.changesQuadrant {
      change = tr(
        "Moves from {from} to {to}", ["from": .text(quadrant(c.from!.quadrant)), "to": .text(quadrant(c.to.quadrant))])
    } else {
      change = tr("Stays in {quadrant}", ["quadrant": .text(quadrant(c.to.quadrant))])
    }
    return .el(
      "tr", ["data-domain": c.domainID, "class": c.changesQuadrant ? "moves" : nil],
      .el(
        "th", ["scope": "row"], .el("a", ["href": SiteURL.domain(c.domainID)], RoundsParts.domain(c.domainID, c.name))),
      .el("td", [:], c.from.map(place) ?? .safe(tr("not assessed"))),
      .el("td", [:], place(c.to)),
      .el("td", [:], c.changesQuadrant ? .el("strong", [:], .safe(change)) : .safe(change)))
  }

  /// The round page's section that undoes an adoption, per domain or for all.
  static func revertSection(_ round: Round, _ reversals: [AdoptionReversal], csrf: String) -> HTMLNode {
    guard !reversals.isEmpty else { return .none }
    let restorable = reversals.filter { $0.restoresVersion != nil }
    return .el(
      "section", ["id": "revert-adoption", "aria-labelledby": "revert-title"],
      .el("h2", ["id": "revert-title"], .safe(tr("Revert the adoption"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "These domains' current assessment is this panel's adopted judgement. Reverting adds a new assessment, signed by you, that restores the assessment before the adoption; the panel's judgement stays in the history."
          ))),
      .el(
        "form", ["id": "revert-form", "method": "post", "action": RoundsURL.revert(round.id)],
        ViewParts.csrfField(csrf),
        ViewParts.scroll(
          tr("Adopted domains"),
          .el(
            "table", ["class": "data", "id": "revert-table"],
            .el("caption", [:], .safe(tr("What reverting restores"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe(tr("Domain"))),
                .el("th", ["scope": "col"], .safe(tr("Adopted (current)"))),
                .el("th", ["scope": "col"], .safe(tr("Restores"))), .el("th", ["scope": "col"], .safe("")))),
            .el(
              "tbody", [:],
              reversals.map { r in
                .el(
                  "tr", ["data-domain": r.domainID],
                  .el(
                    "th", ["scope": "row"],
                    .el("a", ["href": SiteURL.domain(r.domainID)], RoundsParts.domain(r.domainID, r.name))),
                  .el(
                    "td", [:], ViewParts.badge(r.adopted.quadrant),
                    .safe(" " + tr("version {version}", ["version": .text(String(r.adoptedVersion))]))),
                  .el(
                    "td", [:],
                    r.restores.map { p in
                      .group([
                        ViewParts.badge(p.quadrant),
                        .safe(
                          " "
                            + tr(
                              "version {version}, dated {date}",
                              ["version": .text(String(r.restoresVersion ?? 0)), "date": .text(p.date.description)])),
                      ])
                    } ?? .safe(tr("nothing: the panel's judgement was the first assessment"))),
                  .el(
                    "td", [:],
                    r.restoresVersion == nil
                      ? .none
                      : .el(
                        "button",
                        [
                          "type": "submit", "name": "domain", "value": r.domainID, "class": "button secondary",
                          "id": "revert-\(r.domainID)",
                        ],
                        DomainPageText.sentence(
                          tr("Revert {name}", ["name": DomainPageText.slot("name")]),
                          ["name": RoundsParts.domain(r.domainID, r.name)]))))
              }))),
        restorable.count > 1
          ? .el(
            "p", ["class": "revert-all"],
            .el(
              "button",
              ["type": "submit", "name": "all", "value": "yes", "class": "button secondary", "id": "revert-all"],
              .safe(tr("Revert all {count}", ["count": .text(String(restorable.count))]))))
          : .none))
  }
}
