import Foundation

/// Everything one simulation produced, with the inputs that make it reproducible. It is the
/// JSON of `safezones simulate --format json` and what the web app stores for a run.
///
/// Encoded with `StableJSONEncoder` (snake_case keys, sorted, pretty): the same inputs and
/// seed give the same bytes whatever the number of threads. It holds no dictionary, so it
/// decodes back with `JSONDecoder`'s `.convertFromSnakeCase` (see `decode(_:)`).
public struct SimulationReport: Sendable, Codable {
  /// What was simulated.
  public struct Inputs: Sendable, Hashable, Codable {
    public var portfolio: Portfolio
    /// The scenario's name, when one was given.
    public var scenario: String?
    /// `false` when a scenario switched random shocks off (only its scripted events happen).
    public var randomShocks: Bool
    /// Scripted events of the scenario.
    public var events: [Scenario.Event]
    public var catalogueVersion: String
    public var rubricVersion: String
    public var seed: UInt64
    public var trials: Int
    /// The horizon simulated (the portfolio's, or `--years`).
    public var years: Int
    public var compareStructures: Bool
    /// Trials the frontier was built on, when it was built.
    public var frontierTrials: Int?

    public init(
      portfolio: Portfolio, scenario: String?, randomShocks: Bool, events: [Scenario.Event], catalogueVersion: String,
      rubricVersion: String, seed: UInt64, trials: Int, years: Int, compareStructures: Bool, frontierTrials: Int?
    ) {
      self.portfolio = portfolio
      self.scenario = scenario
      self.randomShocks = randomShocks
      self.events = events
      self.catalogueVersion = catalogueVersion
      self.rubricVersion = rubricVersion
      self.seed = seed
      self.trials = trials
      self.years = years
      self.compareStructures = compareStructures
      self.frontierTrials = frontierTrials
    }
  }

  /// How a collaboration was placed as a whole (`RiskProfile`), as the simulator used it.
  public struct Placement: Sendable, Hashable, Codable {
    public var id: String
    public var risk: Double
    public var gains: Double
    public var riskiestDomain: String?
    /// Normalised score (0–1) of each risk criterion: how much a shock amplifying it
    /// raises this collaboration's risk.
    public var exposure: [Exposure]
  }

  public struct Exposure: Sendable, Hashable, Codable {
    public var criterion: CriterionID
    public var score: Double
  }

  /// One collaboration's outcome under one structure.
  public struct StructureOutcome: Sendable, Hashable, Codable {
    public var delivered: Spread
    /// P(not ended) at the horizon.
    public var survival: Double
    /// P(active) at the horizon.
    public var active: Double
  }

  /// One collaboration simulated both ways, on the same shocks (common random numbers).
  public struct Comparison: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// The structure the portfolio gives it.
    public var chosen: Structure
    public var integrated: StructureOutcome
    public var separate: StructureOutcome
  }

  public var inputs: Inputs
  public var placements: [Placement]
  public var collaborations: [CollaborationOutcome]
  public var portfolio: PortfolioOutcome
  /// With `--compare-structures`.
  public var comparison: [Comparison]?
  /// With `--frontier` (or when the frontier chart is drawn).
  public var frontier: Frontier?
  /// With `--supply-chain`: the chain's delivered output on the same shocks.
  public var supplyChain: SupplyChainOutcome?

  /// The report as stable JSON (ends with a newline).
  public func json() throws -> Data {
    var data = try StableJSONEncoder().encode(self)
    data.append(0x0A)
    return data
  }

  /// Reads a report written by `json()`.
  public static func decode(_ data: Data) throws -> SimulationReport {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(SimulationReport.self, from: data)
  }
}

/// A simulation ready to run: the portfolio with its collaborations placed, the shock
/// catalogue, an optional scenario and the options. Shared by the command line and the web
/// app, so both produce the same report for the same inputs.
public struct SimulationPlan: Sendable {
  public var portfolio: Portfolio
  public var profiles: [RiskProfile]
  public var catalogue: ShockCatalogue
  public var scenario: Scenario?
  public var years: Int
  public var rubricVersion: String
  public var options: SimulationOptions
  public var compareStructures: Bool
  public var frontier: Bool
  /// A supply chain hit by the same shocks (its exposure computed by its stress test).
  public var supply: SupplyExposure?

