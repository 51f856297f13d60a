import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesTestSupport

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure speed and print the figures as JSON (use a release build: swift run -c release).",
    subcommands: [
      ScoreBench.self, MonteCarloBench.self, SimulationBench.self, MapBench.self, SearchBench.self, ScreenBench.self,
      StressBench.self,
    ],
    defaultSubcommand: ScoreBench.self)
}

func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

func printJSON(_ object: [String: Any]) throws {
  let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
  FileHandle.standardOutput.write(data)
  Output.write("\n")
}

func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

struct ScoreBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score", abstract: "Score synthetic domains and write the JSON report.")

  @Option(name: .long, help: "Number of synthetic domains to score.")
  var domains = 10_000

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 5

  @Option(name: .long, help: "Seed of the synthetic domains.")
  var seed: UInt64 = 1

  func validate() throws {
    try requireRange(domains, 1...1_000_000, "--domains")
    try requireRange(repeats, 1...100, "--repeats")
  }

  func run() throws {
    let rubric = try KnowledgeBase.rubric()
    var rng = SplitMix64(seed: seed)
    let input = Synthetic.domains(count: domains, rubric: rubric, using: &rng)
    var scoreTimes: [Double] = []
    var totalTimes: [Double] = []
    var bytes = 0
    for _ in 0..<repeats {
      let start = DispatchTime.now().uptimeNanoseconds
      let placed = PlacedDomain.many(input, rubric: rubric)
      let scored = seconds(since: start)
      let data = try PlacementDocument.json(rubric: rubric, placed: placed)
      totalTimes.append(seconds(since: start))
      scoreTimes.append(scored)
      bytes = data.count
    }
    try printJSON([
      "benchmark": "score-and-write-json",
      "domains": domains,
      "repeats": repeats,
      "score_seconds_median": Format.rounded(median(scoreTimes), digits: 4),
      "score_and_json_seconds_median": Format.rounded(median(totalTimes), digits: 4),
      "json_bytes": bytes,
      "domains_per_second": Int(Double(domains) / median(totalTimes)),
    ])
  }
}

struct MapBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "map", abstract: "Draw the map of synthetic domains (layout, label placement and SVG).")

  @Option(name: .long, help: "Number of synthetic domains on the map.")
  var domains = 1_000

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 5

  @Option(name: .long, help: "Seed of the synthetic domains.")
  var seed: UInt64 = 1

  @Option(name: .long, help: ArgumentHelp("Also write the map to this file.", valueName: "file"))
  var out: String?

  func validate() throws {
    try requireRange(domains, 1...100_000, "--domains")
    try requireRange(repeats, 1...100, "--repeats")
  }

  func run() throws {
    let rubric = try KnowledgeBase.rubric()
    var rng = SplitMix64(seed: seed)
    let points = PlacedDomain.many(Synthetic.domains(count: domains, rubric: rubric, using: &rng), rubric: rubric)
      .map { MapPoint($0) }
    var times: [Double] = []
    var svg = ""
    for _ in 0..<repeats {
      let start = DispatchTime.now().uptimeNanoseconds
      svg = MapChart.svg(points, options: MapOptions(rubric: rubric, linkPrefix: "/domains/"))
      times.append(seconds(since: start))
    }
    if let out { try Output.save(svg, to: out) }
    try printJSON([
      "benchmark": "map-svg",
      "domains": domains,
      "repeats": repeats,
      "svg_seconds_median": Format.rounded(median(times), digits: 4),
      "svg_bytes": svg.utf8.count,
    ])
  }
}

