import Foundation
import Testing

@testable import SafeZonesCore

/// Trajectories, the map as of a date, migration warnings and drift projections. Most tests
/// use a linear rubric (gains = fundamentality/4, risk = military/4, optionally with
/// maturity and security exposure) so that every expected number can be worked out by hand.
@Suite("Change over time")
struct ChangeTests {
  /// Gains: fundamentality (and maturity, inversely, when `maturity`); risk: military (and
  /// security exposure, when `security`), no mitigation, no floors. With one criterion per
  /// axis, gains = f/4 and risk = m/4 exactly (mean and peak coincide).
  static func linearRubric(maturity: Bool = false, security: Bool = false, economic: Bool = false) -> Rubric {
    let weights: [CriterionID: Double] = [
      .fundamentality: 1, .maturity: maturity ? 1 : 0, .military: 1, .securityExposure: security ? 1 : 0,
      .economic: economic ? 1 : 0,
    ]
    return Rubric(
      version: "linear-1",
      criteria: CriterionID.allCases.map { id in
        Criterion(id: id, weight: weights[id] ?? 0, question: "\(id.rawValue)?", levels: Fixtures.levels)
      })
  }

  static func day(_ text: String) -> Day { Day(text)! }

  static func assessment(
    _ date: String, _ scores: [CriterionID: Double], assessor: String = "Panel", drifts: [Drift] = []
  ) -> Assessment {
    Assessment(assessor: assessor, date: day(date), scores: scores.mapValues { CriterionScore($0) }, drifts: drifts)
  }

  static func domain(_ id: String, _ assessments: [Assessment], links: [DomainLink] = []) -> Domain {
    var d = Domain(id: id, name: id.capitalized, links: links, assessments: [])
    d.assessments = assessments  // store order, as the store keeps it
    return d
  }

  // MARK: - Trajectory and as-of

  @Test(
    "a trajectory is in date order; as of a day it is the newest assessment by then, the last saved on a shared day")
  func asOf() {
    // setup: saved out of date order, two assessors on one day
    let rubric = Self.linearRubric()
    let d = Self.domain(
      "x",
      [
        Self.assessment("2024-01-01", [.fundamentality: 3, .military: 1], assessor: "D"),
        Self.assessment("2020-01-01", [.fundamentality: 4, .military: 0], assessor: "A"),
        Self.assessment("2022-06-01", [.fundamentality: 2, .military: 2], assessor: "B"),
        Self.assessment("2022-06-01", [.fundamentality: 1, .military: 3], assessor: "C"),
      ])
    // act
    let t = Trajectory(d, rubric: rubric)
    // check
    #expect(t.points.map(\.assessor) == ["A", "B", "C", "D"])
    // Without store sequence numbers, versions follow the timeline.
    #expect(t.points.map(\.version) == [1, 2, 3, 4])
    #expect(t.asOf(Self.day("2019-12-31")) == nil)
    #expect(t.asOf(Self.day("2020-01-01"))?.assessor == "A")
    #expect(t.asOf(Self.day("2022-06-01"))?.assessor == "C")
    #expect(t.asOf(Self.day("2023-12-31"))?.assessor == "C")
    #expect(t.asOf(nil)?.assessor == "D")
    #expect(t.points(through: nil).map(\.assessor) == ["A", "B", "C", "D"])
    #expect(t.points(through: Self.day("2022-12-31")).map(\.assessor) == ["A", "B", "C"])
    #expect(t.asOf(Self.day("2022-06-01"))?.gains == 0.25)
    #expect(t.asOf(Self.day("2022-06-01"))?.risk == 0.75)
  }