  /// The frontier is built on at most this many trials: every subset of up to 12
  /// collaborations is evaluated on each kept trial, and 5,000 trials put 250 in the 5% tail
  /// that the expected shortfall averages.
  public static let frontierTrialLimit = 5_000

  /// At most this many trials × years: above it, the per-trial paths kept for the fan
  /// chart would take too much memory.
  public static let maxTrialYears = 20_000_000

  /// Places each collaboration as a whole (`RiskProfile.of`) from `domains`, which must hold
  /// every domain the portfolio names (loaders check that).
  public init(
    portfolio: Portfolio, domains: [Domain], rubric: Rubric, catalogue: ShockCatalogue, scenario: Scenario? = nil,
    years: Int? = nil, options: SimulationOptions, compareStructures: Bool = false, frontier: Bool = false
  ) {
    let byID = Dictionary(domains.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    self.portfolio = portfolio
    self.profiles = portfolio.collaborations.map { c in
      RiskProfile.of(domains: c.domains.compactMap { byID[$0] }, rubric: rubric)
    }
    self.catalogue = catalogue
    self.scenario = scenario
    self.years = years ?? portfolio.horizon
    self.rubricVersion = rubric.version
    self.options = options
    self.compareStructures = compareStructures
    self.frontier = frontier
  }

  var frontierTrials: Int { frontier ? min(options.trials, Self.frontierTrialLimit) : 0 }

  /// Trials simulated in all: the portfolio, and each structure once more when comparing.
  public var totalTrials: Int { options.trials * (compareStructures ? 3 : 1) }

  /// Runs the simulation. `progress` receives (trials done, `totalTrials`), from any thread.
  public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) -> SimulationReport {
    let total = totalTrials
    let trials = options.trials
    func phase(_ index: Int) -> (@Sendable (Int) -> Void)? {
      guard let progress else { return nil }
      return { done in progress(index * trials + done, total) }
    }
    var options = self.options
    options.frontierTrials = frontierTrials
    let (result, totals) = simulator(portfolio.collaborations).run(options, progress: phase(0))

    var comparison: [SimulationReport.Comparison]?
    if compareStructures {
      options.frontierTrials = 0
      func everyone(_ structure: Structure) -> [CollaborationOutcome] {
        let changed = portfolio.collaborations.map { c -> Collaboration in
          var c = c
          c.structure = structure
          return c
        }
        return simulator(changed).run(options, progress: phase(structure == .integrated ? 1 : 2)).result.collaborations
      }
      let integrated = everyone(.integrated)
      let separate = everyone(.separate)
      func outcome(_ o: CollaborationOutcome) -> SimulationReport.StructureOutcome {
        .init(delivered: o.delivered, survival: o.survival.last ?? 1, active: o.active.last ?? 1)
      }
      comparison = portfolio.collaborations.indices.map { i in
        let c = portfolio.collaborations[i]
        return .init(
          id: c.id, name: c.name, chosen: c.structure, integrated: outcome(integrated[i]),
          separate: outcome(separate[i]))
      }
    }

    var built: Frontier?
    if frontier {
      built = Frontier.build(
        totals: totals, collaborations: portfolio.collaborations, budget: portfolio.budget,
        riskAppetite: portfolio.riskAppetite)
    }
    let placements = zip(portfolio.collaborations, profiles).map { c, p in
      SimulationReport.Placement(
        id: c.id, risk: Format.rounded(p.risk), gains: Format.rounded(p.gains), riskiestDomain: p.riskiestDomain,
        exposure: CriterionID.riskCriteria.map {
          .init(criterion: $0, score: Format.rounded(p.exposure[$0] ?? 0))
        })
    }
    let inputs = SimulationReport.Inputs(
      portfolio: portfolio, scenario: scenario?.name, randomShocks: scenario?.randomShocks ?? true,
      events: scenario?.events ?? [], catalogueVersion: catalogue.version, rubricVersion: rubricVersion,
      seed: options.seed, trials: trials, years: years, compareStructures: compareStructures,
      frontierTrials: frontier ? frontierTrials : nil)
    return SimulationReport(
      inputs: inputs, placements: placements, collaborations: result.collaborations, portfolio: result.portfolio,
      comparison: comparison, frontier: built, supplyChain: result.supplyChain)
  }

  func simulator(_ collaborations: [Collaboration]) -> Simulator {
    Simulator(
      catalogue: catalogue, collaborations: collaborations, profiles: profiles, years: years, scenario: scenario,
      supply: supply)
  }
}
