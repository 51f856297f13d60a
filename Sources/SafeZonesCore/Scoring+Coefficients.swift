extension Scoring {
  /// The scoring rule's numbers, derived once from a rubric: each criterion's axis and
  /// weight, and the coefficients both evaluations of the rule read. `Scoring.place` reads
  /// the weights, because it takes its means over the criteria scored (missing criteria
  /// and zero weights drop out); `CompiledScoring` reads the coefficients, because in
  /// sampling every criterion is scored. See `docs/scoring.md` for the formulas.
  struct Coefficients: Sendable {
    /// One criterion's part in the rule. A criterion with weight 0 is ignored: every
    /// coefficient is 0, so it never sets the peak or the floor.
    struct Term: Sendable {
      var id: CriterionID
      var axis: Axis
      /// w_c, as the rubric gives it.
      var weight: Double
      /// `true` for maturity: a higher score lowers gains (g_c = 1 − x_c).
      var isInverse: Bool
      /// w_c / Σ w over the gains axis (0 off the gains axis).
      var gainsShare: Double
      /// w_c / max w over the risk axis: this criterion's candidate for the peak is
      /// `peakScale · x_c` (0 off the risk axis).
      var peakScale: Double
      /// f_c: mitigation cannot take risk below `f_c · x_c` (0 off the risk axis and at
      /// weight 0).
      var mitigationFloor: Double
      // On the raw 0–4 score, for complete sets of scores (the division by 4 folded in):
      /// (1 − λ) · w_c / Σ w_risk / 4: this criterion's share of the weighted mean of risk.
      var mean: Double
      /// λ · w_c / max w_risk / 4: this criterion's candidate for the peak term.
      var peak: Double
      /// μ · w_c / Σ w_mitigation / 4: this criterion's share of the mitigation factor.
      var mitigation: Double
      /// f_c / 4.
      var floor: Double
    }

    /// Gains when no gains criterion counts (none scored, or every weight 0).
    static let defaultGains = 0.5
    /// The weighted mean and the peak of risk when no risk criterion counts.
    static let defaultRisk = 0.5
    /// Mitigation when no mitigation criterion counts.
    static let defaultMitigation = 0.0

    /// One term per rubric criterion, in rubric order.
    let terms: [Term]
    /// λ, the share of risk that comes from the most severe factor.
    let peakShare: Double
    /// μ, the largest fraction of risk that mitigation can remove.
    let mitigationStrength: Double
    /// Σ w over every criterion of each axis, and the largest risk weight.
    let gainsWeight: Double
    let riskWeight: Double
    let maxRiskWeight: Double
    let mitigationWeight: Double
    let thresholds: Thresholds

    init(_ rubric: Rubric) {
      let lambda = rubric.aggregation.peakShare
      let mu = rubric.aggregation.mitigationStrength
      let gainsWeight = rubric.criteria(on: .gains).map(\.weight).reduce(0, +)
      let riskWeight = rubric.criteria(on: .risk).map(\.weight).reduce(0, +)
      let maxRiskWeight = rubric.criteria(on: .risk).map(\.weight).max() ?? 0
      let mitigationWeight = rubric.criteria(on: .mitigation).map(\.weight).reduce(0, +)
      terms = rubric.criteria.map { c in
        let axis = c.axis
        let risk = axis == .risk
        let floor = risk && c.weight > 0 ? c.mitigationFloor : 0
        return Term(
          id: c.id, axis: axis, weight: c.weight, isInverse: c.id.isInverse,
          gainsShare: axis == .gains && gainsWeight > 0 ? c.weight / gainsWeight : 0,
          peakScale: risk && maxRiskWeight > 0 ? c.weight / maxRiskWeight : 0,
          mitigationFloor: floor,
          mean: risk && riskWeight > 0 ? (1 - lambda) * c.weight / riskWeight / 4 : 0,
          peak: risk && maxRiskWeight > 0 ? lambda * c.weight / maxRiskWeight / 4 : 0,
          mitigation: axis == .mitigation && mitigationWeight > 0 ? mu * c.weight / mitigationWeight / 4 : 0,
          floor: floor / 4)
      }
      peakShare = lambda
      mitigationStrength = mu
      self.gainsWeight = gainsWeight
      self.riskWeight = riskWeight
      self.maxRiskWeight = maxRiskWeight
      self.mitigationWeight = mitigationWeight
      thresholds = rubric.thresholds
    }
  }
}
