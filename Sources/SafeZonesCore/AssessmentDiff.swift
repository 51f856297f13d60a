/// What changed between two assessments of the same domain: criteria added, removed or
/// rescored, reasons rewritten, and how the placement moved. Used by the history views.
public struct AssessmentDiff: Sendable, Hashable {
  /// A criterion scored in one assessment only.
  public struct Entry: Sendable, Hashable {
    public var criterion: CriterionID
    public var value: ScoreValue

    public init(criterion: CriterionID, value: ScoreValue) {
      self.criterion = criterion
      self.value = value
    }
  }

  /// A criterion whose score changed.
  public struct Change: Sendable, Hashable {
    public var criterion: CriterionID
    public var old: ScoreValue
    public var new: ScoreValue

    public init(criterion: CriterionID, old: ScoreValue, new: ScoreValue) {
      self.criterion = criterion
      self.old = old
      self.new = new
    }
  }

  /// A point on the map, enough to say where a domain moved.
  public struct Position: Sendable, Hashable {
    public var gains: Double
    public var risk: Double
    public var quadrant: Quadrant

    public init(_ placement: Placement) {
      gains = placement.gains
      risk = placement.risk
      quadrant = placement.quadrant
    }

    /// `Safe zone (gains 0.62, risk 0.31)`, in the language in view.
    public var text: String {
      tr(
        "{quadrant} (gains {gains}, risk {risk})",
        [
          "quadrant": .text(Localization.current?.text("quadrant.\(quadrant.rawValue).name") ?? quadrant.title),
          "gains": .text(Format.fixed(gains)), "risk": .text(Format.fixed(risk)),
        ])
    }
  }

  /// Criteria scored now but not before, in rubric id order.
  public var added: [Entry]
  /// Criteria scored before but not now.
  public var removed: [Entry]
  /// Criteria whose value changed (a point that became a range counts).
  public var changed: [Change]
  /// Criteria with the same value whose rationale or evidence changed.
  public var reasonsChanged: [CriterionID]
  /// `true` when the perspective differs.
  public var perspectiveChanged: Bool
  /// The perspectives before and after (`nil` when not stated).
  public var oldPerspective: String?
  public var newPerspective: String?
  /// Where the previous assessment placed the domain; `nil` for the first assessment.
  public var from: Position?
  public var to: Position

  /// Compares `current` with the assessment before it (`nil` for a domain's first),
  /// placing both under `rubric`.
  public init(from previous: Assessment?, to current: Assessment, rubric: Rubric) {
    let old = previous?.scores ?? [:]
    let new = current.scores
    added = new.keys.filter { old[$0] == nil }.sorted().map { Entry(criterion: $0, value: new[$0]!.value) }
    removed =
      previous == nil
      ? [] : old.keys.filter { new[$0] == nil }.sorted().map { Entry(criterion: $0, value: old[$0]!.value) }
    changed = []
    reasonsChanged = []
    if previous != nil {
      for id in new.keys.sorted() {
        guard let before = old[id], let after = new[id] else { continue }
        if before.value != after.value {
          changed.append(Change(criterion: id, old: before.value, new: after.value))
        } else if before.rationale != after.rationale || before.evidence != after.evidence {
          reasonsChanged.append(id)
        }
      }
    }
    perspectiveChanged = previous.map { $0.perspective != current.perspective } ?? false
    oldPerspective = previous?.perspective
    newPerspective = current.perspective
    from = previous.map { Position(Scoring.place($0, rubric: rubric)) }
    to = Position(Scoring.place(current, rubric: rubric))
  }

  /// `true` when the placement lies in another quadrant than before.
  public var changedQuadrant: Bool { from.map { $0.quadrant != to.quadrant } ?? false }

  /// `true` when gains or risk moved by at least half a hundredth (visible at two decimals).
  public var moved: Bool {
    guard let from else { return false }
    return !Self.samePosition((from.gains, from.risk, from.quadrant), (to.gains, to.risk, to.quadrant))
  }

  /// `true` when two placements are the same point on the map: the same quadrant, and gains
  /// and risk within half a hundredth (equal at two decimals). The one rule for "did not move".
  public static func samePosition(
    _ a: (gains: Double, risk: Double, quadrant: Quadrant), _ b: (gains: Double, risk: Double, quadrant: Quadrant)
  ) -> Bool {
    abs(a.gains - b.gains) < 0.005 && abs(a.risk - b.risk) < 0.005 && a.quadrant == b.quadrant
  }

  /// `true` when nothing about the scores changed.
  public var scoresUnchanged: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && reasonsChanged.isEmpty }

  /// Each step of a domain's history compared with the step before, oldest first.
  public static func history(of domain: Domain, rubric: Rubric) -> [AssessmentDiff] {
    domain.assessments.indices.map { i in
      AssessmentDiff(from: i > 0 ? domain.assessments[i - 1] : nil, to: domain.assessments[i], rubric: rubric)
    }
  }
}
