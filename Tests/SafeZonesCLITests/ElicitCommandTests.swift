import Foundation
import Testing

@Suite("safezones elicit")
struct ElicitCommandTests {
  static let ada = "Ada Quillfeather"
  static let bert = "Bertram Zoltan"

  /// Runs `safezones elicit args --data data` in the sandbox. `--database` names the data
  /// folder's SQLite file too, so that a `DATABASE_URL` in the environment (set for the store
  /// and web tests) cannot make the sandboxes share one database.
  static func elicit(_ box: Sandbox, _ args: [String]) throws -> CLIResult {
    try box.run(["elicit"] + args + ["--data", "data", "--database", "data/safezones.sqlite"])
  }

  /// `text` with `criterion`'s value in `domain`'s entry set to `value` (the export writes
  /// `criterion: 3` or `criterion:` followed by `value: 3`).
  static func setScore(
    _ text: String, domain: String, criterion: String, to value: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    var lines = text.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "  - id: \(domain)"),
      let at = lines[start...].firstIndex(where: { $0.hasPrefix("        \(criterion):") })
    else {
      Issue.record("no \(criterion) in \(domain)", sourceLocation: sourceLocation)
      return text
    }
    let head = lines[at].components(separatedBy: "  #")[0]
    if head.trimmingCharacters(in: .whitespaces) == "\(criterion):" {
      lines[at + 1] = "          value: \(value)"
    } else {
      lines[at] = "        \(criterion): \(value)"
    }
    return lines.joined(separator: "\n")
  }

  @Test("open → export → edit → import → close → status, twice, with convergence")
  func flow() throws {
    let box = try Sandbox()

    // act: open round 1 for two shipped domains
    var result = try Self.elicit(
      box,
      [
        "open", "--study", "Panel 2026", "--title", "Initial", "--domains", "quantum-encryption,wind-energy",
        "--facilitator", "Fay",
      ])
    expectSuccess(result)
    #expect(
      result.stdout
        == "opened round 1: Panel 2026, round 1 “Initial” — 2 domains (quantum-encryption, wind-energy), facilitated by Fay\n"
    )
    result = try Self.elicit(box, ["list"])
    expectSuccess(result)
    #expect(
      result.stdout.split(separator: "\n").last?.split(separator: " ", omittingEmptySubsequences: true).prefix(6) == [
        "1", "Panel", "2026", "1", "Initial", "open",
      ])

    // act: export for Ada; the file is a valid domain file prefilled from the current assessment
    result = try Self.elicit(box, ["export", "1", "--assessor", Self.ada, "--out", "ada.yaml"])
    expectSuccess(result)
    #expect(result.stderr.contains("wrote ada.yaml: 2 domains of round 1 for \(Self.ada)"))
    var ada = try box.read("ada.yaml")
    #expect(ada.contains("  - id: quantum-encryption\n    name: \"Quantum encryption\"\n"))
    #expect(ada.contains("      assessor: \"\(Self.ada)\"\n"))
    #expect(ada.contains("# starts from the domain's current assessment (SafeZones knowledge base, 2024-08-01)"))
    #expect(!ada.contains("group:"), "round 1 has no previous group")
    expectSuccess(try box.run(["assess", "ada.yaml"]))

    // act: edit and import Ada's answers, then Bert's
    ada = Self.setScore(ada, domain: "quantum-encryption", criterion: "military", to: "[1, 2, 3]")
    try box.write("ada.yaml", ada)
    result = try Self.elicit(box, ["import", "ada.yaml", "--round", "1"])
    expectSuccess(result)
    #expect(
      result.stdout
        == "imported ada.yaml into round 1 (Panel 2026, round 1): 2 judgements by \(Self.ada) (quantum-encryption, wind-energy)\n"
    )
    result = try Self.elicit(box, ["export", "1", "--assessor", Self.bert])
    expectSuccess(result)
    #expect(!result.stdout.contains(Self.ada), "an export shows nobody else's judgement")
    let bert = Self.setScore(result.stdout, domain: "quantum-encryption", criterion: "military", to: "3.5")
    try box.write("bert.yaml", bert)
    expectSuccess(try Self.elicit(box, ["import", "bert.yaml", "--round", "1"]))

    // check: refusals name the file and line and store nothing
    let foreign = bert.replacingOnce("  - id: wind-energy", with: "  - id: missile-guidance")
    try box.write("bad.yaml", foreign)
    var message = expectInputError(try Self.elicit(box, ["import", "bad.yaml", "--round", "1"]))
    #expect(
      message
        == "error: bad.yaml:\(lineNumber(of: "- id: missile-guidance", in: foreign)): domains[1].id: 'missile-guidance' is not one of round 1's domains (quantum-encryption, wind-energy)"
    )
    let tooHigh = Self.setScore(bert, domain: "wind-energy", criterion: "parity", to: "5")
    try box.write("bad2.yaml", tooHigh)
    message = expectInputError(try Self.elicit(box, ["import", "bad2.yaml", "--round", "1"]))
    #expect(message.hasPrefix("error: bad2.yaml:\(lineNumber(of: "          value: 5", in: tooHigh)):"))
    #expect(message.hasSuffix("domains[1].assessment.scores.parity: score must be between 0 and 4, got 5"))
    message = expectInputError(try Self.elicit(box, ["export", "9", "--assessor", "X"]))
    #expect(message == "error: no round with id 9")
    message = expectInputError(try Self.elicit(box, ["export", "1", "--assessor", " "]))
    #expect(message == "error: --assessor: name who will answer")

    // check: participation while open, no spread yet
    result = try Self.elicit(box, ["status", "1"])
    expectSuccess(result)
    #expect(result.stdout.hasPrefix("Panel 2026, round 1 “Initial” (id 1): open\n"))
    #expect(result.stdout.contains("participation: 2 assessors, 4 judgements (revisions included)"))
    #expect(result.stdout.contains("quantum-encryption          2            2  \(Self.ada), \(Self.bert)"))
    #expect(result.stdout.contains("convergence: reported when the round closes"))

    // act: close; the round refuses answers and a second close
    result = try Self.elicit(box, ["close", "1"])
    expectSuccess(result)
    #expect(result.stdout == "closed round 1 (Panel 2026, round 1 “Initial”): 4 judgements by 2 assessors\n")
    message = expectInputError(try Self.elicit(box, ["import", "bert.yaml", "--round", "1"]))
    #expect(message.hasPrefix("error: round 1 is closed"))
    expectInputError(try Self.elicit(box, ["close", "1"]))
    result = try Self.elicit(box, ["status", "1"])
    expectSuccess(result)
    #expect(result.stdout.contains("spread in round 1 (no previous round to compare with):"))
    let spread = result.stdout.split(separator: "\n").first { $0.hasPrefix("quantum-encryption  military") }
    #expect(spread?.split(separator: " ", omittingEmptySubsequences: true).suffix(3) == ["3.00", "0.75", "2.01"])

    // act: round 2 follows round 1 with the same domains and facilitator
    result = try Self.elicit(box, ["open", "--after", "1", "--title", "Revision"])
    expectSuccess(result)
    #expect(
      result.stdout
        == "opened round 2: Panel 2026, round 2 “Revision” — 2 domains (quantum-encryption, wind-energy), facilitated by Fay\n"
    )

    // check: Ada's sheet starts from her round-1 answers, with round 1's anonymous group in comments
    result = try Self.elicit(box, ["export", "2", "--assessor", Self.ada])
    expectSuccess(result)
    let sheet = result.stdout
    #expect(sheet.contains("    # starts from your judgement in round 1\n"))
    #expect(!sheet.contains("Bertram") && !sheet.contains("Zoltan"))
    let military = sheet.split(separator: "\n").first { $0.hasPrefix("        military:") } ?? ""
    #expect(military.hasPrefix("        military:  # round 1 group: median "))
    #expect(military.hasSuffix(", 2 assessors; you: [1, 2, 3]"))

    // act: both revise towards each other; close
    try box.write("ada2.yaml", Self.setScore(sheet, domain: "quantum-encryption", criterion: "military", to: "3"))
    expectSuccess(try Self.elicit(box, ["import", "ada2.yaml", "--round", "2"]))
    let bertSheet = try Self.elicit(box, ["export", "2", "--assessor", Self.bert]).stdout
    try box.write(
      "bert2.yaml", Self.setScore(bertSheet, domain: "quantum-encryption", criterion: "military", to: "3.5"))
    expectSuccess(try Self.elicit(box, ["import", "bert2.yaml", "--round", "2"]))
    expectSuccess(try Self.elicit(box, ["close", "2"]))

    // check: convergence reported per criterion and in summary
    result = try Self.elicit(box, ["status", "2"])
    expectSuccess(result)
    #expect(
      result.stdout.contains(
        "convergence (round 1 → round 2): 1 narrowed, 0 widened, 27 unchanged, of 28 criteria scored in both rounds"))
    let row = result.stdout.split(separator: "\n").first { $0.hasPrefix("quantum-encryption  military") } ?? ""
    let cells = row.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    #expect(cells.count == 10)
    #expect(Array(cells.dropFirst(2).prefix(4)) == ["2→2", "0.75", "0.25", "-0.50"], "\(row)")
    #expect(cells.last == "narrowed")
    result = try Self.elicit(box, ["list", "--study", "Panel 2026"])
    #expect(result.stdout.split(separator: "\n").count == 4)

    // act: adopt the panel's judgement; adopting again adds nothing. (Version numbers count
    // every pair's assessments: both domains hold a US-CN history of two and one EU-CN judgement.)
    result = try Self.elicit(box, ["adopt", "2"])
    expectSuccess(result)
    #expect(
      result.stdout
        == "adopted round 2's pooled judgement as “Delphi panel: Panel 2026, round 2”: quantum-encryption (version 4), wind-energy (version 4)\n"
    )
    result = try Self.elicit(box, ["adopt", "2"])
    #expect(result.stdout.hasPrefix("nothing to adopt"))

    // act: revert the adoption for one domain, then the rest; a second revert finds nothing
    result = try Self.elicit(box, ["revert", "2", "--domain", "wind-energy", "--as", "Fay Facilitator"])
    expectSuccess(result)
    #expect(result.stdout == "reverted the adoption of round 2: wind-energy (version 5)\n")
    result = try Self.elicit(box, ["revert", "2", "--as", "Fay Facilitator"])
    #expect(result.stdout == "reverted the adoption of round 2: quantum-encryption (version 5)\n")
    result = try Self.elicit(box, ["revert", "2"])
    #expect(result.stdout.hasPrefix("nothing to revert"))
    // A domain no longer holding the adoption is refused by name.
    let refused = try Self.elicit(box, ["revert", "2", "--domain", "wind-energy"])
    expectNoCrash(refused)
    #expect(
      refused.status != 0 && refused.stderr.contains("'wind-energy'")
        && refused.stderr.contains("no adoption to revert"))
  }

  @Test("bad round requests exit 2 with one message")
  func refusals() throws {
    let box = try Sandbox()
    var message = expectInputError(
      try Self.elicit(box, ["open", "--study", "S", "--title", "T", "--domains", "no-such-domain"]))
    #expect(message == "error: --domains: no domain with id 'no-such-domain'")
    message = expectInputError(
      try Self.elicit(box, ["open", "--study", " ", "--title", "T", "--domains", "wind-energy"]))
    #expect(message == "error: --study: name the study that groups the rounds of this deliberation")
    expectSuccess(try Self.elicit(box, ["open", "--study", "S", "--title", "T", "--domains", "wind-energy"]))
    message = expectInputError(
      try Self.elicit(box, ["open", "--study", "S", "--title", "T2", "--domains", "wind-energy"]))
    #expect(message.hasPrefix("error: round 1 of 'S' (id 1) is still open"))
    message = expectInputError(try Self.elicit(box, ["close", "7"]))
    #expect(message == "error: no round with id 7")
    message = expectInputError(try Self.elicit(box, ["import", "missing.yaml", "--round", "1"]))
    #expect(message.contains("missing.yaml"))
    let list = try Self.elicit(box, ["list", "--study", "Nothing"])
    expectSuccess(list)
    #expect(list.stdout == "no rounds in the study 'Nothing'\n")
  }
}
