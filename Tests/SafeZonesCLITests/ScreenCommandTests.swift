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
