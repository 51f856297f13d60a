import SafeZonesCore

/// The Monte Carlo defaults and limits the command line and the server share.
///
/// The limits differ on purpose: a command runs on the user's own machine for as long as
/// they choose to wait, while the server answers many people and must answer in seconds.
public enum MonteCarloDefaults {
  /// Samples per domain for a sensitivity report (the command's default and the domain page's).
  public static let samples = 10_000
  /// Samples per domain for the map's uncertainty layer (every domain at once).
  public static let mapSamples = 4_000
  /// The seed when none is given: the same question gives the same answer.
  public static let seed: UInt64 = 1
  /// Samples per domain a command accepts.
  public static let commandLineSamples = 100...10_000_000
  /// Samples per domain the server accepts: enough for two decimals of probability, few
  /// enough to answer in seconds.
  public static let serverSamples = 100...200_000
}

/// How far ahead migration warnings project recorded drifts (`watch --horizon`, the
/// warnings page and `GET /api/v1/warnings?horizon=`).
public enum WatchHorizon {
  /// Years, when none is given.
  public static let defaultYears = 3.0
  /// The longest horizon: beyond it a linear drift says nothing useful.
  public static let maxYears = 50.0
  /// What a valid horizon is, for error messages ("horizon must be …").
  public static var requirement: String { tr("must be a number of years above 0 and at most 50") }

  /// Whether `years` is a horizon the warnings accept.
  public static func accepts(_ years: Double) -> Bool { years.isFinite && years > 0 && years <= maxYears }
}
