/// The longest text each field of the input format takes, in Unicode scalars: long enough
/// for any honest value, short enough that one value cannot bloat every page (a 1 MB name
/// used to be accepted). Files and the API read text through the loaders' `NodeReader`,
/// the forms through `AssessmentDraft` and Delphi rounds; all take their limits from here.
/// `docs/input-format.md` lists them.
public enum TextLimits {
  /// By field name (the last part of a key such as `domains[3].tags[0]`).
  public static let byField: [String: Int] = [
    "id": 100, "target": 100, "name": 200, "assessor": 200, "perspective": 200, "tags": 60, "keywords": 60, "kind": 60,
    "version": 100, "source": 2_000, "evidence": 2_000, "rationale": 10_000, "summary": 10_000,
    "note": 10_000, "description": 10_000,
  ]

  /// Any other text field.
  public static let otherwise = 20_000

  /// Names of people and accounts (emails, display names, token names).
  public static let name = 200

  /// `text` as quoted in an error message: whole when short, else its first 60 characters
  /// and the length, so that a refused 1 MB value is not echoed back whole.
  public static func preview(_ text: String, limit: Int = 60) -> String {
    guard text.count > limit else { return text }
    return tr(
      "{start}… ({count} characters)", ["start": .text(String(text.prefix(limit))), "count": .text(String(text.count))])
  }

  /// The limit for the field at `key`.
  public static func maximum(forKey key: String) -> Int {
    var field = key[...]
    if let dot = field.lastIndex(of: ".") { field = field[field.index(after: dot)...] }
    if let bracket = field.firstIndex(of: "[") { field = field[..<bracket] }
    return byField[String(field)] ?? otherwise
  }

  /// C0 controls other than tab, line feed and carriage return, and DEL: refused in text.
  public static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
  }

  /// Why `text` is refused for a field taking at most `limit` characters, or `nil`.
  public static func problem(_ text: String, limit: Int) -> String? {
    if let control = text.unicodeScalars.first(where: isForbiddenControl) {
      let hex = String(control.value, radix: 16, uppercase: true)
      return tr(
        "contains a control character (U+{code}); remove it",
        ["code": .text(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)])
    }
    if text.unicodeScalars.count > limit {
      return tr(
        "is {count} characters long; at most {limit} are allowed here",
        ["count": .text(String(text.unicodeScalars.count)), "limit": .text(String(limit))])
    }
    return nil
  }
}
