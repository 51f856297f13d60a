import Foundation
import SafeZonesCore

enum APIDates {
  /// ISO 8601 in UTC with fractional seconds when there are any.
  static func format(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: date)
  }
}
