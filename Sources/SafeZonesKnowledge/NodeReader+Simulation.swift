import Foundation
import SafeZonesCore
import Yams

/// Typed readers the simulation inputs need besides those of `NodeReader`.
extension NodeReader {
  /// A whole number.
  mutating func integer(_ node: some InputNode, _ key: String) -> Int? {
    guard let value = number(node, key) else { return nil }
    guard value == value.rounded(.towardZero), abs(value) < 1e12 else {
      report(
        node, key, tr("expected a whole number, got {value}", ["value": .text(Format.number(value, digits: 6))]))
      return nil
    }
    return Int(value)
  }

  /// `true` or `false` (YAML's `yes` and `no` are accepted too).
  mutating func bool(_ node: some InputNode, _ key: String) -> Bool? {
    if case .scalar(let text, true) = node.content {
      switch text.lowercased() {
      case "true", "yes": return true
      case "false", "no": return false
      default: break
      }
    }
    let kind = Self.kindOf(node)
    var arguments: [String: LocalizationArgument] = ["kind": .text(Self.kind(node))]
    if case .scalar(let text, _) = node.content, kind == .string || kind == .number {
      arguments["text"] = .text(text.count > 40 ? String(text.prefix(40)) + "…" : text)
      report(node, key, tr("expected true or false, got {kind} '{text}'", arguments))
    } else {
      report(node, key, tr("expected true or false, got {kind}", arguments))
    }
    return nil
  }

  /// A number within `range`, reported with `message` (a phrase, in the language in view)
  /// when outside it.
  mutating func number(
    _ node: some InputNode, _ key: String, in range: ClosedRange<Double>, _ message: String
  ) -> Double? {
    guard let value = number(node, key) else { return nil }
    guard range.contains(value) else {
      report(
        node, key,
        tr("{message}, got {value}", ["message": .text(message), "value": .text(Format.number(value, digits: 6))]))
      return nil
    }
    return value
  }
}

/// Suggestions for a mistyped id: the known id closest in spelling, if close enough.
enum Suggest {
  static func nearest(_ text: String, in known: some Sequence<String>) -> String? {
    TextDistance.closest(to: text, in: known)
  }
}
