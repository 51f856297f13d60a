/// An assessor's expectation of how one criterion's score will move with time, recorded on
/// an assessment (`drifts:` in the input format) and used to project the placement forward.
///
/// Written either as a rate (`{criterion: maturity, per_year: 0.2}`) or as a change over a
/// period (`{criterion: military, change: 1, years: 5}`); both are kept as a rate per year.
/// `uncertainty` is the ± the assessor allows on the rate (in the units written: per year,
/// or on the change over the period); without it the rate is taken as uncertain by half its
/// size, so a projection widens with the years.
public struct Drift: Sendable, Hashable, Codable {
  public var criterion: CriterionID
  /// Change of the score (0–4 scale) per year; negative for a falling score.
  public var perYear: Double
  /// ± on `perYear`, per year; `nil` means half of `|perYear|`.
  public var uncertainty: Double?
  /// The period of a drift written as `change` over `years` (kept for display).
  public var years: Double?

  /// A drift written as a rate per year.
  public init(criterion: CriterionID, perYear: Double, uncertainty: Double? = nil) {
    self.criterion = criterion
    self.perYear = perYear
    self.uncertainty = uncertainty
    self.years = nil
  }

  /// A drift written as a change over a period: `change` points in `years` years, with an
  /// optional ± on that change.
  public init(criterion: CriterionID, change: Double, years: Double, uncertainty: Double? = nil) {
    self.criterion = criterion
    self.perYear = years > 0 ? change / years : .nan
    self.uncertainty = uncertainty.map { years > 0 ? $0 / years : .nan }
    self.years = years
  }

  /// The ± on the rate per year used by projections.
  public var spread: Double { uncertainty ?? abs(perYear) / 2 }

  /// The largest rate accepted: the whole scale in one year.
  public static let maximumRate = 4.0

  /// `maturity +0.2 a year` or `military +1 in 5 years`, with the ± when given, in the
  /// language in view (the criterion as its id).
  public var text: String {
    func signed(_ v: Double) -> String { (v > 0 ? "+" : "") + Format.number(v) }
    var t: String
    if let years {
      let arguments: [String: LocalizationArgument] = [
        "criterion": .text(criterion.rawValue), "change": .text(signed(perYear * years)),
        "years": .text(Format.number(years)),
      ]
      t =
        years == 1
        ? tr("{criterion} {change} in {years} year", arguments) : tr("{criterion} {change} in {years} years", arguments)
      if let uncertainty { t += " (±\(Format.number(uncertainty * years)))" }
    } else {
      t = tr(
        "{criterion} {change} a year", ["criterion": .text(criterion.rawValue), "change": .text(signed(perYear))])
      if let uncertainty { t += " (±\(Format.number(uncertainty)))" }
    }
    return t
  }

  /// Problems with this drift: rate not finite or faster than the whole scale in a year, a
  /// period that is not positive, a negative uncertainty.
  public func validate(key: String) -> [InputIssue] {
    var issues: [InputIssue] = []
    if let years, !(years.isFinite && years > 0) {
      issues.append(
        InputIssue(
          key: "\(key).years",
          message: tr("must be a positive number of years, got {value}", ["value": .text(Format.number(years))])))
      return issues
    }
    if !(perYear.isFinite && abs(perYear) <= Self.maximumRate) {
      issues.append(
        InputIssue(
          key: "\(key)\(years == nil ? ".per_year" : ".change")",
          message: tr(
            "a drift must be at most {maximum} points a year, got {value} a year",
            ["maximum": .text(Format.number(Self.maximumRate)), "value": .text(Format.number(perYear))])
        ))
    }
    if let uncertainty, !(uncertainty.isFinite && uncertainty >= 0) {
      issues.append(
        InputIssue(
          key: "\(key).uncertainty",
          message: tr("must be a number at least 0, got {value}", ["value": .text(Format.number(uncertainty))]))
      )
    }
    return issues
  }
}
