import Foundation
import Plot
import SafeZonesCore

enum MapPage {
  static func page(_ m: MapPageModel) -> Page {
    let countries = m.rubric.countries.displayName
    let body: [HTMLNode] = [
      .el(
        "div", ["class": "page-head"],
        .el("h1", [:], .safe(tr("Safe zones for science: {countries} cooperation", ["countries": .text(countries)]))),
        .el(
          "p", ["class": "lede"],
          .safe(
            tr(
              "Each research domain is placed by its joint gains from cooperating (left to right) and the political risk of cooperating (bottom to top), computed from the criteria its assessors scored under rubric {version}. Select a domain to see why it sits where it does and what the framework recommends.",
              ["version": .text(m.rubric.version)]
            )))
      ),
      filters(m),
      .el("div", ["id": "results", "class": "results"], results(m)),
    ]
    return Page(title: tr("Map"), section: .map, body: body)
  }

  // MARK: - Filters

  static func filters(_ m: MapPageModel) -> HTMLNode {
    let chosen = m.filter.quadrants
    return .el(
      "form",
      [
        "id": "filters", "class": "filters", "method": "get", "action": SiteURL.map, "role": "search",
        "aria-label": tr("Filter domains"),
      ],
      .el(
        "fieldset", ["class": "quadrant-filter"],
        .el("legend", [:], .safe(tr("Quadrants"))),
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
              .safe(LanguageInView.text("quadrant.\(q.rawValue).name", q.title))
            )
          })
      ),
      .el(
        "div", ["class": "field"],
        .el("label", ["for": "filter-tag"], .safe(tr("Tag"))),
        .el(
          "select", ["id": "filter-tag", "name": "tag"],
          [.el("option", ["value": "any", "selected": Attrs.flag(m.filter.tag == nil)], .safe(tr("any tag")))]
            + m.tags.map { tag in
              // A tag is an id, the same in every language.
              .el(
                "option",
                [
                  "value": tag, "selected": Attrs.flag(m.filter.tag == tag),
                  "translate": Localization.language == .english ? nil : "no",
                ], .safe(tag))
            }
            + (m.filter.tag.map { t in
              m.tags.contains(t) ? [] : [.el("option", ["value": t, "selected": ""], .safe(t))]
            } ?? []))
      ),
      .el(
        "div", ["class": "field field-grow"],
        .el("label", ["for": "filter-q"], .safe(tr("Search"))),
        .el(
          "p", ["class": "hint", "id": "filter-q-hint"],
          .safe(tr("Words in a domain's name, tags or summary, e.g. battery, machine learning, AI."))),
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
        .el("button", ["id": "apply-filters", "type": "submit", "class": "button"], .safe(tr("Apply filters"))),
        m.filter.isEmpty
          ? .none
          : .link(
            SiteURL.map(PlacementFilter(), view: m.view), tr("Clear"),
            ["id": "clear-filters", "class": "button secondary"])
      )
    )
  }

  // MARK: - Results

  static func results(_ m: MapPageModel) -> [HTMLNode] {
    let counts: [String: LocalizationArgument] = [
      "shown": .text(String(m.placed.count)), "total": .text(String(m.total)),
    ]
    let count: String
    switch (m.total == 1, m.filter.isEmpty) {
    case (true, true): count = tr("{shown} of {total} domain", counts)
    case (false, true): count = tr("{shown} of {total} domains", counts)
    case (true, false): count = tr("{shown} of {total} domain match the filter", counts)
    case (false, false): count = tr("{shown} of {total} domains match the filter", counts)
    }
    var nodes: [HTMLNode] = [
      .el(
        "p",
        ["id": "domain-count", "class": "count", "data-shown": String(m.placed.count), "data-total": String(m.total)],
        .safe(count))
    ]
    if m.placed.isEmpty {
      nodes.append(
        .el(
          "p", ["id": "no-matches", "class": "notice"],
          .safe(tr("No domain matches this filter. ")),
          .link(SiteURL.map(PlacementFilter(), view: m.view), tr("Show every domain"))))
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
          tr(
            "Hover over, tab to or tap a point for its scores; select it (on a touch screen, tap it again) to open the domain. The same data is in the table below. Hollow markers are borderline; whiskers show the range the assessors' uncertainty allows."
          )),
        MapUncertaintyControls.caption(m.uncertainty)
      ))
  }

  static func downloads(_ filter: PlacementFilter, view: MapView = MapView()) -> HTMLNode {
    let filtered = !filter.isEmpty
    let date: [String: LocalizationArgument] = ["date": .text(view.asOf?.description ?? "")]
    let svgText: String
    let csvText: String
    switch (view.asOf != nil, filtered) {
    case (false, false):
      svgText = tr("Map as SVG")
      csvText = tr("Placements as CSV")
    case (true, false):
      svgText = tr("Map as SVG as of {date}", date)
      csvText = tr("Placements as CSV as of {date}", date)
    case (false, true):
      svgText = tr("Map as SVG (as filtered)")
      csvText = tr("Placements as CSV (as filtered)")
    case (true, true):
      svgText = tr("Map as SVG as of {date} (as filtered)", date)
      csvText = tr("Placements as CSV as of {date} (as filtered)", date)
    }
    let jsonText =
      filtered ? tr("Domains with full history as JSON (as filtered)") : tr("Domains with full history as JSON")
    return .el(
      "nav", ["id": "downloads", "class": "downloads", "aria-label": tr("Downloads")],
      .el("h2", ["class": "visually-hidden"], .safe(tr("Downloads"))),
      .el(
        "ul", [:],
        .el(
          "li", [:],
          .link(
            SiteURL.mapSVG(filter, view: view), svgText, ["id": "download-svg", "download": ""])),
        .el(
          "li", [:],
          .link(
            SiteURL.exportCSV(filter, asOf: view.asOf), csvText,
            ["id": "download-csv", "download": ""])),
        .el(
          "li", [:],
          .link(
            SiteURL.exportJSON(filter), jsonText,
            ["id": "download-json", "download": ""]))
      ))
  }

  /// The four quadrants laid out as in the essay's Table 1, with the stance for each.
  static func quadrants(_ m: MapPageModel) -> HTMLNode {
    let order: [Quadrant] = [.monitor, .politicalEngineering, .traditional, .safeZone]
    return .el(
      "section", ["id": "quadrants", "class": "quadrants", "aria-labelledby": "quadrants-title"],
      .el("h2", ["id": "quadrants-title"], .safe(tr("What the framework recommends"))),
      .el(
        "div", ["class": "quadrant-grid"],
        order.map { q in
          let n = m.placed.filter { $0.quadrant == q }.count
          return .el(
            "div", ["class": "quadrant-card q-\(q.rawValue)", "data-quadrant": q.rawValue],
            .el("h3", [:], .safe(LanguageInView.text("quadrant.\(q.rawValue).name", q.title))),
            .el(
              "p", ["class": "quadrant-axes"],
              .safe(
                tr(
                  "{position} · {corner} · ",
                  [
                    "position": .text(position(q)),
                    "corner": .text(LanguageInView.text("quadrant.\(q.rawValue).corner", q.corner)),
                  ])),
              .el(
                "a",
                [
                  "href": SiteURL.map(
                    PlacementFilter(quadrants: [q], tag: m.filter.tag, query: m.filter.query), view: m.view)
                ],
                .safe(
                  n == 1
                    ? tr("{count} domain", ["count": .text(String(n))])
                    : tr("{count} domains", ["count": .text(String(n))])))
            ),
            .el(
              "p", ["class": "card-stance"],
              .safe(m.stances[q].map { LanguageInView.text("strategy.\(q.rawValue).headline", $0.headline) } ?? ""))
          )
        })
    )
  }

  static func table(_ m: MapPageModel) -> HTMLNode {
    let t = m.rubric.thresholds
    return .el(
      "section", ["class": "domain-list", "aria-labelledby": "table-title"],
      .el("h2", ["id": "table-title"], .safe(tr("Domains"))),
      ViewParts.scroll(
        tr("Domains table"),
        .el(
          "table", ["id": "domain-table", "class": "data"],
          .el(
            "caption", [:],
            .safe(
              tr(
                "{shown} of {total} domains by name, with joint gains and political risk on a 0–1 scale (high at or above {gains} and {risk}).",
                [
                  "shown": .text(String(m.placed.count)), "total": .text(String(m.total)),
                  "gains": .text(Format.number(t.gains)), "risk": .text(Format.number(t.risk)),
                ]))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Domain"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Gains"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Risk"))),
              .el("th", ["scope": "col"], .safe(tr("Quadrant"))),
              .el("th", ["scope": "col"], .safe(tr("Notes"))),
              .el("th", ["scope": "col"], .safe(tr("Last assessed")))
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
    if r.borderline { notes.append(borderline(r.borderlineAxes)) }
    if !r.missing.isEmpty {
      let missing: [String: LocalizationArgument] = ["count": .text(String(r.missing.count))]
      notes.append(
        r.missing.count == 1 ? tr("{count} criterion not scored", missing) : tr("{count} criteria not scored", missing))
    }
    if r.hasEnvelope {
      let (g, k) = (r.gainsEnvelope, r.riskEnvelope)
      notes.append(
        tr(
          "range: gains {gains-low}–{gains-high}, risk {risk-low}–{risk-high}",
          [
            "gains-low": .text(Format.fixed(g.lowerBound)), "gains-high": .text(Format.fixed(g.upperBound)),
            "risk-low": .text(Format.fixed(k.lowerBound)), "risk-high": .text(Format.fixed(k.upperBound)),
          ]))
    }
    let versions = d.domain.assessments.count
    let assessed =
      d.isAssessed
      ? (versions > 1
        ? tr("{date} ({count} versions)", ["date": .text("\(d.assessment.date)"), "count": .text(String(versions))])
        : "\(d.assessment.date)") : "—"
    return .el(
      "tr", ["data-id": d.id, "data-quadrant": r.quadrant.rawValue, "data-tags": d.tags.joined(separator: " ")],
      .el("th", ["scope": "row"], .el("a", ["href": SiteURL.domain(d.id)], DomainText.nameNode(d.domain))),
      .el("td", ["class": "num"], .safe(Format.fixed(r.gains))),
      .el("td", ["class": "num"], .safe(Format.fixed(r.risk))),
      .el("td", [:], ViewParts.badge(r.quadrant)),
      .el("td", ["class": "notes"], .safe(notes.joined(separator: "; "))),
      .el("td", ["class": "nowrap"], .safe(assessed))
    )
  }

  /// The quadrant's place on the two axes (`High gains, low risk`).
  static func position(_ q: Quadrant) -> String {
    switch (q.highGains, q.highRisk) {
    case (true, true): return tr("High gains, high risk")
    case (true, false): return tr("High gains, low risk")
    case (false, true): return tr("Low gains, high risk")
    case (false, false): return tr("Low gains, low risk")
    }
  }

  /// `borderline (gains and risk)`: the axes on which a placement is close to a threshold.
  static func borderline(_ axes: [Axis]) -> String {
    let names = axes.map(axisWord)
    switch names.count {
    case 1: return tr("borderline ({axis})", ["axis": .text(names[0])])
    case 2: return tr("borderline ({first} and {second})", ["first": .text(names[0]), "second": .text(names[1])])
    default: return "borderline (\(axes.map(\.rawValue).joined(separator: " and ")))"
    }
  }

  /// An axis as a word in running text (`gains`, `risk`).
  static func axisWord(_ axis: Axis) -> String {
    switch axis {
    case .gains: return tr("gains")
    case .risk: return tr("risk")
    case .mitigation: return tr("mitigation")
    }
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
