import Foundation
import Testing

/// `safezones screen` on the real binary: the JSON contract, the text report, abstention and
/// located errors.
@Suite("safezones screen")
struct ScreenCommandTests {
  static let proposal = """
    proposals:
      - id: p-mixed
        title: Solid-state electrolytes and battery plants
        aims:
          - {id: a1, text: "Detect gravitational waves with laser interferometers and publish the data openly."}
          - {id: a2, text: "Train artificial intelligence models on the partner's lithium battery production data."}
        partners:
          - {name: "Example Institute", country: CN}
      - id: p-vague
        title: Something
        aims:
          - {id: a1, text: "Improve the pond."}
    """

  @Test("the JSON contract: overall set by the most sensitive aim, per-aim domains and categories, ranked")
  func json() throws {
    let box = try Sandbox()
    try box.write("p.yaml", Self.proposal)
    let result = try box.run(["screen", "p.yaml", "--format", "json"])
    expectSuccess(result)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let proposals = try #require(object["proposals"] as? [[String: Any]])
    #expect(proposals.compactMap { $0["id"] as? String } == ["p-mixed", "p-vague"])
    let mixed = proposals[0]
    let overall = try #require(mixed["overall"] as? [String: Any])
    #expect(overall["most_sensitive_aim"] as? String == "a2")
    for key in ["quadrant", "gains", "risk"] { #expect(overall[key] != nil, "\(key)") }
    let aims = try #require(mixed["aims"] as? [[String: Any]])
    #expect(aims.compactMap { $0["id"] as? String } == ["a1", "a2"])
    let a1 = try #require(aims[0]["domains"] as? [[String: Any]])
    #expect(a1.first?["id"] as? String == "gravitational-waves")
    #expect((a1.first?["matched_terms"] as? [String])?.isEmpty == false)
    let a2 = try #require(aims[1]["domains"] as? [[String: Any]])
    #expect(Set(a2.compactMap { $0["id"] as? String }).isSuperset(of: ["lithium-based-batteries"]))
    let scores = a2.compactMap { $0["score"] as? Double }
    #expect(scores == scores.sorted(by: >))
    let categories = try #require(mixed["categories"] as? [[String: Any]])
    #expect(
      categories.allSatisfy {
        ["us-cet-2024", "ca-stra-2024", "eu-dual-use-annex-i"].contains($0["taxonomy"] as? String ?? "")
      })
    #expect((mixed["actions"] as? [String])?.isEmpty == false)
    // Nothing matched well: no placement, no guess.
    #expect(proposals[1]["overall"] == nil || proposals[1]["overall"] is NSNull)
  }

  @Test("the text report names the most sensitive aim, the matched words, and what to check")
  func text() throws {
    let box = try Sandbox()
    try box.write("p.yaml", Self.proposal)
    let result = try box.run(["screen", "p.yaml"])
    expectSuccess(result)
    #expect(result.stdout.contains("set by its most sensitive aim, a2"))
    #expect(result.stdout.contains("domains: gravitational-waves ("))
    #expect(result.stdout.contains("Overall: not placed"))
    #expect(result.stdout.contains("Check the partners against your organisation's lists"))
  }

  @Test("a bad proposal file gives one located message and exit 2")
  func refused() throws {
    let box = try Sandbox()
    try box.write("bad.yaml", "proposal:\n  id: p\n  title: T\n  aims:\n    - {id: a1}\n")
    let message = expectInputError(try box.run(["screen", "bad.yaml"]), lines: nil)
    #expect(message.contains("bad.yaml:5"))
    #expect(message.contains("proposal.aims[0]"))
  }
}

/// Records, re-review and partner lists through the real binary, on a data folder of its own.
@Suite("safezones screen: records, re-review, partners")
struct ScreenRecordCommandTests {
  static let one = """
    proposal:
      id: p-rec
      title: Battery plants
      aims:
        - {id: a1, text: "Detect gravitational waves with laser interferometers."}
        - {id: a2, text: "Train artificial intelligence models on the partner's lithium battery production data."}
      partners:
        - {name: "Institute of Advanced Widgets", country: CN}
        - {name: "Institute of Advanced Widgits", country: CN}
    """
  static let lists = """
    name,aliases,country,list,source,date
    "Advanced Widgets, Institute of",IAW,CN,Watch list,Office,2026-11-01
    """

