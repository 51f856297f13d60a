import ArgumentParser
import Foundation
import SafeZonesCore
import SafeZonesKnowledge

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure scoring speed and print the figures as JSON (use a release build).")

  @Option(name: .long, help: "Number of synthetic domains to score.")
  var domains = 10_000

  @Option(name: .long, help: "Repetitions; the median is reported.")
  var repeats = 5

  @Option(name: .long, help: "Seed of the synthetic domains.")
  var seed: UInt64 = 1

  func validate() throws {
    if domains < 1 { throw ValidationError("--domains must be at least 1") }
    if repeats < 1 { throw ValidationError("--repeats must be at least 1") }
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
      let reports = input.map { DomainReport(domain: $0, rubric: rubric) }
      let scored = DispatchTime.now().uptimeNanoseconds
      let data = try PlacementDocument(rubric: rubric, domains: reports).json()
      let done = DispatchTime.now().uptimeNanoseconds
      bytes = data.count
      scoreTimes.append(Double(scored - start) / 1e9)
      totalTimes.append(Double(done - start) / 1e9)
    }
    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
    let result: [String: Any] = [
      "benchmark": "score-and-write-json",
      "domains": domains,
      "repeats": repeats,
      "score_seconds_median": Format.rounded(median(scoreTimes), digits: 4),
      "score_and_json_seconds_median": Format.rounded(median(totalTimes), digits: 4),
      "json_bytes": bytes,
      "domains_per_second": Int(Double(domains) / median(totalTimes)),
    ]
    let data = try JSONSerialization.data(withJSONObject: result, options: [.prettyPrinted, .sortedKeys])
    FileHandle.standardOutput.write(data)
    Output.write("\n")
  }
}
