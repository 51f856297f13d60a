import Testing

@testable import SafeZonesCore

@Suite("Rubric, domains and dates")
struct ModelTests {
  @Test("a complete rubric validates")
  func validRubric() {
    #expect(Fixtures.rubric().validate().isEmpty)
  }

  @Test("rubric validation names each problem by key")
  func invalidRubric() {
    var r = Fixtures.rubric(thresholds: Thresholds(gains: 1.2, risk: -0.1, margin: 0.6))
    r.criteria[0].weight = -1
    r.criteria[1].levels = ["a", "b"]
    r.criteria[2].axis = .risk
    r.criteria.append(r.criteria[3])
    r.criteria.removeAll { $0.id == .indifference }
    let keys = Set(r.validate().compactMap(\.key))
    #expect(
      keys == [
        "thresholds.gains", "thresholds.risk", "thresholds.margin", "criteria[0].weight", "criteria[1].levels",
        "criteria[2].axis", "criteria[13].id", "criteria",
      ])
  }

  @Test("a floor on a non-risk criterion is refused")
  func floorOnGains() {
    var r = Fixtures.rubric()
    r.criteria[0].mitigationFloor = 0.5
    #expect(r.validate().map(\.key) == ["criteria[0].mitigation_floor"])
  }

  @Test("score values outside 0–4 or out of order are refused")
  func scoreValues() {
    #expect(ScoreValue.point(4).validate(key: "k").isEmpty)
    #expect(ScoreValue.point(4.01).validate(key: "k").count == 1)
    #expect(ScoreValue.point(-1).validate(key: "k").first?.message == "score must be between 0 and 4, got -1")
    #expect(ScoreValue.point(.nan).validate(key: "k").count == 1)
    #expect(ScoreValue.range(low: 3, likely: 2, high: 4).validate(key: "k").first?.message.contains("ordered") == true)
    #expect(ScoreValue.range(low: 0, likely: 2, high: 5).validate(key: "k").count == 1)
  }

  @Test("domain ids: lowercase letters, digits and '-'")
  func ids() {
    for good in ["a", "quantum-encryption", "covid-19-origins"] { #expect(Domain.isValidID(good)) }
    for bad in ["", "Quantum", "a_b", "-a", "a-", "a b", "é", String(repeating: "a", count: 81)] {
      #expect(!Domain.isValidID(bad))
    }
  }

  @Test("duplicate domain ids are reported with the first use")
  func duplicates() {
    let a = Domain(id: "x", name: "X", assessments: [Fixtures.assessment([:])])
    let issues = Domain.validate([a, a])
    #expect(issues.map(\.key) == ["domains[1].id"])
    #expect(issues[0].message.contains("domains[0]"))
  }

  @Test("the newest assessment is current")
  func current() {
    let old = Assessment(assessor: "A", date: Day("2020-01-01")!, scores: [:])
    let new = Assessment(assessor: "B", date: Day("2025-06-30")!, scores: [:])
    let d = Domain(id: "x", name: "X", assessments: [new, old])
    #expect(d.current?.assessor == "B")
    #expect(d.assessments.map(\.assessor) == ["A", "B"])
  }

  @Test("days parse strictly and order by calendar")
  func days() {
    #expect(Day("2024-02-29") != nil)
    #expect(Day("2023-02-29") == nil)
    #expect(Day("2026-13-01") == nil)
    #expect(Day("26-11-01") == nil)
    #expect(Day("2026-11-1") == nil)
    #expect(Day("2026-11-01")!.description == "2026-11-01")
    #expect(Day("2026-01-01")! < Day("2026-01-02")!)
    #expect(Day("1970-01-01")!.ordinal == 0)
    #expect(Day("2000-03-01")!.ordinal - Day("2000-02-28")!.ordinal == 2)
  }

  @Test("issues print as file:line:column: key: message")
  func issueText() {
    let issue = InputIssue(file: "a.yaml", line: 3, column: 5, key: "domains[0].id", message: "bad")
    #expect(issue.description == "a.yaml:3:5: domains[0].id: bad")
    #expect(InputIssue(message: "m").description == "m")
  }

  @Test("CSV quotes what spreadsheets would misread")
  func csv() {
    let text = TextOutput.csv(headers: ["a", "b"], rows: [["x,y", "say \"hi\""], ["=cmd()", "-0.5"]])
    #expect(text == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\n\"'=cmd()\",-0.5\r\n")
  }

  @Test("CSV neutralises every cell a spreadsheet would run, whatever else the cell holds")
  func csvFormulas() {
    let cells = [
      "=HYPERLINK(\"http://evil.example\",\"click\")", "=1+1,2", "+SUM(A1:A2)", "-2+3", "@cmd", "\tx", "\r=1",
      "-1,5",
    ]
    let text = TextOutput.csv(headers: ["cell"], rows: cells.map { [$0] })
    let lines = text.components(separatedBy: "\r\n").dropFirst().dropLast()
    // Every cell comes back as one quoted field starting with the neutralising quote.
    #expect(lines.count == cells.count)
    for (cell, line) in zip(cells, lines) {
      #expect(line == "\"'" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"", "\(cell)")
    }
    // Plain numbers stay numbers; line breaks of any kind are quoted.
    #expect(TextOutput.csv(headers: ["n"], rows: [["-0.25"], ["+3"]]) == "n\r\n-0.25\r\n+3\r\n")
    #expect(TextOutput.csv(headers: ["t"], rows: [["a\r\nb"]]) == "t\r\n\"a\r\nb\"\r\n")
  }

  @Test("numbers format without trailing zeros")
  func numbers() {
    #expect(Format.number(2) == "2")
    #expect(Format.number(0.125) == "0.125")
    #expect(Format.number(-0.0001) == "0")
    #expect(Format.fixed(0.5) == "0.50")
  }

  @Test("SplitMix64 is reproducible from its seed")
  func random() {
    var a = SplitMix64(seed: 1)
    var b = SplitMix64(seed: 1)
    #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
    var c = SplitMix64(seed: 2)
    for _ in 0..<1000 { #expect((0..<1).contains(c.nextUnit())) }
  }
}
