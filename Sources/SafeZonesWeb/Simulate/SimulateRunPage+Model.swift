import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

/// `/simulate/runs/:id`: a run's progress while it waits or runs, then its results.
struct SimulateRunModel {
  var run: SimulationRun
  /// This server's live progress, while it computes the run.
  var live: SimulationRunner.Progress?
  /// Queued runs ahead of this one.
  var ahead: Int
  var report: SimulationReport?
  var now: Date

  /// `queued`, `running`, `done`, `failed`, or `interrupted` (running, but its worker has
  /// stopped reporting: its server died, and another worker will take it over).
  var state: String { Self.state(of: run, now: now) }

  static func state(of run: SimulationRun, now: Date) -> String {
    if run.status == .running, let beat = run.heartbeatAt,
      now.timeIntervalSince(beat) > SimulationRunner.staleAfter
    {
      return "interrupted"
    }
    return run.status.rawValue
  }

  /// Still to come: the page follows the run.
  var isWaiting: Bool { !run.isFinished }

  var total: Int { live?.total ?? run.inputs.trials * (run.inputs.compareStructures ? 3 : 1) }
  var done: Int { run.status == .done ? total : min(total, live?.done ?? run.progress) }
  var percent: Int { run.status == .done ? 100 : total > 0 ? min(100, done * 100 / total) : 0 }

  var progressLabel: String {
    switch state {
    case "queued":
      return ahead == 0 ? "Queued: starting…" : "Queued: \(ahead) run\(ahead == 1 ? "" : "s") ahead of this one"
    case "running":
      return "Running: \(percent)% (\(done) of \(total) trials simulated)"
    case "done": return "Done"
    case "failed": return "Failed: \(run.message ?? "no reason was recorded")"
    default:
      return
        "Interrupted: the server running it stopped at \(percent)%; another server (or this one when it restarts) takes it over and runs it again"
    }
  }
}
