import Foundation
import Plot
import SafeZonesCore

/// The assessment form's optional quantiles field of a criterion (`q-<id>`): an expert
/// who thinks in percentiles gives them instead of a score and range.
enum QuantileField {
  static func node(id: String, value: String, errors: [String]) -> HTMLNode {
    let name = "q-\(id)"
    var describedBy = ["hint-\(name)"]
    if !errors.isEmpty { describedBy.append("error-\(name)") }
    return .el(
      "div", ["class": errors.isEmpty ? "field quantile-field" : "field quantile-field has-error"],
      .el("label", ["for": name], .safe(tr("Or quantiles (optional)"))),
      .el(
        "p", ["class": "hint", "id": "hint-\(name)"],
        .safe(
          tr("Instead of the score and range, your percentiles on the 0–4 scale: e.g. 5%: 1, 50%: 2, 95%: 3.5.")
        )),
      .void(
        "input",
        [
          "type": "text", "id": name, "name": name, "value": value, "maxlength": "200", "autocomplete": "off",
          "spellcheck": "false", "placeholder": "5%: 1, 50%: 2, 95%: 3.5",
          "aria-describedby": describedBy.joined(separator: " "),
          "aria-invalid": errors.isEmpty ? nil : "true",
        ]),
      AssessPage.errorNode(name, errors))
  }
}
