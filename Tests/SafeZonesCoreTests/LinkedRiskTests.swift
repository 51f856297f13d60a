import Foundation
import Testing

@testable import SafeZonesCore

/// Risk carried over links (docs/links.md), on the linear rubric of `ChangeTests` where a
/// domain's own risk is military/4.
@Suite("Linked risk")
struct LinkedRiskTests {
  let rubric = ChangeTests.linearRubric()

  /// A domain with own risk `risk` (military = 4·risk) and the given links.
  func domain(_ id: String, risk: Double, _ links: [DomainLink] = []) -> Domain {
    Domain(
      id: id, name: id.capitalized, links: links,
      assessments: [ChangeTests.assessment("2026-01-01", [.fundamentality: 3, .military: 4 * risk])])
  }

  @Test("a benign domain that enables a sensitive one inherits κ · weight · its risk, and the path says why")
  func oneHop() throws {
    // setup: basic science (0.1) enables a weapon (0.8) with weight 0.5; κ(enables) = 0.6
    let domains = [
      domain("science", risk: 0.1, [DomainLink(target: "weapon", kind: "enables", weight: 0.5)]),
      domain("weapon", risk: 0.8),
    ]
    // act
    let entries = LinkedRisk.compute(domains, rubric: rubric)
    // check: 0.6 · 0.5 · 0.8 = 0.24
    let e = try #require(entries["science"])
    #expect(abs(e.own - 0.1) < 1e-12)
    #expect(abs(e.inherited - 0.24) < 1e-12)
    #expect(abs(e.effective - 0.24) < 1e-12)
    #expect(abs(e.raisedBy - 0.14) < 1e-12)
    #expect(e.source == "weapon")
    #expect(e.path == [LinkHop(from: "science", to: "weapon", kind: "enables", weight: 0.5, share: 0.3)])
    #expect(e.sentence.contains("from weapon"))
    #expect(e.sentence.contains("raised by 0.140"))
    // Links are followed as stored: the weapon inherits nothing from the science.
    #expect(entries["weapon"]?.source == nil)
    #expect(entries["weapon"]?.effective == 0.8)
    // `entry(for:)` gives the same answer.
    #expect(LinkedRisk.entry(for: "science", in: domains, rubric: rubric) == e)
  }

  @Test("the own risk stands when the neighbour's carried risk is lower")
  func ownStands() throws {
    let domains = [
      domain("a", risk: 0.5, [DomainLink(target: "b", kind: "related", weight: 0.5)]), domain("b", risk: 0.9),
    ]
    let e = try #require(LinkedRisk.compute(domains, rubric: rubric)["a"])
    #expect(abs(e.inherited - 0.135) < 1e-12)
    #expect(e.effective == e.own)
    #expect(!e.isRaised)
    #expect(e.sentence.contains("which stands"))
  }

  @Test("two hops decay by δ: 0.8 · 0.8 · δ(0.8) · 0.9 for applies → applies")
  func twoHops() throws {
    let domains = [
      domain("a", risk: 0, [DomainLink(target: "b", kind: "applies", weight: 1)]),
      domain("b", risk: 0, [DomainLink(target: "c", kind: "applies", weight: 1)]),
      domain("c", risk: 0.9),
    ]
    let e = try #require(LinkedRisk.compute(domains, rubric: rubric)["a"])
    #expect(abs(e.inherited - 0.8 * 0.8 * 0.8 * 0.9) < 1e-12)
    #expect(e.source == "c")
    #expect(e.path.map(\.to) == ["b", "c"])
    #expect(e.pathText == "a → b → c (applies 1, applies 1)")
  }

  @Test("effective risk is monotone in every link weight")
  func monotone() {
    let weights = stride(from: 0.0, through: 1.0, by: 0.1).map { $0 }
    for kind in ["applies", "enables", "shares-facility", "related", "custom"] {
      var last = -1.0
      for w in weights {
        let domains = [
          domain(
            "a", risk: 0.05,
            [DomainLink(target: "b", kind: kind, weight: w), DomainLink(target: "c", kind: "related", weight: 0.3)]),
          domain("b", risk: 0.2, [DomainLink(target: "d", kind: "applies", weight: 0.9)]),
          domain("c", risk: 0.4),
          domain("d", risk: 0.95),
        ]
        let e = LinkedRisk.compute(domains, rubric: rubric)["a"]!.effective
        #expect(e >= last - 1e-12, "\(kind) weight \(w): \(e) < \(last)")
        last = e
      }
    }
  }