  @Test("--out writes a screening document; with a decision, a hashed record; refusals name the option")
  func documents() throws {
    let box = try Sandbox()
    try box.write("p.yaml", Self.one)
    var result = try box.run(["screen", "p.yaml", "--out", "screening.html"])
    expectSuccess(result)
    let screening = try box.read("screening.html")
    #expect(screening.hasPrefix("<!DOCTYPE html>"))
    #expect(screening.contains("Decision: not yet made"))
    #expect(screening.contains("screening-map-svg") && screening.contains("data-aim=\"a2\""))
    #expect(!screening.contains("<script"))

    result = try box.run([
      "screen", "p.yaml", "--out", "record.html", "--decision", "separate-but-coordinated", "--conditions",
      "Aim a2 runs apart", "--rationale", "Production data", "--reviewer", "R. Officer",
    ])
    expectSuccess(result)
    let record = try box.read("record.html")
    #expect(record.contains("Decision: Separate but coordinated"))
    #expect(record.contains("Aim a2 runs apart") && record.contains("R. Officer"))
    let hash = try #require(
      record.range(of: #"id="record-sha256" class="hash">[0-9a-f]{64}<"#, options: .regularExpression))
    #expect(!record[hash].isEmpty)

    // Refused, naming the option; nothing written.
    result = try box.run([
      "screen", "p.yaml", "--out", "bad.html", "--decision", "proceed-with-conditions", "--rationale", "x",
      "--reviewer", "R",
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--conditions"))
    #expect(!FileManager.default.fileExists(atPath: box.path("bad.html")))
    result = try box.run([
      "screen", "p.yaml", "--decision", "maybe", "--out", "x.html", "--rationale", "x", "--reviewer", "R",
    ])
    #expect(result.status != 0 && result.stderr.contains("unknown decision 'maybe'"))
    result = try box.run(["screen", "p.yaml", "--decision", "proceed"])
    #expect(result.status != 0 && result.stderr.contains("--out"))
  }

  @Test("--save stores versions; partners import; --due lists what moved: a changed partner list")
  func saveAndDue() throws {
    let box = try Sandbox()
    try box.write("p.yaml", Self.one)
    try box.write("lists.csv", Self.lists)
    let data = box.path("data")
    var result = try box.run(["partners", "import", "lists.csv", "--data", data])
    expectSuccess(result)
    #expect(result.stdout.contains("Imported 'Watch list': 1 organisations"))
    result = try box.run(["partners", "list", "--data", data, "--format", "csv"])
    #expect(result.stdout.contains("Watch list,1,Office,2026-11-01"))

    result = try box.run([
      "screen", "p.yaml", "--decision", "proceed", "--rationale", "Fine", "--reviewer", "R. Officer", "--save",
      "--data", data, "--format", "json",
    ])
    expectSuccess(result)
    #expect(result.stdout.contains("Saved decision p-rec version 1: Proceed (sha256 "))
    result = try box.run([
      "screen", "p.yaml", "--decision", "decline", "--rationale", "Changed", "--reviewer", "R. Officer", "--save",
      "--data", data,
    ])
    #expect(result.stdout.contains("version 2: Decline"))
    result = try box.run(["screen", "--due", "--data", data])
    expectSuccess(result)
    #expect(result.stdout.hasPrefix("No decision needs re-review"))

    // The list is imported again with another organisation: the decision rests on it.
    try box.write("lists.csv", Self.lists + "Northern Widget College,,CN,Watch list,Office,2026-11-01\n")
    expectSuccess(try box.run(["partners", "import", "lists.csv", "--data", data]))
    result = try box.run(["screen", "--due", "--data", data, "--format", "json"])
    expectSuccess(result)
    let due = try #require(jsonObject(result.stdout)["due"] as? [[String: Any]])
    #expect(due.count == 1)
    #expect(due.first?["proposal_id"] as? String == "p-rec" && due.first?["version"] as? Int == 2)
    #expect((due.first?["reasons"] as? [String])?.first?.hasPrefix("partner list 'Watch list' changed") == true)
    // The audit trail holds both decisions and both imports.
    result = try box.run(["audit", "export", "--data", data, "--format", "jsonl"])
    #expect(result.stdout.components(separatedBy: "\"screening.decide\"").count - 1 == 2)
    #expect(result.stdout.components(separatedBy: "\"partners.import\"").count - 1 == 2)
  }

  @Test("partners are matched tolerantly and as near misses, beside the placement")
  func partners() throws {
    let box = try Sandbox()
    try box.write("p.yaml", Self.one)
    try box.write("lists.csv", Self.lists)
    let plain = try box.run(["screen", "p.yaml", "--format", "json"])
    let checked = try box.run(["screen", "p.yaml", "--partners", "lists.csv", "--format", "json"])
    expectSuccess(checked)
    let a = try #require((jsonObject(plain.stdout)["proposals"] as? [[String: Any]])?.first)
    let b = try #require((jsonObject(checked.stdout)["proposals"] as? [[String: Any]])?.first)
    #expect(
      NSDictionary(dictionary: a["overall"] as? [String: Any] ?? [:])
        == NSDictionary(dictionary: b["overall"] as? [String: Any] ?? [:]))
    let partners = try #require(b["partners"] as? [[String: Any]])
    let first = try #require((partners[0]["matches"] as? [[String: Any]])?.first)
    #expect(first["kind"] as? String == "match" && first["organisation"] as? String == "Advanced Widgets, Institute of")
    let second = (partners[1]["matches"] as? [[String: Any]])?.first
    #expect(second?["kind"] as? String == "near-miss")
    let bad = try box.write("bad.csv", "name,country\nX,CN\n")
    let refused = try box.run(["screen", "p.yaml", "--partners", bad])
    #expect(refused.status != 0 && refused.stderr.contains("missing columns"))
  }
}
