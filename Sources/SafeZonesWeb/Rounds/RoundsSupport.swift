import Foundation
import Plot
import SafeZonesCore

/// The addresses of the Delphi pages, built in one place (like `SiteURL`). Values are
/// percent-encoded here; views still escape them as attributes.
enum RoundsURL {
  static let list = "/rounds"

  /// The list with the open-a-round form prefilled to follow `round`.
  static func next(after round: Int) -> String { "/rounds?after=\(round)#open-round" }
  static func round(_ id: Int) -> String { "/rounds/\(id)" }
  static func close(_ id: Int) -> String { "/rounds/\(id)/close" }
  static func adopt(_ id: Int) -> String { "/rounds/\(id)/adopt" }
  static func revert(_ id: Int) -> String { "/rounds/\(id)/revert" }
  static func drafts(_ id: Int) -> String { "/rounds/\(id)/drafts" }
  static func judgements(_ id: Int) -> String { "/rounds/\(id)/judgements" }
  static func assessorPath(_ id: Int) -> String { "/rounds/\(id)/assessor" }
  static func feedbackPath(_ id: Int) -> String { "/rounds/\(id)/feedback" }

  static func assessor(_ id: Int, name: String, saved: String? = nil) -> String {
    assessorPath(id) + "?name=\(Esc.url(name))" + (saved.map { "&saved=\(Esc.url($0))#domain-\(Esc.url($0))" } ?? "")
  }

  /// The assessor's page after a submission: which domains were just submitted, and the
  /// first of them in view.
  static func assessor(_ id: Int, submitted: [String]) -> String {
    assessorPath(id) + "?submitted=\(Esc.url(submitted.joined(separator: ",")))"
      + (submitted.first.map { "#domain-\(Esc.url($0))" } ?? "")
  }

  static func feedback(_ id: Int, name: String) -> String { feedbackPath(id) + "?name=\(Esc.url(name))" }
}

/// Pieces shared by the Delphi pages.
enum RoundsParts {
  /// `open` / `closed` as a labelled badge (the word is written: colour is not the only cue).
  static func status(_ round: Round) -> HTMLNode {
    .el(
      "span", ["class": "badge", "data-status": round.status.rawValue],
      .safe(round.isOpen ? tr("Open") : tr("Closed")))
  }

  /// `Panel 2026 · round 2: Title`.
  static func heading(_ round: Round) -> String {
    tr(
      "{study} · round {number}: {title}",
      ["study": .text(round.study), "number": .text(String(round.number)), "title": .text(round.title)])
  }

  /// ``heading(_:)`` as page text: the study and the title marked as typed.
  static func headingNode(_ round: Round) -> HTMLNode {
    DomainPageText.sentence(
      tr(
        "{study} · round {number}: {title}",
        [
          "study": DomainPageText.slot("study"), "number": .text(String(round.number)),
          "title": DomainPageText.slot("title"),
        ]), ["study": DomainText.asTyped(round.study), "title": DomainText.asTyped(round.title)])
  }

  /// A domain's name as the models hold it (already in the language in view, by
  /// `DomainText.name`), as page text: a shipped domain's name left in English is marked.
  static func domain(_ id: String, _ shown: String) -> HTMLNode {
    guard Localization.language != .english, Localization.current?.domainNames[id]?.translated != shown else {
      return .safe(shown)
    }
    return DomainText.nameNode(id: id, english: shown)
  }

  /// Names typed by people (assessors, panellists) as one list, marked as typed.
  static func typed(_ names: [String]) -> HTMLNode { DomainText.asTyped(Localization.language.list(names)) }

  /// A list placeholder whose items are page nodes: pass `.0` as the placeholder's value
  /// (and in the sentence's slots), then fill the sentence with `DomainPageText.sentence`
  /// and `.1`.
  static func nodeList(_ key: String, _ nodes: [HTMLNode]) -> (LocalizationArgument, [String: HTMLNode]) {
    let keys = nodes.indices.map { "\(key).\($0)" }
    return (
      .list(keys.map { "\u{E000}\($0)\u{E001}" }),
      Dictionary(uniqueKeysWithValues: zip(keys, nodes))
    )
  }

  /// `Panel 2026, round 2`: a round in breadcrumbs and titles.
  static func short(_ round: Round) -> String {
    tr("{study}, round {number}", ["study": .text(round.study), "number": .text(String(round.number))])
  }

  /// A criterion's short title in the language in view (`Fundamentality`).
  static func title(_ id: CriterionID) -> String { Localization.shipped("criterion.\(id.rawValue).title", id.title) }

  /// What separates two sentences in the language in view: a space, none in Chinese.
  static var space: String { Localization.language.usesCJKScript ? "" : " " }

  /// Where a node goes in a translated sentence: pass it as the placeholder's value, then
  /// ``splice(_:_:)`` the sentence around the node.
  static let slot = "\u{1}"

  /// `sentence` (made with ``slot`` for one placeholder) as page text with `node` in the
  /// slot's place, wherever the language puts it.
  static func splice(_ sentence: String, _ node: HTMLNode) -> HTMLNode {
    guard let range = sentence.range(of: slot) else { return .safe(sentence) }
    let before = String(sentence[..<range.lowerBound])
    let after = String(sentence[range.upperBound...])
    return .group([before.isEmpty ? .none : .safe(before), node, after.isEmpty ? .none : .safe(after)])
  }

  /// `2.5`, with two decimals at most.
  static func n(_ v: Double) -> String { Format.number(v, digits: 2) }

  /// `2–3`.
  static func band(_ low: Double, _ high: Double) -> String { n(low) == n(high) ? n(low) : "\(n(low))–\(n(high))" }

  /// A group distribution in words: `median 2.5 · middle half 2–3 · 90% 1.2–3.8 · 3 assessors`.
  static func group(_ g: GroupDistribution) -> String {
    let values: [String: LocalizationArgument] = [
      "median": .text(n(g.median)), "middle": .text(band(g.p25, g.p75)), "band": .text(band(g.p05, g.p95)),
      "count": .text(String(g.n)),
    ]
    return g.n == 1
      ? tr("median {median} · middle half {middle} · 90% {band} · {count} assessor", values)
      : tr("median {median} · middle half {middle} · 90% {band} · {count} assessors", values)
  }

  static func position(_ p: Delphi.Position) -> String {
    switch p {
    case .below: return tr("below the group's middle half")
    case .within: return tr("within the group's middle half")
    case .above: return tr("above the group's middle half")
    }
  }

  /// The store's refusal as an error for the site.
  static func appError(_ error: DeliberationError) -> AppError {
    switch error {
    case .roundNotFound: return AppError(.notFound, code: "not_found", message: error.description)
    case .roundClosed: return AppError(.conflict, code: "round_closed", message: error.description)
    case .roundOpen: return AppError(.conflict, code: "round_open", message: error.description)
    case .previousRoundOpen, .notLatest:
      return AppError(.conflict, code: "round_order", message: error.description, field: "study")
    case .invalid(let input): return .invalid(input)
    case .notAdopted: return AppError(.conflict, code: "not_adopted", message: error.description, field: "domain")
    }
  }

  /// The issue a refusal of the open-a-round form becomes, keyed by its field.
  static func issue(_ error: DeliberationError) -> [InputIssue] {
    switch error {
    case .invalid(let input): return input.issues
    case .previousRoundOpen, .notLatest: return [InputIssue(key: "study", message: error.description)]
    case .roundNotFound, .roundClosed, .roundOpen, .notAdopted:
      return [InputIssue(key: "study", message: error.description)]
    }
  }
}
