import Foundation
import Plot
import SafeZonesCore

enum DomainPage {
  /// The pairs the domain is assessed for: the one shown, links to the others, and the
  /// comparison when there are several.
  static func pairs(_ m: DomainPageModel) -> HTMLNode {
    let shown = m.rubric.countries
    var parts: [HTMLNode] = [.safe("Placed for "), .el("strong", [:], .safe(shown.description)), .safe(".")]
    let others = m.pairs.filter { $0 != shown }
    if !others.isEmpty {
      parts.append(.safe(" Also assessed for "))
      for (i, pair) in others.enumerated() {
        if i > 0 { parts.append(.safe(", ")) }
        parts.append(.link(SiteURL.domain(m.domain.id) + "?pair=" + Esc.url(pair.id), pair.description))
      }
      parts += [
        .safe(" · "),
        .link(SiteURL.compare([shown] + others, all: true), "compare the pairs", ["id": "compare-pairs-link"]),
      ]
    }
    return .el("p", ["id": "domain-pairs", "class": "muted", "data-pair": shown.id], parts)
  }

  static func page(_ m: DomainPageModel) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([("Map", SiteURL.map), (m.domain.name, nil)]),
      header(m),
      pairs(m),
    ]
    if let saved = m.savedVersion, saved == m.currentVersion {
      body.append(
        .el(
          "p", ["id": "saved-notice", "class": "notice success", "role": "status"],
          .safe("Saved. Your assessment is version \(saved) and is now the current one.")))
    } else if let saved = m.savedVersion, let entry = m.history.first(where: { $0.version == saved }) {
      body.append(
        .el(
          "p", ["id": "saved-notice", "class": "notice success", "role": "status"],
          .safe(
            "Saved as version \(saved), dated \(entry.assessment.date). The current assessment (version \(m.currentVersion), dated \(m.history.first?.assessment.date.description ?? "")) is dated later, so yours joins the history at its date and the current placement is unchanged."
          ), .safe(" "), .link("#version-\(saved)", "See it in the history")))
    }
    if !m.isCurrent {
      body.append(
        .el(
          "p", ["id": "version-notice", "class": "notice warning", "role": "status"],
          .safe(
            "You are viewing version \(m.version) of \(m.versions), by \(m.assessment.assessor) on \(m.assessment.date). "
          ),
          .link(SiteURL.domain(m.domain.id), "View the current assessment (version \(m.currentVersion))")))
    }
    body += [
      placement(m),
      criteria(m),
      UncertaintySection.section(m.uncertainty),
      strategy(m),
      links(m),
      technologyLists(m),
      supplyChains(m),
      DomainChangeView.section(m.change),
      history(m),
    ]
    return Page(title: m.domain.name + (m.isCurrent ? "" : " (version \(m.version))"), section: nil, body: body)
  }

  // MARK: - Header

  static func header(_ m: DomainPageModel) -> HTMLNode {
    let d = m.domain
    var meta: [HTMLNode] = [
      .el("dt", [:], .safe("Id")), .el("dd", [:], .el("code", [:], .safe(d.id))),
    ]
    if !d.tags.isEmpty {
      meta += [
        .el("dt", [:], .safe("Tags")),
        .el(
          "dd", [:],
          .el(
            "ul", ["class": "tags"],
            d.tags.map { tag in .el("li", [:], .link(SiteURL.map(PlacementFilter(tag: tag)), tag, ["rel": "tag"])) })),
      ]
    }
    if let source = d.source {
      meta += [.el("dt", [:], .safe("Source in the essay")), .el("dd", ["class": "source"], .safe(source))]
    }
    return .el(
      "div", ["class": "page-head domain-head"],
      // Printed, the page is a decision memo: this line heads it (hidden on screen).
      .el(
        "p", ["class": "print-only memo-head", "id": "memo-head"],
        .el("strong", [:], .safe("SafeZones decision memo")),
        .safe(" · printed "), .el("time", ["data-print-date": ""], .safe(Day(Date()).description))),
      .el("h1", [:], .safe(d.name)),
      d.summary.map { .el("p", ["class": "lede"], .safe($0)) } ?? .none,
      .el("dl", ["class": "meta"], meta),
      .el(
        "p", ["class": "head-actions"],
        m.canAssess
          ? .group([
            .link(SiteURL.assess(d.id), "Add an assessment", ["id": "add-assessment", "class": "button"]), .safe(" "),
          ])
          : .none,
        .link("#history", "History (\(m.versions) version\(m.versions == 1 ? "" : "s"))", ["class": "button secondary"])
      )
    )
  }

  // MARK: - Placement

  static func placement(_ m: DomainPageModel) -> HTMLNode {
    let r = m.placed.placement
    let t = m.rubric.thresholds
    var facts: [HTMLNode] = [
      .el("dt", [:], .safe("Joint gains")),
      .el(
        "dd", [:],
        .el("span", ["class": "value", "id": "gains"], .safe(Format.fixed(r.gains))),
        .safe(" — \(r.quadrant.highGains ? "high" : "low") (threshold \(Format.number(t.gains)))"),
        ViewParts.gauge(
          r.gains, threshold: t.gains, envelope: r.gainsEnvelope,
          label: "Joint gains \(Format.fixed(r.gains)) on a 0 to 1 scale")),
      .el("dt", [:], .safe("Political risk")),
      .el(
        "dd", [:],
        .el("span", ["class": "value", "id": "risk"], .safe(Format.fixed(r.risk))),
        .safe(" — \(r.quadrant.highRisk ? "high" : "low") (threshold \(Format.number(t.risk)))"),
        ViewParts.gauge(
          r.risk, threshold: t.risk, envelope: r.riskEnvelope,
          label: "Political risk \(Format.fixed(r.risk)) on a 0 to 1 scale")),
    ]
    if r.borderline {
      facts += [
        .el("dt", [:], .safe("Borderline")),
        .el(
          "dd", ["id": "borderline"],
          .safe(
            "Within \(Format.number(t.margin)) of the \(r.borderlineAxes.map(\.rawValue).joined(separator: " and ")) threshold: a small change in one score could move it to another quadrant."
          )),
      ]
    }
    if r.hasEnvelope {
      facts += [
        .el("dt", [:], .safe("Envelope")),
        .el(
          "dd", ["id": "envelope"],
          .safe(
            "Gains \(Format.fixed(r.gainsEnvelope.lowerBound))–\(Format.fixed(r.gainsEnvelope.upperBound)), risk \(Format.fixed(r.riskEnvelope.lowerBound))–\(Format.fixed(r.riskEnvelope.upperBound)): the extremes the assessor's ranges\(r.missing.isEmpty ? "" : " and the criteria left out") allow."
          )),
      ]
    }
    if !r.missing.isEmpty {
      facts += [
        .el("dt", [:], .safe("Not scored")),
        .el(
          "dd", ["id": "missing"],
          .safe(
            r.missing.map(\.title).joined(separator: ", ")
              + ". The placement uses the other criteria; the envelope shows how far the missing ones could move it.")),
      ]
    }
    let b = r.riskBreakdown
    var steps: [HTMLNode] = [
      .el("li", [:], .safe("Weighted mean of the risk criteria: \(Format.fixed(b.mean, digits: 3))")),
      .el("li", [:], .safe("Most severe single factor: \(Format.fixed(b.peak, digits: 3))")),
      .el(
        "li", [:],
        .safe(
          "Before mitigation, \(Format.number(1 - m.rubric.aggregation.peakShare)) × mean + \(Format.number(m.rubric.aggregation.peakShare)) × most severe = \(Format.fixed(b.unmitigated, digits: 3))"
        )),
      .el(
        "li", [:],
        .safe(
          "Mitigation \(Format.fixed(b.mitigation, digits: 3)) removes up to \(Format.number(m.rubric.aggregation.mitigationStrength * 100))%: \(Format.fixed(b.mitigated, digits: 3))"
        )),
    ]
    if let floor = b.floorCriterion {
      steps.append(
        .el(
          "li", [:],
          .safe(
            "Floor from \(floor.title.lowercased()): mitigation cannot bring risk below \(Format.fixed(b.floor, digits: 3))"
          )))
    }
    steps.append(.el("li", [:], .safe("Political risk: \(Format.fixed(r.risk, digits: 3))")))
    return .el(
      "section",
      [
        "id": "placement", "class": "placement q-\(r.quadrant.rawValue)", "data-quadrant": r.quadrant.rawValue,
        "aria-labelledby": "placement-title",
      ],
      .el("h2", ["id": "placement-title"], .safe("Placement")),
      PlacementMap.figure(name: m.domain.name, placement: r, thresholds: t),
      .el(
        "p", ["class": "placement-quadrant"],
        ViewParts.badge(r.quadrant),
        .safe(
          " \(r.quadrant.highGains ? "High" : "Low") joint gains, \(r.quadrant.highRisk ? "high" : "low") political risk (\(r.quadrant.corner) of the map)."
        )),
      .el(
        "p", ["class": "assessed-by"],
        .safe(
          "Version \(m.version) of \(m.versions): assessed by \(m.assessment.assessor) on \(m.assessment.date)\(m.assessment.perspective.map { " from the \($0) perspective" } ?? "") · rubric \(m.rubric.version) · \(m.rubric.countries)"
        )),
      m.assessment.note.map { .el("p", ["class": "note"], .el("strong", [:], .safe("Assessor's note: ")), .safe($0)) }
        ?? .none,
      .el("dl", ["class": "facts"], facts),
      .el(
        "details", ["class": "risk-steps"],
        .el("summary", [:], .safe("How the risk was computed")),
        .el("ol", [:], steps))
    )
  }

  // MARK: - Criteria

  static func criteria(_ m: DomainPageModel) -> HTMLNode {
    let r = m.placed.placement
    var bodies: [HTMLNode] = []
    for axis in Axis.allCases {
      let criteria = m.rubric.criteria(on: axis)
      guard !criteria.isEmpty else { continue }
      let heading: String
      switch axis {
      case .gains: heading = "Joint gains — weighted mean, contributions add up to \(Format.fixed(r.gains, digits: 3))"
      case .risk: heading = "Political risk — mean blended with the most severe factor"
      case .mitigation: heading = "Mitigations — lower the risk"
      }
      var rows: [HTMLNode] = [
        .el(
          "tr", ["class": "axis-row"],
          .el("th", ["colspan": "6", "scope": "rowgroup", "id": "axis-\(axis.rawValue)"], .safe(heading)))
      ]
      for c in criteria {
        let e = r.contribution(c.id)
        let scored = m.assessment.scores[c.id]
        var flags: [HTMLNode] = []
        if e?.isPeak == true { flags.append(.el("span", ["class": "flag"], .safe("most severe"))) }
        if e?.heldFloor == true { flags.append(.el("span", ["class": "flag"], .safe("floor holds"))) }
        if c.id.isInverse { flags.append(.el("span", ["class": "flag muted"], .safe("counts inversely"))) }
        let reasons: [HTMLNode] =
          (scored?.rationale.map { [.el("p", ["class": "rationale"], .safe($0))] } ?? [])
          + ((scored?.evidence.isEmpty ?? true)
            ? []
            : [
              .el(
                "ul", ["class": "evidence", "aria-label": "Evidence"],
                scored!.evidence.map { .el("li", [:], ViewParts.linkified($0)) })
            ])
        rows.append(
          .el(
            "tr", ["data-criterion": c.id.rawValue, "class": scored == nil ? "unscored" : nil],
            .el(
              "th", ["scope": "row", "headers": "axis-\(axis.rawValue)"],
              .safe(c.id.title), .el("span", ["class": "criterion-id"], .safe(c.id.rawValue)), .group(flags)),
            .el("td", ["class": "num score"], .safe(scored.map { ViewParts.score($0.value) } ?? "—")),
            .el("td", ["class": "num"], .safe(Format.number(c.weight))),
            .el("td", ["class": "num"], .safe(scored == nil ? "—" : ViewParts.signed(e?.value ?? 0))),
            .el("td", ["class": "level"], .safe(ViewParts.levelMeaning(c, score: scored?.value.likely))),
            .el(
              "td", ["class": "reasons"],
              reasons.isEmpty
                ? [.el("span", ["class": "muted"], .safe(scored == nil ? "not scored" : "no rationale given"))]
                : reasons)
          ))
      }
      bodies.append(.el("tbody", ["data-axis": axis.rawValue], rows))
    }
    return .el(
      "section", ["id": "criteria-section", "aria-labelledby": "criteria-title"],
      .el("h2", ["id": "criteria-title"], .safe("Criteria")),
      .el(
        "p", [:],
        .safe("Scores run from 0 to 4 (see the "), .link(SiteURL.rubric, "rubric"),
        .safe(
          " for each level). A contribution is what the criterion adds to its axis; mitigations subtract from risk.")),
      ViewParts.scroll(
        "Criteria table",
        .el(
          "table", ["id": "criteria", "class": "data criteria"],
          .el(
            "caption", [:],
            .safe(
              "Criterion scores of version \(m.version), with weight, contribution, the meaning of the level and the assessor's reasons"
            )),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Criterion")),
              .el("th", ["scope": "col", "class": "num"], .safe("Score (range)")),
              .el("th", ["scope": "col", "class": "num"], .safe("Weight")),
              .el("th", ["scope": "col", "class": "num"], .safe("Contribution")),
              .el("th", ["scope": "col"], .safe("Level meaning")),
              .el("th", ["scope": "col"], .safe("Rationale and evidence"))
            )),
          .group(bodies)
        ))
    )
  }

  // MARK: - Strategy

  static func strategy(_ m: DomainPageModel) -> HTMLNode {
    let s = m.placed.strategy
    return .el(
      "section", ["id": "strategy", "aria-labelledby": "strategy-title"],
      .el("h2", ["id": "strategy-title"], .safe("Strategy")),
      .el(
        "div", ["class": "stance q-\(s.stance.quadrant.rawValue)"],
        .el("p", ["class": "stance-headline"], .safe(s.stance.headline)),
        .el("p", [:], .safe(s.stance.summary)),
        precedent(s.stance.precedent)),
      s.actions.isEmpty
        ? .el("p", ["class": "muted"], .safe("No specific action follows from the criteria beyond the stance."))
        : .el(
          "ol", ["class": "actions"],
          s.actions.map { a in
            .el(
              "li", ["data-action": a.id],
              .el("h3", [:], .safe(a.title)),
              .el("p", [:], .safe(a.detail)),
              a.because.isEmpty
                ? .none
                : .el(
                  "div", ["class": "because"],
                  .el("span", ["class": "label"], .safe("Because ")),
                  .el("ul", [:], a.because.map { .el("li", [:], .safe($0.text)) })),
              precedent(a.precedent))
          })
    )
  }

  static func precedent(_ p: Precedent) -> HTMLNode {
    .el(
      "p", ["class": "precedent"],
      .el("span", ["class": "label"], .safe("Essay precedent: ")),
      .el("cite", [:], .safe(p.example)), .safe(" — " + p.passage))
  }

  // MARK: - Links

  static func links(_ m: DomainPageModel) -> HTMLNode {
    func table(_ id: String, _ caption: String, _ entries: [DomainPageModel.LinkEntry]) -> HTMLNode {
      ViewParts.scroll(
        caption,
        .el(
          "table", ["id": id, "class": "data"],
          .el("caption", [:], .safe(caption)),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe("Domain")),
              .el("th", ["scope": "col"], .safe("Kind")),
              .el("th", ["scope": "col", "class": "num"], .safe("Weight")),
              .el("th", ["scope": "col"], .safe("Rationale"))
            )),
          .el(
            "tbody", [:],
            entries.map { e in
              .el(
                "tr", ["data-target": e.id],
                .el(
                  "th", ["scope": "row"],
                  e.name.map { .link(SiteURL.domain(e.id), $0) }
                    ?? .el("span", [:], .el("code", [:], .safe(e.id)), .safe(" (not in the store)"))),
                .el("td", [:], .safe(e.link.kind)),
                .el("td", ["class": "num"], .safe(Format.number(e.link.weight))),
                .el("td", [:], .safe(e.link.rationale ?? "—"))
              )
            })
        ))
    }
    var content: [HTMLNode] = [.el("h2", ["id": "links-title"], .safe("Linked domains"))]
    if m.links.isEmpty && m.linkedFrom.isEmpty {
      content.append(
        .el("p", ["class": "muted"], .safe("No links recorded. Links let risk spill over from a sensitive neighbour.")))
    }
    if !m.links.isEmpty { content.append(table("links", "Domains this one is tied to", m.links)) }
    if !m.linkedFrom.isEmpty { content.append(table("linked-from", "Domains tied to this one", m.linkedFrom)) }
    return .el("section", ["id": "linked", "aria-labelledby": "links-title"], content)
  }

  // MARK: - Supply chains

  /// The stored supply networks with a node whose work depends on this domain.
  static func supplyChains(_ m: DomainPageModel) -> HTMLNode {
    guard let runs = m.supplyChains else { return .none }
    var content: [HTMLNode] = [.el("h2", ["id": "supply-chains-title"], .safe("Supply chains that depend on it"))]
    if runs.isEmpty {
      content.append(
        .el(
          "p", ["class": "hint", "id": "no-supply-chains"],
          .safe("No stored stress test has a node depending on this domain. "),
          .link(SupplyChainURL.list, "Run one")))
    } else {
      content.append(
        .el(
          "ul", ["id": "supply-chains"],
          runs.map { r in
            .el(
              "li", ["data-run": String(r.id)], .link(SupplyChainURL.run(r.id), r.inputs.name),
              .safe(" · \(r.inputs.nodeCount) nodes · \(r.status.rawValue) · \(ViewParts.time(r.createdAt))"))
          }))
    }
    return .el("section", ["id": "domain-supply-chains", "aria-labelledby": "supply-chains-title"], content)
  }

  // MARK: - Technology lists

  /// Which published lists of sensitive technologies the domain falls under (the crosswalk).
  static func technologyLists(_ m: DomainPageModel) -> HTMLNode {
    var content: [HTMLNode] = [.el("h2", ["id": "lists-title"], .safe("On the technology lists"))]
    if m.crosswalk.isEmpty {
      content.append(
        .el(
          "p", ["class": "muted"],
          .safe("The crosswalk links no area of the shipped technology lists to this domain."),
          .safe(" "), .link("/taxonomies", "See the lists")))
    } else {
      content.append(
        .el(
          "p", [:],
          .safe(
            "Where this domain sits on the published lists of critical and sensitive technologies: direct (the domain is the area), partial (part of its work falls under it) or enabling (its results feed the area)."
          )))
      content.append(
        ViewParts.scroll(
          "On the technology lists",
          .el(
            "table", ["id": "crosswalk", "class": "data"],
            .el("caption", [:], .safe("Taxonomy areas this domain falls under")),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe("List")), .el("th", ["scope": "col"], .safe("Area")),
                .el("th", ["scope": "col"], .safe("Strength")), .el("th", ["scope": "col"], .safe("Why")))),
            .el(
              "tbody", [:],
              m.crosswalk.map { c in
                .el(
                  "tr", ["data-taxonomy": c.taxonomy.id, "data-area": c.link.entry],
                  .el("td", [:], .safe(c.taxonomy.name)),
                  .el(
                    "td", [:],
                    .link(
                      "/taxonomies/\(Esc.url(c.taxonomy.id))#area-\(c.entry.id)",
                      c.subfield.map { "\(c.entry.name): \($0.name)" } ?? c.entry.name)),
                  .el(
                    "td", [:],
                    .el(
                      "span",
                      ["class": "strength strength-\(c.link.strength.rawValue)", "title": c.link.strength.meaning],
                      .safe(c.link.strength.rawValue))),
                  .el("td", [:], .safe(c.link.rationale)))
              }))))
    }
    return .el("section", ["id": "technology-lists", "aria-labelledby": "lists-title"], content)
  }

  // MARK: - History

  static func history(_ m: DomainPageModel) -> HTMLNode {
    .el(
      "section", ["id": "history", "aria-labelledby": "history-title"],
      .el("h2", ["id": "history-title"], .safe("History")),
      .el(
        "p", [:],
        .safe(
          "Every assessment is kept, in date order; the latest dated is current (of several on one date, the last saved). A back-dated assessment joins the history at its date. Placements are recomputed under the rubric in force (\(m.rubric.version))."
        )),
      .el("ol", ["class": "history", "reversed": ""], m.history.map { entry(m, $0) })
    )
  }

  static func entry(_ m: DomainPageModel, _ h: DomainPageModel.HistoryEntry) -> HTMLNode {
    let a = h.assessment
    let d = h.diff
    let current = h.version == m.currentVersion
    let shown = h.version == m.version
    var who: [HTMLNode] = [
      .el("span", ["class": "who"], .safe(a.assessor)),
      .safe(", dated "), .el("time", ["datetime": a.date.description], .safe(a.date.description)),
    ]
    if let recorded = a.recordedAt {
      who += [
        .safe(" · recorded "),
        .el(
          "time", ["class": "recorded", "datetime": ISO8601DateFormatter().string(from: recorded)],
          .safe(ViewParts.time(recorded))),
      ]
    }
    if let p = a.perspective { who.append(.safe(" · perspective \(p)")) }
    if h.backDated {
      who.append(.el("span", ["class": "back-dated"], .safe(" · back-dated: saved after a later-dated assessment")))
    }

    var changes: [HTMLNode] = []
    if let from = d.from {
      let move = d.moved ? "\(from.text) → \(d.to.text)" : "unchanged at \(d.to.text)"
      changes.append(
        .el(
          "li", ["class": d.changedQuadrant ? "moved quadrant-change" : "moved"],
          .el("strong", [:], .safe(d.changedQuadrant ? "Moved to another quadrant: " : "Placement: ")), .safe(move)))
      for c in d.changed {
        changes.append(
          .el(
            "li", ["class": "changed"],
            .safe("\(c.criterion.title): \(ViewParts.score(c.old)) → \(ViewParts.score(c.new))")))
      }
      for e in d.added {
        changes.append(.el("li", ["class": "added"], .safe("\(e.criterion.title) added: \(ViewParts.score(e.value))")))
      }
      for e in d.removed {
        changes.append(
          .el("li", ["class": "removed"], .safe("\(e.criterion.title) removed (was \(ViewParts.score(e.value)))")))
      }
      if !d.reasonsChanged.isEmpty {
        changes.append(
          .el(
            "li", ["class": "reasons"],
            .safe("Reasons revised for \(d.reasonsChanged.map(\.title).joined(separator: ", "))")))
      }
      if d.perspectiveChanged {
        changes.append(
          .el(
            "li", ["class": "changed"],
            .safe("Perspective: \(d.oldPerspective ?? "not stated") → \(d.newPerspective ?? "not stated")")))
      }
      if d.scoresUnchanged {
        changes.append(.el("li", [:], .safe("Same scores and reasons as version \(h.previousVersion ?? h.version)")))
      }
    } else {
      changes.append(
        .el(
          "li", ["class": "moved"], .el("strong", [:], .safe("First assessment: ")),
          .safe("\(d.to.text), \(a.scores.count) criteria scored")))
    }
    let label = current ? "Version \(h.version) (current)" : "Version \(h.version)"
    return .el(
      "li",
      ["class": shown ? "version shown" : "version", "data-version": String(h.version), "id": "version-\(h.version)"],
      .el(
        "h3", [:],
        .safe(label + " "),
        ViewParts.badge(d.to.quadrant)),
      .el("p", ["class": "byline"], who),
      a.note.map { .el("p", ["class": "note"], .safe($0)) } ?? .none,
      .el("ul", ["class": "changes", "aria-label": "What changed"], changes),
      shown
        ? .el("p", ["class": "muted"], .safe("Shown above."))
        : .el(
          "p", [:],
          .link(
            current ? SiteURL.domain(m.domain.id) : SiteURL.domain(m.domain.id, version: h.version),
            "View version \(h.version)", ["class": "view-version"]))
    )
  }
}
