import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore

extension Output {
  /// The uncertainty layer of a map: each domain's judgements pooled and propagated by
  /// Monte Carlo, as 90% ellipses and probabilities. A domain whose judgements cannot be
  /// pooled is drawn without one, with a note on standard error.
  static func uncertaintyMarks(
    _ domains: [Domain], rubric: Rubric, method: PoolingMethod = .linear, samples: Int, seed: UInt64,
    threads: Int? = nil
  ) -> [String: UncertaintyMark] {
    let (marks, problems) = MapDrawing.uncertainty(
      domains, rubric: rubric, asOf: nil, method: method, samples: samples, seed: seed, threads: threads)
    for (id, issues) in problems.sorted(by: { $0.key < $1.key }) {
      note(
        tr(
          "warning: no uncertainty for '{id}': {problems}",
          ["id": .text(id), "problems": .text(issues.map(\.description).joined(separator: "; "))]))
    }
    return marks
  }

  /// The marks of Monte Carlo results already computed (`assess --samples`).
  static func uncertaintyMarks(_ placements: [UncertainPlacement]) -> [String: UncertaintyMark] {
    Dictionary(placements.map { ($0.id, UncertaintyMark($0)) }, uniquingKeysWith: { first, _ in first })
  }

  /// Draws a map with the uncertainty layer, coloured by P(safe zone).
  static func saveUncertaintyMap(
    _ points: [MapPoint], rubric: Rubric, marks: [String: UncertaintyMark], to path: String, asOf: Day? = nil,
    trajectories: [MapTrajectory] = [], localizer: Localizer? = nil
  ) throws {
    let options = MapDrawing.options(
      rubric: rubric, asOf: asOf, marks: marks, shown: points.map(\.id), localizer: localizer)
    try save(MapChart.svg(points, options: options, trajectories: trajectories), to: path)
    let shown = Set(points.map(\.id))
    let drawn = marks.filter { shown.contains($0.key) && !$0.value.isCertain }.count
    let certain = points.count - drawn
    let arguments: [String: LocalizationArgument] = [
      "file": .text(path), "domains": .text(String(points.count)), "drawn": .text(String(drawn)),
      "certain": .text(String(certain)),
    ]
    note(
      certain > 0
        ? tr(
          "wrote {file} ({domains} domains, {drawn} with a 90% ellipse; {certain} judged with certainty have none)",
          arguments)
        : tr("wrote {file} ({domains} domains, {drawn} with a 90% ellipse)", arguments))
  }
}

/// `map --uncertainty [--samples N] [--seed S]`.
struct MapUncertaintyOptions: ParsableArguments {
  @Flag(name: .long, help: "On the --out map, draw each domain's 90% ellipse and colour the points by P(safe zone).")
  var uncertainty = false

  @Option(name: .long, help: "With --uncertainty: Monte Carlo samples per domain (default 4000).")
  var samples: Int?

  @Option(name: .long, help: "With --uncertainty: seed of the Monte Carlo run (same seed, same map).")
  var seed: UInt64?

  func validate(out: String?) throws {
    if uncertainty && out == nil { throw ValidationError(tr("--uncertainty draws on the map: add --out map.svg")) }
    if !uncertainty && (samples != nil || seed != nil) {
      throw ValidationError(
        tr("--samples and --seed go with --uncertainty (e.g. map --uncertainty --samples 4000 --out map.svg)"))
    }
    if let samples { try SampleOption.validate(samples) }
  }

  /// The marks of the domains shown, with the judgements in force on `asOf`.
  func marks(_ domains: [Domain], shown: [PlacedDomain], rubric: Rubric, asOf: Day?) -> [String: UncertaintyMark] {
    let ids = Set(shown.map(\.id))
    return Output.uncertaintyMarks(
      domains.filter { ids.contains($0.id) }.map { $0.judged(through: asOf) }, rubric: rubric,
      samples: samples ?? MonteCarloDefaults.mapSamples, seed: seed ?? MonteCarloDefaults.seed)
  }
}
