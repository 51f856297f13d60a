import Foundation
import Plot
import SafeZonesCore

enum DomainPage {
  /// The pairs the domain is assessed for: the one shown, links to the others, and the
  /// comparison when there are several.
  static func pairs(_ m: DomainPageModel) -> HTMLNode {
    let shown = m.rubric.countries
    var parts: [HTMLNode] = [
      DomainPageText.sentence(
        tr("Placed for {pair}.", ["pair": DomainPageText.slot("pair")]),
        ["pair": .el("strong", [:], .safe(shown.description))])
    ]
    let others = m.pairs.filter { $0 != shown }
    if !others.isEmpty {
      var links: [HTMLNode] = []
      for (i, pair) in others.enumerated() {
        if i > 0 { links.append(.safe(Localization.language.listSeparator)) }
        links.append(.link(SiteURL.domain(m.domain.id) + "?pair=" + Esc.url(pair.id), pair.description))
      }
      parts += [
        DomainPageText.sentence(
          tr(" Also assessed for {pairs}", ["pairs": DomainPageText.slot("pairs")]), ["pairs": .group(links)]),
        .safe(" · "),
        .link(SiteURL.compare([shown] + others, all: true), tr("compare the pairs"), ["id": "compare-pairs-link"]),
      ]
    }
    return .el("p", ["id": "domain-pairs", "class": "muted", "data-pair": shown.id], parts)
  }