struct MonteCarloBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "montecarlo",
    abstract: "Quadrant probabilities for synthetic domains whose criteria are all PERT (beta) distributions.")

  @Option(name: .long, help: "Number of synthetic domains.")
  var domains = 1_000

  @Option(name: .long, help: "Samples per domain.")
  var samples = 10_000

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 3

  @Option(name: .long, help: "Seed.")
  var seed: UInt64 = 1

  @Option(
    name: .long,
    help: ArgumentHelp("Also write the synthetic ranges as JSON here (for the numpy comparison).", valueName: "file"))
  var dump: String?

  func validate() throws {
    try requireRange(domains, 1...100_000, "--domains")
    try requireRange(samples, 1...10_000_000, "--samples")
    try requireRange(repeats, 1...100, "--repeats")
    if let threads { try requireRange(threads, 1...256, "--threads") }
  }

  func run() throws {
    let rubric = try KnowledgeBase.rubric()
    var rng = SplitMix64(seed: seed)
    // Every criterion a range [low, likely, high] with low < high: all 14 are beta-distributed.
    var ranges: [[[Double]]] = []
    let judges = (0..<domains).map { _ -> Judge in
      var d: [CriterionID: ScoreDistribution] = [:]
      var row: [[Double]] = []
      for c in rubric.criteria {
        let low = Double.random(in: 0...2, using: &rng)
        let high = Double.random(in: (low + 0.5)...4, using: &rng)
        let likely = Double.random(in: low...high, using: &rng)
        d[c.id] = .pert(low: low, likely: likely, high: high)
        row.append([low, likely, high])
      }
      ranges.append(row)
      return Judge(assessor: "bench", distributions: d)
    }
    if let dump {
      let data = try JSONSerialization.data(withJSONObject: [
        "criteria": rubric.criteria.map(\.id.rawValue), "ranges": ranges, "seed": seed, "samples": samples,
      ])
      try data.write(to: URL(fileURLWithPath: dump))
    }
    let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
    var poolTimes: [Double] = []
    var runTimes: [Double] = []
    var checksum = 0.0
    for _ in 0..<repeats {
      let start = DispatchTime.now().uptimeNanoseconds
      let pooled = try Pooling.pool(many: judges.enumerated().map { ("d\($0.offset)", [$0.element]) })
      poolTimes.append(seconds(since: start))
      let mcStart = DispatchTime.now().uptimeNanoseconds
      let results = MonteCarlo.run(
        pooled, rubric: rubric, options: .init(samples: samples, seed: seed, threads: workers, cloudSize: 0))
      runTimes.append(seconds(since: mcStart))
      checksum = results.map { $0.probabilities[.safeZone]! }.reduce(0, +)
    }
    let total = Double(domains) * Double(samples)
    let perSecond = total / median(runTimes)
    try printJSON([
      "benchmark": "monte-carlo-quadrant-probabilities",
      "domains": domains,
      "criteria": rubric.criteria.count,
      "samples": samples,
      "threads": workers,
      "repeats": repeats,
      "pool_seconds_median": Format.rounded(median(poolTimes), digits: 4),
      "sampling_seconds_median": Format.rounded(median(runTimes), digits: 4),
      "domain_samples_per_second": Int(perSecond),
      "domain_samples_per_second_per_core": Int(perSecond / Double(workers)),
      "domain_samples_per_second_including_pooling": Int(total / (median(poolTimes) + median(runTimes))),
      "mean_p_safe_zone": Format.rounded(checksum / Double(domains), digits: 4),
    ])
  }
}

