import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// Proposal files: one or several, every problem located by line and key.
@Suite("Proposal files")
struct ProposalLoaderTests {
  @Test("one proposal, or several, read back whole")
  func reads() throws {
    let one = try ProposalLoader.parse(
      """
      proposal:
        id: p-1
        title: "Grid storage"
        abstract: "Batteries for the grid."
        aims:
          - {id: a1, text: "Model degradation."}
          - {id: a2, text: "Test cells."}
        partners:
          - {name: "Lab X", country: CN}
        data: "Cell cycling data"
      """, file: "p.yaml")
    #expect(one.count == 1)
    #expect(one[0].aims.map(\.id) == ["a1", "a2"])
    #expect(one[0].partners == [Proposal.Partner(name: "Lab X", country: "CN")])
    #expect(one[0].data == "Cell cycling data")
    let two = try ProposalLoader.parse(
      #"{"proposals": [{"id": "p-1", "title": "A", "abstract": "x"}, {"id": "p-2", "title": "B", "abstract": "y"}]}"#,
      file: "p.json")
    #expect(two.map(\.id) == ["p-1", "p-2"])
  }

  @Test(
    "bad proposals are refused with line and key",
    arguments: [
      ("proposal:\n  title: T\n  abstract: x\n", "proposal", "id"),
      ("proposal:\n  id: Bad Id\n  title: T\n  abstract: x\n", "proposal.id", "not a valid id"),
      (
        "proposal:\n  id: p\n  title: T\n  aims:\n    - {id: a1, text: x}\n    - {id: a1, text: y}\n",
        "proposal.aims[1].id", "used by another aim"
      ),
      ("proposal:\n  id: p\n  title: T\n", "proposal.aims", "an abstract or at least one aim"),
      ("proposal:\n  id: p\n  title: T\n  abstract: x\n  budget: 3\n", "proposal.budget", "unknown field"),
      (
        "proposals:\n  - {id: p, title: T, abstract: x}\n  - {id: p, title: U, abstract: y}\n", "proposals[1].id",
        "another proposal"
      ),
      ("nothing: here\n", "nothing", "unknown field"),
    ])
  func refused(text: String, key: String, message: String) throws {
    do {
      _ = try ProposalLoader.parse(text, file: "p.yaml")
      Issue.record("accepted: \(text)")
    } catch {
      let issue = try #require(error.issues.first { ($0.key ?? "").hasPrefix(key) }, "\(error.issues)")
      #expect(issue.line != nil, "\(issue)")
      #expect(issue.message.contains(message), "\(issue)")
    }
  }
}
