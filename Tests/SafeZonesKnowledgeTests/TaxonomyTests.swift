import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The shipped technology taxonomies (US CET 2024, Canada's STRA, the EU dual-use list's
/// Annex I), their loader's located errors, and each rule of `Taxonomy.validate`. The expected
/// ids are written out here, from the sources, and never read from the files they check.
@Suite("Technology taxonomies")
struct TaxonomyTests {
  // MARK: - Expectations taken from the sources

  /// The 18 areas of the US Critical and Emerging Technologies list, February 2024, with the
  /// ids the screening issue fixed, in the document's order.
  static let usCETAreas: [String] = [
    "advanced-computing", "advanced-engineering-materials", "advanced-gas-turbine-engines", "advanced-manufacturing",
    "advanced-sensing-and-signature-management", "artificial-intelligence", "autonomous-systems-and-robotics",
    "biotechnologies", "clean-energy-generation-and-storage", "communication-and-networking",
    "data-privacy-security-cybersecurity", "directed-energy", "human-machine-interfaces", "hypersonics",
    "positioning-navigation-timing", "quantum-information", "semiconductors-and-microelectronics",
    "space-technologies",
  ]

  /// The 11 categories of Canada's Sensitive Technology Research Areas, in the list's order.
  static let canadianCategories: [String] = [
    "advanced-digital-infrastructure-technology", "advanced-energy-technology", "advanced-materials-and-manufacturing",
    "advanced-sensing-and-surveillance", "advanced-weapons", "aerospace-space-and-satellite-technology",
    "artificial-intelligence-and-big-data-technology", "human-machine-integration", "life-science-technology",
    "quantum-science-and-technology", "robotics-and-autonomous-systems",
  ]

  /// Annex I to Regulation (EU) 2021/821: categories 0 to 9.
  static let euCategories: [String] = (0...9).map { "category-\($0)" }

  static let shippedIDs = ["us-cet-2024", "ca-stra-2024", "eu-dual-use-annex-i"]

  static func shipped(_ id: String) throws -> Taxonomy {
    try #require(try KnowledgeBase.taxonomy(id: id), "no shipped taxonomy '\(id)'")
  }

  // MARK: - The shipped taxonomies

  @Test("the three shipped taxonomies load with no issues, each with its source, date and version")
  func shippedLoad() throws {
    // act
    let taxonomies = try KnowledgeBase.taxonomies()

    // assert
    #expect(Set(taxonomies.map(\.id)) == Set(Self.shippedIDs))
    for taxonomy in taxonomies {
      #expect(taxonomy.validate().isEmpty, "\(taxonomy.id): \(taxonomy.validate())")
      #expect(!taxonomy.publisher.isEmpty && !taxonomy.title.isEmpty && !taxonomy.version.isEmpty)
      #expect(taxonomy.url.hasPrefix("https://"), "\(taxonomy.id): \(taxonomy.url)")
      #expect(taxonomy.note != nil, "\(taxonomy.id) says what the list is")
    }
  }

  @Test("the US CET list has its 18 areas with the issue's ids, dated February 2024")
  func usCET() throws {
    let taxonomy = try Self.shipped("us-cet-2024")
    #expect(taxonomy.entries.map(\.id) == Self.usCETAreas)
    #expect(taxonomy.date == Day(year: 2024, month: 2, day: 12))
    #expect(taxonomy.version == "2024-02")
  }

  @Test("Canada's STRA has its 11 categories, dated January 2024")
  func canadianSTRA() throws {
    let taxonomy = try Self.shipped("ca-stra-2024")
    #expect(taxonomy.entries.map(\.id) == Self.canadianCategories)
    #expect(taxonomy.date.year == 2024)
  }

  @Test("the EU dual-use list has categories 0 to 9, category 5 in its two parts")
  func euAnnexI() throws {
    let taxonomy = try Self.shipped("eu-dual-use-annex-i")
    #expect(taxonomy.entries.map(\.id) == Self.euCategories)
    let category5 = try #require(taxonomy.entries.first { $0.id == "category-5" })
    #expect(
      category5.subfields.map(\.id) == [
        "category-5-part-1-telecommunications", "category-5-part-2-information-security",
      ])
    #expect(taxonomy.area(id: "category-6-lasers")?.entry.id == "category-6")
  }

  @Test(
    "every entry and subfield has keywords to be matched by; every US and Canadian entry has subfields",
    arguments: shippedIDs)
  func keywordsAndSubfields(id: String) throws {
    let taxonomy = try Self.shipped(id)
    for entry in taxonomy.entries {
      #expect(entry.keywords.count >= 5, "\(entry.id) has \(entry.keywords.count) keywords")
      #expect(!entry.summary.isEmpty)
      if id != "eu-dual-use-annex-i" { #expect(!entry.subfields.isEmpty, "\(entry.id) has no subfields") }
      for subfield in entry.subfields {
        #expect(!subfield.keywords.isEmpty, "\(subfield.id) has no keywords")
      }
    }
  }

  @Test("ids are unique across entries and subfields of each shipped taxonomy", arguments: shippedIDs)
  func uniqueIDs(id: String) throws {
    let taxonomy = try Self.shipped(id)
    let ids = taxonomy.entries.flatMap { [$0.id] + $0.subfields.map(\.id) }
    #expect(Set(ids).count == ids.count)
    #expect(ids.allSatisfy(Domain.isValidID))
  }

  // MARK: - Located errors

  static let good = """
    taxonomy:
      id: test-list
      name: Test list
      publisher: Test publisher
      title: A test list
      date: 2024-02-12
      version: "1"
      url: "https://example.org/list"
    entries:
      - id: alpha
        name: Alpha
        summary: The first area.
        keywords: [alpha, first]
        subfields:
          - {id: alpha-one, name: Alpha one, keywords: [one]}
      - id: beta
        name: Beta
        summary: The second area.
        keywords: [beta]

    """

  func error(_ text: String) -> InputError? {
    do {
      _ = try TaxonomyLoader.parse(text, file: "t.yaml")
      return nil
    } catch {
      return error
    }
  }

  /// One issue, located: `file:line: key: message` must contain the three.
  func expectIssue(
    _ error: InputError?, line: Int?, key: String, containing text: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let error else {
      Issue.record("the file was accepted", sourceLocation: sourceLocation)
      return
    }
    let match = error.issues.first { $0.key == key }
    #expect(match != nil, "no issue at \(key): \(error)", sourceLocation: sourceLocation)
    guard let match else { return }
    #expect(match.line == line, "line of \(key): \(error)", sourceLocation: sourceLocation)
    #expect(match.message.contains(text), "\(match.message)", sourceLocation: sourceLocation)
    #expect(match.file == "t.yaml", sourceLocation: sourceLocation)
  }

  @Test("a good file reads to its values")
  func goodFile() throws {
    let taxonomy = try TaxonomyLoader.parse(Self.good, file: "t.yaml")
    #expect(taxonomy.id == "test-list")
    #expect(taxonomy.date == Day(year: 2024, month: 2, day: 12))
    #expect(taxonomy.entries.map(\.id) == ["alpha", "beta"])
    #expect(taxonomy.entries[0].subfields == [TaxonomySubfield(id: "alpha-one", name: "Alpha one", keywords: ["one"])])
    #expect(taxonomy.entries[1].subfields.isEmpty)
  }

  @Test("a duplicate id is reported on the line of the second use, naming the first")
  func duplicateID() {
    // arrange: the subfield of beta (line 21) reuses alpha's subfield id
    let text =
      Self.good + """
            subfields:
              - {id: alpha-one, name: Again, keywords: [again]}

        """

    // act
    let found = error(text)

    // assert
    expectIssue(
      found, line: 21, key: "entries[1].subfields[0].id", containing: "duplicate id 'alpha-one'")
    #expect(found?.issues.first?.message.contains("entries[0].subfields[0].id") == true)
    #expect(found?.issues.count == 1, "\(String(describing: found))")
  }

  @Test("a duplicate entry id is reported on its own line")
  func duplicateEntryID() {
    let text = Self.good.replacingOccurrences(of: "- id: beta", with: "- id: alpha")
    expectIssue(error(text), line: 16, key: "entries[1].id", containing: "duplicate id 'alpha'")
  }

  @Test("a missing name is reported once, at the entry")
  func missingName() {
    let text = Self.good.replacingOccurrences(of: "    name: Beta\n", with: "")
    let found = error(text)
    expectIssue(found, line: 16, key: "entries[1].name", containing: "missing required field 'name'")
    #expect(found?.issues.count == 1, "\(String(describing: found))")
  }

  @Test("an unknown key is reported with the fields allowed")
  func unknownKey() {
    let text = Self.good.replacingOccurrences(
      of: "    summary: The second area.", with: "    summery: The second area.")
    let found = error(text)
    expectIssue(found, line: 18, key: "entries[1].summery", containing: "unknown field 'summery'")
    #expect(found?.issues.first { $0.key == "entries[1].summery" }?.message.contains("summary") == true)
    expectIssue(found, line: 16, key: "entries[1].summary", containing: "missing required field")
  }

  @Test("an unknown key of the source and a bad date are located")
  func sourceErrors() {
    let text = Self.good.replacingOccurrences(of: "  date: 2024-02-12", with: "  date: 2024-02-30\n  edition: 2")
    let found = error(text)
    expectIssue(found, line: 6, key: "taxonomy.date", containing: "not a real calendar date")
    expectIssue(found, line: 7, key: "taxonomy.edition", containing: "unknown field 'edition'")
  }

  @Test("a bad id, a number for a keyword and an empty list of entries are located")
  func valueErrors() {
    let badID = Self.good.replacingOccurrences(of: "- id: beta", with: "- id: Beta_Two")
    expectIssue(error(badID), line: 16, key: "entries[1].id", containing: "not a valid id")

    let number = Self.good.replacingOccurrences(of: "keywords: [beta]", with: "keywords: [beta, 42]")
    expectIssue(error(number), line: 19, key: "entries[1].keywords[1]", containing: "expected text")

    let empty = Self.good.components(separatedBy: "entries:")[0] + "entries: []\n"
    expectIssue(error(empty), line: 9, key: "entries", containing: "lists no entries")
  }

  // MARK: - Each rule of Taxonomy.validate

  static func taxonomy(_ entries: [TaxonomyEntry], id: String = "test-list") -> Taxonomy {
    Taxonomy(
      id: id, name: "Test", publisher: "Publisher", title: "Title", date: Day(year: 2024, month: 1, day: 16)!,
      version: "1", url: "https://example.org", entries: entries)
  }

  static func entry(
    _ id: String, name: String = "Name", summary: String = "Summary.", keywords: [String] = ["word"],
    subfields: [TaxonomySubfield] = []
  ) -> TaxonomyEntry {
    TaxonomyEntry(id: id, name: name, summary: summary, keywords: keywords, subfields: subfields)
  }

  func keys(_ taxonomy: Taxonomy) -> [String] { taxonomy.validate().compactMap(\.key) }

  @Test("a valid taxonomy has no issues")
  func valid() {
    let taxonomy = Self.taxonomy([
      Self.entry("a", subfields: [TaxonomySubfield(id: "a-1", name: "A one", keywords: ["one"])]), Self.entry("b"),
    ])
    #expect(taxonomy.validate().isEmpty)
  }

  @Test("ids must be valid: the taxonomy's, an entry's and a subfield's")
  func validIDs() {
    let taxonomy = Self.taxonomy(
      [Self.entry("Bad Id", subfields: [TaxonomySubfield(id: "-dash", name: "Dash")])], id: "")
    #expect(keys(taxonomy) == ["taxonomy.id", "entries[0].id", "entries[0].subfields[0].id"])
    #expect(taxonomy.validate().allSatisfy { $0.message.contains("not a valid id") })
  }

  @Test("ids are unique across entries and subfields")
  func uniqueAcross() {
    let taxonomy = Self.taxonomy([
      Self.entry("a", subfields: [TaxonomySubfield(id: "b", name: "B as a subfield")]),
      Self.entry("b"),
      Self.entry("a"),
    ])
    let issues = taxonomy.validate()
    #expect(issues.map(\.key) == ["entries[1].id", "entries[2].id"])
    #expect(issues[0].message == "duplicate id 'b' (first used by entries[0].subfields[0].id)")
    #expect(issues[1].message == "duplicate id 'a' (first used by entries[0].id)")
  }

  @Test("names and summaries must not be empty, nor the source's details")
  func nonEmpty() {
    var taxonomy = Self.taxonomy([
      Self.entry("a", name: " ", summary: "", subfields: [TaxonomySubfield(id: "a-1", name: "")])
    ])
    taxonomy.name = ""
    taxonomy.publisher = ""
    taxonomy.title = "\n"
    taxonomy.version = ""
    taxonomy.url = ""
    #expect(
      keys(taxonomy) == [
        "taxonomy.name", "taxonomy.publisher", "taxonomy.title", "taxonomy.version", "taxonomy.url",
        "entries[0].name", "entries[0].summary", "entries[0].subfields[0].name",
      ])
    #expect(taxonomy.validate().allSatisfy { $0.message == "must not be empty" })
  }

  @Test("each entry needs a keyword, and no keyword may be empty")
  func keywords() {
    let taxonomy = Self.taxonomy([
      Self.entry("a", keywords: []),
      Self.entry("b", keywords: ["fine", " "], subfields: [TaxonomySubfield(id: "b-1", name: "B", keywords: [""])]),
    ])
    #expect(keys(taxonomy) == ["entries[0].keywords", "entries[1].keywords[1]", "entries[1].subfields[0].keywords[0]"])
    #expect(taxonomy.validate()[0].message.contains("at least one keyword"))
  }

  @Test("a taxonomy lists at least one entry")
  func noEntries() {
    #expect(keys(Self.taxonomy([])) == ["entries"])
  }
}
