import Foundation
import SnapshotTesting
import Testing

/// One bad domain file and what `assess` must say about it.
struct BadInput: Sendable, CustomTestStringConvertible {
  var name: String
  var file: String
  var content: String
  /// The line the message must point at; `nil` for problems of the whole file.
  var line: Int?
  /// The key path the message must name; `nil` when there is no field (syntax errors).
  var key: String?
  /// A part of the message that must appear.
  var fragment: String

  var testDescription: String { name }

  init(_ name: String, file: String = "input.yaml", _ content: String, line: Int?, key: String?, _ fragment: String) {
    self.name = name
    self.file = file
    self.content = content
    self.line = line
    self.key = key
    self.fragment = fragment
  }
}

@Suite("bad input to assess")
struct BadInputTests {
  static let score = "domains[0].assessment.scores"

  static let cases: [BadInput] = [
    // Syntax.
    BadInput(
      "malformed YAML", "domains:\n  - id: probe\n    name: Probe: a domain: with colons\n    assessment:\n",
      line: 3, key: nil, "not valid YAML or JSON: mapping values are not allowed in this context"),
    BadInput(
      "unclosed quote", "domains:\n  - id: probe\n    name: \"unclosed\n    assessment:\n      assessor: me\n",
      line: 6, key: nil, "while scanning a quoted scalar that started on line 3: found unexpected end of stream"),
    BadInput(
      "tab indentation", "domains:\n\t- id: probe\n", line: 2, key: nil, "not valid YAML or JSON"),
    BadInput(
      "malformed JSON (missing comma)", file: "input.json",
      "{\n  \"domains\": [\n    {\n      \"id\": \"probe\"\n      \"name\": \"Probe\"\n    }\n  ]\n}\n",
      line: 5, key: nil,
      "not valid YAML or JSON: while parsing a flow mapping that started on line 3: did not find expected ',' or '}'"),
    BadInput(
      "malformed JSON (unclosed list)", file: "input.json",
      "{\n  \"domains\": [\n    {\"id\": \"probe\", \"name\": \"Probe\"}\n\n}\n",
      line: 5, key: nil, "that started on line 2: did not find expected ',' or ']'"),
    BadInput(
      "duplicate key", "domains:\n  - id: probe\n    id: probe-2\n", line: 2, key: nil,
      "duplicate key 'id' in one mapping"),
    BadInput(
      "nesting too deep",
      "domains: " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "\n",
      line: 1, key: nil, "lists and mappings are nested too deeply"),

    // Wrong types.
    BadInput(
      "string where a score is expected", Fixtures.oneDomain(score: "military: high"), line: 8,
      key: "\(score).military",
      "expected a number, got a string 'high'"),
    BadInput(
      "quoted number", Fixtures.oneDomain(score: "military: \"3\""), line: 8, key: "\(score).military",
      "expected a number, got a string '3' (remove the quotes)"),
    BadInput(
      "boolean score", Fixtures.oneDomain(score: "military: yes"), line: 8, key: "\(score).military",
      "expected a number, got a boolean 'yes'"),
    BadInput(
      "null score", Fixtures.oneDomain(score: "military:"), line: 8, key: "\(score).military",
      "expected a number, got nothing (null)"),
    BadInput(
      "list where a mapping is expected",
      "domains:\n  - id: probe\n    name: Probe\n    assessment: [me, 2026-01-01]\n",
      line: 4, key: "domains[0].assessment", "expected a mapping of fields, got a list"),
    BadInput(
      "mapping where a list is expected", "domains:\n  id: probe\n  name: Probe\n", line: 2, key: "domains",
      "expected a list, got a mapping"),
    BadInput(
      "a plain string instead of a document", "just some text\n", line: 1, key: nil,
      "expected a mapping of fields, got a string"),
    BadInput(
      "JSON string score", file: "input.json",
      """
      {"domains": [{"id": "probe", "name": "Probe",
        "assessment": {"assessor": "me", "date": "2026-01-01",
          "scores": {"military": "high"}}}]}
      """, line: 3, key: "\(score).military", "expected a number, got a string 'high'"),
    BadInput(
      "JSON list where a mapping is expected", file: "input.json",
      """
      {"domains": [{"id": "probe", "name": "Probe",
        "assessment": {"assessor": "me", "date": "2026-01-01",
          "scores": [1, 2, 3]}}]}
      """, line: 3, key: "\(score)", "expected a mapping of fields, got a list"),

    // Scores.
    BadInput(
      "score 5", Fixtures.oneDomain(score: "military: 5"), line: 8, key: "\(score).military",
      "score must be between 0 and 4, got 5"),
    BadInput(
      "score -1", Fixtures.oneDomain(score: "military: -1"), line: 8, key: "\(score).military",
      "score must be between 0 and 4, got -1"),
    BadInput(
      "score 4.5 in a mapping", Fixtures.oneDomain(score: "military: {value: 4.5, rationale: \"too high\"}"), line: 8,
      key: "\(score).military", "score must be between 0 and 4, got 4.5"),
    BadInput(
      "infinite score", Fixtures.oneDomain(score: "military: 1e999"), line: 8, key: "\(score).military",
      "expected a finite number, got 1e999"),
    BadInput(
      "range out of order", Fixtures.oneDomain(score: "military: [3, 2, 1]"), line: 8, key: "\(score).military",
      "range must be ordered [low, likely, high], got [3, 2, 1]"),
    BadInput(
      "range low above likely in a mapping", Fixtures.oneDomain(score: "military: {low: 3, likely: 2}"), line: 8,
      key: "\(score).military", "range must be ordered [low, likely, high], got [3, 2, 2]"),
    BadInput(
      "range beyond the scale", Fixtures.oneDomain(score: "military: [1, 2, 5]"), line: 8, key: "\(score).military",
      "high value must be between 0 and 4, got 5"),
    BadInput(
      "range with two values", Fixtures.oneDomain(score: "military: [1, 2]"), line: 8, key: "\(score).military",
      "a range must have three values [low, likely, high], got 2"),
    BadInput(
      "unknown criterion", Fixtures.oneDomain(score: "militray: 2"), line: 8, key: "\(score).militray",
      "unknown criterion 'militray' (expected one of: fundamentality, maturity, parity,"),
    BadInput(
      "unknown field in a score", Fixtures.oneDomain(score: "military: {value: 2, why: because}"), line: 8,
      key: "\(score).military.why", "unknown field 'why' (expected one of: evidence, high, likely, low,"),
    BadInput(
      "no criterion scored",
      Fixtures.oneDomain(score: "{}").replacingOccurrences(of: "scores:\n        {}", with: "scores: {}"),
      line: 7, key: score, "no criterion is scored; score at least one of: fundamentality,"),

    // Domains and assessments.
    BadInput(
      "duplicate domain ids",
      Fixtures.oneDomain()
        + "  - id: probe\n    name: Probe again\n    assessment: {assessor: me, date: 2026-01-02, scores: {military: 1}}\n",
      line: 9, key: "domains[1].id", "duplicate id 'probe' (first used by domains[0])"),
    BadInput(
      "missing id",
      "domains:\n  - name: Probe\n    assessment: {assessor: me, date: 2026-01-01, scores: {military: 1}}\n",
      line: 2, key: "domains[0].id", "missing required field 'id'"),
    BadInput(
      "missing name",
      "domains:\n  - id: probe\n    assessment: {assessor: me, date: 2026-01-01, scores: {military: 1}}\n",
      line: 2, key: "domains[0].name", "missing required field 'name'"),
    BadInput(
      "missing assessment", "domains:\n  - id: probe\n    name: Probe\n", line: 2, key: "domains[0].assessment",
      "missing required field 'assessment' (or a list 'assessments')"),
    BadInput(
      "missing assessor", Fixtures.oneDomain().replacingOccurrences(of: "      assessor: Fixture Analyst\n", with: ""),
      line: 5, key: "domains[0].assessment.assessor", "missing required field 'assessor'"),
    BadInput(
      "missing date", Fixtures.oneDomain().replacingOccurrences(of: "      date: 2026-01-01\n", with: ""),
      line: 5, key: "domains[0].assessment.date", "missing required field 'date'"),
    BadInput(
      "missing scores",
      "domains:\n  - id: probe\n    name: Probe\n    assessment:\n      assessor: me\n      date: 2026-01-01\n",
      line: 5, key: "domains[0].assessment.scores", "missing required field 'scores'"),
    BadInput(
      "missing date in a list of assessments",
      "domains:\n  - id: probe\n    name: Probe\n    assessments:\n      - {assessor: me, scores: {military: 1}}\n",
      line: 5, key: "domains[0].assessments[0].date", "missing required field 'date'"),
    BadInput(
      "empty list of assessments", "domains:\n  - id: probe\n    name: Probe\n    assessments: []\n", line: 4,
      key: "domains[0].assessments", "the list of assessments is empty"),
    BadInput(
      "impossible date", Fixtures.oneDomain().replacingOccurrences(of: "2026-01-01", with: "2026-02-30"), line: 6,
      key: "domains[0].assessment.date", "'2026-02-30' is not a real calendar date"),
    BadInput(
      "date in another format", Fixtures.oneDomain().replacingOccurrences(of: "2026-01-01", with: "01/02/2026"),
      line: 6,
      key: "domains[0].assessment.date", "expected a date YYYY-MM-DD, got '01/02/2026'"),
    BadInput(
      "invalid id characters", Fixtures.oneDomain().replacingOccurrences(of: "id: probe", with: "id: Hyper Sonics!"),
      line: 2,
      key: "domains[0].id", "'Hyper Sonics!' is not a valid id: use lowercase letters, digits and '-' (at most 80)"),
    BadInput(
      "empty name", Fixtures.oneDomain().replacingOccurrences(of: "name: Probe domain", with: "name: \"  \""), line: 3,
      key: "domains[0].name", "must not be empty"),
    BadInput(
      "link to an unknown domain",
      Fixtures.oneDomain().replacingOccurrences(
        of: "    assessment:\n", with: "    links: [no-such-domain]\n    assessment:\n"),
      line: 4, key: "domains[0].links[0].target", "links to unknown domain 'no-such-domain'"),
    BadInput(
      "no domains field", "domain:\n  - id: probe\n", line: 1, key: "domain",
      "unknown field 'domain' (expected one of: domains"),
    BadInput("empty list of domains", "domains: []\n", line: 1, key: "domains", "the list of domains is empty"),

    // Whole files.
    BadInput("empty file", "", line: 1, key: nil, "the file is empty"),
    BadInput("only whitespace", "   \n\n\t\n  \n", line: 1, key: nil, "the file is empty"),
    BadInput(
      "only comments", "# My domains\n\n# (to be written)\n", line: 1, key: nil,
      "the file is empty (it has only comments or blank lines)"),
  ]

