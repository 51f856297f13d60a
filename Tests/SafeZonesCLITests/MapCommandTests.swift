import Foundation
import Testing

@Suite("safezones map")
struct MapCommandTests {
  @Test("map --out writes a well-formed SVG and prints every shipped domain")
  func mapWritesSVG() throws {
    // setup
    let box = try Sandbox()
    let ids = try shippedIDs()
    #expect(!ids.isEmpty)
    let before = try box.contents()

    // act
    let result = try box.run(["map", "--out", "map.svg"])

    // check
    expectSuccess(result)
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("id ") == true, "table header: \(result)")
    #expect(lines.count == ids.count + 2, "header, rule and one row per domain: \(result)")
    for id in ids {
      #expect(lines.contains { $0.hasPrefix(id + " ") }, "row for \(id): \(result)")
    }
    #expect(result.stderr == "wrote map.svg (\(ids.count) domains)\n")
    let svg = try box.read("map.svg")
    #expect(svg.hasPrefix("<svg"))
    #expect(svg.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"))
    #expect(isWellFormedXML(svg))
    for id in ids { #expect(svg.contains(id), "the map shows \(id)") }
    #expect(try box.contents() == (before + ["map.svg"]).sorted(), "no temporary files are left beside the map")
  }

  @Test("map --out replaces an earlier map without leaving temporary files")
  func mapOverwrites() throws {
    let box = try Sandbox()
    try box.write("map.svg", "old content")
    let result = try box.run(["map", "--out", "map.svg", "--format", "csv"])
    expectSuccess(result)
    #expect(try box.read("map.svg").hasPrefix("<svg"))
    #expect(try box.contents() == ["map.svg"])
  }

  @Test("map --out into a directory or a missing directory fails cleanly and prints nothing")
  func mapOutErrors() throws {
    let box = try Sandbox()
    try FileManager.default.createDirectory(atPath: box.path("maps"), withIntermediateDirectories: false)
    let directory = expectInputError(try box.run(["map", "--out", "maps"]))
    #expect(directory == "error: --out maps: is a directory; give a file name such as map.svg")
    let missing = expectInputError(try box.run(["map", "--out", "no/such/dir/map.svg"]))
    #expect(missing.hasPrefix("error: --out no/such/dir/map.svg: cannot write the file"))
    #expect(try box.contents() == ["maps"])
  }

