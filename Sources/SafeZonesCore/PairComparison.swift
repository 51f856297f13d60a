import Foundation

/// The same domains placed for several country pairs side by side: where each lands for
/// each pair, which domains change quadrant between pairs, and the criteria that make the
/// difference (e.g. "military: 3 for US–CN, 1 for EU–CN").
public struct PairComparison: Sendable {
  /// One criterion judged differently for the pairs, and how much of the move it explains.
  public struct Difference: Sendable, Hashable {
    public var criterion: CriterionID
    /// The judgement for each pair, in the comparison's pair order (`nil`: not scored or
    /// not assessed for that pair).
    public var values: [ScoreValue?]
    /// How far the domain's point for the other pairs moves toward the first pair's when
    /// only this criterion is judged as for the first pair (map units, summed over pairs):
    /// the criteria are ranked by it.
    public var effect: Double
  }

  /// One domain: its placement for each pair it is assessed for.
  public struct Row: Sendable, Hashable {
    public var id: String
    public var name: String
    /// One entry per pair of the comparison, `nil` where the domain is not assessed for it.
    public var placements: [Placement?]
    /// The assessments placed, in the same order.
    public var assessments: [Assessment?]
    /// The quadrant differs between two pairs the domain is assessed for.
    public var quadrantDiffers: Bool
    /// Criteria judged differently, the largest effect first.
    public var differences: [Difference]

    /// The pairs this row has a placement for.
    public var assessedCount: Int { placements.compactMap { $0 }.count }
  }

  public var pairs: [CountryPair]
  /// Every domain assessed for at least one of the pairs, in the order given.
  public var rows: [Row]

  /// The domains whose quadrant differs between pairs.
  public var differing: [Row] { rows.filter(\.quadrantDiffers) }

  /// The domains assessed for more than one of the pairs (what can be compared).
  public var compared: [Row] { rows.filter { $0.assessedCount > 1 } }

  /// Compares `domains` (with every pair's assessments) for `pairs` under `rubric`. Each
  /// pair is placed under the rubric scoped to it, from its current assessment.
  public init(pairs: [CountryPair], rubric: Rubric, domains: [Domain]) {
    self.pairs = pairs
    let rubrics = pairs.map { rubric.scoped(to: $0) }
    rows = domains.compactMap { domain in
      let current = pairs.map { domain.judging($0, default: rubric.defaultPair).current }
      guard current.contains(where: { $0 != nil }) else { return nil }
      let placements = zip(current, rubrics).map { a, r in a.map { Scoring.place($0, rubric: r) } }
      let quadrants = Set(placements.compactMap { $0?.quadrant })
      return Row(
        id: domain.id, name: domain.name, placements: placements, assessments: current,
        quadrantDiffers: quadrants.count > 1,
        differences: Self.differences(current, placements, rubrics: rubrics))
    }
  }

  /// The criteria judged differently between the first assessed pair and the others, each
  /// with the distance its counterfactual closes.
  static func differences(_ current: [Assessment?], _ placements: [Placement?], rubrics: [Rubric]) -> [Difference] {
    guard let first = current.firstIndex(where: { $0 != nil }), let base = current[first],
      let basePlacement = placements[first]
    else { return [] }
    let others = current.indices.filter { $0 != first && current[$0] != nil }
    guard !others.isEmpty else { return [] }
    var out: [Difference] = []
    for criterion in rubrics[first].criteria.map(\.id) {
      let values = current.map { $0?.scores[criterion]?.value }
      let known = values.compactMap { $0 }
      guard known.count > 1, Set(known.map(\.likely)).count > 1 || Set(known).count > 1 else { continue }
      var effect = 0.0
      for i in others {
        guard var swapped = current[i], let placed = placements[i] else { continue }
        swapped.scores[criterion] = base.scores[criterion]
        let moved = Scoring.place(swapped, rubric: rubrics[i])
        effect += Self.distance(placed, basePlacement) - Self.distance(moved, basePlacement)
      }
      out.append(
        Difference(
          criterion: criterion, values: values, effect: (effect * 1e6).rounded() / 1e6))
    }
    return out.sorted { $0.effect != $1.effect ? $0.effect > $1.effect : $0.criterion.rawValue < $1.criterion.rawValue }
  }

  static func distance(_ a: Placement, _ b: Placement) -> Double {
    let dg = a.gains - b.gains
    let dr = a.risk - b.risk
    return (dg * dg + dr * dr).squareRoot()
  }

  /// "military: 3 for US–CN, 1 for EU–CN".
  public func describe(_ d: Difference) -> String {
    let parts = zip(d.values, pairs).compactMap { v, p in
      v.map { tr("{score} for {pair}", ["score": .text($0.text), "pair": .text(p.displayName)]) }
    }
    return "\(d.criterion.rawValue): " + parts.joined(separator: Localization.language.listSeparator)
  }
}

/// The JSON form of a pair comparison (the command line's `--format json` and the API's
/// `/api/v1/compare`): ids and keys never change with the language.
public struct PairComparisonReport: Encodable, Sendable {
  public struct PlacementEntry: Encodable, Sendable {
    public var pair: String
    public var gains: Double
    public var risk: Double
    public var quadrant: String
    public var borderline: Bool
    public var assessor: String
    public var date: String
  }

  /// One pair's judgement of a criterion, as written (`3`, `[1, 2, 3]`).
  public struct PairValue: Encodable, Sendable {
    public var pair: String
    public var value: String
  }

  public struct DifferenceEntry: Encodable, Sendable {
    public var criterion: String
    /// Each pair's judgement, in the comparison's pair order; pairs without one left out.
    /// (A list, not an object keyed by pair: the encoder's snake_case would rewrite keys.)
    public var values: [PairValue]
    public var effect: Double
    public var text: String
  }

  public struct DomainEntry: Encodable, Sendable {
    public var id: String
    public var name: String
    public var quadrantDiffers: Bool
    public var placements: [PlacementEntry]
    public var criteria: [DifferenceEntry]
  }

  public var pairs: [String]
  public var rubric: String
  public var compared: Int
  public var differing: Int
  public var domains: [DomainEntry]

  public init(_ c: PairComparison, rubric: Rubric, onlyDiffering: Bool) {
    pairs = c.pairs.map(\.id)
    self.rubric = rubric.version
    compared = c.compared.count
    differing = c.differing.count
    domains = (onlyDiffering ? c.differing : c.compared).map { row in
      DomainEntry(
        id: row.id, name: row.name, quadrantDiffers: row.quadrantDiffers,
        placements: zip(zip(row.placements, row.assessments), c.pairs).compactMap { pa, pair in
          guard let p = pa.0, let a = pa.1 else { return nil }
          return PlacementEntry(
            pair: pair.id, gains: (p.gains * 1e6).rounded() / 1e6, risk: (p.risk * 1e6).rounded() / 1e6,
            quadrant: p.quadrant.rawValue, borderline: p.borderline, assessor: a.assessor, date: a.date.description)
        },
        criteria: row.differences.map { d in
          DifferenceEntry(
            criterion: d.criterion.rawValue,
            values: zip(d.values, c.pairs).compactMap { v, p in v.map { PairValue(pair: p.id, value: $0.text) } },
            effect: d.effect, text: c.describe(d))
        })
    }
  }
}
