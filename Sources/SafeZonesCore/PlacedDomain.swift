import Foundation

/// A domain placed on the map under a rubric: the domain, the assessment that places it, the
/// placement computed from that assessment, and the strategy that follows. This is the value
/// the map, the filters, the listings and the pages work on, at full precision;
/// `DomainReport` only encodes it for output.
public struct PlacedDomain: Sendable, Hashable, Identifiable {
  public var domain: Domain
  /// The assessment placed: the domain's current one, or the one in force on a date.
  public var assessment: Assessment
  public var placement: Placement
  public var strategy: Strategy
  /// The Monte Carlo results, when uncertainty was propagated (`assess --samples N`).
  public var uncertainty: Uncertainty?

  /// What Monte Carlo propagation adds to a placement.
  public struct Uncertainty: Sendable, Hashable {
    public var placement: UncertainPlacement
    /// The assessors whose judgements were pooled, and how.
    public var assessors: [String]
    public var pooling: PoolingMethod
    /// Acceptability from each perspective, when the judges name theirs.
    public var viability: Viability?

    public init(placement: UncertainPlacement, assessors: [String], pooling: PoolingMethod, viability: Viability?) {
      self.placement = placement
      self.assessors = assessors
      self.pooling = pooling
      self.viability = viability
    }
  }

  public init(
    domain: Domain, assessment: Assessment, placement: Placement, strategy: Strategy, uncertainty: Uncertainty? = nil
  ) {
    self.domain = domain
    self.assessment = assessment
    self.placement = placement
    self.strategy = strategy
    self.uncertainty = uncertainty
  }

  /// Places `assessment` of `domain` under `rubric`.
  public init(domain: Domain, assessment: Assessment, rubric: Rubric, playbook: Playbook = .standard) {
    let placement = Scoring.place(assessment, rubric: rubric)
    self.init(
      domain: domain, assessment: assessment, placement: placement,
      strategy: playbook.strategy(for: placement, assessment: assessment))
  }

  /// Places the domain's current assessment (a domain without one is placed from no scores
  /// at all, with an empty assessor).
  public init(domain: Domain, rubric: Rubric, playbook: Playbook = .standard) {
    self.init(
      domain: domain, assessment: domain.current ?? Self.unassessed, rubric: rubric, playbook: playbook)
  }

  static let unassessed = Assessment(assessor: "", date: Day(year: 1970, month: 1, day: 1)!, scores: [:])

  public var id: String { domain.id }
  public var name: String { domain.name }
  public var tags: [String] { domain.tags }
  public var quadrant: Quadrant { placement.quadrant }
  /// Whether the domain has an assessment of its own (not the empty stand-in).
  public var isAssessed: Bool { !assessment.assessor.isEmpty }

  /// Places many domains on all cores (each placement is independent), in their order.
  public static func many(_ domains: [Domain], rubric: Rubric, playbook: Playbook = .standard) -> [PlacedDomain] {
    guard domains.count > 64 else {
      return domains.map { PlacedDomain(domain: $0, rubric: rubric, playbook: playbook) }
    }
    return parallelMap(count: domains.count, workers: ProcessInfo.processInfo.activeProcessorCount) {
      PlacedDomain(domain: domains[$0], rubric: rubric, playbook: playbook)
    }
  }
}
