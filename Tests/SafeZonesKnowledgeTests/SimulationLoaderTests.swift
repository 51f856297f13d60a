import Foundation
import SafeZonesCore
import SafeZonesTestSupport
import Testing

@testable import SafeZonesKnowledge

/// The simulation's inputs: the shipped shock catalogue, the example files, and every kind
/// of bad input, each reported with file, line and key.
@Suite("Simulation inputs")
struct SimulationLoaderTests {
  static let known: Set<String> = ["neutrino-physics", "particle-physics", "carbon-capture", "artificial-intelligence"]

  static let portfolio = TestPortfolio.yaml(
    name: "Test portfolio", budget: 50, horizon: 10, riskAppetite: 0.4,
    collaborations: [TestPortfolio.neutrino.budget(40), TestPortfolio.carbonCapture])

  static let scenario = """
    scenario:
      name: Escalation
      random_shocks: false
      events:
        - year: 3
          shock: south-china-sea-escalation
          severity: 0.9
        - {year: 5, shock: diplomatic-incident, severity: 1, settled: true}

    """

  /// The repository's root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// One issue, located: `file:line: key: message` must contain the three.
  func expectIssue(
    _ error: InputError, line: Int?, key: String, containing text: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let match = error.issues.first { $0.key == key }
    #expect(match != nil, "no issue at \(key): \(error)", sourceLocation: sourceLocation)
    guard let match else { return }
    #expect(match.line == line, "line of \(key): \(error)", sourceLocation: sourceLocation)
    #expect(match.message.contains(text), "\(match.message)", sourceLocation: sourceLocation)
    #expect(match.file != nil, sourceLocation: sourceLocation)
  }

  func portfolioError(_ text: String, known: Set<String> = known) -> InputError? {
    do {
      _ = try PortfolioLoader.parse(text, file: "p.yaml", knownDomains: known)
      return nil
    } catch {
      return error
    }
  }

  // MARK: - Shock catalogue

  @Test("the shipped catalogue has the essay's five shocks, every relations field and a source each")
  func shippedCatalogue() throws {
    // act
    let catalogue = try ShockCatalogueLoader.shipped()
    let text = try ShockCatalogueLoader.shippedText()

    // check
    #expect(catalogue.validate().isEmpty)
    #expect(!catalogue.version.isEmpty)
    #expect(
      catalogue.shocks.map(\.id) == [
        "hacking-event", "south-china-sea-escalation", "racism-backlash", "financial-intervention-losses",
        "diplomatic-incident",
      ])
    for shock in catalogue.shocks { #expect(shock.source?.isEmpty == false, "\(shock.id) has a source") }
    let amplified = Dictionary(uniqueKeysWithValues: catalogue.shocks.map { ($0.id, Set($0.amplifies.keys)) })
    #expect(amplified["hacking-event"] == [.securityExposure])
    #expect(amplified["south-china-sea-escalation"] == [.military])
    #expect(amplified["racism-backlash"] == [.salience])
    #expect(amplified["financial-intervention-losses"] == [.economic])
    #expect(amplified["diplomatic-incident"] == [.salience])
    // The compensation agreement: the Belgrade-scale incident is the most often settled.
    let belgrade = try #require(catalogue.shocks.first { $0.id == "diplomatic-incident" })
    #expect(catalogue.shocks.allSatisfy { $0.settlement <= belgrade.settlement })
    // Every parameter is written out (and commented) in the file.
    for field in ShockCatalogueLoader.relationFields.keys {
      #expect(text.contains("\n  \(field): "), "relations.\(field) is in shocks.yaml")
    }
    // The shipped relations are the documented defaults.
    #expect(catalogue.parameters == SimulationParameters())
  }

  @Test("a user's catalogue may leave out relations and containment")
  func minimalCatalogue() throws {
    let catalogue = try ShockCatalogueLoader.parse(
      """
      version: mine
      shocks:
        - {id: cyber, name: Cyber, rate: 0.5, severity: {alpha: 2, beta: 2}, impact: 0.3, settlement: 0.1, recovery_years: 2}
      """, file: "mine.yaml")
    #expect(catalogue.parameters == SimulationParameters())
    #expect(catalogue.shocks[0].containment == 0.7)
    #expect(catalogue.shocks[0].amplifies.isEmpty)
  }