  @Test("the map as of a date leaves out domains not yet assessed and places the rest as they stood")
  func mapAsOf() {
    let rubric = Self.linearRubric()
    let old = Self.domain(
      "old",
      [
        Self.assessment("2018-01-01", [.fundamentality: 4, .military: 0]),
        Self.assessment("2025-01-01", [.fundamentality: 1, .military: 4]),
      ])
    let young = Self.domain("young", [Self.assessment("2024-01-01", [.fundamentality: 2, .military: 2])])
    let reports = PlacedDomain.asOf(Self.day("2020-01-01"), domains: [old, young], rubric: rubric)
    #expect(reports.map(\.id) == ["old"])
    #expect(reports[0].quadrant == .safeZone)
    #expect(reports[0].assessment.date == Self.day("2018-01-01"))
    let now = PlacedDomain.asOf(nil, domains: [old, young], rubric: rubric)
    #expect(now.map(\.quadrant) == [.monitor, .politicalEngineering])
  }

  @Test("the assessment as of a day is the one the trajectory shows: newest date, then saved last; back-dated saves")
  func assessmentAsOf() {
    let rubric = Self.linearRubric()
    // Store order: a back-dated save (2019) after a 2021 one, and two saves on one day.
    let d = Self.domain(
      "x",
      [
        Self.assessment("2020-01-01", [.fundamentality: 1, .military: 1], assessor: "A"),
        Self.assessment("2021-06-01", [.fundamentality: 2, .military: 1], assessor: "B"),
        Self.assessment("2019-03-01", [.fundamentality: 3, .military: 1], assessor: "C"),
        Self.assessment("2021-06-01", [.fundamentality: 4, .military: 1], assessor: "D"),
      ])
    let trajectory = Trajectory(d, rubric: rubric)
    for text in ["2018-01-01", "2019-03-01", "2019-12-31", "2020-01-01", "2021-05-31", "2021-06-01", "2030-01-01"] {
      let day = Self.day(text)
      #expect(d.assessment(asOf: day)?.assessor == trajectory.asOf(day)?.assessor, "\(text)")
    }
    #expect(d.assessment(asOf: Self.day("2021-06-01"))?.assessor == "D")
    #expect(d.assessment(asOf: Self.day("2020-06-01"))?.assessor == "A")
    #expect(d.assessment(asOf: Self.day("2018-01-01")) == nil)
  }

  @Test("day arithmetic: ordinals round-trip and years add at 365.25 days")
  func days() {
    for text in ["1970-01-01", "2000-02-29", "2026-11-01", "1969-12-31", "2100-03-01"] {
      let d = Self.day(text)
      #expect(Day(ordinal: d.ordinal) == d)
    }
    #expect(Self.day("2026-11-01").adding(days: 61) == Self.day("2027-01-01"))
    #expect(Self.day("2024-01-01").adding(years: 2) == Self.day("2026-01-01"))
    #expect(Self.day("2026-01-01").adding(years: 0.5) == Self.day("2026-07-03"))  // 182.625 days, rounded
  }

  // MARK: - Warnings

