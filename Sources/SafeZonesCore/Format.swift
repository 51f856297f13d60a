import Foundation

/// Number formatting shared by every text output, so that tables, messages and snapshots
/// agree digit for digit.
public enum Format {
  /// A number with up to `digits` decimals and no trailing zeros (`2`, `2.5`, `0.125`).
  public static func number(_ value: Double, digits: Int = 3) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "inf" : "-inf") }
    var text = String(format: "%.\(digits)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    if text == "-0" { text = "0" }
    return text
  }

  /// A number with exactly `digits` decimals (`0.50`), for aligned columns.
  public static func fixed(_ value: Double, digits: Int = 2) -> String {
    let text = String(format: "%.\(digits)f", value)
    return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
  }

  /// Rounds for machine-readable output, so JSON is stable across platforms.
  public static func rounded(_ value: Double, digits: Int = 4) -> Double {
    let scale = pow(10.0, Double(digits))
    return (value * scale).rounded() / scale
  }
}