  @Test("bad catalogues are refused with file, line and key")
  func badCatalogue() {
    // setup
    let text = """
      version: "x"
      relations:
        baseline: 1.5
        tension: 3
      shocks:
        - id: cyber
          name: Cyber
          rate: -1
          severity: {alpha: 0, beta: 2}
          impact: 0.3
          amplifies: {fundamentality: 1, militery: 2}
          settlement: 0.1
          recovery_years: 2
        - id: cyber
          name: Again
          rate: 0.1
          severity: {alpha: 1}
          impact: "0.5"
          settlement: 0.1
          recovery_years: 2

      """

    // act
    var caught: InputError?
    do { _ = try ShockCatalogueLoader.parse(text, file: "bad.yaml") } catch { caught = error }

    // check
    guard let error = caught else {
      Issue.record("the catalogue was accepted")
      return
    }
    expectIssue(error, line: 3, key: "relations.baseline", containing: "between 0 and 1")
    expectIssue(error, line: 4, key: "relations.tension", containing: "unknown field 'tension'")
    expectIssue(error, line: 8, key: "shocks[0].rate", containing: "between 0 and 50")
    expectIssue(error, line: 9, key: "shocks[0].severity.alpha", containing: "above 0")
    expectIssue(error, line: 11, key: "shocks[0].amplifies.fundamentality", containing: "only risk criteria")
    expectIssue(error, line: 11, key: "shocks[0].amplifies.militery", containing: "unknown criterion 'militery'")
    expectIssue(error, line: 14, key: "shocks[1].id", containing: "duplicate shock id 'cyber'")
    expectIssue(error, line: 17, key: "shocks[1].severity.beta", containing: "missing required field 'beta'")
    expectIssue(error, line: 18, key: "shocks[1].impact", containing: "remove the quotes")
    // In file order.
    let lines = error.issues.compactMap(\.line)
    #expect(lines == lines.sorted())
  }

  // MARK: - Portfolio

  @Test("a portfolio reads every field, with defaults for the optional ones")
  func portfolioReads() throws {
    let p = try PortfolioLoader.parse(Self.portfolio, file: "p.yaml", knownDomains: Self.known)
    #expect(p.name == "Test portfolio")
    #expect(p.budget == 50)
    #expect(p.horizon == 10)
    #expect(p.riskAppetite == 0.4)
    #expect(p.collaborations.map(\.id) == ["neutrino", "ccs"])
    #expect(p.collaborations[0].domains == ["neutrino-physics", "particle-physics"])
    #expect(p.collaborations[0].structure == .integrated)
    #expect(p.collaborations[1].structure == .separate)
    #expect(p.collaborations[1].buffer == 2)

    let minimal = try PortfolioLoader.parse(
      """
      {"portfolio": {"name": "JSON"}, "collaborations": [{"id": "a", "name": "A", "domains": ["carbon-capture"], "value": 1, "budget": 2}]}
      """, file: "p.json", knownDomains: Self.known)
    #expect(minimal.budget == nil)
    #expect(minimal.horizon == 20)
    #expect(minimal.riskAppetite == 0.5)
    #expect(minimal.collaborations[0].buffer == 0)
  }

  @Test("bad portfolios are refused with file, line and key")
  func badPortfolio() throws {
    // setup
    let text = """
      portfolio:
        name: Bad
        budget: 0
        horizon: 200
        risk_appetite: 2
        owner: me
      collaborations:
        - id: Neutrino Observatory
          name: N
          domains: [neutrino-physic, particle-physics, particle-physics]
          value: -1
          budget: ten
          buffer: 5
          structure: parallel
        - id: ccs
          domains: []
          value: 1
          budget: 1
        - id: ccs
          name: Twice
          domains: [carbon-capture]
          value: 1
          budget: 1

      """

    // act
    let error = try #require(portfolioError(text))

    // check
    expectIssue(error, line: 3, key: "portfolio.budget", containing: "above 0")
    expectIssue(error, line: 4, key: "portfolio.horizon", containing: "between 1 and 100")
    expectIssue(error, line: 5, key: "portfolio.risk_appetite", containing: "between 0 (cautious) and 1 (bold)")
    expectIssue(error, line: 6, key: "portfolio.owner", containing: "unknown field 'owner'")
    expectIssue(error, line: 8, key: "collaborations[0].id", containing: "not a valid id")
    expectIssue(error, line: 10, key: "collaborations[0].domains[0]", containing: "did you mean 'neutrino-physics'?")
    expectIssue(error, line: 10, key: "collaborations[0].domains[2]", containing: "listed twice")
    expectIssue(error, line: 11, key: "collaborations[0].value", containing: "0 or more")
    expectIssue(error, line: 12, key: "collaborations[0].budget", containing: "expected a number, got a string 'ten'")
    expectIssue(error, line: 13, key: "collaborations[0].buffer", containing: "between 0")
    expectIssue(error, line: 14, key: "collaborations[0].structure", containing: "unknown structure 'parallel'")
    expectIssue(error, line: 15, key: "collaborations[1].name", containing: "missing required field 'name'")
    expectIssue(error, line: 16, key: "collaborations[1].domains", containing: "at least one domain")
    expectIssue(error, line: 19, key: "collaborations[2].id", containing: "duplicate collaboration id 'ccs'")
    let lines = error.issues.compactMap(\.line)
    #expect(lines == lines.sorted())
  }

