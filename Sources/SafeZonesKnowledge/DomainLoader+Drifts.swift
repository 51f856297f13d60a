import SafeZonesCore
import Yams

extension DomainLoader {
  static let driftFields: Set<String> = ["criterion", "per_year", "change", "years", "uncertainty"]

  /// An assessment's `drifts:` list: each item `{criterion: maturity, per_year: 0.2}` or
  /// `{criterion: military, change: 1, years: 5}`, with an optional `uncertainty` (± in the
  /// same units). Problems are reported at the item's line.
  static func drifts(_ node: some InputNode, _ key: String, _ reader: inout NodeReader) -> [Drift] {
    guard let items = reader.sequence(node, key) else { return [] }
    var result: [Drift] = []
    var seen: [CriterionID: Int] = [:]
    for (i, item) in items.enumerated() {
      let itemKey = "\(key)[\(i)]"
      guard let fields = reader.mapping(item, itemKey, allowed: driftFields) else { continue }
      reader.require(["criterion"], in: fields, at: item, itemKey)
      var criterion: CriterionID?
      var numbers: [String: Double] = [:]
      var failed = false
      for (k, v) in fields {
        let childKey = "\(itemKey).\(k)"
        if k == "criterion" {
          guard let name = reader.string(v, childKey) else {
            failed = true
            continue
          }
          guard let id = CriterionID(rawValue: name) else {
            reader.report(
              v, childKey,
              tr(
                "unknown criterion '{criterion}' (expected one of: {criteria})",
                ["criterion": .text(name), "criteria": .text(CriterionID.allIDs)]))
            failed = true
            continue
          }
          criterion = id
        } else if let number = reader.number(v, childKey) {
          numbers[k] = number
        } else {
          failed = true
        }
      }
      guard let criterion, !failed else { continue }
      let drift: Drift
      switch (numbers["per_year"], numbers["change"], numbers["years"]) {
      case (let rate?, nil, nil):
        drift = Drift(criterion: criterion, perYear: rate, uncertainty: numbers["uncertainty"])
      case (nil, let change?, let years?):
        drift = Drift(criterion: criterion, change: change, years: years, uncertainty: numbers["uncertainty"])
      case (nil, _?, nil):
        reader.report(
          item, "\(itemKey).years", tr("a drift given as 'change' needs 'years' (e.g. change: 1, years: 5)"))
        continue
      case (nil, nil, _?):
        reader.report(
          item, "\(itemKey).change", tr("a drift given with 'years' needs 'change' (e.g. change: 1, years: 5)"))
        continue
      case (nil, nil, nil):
        reader.report(
          item, itemKey,
          tr("give 'per_year' (e.g. per_year: 0.2) or 'change' and 'years' (e.g. change: 1, years: 5)"))
        continue
      default:
        reader.report(item, itemKey, tr("give either 'per_year' or 'change' and 'years', not both"))
        continue
      }
      let problems = drift.validate(key: itemKey)
      for problem in problems { reader.report(item, problem.key ?? itemKey, problem.message) }
      guard problems.isEmpty else { continue }
      if let first = seen[criterion] {
        reader.report(
          item, "\(itemKey).criterion",
          tr(
            "'{criterion}' already drifts in {key}",
            ["criterion": .text(criterion.rawValue), "key": .text("\(key)[\(first)]")]))
        continue
      }
      seen[criterion] = i
      result.append(drift)
    }
    return result
  }
}
