import Foundation

/// Number formatting shared by every text output, so that tables, messages and snapshots
/// agree digit for digit.
public enum Format {
  /// `2026-11-29 14:03 UTC`: when something was stored, for people.
  public static func utcMinute(_ date: Date) -> String { utc(date, "yyyy-MM-dd HH:mm 'UTC'") }

  /// `2026-11-29 14:03:07 UTC`: audit records, to the second.
  public static func utcSecond(_ date: Date) -> String { utc(date, "yyyy-MM-dd HH:mm:ss 'UTC'") }

  static func utc(_ date: Date, _ format: String) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = format
    return formatter.string(from: date)
  }

  /// A number with up to `digits` decimals and no trailing zeros (`2`, `2.5`, `0.125`).
  public static func number(_ value: Double, digits: Int = 3) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    let scale = powersOfTen[min(max(digits, 0), powersOfTen.count - 1)]
    let scaled = (value * scale).rounded()
    guard abs(scaled) < 1e15 else { return String(format: "%.\(digits)f", value) }
    let whole = Int64(scaled)
    if whole == 0 { return "0" }
    // Integer arithmetic keeps this exact and avoids String(format:), which is slow.
    let digitsText = String(abs(whole))
    let d = min(max(digits, 0), powersOfTen.count - 1)
    var integerPart = digitsText.count > d ? String(digitsText.dropLast(d)) : "0"
    var fraction =
      digitsText.count > d
      ? String(digitsText.suffix(d)) : String(repeating: "0", count: d - digitsText.count) + digitsText
    while fraction.hasSuffix("0") { fraction.removeLast() }
    if whole < 0 { integerPart = "-" + integerPart }
    return fraction.isEmpty ? integerPart : integerPart + "." + fraction
  }

  static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]

  /// A number with exactly `digits` decimals (`0.50`), for aligned columns.
  public static func fixed(_ value: Double, digits: Int = 2) -> String {
    let text = String(format: "%.\(digits)f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// Rounds for machine-readable output, so JSON is stable across platforms.
  public static func rounded(_ value: Double, digits: Int = 4) -> Double {
    let scale = digits < powersOfTen.count ? powersOfTen[max(0, digits)] : pow(10.0, Double(digits))
    let r = (value * scale).rounded() / scale
    return r == 0 ? 0 : r  // no negative zero in output
  }

  /// Shares of a whole (`counts[i]` out of their sum), rounded to `digits` decimals so
  /// that they still sum to exactly 1: each share is truncated, and the units left over go
  /// to the largest remainders (Hamilton's method; the earlier share wins a tie). Computed
  /// in integers, so no share is off by a floating-point error.
  public static func shares(counts: [Int], digits: Int = 4) -> [Double] {
    let total = counts.reduce(0, +)
    guard total > 0 else { return counts.map { _ in 0 } }
    let scale = Int(powersOfTen[min(max(0, digits), powersOfTen.count - 1)])
    var units = counts.map { $0 * scale / total }
    let remainders = counts.map { $0 * scale % total }
    let left = scale - units.reduce(0, +)
    let order = counts.indices.sorted { (remainders[$0], -$0) > (remainders[$1], -$1) }
    for i in order.prefix(left) { units[i] += 1 }
    return units.map { Double($0) / Double(scale) }
  }

  /// Shares already close to a whole (probabilities), rounded to `digits` decimals so that
  /// they sum to exactly 1, by largest remainder as `shares(counts:digits:)`.
  public static func shares(_ values: [Double], digits: Int) -> [Double] {
    // Millionths are far finer than any share printed, and exact in integers.
    let counts = values.map { Int(($0 * 1_000_000).rounded()) }
    return shares(counts: counts, digits: digits)
  }
}