  @Test("quadrant changed: the latest placement against the one before, high when risk crosses upwards")
  func quadrantChanged() throws {
    let rubric = Self.linearRubric()
    let d = Self.domain(
      "moving",
      [
        Self.assessment("2020-01-01", [.fundamentality: 3, .military: 1]),
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 3]),
      ])
    let warnings = Migration.warnings([d], rubric: rubric)
    let w = try #require(warnings.first { $0.kind == .quadrantChanged })
    #expect(w.severity == .high)
    #expect(w.from == PlacementSummary(date: Self.day("2020-01-01"), gains: 0.75, risk: 0.25, quadrant: .safeZone))
    #expect(
      w.to == PlacementSummary(date: Self.day("2023-01-01"), gains: 0.75, risk: 0.75, quadrant: .politicalEngineering))
    #expect(w.message.contains("from safe zone (lower right) to political engineering (upper right)"))
    #expect(w.message.contains("risk 0.25 → 0.75"))

    // Good news is reported too, as information.
    let down = Self.domain(
      "down",
      d.assessments.reversed().map { a in
        var a = a
        a.date = a.date == Self.day("2020-01-01") ? Self.day("2023-01-01") : Self.day("2020-01-01")
        return a
      })
    #expect(Migration.warnings([down], rubric: rubric).first { $0.kind == .quadrantChanged }?.severity == .info)
  }

  @Test(
    "one definition of a move: a change of quadrant on the same day is a move for the history, the warnings and the trajectory alike"
  )
  func sameDayMove() {
    let rubric = Self.linearRubric()
    let sameDay = Self.domain(
      "same-day",
      [
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 1], assessor: "A"),
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 3], assessor: "B"),
      ])
    let history = AssessmentDiff.history(of: sameDay, rubric: rubric)
    #expect(history.map(\.changedQuadrant) == [false, true])
    let warnings = Migration.warnings([sameDay], rubric: rubric)
    #expect(warnings.map(\.kind) == [.quadrantChanged])
    #expect(warnings.first?.from.quadrant == .safeZone)
    #expect(warnings.first?.to.quadrant == .politicalEngineering)
    let trajectory = Trajectory(sameDay, rubric: rubric)
    #expect(trajectory.points.map(\.quadrant) == [.safeZone, .politicalEngineering])
    #expect(trajectory.asOf(Self.day("2023-01-01"))?.assessor == "B")
    #expect(sameDay.current?.assessor == "B")
    // The moves the three views report are the same pairs of assessments.
    let historyMoves = history.indices.filter { history[$0].changedQuadrant }
    let trajectoryMoves = trajectory.points.indices.dropFirst().filter {
      trajectory.points[$0].quadrant != trajectory.points[$0 - 1].quadrant
    }
    #expect(historyMoves == Array(trajectoryMoves))
  }

  @Test("a back-dated save joins the timeline at its date, keeps the next version number and is not current")
  func backDated() {
    let rubric = Self.linearRubric()
    var d = Self.domain(
      "x",
      [
        Assessment(
          assessor: "A", date: Self.day("2020-01-01"), scores: [.fundamentality: CriterionScore(3)], sequence: 1),
        Assessment(
          assessor: "B", date: Self.day("2024-01-01"), scores: [.fundamentality: CriterionScore(2)], sequence: 2),
      ])
    d.assessments.append(
      Assessment(assessor: "C", date: Self.day("2022-01-01"), scores: [.fundamentality: CriterionScore(4)], sequence: 3)
    )
    #expect(d.assessments.map(\.assessor) == ["A", "C", "B"])
    #expect(d.current?.assessor == "B")
    #expect(d.assessments.indices.map { d.version(at: $0) } == [1, 3, 2])
    #expect(d.assessments.indices.map { d.isBackDated(at: $0) } == [false, true, false])
    #expect(d.index(ofVersion: 3) == 1)
    #expect(Trajectory(d, rubric: rubric).points.map(\.version) == [1, 3, 2])
    #expect(d.assessment(asOf: Self.day("2023-01-01"))?.assessor == "C")
  }

  @Test("least squares: the slope of a known line")
  func slope() {
    #expect(abs(Migration.leastSquaresSlope([-2, -1, 0], [0.3, 0.35, 0.4])! - 0.05) < 1e-12)
    #expect(abs(Migration.leastSquaresSlope([-3, -2, -1, 0], [0.1, 0.3, 0.2, 0.4])! - 0.08) < 1e-12)
    #expect(Migration.leastSquaresSlope([1, 1], [0, 1]) == nil)
  }

  @Test("trending across a threshold: risk 0.30 → 0.40 over two years crosses 0.5 in about two more, within three")
  func trend() throws {
    // setup: risk = military / 4 = 0.30, 0.35, 0.40 at yearly intervals (2022 → 2024)
    let rubric = Self.linearRubric()
    let d = Self.domain(
      "creeping",
      [
        Self.assessment("2022-01-01", [.fundamentality: 3, .military: 1.2]),
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 1.4]),
        Self.assessment("2024-01-01", [.fundamentality: 3, .military: 1.6]),
      ])
    // act
    let warnings = Migration.warnings([d], rubric: rubric)
    // check: slope 0.05 a year (dates in 365.25-day years), 0.1 to go → about 2 years
    let w = try #require(warnings.first { $0.kind == .trendingAcrossThreshold })
    let trend = try #require(w.trend)
    #expect(trend.axis == .risk)
    #expect(abs(trend.perYear - 0.05) < 0.0005)
    #expect(abs(trend.yearsToCross - 2.0) < 0.01)
    #expect(trend.points == 3)
    #expect(w.severity == .medium)
    #expect(w.expected == Self.day("2026-01-01"))
    #expect(w.message.contains("crosses the 0.5 threshold in about 2 years (around 2026-01-01)"))
    #expect(w.message.contains("from safe zone to political engineering"))
    // Not within a one-year horizon; high severity when it is within a year.
    #expect(Migration.warnings([d], rubric: rubric, options: .init(horizon: 1)).isEmpty)
    let fast = Self.domain(
      "fast",
      [
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 1]),
        Self.assessment("2024-01-01", [.fundamentality: 3, .military: 1.8]),
      ])
    #expect(Migration.warnings([fast], rubric: rubric).first { $0.kind == .trendingAcrossThreshold }?.severity == .high)
    // Only the last four placements count: an old rise followed by a flat stretch is no trend.
    let flat = Self.domain(
      "flat",
      [
        Self.assessment("2015-01-01", [.fundamentality: 3, .military: 0]),
        Self.assessment("2021-01-01", [.fundamentality: 3, .military: 1.6]),
        Self.assessment("2022-01-01", [.fundamentality: 3, .military: 1.6]),
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 1.6]),
        Self.assessment("2024-01-01", [.fundamentality: 3, .military: 1.6]),
      ])
    #expect(Migration.warnings([flat], rubric: rubric).isEmpty)
  }

  @Test("north-west: gains down and risk up with military applicability rising (the solid-earth physics case)")
  func northWest() throws {
    let rubric = Self.linearRubric(security: true, economic: true)
    let d = Self.domain(
      "earth",
      [
        Self.assessment("2016-06-01", [.fundamentality: 4, .military: 0, .securityExposure: 0, .economic: 0]),
        Self.assessment("2026-11-01", [.fundamentality: 3.5, .military: 1, .securityExposure: 1, .economic: 0]),
      ])
    let w = try #require(Migration.warnings([d], rubric: rubric).first { $0.kind == .northWest })
    #expect(w.severity == .medium)
    #expect(
      w.criteria == [
        CriterionMove(criterion: .military, from: 0, to: 1),
        CriterionMove(criterion: .securityExposure, from: 0, to: 1),
      ])
    #expect(w.from.gains == 1 && w.to.gains == 0.875)
    #expect(w.precedent?.contains("solid earth physics") == true)
    #expect(w.message.contains("military 0 → 1 and security_exposure 0 → 1 rose"))
    // Risk rising for commercial reasons alone is not the north-west move.
    let commercial = Self.domain(
      "market",
      [
        Self.assessment("2016-06-01", [.fundamentality: 4, .military: 0, .securityExposure: 0, .economic: 0]),
        Self.assessment("2026-11-01", [.fundamentality: 3.5, .military: 0, .securityExposure: 0, .economic: 3]),
      ])
    #expect(!Migration.warnings([commercial], rubric: rubric).contains { $0.kind == .northWest })
    // Crossing into the upper half makes it high.
    let crossing = Self.domain(
      "crossing",
      [
        Self.assessment("2016-06-01", [.fundamentality: 4, .military: 1, .securityExposure: 1, .economic: 1]),
        Self.assessment("2026-11-01", [.fundamentality: 1, .military: 4, .securityExposure: 3, .economic: 1]),
      ])
    #expect(Migration.warnings([crossing], rubric: rubric).first { $0.kind == .northWest }?.severity == .high)
  }

  @Test("maturing left: maturity up and gains down (carbon capture and direct air capture, as wind did)")
  func maturingLeft() throws {
    // gains = (f/4 + 1 − m/4) / 2
    let rubric = Self.linearRubric(maturity: true)
    let d = Self.domain(
      "capture",
      [
        Self.assessment("2018-06-01", [.fundamentality: 2, .maturity: 0, .military: 0]),
        Self.assessment("2026-11-01", [.fundamentality: 2, .maturity: 1, .military: 0]),
      ])
    let w = try #require(Migration.warnings([d], rubric: rubric).first { $0.kind == .maturingLeft })
    #expect(w.severity == .low)
    #expect(w.from.gains == 0.75 && w.to.gains == 0.625)
    #expect(w.criteria == [CriterionMove(criterion: .maturity, from: 0, to: 1)])
    #expect(w.precedent?.contains("wind power") == true)
    // Crossing the gains threshold (lower right → lower left) is medium.
    let crossed = Self.domain(
      "wind",
      [
        Self.assessment("2010-01-01", [.fundamentality: 2, .maturity: 1, .military: 0]),
        Self.assessment("2020-01-01", [.fundamentality: 2, .maturity: 3, .military: 0]),
      ])
    let warnings = Migration.warnings([crossed], rubric: rubric)
    #expect(warnings.first { $0.kind == .maturingLeft }?.severity == .medium)
    #expect(warnings.first { $0.kind == .quadrantChanged }?.severity == .medium)
  }

  @Test("reframed down: a reframing link to a less risky topic (COVID-19 origins → zoonotic disease control)")
  func reframed() throws {
    let rubric = Self.linearRubric()
    let origins = Self.domain(
      "origins", [Self.assessment("2021-03-30", [.fundamentality: 3, .military: 3])],
      links: [DomainLink(target: "zoonotic", kind: "reframes", weight: 0.8)])
    let zoonotic = Self.domain("zoonotic", [Self.assessment("2022-01-01", [.fundamentality: 3, .military: 1])])
    let warnings = Migration.warnings([origins, zoonotic], rubric: rubric)
    #expect(warnings.count == 1)
    let w = try #require(warnings.first)
    #expect(w.kind == .reframedDown && w.severity == .info)
    #expect(w.domain == "origins" && w.related == "zoonotic")
    #expect(w.from.risk == 0.75 && w.to.risk == 0.25)
    #expect(w.from.quadrant == .politicalEngineering && w.to.quadrant == .safeZone)
    #expect(w.concerns("zoonotic") && w.concerns("origins"))
    #expect(w.precedent?.contains("zoonotic") == true)
    // Before the reframed topic was assessed there is nothing to report.
    #expect(Migration.warnings([origins, zoonotic], rubric: rubric, asOf: Self.day("2021-12-31")).isEmpty)
    // A `related` link is not a reframing.
    var plain = origins
    plain.links = [DomainLink(target: "zoonotic", kind: "related", weight: 0.8)]
    #expect(Migration.warnings([plain, zoonotic], rubric: rubric).isEmpty)
  }

  @Test("warnings sort most severe first, then most recent, then by id; as of a date only older assessments count")
  func sortingAndAsOf() {
    let rubric = Self.linearRubric()
    let up = Self.domain(
      "b-up",
      [
        Self.assessment("2020-01-01", [.fundamentality: 3, .military: 1]),
        Self.assessment("2023-01-01", [.fundamentality: 3, .military: 3]),
      ])
    let good = Self.domain(
      "a-good",
      [
        Self.assessment("2020-01-01", [.fundamentality: 3, .military: 3]),
        Self.assessment("2024-01-01", [.fundamentality: 3, .military: 1]),
      ])
    let warnings = Migration.warnings([good, up], rubric: rubric)
    #expect(warnings.map(\.domain) == ["b-up", "a-good"])
    #expect(warnings.map(\.severity) == [.high, .info])
    #expect(Migration.warnings([good, up], rubric: rubric, asOf: Self.day("2022-01-01")).isEmpty)
  }

  // MARK: - Projection

  @Test("drifts project the placement year by year, clamped to 0–4, with an uncertainty band")
  func projection() throws {
    // setup: risk = military/4; military 1 drifting +0.4 a year (± 0.2 by default)
    let rubric = Self.linearRubric()
    let d = Self.domain(
      "drifting",
      [
        Self.assessment(
          "2026-01-01", [.fundamentality: 3, .military: 1], drifts: [Drift(criterion: .military, perYear: 0.4)])
      ])
    // act
    let p = try #require(Projection.project(d, rubric: rubric, options: .init(years: 8, samples: 4_000, seed: 7)))
    // check
    #expect(p.years.count == 8)
    #expect(p.years[0].date == Self.day("2027-01-01"))
    #expect(p.years[0].risk == 0.35)
    #expect(p.years[0].riskRange == [0.3, 0.4])
    #expect(p.years[0].scores[.military] == 1.4)
    #expect(p.years[4].risk == 0.75)
    #expect(p.years[4].quadrant == .politicalEngineering)
    #expect(p.years[7].scores[.military] == 4)  // 1 + 3.2 clamped
    #expect(p.years[7].riskRange[1] == 1)
    for y in p.years {
      let total = y.probabilities.values.reduce(0, +)
      #expect(abs(total - 1) < 0.002)
      #expect(y.riskRange[0] <= y.risk && y.risk <= y.riskRange[1])
    }
    // Year 2: likely risk 0.45, range 0.35–0.55: some chance of crossing, less than half.
    let pe = p.years[1].probabilities[.politicalEngineering] ?? 0
    #expect(pe > 0 && pe < 0.5)
    // The band widens with the years.
    #expect(p.years[3].riskRange[1] - p.years[3].riskRange[0] > p.years[0].riskRange[1] - p.years[0].riskRange[0])
    // Same seed, same numbers.
    #expect(Projection.project(d, rubric: rubric, options: .init(years: 8, samples: 4_000, seed: 7)) == p)
  }

  @Test("a drift written as change over years is a rate; without drifts there is no projection")
  func driftForms() throws {
    let drift = Drift(criterion: .military, change: 1, years: 5)
    #expect(drift.perYear == 0.2)
    #expect(drift.text == "military +1 in 5 years")
    #expect(Drift(criterion: .maturity, perYear: 0.2, uncertainty: 0.1).text == "maturity +0.2 a year (±0.1)")
    #expect(Drift(criterion: .military, change: 2, years: 0).validate(key: "d").map(\.key) == ["d.years"])
    #expect(Drift(criterion: .military, perYear: 9).validate(key: "d").map(\.key) == ["d.per_year"])
    #expect(Drift(criterion: .military, perYear: 1, uncertainty: -1).validate(key: "d").map(\.key) == ["d.uncertainty"])
    let d = Self.domain("still", [Self.assessment("2026-01-01", [.fundamentality: 3, .military: 1])])
    #expect(Projection.project(d, rubric: Self.linearRubric()) == nil)
    // A drift with no uncertainty and a point score stays a point.
    let a = Projection.projected(
      Self.assessment("2026-01-01", [.military: 1]),
      drifts: [Drift(criterion: .military, perYear: -0.5, uncertainty: 0)],
      years: 4)
    #expect(a.scores[.military]?.value == .point(0))
  }

  // MARK: - Watch report

  @Test("the watch report lists warnings and projections, as text and JSON")
  func watchReport() throws {
    let rubric = Self.linearRubric()
    let d = Self.domain(
      "moving",
      [
        Self.assessment("2020-01-01", [.fundamentality: 3, .military: 1]),
        Self.assessment(
          "2023-01-01", [.fundamentality: 3, .military: 3], drifts: [Drift(criterion: .military, perYear: 0.2)]),
      ])
    let report = WatchReport(domains: [d], rubric: rubric, projection: .init(years: 3, samples: 1_000))
    #expect(report.warnings.map(\.kind) == [.quadrantChanged])
    #expect(report.projections.count == 1)
    let text = report.text
    #expect(text.hasPrefix("Migration warnings on every assessment, rubric linear-1, trends over 3 years: 1\n"))
    #expect(text.contains("high      quadrant-changed"))
    #expect(text.contains("Projections from recorded drifts"))
    #expect(text.contains("military +0.2 a year"))
    let json = try JSONSerialization.jsonObject(with: try report.json()) as? [String: Any]
    let warnings = json?["warnings"] as? [[String: Any]]
    #expect(warnings?.first?["kind"] as? String == "quadrant-changed")
    #expect(warnings?.first?["severity"] as? String == "high")
  }
}
