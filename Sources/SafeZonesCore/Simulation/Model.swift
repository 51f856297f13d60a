/// A kind of geopolitical shock (the essay: a major hacking event, military escalation in
/// the South China Sea, racism and political backlash, financial losses linked to
/// government intervention, a diplomatic incident like the 1999 Belgrade embassy bombing).
public struct ShockKind: Sendable, Hashable, Codable, Identifiable {
  public var id: String
  public var name: String
  /// Expected events per year (events arrive as a Poisson process).
  public var rate: Double
  /// Severity of an event, Beta(α, β) on [0, 1].
  public var severityAlpha: Double
  public var severityBeta: Double
  /// Damage to relations of an event of severity 1 (relations live on [0, 1]).
  public var impact: Double
  /// How strongly the shock raises each risk criterion's weight in a collaboration's risk
  /// while its damage lasts (cyber → security_exposure, military → military, …).
  public var amplifies: [CriterionID: Double]
  /// Probability that an event is settled quickly (a compensation agreement).
  public var settlement: Double
  /// Share of a settled event's damage that the settlement removes.
  public var containment: Double
  /// Years for the damage to fall to 1/e (exponential recovery).
  public var recoveryYears: Double
  public var source: String?

  public init(
    id: String, name: String, rate: Double, severityAlpha: Double, severityBeta: Double, impact: Double,
    amplifies: [CriterionID: Double], settlement: Double, containment: Double = 0.7, recoveryYears: Double,
    source: String? = nil
  ) {
    self.id = id
    self.name = name
    self.rate = rate
    self.severityAlpha = severityAlpha
    self.severityBeta = severityBeta
    self.impact = impact
    self.amplifies = amplifies
    self.settlement = settlement
    self.containment = containment
    self.recoveryYears = recoveryYears
    self.source = source
  }

  /// Format-independent checks.
  public func validate(key: String) -> [InputIssue] {
    var issues: [InputIssue] = []
    func check(_ field: String, _ ok: Bool, _ message: String) {
      if !ok { issues.append(InputIssue(key: "\(key).\(field)", message: message)) }
    }
    check("rate", rate.isFinite && rate >= 0 && rate <= 50, tr("must be between 0 and 50 events per year"))
    check("severity.alpha", severityAlpha.isFinite && severityAlpha > 0, tr("must be above 0"))
    check("severity.beta", severityBeta.isFinite && severityBeta > 0, tr("must be above 0"))
    check("impact", impact.isFinite && (0...1).contains(impact), tr("must be between 0 and 1"))
    check("settlement", settlement.isFinite && (0...1).contains(settlement), tr("must be between 0 and 1"))
    check("containment", containment.isFinite && (0...1).contains(containment), tr("must be between 0 and 1"))
    check(
      "recovery_years", recoveryYears.isFinite && recoveryYears > 0 && recoveryYears <= 100,
      tr("must be above 0 and at most 100"))
    for (criterion, factor) in amplifies {
      if criterion.canonicalAxis != .risk {
        issues.append(
          InputIssue(key: "\(key).amplifies.\(criterion.rawValue)", message: tr("only risk criteria can be amplified")))
      }
      if !(factor.isFinite && factor >= 0 && factor <= 10) {
        issues.append(
          InputIssue(key: "\(key).amplifies.\(criterion.rawValue)", message: tr("must be between 0 and 10")))
      }
    }
    return issues
  }
}

/// How relations between the two countries behave, and how collaborations respond. Every
/// parameter is documented in docs/simulation.md.
public struct SimulationParameters: Sendable, Hashable, Codable {
  /// Long-run level of relations without shocks (0 hostile … 1 excellent).
  public var baseline: Double = 0.75
  /// Relations at the start.
  public var initial: Double = 0.6
  /// Suspended collaborations may restart in a year when relations are at least this good.
  public var restartThreshold: Double = 0.55
  /// Chance per year that a suspended collaboration restarts once relations allow it.
  public var restartRate: Double = 0.5
  /// h₀: base hazard scale.
  public var baseHazard: Double = 0.12
  /// κ: how much tension (1 − relations) multiplies the hazard.
  public var tensionMultiplier: Double = 4
  /// e₀: chance that a suspension is final, per unit of risk.
  public var endShare: Double = 0.35
  /// Hazard multiplier of a separate-but-coordinated structure (it survives shocks better).
  public var separateHazard: Double = 0.3
  /// Share of its value a separate-but-coordinated collaboration delivers while active
  /// (parallel work costs efficiency while relations are good).
  public var separateEfficiency: Double = 0.75
  /// Share of its value a suspended separate-but-coordinated collaboration still delivers
  /// (the national halves go on; integrated work stops).
  public var separateSuspendedValue: Double = 0.4
  /// Yearly discount rate applied to delivered gains.
  public var discountRate: Double = 0

