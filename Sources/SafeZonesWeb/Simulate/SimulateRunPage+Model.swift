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
    // Computed for each request (the page and the status endpoint), so in the reader's
    // language; the failure's own message is stored, and stays as written.
    case "queued":
      if ahead == 0 { return tr("Queued: starting…") }
      return ahead == 1
        ? tr("Queued: 1 run ahead of this one")
        : tr("Queued: {count} runs ahead of this one", ["count": .text(String(ahead))])
    case "running":
      return tr(
        "Running: {percent}% ({done} of {total} trials simulated)",
        ["percent": .text(String(percent)), "done": .text(String(done)), "total": .text(String(total))])
    case "done": return tr("Done")
    case "failed":
      return run.message.map { tr("Failed: {message}", ["message": .text($0)]) } ?? tr("Failed: no reason was recorded")
    default:
      return tr(
        "Interrupted: the server running it stopped at {percent}%; another server (or this one when it restarts) takes it over and runs it again",
        ["percent": .text(String(percent))])
    }
  }
}