struct SimulationBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate synthetic collaborations under random shocks (trials × collaborations × years per second).")

  @Option(name: .long, help: "Number of synthetic collaborations.")
  var collaborations = 500

  @Option(name: .long, help: "Years simulated.")
  var years = 20

  @Option(name: .long, help: "Trials.")
  var trials = 100_000

  @Option(name: .long, help: "Worker threads (default: all cores).")
  var threads: Int?

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 1

  @Option(name: .long, help: "Seed.")
  var seed: UInt64 = 1

  @Option(
    name: .long,
    help: ArgumentHelp("Also write the model's inputs as JSON here (for the numpy comparison).", valueName: "file"))
  var dump: String?

  func validate() throws {
    try requireRange(collaborations, 1...100_000, "--collaborations")
    try requireRange(years, 1...200, "--years")
    try requireRange(trials, 1...10_000_000, "--trials")
    try requireRange(repeats, 1...100, "--repeats")
    if let threads { try requireRange(threads, 1...256, "--threads") }
  }

  /// A catalogue with the essay's five kinds of shock, fixed here so the benchmark does not
  /// move when the shipped catalogue is edited.
  static let catalogue = ShockCatalogue(
    version: "bench",
    shocks: [
      ShockKind(
        id: "hacking", name: "Hacking event", rate: 0.25, severityAlpha: 2, severityBeta: 5, impact: 0.25,
        amplifies: [.securityExposure: 0.8], settlement: 0.3, recoveryYears: 2),
      ShockKind(
        id: "escalation", name: "Military escalation", rate: 0.15, severityAlpha: 2, severityBeta: 3, impact: 0.4,
        amplifies: [.military: 1], settlement: 0.2, recoveryYears: 4),
      ShockKind(
        id: "backlash", name: "Political backlash", rate: 0.3, severityAlpha: 2, severityBeta: 4, impact: 0.15,
        amplifies: [.salience: 0.8], settlement: 0.1, recoveryYears: 3),
      ShockKind(
        id: "financial", name: "Financial losses", rate: 0.1, severityAlpha: 2, severityBeta: 4, impact: 0.2,
        amplifies: [.economic: 0.8], settlement: 0.2, recoveryYears: 3),
      ShockKind(
        id: "incident", name: "Diplomatic incident", rate: 0.1, severityAlpha: 3, severityBeta: 3, impact: 0.3,
        amplifies: [.salience: 0.5], settlement: 0.6, recoveryYears: 1.5),
    ])

  func run() throws {
    var rng = SplitMix64(seed: seed)
    let risky = CriterionID.riskCriteria
    var collabs: [Collaboration] = []
    var profiles: [RiskProfile] = []
    for i in 0..<collaborations {
      collabs.append(
        Collaboration(
          id: "c\(i)", name: "Collaboration \(i)", domains: [], value: Double.random(in: 1...20, using: &rng),
          budget: Double.random(in: 1...10, using: &rng), buffer: Double.random(in: 0...4, using: &rng),
          structure: Int.random(in: 0..<3, using: &rng) == 0 ? .separate : .integrated))
      profiles.append(
        RiskProfile(
          risk: Double.random(in: 0.05...0.9, using: &rng), gains: 0.5,
          exposure: Dictionary(uniqueKeysWithValues: risky.map { ($0, Double.random(in: 0...1, using: &rng)) })))
    }
    let simulator = Simulator(catalogue: Self.catalogue, collaborations: collabs, profiles: profiles, years: years)
    if let dump {
      struct Dump: Encodable {
        var catalogue: ShockCatalogue
        var collaborations: [Collaboration]
        var profiles: [RiskProfile]
        var riskCriteria: [String]
        var years: Int
      }
      try StableJSONEncoder(pretty: false).encode(
        Dump(
          catalogue: Self.catalogue, collaborations: collabs, profiles: profiles, riskCriteria: risky.map(\.rawValue),
          years: years)
      ).write(to: URL(fileURLWithPath: dump))
    }
    let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
    var times: [Double] = []
    var expected = 0.0
    for _ in 0..<repeats {
      let start = DispatchTime.now().uptimeNanoseconds
      let result = simulator.run(SimulationOptions(trials: trials, seed: seed, threads: workers)).result
      times.append(seconds(since: start))
      expected = result.portfolio.delivered.mean
    }
    let work = Double(trials) * Double(collaborations) * Double(years)
    try printJSON([
      "benchmark": "simulate-collaborations",
      "collaborations": collaborations,
      "years": years,
      "trials": trials,
      "threads": workers,
      "seconds_median": Format.rounded(median(times), digits: 3),
      "collaboration_years_per_second": Int(work / median(times)),
      "collaboration_years_per_second_per_core": Int(work / median(times) / Double(workers)),
      "portfolio_expected_gains": expected,
    ])
  }
}

/// Matching speed: a proposal-sized query against an index of domains and taxonomy entries,
/// the screening's workload (issue: 2,000 words against 500 documents in under 50 ms).
/// Seeded text in the words people write about such work: every rationale of the knowledge
/// base, drawn at random (for the search and screening benchmarks).
struct BenchWords {
  let vocabulary: [String]
  var rng: SplitMix64