  public init() {}

  public func validate(key: String) -> [InputIssue] {
    var issues: [InputIssue] = []
    func unit(_ field: String, _ v: Double) {
      if !(v.isFinite && (0...1).contains(v)) {
        issues.append(
          InputIssue(
            key: "\(key).\(field)",
            message: tr("must be between 0 and 1, got {value}", ["value": .text(Format.number(v))])))
      }
    }
    unit("baseline", baseline)
    unit("initial", initial)
    unit("restart_threshold", restartThreshold)
    unit("restart_rate", restartRate)
    unit("end_share", endShare)
    unit("separate_hazard", separateHazard)
    unit("separate_efficiency", separateEfficiency)
    unit("separate_suspended_value", separateSuspendedValue)
    unit("discount_rate", discountRate)
    if !(baseHazard.isFinite && baseHazard >= 0 && baseHazard <= 5) {
      issues.append(InputIssue(key: "\(key).base_hazard", message: tr("must be between 0 and 5")))
    }
    if !(tensionMultiplier.isFinite && tensionMultiplier >= 0 && tensionMultiplier <= 100) {
      issues.append(InputIssue(key: "\(key).tension_multiplier", message: tr("must be between 0 and 100")))
    }
    return issues
  }
}

/// The shock catalogue: kinds of shock and the relations model (data, shipped as YAML).
public struct ShockCatalogue: Sendable, Hashable, Codable {
  public var version: String
  public var parameters: SimulationParameters
  public var shocks: [ShockKind]

  public init(version: String, parameters: SimulationParameters = SimulationParameters(), shocks: [ShockKind]) {
    self.version = version
    self.parameters = parameters
    self.shocks = shocks
  }

  public func validate() -> [InputIssue] {
    var issues = parameters.validate(key: "relations")
    var seen: Set<String> = []
    for (i, shock) in shocks.enumerated() {
      if !seen.insert(shock.id).inserted {
        issues.append(
          InputIssue(key: "shocks[\(i)].id", message: tr("duplicate shock id '{id}'", ["id": .text(shock.id)])))
      }
      issues += shock.validate(key: "shocks[\(i)]")
    }
    if shocks.isEmpty { issues.append(InputIssue(key: "shocks", message: tr("the catalogue lists no shocks"))) }
    return issues
  }
}

/// How a collaboration is organised.
public enum Structure: String, Sendable, Hashable, Codable, CaseIterable {
  /// Integrated cross-border work: most efficient, most exposed.
  case integrated
  /// Separate but coordinated national work (the essay's carbon-capture precedent).
  case separate = "separate-but-coordinated"
}

/// A collaboration over one or more domains.
public struct Collaboration: Sendable, Hashable, Codable, Identifiable {
  public var id: String
  public var name: String
  public var domains: [String]
  /// Gains delivered per year while active, in the portfolio's unit.
  public var value: Double
  /// Cost of the collaboration (counted against the portfolio budget).
  public var budget: Double
  /// Stakeholder buffer, 0 (none) … 4 (powerful constituencies in both countries).
  public var buffer: Double
  public var structure: Structure

  public init(
    id: String, name: String, domains: [String], value: Double, budget: Double, buffer: Double,
    structure: Structure = .integrated
  ) {
    self.id = id
    self.name = name
    self.domains = domains
    self.value = value
    self.budget = budget
    self.buffer = buffer
    self.structure = structure
  }
}

/// A set of candidate collaborations with a budget and a horizon.
public struct Portfolio: Sendable, Hashable, Codable {
  public var name: String
  public var budget: Double?
  public var horizon: Int
  public var collaborations: [Collaboration]
  /// Risk appetite for the recommended portfolio: 0 (cautious) … 1 (bold).
  public var riskAppetite: Double

  public init(
    name: String, budget: Double? = nil, horizon: Int = 20, collaborations: [Collaboration], riskAppetite: Double = 0.5
  ) {
    self.name = name
    self.budget = budget
    self.horizon = horizon
    self.collaborations = collaborations
    self.riskAppetite = riskAppetite
  }
}

/// Scripted shocks: events at given years, on top of (or instead of) random ones.
public struct Scenario: Sendable, Hashable, Codable {
  public struct Event: Sendable, Hashable, Codable {
    public var year: Int
    public var shock: String
    public var severity: Double
    public var settled: Bool

    public init(year: Int, shock: String, severity: Double, settled: Bool = false) {
      self.year = year
      self.shock = shock
      self.severity = severity
      self.settled = settled
    }
  }

  public var name: String
  public var events: [Event]
  /// Keep random shocks as well as the scripted ones.
  public var randomShocks: Bool

  public init(name: String, events: [Event], randomShocks: Bool = true) {
    self.name = name
    self.events = events
    self.randomShocks = randomShocks
  }
}
