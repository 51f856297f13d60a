import SafeZonesCore

/// The words of the map — quadrant names and hints, axis titles, legend, key, tooltips and
/// the accessible description — in one language.
///
/// ``english`` holds the English words the map has always drawn, so a map made without a
/// `MapText` is unchanged byte for byte; ``init(_:)`` takes every word from a
/// `Localizer` (the shipped catalogues, `l10n/<tag>.yaml`, under the same keys), falling
/// back to English per key. The messages are Core's `Message` values, filled with the same
/// placeholders (`{count}`, `{quadrant}`, …) and plural rules as any other message.
public struct MapText: Sendable, Hashable {
  /// One message and the language it is written in (English after a fallback).
  public struct Entry: Sendable, Hashable {
    public var message: Message
    public var language: Language

    public init(message: Message, language: Language) {
      self.message = message
      self.language = language
    }
  }

  /// The language asked for.
  public private(set) var language: Language
  /// The messages by key (``keys`` and any `country.<code>.short`).
  public private(set) var entries: [String: Entry]

  /// The keys of the map's messages, sorted: `chart.legend-title`, `map.*`, and each
  /// quadrant's `name`, `in-text`, `position` and `hint`.
  public static let keys: [String] = englishMessages.keys.sorted()

  /// The English words the map has always drawn.
  public static let english = MapText(
    language: .english, entries: englishMessages.mapValues { Entry(message: $0, language: .english) })

  public init(language: Language, entries: [String: Entry]) {
    self.language = language
    self.entries = entries
  }

  /// The words of `localizer`'s language: each key from its catalogue, or English (from
  /// its English catalogue, else ``english``) where it lacks one; the countries' short names
  /// (`country.<code>.short`) for the title.
  public init(_ localizer: Localizer) {
    var entries: [String: Entry] = [:]
    for key in Self.keys {
      if let found = localizer.message(key) {
        entries[key] = Entry(message: found.message, language: found.language)
      } else {
        entries[key] = Self.english.entries[key]
      }
    }
    for key in localizer.keys(prefix: "country.") where key.hasSuffix(".short") {
      if let found = localizer.message(key) { entries[key] = Entry(message: found.message, language: found.language) }
    }
    self.init(language: localizer.language, entries: entries)
  }

  /// The keys whose words are not in ``language`` (English shows instead).
  public var fallbackKeys: [String] { entries.filter { $0.value.language != language }.keys.sorted() }

  /// The message for `key`, filled; the key itself when it has none.
  func text(_ key: String, _ arguments: [String: LocalizationArgument] = [:]) -> String {
    guard let entry = entries[key] else { return key }
    return entry.message.formatted(arguments, in: entry.language)
  }

  /// Sentences joined as the language joins them (a space in English, nothing in Chinese).
  func sentences(_ parts: [String]) -> String { parts.joined(separator: language.sentenceSeparator) }

  func quadrantName(_ q: Quadrant) -> String { text("quadrant.\(q.rawValue).name") }
  func quadrantInText(_ q: Quadrant) -> String { text("quadrant.\(q.rawValue).in-text") }
  func quadrantPosition(_ q: Quadrant) -> String { text("quadrant.\(q.rawValue).position") }
  func quadrantHint(_ q: Quadrant) -> String { text("quadrant.\(q.rawValue).hint") }

  /// A country's short name for the title (`US`; `美国`), or its code.
  public func countryName(_ code: String) -> String {
    entries["country.\(code).short"] != nil ? text("country.\(code).short") : code
  }

  /// The map's standard title for a pair: "Safe zones for science: US–CN cooperation".
  public func title(pair: CountryPair) -> String {
    text("map.title", ["first": .text(countryName(pair.first)), "second": .text(countryName(pair.second))])
  }

  /// The map's standard subtitle: "Joint gains versus political risk · rubric 2026.1".
  public func subtitle(rubricVersion: String) -> String { text("map.subtitle", ["version": .text(rubricVersion)]) }

