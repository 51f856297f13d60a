import Foundation
import SafeZonesCore

/// The charts of a simulation report, as the command line writes them and the web app
/// shows them.
public enum SimulationCharts {
  public enum Kind: String, Sendable, CaseIterable {
    case fan, survival, frontier

    /// The file name `--out-dir` writes.
    public var fileName: String { "\(rawValue).svg" }
  }

  /// One chart; `nil` for the frontier when the report has none.
  public static func svg(_ kind: Kind, _ r: SimulationReport) -> String? {
    let portfolio = r.inputs.portfolio
    let years = r.inputs.years
    let context =
      "\(r.inputs.trials) trials, seed \(r.inputs.seed), shocks \(r.inputs.catalogueVersion)"
      + (r.inputs.scenario.map { ", scenario “\($0)”" } ?? "")
    switch kind {
    case .fan:
      let shockNames = r.inputs.events.map { ChartEvent(year: $0.year, label: Self.eventLabel($0)) }
      return FanChart.svg(
        r.portfolio, events: shockNames,
        options: SimulationChartOptions(
          title: "\(portfolio.name): gains delivered over \(years) years", subtitle: context, height: 600))
    case .survival:
      return SurvivalChart.svg(
        r.collaborations,
        options: SimulationChartOptions(title: "\(portfolio.name): which collaborations survive", subtitle: context))
    case .frontier:
      guard let frontier = r.frontier else { return nil }
      let budget = portfolio.budget.map { "budget \(SimDraw.value($0))" } ?? "no budget limit"
      return FrontierChart.svg(
        frontier, names: Dictionary(portfolio.collaborations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
        options: SimulationChartOptions(
          title: "\(portfolio.name): efficiency against resilience",
          subtitle:
            "\(budget) · \(frontier.method) search\(frontier.trials == r.inputs.trials ? "" : " on \(frontier.trials) of the trials") · \(context)",
          height: 560))
    }
  }

  /// Every chart the report has, in order.
  public static func all(_ r: SimulationReport) -> [(kind: Kind, svg: String)] {
    Kind.allCases.compactMap { kind in svg(kind, r).map { (kind, $0) } }
  }

  /// `south-china-sea-escalation, severity 0.9` → a short label.
  static func eventLabel(_ e: Scenario.Event) -> String {
    "\(e.shock), severity \(Format.number(e.severity, digits: 2))\(e.settled ? ", settled" : "")"
  }
}
