import Foundation
import SafeZonesCore

/// The fields of a URL-encoded form or query string, in order, repeated names kept
/// (`quadrant=monitor&quadrant=traditional`).
struct FormFields: Sendable {
  var pairs: [(name: String, value: String)]

  init(pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

  /// Parses `a=1&b=two+words`; malformed percent escapes are kept as typed.
  init(urlEncoded text: String) {
    pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { part in
      let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
      }
      return (decode(kv[0]), kv.count > 1 ? decode(kv[1]) : "")
    }
  }

  /// The first value given for `name`.
  subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

  /// Every value given for `name`, in order.
  func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

  /// Whether a checkbox's value means "checked" (`on`, `1`, `true`, `yes`, any case).
  static func isOn(_ value: String?) -> Bool {
    guard let value else { return false }
    return ["on", "1", "true", "yes"].contains(value.lowercased())
  }

  /// The map filter in these fields: `quadrant` (repeated), `tag` (`any` or empty for all), `q`.
  var placementFilter: PlacementFilter {
    let quadrants = Set(all("quadrant").compactMap(Quadrant.init(rawValue:)))
    let tag = self["tag"].flatMap { $0 == "any" ? nil : $0 }
    return PlacementFilter(quadrants: quadrants, tag: tag, query: self["q"] ?? "")
  }

  /// The assessment fields of the assess form (`assessor`, `date`, `score-<id>`, …).
  var assessmentDraft: AssessmentDraft {
    var scores: [CriterionID: AssessmentDraft.ScoreDraft] = [:]
    for id in CriterionID.allCases {
      let r = id.rawValue
      let draft = AssessmentDraft.ScoreDraft(
        likely: self["score-\(r)"] ?? "", low: self["low-\(r)"] ?? "", high: self["high-\(r)"] ?? "",
        rationale: self["rationale-\(r)"] ?? "", evidence: self["evidence-\(r)"] ?? "", quantiles: self["q-\(r)"] ?? "")
      if !draft.isBlank { scores[id] = draft }
    }
    return AssessmentDraft(
      assessor: self["assessor"] ?? "", date: self["date"] ?? "", perspective: self["perspective"] ?? "",
      note: self["note"] ?? "", scores: scores)
  }

  /// The domain fields of the new-domain form, with its assessment.
  var domainDraft: DomainDraft {
    DomainDraft(
      id: self["id"] ?? "", name: self["name"] ?? "", summary: self["summary"] ?? "", tags: self["tags"] ?? "",
      links: linkDrafts, assessment: assessmentDraft)
  }

  /// The link rows of the new-domain form (`link-target-0`, `link-kind-0`, …), in row
  /// order, up to the highest row sent (at most `maxLinkRows`).
  var linkDrafts: [DomainDraft.LinkDraft] {
    let rows = pairs.compactMap { pair -> Int? in
      guard pair.name.hasPrefix("link-"), let dash = pair.name.lastIndex(of: "-") else { return nil }
      return Int(pair.name[pair.name.index(after: dash)...])
    }.filter { (0..<Self.maxLinkRows).contains($0) }
    guard let last = rows.max() else { return [] }
    return (0...last).map { i in
      DomainDraft.LinkDraft(
        target: self["link-target-\(i)"] ?? "", kind: self["link-kind-\(i)"] ?? "related",
        weight: self["link-weight-\(i)"] ?? "0.5", rationale: self["link-rationale-\(i)"] ?? "")
    }
  }

  /// More link rows than any honest form sends are ignored.
  static let maxLinkRows = 50
}

/// The name of the form field an input issue concerns (`scores.military.low` → `low-military`).
enum FormField {
  static func name(for key: String?) -> String? {
    guard let key, !key.isEmpty else { return nil }
    // `links[2].weight` → `link-weight-2`.
    if key.hasPrefix("links["), let close = key.firstIndex(of: "]"), let dot = key.lastIndex(of: ".") {
      let row = key[key.index(key.startIndex, offsetBy: 6)..<close]
      return "link-\(key[key.index(after: dot)...])-\(row)"
    }
    let parts = key.split(separator: ".").map(String.init)
    if parts.first == "scores" {
      guard parts.count >= 2 else { return nil }
      let id = parts[1]
      if parts.count == 2 { return "score-\(id)" }
      switch parts[2] {
      case "low": return "low-\(id)"
      case "high": return "high-\(id)"
      case "quantiles": return "q-\(id)"
      case "rationale": return "rationale-\(id)"
      case "evidence": return "evidence-\(id)"
      default: return "score-\(id)"
      }
    }
    return key
  }
}
