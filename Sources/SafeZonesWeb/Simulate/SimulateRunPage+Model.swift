import Foundation
import Plot
import SafeZonesCharts
import SafeZonesCore

/// `/simulate/runs/:id`: a run's progress while it waits or runs, then its results.
struct SimulateRunModel {
  var run: SimulationRun
  /// This server's progress of the run, while it is queued or running here.
  var progress: SimulationRunner.Progress?
  var report: SimulationReport?

  /// `queued`, `running`, `done`, `failed`, or `interrupted` (unfinished in the store, but
  /// not running on this server: it restarted).
  var state: String {
    if run.isFinished { return run.status.rawValue }
    guard let progress else { return "interrupted" }
    return progress.started ? "running" : "queued"
  }

  /// Still to come: the page follows the run.
  var isWaiting: Bool { state == "queued" || state == "running" }

  var progressLabel: String {
    switch state {
    case "queued":
      let ahead = progress?.ahead ?? 0
      return ahead == 0 ? "Queued: starting…" : "Queued: \(ahead) run\(ahead == 1 ? "" : "s") ahead of this one"
    case "running":
      let p = progress ?? .init(done: 0, total: run.inputs.trials, ahead: 0, started: true)
      return "Running: \(p.percent)% (\(p.done) of \(p.total) trials simulated)"
    case "done": return "Done"
    case "failed": return "Failed: \(run.message ?? "no reason was recorded")"
    default: return "Interrupted: the server stopped before this run finished"
    }
  }
}