  /// Today's English words, which `Sources/SafeZonesKnowledge/Resources/l10n/en.yaml` repeats
  /// under the same keys (a test keeps the two equal).
  static let englishMessages: [String: Message] = [
    "chart.legend-title": .text("Legend"),
    "map.axis.gains": .text("Joint gains →"),
    "map.axis.high": .text("high →"),
    "map.axis.low": .text("← low"),
    "map.axis.risk": .text("Political risk →"),
    "map.description.borderline": .text("{count} borderline (hollow markers)."),
    "map.description.ellipses": .plural([
      .one: "Ellipses show where {count} domain's simulated placements fall with 90% probability.",
      .other: "Ellipses show where {count} domains' simulated placements fall with 90% probability.",
    ]),
    "map.description.ellipses-some-certain": .plural([
      .one:
        "Ellipses show where {count} domain's simulated placements fall with 90% probability; {certain} judged with certainty have none.",
      .other:
        "Ellipses show where {count} domains' simulated placements fall with 90% probability; {certain} judged with certainty have none.",
    ]),
    "map.description.intro": .plural([
      .one:
        "Map of {count} research domain placed by joint gains (horizontal axis, 0 low to 1 high) and political risk (vertical axis, 0 low to 1 high), divided at gains {gains} and risk {risk}.",
      .other:
        "Map of {count} research domains placed by joint gains (horizontal axis, 0 low to 1 high) and political risk (vertical axis, 0 low to 1 high), divided at gains {gains} and risk {risk}.",
    ]),
    "map.description.numbered": .text("{count} domains are numbered on the map and named in the key."),
    "map.description.probability-colours": .text(
      "Markers are coloured by the probability of lying in the safe zone, from pale yellow (below 20%) to dark green (80% or more)."
    ),
    "map.description.quadrant": .text("{quadrant} ({position}): {count}."),
    "map.description.trajectories-pairs": .plural([
      .one: "Arrows join {count} domain's placements for other country pairs to the pair shown.",
      .other: "Arrows join {count} domains' placements for other country pairs to the pair shown.",
    ]),
    "map.description.trajectories-time": .plural([
      .one: "Arrows show the trajectories of {count} domain from earlier assessments.",
      .other: "Arrows show the trajectories of {count} domains from earlier assessments.",
    ]),
    "map.description.user": .text("{count} of your domains (diamonds)."),
    "map.domains-label": .text("Domains"),
    "map.key-title": .text("Key to numbered domains"),
    "map.legend.borderline": .text("Borderline: within ±{margin} of a threshold"),
    "map.legend.ellipse": .text("Ellipse: 90% of simulated placements"),
    "map.legend.no-estimate": .text("No estimate"),
    "map.legend.number": .text("Number: domain named in the key"),
    "map.legend.probability-band": .text("{low}–{high}%"),
    "map.legend.probability-top": .text("P(safe zone) {low}–{high}%"),
    "map.legend.range": .text("Range: low–high envelope of the scores"),
    "map.legend.shipped": .text("Shipped domains"),
    "map.legend.thresholds": .text("Thresholds: gains {gains}, risk {risk}"),
    "map.legend.trajectory-pairs": .text("Other country pairs (hollow, named) → the pair shown"),
    "map.legend.trajectory-time": .text("Trajectory: earlier assessments (hollow, dated) → the placement shown"),
    "map.legend.user": .text("Your domains"),
    "map.subtitle": .text("Joint gains versus political risk · rubric {version}"),
    "map.title": .text("Safe zones for science: {first}–{second} cooperation"),
    "map.tooltip.borderline": .text("Borderline: close to a threshold."),
    "map.tooltip.key": .text("Key number {number}."),
    "map.tooltip.point": .text(
      "{name} — {quadrant}. Joint gains {gains}{gains-range}, political risk {risk}{risk-range}."),
    "map.tooltip.probabilities": .text("Probabilities: {list}. Most likely {quadrant}, confidence {confidence}."),
    "map.tooltip.probability": .text("{quadrant} {share}"),
    "map.tooltip.range": .text(" ({low}–{high})"),
    "map.tooltip.user": .text("Your domain."),
    "map.trajectory.across-pairs": .text("{name} across country pairs — {steps}"),
    "map.trajectory.over-time": .text("{name} over time — {steps}"),
    "map.trajectory.step": .text("{date}: gains {gains}, risk {risk}, {quadrant}"),
    "quadrant.monitor.hint": .text("Low gains, high risk: monitor and verify"),
    "quadrant.monitor.in-text": .text("monitor"),
    "quadrant.monitor.name": .text("Monitor"),
    "quadrant.monitor.position": .text("low gains, high risk"),
    "quadrant.political-engineering.hint": .text("High gains, high risk: engineer support"),
    "quadrant.political-engineering.in-text": .text("political engineering"),
    "quadrant.political-engineering.name": .text("Political engineering"),
    "quadrant.political-engineering.position": .text("high gains, high risk"),
    "quadrant.safe-zone.hint": .text("High gains, low risk: pursue and scale up"),
    "quadrant.safe-zone.in-text": .text("safe zone"),
    "quadrant.safe-zone.name": .text("Safe zone"),
    "quadrant.safe-zone.position": .text("high gains, low risk"),
    "quadrant.traditional.hint": .text("Low gains, low risk: modest, low-cost"),
    "quadrant.traditional.in-text": .text("traditional cooperation"),
    "quadrant.traditional.name": .text("Traditional cooperation"),
    "quadrant.traditional.position": .text("low gains, low risk"),
  ]
}
