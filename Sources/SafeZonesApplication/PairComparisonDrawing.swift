import Foundation
import SafeZonesCharts
import SafeZonesCore

/// What the command line and the compare page draw for a pair comparison.
public enum PairComparisonDrawing {
  /// The map points of the domains assessed for the pair at `index`.
  public static func points(_ comparison: PairComparison, pair index: Int, only ids: Set<String>? = nil) -> [MapPoint] {
    comparison.rows.compactMap { row in
      guard let p = row.placements[index], ids?.contains(row.id) ?? true else { return nil }
      return point(row, p)
    }
  }

  static func point(_ row: PairComparison.Row, _ p: Placement) -> MapPoint {
    func range(_ envelope: ClosedRange<Double>, _ value: Double) -> ClosedRange<Double> {
      envelope.upperBound - envelope.lowerBound > 1e-9 ? envelope : value...value
    }
    return MapPoint(
      id: row.id, label: Localization.domainName(id: row.id, english: row.name), gains: p.gains, risk: p.risk,
      gainsRange: range(p.gainsEnvelope, p.gains),
      riskRange: range(p.riskEnvelope, p.risk), quadrant: p.quadrant, borderline: p.borderline)
  }

  /// Each domain's placements for the comparison's pairs joined by arrows ending at the
  /// last pair it is assessed for (the point drawn), for the rows given.
  public static func joins(_ comparison: PairComparison, rows: [PairComparison.Row]) -> [MapTrajectory] {
    rows.compactMap { row in
      let steps = zip(row.placements, comparison.pairs).compactMap { p, pair in
        p.map { MapTrajectory.Step(gains: $0.gains, risk: $0.risk, quadrant: $0.quadrant, date: pair.description) }
      }
      guard steps.count >= 2 else { return nil }
      return MapTrajectory(id: row.id, label: row.name, steps: steps, kind: .pairs)
    }
  }

  /// One map per pair side by side, and below them the domains that change quadrant drawn
  /// for every pair and joined (all compared domains with `allJoined`).
  public static func svg(
    _ comparison: PairComparison, rubric: Rubric, allJoined: Bool = false, localizer: Localizer? = nil
  ) -> String {
    let text = localizer.map(MapText.init) ?? .english
    let shared = Set(comparison.rows.filter { $0.assessedCount == comparison.pairs.count }.map(\.id))
    let side = comparison.pairs.indices.map { i in
      PairComparisonChart.Panel(
        points: points(comparison, pair: i, only: shared),
        options: MapOptions(rubric: rubric.scoped(to: comparison.pairs[i]), text: text))
    }
    let moved = allJoined ? comparison.compared : comparison.differing
    let names =
      Localization.current == nil
      ? comparison.pairs.map(\.description).joined(separator: " and ")
      : Localization.language.list(comparison.pairs.map(\.displayName))
    var joined: PairComparisonChart.Panel?
    if let last = comparison.pairs.indices.last, !moved.isEmpty {
      var options = MapOptions(rubric: rubric.scoped(to: comparison.pairs[last]), text: text)
      options.title =
        allJoined
        ? tr("Each domain for {pairs}", ["pairs": .text(names)])
        : tr("Domains that change quadrant between {pairs}", ["pairs": .text(names)])
      options.subtitle = tr(
        "Hollow dots: the other pairs' placements · arrows end at {pair}",
        ["pair": .text(Localization.current == nil ? "\(comparison.pairs[last])" : comparison.pairs[last].displayName)])
      let lastPoints = moved.compactMap { row -> MapPoint? in
        guard let i = row.placements.lastIndex(where: { $0 != nil }), let p = row.placements[i] else { return nil }
        return point(row, p)
      }
      joined = PairComparisonChart.Panel(points: lastPoints, options: options, joins: joins(comparison, rows: moved))
    }
    return PairComparisonChart.svg(
      side: side, joined: joined, title: tr("The same domains for {pairs}", ["pairs": .text(names)]))
  }
}