  @Test("bad input gives one located message, exit 2, nothing on stdout", arguments: cases)
  func badInput(_ bad: BadInput) throws {
    // setup
    let box = try Sandbox()
    try box.write(bad.file, bad.content)

    // act
    let result = try box.run(["assess", bad.file])

    // check
    let message = expectInputError(result, lines: bad.name == "no domains field" ? 2 : 1)
    let first = String(message.split(separator: "\n").first ?? "")
    var location = "error: \(bad.file)"
    if let line = bad.line { location += ":\(line)" }
    #expect(first.hasPrefix(location + ":"), "names \(location): \(first)")
    if let key = bad.key { #expect(first.contains(": \(key): "), "names the key \(key): \(first)") }
    #expect(first.contains(bad.fragment), "says \(bad.fragment): \(first)")
  }

  @Test("the other input commands report bad files the same way")
  func sameMessageEverywhere() throws {
    let box = try Sandbox()
    try box.write("bad.yaml", Fixtures.oneDomain(score: "military: 5"))
    let assess = try box.run(["assess", "bad.yaml", "--format", "json", "--out", "map.svg"])
    let explain = try box.run(["explain", "probe", "--file", "bad.yaml"])
    let expected = "error: bad.yaml:8:19: domains[0].assessment.scores.military: score must be between 0 and 4, got 5"
    #expect(expectInputError(assess) == expected)
    #expect(expectInputError(explain) == expected)
    #expect(try box.contents() == ["bad.yaml"], "no map is written for a bad file")
  }

  @Test("several mistakes in one file are all reported, each with its line")
  func severalMistakes() throws {
    let box = try Sandbox()
    let text = """
      domains:
        - id: first
          name: First
          assessment:
            assessor: me
            date: 2026-01-01
            scores:
              military: 9
              economic: lots
        - id: Second
          name: Second
          assessment: {assessor: me, date: 2026-01-01, scores: {salience: 1}}

      """
    try box.write("many.yaml", text)
    let message = expectInputError(try box.run(["assess", "many.yaml"]), lines: 3)
    #expect(
      message == """
        error: many.yaml:8:19: domains[0].assessment.scores.military: score must be between 0 and 4, got 9
        error: many.yaml:9:19: domains[0].assessment.scores.economic: expected a number, got a string 'lots'
        error: many.yaml:10:9: domains[1].id: 'Second' is not a valid id: use lowercase letters, digits and '-' (at most 80)
        """)
  }