  static func page(_ m: DomainPageModel) -> Page {
    var body: [HTMLNode] = [
      ViewParts.breadcrumb([(tr("Map"), SiteURL.map), (DomainText.name(m.domain), nil)]),
      header(m),
      pairs(m),
    ]
    if let saved = m.savedVersion, saved == m.currentVersion {
      body.append(
        .el(
          "p", ["id": "saved-notice", "class": "notice success", "role": "status"],
          .safe(
            tr(
              "Saved. Your assessment is version {version} and is now the current one.",
              ["version": .text(String(saved))]))))
    } else if let saved = m.savedVersion, let entry = m.history.first(where: { $0.version == saved }) {
      body.append(
        .el(
          "p", ["id": "saved-notice", "class": "notice success", "role": "status"],
          .safe(
            tr(
              "Saved as version {version}, dated {date}. The current assessment (version {current}, dated {currentDate}) is dated later, so yours joins the history at its date and the current placement is unchanged.",
              [
                "version": .text(String(saved)), "date": .text(entry.assessment.date.description),
                "current": .text(String(m.currentVersion)),
                "currentDate": .text(m.history.first?.assessment.date.description ?? ""),
              ])
          ), .safe(" "), .link("#version-\(saved)", tr("See it in the history"))))
    }
    if !m.isCurrent {
      body.append(
        .el(
          "p", ["id": "version-notice", "class": "notice warning", "role": "status"],
          .safe(
            tr(
              "You are viewing version {version} of {versions}, by {assessor} on {date}. ",
              [
                "version": .text(String(m.version)), "versions": .text(String(m.versions)),
                "assessor": .text(m.assessment.assessor), "date": .text(m.assessment.date.description),
              ])
          ),
          .link(
            SiteURL.domain(m.domain.id),
            tr("View the current assessment (version {version})", ["version": .text(String(m.currentVersion))]))))
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
    let name = DomainText.name(m.domain)
    let title =
      m.isCurrent
      ? name : tr("{name} (version {version})", ["name": .text(name), "version": .text(String(m.version))])
    return Page(title: title, section: nil, body: body)
  }

  // MARK: - Header

  static func header(_ m: DomainPageModel) -> HTMLNode {
    let d = m.domain
    var meta: [HTMLNode] = [
      .el("dt", [:], .safe(tr("Id"))), .el("dd", [:], .el("code", [:], .safe(d.id))),
    ]
    if !d.tags.isEmpty {
      meta += [
        .el("dt", [:], .safe(tr("Tags"))),
        .el(
          "dd", [:],
          .el(
            "ul", ["class": "tags"],
            d.tags.map { tag in .el("li", [:], .link(SiteURL.map(PlacementFilter(tag: tag)), tag, ["rel": "tag"])) })),
      ]
    }
    if let source = d.source {
      meta += [
        .el("dt", [:], .safe(tr("Source in the essay"))),
        .el("dd", ["class": "source"], DomainText.untranslated(source)),
      ]
    }
    return .el(
      "div", ["class": "page-head domain-head"],
      // Printed, the page is a decision memo: this line heads it (hidden on screen).
      .el(
        "p", ["class": "print-only memo-head", "id": "memo-head"],
        .el("strong", [:], .safe(tr("SafeZones decision memo"))),
        DomainPageText.sentence(
          tr(" · printed {date}", ["date": DomainPageText.slot("date")]),
          ["date": .el("time", ["data-print-date": ""], .safe(Day(Date()).description))])),
      .el("h1", [:], DomainText.nameNode(d)),
      d.summary.map { _ in .el("p", ["class": "lede"], DomainText.summaryNode(d)) } ?? .none,
      .el("dl", ["class": "meta"], meta),
      .el(
        "p", ["class": "head-actions"],
        m.canAssess
          ? .group([
            .link(SiteURL.assess(d.id), tr("Add an assessment"), ["id": "add-assessment", "class": "button"]),
            .safe(" "),
          ])
          : .none,
        .link(
          "#history",
          m.versions == 1
            ? tr("History (1 version)") : tr("History ({count} versions)", ["count": .text(String(m.versions))]),
          ["class": "button secondary"])
      )
    )
  }

  // MARK: - Placement

  static func placement(_ m: DomainPageModel) -> HTMLNode {
    let r = m.placed.placement
    let t = m.rubric.thresholds
    var facts: [HTMLNode] = [
      .el("dt", [:], .safe(tr("Joint gains"))),
      .el(
        "dd", [:],
        .el("span", ["class": "value", "id": "gains"], .safe(Format.fixed(r.gains))),
        .safe(DomainPageText.level(high: r.quadrant.highGains, threshold: t.gains)),
        ViewParts.gauge(
          r.gains, threshold: t.gains, envelope: r.gainsEnvelope,
          label: tr("Joint gains {value} on a 0 to 1 scale", ["value": .text(Format.fixed(r.gains))]))),
      .el("dt", [:], .safe(tr("Political risk"))),
      .el(
        "dd", [:],
        .el("span", ["class": "value", "id": "risk"], .safe(Format.fixed(r.risk))),
        .safe(DomainPageText.level(high: r.quadrant.highRisk, threshold: t.risk)),
        ViewParts.gauge(
          r.risk, threshold: t.risk, envelope: r.riskEnvelope,
          label: tr("Political risk {value} on a 0 to 1 scale", ["value": .text(Format.fixed(r.risk))]))),
    ]
    if r.borderline {
      facts += [
        .el("dt", [:], .safe(tr("Borderline"))),
        .el("dd", ["id": "borderline"], .safe(DomainPageText.borderline(r.borderlineAxes, margin: t.margin))),
      ]
    }
    if r.hasEnvelope {
      facts += [
        .el("dt", [:], .safe(tr("Envelope"))),
        .el("dd", ["id": "envelope"], .safe(DomainPageText.envelope(r))),
      ]
    }
    if !r.missing.isEmpty {
      facts += [
        .el("dt", [:], .safe(tr("Not scored"))),
        .el(
          "dd", ["id": "missing"],
          .safe(
            tr(
              "{criteria}. The placement uses the other criteria; the envelope shows how far the missing ones could move it.",
              ["criteria": .text(Localization.language.list(r.missing.map(DomainPageText.criterion)))]))),
      ]
    }
    let b = r.riskBreakdown
    var steps: [HTMLNode] = [
      .el(
        "li", [:],
        .safe(tr("Weighted mean of the risk criteria: {value}", ["value": .text(Format.fixed(b.mean, digits: 3))]))),
      .el(
        "li", [:], .safe(tr("Most severe single factor: {value}", ["value": .text(Format.fixed(b.peak, digits: 3))]))),
      .el(
        "li", [:],
        .safe(
          tr(
            "Before mitigation, {meanShare} × mean + {peakShare} × most severe = {value}",
            [
              "meanShare": .text(Format.number(1 - m.rubric.aggregation.peakShare)),
              "peakShare": .text(Format.number(m.rubric.aggregation.peakShare)),
              "value": .text(Format.fixed(b.unmitigated, digits: 3)),
            ])
        )),
      .el(
        "li", [:],
        .safe(
          tr(
            "Mitigation {mitigation} removes up to {percent}%: {value}",
            [
              "mitigation": .text(Format.fixed(b.mitigation, digits: 3)),
              "percent": .text(Format.number(m.rubric.aggregation.mitigationStrength * 100)),
              "value": .text(Format.fixed(b.mitigated, digits: 3)),
            ])
        )),
    ]
    if let floor = b.floorCriterion {
      steps.append(
        .el(
          "li", [:],
          .safe(
            tr(
              "Floor from {criterion}: mitigation cannot bring risk below {value}",
              [
                "criterion": .text(DomainPageText.criterion(floor).lowercased()),
                "value": .text(Format.fixed(b.floor, digits: 3)),
              ])
          )))
    }
    steps.append(
      .el("li", [:], .safe(tr("Political risk: {value}", ["value": .text(Format.fixed(r.risk, digits: 3))]))))
    return .el(
      "section",
      [
        "id": "placement", "class": "placement q-\(r.quadrant.rawValue)", "data-quadrant": r.quadrant.rawValue,
        "aria-labelledby": "placement-title",
      ],
      .el("h2", ["id": "placement-title"], .safe(tr("Placement"))),
      PlacementMap.figure(name: DomainText.name(m.domain), placement: r, thresholds: t),
      .el(
        "p", ["class": "placement-quadrant"],
        ViewParts.badge(r.quadrant),
        .safe(DomainPageText.position(r.quadrant))),
      .el("p", ["class": "assessed-by"], .safe(DomainPageText.assessedBy(m))),
      m.assessment.note.map {
        .el("p", ["class": "note"], .el("strong", [:], .safe(tr("Assessor's note: "))), DomainText.untranslated($0))
      }
        ?? .none,
      .el("dl", ["class": "facts"], facts),
      .el(
        "details", ["class": "risk-steps"],
        .el("summary", [:], .safe(tr("How the risk was computed"))),
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
      case .gains:
        heading = tr(
          "Joint gains — weighted mean, contributions add up to {value}",
          ["value": .text(Format.fixed(r.gains, digits: 3))])
      case .risk: heading = tr("Political risk — mean blended with the most severe factor")
      case .mitigation: heading = tr("Mitigations — lower the risk")
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
        if e?.isPeak == true { flags.append(.el("span", ["class": "flag"], .safe(tr("most severe")))) }
        if e?.heldFloor == true { flags.append(.el("span", ["class": "flag"], .safe(tr("floor holds")))) }
        if c.id.isInverse { flags.append(.el("span", ["class": "flag muted"], .safe(tr("counts inversely")))) }
        // The assessor's reasons are knowledge-base text, not translated: marked as English.
        let english = Localization.language == .english
        let reasons: [HTMLNode] =
          (scored?.rationale.map { [.el("p", ["class": "rationale"], DomainText.untranslated($0))] } ?? [])
          + ((scored?.evidence.isEmpty ?? true)
            ? []
            : [
              .el(
                "ul", ["class": "evidence", "aria-label": tr("Evidence")],
                scored!.evidence.map {
                  .el(
                    "li", ["lang": english ? nil : "en", "class": english ? nil : "untranslated"],
                    ViewParts.linkified($0))
                })
            ])
        rows.append(
          .el(
            "tr", ["data-criterion": c.id.rawValue, "class": scored == nil ? "unscored" : nil],
            .el(
              "th", ["scope": "row", "headers": "axis-\(axis.rawValue)"],
              .safe(DomainPageText.criterion(c.id)), .el("span", ["class": "criterion-id"], .safe(c.id.rawValue)),
              .group(flags)),
            .el("td", ["class": "num score"], .safe(scored.map { ViewParts.score($0.value) } ?? "—")),
            .el("td", ["class": "num"], .safe(Format.number(c.weight))),
            .el("td", ["class": "num"], .safe(scored == nil ? "—" : ViewParts.signed(e?.value ?? 0))),
            .el("td", ["class": "level"], .safe(ViewParts.levelMeaning(c, score: scored?.value.likely))),
            .el(
              "td", ["class": "reasons"],
              reasons.isEmpty
                ? [.el("span", ["class": "muted"], .safe(scored == nil ? tr("not scored") : tr("no rationale given")))]
                : reasons)
          ))
      }
      bodies.append(.el("tbody", ["data-axis": axis.rawValue], rows))
    }
    return .el(
      "section", ["id": "criteria-section", "aria-labelledby": "criteria-title"],
      .el("h2", ["id": "criteria-title"], .safe(tr("Criteria"))),
      .el(
        "p", [:],
        DomainPageText.sentence(
          tr(
            "Scores run from 0 to 4 (see the {rubric} for each level). A contribution is what the criterion adds to its axis; mitigations subtract from risk.",
            ["rubric": DomainPageText.slot("rubric")]), ["rubric": .link(SiteURL.rubric, tr("rubric"))])),
      ViewParts.scroll(
        tr("Criteria table"),
        .el(
          "table", ["id": "criteria", "class": "data criteria"],
          .el(
            "caption", [:],
            .safe(
              tr(
                "Criterion scores of version {version}, with weight, contribution, the meaning of the level and the assessor's reasons",
                ["version": .text(String(m.version))])
            )),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Criterion"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Score (range)"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Weight"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Contribution"))),
              .el("th", ["scope": "col"], .safe(tr("Level meaning"))),
              .el("th", ["scope": "col"], .safe(tr("Rationale and evidence")))
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
      .el("h2", ["id": "strategy-title"], .safe(tr("Strategy"))),
      .el(
        "div", ["class": "stance q-\(s.stance.quadrant.rawValue)"],
        .el(
          "p", ["class": "stance-headline"],
          DomainText.shipped("strategy.\(s.stance.quadrant.rawValue).headline", s.stance.headline)),
        .el("p", [:], DomainText.shipped("strategy.\(s.stance.quadrant.rawValue).summary", s.stance.summary)),
        precedent(s.stance.precedent)),
      s.actions.isEmpty
        ? .el("p", ["class": "muted"], .safe(tr("No specific action follows from the criteria beyond the stance.")))
        : .el(
          "ol", ["class": "actions"],
          s.actions.map { a in
            .el(
              "li", ["data-action": a.id],
              .el("h3", [:], DomainText.shipped("action.\(a.id).title", a.title)),
              .el("p", [:], DomainText.shipped("action.\(a.id).detail", a.detail)),
              a.because.isEmpty
                ? .none
                : .el(
                  "div", ["class": "because"],
                  .el("span", ["class": "label"], .safe(tr("Because "))),
                  .el("ul", [:], a.because.map { .el("li", [:], .safe($0.displayText)) })),
              precedent(a.precedent))
          })
    )
  }

