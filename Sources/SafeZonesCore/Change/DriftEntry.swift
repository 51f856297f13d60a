/// A drift as the input format writes it: `{criterion, per_year}` or `{criterion, change,
/// years}`, with an optional `uncertainty` in the same units. Exports write this, so that an
/// export reads back the same drifts.
public struct DriftEntry: Sendable, Hashable, Codable {
  public var criterion: String
  public var perYear: Double?
  public var change: Double?
  public var years: Double?
  public var uncertainty: Double?

  public init(_ drift: Drift) {
    criterion = drift.criterion.rawValue
    if let years = drift.years {
      change = Format.rounded(drift.perYear * years, digits: 6)
      self.years = years
      uncertainty = drift.uncertainty.map { Format.rounded($0 * years, digits: 6) }
    } else {
      perYear = drift.perYear
      uncertainty = drift.uncertainty
    }
  }

  /// The drift, or `nil` for an unknown criterion or an incomplete entry.
  public var drift: Drift? {
    guard let id = CriterionID(rawValue: criterion) else { return nil }
    if let perYear { return Drift(criterion: id, perYear: perYear, uncertainty: uncertainty) }
    if let change, let years { return Drift(criterion: id, change: change, years: years, uncertainty: uncertainty) }
    return nil
  }
}
