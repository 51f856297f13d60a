import Foundation
import Plot
import SafeZonesCore

/// What the simulation form holds, as typed.
struct SimulateForm: Sendable {
  var portfolio = ""
  var scenario = ""
  var trials = "10000"
  var seed = "1"
  /// Empty: the portfolio's horizon.
  var years = ""
  var compareStructures = false
  var frontier = true

  init(
    portfolio: String = "", scenario: String = "", trials: String = "10000", seed: String = "1", years: String = "",
    compareStructures: Bool = false, frontier: Bool = true
  ) {
    self.portfolio = portfolio
    self.scenario = scenario
    self.trials = trials
    self.seed = seed
    self.years = years
    self.compareStructures = compareStructures
    self.frontier = frontier
  }

  /// The form filled with a stored run's inputs, to run them again.
  init(_ run: NewSimulationRun) {
    self.init(
      portfolio: run.portfolioText, scenario: run.scenarioText ?? "", trials: String(run.trials),
      seed: String(run.seed), years: String(run.years), compareStructures: run.compareStructures,
      frontier: run.frontier)
  }
}

/// `/simulate`: the form that starts a run, and the past runs.
struct SimulatePageModel {
  struct Entry {
    var run: SimulationRun
    /// The run's status, or `interrupted` when the store shows it unfinished but this server
    /// is not running it.
    var status: String
  }

  var form: SimulateForm
  /// Whether the reader may start runs (facilitators).
  var canStart = true
  var issues: [InputIssue]
  var notice: String?
  var runs: [Entry]
  var csrf: String
  /// The range of trials a run may ask for.
  var trials: ClosedRange<Int>
  var maxKiB: Int

  var errors: [String: [String]] {
    var out: [String: [String]] = [:]
    for issue in issues { out[issue.key ?? "form", default: []].append(issue.message) }
    return out
  }
}
