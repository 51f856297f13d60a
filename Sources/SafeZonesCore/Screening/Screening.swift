import Foundation

/// A domain or a taxonomy entry found in a proposal's text, with the words that matched (the
/// evidence a reviewer can check) and its share of the aim's placement.
public struct ScreeningMatch: Sendable, Hashable, Codable {
  /// A domain id, or a taxonomy entry's id.
  public var id: String
  public var name: String
  /// `us-cet-2024`, … for a category; `nil` for a domain.
  public var taxonomy: String?
  public var score: Double
  public var matchedTerms: [String]

  enum CodingKeys: String, CodingKey {
    case id, name, taxonomy, score
    case matchedTerms = "matched_terms"
  }
}

/// Gains, risk and quadrant of an aim or a proposal, from the domains it touches.
public struct ScreeningPlacement: Sendable, Hashable, Codable {
  public var gains: Double
  public var risk: Double
  public var quadrant: Quadrant
  /// The lowest and highest risk among the matched domains: how far the placement could be
  /// off if the aim is more like one of them than the weights say.
  public var riskRange: [Double]
  public var gainsRange: [Double]

  enum CodingKeys: String, CodingKey {
    case gains, risk, quadrant
    case riskRange = "risk_range"
    case gainsRange = "gains_range"
  }
}

/// One aim screened: what it touches and where that places it; `placement` is `nil` when no
/// domain matched well enough (the screening abstains rather than guess).
public struct AimScreening: Sendable, Hashable, Codable {
  public var id: String
  public var text: String
  public var placement: ScreeningPlacement?
  public var domains: [ScreeningMatch]
  public var categories: [ScreeningMatch]
}

/// A proposal screened (`Screener.screen`): per aim and overall, the domains and technology
/// categories it touches, the placement set by its most sensitive aim, the strategy with
/// actions for this proposal, and what a reviewer should check next.
public struct ProposalScreening: Sendable, Hashable, Codable {
  public struct Overall: Sendable, Hashable, Codable {
    public var quadrant: Quadrant
    public var gains: Double
    public var risk: Double
    public var mostSensitiveAim: String

    enum CodingKeys: String, CodingKey {
      case quadrant, gains, risk
      case mostSensitiveAim = "most_sensitive_aim"
    }
  }

  public var id: String
  public var title: String
  /// `nil` when no aim could be placed.
  public var overall: Overall?
  public var strategy: String?
  public var domains: [ScreeningMatch]
  public var categories: [ScreeningMatch]
  public var aims: [AimScreening]
  /// Each partner, with what the imported partner lists say about it (a separate finding:
  /// it never changes the placement).
  public var partners: [PartnerFinding]
  public var actions: [String]
  public var checks: [String]
}

/// Turns a proposal into a screening. The rules, all in one place (`docs/screening.md`):
///
/// - A text's candidates are the BM25 hits of its words (`SearchIndex`, synonyms included).
///   A candidate **matches** when two distinct words of the text, or one phrase of two words
///   or more (a synonym's), are found in it and its score is at least half the best
///   candidate's; at most three match. None: the screening abstains for that text.
/// - An aim's placement: the matched domains' gains and risk, weighted by score.
/// - The proposal's placement is its **most sensitive aim**'s: the highest risk.
extension ProposalScreening {
  /// The screening with each partner compared with `lists`. The placement, actions and
  /// domain checks are untouched; the partner check says what was found.
  public func checkingPartners(against lists: [PartnerList]) -> ProposalScreening {
    guard !lists.isEmpty, !partners.isEmpty else { return self }
    var out = self
    out.partners = PartnerMatcher.findings(
      partners.map { Proposal.Partner(name: $0.name, country: $0.country) }, lists: lists)
    let names = lists.map { "'\($0.name)'" }.joined(separator: ", ")
    // The general partner check screening added, in English or in the language in view.
    let general = Screener.partnerListsCheck(partners.map(\.name))
    out.checks.removeAll { $0 == general || $0.hasPrefix("Check the partners against your organisation's lists") }
    for f in out.partners {
      if f.matches.isEmpty {
        out.checks.append(
          tr(
            "Partner {partner}: not on the imported lists ({lists}).",
            ["partner": .text(f.name), "lists": .text(names)]))
        continue
      }
      for m in f.matches {
        let facts: [String: LocalizationArgument] = [
          "partner": .text(f.name), "list": .text(m.list), "organisation": .text(m.organisation),
          "matched": .text(m.matchedName), "similarity": .text(Format.fixed(m.similarity * 100, digits: 0)),
        ]
        let what =
          m.kind == .match
          ? (m.matchedName == m.organisation
            ? tr("Partner {partner} is on list '{list}' as {organisation}", facts)
            : tr("Partner {partner} is on list '{list}' as {organisation} (matched the name '{matched}')", facts))
          : tr(
            "Partner {partner} resembles {organisation} on list '{list}' ({similarity} % similar to '{matched}'): a near miss, confirm whether it is the same organisation",
            facts)
        out.checks.append(
          what
            + (m.countryDiffers
              ? tr(
                "; the list gives another country. A reason to look closer, not a verdict: the placement is unchanged.")
              : tr(". A reason to look closer, not a verdict: the placement is unchanged.")))
      }
    }
    return out
  }
}