  init(_ domains: [Domain], seed: UInt64) {
    vocabulary = domains.flatMap { d in
      d.assessments.flatMap { a in a.scores.values.compactMap(\.rationale) }
    }.flatMap { TextAnalyzer.words($0) }
    rng = SplitMix64(seed: seed)
  }

  mutating func text(_ n: Int) -> String {
    (0..<n).map { _ in vocabulary[Int(rng.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
  }
}

struct SearchBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "search",
    abstract: "Index documents (the shipped domains and taxonomy entries, then seeded filler) and search a long text.")

  @Option(name: .long, help: "Documents in the index.")
  var documents = 500

  @Option(name: .long, help: "Words in the query.")
  var words = 2_000

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 20

  @Option(name: .long, help: "Seed of the filler documents and the query.")
  var seed: UInt64 = 1

  func validate() throws {
    try requireRange(documents, 1...100_000, "--documents")
    try requireRange(words, 1...100_000, "--words")
    try requireRange(repeats, 1...1_000, "--repeats")
  }

  func run() throws {
    let domains = try KnowledgeBase.domains()
    var docs = domains.map { DomainSearch.document($0, rationales: true) }
    for taxonomy in try KnowledgeBase.taxonomies() {
      docs += taxonomy.entries.map { TaxonomySearch.document(taxonomy, $0) }
    }
    var draw = BenchWords(domains, seed: seed)
    while docs.count < documents {
      docs.append(SearchDocument(id: "filler-\(docs.count)", fields: [.init(draw.text(60))]))
    }
    docs = Array(docs.prefix(documents))
    let query = draw.text(words)
    // The analysis screening uses (stemmer, search stop words, synonyms).
    let shipped = try ShippedSearch()
    let (analyzer, synonyms) = (shipped.analyzer, shipped.synonyms)
    var buildTimes: [Double] = []
    var searchTimes: [Double] = []
    var hits = 0
    for _ in 0..<repeats {
      var start = DispatchTime.now().uptimeNanoseconds
      let index = SearchIndex(docs, analyzer: analyzer)
      buildTimes.append(seconds(since: start))
      start = DispatchTime.now().uptimeNanoseconds
      hits = index.search(query, synonyms: synonyms).count
      searchTimes.append(seconds(since: start))
    }
    try printJSON([
      "benchmark": "search",
      "documents": docs.count,
      "query_words": words,
      "repeats": repeats,
      "hits": hits,
      "index_build_ms_median": Format.rounded(median(buildTimes) * 1_000, digits: 2),
      "search_ms_median": Format.rounded(median(searchTimes) * 1_000, digits: 2),
      "search_ms_max": Format.rounded((searchTimes.max() ?? 0) * 1_000, digits: 2),
    ])
  }
}

struct ScreenBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen",
    abstract: "Screen a long proposal against the shipped domains (plus synthetic ones) and taxonomies.")

  @Option(name: .long, help: "Domains in the index: the shipped ones, then synthetic filler.")
  var domains = 500

  @Option(name: .long, help: "Words in the proposal (its abstract and four aims).")
  var words = 2_000

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 20

  @Option(name: .long, help: "Seed of the filler domains and the proposal's words.")
  var seed: UInt64 = 1

  func validate() throws {
    try requireRange(domains, 1...100_000, "--domains")
    try requireRange(words, 10...100_000, "--words")
    try requireRange(repeats, 1...1_000, "--repeats")
  }

  func run() throws {
    let rubric = try KnowledgeBase.rubric()
    var all = try KnowledgeBase.domains()
    var draw = BenchWords(all, seed: seed)
    if all.count < domains {
      var filler = Synthetic.domains(count: domains - all.count, rubric: rubric, using: &draw.rng)
      for i in filler.indices { filler[i].summary = draw.text(40) }
      all += filler
    }
    all = Array(all.prefix(domains))
    let placed = PlacedDomain.many(all, rubric: rubric)
    var start = DispatchTime.now().uptimeNanoseconds
    let screener = try ProposalScreener(placed: placed, rubric: rubric, taxonomies: try KnowledgeBase.taxonomies())
    let build = seconds(since: start)
    let part = words / 5
    let proposal = Proposal(
      id: "bench", title: "Benchmark proposal", abstract: draw.text(words - 4 * part),
      aims: (1...4).map { Proposal.Aim(id: "a\($0)", text: draw.text(part)) })
    var times: [Double] = []
    var placedAims = 0
    for _ in 0..<repeats {
      start = DispatchTime.now().uptimeNanoseconds
      let screening = screener.screen(proposal)
      times.append(seconds(since: start))
      placedAims = screening.aims.filter { $0.placement != nil }.count
    }
    try printJSON([
      "benchmark": "screen",
      "domains": all.count,
      "taxonomy_entries": screener.categoryNames.count,
      "proposal_words": words,
      "aims": proposal.aims.count,
      "aims_placed": placedAims,
      "repeats": repeats,
      "indexes_build_ms": Format.rounded(build * 1_000, digits: 2),
      "screen_ms_median": Format.rounded(median(times) * 1_000, digits: 2),
      "screen_ms_max": Format.rounded((times.max() ?? 0) * 1_000, digits: 2),
    ])
  }
}

