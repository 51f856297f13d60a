import Foundation
import SafeZonesTestSupport
import Testing

/// `safezones simulate`, run as the built binary. Trials are few: the debug build is slow,
/// and these tests check behaviour, not estimates.
@Suite("safezones simulate")
struct SimulateCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static var examplePortfolio: String { root.appendingPathComponent("examples/portfolio.yaml").path }
  static var exampleScenario: String { root.appendingPathComponent("examples/scenario-escalation.yaml").path }

  static let portfolio = TestPortfolio.yaml(
    name: "Small portfolio", budget: 50, horizon: 8, riskAppetite: 0.5,
    collaborations: [TestPortfolio.neutrino, TestPortfolio.aiDialogue.buffer(0), TestPortfolio.carbonCapture])

  static func quietScenario(_ events: String = "") -> String {
    "scenario:\n  name: Scripted only\n  random_shocks: false\n  events:\(events.isEmpty ? " []" : "")\n" + events
  }

  func sandbox() throws -> Sandbox {
    let box = try Sandbox()
    try box.write("portfolio.yaml", Self.portfolio)
    return box
  }

  @Test("text output: each collaboration, then the portfolio's measures; nothing on stderr off a terminal")
  func text() throws {
    // setup
    let box = try sandbox()

    // act
    let result = try box.run(["simulate", "portfolio.yaml", "--trials", "2000", "--seed", "7"])

    // check
    expectSuccess(result)
    #expect(result.stderr.isEmpty, "no progress bar when stderr is not a terminal: \(result)")
    let out = result.stdout
    #expect(
      out.hasPrefix("Simulation of “Small portfolio”: 3 collaborations, 8 years\n2000 trials, seed 7, shock catalogue ")
    )
    for id in ["neutrino", "ai-dialogue", "ccs"] {
      #expect(out.split(separator: "\n").contains { $0.hasPrefix(id + " ") }, "a row for \(id)")
    }
    for measure in [
      "expected", "90% interval", "value at risk (5%)", "expected shortfall (5%)", "P(all ended)", "survives",
      "separate-but-coordinated",
    ] {
      #expect(out.contains(measure), "'\(measure)' in the output")
    }
    #expect(!out.contains("Frontier") && !out.contains("Structures compared"))
  }

  @Test("JSON output echoes the inputs and is the same bytes for the same seed, whatever the threads")
  func json() throws {
    // setup
    let box = try sandbox()
    let args = ["simulate", "portfolio.yaml", "--trials", "1500", "--seed", "42", "--format", "json"]

    // act
    let one = try box.run(args + ["--threads", "1"])
    let two = try box.run(args + ["--threads", "2"])
    let other = try box.run(["simulate", "portfolio.yaml", "--trials", "1500", "--seed", "43", "--format", "json"])

    // check
    expectSuccess(one)
    expectSuccess(two)
    #expect(one.stdout == two.stdout, "same seed, same bytes")
    #expect(one.stdout != other.stdout, "another seed, another result")
    let doc = jsonObject(one.stdout)
    let inputs = try #require(doc["inputs"] as? [String: Any])
    #expect(inputs["seed"] as? Int == 42)
    #expect(inputs["trials"] as? Int == 1500)
    #expect(inputs["years"] as? Int == 8)
    #expect((inputs["catalogue_version"] as? String)?.isEmpty == false)
    #expect((inputs["portfolio"] as? [String: Any])?["name"] as? String == "Small portfolio")
    #expect(inputs["scenario"] == nil)
    let collaborations = try #require(doc["collaborations"] as? [[String: Any]])
    #expect(collaborations.compactMap { $0["id"] as? String } == ["neutrino", "ai-dialogue", "ccs"])
    #expect((collaborations[0]["survival"] as? [Double])?.count == 8)
    let portfolio = try #require(doc["portfolio"] as? [String: Any])
    for key in ["delivered", "value_at_risk5", "probability_lose_all", "fan", "relations"] {
      #expect(portfolio[key] != nil, "portfolio.\(key)")
    }
    #expect(doc["frontier"] == nil && doc["comparison"] == nil)
    #expect((doc["placements"] as? [[String: Any]])?.first?["riskiest_domain"] as? String == "neutrino-physics")
  }

  @Test("--scenario scripts a shock: relations fall by impact × severity in its year")
  func scenario() throws {
    // setup
    let box = try sandbox()
    try box.write("quiet.yaml", Self.quietScenario())
    try box.write(
      "escalation.yaml",
      Self.quietScenario("    - {year: 3, shock: south-china-sea-escalation, severity: 0.5}\n")
        .replacingOccurrences(of: "Scripted only", with: "Escalation in year 3"))

    // act
    func relations(_ file: String) throws -> ([Double], [String: Any]) {
      let result = try box.run(
        ["simulate", "portfolio.yaml", "--trials", "200", "--scenario", file, "--format", "json", "--years", "6"])
      expectSuccess(result)
      let doc = jsonObject(result.stdout)
      let portfolio = doc["portfolio"] as? [String: Any] ?? [:]
      return (portfolio["relations"] as? [Double] ?? [], doc["inputs"] as? [String: Any] ?? [:])
    }
    let (quiet, _) = try relations("quiet.yaml")
    let (struck, inputs) = try relations("escalation.yaml")

    // check
    #expect(inputs["scenario"] as? String == "Escalation in year 3")
    #expect(inputs["random_shocks"] as? Bool == false)
    #expect(quiet.count == 6 && struck.count == 6)
    #expect(struck[0] == quiet[0] && struck[1] == quiet[1])
    // The shipped escalation: impact 0.4 at severity 0.5.
    #expect(abs((quiet[2] - struck[2]) - 0.2) < 1e-3, "\(quiet) vs \(struck)")
    #expect(struck[5] > struck[2], "relations recover")

    // The shipped example scenario runs with the example portfolio.
    let example = try run([
      "simulate", Self.examplePortfolio, "--scenario", Self.exampleScenario, "--trials", "300",
    ])
    expectSuccess(example)
    #expect(example.stdout.contains("scenario “Escalation in the South China Sea in year 3”"))
  }

  @Test("--out-dir writes the fan, survival and frontier charts as well-formed SVG")
  func outDir() throws {
    // setup
    let box = try sandbox()

    // act
    let result = try box.run(["simulate", "portfolio.yaml", "--trials", "500", "--out-dir", "charts/run-1"])

    // check
    expectSuccess(result)
    #expect(result.stderr == "wrote charts/run-1/fan.svg, charts/run-1/survival.svg, charts/run-1/frontier.svg\n")
    let files = try FileManager.default.contentsOfDirectory(atPath: box.path("charts/run-1")).sorted()
    #expect(files == ["fan.svg", "frontier.svg", "survival.svg"])
    for file in files {
      let svg = try box.read("charts/run-1/\(file)")
      #expect(svg.hasPrefix("<svg"), "\(file)")
      #expect(isWellFormedXML(svg), "\(file) is well-formed")
      #expect(svg.contains("Small portfolio"), "\(file) is titled")
    }
    // The frontier it needed is reported too.
    #expect(result.stdout.contains("Frontier:"))
  }

  @Test("--compare-structures and --frontier add their sections")
  func sections() throws {
    let box = try sandbox()
    let result = try box.run(["simulate", "portfolio.yaml", "--trials", "800", "--compare-structures", "--frontier"])
    expectSuccess(result)
    #expect(result.stdout.contains("Structures compared: each collaboration simulated both ways on the same shocks"))
    #expect(result.stdout.contains("Frontier: portfolios that no other beats"))
    #expect(result.stdout.contains("Recommended for risk appetite 0.5"))
    let json = try box.run([
      "simulate", "portfolio.yaml", "--trials", "800", "--compare-structures", "--frontier", "--format", "json",
    ])
    let doc = jsonObject(json.stdout)
    let comparison = try #require(doc["comparison"] as? [[String: Any]])
    #expect(comparison.count == 3)
    #expect(comparison.last?["chosen"] as? String == "separate-but-coordinated")
    let frontier = try #require(doc["frontier"] as? [String: Any])
    #expect(frontier["method"] as? String == "exhaustive")
    #expect((frontier["points"] as? [Any])?.isEmpty == false)
    #expect(frontier["recommended"] != nil)
  }

  @Test("--shocks replaces the catalogue")
  func userCatalogue() throws {
    let box = try sandbox()
    try box.write(
      "shocks.yaml",
      """
      version: my-catalogue-1
      relations: {baseline: 0.8, initial: 0.8}
      shocks:
        - {id: storm, name: A storm, rate: 0.5, severity: {alpha: 2, beta: 2}, impact: 0.3, amplifies: {military: 1}, settlement: 0, recovery_years: 1}
      """)
    let result = try box.run([
      "simulate", "portfolio.yaml", "--trials", "300", "--shocks", "shocks.yaml", "--format", "json",
    ])
    expectSuccess(result)
    #expect(
      (jsonObject(result.stdout)["inputs"] as? [String: Any])?["catalogue_version"] as? String == "my-catalogue-1")
  }

  @Test("a bad portfolio is refused with exit status 2 and file, line and key")
  func badPortfolio() throws {
    // setup
    let box = try sandbox()
    let bad = Self.portfolio.replacingOnce("value: 12", with: "value: -12")
      .replacingOnce("domains: [artificial-intelligence]", with: "domains: [artificial-inteligence]")

    try box.write("bad.yaml", bad)

    // act
    let result = try box.run(["simulate", "bad.yaml", "--trials", "100"])

    // check
    let message = expectInputError(result, lines: 2)
    #expect(
      message == """
        error: bad.yaml:10:12: collaborations[0].value: must be 0 or more (gains delivered per year while active), got -12
        error: bad.yaml:15:15: collaborations[1].domains[0]: unknown domain 'artificial-inteligence': not in the knowledge base or the store; did you mean 'artificial-intelligence'?
        """)
  }

  @Test(
    "bad options are usage errors with exit status 2",
    arguments: [
      (["--trials", "0"], "--trials must be between 1 and 1000000, got 0"),
      (["--years", "500"], "--years must be between 1 and 100, got 500"),
      (["--trials", "1000000", "--years", "100"], "--trials × --years must be at most 20000000"),
      (["--seed", "-1"], "--seed"),
      (["--format", "csv"], "csv"),
    ])
  func badOptions(_ args: [String], _ expected: String) throws {
    let box = try sandbox()
    let result = try box.run(["simulate", "portfolio.yaml"] + args)
    #expect(result.status == 2, "\(result)")
    #expect(result.stdout.isEmpty)
    expectNoCrash(result)
    #expect(result.stderr.contains(expected), "\(result)")
  }

  @Test(
    "a missing scenario file or an --out-dir that is a file is refused with one message",
    arguments: [
      (["--scenario", "missing.yaml"], "error: missing.yaml: no such file"),
      (["--out-dir", "portfolio.yaml"], "error: --out-dir portfolio.yaml: is a file, not a folder"),
      (["--shocks", "portfolio.yaml"], "error: portfolio.yaml:1:1: portfolio: unknown field 'portfolio'"),
    ])
  func badFiles(_ args: [String], _ expected: String) throws {
    let box = try sandbox()
    let result = try box.run(["simulate", "portfolio.yaml", "--trials", "100"] + args)
    let message = expectInputError(result, lines: nil)
    #expect(message.hasPrefix(expected), "\(result)")
  }

  @Test("a scenario with an unknown shock or a year past the horizon is refused")
  func badScenario() throws {
    let box = try sandbox()
    try box.write(
      "bad-scenario.yaml",
      Self.quietScenario(
        "    - {year: 9, shock: south-china-sea-escalation, severity: 1}\n    - {year: 2, shock: alien-invasion, severity: 1}\n"
      ))
    let result = try box.run(["simulate", "portfolio.yaml", "--scenario", "bad-scenario.yaml"])
    let message = expectInputError(result, lines: 2)
    #expect(
      message.contains(
        "bad-scenario.yaml:5:14: scenario.events[0].year: year 9 is outside the horizon of 8 years (1–8)"))
    #expect(message.contains("bad-scenario.yaml:6:24: scenario.events[1].shock: unknown shock 'alien-invasion'"))
  }

  @Test("the example portfolio runs with every option")
  func example() throws {
    let box = try Sandbox()
    let result = try box.run([
      "simulate", Self.examplePortfolio, "--trials", "400", "--compare-structures", "--frontier", "--out-dir", "out",
    ])
    expectSuccess(result)
    #expect(result.stdout.contains("Simulation of “US–China science portfolio 2026”: 10 collaborations, 20 years"))
    #expect(try box.contents() == ["out"])
  }
}
