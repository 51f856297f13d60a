import Foundation
import SafeZonesCore

/// A simulation asked for as text (the web form): the portfolio and scenario as pasted or
/// uploaded, and trials, seed and years as typed. `check` applies every rule a run's inputs
/// must meet and reports each problem by field, so the form can show it next to the field.
public struct SimulationDraft: Sendable {
  /// The trials a run from text may ask for.
  public static let trials = 100...200_000
  /// The largest portfolio or scenario text accepted.
  public static let maxTextBytes = 256 * 1024
  /// The fields, in the order the form shows them (and its messages are listed).
  public static let fieldOrder = ["portfolio", "scenario", "trials", "seed", "years"]

  public var portfolio: String
  /// The name messages give the portfolio (its file name, when uploaded).
  public var portfolioName: String
  public var scenario: String
  public var scenarioName: String
  public var trials: String
  public var seed: String
  /// Empty: the portfolio's horizon.
  public var years: String

  public init(
    portfolio: String, portfolioName: String = "portfolio", scenario: String, scenarioName: String = "scenario",
    trials: String, seed: String, years: String
  ) {
    self.portfolio = portfolio
    self.portfolioName = portfolioName
    self.scenario = scenario
    self.scenarioName = scenarioName
    self.trials = trials
    self.seed = seed
    self.years = years
  }

  /// The checked inputs of a run.
  public struct Checked: Sendable {
    public var portfolio: Portfolio
    public var scenario: Scenario?
    public var trials: Int
    public var seed: UInt64
    /// The horizon: the years asked for, else the portfolio's.
    public var years: Int
  }

  /// The run's inputs, or every problem keyed by its field (`portfolio`, `scenario`,
  /// `trials`, `seed`, `years`) in the form's order.
  public func check(knownDomains: Set<String>, catalogue: ShockCatalogue) -> Result<Checked, InputError> {
    var issues: [InputIssue] = []
    let trials = Int(trials.trimmingCharacters(in: .whitespaces))
    if trials == nil || !Self.trials.contains(trials!) {
      issues.append(
        InputIssue(
          key: "trials",
          message: tr(
            "enter a whole number of trials between {low} and {high}, got '{value}'",
            [
              "low": .text(String(Self.trials.lowerBound)), "high": .text(String(Self.trials.upperBound)),
              "value": .text(self.trials),
            ])))
    }
    let seed = UInt64(seed.trimmingCharacters(in: .whitespaces))
    if seed == nil {
      issues.append(
        InputIssue(
          key: "seed",
          message: tr(
            "enter a whole number between 0 and {maximum}, got '{value}'",
            ["maximum": .text(String(UInt64.max)), "value": .text(self.seed)])))
    }
    let yearsText = years.trimmingCharacters(in: .whitespaces)
    var years: Int?
    if !yearsText.isEmpty {
      years = Int(yearsText)
      if years == nil || !(1...PortfolioLoader.maxHorizon).contains(years!) {
        issues.append(
          InputIssue(
            key: "years",
            message: tr(
              "enter a whole number of years between 1 and {maximum}, or leave it empty for the portfolio's horizon",
              ["maximum": .text(String(PortfolioLoader.maxHorizon))])))
        years = nil
      }
    }
    var portfolio: Portfolio?
    if self.portfolio.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(InputIssue(key: "portfolio", message: tr("paste a portfolio or choose a portfolio file")))
    } else if self.portfolio.utf8.count > Self.maxTextBytes {
      issues.append(
        InputIssue(
          key: "portfolio",
          message: tr("the portfolio is larger than {size} KiB", ["size": .text(String(Self.maxTextBytes / 1024))])))
    } else {
      do {
        portfolio = try PortfolioLoader.parse(self.portfolio, file: portfolioName, knownDomains: knownDomains)
      } catch {
        issues += error.issues.map { Self.located($0, field: "portfolio") }
      }
    }
    var scenario: Scenario?
    let horizon = years ?? portfolio?.horizon
    if !self.scenario.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      if self.scenario.utf8.count > Self.maxTextBytes {
        issues.append(
          InputIssue(
            key: "scenario",
            message: tr("the scenario is larger than {size} KiB", ["size": .text(String(Self.maxTextBytes / 1024))])))
      } else {
        // Without a readable portfolio the horizon is unknown: check the rest of the scenario.
        do {
          scenario = try ScenarioLoader.parse(
            self.scenario, file: scenarioName, catalogue: catalogue, horizon: horizon ?? PortfolioLoader.maxHorizon)
        } catch {
          issues += error.issues.map { Self.located($0, field: "scenario") }
        }
      }
    }
    guard issues.isEmpty, let portfolio, let trials, let seed, let horizon else {
      return .failure(InputError(Self.inFieldOrder(issues)))
    }
    return .success(Checked(portfolio: portfolio, scenario: scenario, trials: trials, seed: seed, years: horizon))
  }

  /// `issues` sorted by the form's field order (others last), keeping their order within
  /// a field.
  public static func inFieldOrder(_ issues: [InputIssue]) -> [InputIssue] {
    func rank(_ i: InputIssue) -> Int { fieldOrder.firstIndex(of: i.key ?? "") ?? fieldOrder.count }
    return issues.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
  }

  /// A loader's issue for the message next to a form field: `line 12: collaborations[0].value: …`.
  public static func located(_ issue: InputIssue, field: String) -> InputIssue {
    var parts: [String] = []
    if let line = issue.line { parts.append(tr("line {line}", ["line": .text(String(line))])) }
    if let key = issue.key, !key.isEmpty { parts.append(key) }
    parts.append(issue.message)
    return InputIssue(line: issue.line, column: issue.column, key: field, message: parts.joined(separator: ": "))
  }
}
