import Foundation
import Plot
import SafeZonesCore

/// What closing a round would leave behind: who has answered, and that it is final.
struct RoundCloseModel {
  var round: Round
  /// Per domain: its name and how many assessors answered.
  var domains: [(name: String, assessors: Int)]
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
        ("Rounds", RoundsURL.list), ("\(r.study), round \(r.number)", RoundsURL.round(r.id)), ("Close", nil),
      ]),
      .el("div", ["class": "page-head"], .el("h1", [:], .safe("Close round \(r.number) of \(r.study)?"))),
      .el(
        "p", ["class": "notice warning", "id": "close-final"],
        .safe(
          "Closing is final: no more judgements are accepted in this round, drafts not yet submitted are not counted, and every assessor can then see the anonymous group distribution beside their own."
        )),
      .el(
        "p", ["id": "close-summary"],
        .safe(
          "\(m.assessors.count) assessor\(m.assessors.count == 1 ? " has" : "s have") submitted judgements"
            + (m.assessors.isEmpty ? "." : ": \(m.assessors.joined(separator: ", ")).")
        )),
      ViewParts.scroll(
        "Answers per domain",
        .el(
          "table", ["class": "data", "id": "close-domains"],
          .el("caption", [:], .safe("Assessors who answered, per domain")),
          .el(
            "thead", [:],
            .el(
              "tr", [:], .el("th", ["scope": "col"], .safe("Domain")),
              .el("th", ["scope": "col", "class": "num"], .safe("Assessors")))),
          .el(
            "tbody", [:],
            m.domains.map { d in
              .el(
                "tr", [:], .el("th", ["scope": "row"], .safe(d.name)),
                .el("td", ["class": "num"], .safe(String(d.assessors))))
            }))),
    ]
    if !unanswered.isEmpty {
      body.append(
        .el(
          "p", ["class": "notice", "id": "close-unanswered"],
          .safe(
            "Nobody has answered for \(unanswered.map(\.name).joined(separator: ", ")): closing now leaves \(unanswered.count == 1 ? "it" : "them") without a group judgement in this round."
          )))
    }
    body.append(
      .el(
        "form",
        ["id": "confirm-close-form", "method": "post", "action": RoundsURL.close(r.id), "class": "confirm-actions"],
        ViewParts.csrfField(m.csrf),
        .void("input", ["type": "hidden", "name": "confirm", "value": "yes"]),
        .el(
          "button", ["type": "submit", "class": "button primary", "id": "confirm-close"],
          .safe("Close round \(r.number) now")),
        .link(RoundsURL.round(r.id), "Keep it open", ["class": "button secondary", "id": "cancel-close"])))
    return Page(title: "Close round \(r.number)? · \(r.study)", section: .rounds, body: body)
  }

  static func adopt(_ m: RoundAdoptModel) -> Page {
    let r = m.round
    let moving = m.changes.filter(\.changesQuadrant)
    let adding = m.changes.filter { !$0.alreadyAdopted }
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([
        ("Rounds", RoundsURL.list), ("\(r.study), round \(r.number)", RoundsURL.round(r.id)), ("Adopt", nil),
      ]),
      .el("div", ["class": "page-head"], .el("h1", [:], .safe("Adopt the panel's judgement of round \(r.number)?"))),
      .el(
        "p", ["class": "lede"],
        .safe(
          "Adopting adds the panel's pooled judgement as a new assessment of each domain below, under the name “\(Delphi.panelName(r))”, dated today. It becomes the current assessment, so the domain may move on the map. Earlier assessments are kept, and an adoption can be reverted from the round's page."
        )),
      .el(
        "p", ["class": moving.isEmpty ? "notice" : "notice warning", "id": "adopt-summary", "role": "status"],
        .safe(
          adding.isEmpty
            ? "Nothing to adopt: every domain already holds this panel's judgement as its current assessment."
            : "\(adding.count) domain\(adding.count == 1 ? "" : "s") would receive a new assessment; \(moving.isEmpty ? "none would change quadrant" : "\(moving.count) would move to another quadrant: \(moving.map(\.name).joined(separator: ", "))")."
        )),
      ViewParts.scroll(
        "What would change",
        .el(
          "table", ["class": "data", "id": "adopt-preview"],
          .el("caption", [:], .safe("Each domain now and with the panel's judgement")),
          .el(
            "thead", [:],
            .el(
              "tr", [:], .el("th", ["scope": "col"], .safe("Domain")), .el("th", ["scope": "col"], .safe("Now")),
              .el("th", ["scope": "col"], .safe("With the panel's judgement")),
              .el("th", ["scope": "col"], .safe("Change")))),
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
            .safe("Adopt for \(adding.count) domain\(adding.count == 1 ? "" : "s")")),
          .link(RoundsURL.round(r.id), "Cancel", ["class": "button secondary", "id": "cancel-adopt"])))
    } else {
      body.append(.el("p", [:], .link(RoundsURL.round(r.id), "Back to the round")))
    }
    return Page(title: "Adopt round \(r.number)? · \(r.study)", section: .rounds, body: body)
  }

  static func row(_ c: AdoptionChange) -> HTMLNode {
    func place(_ p: PlacementSummary) -> HTMLNode {
      .group([
        ViewParts.badge(p.quadrant), .safe(" gains \(Format.fixed(p.gains)), risk \(Format.fixed(p.risk))"),
      ])
    }
    let change: String
    if c.alreadyAdopted {
      change = "Already adopted: nothing added"
    } else if c.from == nil {
      change = "First assessment"
    } else if c.changesQuadrant {
      change = "Moves from \(c.from!.quadrant.title.lowercased()) to \(c.to.quadrant.title.lowercased())"
    } else {
      change = "Stays in \(c.to.quadrant.title.lowercased())"
    }
    return .el(
      "tr", ["data-domain": c.domainID, "class": c.changesQuadrant ? "moves" : nil],
      .el("th", ["scope": "row"], .link(SiteURL.domain(c.domainID), c.name)),
      .el("td", [:], c.from.map(place) ?? .safe("not assessed")),
      .el("td", [:], place(c.to)),
      .el("td", [:], c.changesQuadrant ? .el("strong", [:], .safe(change)) : .safe(change)))
  }

  /// The round page's section that undoes an adoption, per domain or for all.
  static func revertSection(_ round: Round, _ reversals: [AdoptionReversal], csrf: String) -> HTMLNode {
    guard !reversals.isEmpty else { return .none }
    let restorable = reversals.filter { $0.restoresVersion != nil }
    return .el(
      "section", ["id": "revert-adoption", "aria-labelledby": "revert-title"],
      .el("h2", ["id": "revert-title"], .safe("Revert the adoption")),
      .el(
        "p", [:],
        .safe(
          "These domains' current assessment is this panel's adopted judgement. Reverting adds a new assessment, signed by you, that restores the assessment before the adoption; the panel's judgement stays in the history."
        )),
      .el(
        "form", ["id": "revert-form", "method": "post", "action": RoundsURL.revert(round.id)],
        ViewParts.csrfField(csrf),
        ViewParts.scroll(
          "Adopted domains",
          .el(
            "table", ["class": "data", "id": "revert-table"],
            .el("caption", [:], .safe("What reverting restores")),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe("Domain")),
                .el("th", ["scope": "col"], .safe("Adopted (current)")),
                .el("th", ["scope": "col"], .safe("Restores")), .el("th", ["scope": "col"], .safe("")))),
            .el(
              "tbody", [:],
              reversals.map { r in
                .el(
                  "tr", ["data-domain": r.domainID],
                  .el("th", ["scope": "row"], .link(SiteURL.domain(r.domainID), r.name)),
                  .el(
                    "td", [:], ViewParts.badge(r.adopted.quadrant), .safe(" version \(r.adoptedVersion)")),
                  .el(
                    "td", [:],
                    r.restores.map { p in
                      .group([
                        ViewParts.badge(p.quadrant), .safe(" version \(r.restoresVersion ?? 0), dated \(p.date)"),
                      ])
                    } ?? .safe("nothing: the panel's judgement was the first assessment")),
                  .el(
                    "td", [:],
                    r.restoresVersion == nil
                      ? .none
                      : .el(
                        "button",
                        [
                          "type": "submit", "name": "domain", "value": r.domainID, "class": "button secondary",
                          "id": "revert-\(r.domainID)",
                        ], .safe("Revert \(r.name)"))))
              }))),
        restorable.count > 1
          ? .el(
            "p", ["class": "revert-all"],
            .el(
              "button",
              ["type": "submit", "name": "all", "value": "yes", "class": "button secondary", "id": "revert-all"],
              .safe("Revert all \(restorable.count)")))
          : .none))
  }
}
