import Foundation

/// What adopting a closed round's pooled judgement would change, domain by domain, and how
/// an adoption is undone. Adoption and its undoing both add assessments: nothing is
/// overwritten, so the history keeps the panel's judgement and what replaced it.
public struct AdoptionChange: Sendable, Hashable {
  public var domainID: String
  public var name: String
  /// Where the domain stands now (`nil` when it has no assessment).
  public var from: PlacementSummary?
  /// Where the panel's judgement would put it.
  public var to: PlacementSummary
  /// The current assessment already is this panel's identical judgement: adopting adds
  /// nothing for this domain.
  public var alreadyAdopted: Bool

  /// `true` when the domain would land in another quadrant.
  public var changesQuadrant: Bool { !alreadyAdopted && from.map { $0.quadrant != to.quadrant } ?? true }
}

/// A domain whose current assessment is a round's adopted judgement, and what reverting
/// the adoption would restore.
public struct AdoptionReversal: Sendable, Hashable {
  public var domainID: String
  public var name: String
  /// The adopted judgement (the current assessment) and its version.
  public var adoptedVersion: Int
  public var adopted: PlacementSummary
  /// The assessment before it in the timeline, which a revert restores (`nil` when the
  /// panel's judgement was the domain's first assessment: nothing to restore).
  public var restoresVersion: Int?
  public var restores: PlacementSummary?
  public var restoredAssessment: Assessment?
}

extension Delphi {
  /// The change each domain of `consensus` would see if adopted now.
  public static func adoptionPreview(
    consensus: [(domainID: String, assessment: Assessment)], domain: (String) -> Domain?, rubric: Rubric
  ) -> [AdoptionChange] {
    consensus.map { domainID, assessment in
      let domain = domain(domainID)
      let current = domain?.current
      let to = PlacementSummary(assessment, rubric: rubric)
      return AdoptionChange(
        domainID: domainID, name: domain?.name ?? domainID, from: current.map { PlacementSummary($0, rubric: rubric) },
        to: to,
        alreadyAdopted: current.map { $0.assessor == assessment.assessor && $0.scores == assessment.scores } ?? false)
    }
  }

  /// The domains of `round` whose current assessment is the round's adopted judgement,
  /// so that the adoption can still be reverted without discarding anyone's later work.
  public static func reversible(round: Round, domain: (String) -> Domain?, rubric: Rubric) -> [AdoptionReversal] {
    let panel = panelName(round)
    return round.domainIDs.compactMap { id in
      guard let domain = domain(id), let current = domain.current, current.assessor == panel else { return nil }
      let last = domain.assessments.count - 1
      let previous = last > 0 ? domain.assessments[last - 1] : nil
      return AdoptionReversal(
        domainID: id, name: domain.name, adoptedVersion: domain.version(at: last),
        adopted: PlacementSummary(current, rubric: rubric),
        restoresVersion: previous.map { _ in domain.version(at: last - 1) },
        restores: previous.map { PlacementSummary($0, rubric: rubric) }, restoredAssessment: previous)
    }
  }

  /// The assessment that reverts an adoption: the one before the panel's judgement,
  /// restored as a new assessment by `by`, dated `date`, whose note says what it restores
  /// and why. `nil` when there is nothing to restore.
  public static func reverting(_ reversal: AdoptionReversal, round: Round, by: String, date: Day) -> Assessment? {
    guard let old = reversal.restoredAssessment, let version = reversal.restoresVersion else { return nil }
    var restored = Assessment(
      assessor: by, date: date,
      note:
        "Restores version \(version) (\(old.assessor), dated \(old.date)), reverting the adoption of “\(panelName(round))” (version \(reversal.adoptedVersion)).",
      scores: old.scores)
    restored.perspective = old.perspective
    restored.drifts = old.drifts
    restored.weight = old.weight
    return restored
  }
}

extension PlacementSummary {
  /// Where `assessment` places a domain under `rubric`, dated as the assessment.
  public init(_ assessment: Assessment, rubric: Rubric) {
    let p = Scoring.place(assessment, rubric: rubric)
    self.init(date: assessment.date, gains: p.gains, risk: p.risk, quadrant: p.quadrant)
  }
}
