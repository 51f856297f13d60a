import Foundation
import SafeZonesTestSupport
import Testing

@testable import SafeZonesCore

@Suite("Stable JSON encoder")
struct StableJSONTests {
  func foundation<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  func stable<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try StableJSONEncoder().encode(value), as: UTF8.self)
  }

  @Test("writes exactly what Foundation's JSONEncoder writes for placement reports")
  func reports() throws {
    let rubric = Fixtures.rubric()
    var rng = SplitMix64(seed: 5)
    var domains = Synthetic.domains(count: 40, rubric: rubric, using: &rng)
    domains[0].name = "Tricky \"quotes\" \\ back/slash\n\ttab \u{1} é 中文"
    domains[1].assessments[0].scores[.military] = CriterionScore(
      2, rationale: "", evidence: ["https://example.org/a?b=c&d"])
    domains[2].assessments[0].scores = [:]
    let document = PlacementDocument(rubric: rubric, placed: PlacedDomain.many(domains, rubric: rubric))
    let (a, b) = (try stable(document), try foundation(document))
    if a != b {
      try? a.write(toFile: "/tmp/stable.json", atomically: true, encoding: .utf8)
      try? b.write(toFile: "/tmp/foundation.json", atomically: true, encoding: .utf8)
    }
    #expect(a == b)
  }

  @Test("the hand-written report writer matches Foundation byte for byte, with uncertainty attached")
  func fastReports() throws {
    let rubric = Fixtures.rubric()
    var rng = SplitMix64(seed: 8)
    var domains = Synthetic.domains(count: 30, rubric: rubric, using: &rng)
    domains[0].name = "Tricky \"quotes\" \\ back/slash\n\ttab \u{1} é"
    domains[0].source = "Essay, §2"
    domains[1].links = [
      DomainLink(target: "domain-0", kind: "enables", weight: 0.5, rationale: "why"),
      DomainLink(target: "domain-2", kind: "related", weight: 1, rationale: nil),
    ]
    domains[2].assessments[0].scores = [:]
    domains[3].assessments[0].scores[.military] = CriterionScore(3, rationale: "r", evidence: ["a", "b"])
    var placed = PlacedDomain.many(domains, rubric: rubric)
    let pooled = try domains.prefix(4).map { try Pooling.pool(try Judge.current(of: $0), id: $0.id) }
    let results = MonteCarlo.run(
      pooled, rubric: rubric, options: .init(samples: 500, seed: 1, threads: 1, importance: true))
    for i in 0..<4 {
      var viability: Viability?
      if i == 1 {
        viability = Viability(viable: false, perspectives: [], reasons: ["no assessment from the CN side yet"])
      }
      placed[i].uncertainty = PlacedDomain.Uncertainty(
        placement: results[i], assessors: pooled[i].judges.map(\.assessor), pooling: pooled[i].method,
        viability: viability)
    }
    let document = PlacementDocument(rubric: rubric, placed: placed)
    #expect(String(decoding: try document.json(), as: UTF8.self) == (try foundation(document)))
    let empty = PlacementDocument(rubric: rubric, domains: [])
    #expect(String(decoding: try empty.json(), as: UTF8.self) == (try foundation(empty)))
    #expect(try PlacementDocument.json(rubric: rubric, placed: placed) == document.json())
    #expect(try PlacementDocument.json(rubric: rubric, placed: []) == empty.json())
  }

  @Test("the document written in parallel fragments is the one Foundation writes, for any count")
  func parallelFragments() throws {
    let rubric = Fixtures.rubric()
    var rng = SplitMix64(seed: 9)
    let domains = Synthetic.domains(count: 700, rubric: rubric, using: &rng)
    let placed = PlacedDomain.many(domains, rubric: rubric)
    // Counts around the chunking's edges: one, below and above the parallel threshold, and
    // counts that leave a short last chunk.
    for count in [1, 64, 65, 129, 700] {
      let document = PlacementDocument(rubric: rubric, placed: Array(placed.prefix(count)))
      let written = try PlacementDocument.json(rubric: rubric, placed: Array(placed.prefix(count)))
      #expect(String(decoding: written, as: UTF8.self) == (try foundation(document)), "count \(count)")
    }
  }

  @Test("a large document streams in pieces, a batch of domains each, that join into the same bytes")
  func streamedPieces() throws {
    let rubric = Fixtures.rubric()
    var rng = SplitMix64(seed: 10)
    let count = PlacementDocument.batch * 2 + 3
    let placed = PlacedDomain.many(Synthetic.domains(count: count, rubric: rubric, using: &rng), rubric: rubric)
    var pieces: [Data] = []
    try PlacementDocument.write(rubric: rubric, placed: placed) { pieces.append($0) }
    // Three batches of domains, then the rest of the frame.
    #expect(pieces.count == 4)
    #expect(pieces.reduce(Data(), +) == (try PlacementDocument(rubric: rubric, placed: placed).json()))
  }

  @Test("writes exactly what Foundation writes for exports, including quantiles")
  func exports() throws {
    let rubric = Fixtures.rubric()
    var rng = SplitMix64(seed: 6)
    var domains = Synthetic.domains(count: 5, rubric: rubric, using: &rng)
    domains[0].assessments[0].scores[.parity] = CriterionScore(
      .quantiles([
        ElicitedQuantile(p: 0.05, value: 1), ElicitedQuantile(p: 0.5, value: 2.25),
        ElicitedQuantile(p: 0.95, value: 3.5),
      ]))
    domains[1].links = [DomainLink(target: "domain-0", kind: "enables", weight: 0.25, rationale: nil)]
    let export = DomainExport(domains: domains, rubricVersion: "v1")
    #expect(try stable(export) == foundation(export))
  }

  @Test("numbers: integral values without a fraction, others in shortest form")
  func numbers() {
    #expect(StableJSONEncoder.number(1) == "1")
    #expect(StableJSONEncoder.number(-3) == "-3")
    #expect(StableJSONEncoder.number(0.1 + 0.2) == "0.30000000000000004")
    #expect(StableJSONEncoder.number(0.0326) == "0.0326")
  }

  @Test("keys become snake_case")
  func snake() {
    #expect(StableJSONEncoder.snakeCase("gainsRange") == "gains_range")
    #expect(StableJSONEncoder.snakeCase("id") == "id")
    #expect(StableJSONEncoder.snakeCase("public_good") == "public_good")
  }
}