  @Test("portfolios without their parts, empty, malformed or too large are refused")
  func portfolioShapes() throws {
    let missing = try #require(portfolioError("collaborations: []\n"))
    expectIssue(missing, line: 1, key: "portfolio", containing: "missing required field 'portfolio'")
    expectIssue(missing, line: 1, key: "collaborations", containing: "the list of collaborations is empty")

    let malformed = try #require(portfolioError("portfolio: {name: x\ncollaborations: [\n"))
    #expect(malformed.issues.count == 1)
    #expect(malformed.issues[0].message.contains("not valid YAML or JSON"))

    let list = try #require(portfolioError("- a\n- b\n"))
    #expect(list.issues[0].message.contains("expected a mapping"))

    let many =
      "portfolio: {name: many}\ncollaborations:\n"
      + (0...PortfolioLoader.maxCollaborations).map {
        "  - {id: c\($0), name: C, domains: [carbon-capture], value: 1, budget: 1}\n"
      }.joined()
    let tooMany = try #require(portfolioError(many))
    expectIssue(tooMany, line: 3, key: "collaborations", containing: "at most 64")
  }

  // MARK: - Scenario

  @Test("a scenario reads its events; random shocks default to on")
  func scenarioReads() throws {
    let catalogue = try ShockCatalogueLoader.shipped()
    let s = try ScenarioLoader.parse(Self.scenario, file: "s.yaml", catalogue: catalogue, horizon: 10)
    #expect(s.name == "Escalation")
    #expect(!s.randomShocks)
    #expect(
      s.events == [
        .init(year: 3, shock: "south-china-sea-escalation", severity: 0.9),
        .init(year: 5, shock: "diplomatic-incident", severity: 1, settled: true),
      ])
    let plain = try ScenarioLoader.parse("scenario: {name: Calm}\n", file: "s.yaml", catalogue: catalogue, horizon: 10)
    #expect(plain.randomShocks)
    #expect(plain.events.isEmpty)
  }

  @Test("unknown shocks and years outside the horizon are errors with file, line and key")
  func badScenario() throws {
    // setup
    let catalogue = try ShockCatalogueLoader.shipped()
    let text = """
      scenario:
        name: Bad
        random_shocks: maybe
        events:
          - year: 0
            shock: south-china-sea
            severity: 0.5
          - year: 11
            shock: racism-backlash
            severity: 1.5
          - year: 2.5
            shock: hacking-event
            severity: 0.2
            settled: sometimes
          - shock: hacking-event

      """

    // act
    var caught: InputError?
    do { _ = try ScenarioLoader.parse(text, file: "s.yaml", catalogue: catalogue, horizon: 10) } catch {
      caught = error
    }

    // check
    let error = try #require(caught)
    expectIssue(error, line: 3, key: "scenario.random_shocks", containing: "expected true or false")
    expectIssue(error, line: 5, key: "scenario.events[0].year", containing: "outside the horizon of 10 years (1–10)")
    expectIssue(
      error, line: 6, key: "scenario.events[0].shock", containing: "did you mean 'south-china-sea-escalation'?")
    expectIssue(error, line: 8, key: "scenario.events[1].year", containing: "year 11 is outside the horizon")
    expectIssue(error, line: 10, key: "scenario.events[1].severity", containing: "between 0 and 1")
    expectIssue(error, line: 11, key: "scenario.events[2].year", containing: "whole number")
    expectIssue(error, line: 14, key: "scenario.events[2].settled", containing: "expected true or false")
    expectIssue(error, line: 15, key: "scenario.events[3].year", containing: "missing required field 'year'")
  }

  // MARK: - Shipped examples

  @Test("the example portfolio and scenario load against the shipped knowledge base")
  func examples() throws {
    let known = Set(try KnowledgeBase.domains().map(\.id))
    let portfolio = try PortfolioLoader.load(
      path: Self.root.appendingPathComponent("examples/portfolio.yaml").path, knownDomains: known)
    #expect((8...12).contains(portfolio.collaborations.count))
    #expect(portfolio.collaborations.contains { $0.structure == .separate && $0.domains == ["carbon-capture"] })
    let scenario = try ScenarioLoader.load(
      path: Self.root.appendingPathComponent("examples/scenario-escalation.yaml").path,
      catalogue: try ShockCatalogueLoader.shipped(), horizon: portfolio.horizon)
    #expect(scenario.events == [.init(year: 3, shock: "south-china-sea-escalation", severity: 0.9)])
  }
}