  @Test("a cycle counts nothing twice: the answer equals the same graph without the back links")
  func cycle() throws {
    let forward = [
      domain("a", risk: 0.1, [DomainLink(target: "b", kind: "enables", weight: 0.9)]),
      domain("b", risk: 0.2, [DomainLink(target: "c", kind: "applies", weight: 0.9)]),
      domain("c", risk: 0.9),
    ]
    var cyclic = forward
    cyclic[1].links.append(DomainLink(target: "a", kind: "applies", weight: 1))
    cyclic[2].links = [
      DomainLink(target: "b", kind: "applies", weight: 1), DomainLink(target: "a", kind: "enables", weight: 1),
    ]
    let plain = LinkedRisk.compute(forward, rubric: rubric)
    let looped = LinkedRisk.compute(cyclic, rubric: rubric)
    #expect(looped["a"] == plain["a"])
    // Max, not sum: a domain with two equal routes to the same neighbour inherits once.
    let twice = [
      domain(
        "a", risk: 0,
        [DomainLink(target: "b", kind: "applies", weight: 1), DomainLink(target: "c", kind: "applies", weight: 1)]),
      domain("b", risk: 0, [DomainLink(target: "d", kind: "applies", weight: 1)]),
      domain("c", risk: 0, [DomainLink(target: "d", kind: "applies", weight: 1)]),
      domain("d", risk: 1),
    ]
    let e = try #require(LinkedRisk.compute(twice, rubric: rubric)["a"])
    #expect(abs(e.inherited - 0.8 * 0.8 * 0.8) < 1e-12)
    #expect(e.effective <= 1)
  }

  @Test("a reframing carries no risk")
  func reframes() throws {
    let domains = [
      domain("origins", risk: 0.3, [DomainLink(target: "blame", kind: "reframes", weight: 1)]),
      domain("blame", risk: 1),
    ]
    let e = try #require(LinkedRisk.compute(domains, rubric: rubric)["origins"])
    #expect(e.inherited == 0)
    #expect(e.source == nil)
    #expect(e.effective == e.own)
    #expect(e.sentence == "No link carries risk to this domain.")
  }

  @Test("links to unknown or unassessed domains and self-links are ignored")
  func ignored() throws {
    var lonely = domain("a", risk: 0.2, [DomainLink(target: "ghost", kind: "applies", weight: 1)])
    lonely.links.append(DomainLink(target: "a", kind: "applies", weight: 1))
    let e = try #require(LinkedRisk.compute([lonely], rubric: rubric)["a"])
    #expect(e.source == nil && e.effective == e.own)
  }

  @Test("the explanation names the neighbour that raised the risk and by how much")
  func explanation() throws {
    let domains = [
      domain("science", risk: 0.1, [DomainLink(target: "weapon", kind: "enables", weight: 0.5)]),
      domain("weapon", risk: 0.8),
    ]
    let entry = LinkedRisk.entry(for: "science", in: domains, rubric: rubric)
    let text = Explanation.text(PlacedDomain(domain: domains[0], rubric: rubric), rubric: rubric, linked: entry)
    #expect(text.contains("Risk carried over links"))
    #expect(text.contains("Links carry 0.240 from weapon"))
    #expect(text.contains("raised by 0.140 above the own risk 0.100"))
    // Without links the explanation is unchanged.
    #expect(
      Explanation.text(PlacedDomain(domain: domains[1], rubric: rubric), rubric: rubric, linked: nil)
        == Explanation.text(PlacedDomain(domain: domains[1], rubric: rubric), rubric: rubric))
  }

  @Test("a collaboration across domains is placed as a whole: mean gains, the highest effective risk")
  func collaboration() {
    let domains = [
      domain("science", risk: 0.1, [DomainLink(target: "weapon", kind: "enables", weight: 0.5)]),
      domain("weapon", risk: 0.8),
      domain("other", risk: 0.2),
    ]
    let whole = LinkedRisk.collaboration(["science", "other"], in: domains, rubric: rubric)
    #expect(abs(whole.risk - 0.24) < 1e-12)
    #expect(whole.riskiestDomain == "science")
    #expect(abs(whole.gains - 0.75) < 1e-12)
  }
}
