import Foundation

/// One bar of a tornado chart: a criterion swept over its own 5–95% range with every
/// other criterion at its median.
public struct TornadoBar: Sendable, Hashable, Codable {
  public var criterion: CriterionID
  /// The criterion's 5th and 95th percentile scores.
  public var low: Double
  public var high: Double
  /// Gains and risk with the criterion at `low` and at `high`.
  public var gains: [Double]
  public var risk: [Double]
  /// The quadrants at the two ends (the same when the sweep never crosses a threshold).
  public var quadrants: [Quadrant]
  /// The largest swing on either axis, used to order the bars.
  public var swing: Double
}

/// How much one assessor's view moves the group's placement.
public struct AssessorInfluence: Sendable, Hashable, Codable {
  public var assessor: String
  public var perspective: String?
  /// The most likely quadrant without this assessor, and its probability.
  public var quadrantWithout: Quadrant
  /// The change in P(group's most likely quadrant) when this assessor is left out.
  public var shift: Double
}

/// The placement seen from one perspective (e.g. the US or the Chinese side).
public struct PerspectivePlacement: Sendable, Hashable, Codable {
  public var perspective: String
  public var assessors: [String]
  public var probabilities: [Quadrant: Double]
  public var mostLikely: Quadrant
  /// P(high gains) ≥ 0.5 and P(monitor) < 0.5: this side sees gains worth the risk.
  public var acceptable: Bool
}

/// Whether cooperation is viable from both countries' side.
public struct Viability: Sendable, Hashable, Codable {
  /// Viable, judged not viable by a side, or not known yet because a side has not judged.
  public enum Status: String, Sendable, Hashable {
    case viable
    /// At least one country's assessors find it not acceptable.
    case notAcceptable = "not-acceptable"
    /// Every side that judged finds it acceptable, but a country has no assessment yet:
    /// missing data, not a finding against cooperation.
    case incomplete
  }

  public var viable: Bool
  public var perspectives: [PerspectivePlacement]
  /// Why not viable (a country with no assessment yet, or not acceptable to one side).
  public var reasons: [String]
  /// The countries with no assessment from their side.
  public var missing: [String] = []
  /// The countries whose assessors find cooperation not acceptable.
  public var unacceptable: [String] = []
  /// What each of `reasons` says, to write it in another language (`reasons` is the
  /// English, kept in the JSON whatever the language).
  var reasonFacts: [ReasonFact] = []

  enum ReasonFact: Sendable, Hashable {
    case missing(String)
    case unacceptable(String, Quadrant)
  }

  enum CodingKeys: String, CodingKey { case viable, perspectives, reasons }

  public var status: Status {
    if viable { return .viable }
    return unacceptable.isEmpty && !missing.isEmpty ? .incomplete : .notAcceptable
  }

  /// One sentence for reports: viable, not viable and why, or what is missing.
  public var sentence: String {
    switch status {
    case .viable: return "Viable: acceptable from both sides."
    case .notAcceptable: return "Not viable: \(reasons.joined(separator: "; "))."
    case .incomplete: return "Viability not known yet: \(reasons.joined(separator: "; "))."
    }
  }

  /// ``reasons`` in the language in view.
  public var displayReasons: [String] {
    guard Localization.current != nil, reasonFacts.count == reasons.count else { return reasons }
    return reasonFacts.map { fact in
      switch fact {
      case .missing(let country): return tr("no assessment from the {country} side yet", ["country": .text(country)])
      case .unacceptable(let country, let quadrant):
        return tr(
          "not acceptable from the {country} side (most likely {quadrant})",
          ["country": .text(country), "quadrant": .text(quadrant.label)])
      }
    }
  }

  /// The reasons joined as one clause ("; " in English).
  public var displayReasonList: String {
    displayReasons.joined(separator: Localization.language.usesCJKScript ? "；" : "; ")
  }

  /// ``sentence`` in the language in view.
  public var displaySentence: String {
    switch status {
    case .viable: return tr("Viable: acceptable from both sides.")
    case .notAcceptable: return tr("Not viable: {reasons}.", ["reasons": .text(displayReasonList)])
    case .incomplete: return tr("Viability not known yet: {reasons}.", ["reasons": .text(displayReasonList)])
    }
  }
}

public enum Sensitivity {
  /// Each criterion at its pooled median; an unscored criterion at 2, the median of
  /// complete ignorance.
  static func medians(_ domain: PooledDomain, rubric: Rubric) -> [CriterionID: Double] {
    Dictionary(uniqueKeysWithValues: rubric.criteria.map { c in (c.id, domain.criteria[c.id]?.median ?? 2) })
  }

