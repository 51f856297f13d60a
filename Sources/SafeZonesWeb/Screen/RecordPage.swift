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
      .el("h2", ["id": "partner-lists-title"], .safe("Partner lists")),
      .el(
        "p", [:],
        .safe(
          "Lists of named organisations a screening checks the partners against (for example a published list of research organisations of concern). A match is shown beside the placement, never in it. Each import of a list is its new version; decisions checked against an earlier version are listed for re-review."
        )),
    ]
    if !m.imported.isEmpty {
      content.append(
        .el(
          "p", ["id": "imported-notice", "class": "notice success", "role": "status"],
          .safe("Imported \(m.imported.joined(separator: ", ")); the lists in force are below.")))
    }
    if m.lists.isEmpty {
      content.append(.el("p", ["class": "muted", "id": "no-partner-lists"], .safe("No list imported yet.")))
    } else {
      content.append(
        ViewParts.scroll(
          "Partner lists",
          .el(
            "table", ["class": "data", "id": "partner-lists"],
            .el("caption", [:], .safe("Partner lists in force")),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe("List")),
                .el("th", ["scope": "col", "class": "num"], .safe("Organisations")),
                .el("th", ["scope": "col"], .safe("Source")), .el("th", ["scope": "col"], .safe("Date")),
                .el("th", ["scope": "col"], .safe("Digest")))),
            .el(
              "tbody", [:],
              m.lists.map { l in
                .el(
                  "tr", ["data-list": l.name], .el("th", ["scope": "row"], .safe(l.name)),
                  .el("td", ["class": "num"], .safe(String(l.entries.count))), .el("td", [:], .safe(l.source)),
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
              items: messages.map { [.link("#partner_file", $0)] }, outcome: "Nothing was imported."),
          .el(
            "div", ["class": "field"],
            .el("label", ["for": "partner_file"], .safe("Import a list (CSV)")),
            .el(
              "p", ["class": "hint", "id": "hint-partner_file"],
              .safe(
                "Columns name, aliases, country, list, source, date; aliases separated by ';'. Every row of a list gives the same source and date. The whole file is refused if a row is wrong."
              )),
            .void(
              "input",
              [
                "type": "file", "id": "partner_file", "name": "partner_file", "accept": ".csv,text/csv",
                "aria-describedby": "hint-partner_file",
              ])),
          .el(
            "div", ["class": "form-actions"],
            .el("button", ["type": "submit", "class": "button", "id": "partner-import-submit"], .safe("Import")))))
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
      ViewParts.breadcrumb([("Screen", ScreenURL.form), ("Decision records", nil)]),
      .el(
        "div", ["class": "page-head"], .el("h1", [:], .safe("Decision records")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "Every saved screening decision, latest version per proposal. Records are append-only and each carries the SHA-256 of its content; a changed decision is a new version."
          ))),
    ]
    var dueSection: [HTMLNode] = [.el("h2", ["id": "due-title"], .safe("Needs re-review"))]
    if due.isEmpty {
      dueSection.append(
        .el(
          "p", ["class": "muted"],
          .safe(
            "Nothing: no domain a decision rests on has changed quadrant, and the taxonomies are the versions the decisions were screened against."
          )))
    } else {
      dueSection.append(
        .el(
          "ul", ["class": "due-list"],
          due.map { d in
            .el(
              "li", ["data-proposal": d.proposalID],
              .link(ScreenURL.record(d.proposalID, d.version), "\(d.title) (\(d.proposalID), version \(d.version))"),
              .safe(" — \(d.decision.label.lowercased()) on \(d.date) by \(d.reviewer). What changed: "),
              .el("ul", [:], d.reasons.map { .el("li", [:], .safe($0)) }))
          }))
    }
    body.append(.el("section", ["id": "due", "aria-labelledby": "due-title"], dueSection))
    var all: [HTMLNode] = [.el("h2", ["id": "records-title"], .safe("All decisions"))]
    if rows.isEmpty {
      all.append(
        .el("p", ["class": "muted"], .safe("No decision saved yet. "), .link(ScreenURL.form, "Screen a proposal")))
    } else {
      all.append(
        ViewParts.scroll(
          "Decision records",
          .el(
            "table", ["class": "data", "id": "records"],
            .el("caption", [:], .safe("Latest decision per proposal")),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe("Proposal")),
                .el("th", ["scope": "col"], .safe("Decision")), .el("th", ["scope": "col"], .safe("Overall")),
                .el("th", ["scope": "col"], .safe("Reviewer")), .el("th", ["scope": "col"], .safe("Date")),
                .el("th", ["scope": "col", "class": "num"], .safe("Versions")),
                .el("th", ["scope": "col"], .safe("SHA-256")))),
            .el(
              "tbody", [:],
              rows.map { r in
                .el(
                  "tr", ["data-proposal": r.proposalID],
                  .el(
                    "th", ["scope": "row"],
                    .link(ScreenURL.record(r.proposalID, r.version), r.draft.proposal.title),
                    .el("span", ["class": "muted"], .safe(" · \(r.proposalID)"))),
                  .el("td", [:], .safe(r.draft.decision.label)),
                  .el("td", [:], r.draft.screening.overall.map { ViewParts.badge($0.quadrant) } ?? .safe("not placed")),
                  .el("td", [:], .safe(r.draft.reviewer)),
                  .el("td", [:], .el("time", ["datetime": r.draft.date.description], .safe(r.draft.date.description))),
                  .el("td", ["class": "num"], .safe(String(counts[r.proposalID] ?? 1))),
                  .el("td", [:], .el("code", ["title": r.sha256], .safe(String(r.sha256.prefix(12)) + "…"))))
              }))))
    }
    body.append(.el("section", ["id": "all-records", "aria-labelledby": "records-title"], all))
    body.append(partnerLists(lists))
    return Page(title: "Decision records", section: .screen, body: body)
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
          ("Screen", ScreenURL.form), ("Decision records", ScreenURL.records), ("\(r.proposalID) v\(r.version)", nil),
        ]))
    }
    body.append(
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Decision record: \(d.proposal.title)")),
        .el(
          "p", ["class": "memo-line", "id": "memo-line"],
          .safe(
            "Proposal \(r.proposalID) · version \(r.version) of \(max(r.version, versions.map(\.version).max() ?? 1)) · decided \(d.date) by \(d.reviewer) · recorded \(ViewParts.time(r.recordedAt)) UTC"
          ))))
    if let newest = versions.map(\.version).max(), newest > r.version, !standalone {
      body.append(
        .el(
          "p", ["class": "notice warning", "id": "superseded"],
          .safe("A later decision supersedes this one: "),
          .link(ScreenURL.record(r.proposalID, newest), "version \(newest)")))
    }
    if !reasons.isEmpty {
      body.append(
        .el(
          "div", ["class": "notice warning", "id": "re-review"],
          .el("strong", [:], .safe("Needs re-review. Since this decision:")),
          .el("ul", [:], reasons.map { .el("li", [:], .safe($0)) })))
    }
    body.append(
      .el(
        "section", ["class": "decision", "id": "decision", "data-decision": d.decision.rawValue],
        .el("h2", [:], .safe("Decision: \(d.decision.label)")),
        d.conditions.isEmpty
          ? .none : .group([.el("h3", [:], .safe("Conditions")), .el("p", ["class": "prose"], .safe(d.conditions))]),
        .el("h3", [:], .safe("Rationale")), .el("p", ["class": "prose"], .safe(d.rationale))))
    body.append(ScreeningView.proposal(d.proposal))
    body.append(
      .el(
        "section", ["class": "findings", "id": "findings"],
        [.el("h2", [:], .safe("The screening, as computed when decided"))]
          + ScreeningView.findings(
            d.screening, proposal: d.proposal, thresholds: thresholds, idPrefix: "",
            lists: d.versions.partnerLists.keys.sorted())))
    body.append(basis(d))
    body.append(integrity(r, standalone: standalone))
    if !standalone && versions.count > 1 {
      body.append(
        .el(
          "section", ["id": "versions", "class": "no-print"], .el("h2", [:], .safe("Every version")),
          .el(
            "ol", [:],
            versions.map { v in
              .el(
                "li", [:],
                v.version == r.version
                  ? .el(
                    "strong", [:],
                    .safe("\(v.draft.decision.label) on \(v.draft.date) by \(v.draft.reviewer) (this one)"))
                  : .link(
                    ScreenURL.record(v.proposalID, v.version),
                    "\(v.draft.decision.label) on \(v.draft.date) by \(v.draft.reviewer)"))
            })))
    }
    return body
  }

  static func basis(_ d: DecisionDraft) -> HTMLNode {
    .el(
      "section", ["id": "basis"],
      .el("h2", [:], .safe("What it rests on")),
      d.basis.isEmpty
        ? .el("p", ["class": "muted"], .safe("No domain of the knowledge base."))
        : ViewParts.scroll(
          "Domains the decision rests on",
          .el(
            "table", ["class": "data", "id": "basis-domains"],
            .el("caption", [:], .safe("Domains the decision rests on, as placed when decided")),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe("Domain")),
                .el("th", ["scope": "col"], .safe("Quadrant")),
                .el("th", ["scope": "col", "class": "num"], .safe("Gains")),
                .el("th", ["scope": "col", "class": "num"], .safe("Risk")))),
            .el(
              "tbody", [:],
              d.basis.map { b in
                .el(
                  "tr", ["data-domain": b.id], .el("th", ["scope": "row"], .link(SiteURL.domain(b.id), b.name)),
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
      .el("dt", [:], .safe("Rubric")), .el("dd", [:], .safe(v.rubric)),
      .el("dt", [:], .safe("Knowledge base")), .el("dd", [:], .safe(v.knowledgeBase)),
      .el("dt", [:], .safe("Taxonomies")), .el("dd", [:], .safe(listed(v.taxonomies) { "\($0) \($1)" })),
      v.partnerLists.isEmpty
        ? .none
        : .group([
          .el("dt", [:], .safe("Partner lists")), .el("dd", [:], .safe(listed(v.partnerLists) { "\($0) (\($1))" })),
        ]))
  }

  static func integrity(_ r: DecisionRecord, standalone: Bool) -> HTMLNode {
    .el(
      "section", ["id": "integrity"],
      .el("h2", [:], .safe("Integrity")),
      .el(
        "p", [:], .safe("SHA-256 of this record's content: "),
        .el("code", ["id": "record-sha256", "class": "hash"], .safe(r.sha256))),
      .el(
        "p", ["class": "hint"],
        .safe(
          standalone
            ? "Written by safezones screen --out; not stored in a SafeZones store. The hash covers the proposal, the screening, the decision, the reviewer, the dates and the versions."
            : "The store keeps the exact content this hash was computed from and refuses to change or delete it; the audit trail records who saved it and when."
        )))
  }

  /// A record as one self-contained HTML file (the command line's `--out`): the site's
  /// stylesheet inlined, no script, prints as the page does.
  static func standalone(title: String, body: [HTMLNode]) -> String {
    let css = Assets.files["app.css"]?.body ?? ""
    let html = HTML(
      .lang(.english),
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
      title: "Decision record: \(record.draft.proposal.title)",
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
        "div", ["class": "page-head"], .el("h1", [:], .safe("Screening: \(proposal.title)")),
        .el(
          "p", ["class": "memo-line", "id": "memo-line"],
          .safe("Proposal \(proposal.id) · screened \(Day(Date()).description) · no decision recorded yet"))),
      .el(
        "section", ["class": "decision", "id": "decision"], .el("h2", [:], .safe("Decision: not yet made")),
        .el(
          "p", [:],
          .safe(
            "Record one with safezones screen FILE --decision … --rationale … --out record.html, or save it on the server's /screen page."
          ))),
      ScreeningView.proposal(proposal),
      .el(
        "section", ["class": "findings", "id": "findings"],
        [.el("h2", [:], .safe("The screening"))]
          + ScreeningView.findings(
            screening, proposal: proposal, thresholds: thresholds, idPrefix: "",
            lists: versions.partnerLists.keys.sorted())),
      .el(
        "section", ["id": "integrity"], .el("h2", [:], .safe("Versions and integrity")),
        RecordPage.versions(versions),
        .el(
          "p", [:], .safe("SHA-256 of the proposal and screening: "),
          .el("code", ["id": "record-sha256", "class": "hash"], .safe(sha256)))),
    ]
    return RecordPage.standalone(title: "Screening: \(proposal.title)", body: body)
  }
}
