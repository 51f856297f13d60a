/// How one criterion moved its axis in a placement.
public struct Contribution: Sendable, Hashable {
  public var criterion: CriterionID
  public var axis: Axis
  /// The score used (a range's likely value); `nil` when the criterion was not scored.
  public var score: Double?
  public var weight: Double
  /// The signed amount this criterion adds to its axis value. Gains contributions sum to
  /// `gains`; risk and mitigation contributions together sum to `risk`.
  public var value: Double
  /// `true` when this risk criterion is (one of) the most severe, and so also carries the
  /// peak term.
  public var isPeak: Bool
  /// `true` when this criterion's mitigation floor held risk up against mitigation.
  public var heldFloor: Bool
}

/// The parts of the risk computation, kept so an explanation can show each step.
public struct RiskBreakdown: Sendable, Hashable, Codable {
  /// Weighted mean of the risk criteria (M).
  public var mean: Double
  /// Weight-scaled score of the most severe risk criterion (P).
  public var peak: Double
  /// Risk before mitigation: (1 − λ)·M + λ·P.
  public var unmitigated: Double
  /// Weighted mean of the mitigation criteria (m).
  public var mitigation: Double
  /// Risk after mitigation: unmitigated · (1 − μ·m).
  public var mitigated: Double
  /// The floor that mitigation cannot go below: min(unmitigated, max floor_c·x_c).
  public var floor: Double
  /// The criterion that sets the floor, if any floor is above zero.
  public var floorCriterion: CriterionID?
}

/// A domain's computed position on the map, with everything needed to explain it.
public struct Placement: Sendable, Hashable {
  public var gains: Double
  public var risk: Double
  public var quadrant: Quadrant
  /// `true` when gains or risk lies within the rubric's margin of its threshold.
  public var borderline: Bool
  /// The axes on which the placement is borderline.
  public var borderlineAxes: [Axis]
  /// Lowest and highest gains consistent with the ranges given and the criteria left out.
  public var gainsEnvelope: ClosedRange<Double>
  /// Lowest and highest risk consistent with the ranges given and the criteria left out.
  public var riskEnvelope: ClosedRange<Double>
  /// Rubric criteria the assessment does not score.
  public var missing: [CriterionID]
  /// One entry per rubric criterion, in rubric order.
  public var contributions: [Contribution]
  public var riskBreakdown: RiskBreakdown

  /// `true` when a low/high envelope differs from the point (ranges or missing criteria).
  public var hasEnvelope: Bool {
    gainsEnvelope.lowerBound < gains - 1e-12 || gainsEnvelope.upperBound > gains + 1e-12
      || riskEnvelope.lowerBound < risk - 1e-12 || riskEnvelope.upperBound > risk + 1e-12
  }

  public func contribution(_ id: CriterionID) -> Contribution? { contributions.first { $0.criterion == id } }
}

/// The aggregation from criterion scores to a position on the map. See `docs/scoring.md`
/// for the formulas and why they were chosen.
public enum Scoring {
  /// Places one assessment under a rubric.
  public static func place(_ assessment: Assessment, rubric: Rubric) -> Placement {
    place(scores: assessment.scores.mapValues(\.value), rubric: rubric)
  }

  /// Places a set of score values under a rubric (criteria absent from `scores` are missing).
  public static func place(scores: [CriterionID: ScoreValue], rubric: Rubric) -> Placement {
    let rule = Coefficients(rubric)
    let likely = scores.mapValues(\.likely)
    let point = evaluate(likely, rule: rule)

    // Both axes are monotone in every criterion, so the extremes of the envelope are reached
    // at the corners: every criterion at the end of its range that pushes the axis down (or
    // up), and every missing criterion at 0 or 4 accordingly.
    func corner(gainsHigh: Bool, riskHigh: Bool) -> [CriterionID: Double] {
      var values: [CriterionID: Double] = [:]
      for term in rule.terms {
        let value = scores[term.id]
        let up: Bool
        switch term.axis {
        case .gains: up = term.isInverse ? !gainsHigh : gainsHigh
        case .risk: up = riskHigh
        case .mitigation: up = !riskHigh
        }
        values[term.id] =
          up ? (value?.high ?? ScoreValue.scale.upperBound) : (value?.low ?? ScoreValue.scale.lowerBound)
      }
      return values
    }
    let gainsLow: Double
    let gainsHigh: Double
    let riskLow: Double
    let riskHigh: Double
    if scores.count == rubric.criteria.count && !scores.values.contains(where: \.isRange) {
      // Complete point judgements: the envelope is the point; skip three evaluations.
      (gainsLow, gainsHigh, riskLow, riskHigh) = (point.gains, point.gains, point.risk, point.risk)
    } else {
      let low = evaluate(corner(gainsHigh: false, riskHigh: false), rule: rule, explain: false)
      gainsLow = low.gains
      riskLow = low.risk
      gainsHigh = evaluate(corner(gainsHigh: true, riskHigh: false), rule: rule, explain: false).gains
      riskHigh = evaluate(corner(gainsHigh: false, riskHigh: true), rule: rule, explain: false).risk
    }

    let t = rule.thresholds
    var borderlineAxes: [Axis] = []
    if abs(point.gains - t.gains) <= t.margin { borderlineAxes.append(.gains) }
    if abs(point.risk - t.risk) <= t.margin { borderlineAxes.append(.risk) }

    return Placement(
      gains: point.gains,
      risk: point.risk,
      quadrant: Quadrant(gains: point.gains, risk: point.risk, thresholds: t),
      borderline: !borderlineAxes.isEmpty,
      borderlineAxes: borderlineAxes,
      gainsEnvelope: min(gainsLow, point.gains)...max(gainsHigh, point.gains),
      riskEnvelope: min(riskLow, point.risk)...max(riskHigh, point.risk),
      missing: rule.terms.map(\.id).filter { scores[$0] == nil },
      contributions: point.contributions,
      riskBreakdown: point.breakdown
    )
  }

