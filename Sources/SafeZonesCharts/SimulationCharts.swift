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
    let contextArgs: [String: LocalizationArgument] = [
      "trials": .text(String(r.inputs.trials)), "seed": .text(String(r.inputs.seed)),
      "shocks": .text(r.inputs.catalogueVersion), "scenario": .text(r.inputs.scenario ?? ""),
    ]
    let context =
      r.inputs.scenario == nil
      ? tr("{trials} trials, seed {seed}, shocks {shocks}", contextArgs)
      : tr("{trials} trials, seed {seed}, shocks {shocks}, scenario “{scenario}”", contextArgs)
    switch kind {
    case .fan:
      let shockNames = r.inputs.events.map { ChartEvent(year: $0.year, label: Self.eventLabel($0)) }
      return FanChart.svg(
        r.portfolio, events: shockNames,
        options: SimulationChartOptions(
          title: tr(
            "{portfolio}: gains delivered over {years} years",
            ["portfolio": .text(portfolio.name), "years": .text(String(years))]), subtitle: context, height: 600))
    case .survival:
      return SurvivalChart.svg(
        r.collaborations,
        options: SimulationChartOptions(
          title: tr("{portfolio}: which collaborations survive", ["portfolio": .text(portfolio.name)]),
          subtitle: context))
    case .frontier:
      guard let frontier = r.frontier else { return nil }
      let budget =
        portfolio.budget.map { tr("budget {budget}", ["budget": .text(SimDraw.value($0))]) } ?? tr("no budget limit")
      let searchArgs: [String: LocalizationArgument] = [
        "budget": .text(budget), "method": .text(methodName(frontier.method)), "trials": .text(String(frontier.trials)),
        "context": .text(context),
      ]
      return FrontierChart.svg(
        frontier, names: Dictionary(portfolio.collaborations.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
        options: SimulationChartOptions(
          title: tr("{portfolio}: efficiency against resilience", ["portfolio": .text(portfolio.name)]),
          subtitle: frontier.trials == r.inputs.trials
            ? tr("{budget} · {method} search · {context}", searchArgs)
            : tr("{budget} · {method} search on {trials} of the trials · {context}", searchArgs),
          height: 560))
    }
  }

  /// Every chart the report has, in order.
  public static func all(_ r: SimulationReport) -> [(kind: Kind, svg: String)] {
    Kind.allCases.compactMap { kind in svg(kind, r).map { (kind, $0) } }
  }

  /// `south-china-sea-escalation, severity 0.9` → a short label.
  static func eventLabel(_ e: Scenario.Event) -> String {
    let args: [String: LocalizationArgument] = [
      "shock": .text(e.shock), "severity": .text(Format.number(e.severity, digits: 2)),
    ]
    return e.settled ? tr("{shock}, severity {severity}, settled", args) : tr("{shock}, severity {severity}", args)
  }

  /// The frontier's search method (`exhaustive`, `greedy`) as a word of the language in view.
  static func methodName(_ method: String) -> String {
    switch method {
    case "exhaustive": tr("exhaustive")
    case "greedy": tr("greedy")
    default: method
    }
  }
}
