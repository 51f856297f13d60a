import Foundation
import SafeZonesKnowledge
import SnapshotTesting
import Testing

/// `watch`, `graph`, `map --as-of/--trajectories` and the linked-risk part of `explain`.
@Suite("safezones watch, graph, map over time")
struct ChangeCommandTests {
  /// A user domain whose military applicability creeps up (a trend about to cross the risk
  /// threshold), with a recorded drift, linked to a shipped weapon domain.
  static let historyYAML = """
    domains:
      - id: user-drones
        name: Drone swarms
        links:
          - {target: missile-guidance, kind: enables, weight: 0.7, rationale: "Swarm control feeds guidance."}
        assessments:
          - assessor: Panel
            date: 2023-01-01
            scores: {fundamentality: 3, maturity: 1, parity: 3, scale: 2, spillovers: 3, recombination: 3, public_good: 2, military: 1, economic: 1, security_exposure: 1, dominance: 1, salience: 1, stakeholder_support: 2, indifference: 2}
          - assessor: Panel
            date: 2024-01-01
            scores: {fundamentality: 3, maturity: 1, parity: 3, scale: 2, spillovers: 3, recombination: 3, public_good: 2, military: 1.5, economic: 1, security_exposure: 1, dominance: 1, salience: 1, stakeholder_support: 2, indifference: 2}
          - assessor: Panel
            date: 2025-01-01
            scores: {fundamentality: 3, maturity: 1, parity: 3, scale: 2, spillovers: 3, recombination: 3, public_good: 2, military: 2, economic: 1, security_exposure: 1, dominance: 1, salience: 1, stakeholder_support: 2, indifference: 2}
            drifts:
              - {criterion: military, per_year: 0.5}
    """

  // MARK: - watch

