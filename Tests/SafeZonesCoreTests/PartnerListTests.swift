import Foundation
import Testing

@testable import SafeZonesCore

/// Partner lists: reading the CSV, matching names tolerantly, reporting near misses, and
/// leaving the placement alone.
@Suite("partner lists")
struct PartnerListTests {
  static let csv = """
    name,aliases,country,list,source,date
    Institute of Advanced Widgets,IAW;Widget Institute,CN,Watch list,"Office, 2026",2026-11-01
    "Université de l'Exemple, Laboratoire 3",,FR,Watch list,"Office, 2026",2026-11-01
    Northern Polytechnic University,NPU,CN,Other list,Ministry,2025-06-01
    """

  static func lists() throws -> [PartnerList] { try PartnerList.parseCSV(csv, file: "l.csv", digest: "abc") }

  @Test("the CSV is read into lists by name, with aliases, countries, sources and dates")
  func reads() throws {
    let lists = try Self.lists()
    #expect(lists.map(\.name) == ["Watch list", "Other list"])
    #expect(
      lists[0].entries.map(\.name) == ["Institute of Advanced Widgets", "Université de l'Exemple, Laboratoire 3"])
    #expect(lists[0].entries[0].aliases == ["IAW", "Widget Institute"])
    #expect(lists[0].source == "Office, 2026")
    #expect(lists[1].entries[0].country == "CN")
    #expect(lists[0].version == "2026-11-01 abc")
  }

  @Test("a bad file is refused whole, naming the line and column")
  func refuses() {
    #expect {
      _ = try PartnerList.parseCSV("name,country\nX,CN\n", file: "l.csv", digest: "d")
    } throws: {
      ($0 as? InputError)?.issues.first?.message.contains("missing columns aliases, list, source, date") == true
    }
    #expect {
      _ = try PartnerList.parseCSV(
        "name,aliases,country,list,source,date\nA,,CN,L,S,\nB,,CN,L,Other,2026\n", file: "l.csv", digest: "d")
    } throws: { error in
      let issues = (error as? InputError)?.issues ?? []
      return issues.count == 2 && issues[0].line == 2 && issues[0].key == "date" && issues[1].line == 3
        && issues[1].message.contains("was given source 'S'")
    }
  }

  @Test("case, accents, punctuation and word order do not matter; an alias matches; a typo is a near miss")
  func matching() throws {
    let lists = try Self.lists()
    func first(_ name: String, _ country: String? = nil) -> PartnerMatch? {
      PartnerMatcher.findings([Proposal.Partner(name: name, country: country)], lists: lists)[0].matches.first
    }
    #expect(first("INSTITUTE OF ADVANCED WIDGETS")?.kind == .match)
    #expect(first("Advanced Widgets, Institute of")?.kind == .match)
    #expect(first("laboratoire 3 universite de lexemple")?.kind == .match)
    let alias = first("widget institute")
    #expect(
      alias?.kind == .match && alias?.matchedName == "Widget Institute"
        && alias?.organisation == "Institute of Advanced Widgets")
    let near = first("Institute of Advanced Widget")
    #expect(near?.kind == .nearMiss)
    #expect((near?.similarity ?? 0) >= PartnerMatcher.nearMissThreshold && (near?.similarity ?? 1) < 1)
    #expect(first("Northern Polytechnic University", "US")?.countryDiffers == true)
    #expect(first("Northern Polytechnic University", "CN")?.countryDiffers == false)
    #expect(first("Southern Agricultural College") == nil)
  }

  @Test("a partner finding is beside the placement: the quadrant and actions stay as they were")
  func besideThePlacement() throws {
    let proposal = Proposal(
      id: "p", title: "T", aims: [.init(id: "a1", text: "Improve inertial navigation and homing for missiles.")],
      partners: [.init(name: "Institute of Advanced Widgets", country: "CN")])
    let plain = ScreenerTests.screen(proposal)
    let checked = plain.checkingPartners(against: try Self.lists())
    #expect(checked.overall == plain.overall)
    #expect(checked.aims == plain.aims)
    #expect(checked.actions == plain.actions)
    #expect(checked.partners[0].matches.first?.kind == .match)
    #expect(checked.checks.contains { $0.contains("is on list 'Watch list'") && $0.contains("not a verdict") })
    #expect(plain.checkingPartners(against: []) == plain)
  }
}
