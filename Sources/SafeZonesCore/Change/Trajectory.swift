import Foundation

/// One dated placement of a domain: an assessment and where it put the domain.
public struct TrajectoryPoint: Sendable, Hashable {
  public var date: Day
  public var assessor: String
  /// 1-based position of the assessment in the domain's history (store order).
  public var version: Int
  public var assessment: Assessment
  public var placement: Placement

  public var gains: Double { placement.gains }
  public var risk: Double { placement.risk }
  public var quadrant: Quadrant { placement.quadrant }
}

/// A domain's placements over time: every assessment placed under one rubric, in the
/// domain's timeline order (`Domain.assessments`: by date, and on one date in the order they
/// were saved). Every point is a position the domain held, so a change of quadrant between
/// two consecutive points is a move — on the same day or not — for the history, the
/// warnings, the map's trajectories and the map as of a date alike. See
/// `docs/change-over-time.md`.
public struct Trajectory: Sendable, Hashable {
  public var id: String
  public var name: String
  /// Oldest first.
  public var points: [TrajectoryPoint]

  public init(_ domain: Domain, rubric: Rubric) {
    id = domain.id
    name = domain.name
    points = domain.assessments.enumerated().map { i, a in
      TrajectoryPoint(
        date: a.date, assessor: a.assessor, version: domain.version(at: i), assessment: a,
        placement: Scoring.place(a, rubric: rubric))
    }
  }

  /// The placement as it stood on `day`: the newest assessment dated on or before it
  /// (whoever made it). `nil` when the domain had not been assessed by then; with no day,
  /// the newest of all.
  public func asOf(_ day: Day?) -> TrajectoryPoint? {
    guard let day else { return points.last }
    return points.last { $0.date <= day }
  }

  /// The points dated on or before `day` (all of them with no day), oldest first.
  public func points(through day: Day?) -> [TrajectoryPoint] {
    guard let day else { return points }
    return points.filter { $0.date <= day }
  }

}

extension Domain {
  /// The assessment the map showed on `day`: the newest dated on or before it, and of
  /// those on that date the one saved last — what `Trajectory.asOf` picks, without placing
  /// every assessment.
  public func assessment(asOf day: Day) -> Assessment? {
    var best: Assessment?
    for a in assessments where a.date <= day && (best.map { a.date >= $0.date } ?? true) { best = a }
    return best
  }
}

extension PlacedDomain {
  /// A domain as it stood on `day` (placed by its newest assessment dated on or before the
  /// day), or `nil` when it had not been assessed by then. With no day, as it stands now.
  public static func asOf(_ day: Day?, domain: Domain, rubric: Rubric, playbook: Playbook = .standard) -> PlacedDomain?
  {
    guard let day else {
      return domain.current == nil ? nil : PlacedDomain(domain: domain, rubric: rubric, playbook: playbook)
    }
    guard let assessment = domain.assessment(asOf: day) else { return nil }
    return PlacedDomain(domain: domain, assessment: assessment, rubric: rubric, playbook: playbook)
  }

  /// Every domain as the map stood on `day`, leaving out domains not yet assessed then.
  public static func asOf(
    _ day: Day?, domains: [Domain], rubric: Rubric, playbook: Playbook = .standard
  ) -> [PlacedDomain] {
    guard day != nil else { return many(domains, rubric: rubric, playbook: playbook) }
    return domains.compactMap { asOf(day, domain: $0, rubric: rubric, playbook: playbook) }
  }
}

extension Day {
  /// The day with this ordinal (days since 1970-01-01), the inverse of `ordinal`.
  public init(ordinal: Int) {
    // Howard Hinnant's civil_from_days.
    let z = ordinal + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    self = Day(year: min(max(y, 1), 9999), month: m, day: d) ?? Day(year: 1970, month: 1, day: 1)!
  }

  /// This day moved by `days` (negative moves back).
  public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

  /// The same calendar day `years` years later (29 February becomes 28 February in a
  /// common year).
  public func adding(wholeYears years: Int) -> Day {
    let y = min(max(year + years, 1), 9999)
    return Day(year: y, month: month, day: min(day, Day.daysIn(month: month, year: y)))!
  }

  /// This day moved by a fractional number of 365.25-day years, to the nearest day.
  public func adding(years: Double) -> Day {
    guard years.isFinite else { return self }
    return adding(days: Int((years * 365.25).rounded()))
  }
}