  /// The tornado of a pooled domain, the widest swings first.
  public static func tornado(_ domain: PooledDomain, rubric: Rubric) -> [TornadoBar] {
    let medians = self.medians(domain, rubric: rubric)
    func place(_ values: [CriterionID: Double]) -> (Double, Double) { Scoring.axes(values, rubric: rubric) }
    var bars: [TornadoBar] = []
    for c in rubric.criteria where c.weight > 0 {
      let pooled = domain.criteria[c.id]
      let low = pooled?.p05 ?? 0
      let high = pooled?.p95 ?? 4
      var lowValues = medians
      lowValues[c.id] = low
      var highValues = medians
      highValues[c.id] = high
      let a = place(lowValues)
      let b = place(highValues)
      let swing = max(abs(b.0 - a.0), abs(b.1 - a.1))
      bars.append(
        TornadoBar(
          criterion: c.id, low: Format.rounded(low), high: Format.rounded(high),
          gains: [Format.rounded(a.0), Format.rounded(b.0)], risk: [Format.rounded(a.1), Format.rounded(b.1)],
          quadrants: [
            Quadrant(gains: a.0, risk: a.1, thresholds: rubric.thresholds),
            Quadrant(gains: b.0, risk: b.1, thresholds: rubric.thresholds),
          ], swing: Format.rounded(swing)))
    }
    return bars.sorted { $0.swing != $1.swing ? $0.swing > $1.swing : $0.criterion < $1.criterion }
  }

  /// Leave-one-out influence of each assessor on the group's most likely quadrant.
  public static func assessorInfluence(
    _ judges: [Judge], id: String, rubric: Rubric, method: PoolingMethod = .linear,
    options: MonteCarlo.Options, group known: UncertainPlacement? = nil
  ) throws(InputError) -> [AssessorInfluence] {
    guard judges.count > 1 else { return [] }
    // The whole panel's run, when the caller has it (same seed and samples: the quadrant
    // probabilities do not depend on importance or the cloud).
    let group: UncertainPlacement
    if let known {
      group = known
    } else {
      group = MonteCarlo.run([try Pooling.pool(judges, id: id, method: method)], rubric: rubric, options: options)[0]
    }
    var result: [AssessorInfluence] = []
    for (i, judge) in judges.enumerated() {
      var others = judges
      others.remove(at: i)
      let without = MonteCarlo.run(
        [try Pooling.pool(others, id: id, method: method)], rubric: rubric, options: options)[0]
      result.append(
        AssessorInfluence(
          assessor: judge.assessor, perspective: judge.perspective, quadrantWithout: without.mostLikely,
          shift: Format.rounded(without.probabilities[group.mostLikely]! - group.confidence)))
    }
    return result.sorted { abs($0.shift) != abs($1.shift) ? abs($0.shift) > abs($1.shift) : $0.assessor < $1.assessor }
  }

  /// Placement per perspective, and viability from both countries' side.
  public static func viability(
    _ judges: [Judge], id: String, rubric: Rubric, method: PoolingMethod = .linear, options: MonteCarlo.Options
  ) throws(InputError) -> Viability {
    var groups: [String: [Judge]] = [:]
    for j in judges { groups[j.perspective ?? "unstated", default: []].append(j) }
    var perspectives: [PerspectivePlacement] = []
    for key in groups.keys.sorted() {
      let members = groups[key]!
      let placed = MonteCarlo.run(
        [try Pooling.pool(members, id: id, method: method)], rubric: rubric, options: options)[0]
      let highGains = placed.probabilities[.safeZone]! + placed.probabilities[.politicalEngineering]!
      perspectives.append(
        PerspectivePlacement(
          perspective: key, assessors: members.map(\.assessor), probabilities: placed.probabilities,
          mostLikely: placed.mostLikely, acceptable: highGains >= 0.5 && placed.probabilities[.monitor]! < 0.5))
    }
    var reasons: [String] = []
    var missing: [String] = []
    var unacceptable: [String] = []
    var facts: [Viability.ReasonFact] = []
    for country in rubric.countries.codes {
      guard let p = perspectives.first(where: { $0.perspective.caseInsensitiveCompare(country) == .orderedSame }) else {
        reasons.append("no assessment from the \(country) side yet")
        missing.append(country)
        facts.append(.missing(country))
        continue
      }
      if !p.acceptable {
        reasons.append("not acceptable from the \(country) side (most likely \(p.mostLikely.rawValue))")
        unacceptable.append(country)
        facts.append(.unacceptable(country, p.mostLikely))
      }
    }
    return Viability(
      viable: reasons.isEmpty, perspectives: perspectives, reasons: reasons, missing: missing,
      unacceptable: unacceptable, reasonFacts: facts)
  }
}
