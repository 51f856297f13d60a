import Foundation
import Plot
import SafeZonesCore

/// The decision records: the list with what needs re-review, and one record as a document
/// to file or print (proposal, findings with evidence, the map with the aims, the decision,
/// the versions it rests on and its SHA-256).
enum RecordPage {
  /// The partner lists in force and, for those who may import, the upload form.
  struct Lists {
    var lists: [PartnerList]
    var canImport: Bool
    var csrf: String
    var issues: [InputIssue] = []
    var imported: [String] = []
  }

  static func partnerLists(_ m: Lists) -> HTMLNode {
    var content: [HTMLNode] = [
      .el("h2", ["id": "partner-lists-title"], .safe(tr("Partner lists"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "Lists of named organisations a screening checks the partners against (for example a published list of research organisations of concern). A match is shown beside the placement, never in it. Each import of a list is its new version; decisions checked against an earlier version are listed for re-review."
          ))),
    ]
    if !m.imported.isEmpty {
      content.append(
        .el(
          "p", ["id": "imported-notice", "class": "notice success", "role": "status"],
          DomainPageText.sentence(
            tr("Imported {lists}; the lists in force are below.", ["lists": DomainPageText.slot("lists")]),
            ["lists": DomainText.asTyped(m.imported.joined(separator: ", "))]))
      )
    }
    if m.lists.isEmpty {
      content.append(.el("p", ["class": "muted", "id": "no-partner-lists"], .safe(tr("No list imported yet."))))
    } else {
      content.append(
        ViewParts.scroll(
          tr("Partner lists"),
          .el(
            "table", ["class": "data", "id": "partner-lists"],
            .el("caption", [:], .safe(tr("Partner lists in force"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe(tr("List"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Organisations"))),
                .el("th", ["scope": "col"], .safe(tr("Source"))), .el("th", ["scope": "col"], .safe(tr("Date"))),
                .el("th", ["scope": "col"], .safe(tr("Digest"))))),
            .el(
              "tbody", [:],
              m.lists.map { l in
                .el(
                  "tr", ["data-list": l.name], .el("th", ["scope": "row"], DomainText.asTyped(l.name)),
                  .el("td", ["class": "num"], .safe(String(l.entries.count))),
                  .el("td", [:], DomainText.asTyped(l.source)),
                  .el("td", [:], .safe(l.date)),
                  .el(
                    "td", [:],
                    .el("code", ["class": "hash", "title": l.digest], .safe(String(l.digest.prefix(12)) + "…"))))
              }))))
    }
    if m.canImport {
      let messages = m.issues.map(\.description)
      content.append(
        .el(
          "form",
          [
            "id": "partner-import", "class": "assessment-form", "method": "post", "action": ScreenURL.partners,
            "enctype": "multipart/form-data", "novalidate": "",
          ],
          ViewParts.csrfField(m.csrf),
          messages.isEmpty
            ? .none
            : ViewParts.errorSummary(
              items: messages.map { [.link("#partner_file", $0)] }, outcome: tr("Nothing was imported.")),
          .el(
            "div", ["class": "field"],
            .el("label", ["for": "partner_file"], .safe(tr("Import a list (CSV)"))),
            .el(
              "p", ["class": "hint", "id": "hint-partner_file"],
              .safe(
                tr(
                  "Columns name, aliases, country, list, source, date; aliases separated by ';'. Every row of a list gives the same source and date. The whole file is refused if a row is wrong."
                ))),
            .void(
              "input",
              [
                "type": "file", "id": "partner_file", "name": "partner_file", "accept": ".csv,text/csv",
                "aria-describedby": "hint-partner_file",
              ])),
          .el(
            "div", ["class": "form-actions"],
            .el("button", ["type": "submit", "class": "button", "id": "partner-import-submit"], .safe(tr("Import"))))))
    }
    return .el("section", ["id": "partner-lists-section", "aria-labelledby": "partner-lists-title"], content)
  }

  static func list(_ records: [DecisionRecord], due: [ReReview], lists: Lists) -> Page {
    var latest: [String: DecisionRecord] = [:]
    var counts: [String: Int] = [:]
    for r in records {
      counts[r.proposalID, default: 0] += 1
      if (latest[r.proposalID]?.version ?? 0) < r.version { latest[r.proposalID] = r }
    }
    let rows = latest.values.sorted { ($0.recordedAt, $0.proposalID) > ($1.recordedAt, $1.proposalID) }
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Screen"), ScreenURL.form), (tr("Decision records"), nil)]),
      .el(
        "div", ["class": "page-head"], .el("h1", [:], .safe(tr("Decision records"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Every saved screening decision, latest version per proposal. Records are append-only and each carries the SHA-256 of its content; a changed decision is a new version."
            )))),
    ]
    var dueSection: [HTMLNode] = [.el("h2", ["id": "due-title"], .safe(tr("Needs re-review")))]
    if due.isEmpty {
      dueSection.append(
        .el(
          "p", ["class": "muted"],
          .safe(
            tr(
              "Nothing: no domain a decision rests on has changed quadrant, and the taxonomies are the versions the decisions were screened against."
            ))))
    } else {
      dueSection.append(
        .el(
          "ul", ["class": "due-list"],
          due.map { d in
            .el(
              "li", ["data-proposal": d.proposalID],
              .el(
                "a", ["href": ScreenURL.record(d.proposalID, d.version)],
                DomainPageText.sentence(
                  tr(
                    "{title} ({id}, version {version})",
                    [
                      "title": DomainPageText.slot("title"), "id": .text(d.proposalID),
                      "version": .text(String(d.version)),
                    ]), ["title": DomainText.asTyped(d.title)])),
              DomainPageText.sentence(
                tr(
                  " — {decision} on {date} by {reviewer}. What changed: ",
                  [
                    "decision": .text(d.decision.label.lowercased()), "date": .text(d.date.description),
                    "reviewer": DomainPageText.slot("reviewer"),
                  ]), ["reviewer": DomainText.asTyped(d.reviewer)]),
              .el("ul", [:], d.reasons.map { .el("li", [:], .safe($0)) }))
          }))
    }
    body.append(.el("section", ["id": "due", "aria-labelledby": "due-title"], dueSection))
    var all: [HTMLNode] = [.el("h2", ["id": "records-title"], .safe(tr("All decisions")))]
    if rows.isEmpty {
      all.append(
        .el(
          "p", ["class": "muted"], .safe(tr("No decision saved yet. ")), .link(ScreenURL.form, tr("Screen a proposal")))
      )
    } else {
      all.append(
        ViewParts.scroll(
          tr("Decision records"),
          .el(
            "table", ["class": "data", "id": "records"],
            .el("caption", [:], .safe(tr("Latest decision per proposal"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe(tr("Proposal"))),
                .el("th", ["scope": "col"], .safe(tr("Decision"))), .el("th", ["scope": "col"], .safe(tr("Overall"))),
                .el("th", ["scope": "col"], .safe(tr("Reviewer"))), .el("th", ["scope": "col"], .safe(tr("Date"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Versions"))),
                .el("th", ["scope": "col"], .safe("SHA-256")))),
            .el(
              "tbody", [:],
              rows.map { r in
                .el(
                  "tr", ["data-proposal": r.proposalID],
                  .el(
                    "th", ["scope": "row"],
                    .el(
                      "a", ["href": ScreenURL.record(r.proposalID, r.version)],
                      DomainText.asTyped(r.draft.proposal.title)),
                    .el("span", ["class": "muted"], .safe(" · \(r.proposalID)"))),
                  .el("td", [:], .safe(r.draft.decision.label)),
                  .el(
                    "td", [:], r.draft.screening.overall.map { ViewParts.badge($0.quadrant) } ?? .safe(tr("not placed"))
                  ),
                  .el("td", [:], DomainText.asTyped(r.draft.reviewer)),
                  .el("td", [:], .el("time", ["datetime": r.draft.date.description], .safe(r.draft.date.description))),
                  .el("td", ["class": "num"], .safe(String(counts[r.proposalID] ?? 1))),
                  .el("td", [:], .el("code", ["title": r.sha256], .safe(String(r.sha256.prefix(12)) + "…"))))
              }))))
    }
    body.append(.el("section", ["id": "all-records", "aria-labelledby": "records-title"], all))
    body.append(partnerLists(lists))
    return Page(title: tr("Decision records"), section: .screen, body: body)
  }

  /// One record as a document. `versions` are the proposal's other versions (for links);
  /// `reasons` what moved since (re-review).
  static func document(
    _ r: DecisionRecord, versions: [DecisionRecord], reasons: [String], thresholds: Thresholds, standalone: Bool
  ) -> [HTMLNode] {
    let d = r.draft
    var body: [HTMLNode] = []
    if !standalone {
      body.append(
        ViewParts.breadcrumb([
          (tr("Screen"), ScreenURL.form), (tr("Decision records"), ScreenURL.records),
          ("\(r.proposalID) v\(r.version)", nil),
        ]))
    }
    body.append(
      .el(
        "div", ["class": "page-head"],
        .el(
          "h1", [:],
          DomainPageText.sentence(
            tr("Decision record: {title}", ["title": DomainPageText.slot("title")]),
            ["title": DomainText.asTyped(d.proposal.title)])),
        .el(
          "p", ["class": "memo-line", "id": "memo-line"],
          DomainPageText.sentence(
            tr(
              "Proposal {id} · version {version} of {count} · decided {date} by {reviewer} · recorded {time} UTC",
              [
                "id": .text(r.proposalID), "version": .text(String(r.version)),
                "count": .text(String(max(r.version, versions.map(\.version).max() ?? 1))),
                "date": .text(d.date.description), "reviewer": DomainPageText.slot("reviewer"),
                "time": .text(ViewParts.time(r.recordedAt)),
              ]), ["reviewer": DomainText.asTyped(d.reviewer)]))))
    if let newest = versions.map(\.version).max(), newest > r.version, !standalone {
      body.append(
        .el(
          "p", ["class": "notice warning", "id": "superseded"],
          .safe(tr("A later decision supersedes this one: ")),
          .link(ScreenURL.record(r.proposalID, newest), tr("version {version}", ["version": .text(String(newest))]))))
    }
    if !reasons.isEmpty {
      body.append(
        .el(
          "div", ["class": "notice warning", "id": "re-review"],
          .el("strong", [:], .safe(tr("Needs re-review. Since this decision:"))),
          .el("ul", [:], reasons.map { .el("li", [:], .safe($0)) })))
    }
    body.append(
      .el(
        "section", ["class": "decision", "id": "decision", "data-decision": d.decision.rawValue],
        .el("h2", [:], .safe(tr("Decision: {decision}", ["decision": .text(d.decision.label)]))),
        d.conditions.isEmpty
          ? .none
          : .group([
            .el("h3", [:], .safe(tr("Conditions"))), .el("p", ["class": "prose"], DomainText.asTyped(d.conditions)),
          ]),
        .el("h3", [:], .safe(tr("Rationale"))), .el("p", ["class": "prose"], DomainText.asTyped(d.rationale))))
    body.append(ScreeningView.proposal(d.proposal))
    body.append(
      .el(
        "section", ["class": "findings", "id": "findings"],
        [.el("h2", [:], .safe(tr("The screening, as computed when decided")))]
          + ScreeningView.findings(
            d.screening, proposal: d.proposal, thresholds: thresholds, idPrefix: "",
            lists: d.versions.partnerLists.keys.sorted(), recorded: true)))
    body.append(basis(d))
    body.append(integrity(r, standalone: standalone))
    if !standalone && versions.count > 1 {
      body.append(
        .el(
          "section", ["id": "versions", "class": "no-print"], .el("h2", [:], .safe(tr("Every version"))),
          .el(
            "ol", [:],
            versions.map { v in
              .el(
                "li", [:],
                v.version == r.version
                  ? .el(
                    "strong", [:],
                    DomainPageText.sentence(
                      tr("{decision} on {date} by {reviewer} (this one)", versionFacts(v)), versionNodes(v)))
                  : .el(
                    "a", ["href": ScreenURL.record(v.proposalID, v.version)],
                    DomainPageText.sentence(tr("{decision} on {date} by {reviewer}", versionFacts(v)), versionNodes(v)))
              )
            })))
    }
    return body
  }

  /// A version's decision, date and reviewer, for the list of versions (the reviewer as a
  /// slot filled by ``versionNodes(_:)``).
  static func versionFacts(_ v: DecisionRecord) -> [String: LocalizationArgument] {
    [
      "decision": .text(v.draft.decision.label), "date": .text(v.draft.date.description),
      "reviewer": DomainPageText.slot("reviewer"),
    ]
  }

  /// The reviewer's name, marked as typed, for ``versionFacts(_:)``'s slot.
  static func versionNodes(_ v: DecisionRecord) -> [String: HTMLNode] {
    ["reviewer": DomainText.asTyped(v.draft.reviewer)]
  }

  static func basis(_ d: DecisionDraft) -> HTMLNode {
    .el(
      "section", ["id": "basis"],
      .el("h2", [:], .safe(tr("What it rests on"))),
      d.basis.isEmpty
        ? .el("p", ["class": "muted"], .safe(tr("No domain of the knowledge base.")))
        : ViewParts.scroll(
          tr("Domains the decision rests on"),
          .el(
            "table", ["class": "data", "id": "basis-domains"],
            .el("caption", [:], .safe(tr("Domains the decision rests on, as placed when decided"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe(tr("Domain"))),
                .el("th", ["scope": "col"], .safe(tr("Quadrant"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Gains"))),
                .el("th", ["scope": "col", "class": "num"], .safe(tr("Risk"))))),
            .el(
              "tbody", [:],
              d.basis.map { b in
                .el(
                  "tr", ["data-domain": b.id],
                  .el(
                    "th", ["scope": "row"],
                    .el("a", ["href": SiteURL.domain(b.id)], DomainText.nameNode(id: b.id, english: b.name))),
                  .el("td", [:], ViewParts.badge(b.quadrant)),
                  .el("td", ["class": "num"], .safe(Format.fixed(b.gains))),
                  .el("td", ["class": "num"], .safe(Format.fixed(b.risk))))
              }))),
      versions(d.versions))
  }

  /// The versions a screening rests on, as a list of facts.
  static func versions(_ v: KnowledgeVersions) -> HTMLNode {
    func listed(_ versions: [String: String], _ text: (String, String) -> String) -> String {
      versions.sorted { $0.key < $1.key }.map { text($0.key, $0.value) }.joined(separator: "; ")
    }
    return .el(
      "dl", ["class": "facts", "id": "versions-used"],
      .el("dt", [:], .safe(tr("Rubric"))), .el("dd", [:], .safe(v.rubric)),
      .el("dt", [:], .safe(tr("Knowledge base"))), .el("dd", [:], DomainText.untranslated(v.knowledgeBase)),
      .el("dt", [:], .safe(tr("Taxonomies"))),
      .el("dd", [:], DomainText.untranslated(listed(v.taxonomies) { "\($0) \($1)" })),
      v.partnerLists.isEmpty
        ? .none
        : .group([
          .el("dt", [:], .safe(tr("Partner lists"))),
          .el("dd", [:], DomainText.asTyped(listed(v.partnerLists) { "\($0) (\($1))" })),
        ]))
  }

  static func integrity(_ r: DecisionRecord, standalone: Bool) -> HTMLNode {
    .el(
      "section", ["id": "integrity"],
      .el("h2", [:], .safe(tr("Integrity"))),
      .el(
        "p", [:], .safe(tr("SHA-256 of this record's content: ")),
        .el("code", ["id": "record-sha256", "class": "hash"], .safe(r.sha256))),
      .el(
        "p", ["class": "hint"],
        .safe(
          standalone
            ? tr(
              "Written by safezones screen --out; not stored in a SafeZones store. The hash covers the proposal, the screening, the decision, the reviewer, the dates and the versions."
            )
            : tr(
              "The store keeps the exact content this hash was computed from and refuses to change or delete it; the audit trail records who saved it and when."
            ))))
  }

  /// A record as one self-contained HTML file (the command line's `--out`): the site's
  /// stylesheet inlined, no script, prints as the page does.
  static func standalone(title: String, body: [HTMLNode]) -> String {
    let css = Assets.files["app.css"]?.body ?? ""
    let html = HTML(
      .attribute(named: "lang", value: Localization.language.tag),
      .head(
        .meta(.charset(.utf8)),
        .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
        .element(named: "title", text: Esc.text(title)),
        .element(named: "style", nodes: [.raw(css)])),
      .body(.main(.id("main"), .class("record-document"), .group(body))))
    return html.render()
  }
}

/// Decision records and screenings as self-contained HTML files, for the command line.
public enum RecordDocument {
  /// A saved or unsaved decision record.
  public static func html(_ record: DecisionRecord, thresholds: Thresholds) -> String {
    RecordPage.standalone(
      title: tr("Decision record: {title}", ["title": .text(record.draft.proposal.title)]),
      body: RecordPage.document(record, versions: [record], reasons: [], thresholds: thresholds, standalone: true))
  }

  /// A screening with no decision yet: the proposal, the findings, the versions it was
  /// computed against and the SHA-256 of the proposal and screening.
  public static func html(
    screening: ProposalScreening, proposal: Proposal, versions: KnowledgeVersions, sha256: String,
    thresholds: Thresholds
  ) -> String {
    let body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el(
          "h1", [:],
          DomainPageText.sentence(
            tr("Screening: {title}", ["title": DomainPageText.slot("title")]),
            ["title": DomainText.asTyped(proposal.title)])),
        .el(
          "p", ["class": "memo-line", "id": "memo-line"],
          .safe(
            tr(
              "Proposal {id} · screened {date} · no decision recorded yet",
              ["id": .text(proposal.id), "date": .text(Day(Date()).description)])))),
      .el(
        "section", ["class": "decision", "id": "decision"], .el("h2", [:], .safe(tr("Decision: not yet made"))),
        .el(
          "p", [:],
          .safe(
            tr(
              "Record one with safezones screen FILE --decision … --rationale … --out record.html, or save it on the server's /screen page."
            )))),
      ScreeningView.proposal(proposal),
      .el(
        "section", ["class": "findings", "id": "findings"],
        [.el("h2", [:], .safe(tr("The screening")))]
          + ScreeningView.findings(
            screening, proposal: proposal, thresholds: thresholds, idPrefix: "",
            lists: versions.partnerLists.keys.sorted())),
      .el(
        "section", ["id": "integrity"], .el("h2", [:], .safe(tr("Versions and integrity"))),
        RecordPage.versions(versions),
        .el(
          "p", [:], .safe(tr("SHA-256 of the proposal and screening: ")),
          .el("code", ["id": "record-sha256", "class": "hash"], .safe(sha256)))),
    ]
    return RecordPage.standalone(title: tr("Screening: {title}", ["title": .text(proposal.title)]), body: body)
  }
}
