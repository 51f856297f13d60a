import Foundation
import Plot
import SafeZonesCore

/// The taxonomies' pages: each list's source (publisher, title, date, version), its areas,
/// and for one list every subfield with the keywords screening matches on.
enum TaxonomyPage {
  static func url(_ id: String) -> String { "/taxonomies/\(Esc.url(id))" }

  static func source(_ t: Taxonomy) -> HTMLNode {
    .el(
      "dl", ["class": "facts", "id": "source-\(t.id)"],
      .el("dt", [:], .safe(tr("Publisher"))), .el("dd", [:], DomainText.untranslated(t.publisher)),
      .el("dt", [:], .safe(tr("Title"))), .el("dd", [:], DomainText.untranslated(t.title)),
      .el("dt", [:], .safe(tr("Date"))),
      .el("dd", [:], .el("time", ["datetime": t.date.description], .safe(t.date.description))),
      .el("dt", [:], .safe(tr("Version"))), .el("dd", [:], DomainText.untranslated(t.version)),
      .el("dt", [:], .safe(tr("Address"))), .el("dd", [:], ViewParts.linkified(t.url)))
  }

  static func list(_ all: [Taxonomy]) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Technology taxonomies"))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "The lists of sensitive and critical technologies that screening matches a proposal against, shipped as versioned data with their sources. Ids never change; a new edition of a list is a new file."
            ))))
    ]
    for t in all {
      let subfields = t.entries.reduce(0) { $0 + $1.subfields.count }
      body.append(
        .el(
          "section", ["id": "taxonomy-\(t.id)", "class": "taxonomy", "data-taxonomy": t.id],
          .el("h2", [:], .el("a", ["href": url(t.id)], DomainText.untranslated(t.name))),
          t.note.map { .el("p", [:], DomainText.untranslated($0)) } ?? .none,
          source(t),
          .el(
            "p", [:],
            .safe(
              tr(
                "{areas} areas, {subfields} subfields. ",
                ["areas": .text(String(t.entries.count)), "subfields": .text(String(subfields))])),
            .link(url(t.id), tr("See every area and subfield")))))
    }
    return Page(title: tr("Technology taxonomies"), section: nil, body: body)
  }

  /// The crosswalk's links under one area, as a table: the domain (linked when the store
  /// has it), the subfield, the strength and why.
  static func domains(_ links: [CrosswalkLink], in entry: TaxonomyEntry, name: (String) -> String?) -> HTMLNode {
    guard !links.isEmpty else {
      return .el("p", ["class": "hint"], .safe(tr("No knowledge-base domain falls under this area yet.")))
    }
    return ViewParts.scroll(
      tr("Knowledge-base domains under this area"),
      .el(
        "table", ["class": "data crosswalk"],
        .el(
          "caption", [:], .safe(tr("Knowledge-base domains under this area"))),
        .el(
          "thead", [:],
          .el(
            "tr", [:], .el("th", ["scope": "col"], .safe(tr("Domain"))),
            .el("th", ["scope": "col"], .safe(tr("Subfield"))),
            .el("th", ["scope": "col"], .safe(tr("Strength"))), .el("th", ["scope": "col"], .safe(tr("Why"))))),
        .el(
          "tbody", [:],
          links.map { link in
            let sub = entry.subfields.first { $0.id == link.entry }
            let domainName = name(link.domain)
            return .el(
              "tr", ["data-domain": link.domain, "data-strength": link.strength.rawValue],
              .el(
                "td", [:],
                domainName.map { .link("/domains/\(Esc.url(link.domain))", $0) } ?? .safe(link.domain)),
              .el("td", [:], sub.map { DomainText.untranslated($0.name) } ?? .safe(tr("the whole area"))),
              .el(
                "td", [:],
                .el(
                  "span", ["class": "strength strength-\(link.strength.rawValue)", "title": meaning(link.strength)],
                  .safe(strengthName(link.strength)))),
              .el("td", [:], DomainText.untranslated(link.rationale)))
          })))
  }

  static func detail(_ t: Taxonomy, crosswalk: Crosswalk, name: (String) -> String?) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Taxonomies"), "/taxonomies"), (t.name, nil)]),
      .el(
        "div", ["class": "page-head"], .el("h1", [:], DomainText.untranslated(t.name)),
        t.note.map { .el("p", ["class": "lede"], DomainText.untranslated($0)) } ?? .none),
      source(t),
      .el(
        "nav", ["aria-label": tr("Areas")],
        .el(
          "ul", ["id": "area-index"],
          t.entries.map { e in .el("li", [:], .el("a", ["href": "#area-\(e.id)"], DomainText.untranslated(e.name))) })),
    ]
    for e in t.entries {
      body.append(
        .el(
          "section", ["id": "area-\(e.id)", "class": "taxonomy-area", "data-area": e.id],
          .el("h2", [:], DomainText.untranslated(e.name), .el("span", ["class": "muted"], .safe(" · \(e.id)"))),
          .el("p", [:], DomainText.untranslated(e.summary)),
          e.note.map { .el("p", ["class": "hint"], .safe(tr("Note: ")), DomainText.untranslated($0)) } ?? .none,
          .el(
            "p", ["class": "keywords"], .el("strong", [:], .safe(tr("Keywords: "))),
            .safe(e.keywords.joined(separator: ", "))),
          e.subfields.isEmpty
            ? .none
            : .el(
              "ul", ["class": "subfields"],
              e.subfields.map { s in
                .el(
                  "li", ["data-subfield": s.id], .el("strong", [:], DomainText.untranslated(s.name)),
                  .el("span", ["class": "muted"], .safe(" · \(s.id)")),
                  s.keywords.isEmpty ? .none : .safe(" — " + s.keywords.joined(separator: ", ")))
              }),
          domains(crosswalk.links(taxonomy: t, entry: e), in: e, name: name)))
    }
    return Page(title: tr("{name} · taxonomies", ["name": .text(t.name)]), section: nil, body: body)
  }

  /// A crosswalk strength's name (`direct`, `partial`, `enabling`) in the language in view.
  static func strengthName(_ strength: CrosswalkStrength) -> String {
    switch strength {
    case .direct: tr("direct")
    case .partial: tr("partial")
    case .enabling: tr("enabling")
    }
  }

  /// What a crosswalk strength means (`CrosswalkStrength.meaning`), in the language in view.
  static func meaning(_ strength: CrosswalkStrength) -> String {
    switch strength {
    case .direct: tr("the domain is this area")
    case .partial: tr("part of the domain's work falls under it")
    case .enabling: tr("the domain's results feed it")
    }
  }
}
