/// The longest text each field of the input format takes, in Unicode scalars: long enough
/// for any honest value, short enough that one value cannot bloat every page (a 1 MB name
/// used to be accepted). Files and the API read text through the loaders' `NodeReader`,
/// the forms through `AssessmentDraft` and Delphi rounds; all take their limits from here.
/// `docs/input-format.md` lists them.
public enum TextLimits {
  /// By field name (the last part of a key such as `domains[3].tags[0]`).
  public static let byField: [String: Int] = [
    "id": 100, "target": 100, "name": 200, "assessor": 200, "perspective": 200, "tags": 60, "kind": 60,
    "version": 100, "source": 2_000, "evidence": 2_000, "rationale": 10_000, "summary": 10_000,
    "note": 10_000, "description": 10_000,
  ]

  /// Any other text field.
  public static let otherwise = 20_000

  /// The limit for the field at `key`.
  public static func maximum(forKey key: String) -> Int {
    var field = key[...]
    if let dot = field.lastIndex(of: ".") { field = field[field.index(after: dot)...] }
    if let bracket = field.firstIndex(of: "[") { field = field[..<bracket] }
    return byField[String(field)] ?? otherwise
  }
}
