import Foundation
import Testing

@testable import SafeZonesCore

/// Country pairs: parsing, the rubric's known pairs, scoping domains to one pair, and the
/// comparison of pairs with the criteria that make the difference.
@Suite("country pairs")
struct PairTests {
  static let euChina = CountryPair("EU", "CN")

  static func rubric() -> Rubric {
    var r = Fixtures.rubric()
    r.pairs = [.usChina, euChina]
    return r
  }

  static func judged(_ scores: [CriterionID: Double], pair: CountryPair?, date: Day = Fixtures.day) -> Assessment {
    var a = Fixtures.assessment(scores)
    a.date = date
    a.pair = pair
    return a
  }

  @Test(
    "pair ids parse in any case and with an en dash; malformed ones do not",
    arguments: [
      ("EU-CN", "EU-CN"), ("eu-cn", "EU-CN"), ("US–CN", "US-CN"), (" UK-CN ", "UK-CN"), ("IND-CN", "IND-CN"),
    ])
  func parses(_ text: String, _ id: String) {
    #expect(CountryPair(id: text)?.id == id)
  }

  @Test("refused pair ids", arguments: ["", "US", "US-US", "U-CN", "USAA-CN", "US-CN-EU", "US_CN", "1S-CN"])
  func refuses(_ text: String) {
    #expect(CountryPair(id: text) == nil)
  }

  @Test("the rubric resolves a known pair, gives its default for none, and refuses an unknown one listing the known")
  func resolves() throws {
    let r = Self.rubric()
    #expect(try r.pair(named: nil) == .usChina)
    #expect(try r.pair(named: "  ") == .usChina)
    #expect(try r.pair(named: "eu-cn") == Self.euChina)
    let error = #expect(throws: InputError.self) { try r.pair(named: "US-RU", key: "--pair") }
    #expect(error?.issues.first?.key == "--pair")
    #expect(error?.description.contains("unknown pair 'US-RU'; known pairs: US-CN, EU-CN") == true)
  }

  @Test("a list of pairs to compare: comma-separated, known, repeats dropped, two at least, no blank entry")
  func pairList() throws {
    let r = Self.rubric()
    #expect(try r.pairs(named: ["eu-cn, US-CN", "EU-CN"]) == [Self.euChina, .usChina])
    for bad in [["US-CN"], ["US-CN,us-cn"], ["US-CN,"], ["US-CN,FR-CN"]] {
      let error = #expect(throws: InputError.self) { try r.pairs(named: bad) }
      #expect(error?.description.contains("known pairs: US-CN, EU-CN") == true, "\(bad)")
    }
  }

  @Test("a rubric's pairs are validated: codes, duplicates, and the default among them")
  func validation() {
    var r = Self.rubric()
    r.pairs = [Self.euChina, Self.euChina]
    let keys = r.validate().map { $0.key ?? "" }
    #expect(keys.contains("pairs[1]"))
    #expect(keys.contains("default_pair"))
  }

  @Test("scoping keeps each pair's assessments apart: one pair's newer judgement never moves another's placement")
  func scoping() {
    let r = Self.rubric()
    let later = Day(year: 2027, month: 1, day: 1)!
    let domain = Domain(
      id: "d", name: "D",
      assessments: [
        Self.judged(Fixtures.all(3, [.military: 0]), pair: nil),
        Self.judged(Fixtures.all(1, [.military: 4]), pair: Self.euChina, date: later),
      ])
    let onlyUS = Domain(id: "u", name: "U", assessments: [Self.judged(Fixtures.all(2), pair: .usChina)])
    let fresh = Domain(id: "n", name: "N", assessments: [])

    let us = PairScope(.usChina, rubric: r, domains: [domain, onlyUS, fresh])
    #expect(us.domains.map(\.id) == ["d", "u", "n"])
    #expect(us.domains[0].current?.scores[.military]?.value == .point(0))
    #expect(us.rubric.countries == .usChina)

    let eu = PairScope(Self.euChina, rubric: r, domains: [domain, onlyUS, fresh])
    #expect(eu.domains.map(\.id) == ["d", "n"])
    #expect(eu.notAssessed == ["u"])
    #expect(eu.domains[0].current?.scores[.military]?.value == .point(4))
    #expect(eu.rubric.countries == Self.euChina)
    #expect(eu.notAssessedNote == "1 domain is not assessed for EU-CN: u")
    // The version a writer states counts every pair's assessments.
    #expect(eu.domains[0].assessments.count == 1)
    #expect(eu.domains[0].latestVersion == 2)

    let placedUS = Scoring.place(us.domains[0].current!, rubric: us.rubric)
    let placedEU = Scoring.place(eu.domains[0].current!, rubric: eu.rubric)
    #expect(placedUS.quadrant != placedEU.quadrant)
  }

  @Test("a domain is assessed for the pairs its assessments name, known pairs first")
  func assessedPairs() {
    let d = Domain(
      id: "d", name: "D",
      assessments: [
        Self.judged(Fixtures.all(2), pair: CountryPair("UK", "CN")),
        Self.judged(Fixtures.all(2), pair: nil),
      ])
    #expect(d.assessedPairs(default: .usChina, known: [.usChina, Self.euChina]).map(\.id) == ["US-CN", "UK-CN"])
  }

  @Test("the comparison lists the domains whose quadrant differs and ranks the criteria by the distance they close")
  func comparison() throws {
    let r = Self.rubric()
    // Same everywhere but military (3 → 0) and salience (2 → 1): military carries the move.
    let moved = Domain(
      id: "moved", name: "Moved",
      assessments: [
        Self.judged(Fixtures.all(2, [.military: 4, .salience: 2, .fundamentality: 3]), pair: nil),
        Self.judged(Fixtures.all(2, [.military: 0, .salience: 1, .fundamentality: 3]), pair: Self.euChina),
      ])
    let same = Domain(
      id: "same", name: "Same",
      assessments: [
        Self.judged(Fixtures.all(1), pair: .usChina), Self.judged(Fixtures.all(1, [.scale: 2]), pair: Self.euChina),
      ])
    let single = Domain(id: "single", name: "Single", assessments: [Self.judged(Fixtures.all(3), pair: nil)])
    let c = PairComparison(pairs: [.usChina, Self.euChina], rubric: r, domains: [moved, same, single])

    #expect(c.rows.map(\.id) == ["moved", "same", "single"])
    #expect(c.rows[2].assessedCount == 1)
    #expect(c.rows[2].placements[1] == nil)
    let row = try #require(c.differing.first)
    #expect(c.differing.map(\.id) == ["moved"])
    #expect(row.placements[0]?.quadrant != row.placements[1]?.quadrant)
    #expect(row.differences.map(\.criterion) == [.military, .salience])
    #expect(row.differences[0].effect > row.differences[1].effect)
    #expect(row.differences[1].effect > 0)
    #expect(c.describe(row.differences[0]) == "military: 4 for US–CN, 0 for EU–CN")
    // Each pair is placed under the rubric scoped to it, as a map of that pair would place it.
    let placedEU = Scoring.place(
      moved.judging(Self.euChina, default: .usChina).current!, rubric: r.scoped(to: Self.euChina))
    #expect(row.placements[1] == placedEU)

    let json = String(
      decoding: try StableJSONEncoder().encode(PairComparisonReport(c, rubric: r, onlyDiffering: true)), as: UTF8.self)
    #expect(json.contains("\"pair\" : \"EU-CN\""))
    #expect(json.contains("\"differing\" : 1"))
    #expect(json.contains("\"compared\" : 2"))
  }
}
