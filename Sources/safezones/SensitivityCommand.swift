import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCharts
import SafeZonesCore
import SafeZonesKnowledge

struct SensitivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sensitivity",
    abstract: "Show what drives a domain's placement under uncertainty: tornado, importance, assessors, viability.",
    discussion: """
      Pools each assessor's latest judgement of the domain, propagates it by Monte Carlo, and \
      prints the probability of each quadrant, the tornado (each criterion swept from its 5th to \
      its 95th percentile with the others at their medians, widest first, with the quadrant at \
      each end), the importance (rank correlations), each assessor's influence when there are \
      several, and the viability per perspective. See docs/uncertainty.md.
      """)

  @OptionGroup var common: CommonOptions

  @Argument(help: ArgumentHelp("The domain's id (see `safezones domains`).", valueName: "domain"))
  var domain: String

  @Option(
    name: .long, help: ArgumentHelp("Look the domain up in this file instead of the knowledge base.", valueName: "file")
  )
  var file: String?

  @Option(name: .long, help: "Monte Carlo samples.")
  var samples: Int = MonteCarloDefaults.samples

  @Option(name: .long, help: "Seed of the Monte Carlo run (same seed, same result).")
  var seed: UInt64 = MonteCarloDefaults.seed

  @Option(name: .long, help: "How several assessors are pooled: linear or logarithmic.")
  var pool: PoolingMethod = .linear

  @Option(name: .long, help: ArgumentHelp("Also draw the tornado as SVG to this file.", valueName: "file"))
  var out: String?

  @Option(name: .long, help: "Output format: text or json.")
  var format: SensitivityFormat = .text

  enum SensitivityFormat: String, ExpressibleByArgument { case text, json }

  func validate() throws {
    try SampleOption.validate(samples)
  }

  func run() throws {
    let rubric = try common.loadRubric()
    let (found, _) = try DomainLookup.find(domain, file: file, rubric: rubric)
    guard !found.assessments.isEmpty else {
      throw CommandFailure(tr("domain '{id}' has no assessment to analyse", ["id": .text(domain)]))
    }
    let options = MonteCarlo.Options(samples: samples, seed: seed, cloudSize: 0, importance: true)
    let report = try SensitivityReport.make(found, rubric: rubric, method: pool, options: options)
    if let out {
      let subtitle: [String: LocalizationArgument] = [
        "samples": .text(String(report.samples)), "seed": .text("\(report.seed)"), "pool": .text(report.pool.rawValue),
        "count": .text(String(report.assessors.count)), "version": .text(rubric.version),
      ]
      let svg = TornadoChart.svg(
        bars: report.tornado, title: tr("What moves {name}", ["name": .text(report.name)]),
        subtitle: report.assessors.count == 1
          ? tr("{samples} samples · seed {seed} · {pool} pool of {count} assessor · rubric {version}", subtitle)
          : tr("{samples} samples · seed {seed} · {pool} pool of {count} assessors · rubric {version}", subtitle),
        axis: .both, thresholds: rubric.thresholds, median: (report.median.gains, report.median.risk))
      try Output.save(svg, to: out)
      Output.note(
        tr("wrote {file} ({count} criteria)", ["file": .text(out), "count": .text(String(report.tornado.count))]))
    }
    switch format {
    case .text: Output.write(TextOutput.sensitivity(report))
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(report))
      Output.write("\n")
    }
  }
}
