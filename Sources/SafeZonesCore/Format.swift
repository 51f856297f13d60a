import Foundation

/// Number formatting shared by every text output, so that tables, messages and snapshots
/// agree digit for digit.
public enum Format {
  /// `2026-11-29 14:03 UTC`: when something was stored, for people.
  public static func utcMinute(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
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
}
