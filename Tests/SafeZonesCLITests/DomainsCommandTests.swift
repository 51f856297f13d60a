import Foundation
import Testing

@Suite("safezones domains")
struct DomainsCommandTests {
  @Test("domains lists every shipped domain in a table")
  func domainsTable() throws {
    let ids = try shippedIDs()
    let result = try run(["domains"])
    expectSuccess(result)
    #expect(result.stderr.isEmpty)
    let lines = result.stdout.split(separator: "\n")
    #expect(
      lines.first?.split(separator: " ", omittingEmptySubsequences: true) == [
        "id", "name", "gains", "risk", "quadrant", "notes",
      ])
    #expect(lines.count == ids.count + 2)
    for (line, id) in zip(lines.dropFirst(2), ids) { #expect(line.hasPrefix(id + " ")) }
  }

  @Test("domains and map list the same placements", arguments: ["table", "json", "csv"])
  func domainsMatchesMap(format: String) throws {
    let domains = try run(["domains", "--format", format])
    let map = try run(["map", "--format", format])
    expectSuccess(domains)
    expectSuccess(map)
    #expect(domains.stdout == map.stdout)
  }

  @Test("domains --format csv quotes nothing it need not and has one row per domain")
  func domainsCSV() throws {
    let ids = try shippedIDs()
    let result = try run(["domains", "--format", "csv"])
    expectSuccess(result)
    let rows = csvRows(result.stdout)
    #expect(rows.count == ids.count + 1)
    let header = rows[0].split(separator: ",").map(String.init)
    #expect(header.count == 14 + 14)
    #expect(Array(header.suffix(14)) == Fixtures.criterionIDs)
  }

  @Test("domains filters combine quadrant and tag")
  func domainsFilters() throws {
    let all = jsonDomains(try run(["domains", "--format", "json"]).stdout)
    let tags = Set(all.flatMap { $0["tags"] as? [String] ?? [] })
    for tag in tags.sorted().prefix(5) {
      for quadrant in ["safe-zone", "monitor"] {
        let expected = all.filter {
          ($0["tags"] as? [String] ?? []).contains(tag) && $0["quadrant"] as? String == quadrant
        }.compactMap { $0["id"] as? String }
        let result = try run(["domains", "--tag", tag, "--quadrant", quadrant, "--format", "csv"])
        expectSuccess(result)
        let ids = csvRows(result.stdout).dropFirst().map { String($0.prefix { $0 != "," }) }
        #expect(ids == expected, "--tag \(tag) --quadrant \(quadrant)")
      }
    }
  }

  @Test("domains with a missing --rubric file exits 2 naming it")
  func domainsMissingRubric() throws {
    let message = expectInputError(try run(["domains", "--rubric", "/nonexistent/rubric.yaml"]))
    #expect(message == "error: /nonexistent/rubric.yaml: no such file")
  }

  @Test("an unknown subcommand or format is a usage error with status 2")
  func usageErrors() throws {
    for args in [["frobnicate"], ["domains", "--format", "xml"], ["domains", "--no-such-flag"]] {
      let result = try run(args)
      #expect(result.status == 2, "\(args): \(result)")
      #expect(result.stdout.isEmpty)
      #expect(!result.stderr.isEmpty)
      expectNoCrash(result)
    }
  }

  @Test("--help succeeds and lists the subcommands")
  func help() throws {
    let result = try run(["--help"])
    expectSuccess(result)
    for command in ["map", "explain", "assess", "domains", "rubric"] { #expect(result.stdout.contains(command)) }
  }
}
