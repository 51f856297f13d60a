import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

/// The addresses of the screening pages, built in one place.
enum ScreenURL {
  static let form = "/screen"
  static let records = "/screen/records"
  static let due = "/screen/records#due"
  static let partners = "/screen/partners"
  static let example = "/screen?example=1#screen-form"

  static func record(_ proposal: String, _ version: Int) -> String {
    "/screen/records/\(Esc.url(proposal))/\(version)"
  }
}

/// A screening's findings as HTML, shared by the result page and the decision record: the
/// overall placement and the aim that sets it, the map with the aims, the strategy's
/// actions and the checks, then each aim and the whole proposal with the domains and
/// categories that matched and the words that matched them.
enum ScreeningView {
  /// `lists` names the partner lists the partners were checked against (none: not checked).
  /// `recorded`: the screening was read from a decision record, whose sentences (strategy,
  /// actions, checks) stay in English; in a page that is not, they are marked as English.
  static func findings(
    _ s: ProposalScreening, proposal: Proposal, thresholds: Thresholds, idPrefix p: String, lists: [String],
    recorded: Bool = false
  ) -> [HTMLNode] {
    let data = recorded ? [:] : dataIn(s)
    func sentence(_ text: String) -> HTMLNode { recorded ? DomainText.untranslated(text) : marked(text, data) }
    var out: [HTMLNode] = []
    if let o = s.overall {
      out.append(
        .el(
          "div", ["class": "screening-overall", "id": "\(p)overall", "data-quadrant": o.quadrant.rawValue],
          .el(
            "p", ["class": "placement-quadrant"], .safe(tr("Overall: ")), ViewParts.badge(o.quadrant),
            .safe(
              tr(
                " — joint gains {gains}, political risk {risk}.",
                ["gains": .text(Format.fixed(o.gains)), "risk": .text(Format.fixed(o.risk))]))),
          .el(
            "p", [:],
            .safe(tr("Set by its most sensitive aim, ")), .el("strong", [:], DomainText.asTyped(o.mostSensitiveAim)),
            .safe(
              tr(
                ": a proposal is as sensitive as the most sensitive thing it does, so the other aims are judged beside it, not averaged into it."
              )))))
    } else {
      out.append(
        .el(
          "p", ["class": "notice warning", "id": "\(p)abstain", "role": "status"],
          .safe(
            tr(
              "Not placed: no domain of the knowledge base matched any aim well enough, and the screening does not guess. Read the proposal against the taxonomies below, or assess its field first."
            ))))
    }
    let marks = s.aims.compactMap { aim -> ScreeningMapChart.Mark? in
      guard let pl = aim.placement else { return nil }
      let range = pl.riskRange.count == 2 ? pl.riskRange[0]...max(pl.riskRange[0], pl.riskRange[1]) : nil
      return ScreeningMapChart.Mark(
        label: aim.id, gains: pl.gains, risk: pl.risk, quadrant: pl.quadrant, riskRange: range,
        ringed: aim.id == s.overall?.mostSensitiveAim)
    }
    if !marks.isEmpty {
      out.append(
        .el(
          "figure", ["class": "placement-map screening-map", "id": "\(p)map"],
          .raw(ScreeningMapChart.svg(title: s.title, marks: marks, thresholds: thresholds)),
          .el(
            "figcaption", [:],
            .safe(
              tr(
                "Each placed aim on the map; the ringed one sets the overall placement. A vertical bar spans the risk of the domains the aim matched."
              )))))
    }
    if let strategy = s.strategy {
      out.append(.el("h3", [:], .safe(tr("Strategy"))))
      out.append(.el("p", ["id": "\(p)strategy"], sentence(strategy)))
    }
    if !s.actions.isEmpty {
      out.append(.el("h3", [:], .safe(tr("Actions for this proposal"))))
      out.append(.el("ul", ["id": "\(p)actions", "class": "actions"], s.actions.map { .el("li", [:], sentence($0)) }))
    }
    if !s.checks.isEmpty {
      out.append(.el("h3", [:], .safe(tr("What to check next"))))
      out.append(.el("ul", ["id": "\(p)checks"], s.checks.map { .el("li", [:], sentence($0)) }))
    }
    out.append(.el("h3", [:], .safe(tr("Aim by aim"))))
    for aim in s.aims {
      let text = proposal.aims.first { $0.id == aim.id }?.text ?? aim.text
      var parts: [HTMLNode] = [
        .el("h4", [:], .safe(tr("Aim {aim}", ["aim": .text(aim.id)]))),
        .el("blockquote", ["class": "aim-text"], DomainText.asTyped(text)),
      ]
      if let pl = aim.placement {
        parts.append(
          .el(
            "p", ["class": "aim-placement"], ViewParts.badge(pl.quadrant),
            .safe(
              tr(
                " gains {gains}, risk {risk}",
                ["gains": .text(Format.fixed(pl.gains)), "risk": .text(Format.fixed(pl.risk))])
                + (pl.riskRange.count == 2
                  ? tr(
                    "; the matched domains' risk runs {low}–{high}",
                    ["low": .text(Format.fixed(pl.riskRange[0])), "high": .text(Format.fixed(pl.riskRange[1]))])
                  : ""))))
      } else {
        parts.append(.el("p", ["class": "muted"], .safe(tr("Not placed: no domain matched this aim well enough."))))
      }
      parts.append(
        matches(
          aim.domains, caption: tr("Domains aim {aim} touches", ["aim": .text(aim.id)]), id: "\(p)aim-\(aim.id)-domains"
        ))
      parts.append(
        matches(
          aim.categories, caption: tr("Technology categories of aim {aim}", ["aim": .text(aim.id)]),
          id: "\(p)aim-\(aim.id)-categories"))
      out.append(.el("section", ["class": "aim", "data-aim": aim.id, "id": "\(p)aim-\(aim.id)"], parts))
    }
    out.append(.el("h3", [:], .safe(tr("The whole proposal"))))
    out.append(matches(s.domains, caption: tr("Domains the proposal touches"), id: "\(p)domains"))
    out.append(matches(s.categories, caption: tr("Technology categories"), id: "\(p)categories"))
    if !s.partners.isEmpty { out.append(partners(s.partners, id: "\(p)partners", lists: lists)) }
    return out
  }