  /// The two axis values only, for hot loops (Monte Carlo) that do not need explanations.
  /// Criteria absent from `values` are treated as missing.
  public static func axes(_ values: [CriterionID: Double], rubric: Rubric) -> (gains: Double, risk: Double) {
    let result = evaluate(values, rule: Coefficients(rubric), explain: false)
    return (result.gains, result.risk)
  }

  struct Evaluation {
    var gains: Double
    var risk: Double
    var contributions: [Contribution]
    var breakdown: RiskBreakdown
  }

  /// The rule at one set of values, over the criteria scored: each axis is a mean over
  /// the criteria present with a weight above 0 (the axis default when there are none), so
  /// the weights are summed here rather than taken normalised from `rule`.
  static func evaluate(_ values: [CriterionID: Double], rule: Coefficients, explain: Bool = true) -> Evaluation {
    let lambda = rule.peakShare
    let mu = rule.mitigationStrength

    // Gains: weighted mean of normalised scores over the criteria scored; maturity inverted.
    var gainsWeight = 0.0
    var gainsSum = 0.0
    for c in rule.terms where c.axis == .gains && c.weight > 0 {
      guard let s = values[c.id] else { continue }
      let x = s / 4
      gainsWeight += c.weight
      gainsSum += c.weight * (c.isInverse ? 1 - x : x)
    }
    let gains = gainsWeight > 0 ? gainsSum / gainsWeight : Coefficients.defaultGains

    // Risk: a blend of the weighted mean and the most severe factor, then mitigated, then
    // held up by the floors of military applicability and security exposure.
    var riskWeight = 0.0
    var riskSum = 0.0
    var peak = 0.0
    var floor = 0.0
    var floorCriterion: CriterionID?
    for c in rule.terms where c.axis == .risk && c.weight > 0 {
      guard let s = values[c.id] else { continue }
      let x = s / 4
      riskWeight += c.weight
      riskSum += c.weight * x
      peak = max(peak, c.peakScale * x)
      if c.mitigationFloor * x > floor {
        floor = c.mitigationFloor * x
        floorCriterion = c.id
      }
    }
    let mean = riskWeight > 0 ? riskSum / riskWeight : Coefficients.defaultRisk
    if riskWeight == 0 { peak = Coefficients.defaultRisk }
    let unmitigated = (1 - lambda) * mean + lambda * peak

    var mitigationWeight = 0.0
    var mitigationSum = 0.0
    for c in rule.terms where c.axis == .mitigation && c.weight > 0 {
      guard let s = values[c.id] else { continue }
      mitigationWeight += c.weight
      mitigationSum += c.weight * s / 4
    }
    let mitigation = mitigationWeight > 0 ? mitigationSum / mitigationWeight : Coefficients.defaultMitigation
    let factor = 1 - mu * mitigation
    let mitigated = unmitigated * factor
    let effectiveFloor = min(unmitigated, floor)
    let risk = max(mitigated, effectiveFloor)
    let floorHolds = effectiveFloor > mitigated

    let breakdown = RiskBreakdown(
      mean: mean, peak: peak, unmitigated: unmitigated, mitigation: mitigation, mitigated: mitigated,
      floor: effectiveFloor, floorCriterion: floor > 0 ? floorCriterion : nil)
    guard explain else { return Evaluation(gains: gains, risk: risk, contributions: [], breakdown: breakdown) }

    // Contributions: an exact additive decomposition of each axis value.
    let peakCriteria = rule.terms.filter { c in
      guard c.axis == .risk, c.weight > 0, let s = values[c.id], peak > 0 else { return false }
      return abs(c.peakScale * s / 4 - peak) < 1e-12
    }.map(\.id)
    var contributions: [Contribution] = []
    for c in rule.terms {
      let s = values[c.id]
      var value = 0.0
      var isPeak = false
      var heldFloor = false
      if let s, c.weight > 0 {
        let x = s / 4
        switch c.axis {
        case .gains:
          value = c.weight * (c.isInverse ? 1 - x : x) / gainsWeight
        case .risk:
          var share = (1 - lambda) * c.weight * x / riskWeight
          if peakCriteria.contains(c.id) {
            isPeak = true
            share += lambda * peak / Double(peakCriteria.count)
          }
          value = share
          if floorHolds && c.id == floorCriterion {
            heldFloor = true
            value += risk - mitigated
          }
        case .mitigation:
          value = -unmitigated * mu * c.weight * x / mitigationWeight
        }
      }
      contributions.append(
        Contribution(
          criterion: c.id, axis: c.axis, score: s, weight: c.weight, value: value, isPeak: isPeak,
          heldFloor: heldFloor))
    }
    return Evaluation(gains: gains, risk: risk, contributions: contributions, breakdown: breakdown)
  }
}