  @Test("watch lists the shipped knowledge base's migrations, most severe first")
  func watchShipped() throws {
    let result = try run(["watch"])
    expectSuccess(result)
    let out = result.stdout
    #expect(out.hasPrefix("Migration warnings on every assessment, rubric "))
    let order = ["north-west", "maturing-left", "maturing-left", "reframed-down"]
    let rows = out.split(separator: "\n").filter {
      $0.first?.isNumber == true && $0.contains("  ") && !$0.contains(". ")
    }
    #expect(rows.count == order.count, "\(result)")
    for (row, kind) in zip(rows, order) { #expect(row.contains(kind), "\(row)") }
    #expect(out.contains("solid-earth-physics  2016-06-01 → 2021-07-01"))
    #expect(out.contains("Essay: “some advances in solid earth physics"))
    #expect(out.contains("Projections from recorded drifts"))
    #expect(out.contains("direct-air-capture (Direct air capture), from safe-zone"))
    #expect(result.stderr.isEmpty)
  }

  @Test("watch --format json: warnings with kind, severity, dates and numbers; projections")
  func watchJSON() throws {
    let result = try run(["watch", "--format", "json"])
    expectSuccess(result)
    let object = jsonObject(result.stdout)
    let warnings = try #require(object["warnings"] as? [[String: Any]])
    #expect(
      warnings.compactMap { $0["kind"] as? String } == [
        "north-west", "maturing-left", "maturing-left", "reframed-down",
      ])
    let first = try #require(warnings.first)
    #expect(first["domain"] as? String == "solid-earth-physics")
    #expect(first["severity"] as? String == "medium")
    #expect((first["from"] as? [String: Any])?["date"] as? String == "2016-06-01")
    #expect(
      (first["criteria"] as? [[String: Any]])?.compactMap { $0["criterion"] as? String } == [
        "military", "security_exposure",
      ])
    let projections = try #require(object["projections"] as? [[String: Any]])
    #expect(projections.count == 3)
    #expect((projections.first?["years"] as? [Any])?.count == 5)
    #expect(object["horizon"] as? Double == 3)
  }

  @Test("watch --as-of shows the warnings as they stood: only what was assessed by then")
  func watchAsOf() throws {
    let result = try run(["watch", "--as-of", "2021-06-15"])
    expectSuccess(result)
    #expect(result.stdout.hasPrefix("Migration warnings as of 2021-06-15"))
    #expect(result.stdout.contains("north-west"))
    #expect(!result.stdout.contains("maturing-left"))
    let early = try run(["watch", "--as-of", "2010-01-01"])
    expectSuccess(early)
    #expect(early.stdout.hasPrefix("Migration warnings as of 2010-01-01, rubric 2026.1, trends over 3 years: none\n"))
  }

  @Test("watch on a file: a trend about to cross, the drift's projection; exact output")
  func watchFile() throws {
    let box = try Sandbox()
    try box.write("rubric.yaml", Fixtures.rubric())
    try box.write("drones.yaml", Self.historyYAML)
    let result = try box.run(["watch", "--file", "drones.yaml", "--rubric", "rubric.yaml"])
    expectSuccess(result)
    #expect(result.stdout.contains("trending-across-threshold  user-drones"))
    #expect(!result.stdout.contains("solid-earth-physics"), "only the file's domains are watched")
    assertSnapshot(of: result.stdout, as: .lines)
    let narrow = try box.run(["watch", "--file", "drones.yaml", "--rubric", "rubric.yaml", "--horizon", "0.5"])
    expectSuccess(narrow)
    #expect(!narrow.stdout.contains("trending-across-threshold"))
  }

  /// A usage error: status 2, nothing on standard output, the problem on standard error.
  func usageError(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    #expect(result.status == 2, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
    expectNoCrash(result, sourceLocation: sourceLocation)
    return result.stderr
  }

  @Test("watch rejects a bad date, a bad horizon and a bad format as usage errors")
  func watchErrors() throws {
    #expect(
      usageError(try run(["watch", "--as-of", "2026-02-30"])).contains("'2026-02-30' is invalid for '--as-of <date>'"))
    #expect(usageError(try run(["watch", "--horizon", "0"])).contains("--horizon must be a number of years above 0"))
    #expect(usageError(try run(["watch", "--horizon", "-2"])).contains("--horizon"))
    #expect(usageError(try run(["watch", "--format", "xml"])).contains("'xml' is invalid"))
  }

  // MARK: - graph

  @Test("graph --out draws every shipped domain and link; the listing shows the risk links carry")
  func graph() throws {
    let box = try Sandbox()
    let ids = try shippedIDs()
    let result = try box.run(["graph", "--out", "graph.svg"])
    expectSuccess(result)
    let links = try KnowledgeBase.domains().reduce(0) { $0 + $1.links.count }
    #expect(links > 15)
    #expect(result.stderr == "wrote graph.svg (\(ids.count) domains, \(links) links)\n")
    let svg = try box.read("graph.svg")
    #expect(isWellFormedXML(svg))
    for id in ids { #expect(svg.contains("data-id=\"\(id)\""), "\(id)") }
    #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == links)
    let row = result.stdout.split(separator: "\n").first {
      $0.hasPrefix("solid-earth-physics ") && $0.contains("missile-guidance") && $0.contains("0.15")
    }
    #expect(row?.contains("+0.05") == true, "\(result)")
    #expect(
      result.stdout.split(separator: "\n").contains {
        $0.hasPrefix("covid-19-origins ") && $0.contains(" reframes ") && $0.contains("zoonotic-disease-control")
      })
  }

  @Test("graph --only-linked leaves out domains without links; --as-of shows the links of that day")
  func graphOptions() throws {
    let box = try Sandbox()
    let linked = try box.run(["graph", "--out", "g.svg", "--only-linked"])
    expectSuccess(linked)
    let shipped = try KnowledgeBase.domains()
    let links = shipped.reduce(0) { $0 + $1.links.count }
    let touched = Set(shipped.filter { !$0.links.isEmpty }.map(\.id) + shipped.flatMap { $0.links.map(\.target) })
    #expect(touched.count < shipped.count)
    #expect(linked.stderr == "wrote g.svg (\(touched.count) domains, \(links) links)\n")
    let unlinked = try #require(shipped.first { !touched.contains($0.id) }).id
    #expect(!(try box.read("g.svg")).contains("data-id=\"\(unlinked)\""))
    let early = try box.run(["graph", "--out", "early.svg", "--as-of", "2015-01-01"])
    expectSuccess(early)
    #expect(early.stderr == "wrote early.svg (1 domains, 0 links)\n")
    #expect(early.stdout.hasPrefix("Links as of 2015-01-01: 0\n"))
    let json = try box.run(["graph", "--format", "json"])
    expectSuccess(json)
    let object = jsonObject(json.stdout)
    let entries = try #require(object["linked_risk"] as? [[String: Any]])
    #expect(entries.first?["id"] as? String == "solid-earth-physics")
    #expect(entries.first?["effective"] as? Double == 0.1996)
    #expect((entries.first?["path"] as? [[String: Any]])?.first?["kind"] as? String == "enables")
  }

  // MARK: - map over time and explain

  @Test("map --as-of lists the domains assessed by then, placed as they stood")
  func mapAsOf() throws {
    let result = try run(["map", "--as-of", "2019-01-01", "--format", "json"])
    expectSuccess(result)
    let domains = jsonDomains(result.stdout)
    #expect(
      domains.compactMap { $0["id"] as? String } == ["solid-earth-physics", "carbon-capture", "direct-air-capture"])
    #expect(domains.compactMap { $0["date"] as? String } == ["2016-06-01", "2014-11-12", "2018-06-01"])
    let table = try run(["map", "--as-of", "2019-01-01"])
    expectSuccess(table)
    #expect(table.stdout.split(separator: "\n").count == 5)
  }

  @Test("map --out --trajectories draws arrows from earlier placements; asks for --out; rejects unknown ids")
  func mapTrajectories() throws {
    let box = try Sandbox()
    let result = try box.run(["map", "--out", "map.svg", "--trajectories", "all"])
    expectSuccess(result)
    #expect(result.stderr.hasSuffix("domains, 4 trajectories)\n"), "\(result)")
    let svg = try box.read("map.svg")
    #expect(isWellFormedXML(svg))
    #expect(svg.components(separatedBy: "class=\"trajectory\"").count - 1 == 4)
    let some = try box.run([
      "map", "--out", "some.svg", "--trajectories", "solid-earth-physics", "carbon-capture", "--as-of", "2022-01-01",
    ])
    expectSuccess(some)
    // Every shipped domain was judged by the essay's date; both had moved by then.
    #expect(some.stderr.hasSuffix("(27 domains, 2 trajectories)\n"), "\(some)")
    #expect(try box.read("some.svg").contains("as of 2022-01-01"))
    #expect(
      usageError(try box.run(["map", "--trajectories", "all"])).contains("--trajectories draws on the map: add --out"))
    #expect(
      expectInputError(try box.run(["map", "--out", "x.svg", "--trajectories", "nope"])).contains(
        "unknown domain 'nope'"))
    // The plain map is unchanged by the new options.
    expectSuccess(try box.run(["map", "--out", "plain.svg"]))
    #expect(!(try box.read("plain.svg")).contains("trajector"))
  }

  @Test("explain shows the risk carried over links and names the neighbour")
  func explainLinked() throws {
    let raised = try run(["explain", "solid-earth-physics"])
    expectSuccess(raised)
    #expect(raised.stdout.contains("Risk carried over links (rule in docs/links.md):"))
    #expect(raised.stdout.contains("Links carry 0.200 from missile-guidance"))
    #expect(raised.stdout.contains("raised by"))
    let none = try run(["explain", "radio-astronomy"])
    expectSuccess(none)
    #expect(!none.stdout.contains("Risk carried over links"))
    // A file's domain may link into the knowledge base.
    let box = try Sandbox()
    try box.write("drones.yaml", Self.historyYAML)
    let mine = try box.run(["explain", "user-drones", "--file", "drones.yaml"])
    expectSuccess(mine)
    #expect(mine.stdout.contains("from missile-guidance"))
  }
}
