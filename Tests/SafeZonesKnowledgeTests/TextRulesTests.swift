import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// Text fields take text: no unquoted numbers or booleans coerced to strings, no control
/// characters, no value longer than its field's limit; each refused with the field named.
@Suite("text fields")
struct TextRulesTests {
  static let scores = "{military: 1, economic: 2}"

  /// The issues of parsing `text`, or none.
  func issues(_ text: String, file: String = "f.yaml") -> [InputIssue] {
    do {
      _ = try DomainLoader.parse(text, file: file)
      return []
    } catch {
      return error.issues
    }
  }

  func domain(_ fields: String) -> String {
    """
    domains:
      - \(fields)
        assessments:
          - {assessor: A, date: 2026-01-01, scores: \(Self.scores)}
    """
  }

  @Test("unquoted numbers and booleans in text fields are refused, in YAML and JSON; quoted ones are text")
  func types() {
    let yaml = issues(domain("id: d1\n    name: 12345"))
    #expect(yaml.map(\.key) == ["domains[0].name"])
    #expect(yaml.first?.message.contains("expected text, got a number '12345'") == true)
    #expect(yaml.first?.line == 3)
    #expect(issues(domain("id: d1\n    name: \"12345\"")).isEmpty)

    let json = """
      {"domains": [{"id": "d1", "name": "N", "tags": [false, 12],
        "assessments": [{"assessor": true, "date": "2026-01-01", "scores": {"military": 1}}]}]}
      """
    let found = issues(json, file: "f.json")
    let keys: Set = ["domains[0].tags[0]", "domains[0].tags[1]", "domains[0].assessments[0].assessor"]
    #expect(Set(found.map(\.key)) == keys)
    #expect(found.allSatisfy { $0.message.hasPrefix("expected text, got a") })
  }

  static let assessments = #""assessments": [{"assessor": "A", "date": "2026-01-01", "scores": {"military": 1}}]"#

  @Test("control characters are refused; tabs and line breaks are kept")
  func controls() {
    let nul = #"{"domains": [{"id": "d1", "name": "a\u0000b", "# + Self.assessments + "}]}"
    let found = issues(nul, file: "f.json")
    #expect(found.map(\.key) == ["domains[0].name"])
    #expect(found.first?.message.contains("U+0000") == true)
    let escape = #"{"domains": [{"id": "d1", "name": "N", "summary": "x\u001b[31m", "# + Self.assessments + "}]}"
    #expect(issues(escape, file: "f.json").first?.message.contains("U+001B") == true)
    let fine = #"{"domains": [{"id": "d1", "name": "N", "summary": "line\none\tcol", "# + Self.assessments + "}]}"
    #expect(issues(fine, file: "f.json").isEmpty)
  }

  @Test("each field has a length limit, counted in characters, and the message gives it")
  func lengths() {
    let limit = TextLimits.byField["name"]!
    #expect(issues(domain("id: d1\n    name: \(String(repeating: "é", count: limit))")).isEmpty)
    let long = issues(domain("id: d1\n    name: \(String(repeating: "é", count: limit + 1))"))
    #expect(long.map(\.key) == ["domains[0].name"])
    #expect(long.first?.message == "is \(limit + 1) characters long; at most \(limit) are allowed here")

    let megabyte = String(repeating: "x", count: 1_000_000)
    let rationale = issues(
      domain("id: d1\n    name: N").replacingOccurrences(
        of: Self.scores, with: "{military: {value: 1, rationale: \(megabyte)}}"))
    #expect(rationale.map(\.key) == ["domains[0].assessments[0].scores.military.rationale"])
    #expect(TextLimits.maximum(forKey: "domains[3].tags[0]") == TextLimits.byField["tags"])
    #expect(TextLimits.maximum(forKey: "domains[0].unknown_field") == TextLimits.otherwise)
  }
}