  /// The data the screening's sentences (actions, checks) quote, as page text: each domain's
  /// name in the reader's language, and the words that matched, the partners' and lists'
  /// names as typed. Empty in English, where the sentences are shown as written.
  static func dataIn(_ s: ProposalScreening) -> [String: HTMLNode] {
    guard Localization.language != .english else { return [:] }
    var data: [String: HTMLNode] = [:]
    func typed(_ text: String) { if data[text] == nil { data[text] = DomainText.asTyped(text) } }
    for m in s.domains + s.aims.flatMap(\.domains) where data[m.name] == nil {
      data[m.name] = DomainText.nameNode(id: m.id, english: m.name)
    }
    for m in s.domains + s.categories + s.aims.flatMap({ $0.domains + $0.categories }) {
      typed(m.matchedTerms.joined(separator: ", "))
    }
    for f in s.partners {
      typed(f.name)
      for m in f.matches { [m.list, m.organisation, m.matchedName].forEach(typed) }
    }
    data[""] = nil
    return data
  }

  /// `text` with every occurrence of `data`'s keys replaced by its node (the leftmost first,
  /// the longest of those that start there).
  static func marked(_ text: String, _ data: [String: HTMLNode]) -> HTMLNode {
    guard !data.isEmpty else { return .safe(text) }
    let keys = data.keys.sorted { $0.count > $1.count }
    var out: [HTMLNode] = []
    var rest = text[...]
    while true {
      var found: (range: Range<Substring.Index>, key: String)?
      for key in keys {
        if let r = rest.range(of: key), found.map({ r.lowerBound < $0.range.lowerBound }) ?? true { found = (r, key) }
      }
      guard let found else { break }
      if found.range.lowerBound > rest.startIndex { out.append(.safe(String(rest[..<found.range.lowerBound]))) }
      out.append(data[found.key] ?? .none)
      rest = rest[found.range.upperBound...]
    }
    if !rest.isEmpty { out.append(.safe(String(rest))) }
    return .group(out)
  }

  /// The partners and what the imported lists say: beside the placement, never in it.
  static func partners(_ findings: [PartnerFinding], id: String, lists: [String]) -> HTMLNode {
    .el(
      "section", ["class": "partners", "id": id],
      .el("h3", [:], .safe(tr("Partners"))),
      .el(
        "p", ["class": "hint"],
        lists.isEmpty
          ? DomainPageText.sentence(
            tr(
              "No partner list is imported ({command}), so the partners were not checked: check them against your organisation's lists by hand. ",
              ["command": DomainPageText.slot("command")]),
            ["command": .el("code", [:], .safe("safezones partners import FILE.csv"))])
          : DomainPageText.sentence(
            tr("Checked against {lists}. ", ["lists": DomainPageText.slot("lists")]),
            ["lists": DomainText.asTyped(lists.joined(separator: ", "))]),
        .safe(
          tr(
            "A listed partner is a reason to look closer, not a verdict: the placement above comes from the work alone."
          ))),
      .el(
        "ul", [:],
        findings.map { f in
          .el(
            "li", ["data-partner": f.name, "data-listed": f.matches.contains { $0.kind == .match } ? "yes" : "no"],
            .el("strong", [:], DomainText.asTyped(f.name)), .safe(f.country.map { " (\($0))" } ?? ""),
            f.matches.isEmpty
              ? .safe(lists.isEmpty ? "" : tr(" — on no imported list."))
              : .el(
                "ul", [:],
                f.matches.map { m in
                  .el(
                    "li", ["class": m.kind == .match ? "partner-listed" : "partner-near-miss"],
                    matchText(m),
                    .safe(m.countryDiffers ? tr("; the list gives another country.") : tr(".")))
                }))
        }))
  }

