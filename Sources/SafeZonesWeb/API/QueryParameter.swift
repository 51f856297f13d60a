import Foundation
import SafeZonesCore
import Vapor

/// Reading query parameters with errors that name the parameter (422).
enum QueryParameter {
  /// The domain filter `quadrant` (comma-separated), `tag` and `q`; an unknown quadrant is
  /// refused by name.
  static func placementFilter(_ request: Request) throws -> PlacementFilter {
    var quadrants: Set<Quadrant> = []
    for name in raw(request, "quadrant")?.split(separator: ",", omittingEmptySubsequences: false) ?? [] {
      guard let quadrant = Quadrant(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
        throw AppError.parameter(
          "quadrant",
          tr(
            "must be one of {known}, got '{text}'",
            ["known": .text(Quadrant.allCases.map(\.rawValue).joined(separator: ", ")), "text": .text(String(name))]))
      }
      quadrants.insert(quadrant)
    }
    return PlacementFilter(quadrants: quadrants, tag: string(request, "tag"), query: string(request, "q") ?? "")
  }

  /// The trimmed value, `nil` when the parameter is absent or empty (text filters).
  static func string(_ request: Request, _ name: String) -> String? {
    guard let value = raw(request, name), !value.isEmpty else { return nil }
    return value
  }

  /// The trimmed value as given, `""` when the parameter is present without a value.
  static func raw(_ request: Request, _ name: String) -> String? {
    (try? request.query.get(String.self, at: name))?.trimmingCharacters(in: .whitespaces)
  }

  static func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
    guard let text = raw(request, name) else { return value }
    guard let number = Int(text), range.contains(number) else {
      throw AppError.parameter(
        name,
        tr(
          "must be a whole number from {low} to {high}, got '{text}'",
          [
            "low": .text(String(range.lowerBound)), "high": .text(String(range.upperBound)),
            "text": .text(TextLimits.preview(text)),
          ]))
    }
    return number
  }

  /// A whole number in `range`, `nil` when the parameter is absent.
  static func int(_ request: Request, _ name: String, range: ClosedRange<Int>) throws -> Int? {
    guard raw(request, name) != nil else { return nil }
    return try int(request, name, default: range.lowerBound, range: range)
  }

  /// A whole number from 0 to 2⁶⁴ − 1 (a seed), `nil` when the parameter is absent.
  static func uint64(_ request: Request, _ name: String) throws -> UInt64? {
    guard let text = raw(request, name) else { return nil }
    guard let number = UInt64(text) else {
      throw AppError.parameter(
        name,
        tr(
          "must be a whole number from {low} to {high}, got '{text}'",
          ["low": "0", "high": .text(String(UInt64.max)), "text": .text(TextLimits.preview(text))]))
    }
    return number
  }

  /// A calendar day written `YYYY-MM-DD`, `nil` when the parameter is absent.
  static func day(_ request: Request, _ name: String) throws -> Day? {
    guard let text = raw(request, name) else { return nil }
    guard let day = Day(text) else {
      throw AppError.parameter(
        name,
        tr("must be a real calendar date written YYYY-MM-DD, got '{text}'", ["text": .text(TextLimits.preview(text))])
      )
    }
    return day
  }

  static func double(_ request: Request, _ name: String) throws -> Double? {
    guard let text = raw(request, name) else { return nil }
    guard let number = Double(text), number.isFinite else {
      throw AppError.parameter(name, tr("must be a number, got '{text}'", ["text": .text(TextLimits.preview(text))]))
    }
    return number
  }
}

extension AppError {
  /// A query parameter with a bad value.
  static func parameter(_ name: String, _ message: String) -> AppError {
    AppError(.unprocessableEntity, code: "invalid_parameter", message: "\(name) \(message)", field: name)
  }
}
