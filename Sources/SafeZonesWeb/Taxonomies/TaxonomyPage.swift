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
      .el("dt", [:], .safe("Publisher")), .el("dd", [:], .safe(t.publisher)),
      .el("dt", [:], .safe("Title")), .el("dd", [:], .safe(t.title)),
      .el("dt", [:], .safe("Date")),
      .el("dd", [:], .el("time", ["datetime": t.date.description], .safe(t.date.description))),
      .el("dt", [:], .safe("Version")), .el("dd", [:], .safe(t.version)),
      .el("dt", [:], .safe("Address")), .el("dd", [:], ViewParts.linkified(t.url)))
  }

  static func list(_ all: [Taxonomy]) -> Page {
    var body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Technology taxonomies")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "The lists of sensitive and critical technologies that screening matches a proposal against, shipped as versioned data with their sources. Ids never change; a new edition of a list is a new file."
          )))
    ]
    for t in all {
      let subfields = t.entries.reduce(0) { $0 + $1.subfields.count }
      body.append(
        .el(
          "section", ["id": "taxonomy-\(t.id)", "class": "taxonomy", "data-taxonomy": t.id],
          .el("h2", [:], .link(url(t.id), t.name)),
          t.note.map { .el("p", [:], .safe($0)) } ?? .none,
          source(t),
          .el(
            "p", [:],
            .safe("\(t.entries.count) areas, \(subfields) subfields. "),
            .link(url(t.id), "See every area and subfield"))))
    }
    return Page(title: "Technology taxonomies", section: nil, body: body)
  }

  /// The crosswalk's links under one area, as a table: the domain (linked when the store
  /// has it), the subfield, the strength and why.
  static func domains(_ links: [CrosswalkLink], in entry: TaxonomyEntry, name: (String) -> String?) -> HTMLNode {
    guard !links.isEmpty else {
      return .el("p", ["class": "hint"], .safe("No knowledge-base domain falls under this area yet."))
    }
    return ViewParts.scroll(
      "Knowledge-base domains under this area",
      .el(
        "table", ["class": "data crosswalk"],
        .el(
          "caption", [:], .safe("Knowledge-base domains under this area")),
        .el(
          "thead", [:],
          .el(
            "tr", [:], .el("th", ["scope": "col"], .safe("Domain")), .el("th", ["scope": "col"], .safe("Subfield")),
            .el("th", ["scope": "col"], .safe("Strength")), .el("th", ["scope": "col"], .safe("Why")))),
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
              .el("td", [:], .safe(sub?.name ?? "the whole area")),
              .el(
                "td", [:],
                .el(
                  "span", ["class": "strength strength-\(link.strength.rawValue)", "title": link.strength.meaning],
                  .safe(link.strength.rawValue))),
              .el("td", [:], .safe(link.rationale)))
          })))
  }

  static func detail(_ t: Taxonomy, crosswalk: Crosswalk, name: (String) -> String?) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Taxonomies", "/taxonomies"), (t.name, nil)]),
      .el(
        "div", ["class": "page-head"], .el("h1", [:], .safe(t.name)),
        t.note.map { .el("p", ["class": "lede"], .safe($0)) } ?? .none),
      source(t),
      .el(
        "nav", ["aria-label": "Areas"],
        .el("ul", ["id": "area-index"], t.entries.map { e in .el("li", [:], .link("#area-\(e.id)", e.name)) })),
    ]
    for e in t.entries {
      body.append(
        .el(
          "section", ["id": "area-\(e.id)", "class": "taxonomy-area", "data-area": e.id],
          .el("h2", [:], .safe(e.name), .el("span", ["class": "muted"], .safe(" · \(e.id)"))),
          .el("p", [:], .safe(e.summary)),
          e.note.map { .el("p", ["class": "hint"], .safe("Note: \($0)")) } ?? .none,
          .el(
            "p", ["class": "keywords"], .el("strong", [:], .safe("Keywords: ")),
            .safe(e.keywords.joined(separator: ", "))),
          e.subfields.isEmpty
            ? .none
            : .el(
              "ul", ["class": "subfields"],
              e.subfields.map { s in
                .el(
                  "li", ["data-subfield": s.id], .el("strong", [:], .safe(s.name)),
                  .el("span", ["class": "muted"], .safe(" · \(s.id)")),
                  s.keywords.isEmpty ? .none : .safe(" — " + s.keywords.joined(separator: ", ")))
              }),
          domains(crosswalk.links(taxonomy: t, entry: e), in: e, name: name)))
    }
    return Page(title: "\(t.name) · taxonomies", section: nil, body: body)
  }
}