  static func precedent(_ p: Precedent) -> HTMLNode {
    let text = DomainPageText.precedent(p)
    return .el(
      "p", ["class": "precedent"],
      .el("span", ["class": "label"], .safe(tr("Essay precedent: "))),
      .el("cite", [:], text.example), .safe(" — "), text.passage)
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
              .el("th", ["scope": "col"], .safe(tr("Domain"))),
              .el("th", ["scope": "col"], .safe(tr("Kind"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Weight"))),
              .el("th", ["scope": "col"], .safe(tr("Rationale")))
            )),
          .el(
            "tbody", [:],
            entries.map { e in
              .el(
                "tr", ["data-target": e.id],
                .el(
                  "th", ["scope": "row"],
                  e.name.map { .link(SiteURL.domain(e.id), $0) }
                    ?? .el("span", [:], .el("code", [:], .safe(e.id)), .safe(tr(" (not in the store)")))),
                .el("td", [:], .safe(e.link.kind)),
                .el("td", ["class": "num"], .safe(Format.number(e.link.weight))),
                .el("td", [:], e.link.rationale.map(DomainText.untranslated) ?? .safe("—"))
              )
            })
        ))
    }
    var content: [HTMLNode] = [.el("h2", ["id": "links-title"], .safe(tr("Linked domains")))]
    if m.links.isEmpty && m.linkedFrom.isEmpty {
      content.append(
        .el(
          "p", ["class": "muted"], .safe(tr("No links recorded. Links let risk spill over from a sensitive neighbour."))
        ))
    }
    if !m.links.isEmpty { content.append(table("links", tr("Domains this one is tied to"), m.links)) }
    if !m.linkedFrom.isEmpty { content.append(table("linked-from", tr("Domains tied to this one"), m.linkedFrom)) }
    return .el("section", ["id": "linked", "aria-labelledby": "links-title"], content)
  }

  // MARK: - Supply chains

  /// The stored supply networks with a node whose work depends on this domain.
  static func supplyChains(_ m: DomainPageModel) -> HTMLNode {
    guard let runs = m.supplyChains else { return .none }
    var content: [HTMLNode] = [
      .el("h2", ["id": "supply-chains-title"], .safe(tr("Supply chains that depend on it")))
    ]
    if runs.isEmpty {
      content.append(
        .el(
          "p", ["class": "hint", "id": "no-supply-chains"],
          .safe(tr("No stored stress test has a node depending on this domain. ")),
          .link(SupplyChainURL.list, tr("Run one"))))
    } else {
      content.append(
        .el(
          "ul", ["id": "supply-chains"],
          runs.map { r in
            .el(
              "li", ["data-run": String(r.id)], .link(SupplyChainURL.run(r.id), r.inputs.name),
              .safe(
                tr(
                  " · {count} nodes · {status} · {time}",
                  [
                    "count": .text(String(r.inputs.nodeCount)), "status": .text(DomainPageText.status(r.status)),
                    "time": .text(ViewParts.time(r.createdAt)),
                  ])))
          }))
    }
    return .el("section", ["id": "domain-supply-chains", "aria-labelledby": "supply-chains-title"], content)
  }

  // MARK: - Technology lists

  /// Which published lists of sensitive technologies the domain falls under (the crosswalk).
  static func technologyLists(_ m: DomainPageModel) -> HTMLNode {
    var content: [HTMLNode] = [.el("h2", ["id": "lists-title"], .safe(tr("On the technology lists")))]
    if m.crosswalk.isEmpty {
      content.append(
        .el(
          "p", ["class": "muted"],
          .safe(tr("The crosswalk links no area of the shipped technology lists to this domain.")),
          .safe(" "), .link("/taxonomies", tr("See the lists"))))
    } else {
      content.append(
        .el(
          "p", [:],
          .safe(
            tr(
              "Where this domain sits on the published lists of critical and sensitive technologies: direct (the domain is the area), partial (part of its work falls under it) or enabling (its results feed the area)."
            ))))
      // The lists' names, areas and the crosswalk's reasons are knowledge-base text, not translated.
      let english: Attrs = Localization.language == .english ? [:] : ["lang": "en", "class": "untranslated"]
      content.append(
        ViewParts.scroll(
          tr("On the technology lists"),
          .el(
            "table", ["id": "crosswalk", "class": "data"],
            .el("caption", [:], .safe(tr("Taxonomy areas this domain falls under"))),
            .el(
              "thead", [:],
              .el(
                "tr", [:], .el("th", ["scope": "col"], .safe(tr("List"))),
                .el("th", ["scope": "col"], .safe(tr("Area"))),
                .el("th", ["scope": "col"], .safe(tr("Strength"))), .el("th", ["scope": "col"], .safe(tr("Why"))))),
            .el(
              "tbody", [:],
              m.crosswalk.map { c in
                .el(
                  "tr", ["data-taxonomy": c.taxonomy.id, "data-area": c.link.entry],
                  .el("td", [:], DomainText.untranslated(c.taxonomy.name)),
                  .el(
                    "td", [:],
                    .link(
                      "/taxonomies/\(Esc.url(c.taxonomy.id))#area-\(c.entry.id)",
                      c.subfield.map { "\(c.entry.name): \($0.name)" } ?? c.entry.name, english)),
                  .el(
                    "td", [:],
                    .el(
                      "span",
                      ["class": "strength strength-\(c.link.strength.rawValue)", "title": c.link.strength.meaning],
                      .safe(DomainPageText.strength(c.link.strength)))),
                  .el("td", [:], DomainText.untranslated(c.link.rationale)))
              }))))
    }
    return .el("section", ["id": "technology-lists", "aria-labelledby": "lists-title"], content)
  }

  // MARK: - History

  static func history(_ m: DomainPageModel) -> HTMLNode {
    .el(
      "section", ["id": "history", "aria-labelledby": "history-title"],
      .el("h2", ["id": "history-title"], .safe(tr("History"))),
      .el(
        "p", [:],
        .safe(
          tr(
            "Every assessment is kept, in date order; the latest dated is current (of several on one date, the last saved). A back-dated assessment joins the history at its date. Placements are recomputed under the rubric in force ({version}).",
            ["version": .text(m.rubric.version)])
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
      DomainPageText.sentence(
        tr(", dated {date}", ["date": DomainPageText.slot("date")]),
        ["date": .el("time", ["datetime": a.date.description], .safe(a.date.description))]),
    ]
    if let recorded = a.recordedAt {
      who.append(
        DomainPageText.sentence(
          tr(" · recorded {time}", ["time": DomainPageText.slot("time")]),
          [
            "time": .el(
              "time", ["class": "recorded", "datetime": ISO8601DateFormatter().string(from: recorded)],
              .safe(ViewParts.time(recorded)))
          ]))
    }
    if let p = a.perspective { who.append(.safe(tr(" · perspective {perspective}", ["perspective": .text(p)]))) }
    if h.backDated {
      who.append(
        .el("span", ["class": "back-dated"], .safe(tr(" · back-dated: saved after a later-dated assessment"))))
    }

    var changes: [HTMLNode] = []
    if let from = d.from {
      let move =
        d.moved ? "\(from.text) → \(d.to.text)" : tr("unchanged at {placement}", ["placement": .text(d.to.text)])
      changes.append(
        .el(
          "li", ["class": d.changedQuadrant ? "moved quadrant-change" : "moved"],
          .el("strong", [:], .safe(d.changedQuadrant ? tr("Moved to another quadrant: ") : tr("Placement: "))),
          .safe(move)))
      for c in d.changed {
        changes.append(
          .el(
            "li", ["class": "changed"],
            .safe(
              tr(
                "{criterion}: {old} → {new}",
                [
                  "criterion": .text(DomainPageText.criterion(c.criterion)), "old": .text(ViewParts.score(c.old)),
                  "new": .text(ViewParts.score(c.new)),
                ]))))
      }
      for e in d.added {
        changes.append(
          .el(
            "li", ["class": "added"],
            .safe(
              tr(
                "{criterion} added: {score}",
                ["criterion": .text(DomainPageText.criterion(e.criterion)), "score": .text(ViewParts.score(e.value))])))
        )
      }
      for e in d.removed {
        changes.append(
          .el(
            "li", ["class": "removed"],
            .safe(
              tr(
                "{criterion} removed (was {score})",
                ["criterion": .text(DomainPageText.criterion(e.criterion)), "score": .text(ViewParts.score(e.value))])))
        )
      }
      if !d.reasonsChanged.isEmpty {
        changes.append(
          .el(
            "li", ["class": "reasons"],
            .safe(
              tr(
                "Reasons revised for {criteria}",
                ["criteria": .text(Localization.language.list(d.reasonsChanged.map(DomainPageText.criterion)))]))))
      }
      if d.perspectiveChanged {
        changes.append(
          .el(
            "li", ["class": "changed"],
            .safe(
              tr(
                "Perspective: {old} → {new}",
                [
                  "old": .text(d.oldPerspective ?? tr("not stated")),
                  "new": .text(d.newPerspective ?? tr("not stated")),
                ]))
          ))
      }
      if d.scoresUnchanged {
        changes.append(
          .el(
            "li", [:],
            .safe(
              tr(
                "Same scores and reasons as version {version}",
                ["version": .text(String(h.previousVersion ?? h.version))]))))
      }
    } else {
      changes.append(
        .el(
          "li", ["class": "moved"], .el("strong", [:], .safe(tr("First assessment: "))),
          .safe(
            tr(
              "{placement}, {count} criteria scored",
              ["placement": .text(d.to.text), "count": .text(String(a.scores.count))]))))
    }
    let label =
      current
      ? tr("Version {version} (current)", ["version": .text(String(h.version))])
      : tr("Version {version}", ["version": .text(String(h.version))])
    return .el(
      "li",
      ["class": shown ? "version shown" : "version", "data-version": String(h.version), "id": "version-\(h.version)"],
      .el(
        "h3", [:],
        .safe(label + " "),
        ViewParts.badge(d.to.quadrant)),
      .el("p", ["class": "byline"], who),
      a.note.map { .el("p", ["class": "note"], DomainText.untranslated($0)) } ?? .none,
      .el("ul", ["class": "changes", "aria-label": tr("What changed")], changes),
      shown
        ? .el("p", ["class": "muted"], .safe(tr("Shown above.")))
        : .el(
          "p", [:],
          .link(
            current ? SiteURL.domain(m.domain.id) : SiteURL.domain(m.domain.id, version: h.version),
            tr("View version {version}", ["version": .text(String(h.version))]), ["class": "view-version"]))
    )
  }
}

/// The domain page's words that are not one fixed phrase: the shipped vocabulary from the
/// catalogue (`strategy.…`, `action.…`, `criterion.…`, `precedent.…`), the sentences that
/// change with the placement, and sentences with page elements in them.
enum DomainPageText {
  /// `key` in the language in view, or `english` when it is not the shipped wording.
  static func text(_ key: String, _ english: String) -> String { Localization.shipped(key, english) }

  /// A criterion's short title.
  static func criterion(_ id: CriterionID) -> String { text("criterion.\(id.rawValue).title", id.title) }

  /// A quadrant's name.
  static func quadrant(_ q: Quadrant) -> String { text("quadrant.\(q.rawValue).name", q.title) }

  /// A quadrant's name inside a sentence (`safe zone`).
  static func quadrantInText(_ q: Quadrant) -> String {
    text("quadrant.\(q.rawValue).in-text", q.title.lowercased())
  }

  /// The essay's example and passage, from the catalogue when they are the shipped ones.
  static func precedent(_ p: Precedent) -> (example: HTMLNode, passage: HTMLNode) {
    guard let base = precedentKeys[p.example] else {
      return (DomainText.untranslated(p.example), DomainText.untranslated(p.passage))
    }
    return (DomainText.shipped(base + ".example", p.example), DomainText.shipped(base + ".passage", p.passage))
  }

  /// `precedent.<name>` by the English example.
  private static let precedentKeys: [String: String] = {
    guard let catalogue = LanguageInView.localizers[.english] else { return [:] }
    var keys: [String: String] = [:]
    for key in catalogue.keys(prefix: "precedent.") where key.hasSuffix(".example") {
      keys[catalogue.text(key)] = String(key.dropLast(".example".count))
    }
    return keys
  }()

  /// ` — high (threshold 0.5)`.
  static func level(high: Bool, threshold: Double) -> String {
    let t: [String: LocalizationArgument] = ["threshold": .text(Format.number(threshold))]
    return high ? tr(" — high (threshold {threshold})", t) : tr(" — low (threshold {threshold})", t)
  }

  /// Why the placement is borderline.
  static func borderline(_ axes: [Axis], margin: Double) -> String {
    let m: [String: LocalizationArgument] = ["margin": .text(Format.number(margin))]
    switch axes {
    case [.gains]:
      return tr(
        "Within {margin} of the gains threshold: a small change in one score could move it to another quadrant.", m)
    case [.risk]:
      return tr(
        "Within {margin} of the risk threshold: a small change in one score could move it to another quadrant.", m)
    case [.gains, .risk]:
      return tr(
        "Within {margin} of the gains and risk threshold: a small change in one score could move it to another quadrant.",
        m)
    default:
      return tr(
        "Within {margin} of the {axes} threshold: a small change in one score could move it to another quadrant.",
        m.merging(["axes": .text(axes.map(\.rawValue).joined(separator: " and "))]) { a, _ in a })
    }
  }

  /// The extremes the ranges allow.
  static func envelope(_ r: Placement) -> String {
    let values: [String: LocalizationArgument] = [
      "gainsLow": .text(Format.fixed(r.gainsEnvelope.lowerBound)),
      "gainsHigh": .text(Format.fixed(r.gainsEnvelope.upperBound)),
      "riskLow": .text(Format.fixed(r.riskEnvelope.lowerBound)),
      "riskHigh": .text(Format.fixed(r.riskEnvelope.upperBound)),
    ]
    return r.missing.isEmpty
      ? tr(
        "Gains {gainsLow}–{gainsHigh}, risk {riskLow}–{riskHigh}: the extremes the assessor's ranges allow.", values)
      : tr(
        "Gains {gainsLow}–{gainsHigh}, risk {riskLow}–{riskHigh}: the extremes the assessor's ranges and the criteria left out allow.",
        values)
  }

  /// ` High joint gains, low political risk (lower right of the map).`
  static func position(_ q: Quadrant) -> String {
    switch q {
    case .safeZone: tr(" High joint gains, low political risk (lower right of the map).")
    case .politicalEngineering: tr(" High joint gains, high political risk (upper right of the map).")
    case .monitor: tr(" Low joint gains, high political risk (upper left of the map).")
    case .traditional: tr(" Low joint gains, low political risk (lower left of the map).")
    }
  }

  /// Who assessed the version shown, when, and under which rubric.
  static func assessedBy(_ m: DomainPageModel) -> String {
    var values: [String: LocalizationArgument] = [
      "version": .text(String(m.version)), "versions": .text(String(m.versions)),
      "assessor": .text(m.assessment.assessor), "date": .text(m.assessment.date.description),
      "rubric": .text(m.rubric.version), "pair": .text(m.rubric.countries.description),
    ]
    guard let perspective = m.assessment.perspective else {
      return tr("Version {version} of {versions}: assessed by {assessor} on {date} · rubric {rubric} · {pair}", values)
    }
    values["perspective"] = .text(perspective)
    return tr(
      "Version {version} of {versions}: assessed by {assessor} on {date} from the {perspective} perspective · rubric {rubric} · {pair}",
      values)
  }

  /// A stored stress run's state.
  static func status(_ s: StressRun.Status) -> String {
    switch s {
    case .running: tr("running")
    case .done: tr("done")
    case .failed: tr("failed")
    }
  }

  /// How strongly a technology list's area covers the domain.
  static func strength(_ s: CrosswalkStrength) -> String {
    switch s {
    case .direct: tr("direct")
    case .partial: tr("partial")
    case .enabling: tr("enabling")
    }
  }

  /// A placeholder's stand-in for ``sentence(_:_:)``.
  static func slot(_ name: String) -> LocalizationArgument { .text("\u{E000}\(name)\u{E001}") }

  /// A phrase whose placeholders were filled with ``slot(_:)``s, as page text with each slot
  /// replaced by its element: a sentence with a link or a `<time>` in it, in any word order.
  static func sentence(_ text: String, _ nodes: [String: HTMLNode]) -> HTMLNode {
    var out: [HTMLNode] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "\u{E000}"), let close = rest[open...].firstIndex(of: "\u{E001}") {
      if open > rest.startIndex { out.append(.safe(String(rest[..<open]))) }
      out.append(nodes[String(rest[rest.index(after: open)..<close])] ?? .none)
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { out.append(.safe(String(rest))) }
    return .group(out)
  }
}
