import Foundation
import Testing

/// `safezones taxonomy`: the shipped taxonomies, one taxonomy's areas and subfields, in
/// every format, on the real binary.
@Suite("safezones taxonomy")
struct TaxonomyCommandTests {
  static func json(_ args: [String]) throws -> Any {
    let result = try run(["taxonomy"] + args + ["--format", "json"])
    expectSuccess(result)
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }

  @Test("the list names the three taxonomies with their source and size, as the JSON has them")
  func list() throws {
    let all = try #require(try Self.json([]) as? [[String: Any]])
    #expect(all.compactMap { $0["id"] as? String } == ["ca-stra-2024", "eu-dual-use-annex-i", "us-cet-2024"])
    let table = try run(["taxonomy"])
    expectSuccess(table)
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.count == 2 + all.count)
    for t in all {
      let id = try #require(t["id"] as? String)
      let entries = try #require(t["entries"] as? [[String: Any]])
      let subfields = entries.reduce(0) { $0 + (($1["subfields"] as? [Any])?.count ?? 0) }
      let row = try #require(lines.first { $0.hasPrefix(id + " ") })
      let cells = row.split(separator: " ", omittingEmptySubsequences: true)
      #expect(cells.suffix(2).map(String.init) == [String(entries.count), String(subfields)], "\(row)")
      #expect(row.contains(t["version"] as? String ?? "?"))
    }
  }

  @Test("one taxonomy: its areas (the US list's 18 ids), and every subfield with --subfields")
  func one() throws {
    let us = try #require(try Self.json(["us-cet-2024"]) as? [String: Any])
    let entries = try #require(us["entries"] as? [[String: Any]])
    #expect(entries.count == 18)
    #expect(entries.contains { $0["id"] as? String == "quantum-information" })
    let csv = try run(["taxonomy", "us-cet-2024", "--subfields", "--format", "csv"])
    expectSuccess(csv)
    let rows = csv.stdout.split(whereSeparator: \.isNewline)
    let total = entries.reduce(0) { $0 + (($1["subfields"] as? [Any])?.count ?? 0) }
    #expect(rows.count == total + 1)
    #expect(rows.first == "area,id,name,keywords")
    let table = try run(["taxonomy", "eu-dual-use-annex-i"])
    expectSuccess(table)
    #expect(table.stdout.contains("category-9"))
  }

  @Test("an unknown taxonomy, or --subfields without one, is refused naming the known ids")
  func refusals() throws {
    var message = expectInputError(try run(["taxonomy", "no-such-list"]))
    #expect(message == "error: id: no taxonomy 'no-such-list'; known: ca-stra-2024, eu-dual-use-annex-i, us-cet-2024")
    message = expectInputError(try run(["taxonomy", "--subfields"]))
    #expect(message.contains("--subfields: name a taxonomy"))
  }
}