struct StressBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stress",
    abstract: "Solve every single-node TTS and impact LP of a generated supply network, on one and on all cores.")

  @Option(name: .long, help: "Nodes of the generated network (5 tiers, 4 countries).")
  var nodes = 1_000

  @Option(name: .long, help: "Seed of the generated network.")
  var seed: UInt64 = 1

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Also write the LPs for scipy (Tests/reference/check_supply_chain.py --bench).", valueName: "file"))
  var exportLp: String?

  func validate() throws {
    try requireRange(nodes, 10...20_000, "--nodes")
  }

  func run() throws {
    let network = SyntheticSupplyNetwork.generate(nodes: nodes, seed: seed)
    let problems = network.validate()
    if let first = problems.first {
      throw CommandFailure(tr("the generated network is invalid: {problem}", ["problem": .text("\(first)")]))
    }
    let singles = StressScenario.all(network).filter { $0.kind == .node }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var start = DispatchTime.now().uptimeNanoseconds
    let model = StressModel(network)
    let build = seconds(since: start)
    var figures: [String: Any] = [
      "benchmark": "stress", "nodes": network.nodes.count, "links": network.links.count,
      "columns": model.program.columns.count, "rows": model.program.rows.count,
      "nonzeros": model.program.rows.reduce(0) { $0 + $1.terms.count }, "solver": SupplyChains.solver.name,
      "model_build_ms": Format.rounded(build * 1_000, digits: 2), "cores": cores,
    ]
    for workers in Array(Set([1, cores])).sorted() {
      start = DispatchTime.now().uptimeNanoseconds
      let report = try StressTest.run(
        network, solver: SupplyChains.solver,
        settings: .init(scenarios: singles.map(\.id), workers: workers))
      let took = seconds(since: start)
      let lps = report.lpsSolved
      figures["workers_\(workers)"] = [
        "lps": lps, "seconds": Format.rounded(took, digits: 3),
        "lps_per_second": Format.rounded(Double(lps) / took, digits: 1),
        "nodes_at_risk": report.nodes.filter(\.atRisk).count,
      ]
    }
    if let exportLp {
      let runner = try StressRunner(model, solver: SupplyChains.solver)
      try Output.save(
        String(decoding: StressExport.json(model, try StressExport.problems(singles, runner: runner)), as: UTF8.self),
        to: exportLp)
    }
    try printJSON(figures)
  }
}

/// Refuses a benchmark option outside its range, naming it (`--samples must be between 1
/// and 10000000`).
private func requireRange(_ value: Int, _ range: ClosedRange<Int>, _ option: String) throws {
  guard !range.contains(value) else { return }
  throw ValidationError(
    tr(
      "{option} must be between {min} and {max}",
      ["option": .text(option), "min": .text(String(range.lowerBound)), "max": .text(String(range.upperBound))]))
}