  @Test("map --out through a symbolic link writes the target and keeps the link")
  func mapOutSymlink() throws {
    let box = try Sandbox()
    try box.write("real.svg", "old")
    try FileManager.default.createSymbolicLink(atPath: box.path("link.svg"), withDestinationPath: "real.svg")
    expectSuccess(try box.run(["map", "--out", "link.svg"]))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: box.path("link.svg")) == "real.svg")
    #expect(try box.read("real.svg").hasPrefix("<svg"))
    #expect(try box.contents() == ["link.svg", "real.svg"])
  }

  @Test("map --out to a FIFO writes into it instead of replacing it with a file")
  func mapOutFIFO() throws {
    // The same path is taken for devices such as /dev/stdout, which must never be replaced.
    let box = try Sandbox()
    let fifo = box.path("map.fifo")
    try #require(mkfifo(fifo, 0o600) == 0)
    // Open the reading end without blocking, then drain it while the command runs.
    let fd = open(fifo, O_RDONLY | O_NONBLOCK)
    try #require(fd >= 0)
    let reader = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    let drained = DispatchSemaphore(value: 0)
    let received = Received()
    DispatchQueue.global().async {
      _ = fcntl(fd, F_SETFL, 0)  // blocking reads from here on
      var sawWriter = false
      while true {
        let chunk = reader.availableData
        if chunk.isEmpty {
          // EOF: before the writer opened (retry) or after it closed (done).
          if sawWriter || received.timedOut { break }
          usleep(10_000)
          continue
        }
        sawWriter = true
        received.append(chunk)
      }
      drained.signal()
    }
    let result = try box.run(["map", "--out", "map.fifo"])
    received.timedOut = true
    _ = drained.wait(timeout: .now() + 30)
    expectSuccess(result)
    var info = stat()
    #expect(lstat(fifo, &info) == 0)
    #expect(info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
    #expect(String(decoding: received.data, as: UTF8.self).hasPrefix("<svg"))
  }

  @Test("map --out with an empty name is refused")
  func mapOutEmpty() throws {
    let message = expectInputError(try run(["map", "--out", ""]))
    #expect(message == "error: --out needs a file name such as map.svg")
  }

  @Test("map --format json has the placement document's shape")
  func mapJSON() throws {
    let ids = try shippedIDs()
    let result = try run(["map", "--format", "json"])
    expectSuccess(result)
    let document = jsonObject(result.stdout)
    #expect(Set(document.keys) == ["rubric", "domains"])
    let rubric = try #require(document["rubric"] as? [String: Any])
    #expect(rubric["version"] is String)
    #expect(rubric["countries"] as? [String] == ["US", "CN"])
    #expect(rubric["thresholds"] is [String: Any])
    let domains = jsonDomains(result.stdout)
    #expect(domains.compactMap { $0["id"] as? String } == ids)
    for domain in domains {
      for key in ["id", "name", "gains", "risk", "quadrant", "borderline", "missing", "contributions", "strategy"] {
        #expect(domain[key] != nil, "domain \(domain["id"] ?? "?") has '\(key)'")
      }
      #expect(domain["gains"] is Double)
      #expect(domain["borderline"] is Bool)
      #expect(domain["missing"] is [String])
      let quadrant = try #require(domain["quadrant"] as? String)
      #expect(["safe-zone", "political-engineering", "monitor", "traditional"].contains(quadrant))
      let contributions = try #require(domain["contributions"] as? [String: Any])
      #expect(Set(contributions.keys) == Set(Fixtures.criterionIDs))
      let strategy = try #require(domain["strategy"] as? [String: Any])
      #expect(strategy["stance"] is [String: Any])
      #expect(strategy["actions"] is [Any])
    }
  }

  @Test("map --format csv has a header and one row per domain")
  func mapCSV() throws {
    let ids = try shippedIDs()
    let result = try run(["map", "--format", "csv"])
    expectSuccess(result)
    #expect(result.stdout.hasSuffix("\r\n"))
    let rows = csvRows(result.stdout)
    #expect(rows.first?.hasPrefix("id,name,gains,risk,quadrant,borderline,") == true)
    #expect(rows.first?.hasSuffix(Fixtures.criterionIDs.joined(separator: ",")) == true)
    #expect(rows.count == ids.count + 1)
    for (row, id) in zip(rows.dropFirst(), ids) { #expect(row.hasPrefix(id + ","), "\(row)") }
  }

  @Test(
    "map --quadrant keeps only that quadrant (repeatable)",
    arguments: ["safe-zone", "political-engineering", "monitor", "traditional"])
  func mapQuadrantFilter(quadrant: String) throws {
    let all = jsonDomains(try run(["domains", "--format", "json"]).stdout)
    let expected = all.filter { $0["quadrant"] as? String == quadrant }.compactMap { $0["id"] as? String }
    let result = try run(["map", "--quadrant", quadrant, "--format", "json"])
    expectSuccess(result)
    #expect(jsonDomains(result.stdout).compactMap { $0["id"] as? String } == expected)
  }

  @Test("map --quadrant twice keeps either quadrant")
  func mapTwoQuadrants() throws {
    let all = jsonDomains(try run(["domains", "--format", "json"]).stdout)
    let wanted: Set = ["safe-zone", "monitor"]
    let expected = all.filter { wanted.contains($0["quadrant"] as? String ?? "") }.compactMap { $0["id"] as? String }
    let result = try run(["map", "--quadrant", "safe-zone", "--quadrant", "monitor", "--format", "csv"])
    expectSuccess(result)
    #expect(csvRows(result.stdout).dropFirst().map { String($0.prefix { $0 != "," }) } == expected)
  }

  @Test("map --tag keeps only domains with the tag")
  func mapTagFilter() throws {
    let all = jsonDomains(try run(["domains", "--format", "json"]).stdout)
    let firstTags: [String] = all.compactMap { domain in (domain["tags"] as? [String])?.first }
    let tag = try #require(firstTags.first, "a shipped domain has a tag")
    let expected = all.filter { ($0["tags"] as? [String] ?? []).contains(tag) }.compactMap { $0["id"] as? String }
    let result = try run(["map", "--tag", tag, "--format", "json"])
    expectSuccess(result)
    #expect(jsonDomains(result.stdout).compactMap { $0["id"] as? String } == expected)
    #expect(!expected.isEmpty)

    let none = try run(["map", "--tag", "no-such-tag-anywhere"])
    expectSuccess(none)
    #expect(none.stdout.split(separator: "\n").count == 2, "only the table header: \(none)")
  }

  @Test("map with an unknown quadrant is a usage error with status 2")
  func mapBadQuadrant() throws {
    let result = try run(["map", "--quadrant", "nowhere"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("'nowhere'"))
    #expect(result.stderr.contains("safe-zone"))
    expectNoCrash(result)
  }
}

/// Bytes collected by a background reader.
final class Received: @unchecked Sendable {
  private let lock = NSLock()
  private var storage = Data()
  private var stopped = false

  var data: Data { lock.withLock { storage } }
  var timedOut: Bool {
    get { lock.withLock { stopped } }
    set { lock.withLock { stopped = newValue } }
  }

  func append(_ chunk: Data) { lock.withLock { storage.append(chunk) } }
}
