import SafeZonesCharts
import SafeZonesCore

/// How the map is drawn beyond which domains it shows — the day it stands as of, the
/// trajectories, the uncertainty layer — for `safezones map` and the web's map alike.
public enum MapDrawing {
  /// The options of a map of the domains `shown`, as of `asOf`, with the uncertainty layer
  /// when `marks` is given (coloured by P(safe zone)). `noteLayers` adds the layer's key to
  /// the subtitle, as the web page does next to its legend.
  ///
  /// With a `localizer`, the map's words are in its language (`MapText`); English otherwise.
  public static func options(
    rubric: Rubric, asOf: Day?, marks: [String: UncertaintyMark]? = nil, shown: some Sequence<String>,
    linkPrefix: String? = nil, noteLayers: Bool = false, localizer: Localizer? = nil
  ) -> MapOptions {
    var options = MapOptions(rubric: rubric, linkPrefix: linkPrefix, text: localizer.map(MapText.init) ?? .english)
    func note(_ key: String, _ english: String, _ arguments: [String: LocalizationArgument] = [:]) -> String {
      localizer?.text(key, arguments) ?? english
    }
    if let asOf {
      options.subtitle += " · " + note("map.note.as-of", "as of \(asOf)", ["date": .text(asOf.description)])
    }
    if let marks {
      if noteLayers { options.subtitle += " · " + note("map.note.layers", "90% ellipses, colour by P(safe zone)") }
      let ids = Set(shown)
      options.uncertainty = marks.filter { ids.contains($0.key) }
      options.colourMode = .safeZoneProbability
    }
    return options
  }

  /// The trajectories of the domains in `ids` (in `domains` order) through `asOf`; a domain
  /// with fewer than two dated placements has none.
  public static func trajectories(
    _ domains: [Domain], ids: Set<String>, rubric: Rubric, asOf: Day?
  ) -> [MapTrajectory] {
    domains.filter { ids.contains($0.id) }.compactMap { MapTrajectory(Trajectory($0, rubric: rubric), through: asOf) }
  }

  /// The uncertainty layer: each domain's judgements as they stood on `asOf`, pooled and
  /// propagated by Monte Carlo, as 90% ellipses and probabilities; with the domains whose
  /// judgements could not be pooled, and why.
  public static func uncertainty(
    _ domains: [Domain], rubric: Rubric, asOf: Day?, method: PoolingMethod = .linear,
    samples: Int = MonteCarloDefaults.mapSamples, seed: UInt64 = MonteCarloDefaults.seed, threads: Int? = nil
  ) -> (marks: [String: UncertaintyMark], problems: [String: [InputIssue]]) {
    let options = MonteCarlo.Options(samples: samples, seed: seed, threads: threads, cloudSize: 0)
    let (placements, problems) = Propagation.placements(
      for: domains.map { $0.judged(through: asOf) }, rubric: rubric, method: method, options: options)
    return (placements.mapValues { UncertaintyMark($0) }, problems)
  }
}