public enum Screener {
  /// The check that asks for the partners to be compared with the organisation's lists.
  static func partnerListsCheck(_ partners: [String]) -> String {
    tr(
      "Check the partners against your organisation's lists ({partners}): a listed partner is a reason to look closer, not a verdict.",
      ["partners": .text(partners.joined(separator: ", "))])
  }

  public static let minimumTerms = 2
  public static let relativeScore = 0.5
  public static let maximumMatches = 3

  /// The documents a text matches, best first, by the rule above.
  public static func matches(_ hits: [SearchHit]) -> [SearchHit] {
    guard let best = hits.first?.score, best > 0 else { return [] }
    return Array(hits.filter { isEvidence($0) && $0.score >= relativeScore * best }.prefix(maximumMatches))
  }

  /// Enough words matched to stand as evidence: two distinct ones, or one phrase of two
  /// words or more (`machine learning`, a synonym's phrase).
  public static func isEvidence(_ hit: SearchHit) -> Bool {
    Set(hit.matchedTerms).count >= minimumTerms || hit.matchedTerms.contains { $0.contains(" ") }
  }

  /// Screens `proposal` against the placed domains (searched through `domainIndex`) and the
  /// taxonomy entries (searched through `categoryIndex`, ids `TAXONOMY/ENTRY`).
  /// `aboutIndex`, when given, holds what each domain is *about* (name, id, tags, keywords):
  /// a domain matches only if the text also finds it there with evidence (two words or a
  /// phrase, ``isEvidence(_:)``), so that words its summary or rationales merely mention
  /// (ranked in `domainIndex`) cannot place an unrelated text.
  public static func screen(
    _ proposal: Proposal, placed: [String: PlacedDomain], domainIndex: SearchIndex, aboutIndex: SearchIndex? = nil,
    categoryIndex: SearchIndex, categoryNames: [String: String], synonyms: SynonymTable, rubric: Rubric,
    playbook: Playbook = .standard
  ) -> ProposalScreening {
    // Each text is analysed once and searched in every index (they share one analyzer).
    var prepared: [String: PreparedQuery] = [:]
    func query(_ text: String) -> PreparedQuery {
      if let q = prepared[text] { return q }
      let q = domainIndex.prepare(text, synonyms: synonyms)
      prepared[text] = q
      return q
    }
    func domains(_ text: String) -> [ScreeningMatch] {
      let q = query(text)
      let about = aboutIndex.map { Set($0.search(q).filter(isEvidence).map(\.id)) }
      let hits = domainIndex.search(q).filter { about?.contains($0.id) ?? true }
      return matches(hits).compactMap { hit in
        placed[hit.id].map {
          ScreeningMatch(
            id: hit.id, name: $0.name, taxonomy: nil, score: Format.rounded(hit.score, digits: 3),
            matchedTerms: hit.matchedTerms)
        }
      }
    }
    func categories(_ text: String) -> [ScreeningMatch] {
      matches(categoryIndex.search(query(text))).map { hit in
        let parts = hit.id.split(separator: "/", maxSplits: 1).map(String.init)
        return ScreeningMatch(
          id: parts.last ?? hit.id, name: categoryNames[hit.id] ?? hit.id, taxonomy: parts.count == 2 ? parts[0] : nil,
          score: Format.rounded(hit.score, digits: 3), matchedTerms: hit.matchedTerms)
      }
    }
    func placement(_ found: [ScreeningMatch]) -> ScreeningPlacement? {
      let weighted = found.compactMap { m in placed[m.id].map { ($0, m.score) } }
      let total = weighted.reduce(0) { $0 + $1.1 }
      guard total > 0 else { return nil }
      let gains = weighted.reduce(0) { $0 + $1.0.placement.gains * $1.1 } / total
      let risk = weighted.reduce(0) { $0 + $1.0.placement.risk * $1.1 } / total
      let risks = weighted.map(\.0.placement.risk)
      let gainsAll = weighted.map(\.0.placement.gains)
      return ScreeningPlacement(
        gains: Format.rounded(gains), risk: Format.rounded(risk),
        quadrant: Quadrant(gains: gains, risk: risk, thresholds: rubric.thresholds),
        riskRange: [Format.rounded(risks.min()!), Format.rounded(risks.max()!)],
        gainsRange: [Format.rounded(gainsAll.min()!), Format.rounded(gainsAll.max()!)])
    }

    // Without aims, the abstract is screened as the one aim.
    let aimList = proposal.aims.isEmpty ? [Proposal.Aim(id: "abstract", text: proposal.abstract)] : proposal.aims
    let aims = aimList.map { aim in
      let found = domains(aim.text)
      return AimScreening(
        id: aim.id, text: aim.text, placement: placement(found), domains: found, categories: categories(aim.text))
    }
    let sensitive = aims.filter { $0.placement != nil }.max { a, b in
      a.placement!.risk != b.placement!.risk ? a.placement!.risk < b.placement!.risk : a.id > b.id
    }
    let overall = sensitive.map { aim in
      ProposalScreening.Overall(
        quadrant: aim.placement!.quadrant, gains: aim.placement!.gains, risk: aim.placement!.risk,
        mostSensitiveAim: aim.id)
    }
    let stance = overall.flatMap { playbook.stances[$0.quadrant] }

    var actions: [String] = []
    var checks: [String] = []
    if let overall, let stance {
      let q = overall.quadrant.rawValue
      actions.append(
        tr(
          "{headline} ({quadrant}, set by aim {aim}).",
          [
            "headline": .text(Localization.shipped("strategy.\(q).headline", stance.headline)),
            "quadrant": .text(Localization.shipped("quadrant.\(q).name", overall.quadrant.title)),
            "aim": .text(overall.mostSensitiveAim),
          ]))
      let high = aims.filter { $0.placement?.quadrant.highRisk == true }.map(\.id)
      let low = aims.filter { $0.placement.map { !$0.quadrant.highRisk } ?? false }.map(\.id)
      if !high.isEmpty && !low.isEmpty {
        let ids: [String: LocalizationArgument] = [
          "high": .text(high.joined(separator: ", ")), "low": .text(low.joined(separator: ", ")),
        ]
        switch (high.count == 1, low.count == 1) {
        case (true, true):
          actions.append(
            tr(
              "Run aim {high} separately from the partner and share only published results; aim {low} can proceed jointly.",
              ids))
        case (true, false):
          actions.append(
            tr(
              "Run aim {high} separately from the partner and share only published results; aims {low} can proceed jointly.",
              ids))
        case (false, true):
          actions.append(
            tr(
              "Run aims {high} separately from the partner and share only published results; aim {low} can proceed jointly.",
              ids))
        case (false, false):
          actions.append(
            tr(
              "Run aims {high} separately from the partner and share only published results; aims {low} can proceed jointly.",
              ids))
        }
      }
      for aim in aims {
        guard let p = aim.placement, !p.quadrant.highRisk else { continue }
        let fundamental = aim.domains.compactMap { placed[$0.id] }.contains {
          ($0.assessment.scores[.fundamentality]?.value.likely ?? 0) >= 3
        }
        if fundamental {
          actions.append(
            tr(
              "Aim {aim} is fundamental research: it qualifies for the fundamental-research exclusion if its results are published.",
              ["aim": .text(aim.id)]))
        }
      }
      if let top = sensitive?.domains.first, let domain = placed[top.id] {
        for action in domain.strategy.actions.prefix(3) {
          actions.append(
            tr(
              "{action} (as for {domain}).",
              [
                "action": .text(Localization.shipped("action.\(action.id).title", action.title)),
                "domain": .text(domain.name),
              ]))
        }
      }
    } else {
      checks.append(
        tr(
          "No domain matched any aim well enough to place the proposal: place it by hand, or add the domain it concerns to the knowledge base."
        ))
    }
    for aim in aims where aim.placement == nil {
      checks.append(tr("No domain matched aim {aim} well: read it and place it by hand.", ["aim": .text(aim.id)]))
    }
    for aim in aims {
      for m in aim.domains {
        checks.append(
          tr(
            "Aim {aim} → {domain}: confirm the aim is about {words}.",
            [
              "aim": .text(aim.id), "domain": .text(m.name), "words": .text(m.matchedTerms.joined(separator: ", ")),
            ]))
      }
      if let range = aim.placement?.riskRange, range[1] - range[0] >= 0.2 {
        checks.append(
          tr(
            "Aim {aim} touches domains of risk {low} to {high}: decide which it is closest to.",
            ["aim": .text(aim.id), "low": .text(Format.fixed(range[0])), "high": .text(Format.fixed(range[1]))]))
      }
    }
    if !proposal.partners.isEmpty {
      checks.append(partnerListsCheck(proposal.partners.map(\.name)))
    }
    return ProposalScreening(
      id: proposal.id, title: proposal.title, overall: overall,
      strategy: stance.map {
        tr(
          "{headline} — {summary}",
          [
            "headline": .text(Localization.shipped("strategy.\($0.quadrant.rawValue).headline", $0.headline)),
            "summary": .text(Localization.shipped("strategy.\($0.quadrant.rawValue).summary", $0.summary)),
          ])
      },
      domains: domains(proposal.fullText), categories: categories(proposal.fullText), aims: aims,
      partners: proposal.partners.map { PartnerFinding(name: $0.name, country: $0.country, matches: []) },
      actions: actions, checks: checks)
  }
}
