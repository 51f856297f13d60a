import SafeZonesCore

/// The shared vocabulary of the charts — quadrant names, criterion titles, countries' short
/// names — in the language in view (`Localization.current`), from the catalogue's
/// structured keys; English (the code's own words) when none is in view.
enum ChartWords {
  /// `Safe zone` (`quadrant.<id>.name`).
  static func quadrant(_ q: Quadrant) -> String {
    Localization.current?.text("quadrant.\(q.rawValue).name") ?? q.title
  }

  /// `Fundamentality` (`criterion.<id>.title`).
  static func criterion(_ c: CriterionID) -> String {
    Localization.current?.text("criterion.\(c.rawValue).title") ?? c.title
  }

  /// A country's short name (`country.<code>.short`), or its code.
  static func country(_ code: String) -> String {
    guard let localizer = Localization.current, localizer.message("country.\(code).short") != nil else { return code }
    return localizer.text("country.\(code).short")
  }
}
