import Foundation
import Plot
import SafeZonesCore

enum MapPage {
  static func page(_ m: MapPageModel) -> Page {
    let countries = "\(m.rubric.countries.first)–\(m.rubric.countries.second)"
    let body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe("Safe zones for science: \(countries) cooperation")),
        .el(
          "p", ["class": "lede"],
          .safe(
            "Each research domain is placed by its joint gains from cooperating (left to right) and the political risk of cooperating (bottom to top), computed from the criteria its assessors scored under rubric \(m.rubric.version). Select a domain to see why it sits where it does and what the framework recommends."
          ))
      ),
      filters(m),
      .el("div", ["id": "results", "class": "results"], results(m)),
    ]
    return Page(title: "Map", section: .map, body: body)
  }

  // MARK: - Filters

  static func filters(_ m: MapPageModel) -> HTMLNode {
    let chosen = m.filter.quadrants
    return .el(
      "form",
      [
        "id": "filters", "class": "filters", "method": "get", "action": SiteURL.map, "role": "search",
        "aria-label": "Filter domains",
      ],
      .el(
        "fieldset", ["class": "quadrant-filter"],
        .el("legend", [:], .safe("Quadrants")),
        .el(
          "div", ["class": "checks"],
          Quadrant.allCases.map { q in
            .el(
              "label", ["class": "check q-\(q.rawValue)"],
              .void(
                "input",
                [
                  "type": "checkbox", "name": "quadrant", "value": q.rawValue,
                  "checked": Attrs.flag(chosen.contains(q)),
                ]),
              .el("span", ["class": "swatch", "aria-hidden": "true"]),
              .safe(q.title)
            )
          })
      ),
      .el(
        "div", ["class": "field"],
        .el("label", ["for": "filter-tag"], .safe("Tag")),
        .el(
          "select", ["id": "filter-tag", "name": "tag"],
          [.el("option", ["value": "any", "selected": Attrs.flag(m.filter.tag == nil)], .safe("any tag"))]
            + m.tags.map { tag in
              .el("option", ["value": tag, "selected": Attrs.flag(m.filter.tag == tag)], .safe(tag))
            }
            + (m.filter.tag.map { t in
              m.tags.contains(t) ? [] : [.el("option", ["value": t, "selected": ""], .safe(t))]
            } ?? []))
      ),
      .el(
        "div", ["class": "field field-grow"],
        .el("label", ["for": "filter-q"], .safe("Search")),
        .el(
          "p", ["class": "hint", "id": "filter-q-hint"],
          .safe("Words in a domain's name, tags or summary, e.g. battery, machine learning, AI.")),
        .void(
          "input",
          [
            "id": "filter-q", "type": "search", "name": "q", "value": m.filter.query, "autocomplete": "off",
            "spellcheck": "false", "aria-describedby": "filter-q-hint",
          ])
      ),
      MapTimeControls.fields(asOf: m.asOf, trajectories: m.trajectories),
      MapUncertaintyControls.field(on: m.uncertainty),
      .el(
        "div", ["class": "actions"],
        .el("button", ["id": "apply-filters", "type": "submit", "class": "button"], .safe("Apply filters")),
        m.filter.isEmpty
          ? .none
          : .link(
            SiteURL.map(PlacementFilter(), view: m.view), "Clear", ["id": "clear-filters", "class": "button secondary"])
      )
    )
  }

  // MARK: - Results

  static func results(_ m: MapPageModel) -> [HTMLNode] {
    let count = "\(m.placed.count) of \(m.total) domain\(m.total == 1 ? "" : "s")"
    var nodes: [HTMLNode] = [
      .el(
        "p",
        ["id": "domain-count", "class": "count", "data-shown": String(m.placed.count), "data-total": String(m.total)],
        .safe(count + (m.filter.isEmpty ? "" : " match the filter")))
    ]
    if m.placed.isEmpty {
      nodes.append(
        .el(
          "p", ["id": "no-matches", "class": "notice"],
          .safe("No domain matches this filter. "),
          .link(SiteURL.map(PlacementFilter(), view: m.view), "Show every domain")))
    }
    if !m.placed.isEmpty {
      nodes.append(figure(m))
    }
    nodes.append(downloads(m.filter, view: m.view))
    nodes.append(quadrants(m))
    nodes.append(table(m))
    return nodes
  }

  static func figure(_ m: MapPageModel) -> HTMLNode {
    .el(
      "figure", ["id": "map", "class": "map"],
      .raw(m.svg),
      .el(
        "figcaption", [:],
        .safe(
          "Hover over, tab to or tap a point for its scores; select it (on a touch screen, tap it again) to open the domain. The same data is in the table below. Hollow markers are borderline; whiskers show the range the assessors' uncertainty allows."
        ),
        MapUncertaintyControls.caption(m.uncertainty)
      ))
  }

  static func downloads(_ filter: PlacementFilter, view: MapView = MapView()) -> HTMLNode {
    let shown = filter.isEmpty ? "" : " (as filtered)"
    let then = view.asOf.map { " as of \($0)" } ?? ""
    return .el(
      "nav", ["id": "downloads", "class": "downloads", "aria-label": "Downloads"],
      .el("h2", ["class": "visually-hidden"], .safe("Downloads")),
      .el(
        "ul", [:],
        .el(
          "li", [:],
          .link(
            SiteURL.mapSVG(filter, view: view), "Map as SVG" + then + shown, ["id": "download-svg", "download": ""])),
        .el(
          "li", [:],
          .link(
            SiteURL.exportCSV(filter, asOf: view.asOf), "Placements as CSV" + then + shown,
            ["id": "download-csv", "download": ""])),
        .el(
          "li", [:],
          .link(
            SiteURL.exportJSON(filter), "Domains with full history as JSON" + shown,
            ["id": "download-json", "download": ""]))
      ))
  }

  /// The four quadrants laid out as in the essay's Table 1, with the stance for each.
  static func quadrants(_ m: MapPageModel) -> HTMLNode {
    let order: [Quadrant] = [.monitor, .politicalEngineering, .traditional, .safeZone]
    return .el(
      "section", ["id": "quadrants", "class": "quadrants", "aria-labelledby": "quadrants-title"],
      .el("h2", ["id": "quadrants-title"], .safe("What the framework recommends")),
      .el(
        "div", ["class": "quadrant-grid"],
        order.map { q in
          let n = m.placed.filter { $0.quadrant == q }.count
          return .el(
            "div", ["class": "quadrant-card q-\(q.rawValue)", "data-quadrant": q.rawValue],
            .el("h3", [:], .safe(q.title)),
            .el(
              "p", ["class": "quadrant-axes"],
              .safe("\(q.highGains ? "High" : "Low") gains, \(q.highRisk ? "high" : "low") risk · \(q.corner) · "),
              .el(
                "a",
                [
                  "href": SiteURL.map(
                    PlacementFilter(quadrants: [q], tag: m.filter.tag, query: m.filter.query), view: m.view)
                ],
                .safe("\(n) domain\(n == 1 ? "" : "s")"))
            ),
            .el("p", ["class": "card-stance"], .safe(m.stances[q]?.headline ?? ""))
          )
        })
    )
  }

  static func table(_ m: MapPageModel) -> HTMLNode {
    let t = m.rubric.thresholds
    return .el(
      "section", ["class": "domain-list", "aria-labelledby": "table-title"],
      .el("h2", ["id": "table-title"], .safe("Domains")),
      ViewParts.scroll(
        "Domains table",
        .el(
          "table", ["id": "domain-table", "class": "data"],
          .el(
            "caption", [:],
            .safe(
              "\(m.placed.count) of \(m.total) domains by name, with joint gains and political risk on a 0–1 scale (high at or above \(Format.number(t.gains)) and \(Format.number(t.risk)))."
            )),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Domain")),
              .el("th", ["scope": "col", "class": "num"], .safe("Gains")),
              .el("th", ["scope": "col", "class": "num"], .safe("Risk")),
              .el("th", ["scope": "col"], .safe("Quadrant")),
              .el("th", ["scope": "col"], .safe("Notes")),
              .el("th", ["scope": "col"], .safe("Last assessed"))
            )),
          .el("tbody", [:], .raw(m.rows.joined()))
        )))
  }

  /// What a row shows depends on: the domain's id, name and tags, the assessment placed,
  /// the number of versions, and the rubric.
  static func rowFingerprint(_ d: PlacedDomain, rubric: Rubric) -> String {
    "\(d.name)|\(d.tags)|\(d.assessment.sequence ?? -1)|\(d.assessment.date)|\(d.domain.assessments.count)|\(rubric.version)|\(rubric.thresholds)|\(rubric.countries.id)"
  }

  static func row(_ d: PlacedDomain) -> HTMLNode {
    let r = d.placement
    var notes: [String] = []
    if r.borderline { notes.append("borderline (\(r.borderlineAxes.map(\.rawValue).joined(separator: " and ")))") }
    if !r.missing.isEmpty { notes.append("\(r.missing.count) criteri\(r.missing.count == 1 ? "on" : "a") not scored") }
    if r.hasEnvelope {
      let (g, k) = (r.gainsEnvelope, r.riskEnvelope)
      notes.append(
        "range: gains \(Format.fixed(g.lowerBound))–\(Format.fixed(g.upperBound)), risk \(Format.fixed(k.lowerBound))–\(Format.fixed(k.upperBound))"
      )
    }
    let versions = d.domain.assessments.count
    let assessed = d.isAssessed ? "\(d.assessment.date)" + (versions > 1 ? " (\(versions) versions)" : "") : "—"
    return .el(
      "tr", ["data-id": d.id, "data-quadrant": r.quadrant.rawValue, "data-tags": d.tags.joined(separator: " ")],
      .el("th", ["scope": "row"], .link(SiteURL.domain(d.id), d.name)),
      .el("td", ["class": "num"], .safe(Format.fixed(r.gains))),
      .el("td", ["class": "num"], .safe(Format.fixed(r.risk))),
      .el("td", [:], ViewParts.badge(r.quadrant)),
      .el("td", ["class": "notes"], .safe(notes.joined(separator: "; "))),
      .el("td", ["class": "nowrap"], .safe(assessed))
    )
  }

  /// The chart's SVG made fit to inline in a page: its `<style>` element would be blocked by
  /// the content security policy (the stylesheet carries the same hover rules).
  static func inlineSVG(_ svg: String) -> String {
    var out = svg
    while let start = out.range(of: "<style"),
      let end = out.range(of: "</style>", range: start.upperBound..<out.endIndex)
    {
      out.removeSubrange(start.lowerBound..<end.upperBound)
    }
    if out.hasPrefix("<?xml"), let close = out.range(of: "?>") { out.removeSubrange(out.startIndex..<close.upperBound) }
    return out.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