  /// What a list says about a partner, without the closing punctuation; the list's and the
  /// organisations' names marked as typed.
  static func matchText(_ m: PartnerMatch) -> HTMLNode {
    let facts: [String: LocalizationArgument] = [
      "list": DomainPageText.slot("list"), "organisation": DomainPageText.slot("organisation"),
      "matched": DomainPageText.slot("matched"), "similarity": .text(Format.fixed(m.similarity * 100, digits: 0)),
    ]
    let names: [String: HTMLNode] = [
      "list": DomainText.asTyped(m.list), "organisation": DomainText.asTyped(m.organisation),
      "matched": DomainText.asTyped(m.matchedName),
    ]
    let text: String
    switch m.kind {
    case .match:
      text =
        m.matchedName == m.organisation
        ? tr("Listed on {list} as {organisation}", facts)
        : tr("Listed on {list} as {organisation} (matched '{matched}')", facts)
    case .nearMiss:
      text = tr(
        "Near miss: resembles {organisation} on {list} ({similarity} % similar to '{matched}'); confirm whether it is the same organisation",
        facts)
    }
    return DomainPageText.sentence(text, names)
  }

  /// A ranked table of matches, or a line saying none matched well.
  static func matches(_ list: [ScreeningMatch], caption: String, id: String) -> HTMLNode {
    guard !list.isEmpty else {
      return .el(
        "p", ["class": "muted", "id": id], .safe(tr("{caption}: none matched well.", ["caption": .text(caption)])))
    }
    return ViewParts.scroll(
      caption,
      .el(
        "table", ["class": "data matches", "id": id],
        .el("caption", [:], .safe(caption)),
        .el(
          "thead", [:],
          .el(
            "tr", [:], .el("th", ["scope": "col"], .safe(list.first?.taxonomy == nil ? tr("Domain") : tr("Category"))),
            .el("th", ["scope": "col", "class": "num"], .safe(tr("Score"))),
            .el("th", ["scope": "col"], .safe(tr("Words that matched"))))),
        .el(
          "tbody", [:],
          list.map { m in
            let href =
              m.taxonomy.map { "/taxonomies/\(Esc.url($0))#area-\(m.id)" } ?? SiteURL.domain(m.id)
            return .el(
              "tr", ["data-id": m.id],
              .el(
                "th", ["scope": "row"],
                .el(
                  "a", ["href": href],
                  m.taxonomy == nil ? DomainText.nameNode(id: m.id, english: m.name) : DomainText.untranslated(m.name)),
                m.taxonomy.map { .el("span", ["class": "muted"], .safe(" · \($0)")) } ?? .none),
              .el("td", ["class": "num"], .safe(Format.fixed(m.score, digits: 2))),
              .el("td", [:], DomainText.asTyped(m.matchedTerms.joined(separator: ", "))))
          })))
  }

  /// The proposal as submitted: abstract, aims, partners and the optional details.
  static func proposal(_ p: Proposal) -> HTMLNode {
    var facts: [HTMLNode] = [.el("dt", [:], .safe(tr("Id"))), .el("dd", [:], .el("code", [:], .safe(p.id)))]
    if !p.partners.isEmpty {
      facts += [
        .el("dt", [:], .safe(tr("Partners"))),
        .el(
          "dd", [:],
          DomainText.asTyped(
            p.partners.map { "\($0.name)\($0.country.map { " (\($0))" } ?? "")" }.joined(separator: "; "))),
      ]
    }
    for (label, value) in [(tr("Funding"), p.funding), (tr("Data"), p.data), (tr("Equipment"), p.equipment)] {
      if let value, !value.isEmpty {
        facts += [.el("dt", [:], .safe(label)), .el("dd", [:], DomainText.asTyped(value))]
      }
    }
    return .el(
      "section", ["class": "proposal", "id": "proposal"],
      .el("h2", [:], .safe(tr("The proposal"))),
      .el("dl", ["class": "facts"], facts),
      p.abstract.isEmpty ? .none : .el("p", ["class": "abstract"], DomainText.asTyped(p.abstract)),
      p.aims.isEmpty
        ? .none
        : .el(
          "ol", ["class": "aims"],
          p.aims.map { .el("li", [:], .el("strong", [:], .safe("\($0.id): ")), DomainText.asTyped($0.text)) }))
  }
}