  @Test("a 50 MB file is refused before it is parsed")
  func hugeFile() throws {
    let box = try Sandbox()
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: box.path(box.write("huge.yaml", "domains:\n"))))
    let chunk = Data(("# " + String(repeating: "x", count: 1021) + "\n").utf8)
    var block = Data()
    for _ in 0..<1024 { block.append(chunk) }  // 1 MiB
    try handle.seekToEnd()
    for _ in 0..<50 { try handle.write(contentsOf: block) }
    try handle.close()

    let started = Date()
    let message = expectInputError(try box.run(["assess", "huge.yaml"]))
    #expect(message == "error: huge.yaml: the file is 50.0 MiB, above the limit of 32 MiB; split it into smaller files")
    #expect(Date().timeIntervalSince(started) < 30, "refused without reading the whole file")
  }

  @Test("--max-input-mb lowers the limit")
  func maxInputOption() throws {
    let box = try Sandbox()
    let padding = String(
      repeating: "# padding padding padding padding padding padding padding padding padding\n", count: 20_000)
    try box.write("mine.yaml", Fixtures.userDomainsYAML + "\n" + padding)
    expectSuccess(try box.run(["assess", "mine.yaml"]))
    let message = expectInputError(try box.run(["assess", "mine.yaml", "--max-input-mb", "1"]))
    #expect(message.hasPrefix("error: mine.yaml: the file is 1.4 MiB, above the limit of 1 MiB;"))
    let zero = try box.run(["assess", "mine.yaml", "--max-input-mb", "0"])
    #expect(zero.status == 2)
    #expect(zero.stderr.contains("--max-input-mb must be between 1 and 4096"))
    expectNoCrash(zero)
    // Large enough to overflow when converted to bytes: refused, not a trap.
    let huge = try box.run(["assess", "mine.yaml", "--max-input-mb", "9000000000000"])
    #expect(huge.status == 2, "\(huge)")
    #expect(huge.stdout.isEmpty)
    #expect(huge.stderr.contains("--max-input-mb must be between 1 and 4096"))
    expectNoCrash(huge)
  }

  @Test("a missing file")
  func missingFile() throws {
    let box = try Sandbox()
    #expect(expectInputError(try box.run(["assess", "nowhere.yaml"])) == "error: nowhere.yaml: no such file")
  }

  @Test("an empty file name")
  func emptyName() throws {
    #expect(expectInputError(try run(["assess", ""])) == "error: the file name is empty")
  }

  @Test("a directory instead of a file")
  func directory() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(atPath: box.path("domains"), withIntermediateDirectories: false)
    #expect(expectInputError(try box.run(["assess", "domains"])) == "error: domains: is a directory, not a file")
  }

  @Test("bytes that are not UTF-8 are reported with their line")
  func notUTF8() throws {
    let box = try Sandbox()
    var data = Data("domains:\n  - id: probe\n    name: Caf".utf8)
    data.append(contentsOf: [0xE9, 0x0A])  // Latin-1 "é"
    try box.write("latin1.yaml", data)
    #expect(
      expectInputError(try box.run(["assess", "latin1.yaml"]))
        == "error: latin1.yaml:3: is not UTF-8 text; save it with the UTF-8 encoding")

    try box.write("utf16.json", Data([0xFF, 0xFE]) + Data("{}".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
    #expect(
      expectInputError(try box.run(["assess", "utf16.json"])).hasPrefix("error: utf16.json:1: is not UTF-8 text"))
  }

  @Test("an unreadable file")
  func unreadable() throws {
    // Root can read any file, so the check only means something for other users.
    guard getuid() != 0 else { return }
    let box = try Sandbox()
    try box.write("secret.yaml", Fixtures.userDomainsYAML)
    try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: box.path("secret.yaml"))
    let message = expectInputError(try box.run(["assess", "secret.yaml"]))
    #expect(message.hasPrefix("error: secret.yaml: cannot be read"))
  }

  // MARK: - Exact wording

  static let snapshotCases = [
    "malformed YAML", "malformed JSON (missing comma)", "string where a score is expected", "range out of order",
    "unknown criterion", "duplicate domain ids", "missing date", "impossible date", "only comments",
  ]

  @Test("the exact messages of common mistakes", arguments: snapshotCases)
  func messageWording(_ name: String) throws {
    let bad = try #require(Self.cases.first { $0.name == name })
    let box = try Sandbox()
    try box.write(bad.file, bad.content)
    let result = try box.run(["assess", bad.file])
    let slug = String(name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
    assertSnapshot(of: result.stderr, as: .lines, named: slug)
  }
}
