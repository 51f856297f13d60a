import Foundation
import SnapshotTesting
import Testing

/// Exact text output, compared with the files in `__Snapshots__/SnapshotTests/`.
///
/// The `fixture…` snapshots use the fixture rubric and domain files only, so they change
/// only when the output code changes (tables, explanation, strategies). The `shipped…`
/// snapshots also depend on the shipped knowledge base and rubric, and must be re-recorded
/// (delete the file, run twice) whenever those are edited.
@Suite("text snapshots")
struct SnapshotTests {
  @Test("explain quantum-encryption, fixture rubric and domain")
  func fixtureExplainQuantumEncryption() throws {
    let box = try Sandbox()
    try box.write("rubric.yaml", Fixtures.rubric())
    try box.write("qe.yaml", Fixtures.quantumEncryptionYAML)
    let result = try box.run(["explain", "quantum-encryption", "--file", "qe.yaml", "--rubric", "rubric.yaml"])
    expectSuccess(result)
    assertSnapshot(of: result.stdout, as: .lines)
  }

  @Test("explain of a domain with ranges and missing criteria, fixture rubric")
  func fixtureExplainFusion() throws {
    let box = try Sandbox()
    try box.write("rubric.yaml", Fixtures.rubric())
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let result = try box.run(["explain", "user-fusion", "--file", "mine.yaml", "--rubric", "rubric.yaml"])
    expectSuccess(result)
    assertSnapshot(of: result.stdout, as: .lines)
  }

  @Test("assess table and CSV, fixture rubric and domains")
  func fixtureAssess() throws {
    let box = try Sandbox()
    try box.write("rubric.yaml", Fixtures.rubric())
    try box.write("mine.yaml", Fixtures.userDomainsYAML)
    let table = try box.run(["assess", "mine.yaml", "--rubric", "rubric.yaml"])
    let csv = try box.run(["assess", "mine.yaml", "--rubric", "rubric.yaml", "--format", "csv"])
    expectSuccess(table)
    expectSuccess(csv)
    assertSnapshot(of: table.stdout, as: .lines, named: "table")
    assertSnapshot(of: csv.stdout.replacingOccurrences(of: "\r\n", with: "\n"), as: .lines, named: "csv")
  }

  @Test("rubric text of the fixture rubric")
  func fixtureRubric() throws {
    let box = try Sandbox()
    try box.write("rubric.yaml", Fixtures.rubric(gains: "0.55", margin: "0.1"))
    let result = try box.run(["rubric", "--rubric", "rubric.yaml"])
    expectSuccess(result)
    assertSnapshot(of: result.stdout, as: .lines)
  }

  @Test("rubric --check messages, fixture rubric")
  func fixtureRubricCheck() throws {
    let box = try Sandbox()
    let text = Fixtures.rubric(gains: "2")
      .replacingOnce(
        "  - id: scale\n    axis: gains\n    weight: 1.0\n", with: "  - id: scale\n    axis: gains\n    weight: -1\n"
      )
      .replacingOnce("      2: maturity level 2\n", with: "")
    try box.write("rubric.yaml", text)
    let result = try box.run(["rubric", "--check", "rubric.yaml"])
    #expect(result.status == 2)
    assertSnapshot(of: result.stderr, as: .lines)
  }

  // MARK: - Shipped knowledge base (re-record when it changes)

  @Test("domains table of the shipped knowledge base")
  func shippedDomainsTable() throws {
    let result = try run(["domains"])
    expectSuccess(result)
    assertSnapshot(of: result.stdout, as: .lines)
  }

  @Test("explain quantum-encryption from the shipped knowledge base")
  func shippedExplainQuantumEncryption() throws {
    let result = try run(["explain", "quantum-encryption"])
    expectSuccess(result)
    assertSnapshot(of: result.stdout, as: .lines)
  }
}
