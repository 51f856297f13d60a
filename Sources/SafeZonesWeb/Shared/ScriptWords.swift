import Foundation
import SafeZonesCore

/// The sentences `app.js` writes itself (tooltips, the autosave status), in the language in
/// view. The layout puts them on `<html data-words>` as JSON keyed by the English text, the
/// same key the script looks up; an English page carries none.
enum ScriptWords {
  /// The translations of the script's sentences, or `nil` in English.
  static func json() -> String? {
    guard Localization.language != .english else { return nil }
    let words: [String: String] = [
      "Safe zone": tr("Safe zone"),
      "Political engineering": tr("Political engineering"),
      "Monitor": tr("Monitor"),
      "Traditional cooperation": tr("Traditional cooperation"),
      "Joint gains {gains} · Political risk {risk}": tr("Joint gains {gains} · Political risk {risk}"),
      "Borderline: close to a threshold": tr("Borderline: close to a threshold"),
      "P(safe zone) {p}% · confidence {confidence}%": tr("P(safe zone) {p}% · confidence {confidence}%"),
      "Select to open the domain": tr("Select to open the domain"),
      "Tap again to open the domain": tr("Tap again to open the domain"),
      "Saving draft…": tr("Saving draft…"),
      "Draft saved {time}. Only you see it until you submit.": tr(
        "Draft saved {time}. Only you see it until you submit."),
      "Could not save the draft (the server did not answer); your typing is still here. Use “Save draft” or try again.":
        tr(
          "Could not save the draft (the server did not answer); your typing is still here. Use “Save draft” or try again."
        ),
      "Unsaved changes…": tr("Unsaved changes…"),
    ]
    let data = (try? JSONSerialization.data(withJSONObject: words, options: [.sortedKeys])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
