import Foundation

// A country pair is data: the rubric lists the pairs it may judge and names a default; every
// assessment records the pair it judges. Everything that places domains — maps, listings,
// warnings, the graph, Delphi rounds, simulations, screenings — works on one pair at a time
// through `PairScope`, which is the one place that decides which assessments belong to a pair.

extension CountryPair {
  /// `US-CN`: the pair's id on the command line (`--pair`), in URLs (`pair=`) and in files.
  public var id: String { "\(first)-\(second)" }

  /// Parses `EU-CN` (also `EU–CN` or `eu-cn`); `nil` unless both codes are valid and differ.
  public init?(id text: String) {
    let parts = text.trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "–", with: "-").uppercased()
      .split(separator: "-", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2, Self.isValidCode(parts[0]), Self.isValidCode(parts[1]), parts[0] != parts[1] else {
      return nil
    }
    self.init(parts[0], parts[1])
  }

  /// A country or bloc code: two or three capital letters (`US`, `CN`, `EU`, `UK`, `IND`).
  public static func isValidCode(_ code: String) -> Bool {
    (2...3).contains(code.count) && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
  }

  /// Whether `perspective` is one of the pair's two sides (`US`, `CN`); any other
  /// perspective (`third-country`, another country) is a bystander's.
  public func isSide(_ perspective: String?) -> Bool {
    guard let p = perspective?.trimmingCharacters(in: .whitespaces).uppercased() else { return false }
    return p == first || p == second
  }

  /// The perspectives an assessor of this pair may take: either side, or a third country.
  public var perspectives: [String] { [first, second, "third-country"] }
}

extension Rubric {
  /// The known pair named by `text`, or the default pair when `text` is `nil` or empty; an
  /// unknown pair is refused with the list of known ones, under `key`.
  public func pair(named text: String?, key: String = "pair") throws(InputError) -> CountryPair {
    guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return defaultPair }
    if let pair = CountryPair(id: text), pairs.contains(pair) { return pair }
    throw InputError(
      InputIssue(
        key: key,
        message: tr(
          "unknown pair '{pair}'; known pairs: {known}",
          ["pair": .text(text), "known": .text(pairs.map(\.id).joined(separator: ", "))])))
  }

  /// The pairs named in `texts` (each may hold several, comma-separated), known and in
  /// order, repeats dropped; at least two different ones, else refused under `key` with the
  /// known pairs. What a comparison compares (`safezones compare`, `/compare`).
  public func pairs(named texts: [String], key: String = "pairs") throws(InputError) -> [CountryPair] {
    let names = texts.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
      .map { $0.trimmingCharacters(in: .whitespaces) }
    let known = pairs.map(\.id).joined(separator: ", ")
    var chosen: [CountryPair] = []
    for name in names {
      guard !name.isEmpty else {
        throw InputError(
          InputIssue(key: key, message: tr("an empty pair in the list; known pairs: {known}", ["known": .text(known)])))
      }
      let pair = try pair(named: name, key: key)
      if !chosen.contains(pair) { chosen.append(pair) }
    }
    guard chosen.count >= 2 else {
      throw InputError(
        InputIssue(
          key: key,
          message: tr(
            "name at least two different pairs, e.g. {example}; known pairs: {known}",
            ["example": .text(pairs.prefix(2).map(\.id).joined(separator: ",")), "known": .text(known)])))
    }
    return chosen
  }

  /// This rubric judging `pair`: the same criteria and thresholds, with the pair's two
  /// countries as the sides whose acceptability decides viability.
  public func scoped(to pair: CountryPair) -> Rubric {
    var copy = self
    copy.countries = pair
    return copy
  }
}

extension Assessment {
  /// The pair this assessment judges: its own, or the rubric's default when it names none
  /// (knowledge-base files and stores older than pairs judge the default pair).
  public func judgedPair(default pair: CountryPair) -> CountryPair { self.pair ?? pair }
}

extension Domain {
  /// The domain with only the assessments that judge `pair` (its identity — name, summary,
  /// links — is shared by every pair).
  public func judging(_ pair: CountryPair, default defaultPair: CountryPair) -> Domain {
    let kept = assessments.filter { $0.judgedPair(default: defaultPair) == pair }
    // A domain judged for this pair only is itself, unchanged.
    guard kept.count != assessments.count else { return self }
    var copy = self
    copy.versionAcrossPairs = latestVersion
    copy.assessments = kept
    return copy
  }

  /// The pairs this domain has been assessed for, in the order given.
  public func assessedPairs(default defaultPair: CountryPair, known: [CountryPair]) -> [CountryPair] {
    let have = Set(assessments.map { $0.judgedPair(default: defaultPair) })
    return known.filter(have.contains) + have.subtracting(known).sorted { $0.id < $1.id }
  }
}

/// One pair's view of the domains: the rubric scoped to the pair and each domain with only
/// the assessments that judge it. A domain assessed for other pairs but not this one is left
/// out of `domains` and named in `notAssessed`; a domain with no assessment at all stays (it
/// is new, not judged for any pair).
public struct PairScope: Sendable {
  public var pair: CountryPair
  public var rubric: Rubric
  public var domains: [Domain]
  /// Ids of domains judged for other pairs only.
  public var notAssessed: [String]

  /// Scopes `domains` to `pair` (which must be one of `rubric.pairs` — see `Rubric.pair(named:)`).
  public init(_ pair: CountryPair, rubric: Rubric, domains: [Domain]) {
    self.pair = pair
    self.rubric = rubric.scoped(to: pair)
    var kept: [Domain] = []
    var missing: [String] = []
    kept.reserveCapacity(domains.count)
    for domain in domains {
      let scoped = domain.judging(pair, default: rubric.defaultPair)
      if scoped.assessments.isEmpty && !domain.assessments.isEmpty {
        missing.append(domain.id)
      } else {
        kept.append(scoped)
      }
    }
    self.domains = kept
    self.notAssessed = missing
  }

  /// Scopes to the pair named `text` (the default when `nil`), refusing an unknown one.
  public init(named text: String?, rubric: Rubric, domains: [Domain], key: String = "pair") throws(InputError) {
    self.init(try rubric.pair(named: text, key: key), rubric: rubric, domains: domains)
  }

  /// A note for listings when some domains are judged for other pairs only.
  public var notAssessedNote: String? {
    guard !notAssessed.isEmpty else { return nil }
    let shown = notAssessed.prefix(5).joined(separator: ", ") + (notAssessed.count > 5 ? ", …" : "")
    let arguments: [String: LocalizationArgument] = [
      "count": .text(String(notAssessed.count)), "pair": .text(pair.id), "domains": .text(shown),
    ]
    return notAssessed.count == 1
      ? tr("{count} domain is not assessed for {pair}: {domains}", arguments)
      : tr("{count} domains are not assessed for {pair}: {domains}", arguments)
  }
}
