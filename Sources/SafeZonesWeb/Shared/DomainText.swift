import Foundation
import Plot
import SafeZonesCore
import SafeZonesKnowledge

/// A domain's name and summary in the reader's language, and the marking of knowledge-base
/// text left in English.
///
/// Shipped domains carry translations (`knowledge-base-l10n/<tag>/*.yaml`); a domain the
/// store renamed, a user's own domain, or a field nobody translated shows its own text. In
/// a page that is not in English, shipped text without a translation — and text that is
/// never translated, such as rationales and evidence — is wrapped in
/// `<span lang="en" class="untranslated">`, so screen readers pronounce it as English and
/// the reader sees it is not a mistake. Ids, addresses, sorting, search and downloads keep
/// the stored text.
enum DomainText {
  private static let tables: [SafeZonesCore.Language: [String: DomainTranslation]] = Dictionary(
    uniqueKeysWithValues: SafeZonesCore.Language.allCases.map { l in
      (l, (try? KnowledgeBase.domainTranslations(l)) ?? [:])
    })

  private static func translation(_ d: Domain) -> DomainTranslation? {
    let language = Localization.language
    return language == .english ? nil : tables[language]?[d.id]
  }

  /// The name in the language in view (plain text, not escaped).
  static func name(_ d: Domain) -> String { Localization.domainName(id: d.id, english: d.name) }

  /// The name of the domain `id` whose English name is `english` (for rows that carry no
  /// `Domain`).
  static func name(id: String, english: String) -> String { Localization.domainName(id: id, english: english) }

  /// ``name(id:english:)`` as page text, marked when it is English in a page that is not.
  static func nameNode(id: String, english: String) -> HTMLNode {
    let text = name(id: id, english: english)
    return text == english && Localization.language != .english && shippedIDs.contains(id)
      ? untranslated(english) : .safe(text)
  }

  /// The summary in the language in view (plain text, not escaped); `nil` when the domain
  /// has none.
  static func summary(_ d: Domain) -> String? { translation(d)?.summary(for: d) ?? d.summary }

  /// The name as page text, marked when it is English in a page that is not.
  static func nameNode(_ d: Domain) -> HTMLNode {
    if let text = translation(d)?.name(for: d) { return .safe(text) }
    return isShipped(d) ? untranslated(d.name) : .safe(d.name)
  }

  /// The summary as page text, marked when it is English in a page that is not.
  static func summaryNode(_ d: Domain) -> HTMLNode {
    if let text = translation(d)?.summary(for: d) { return .safe(text) }
    let english = d.summary ?? ""
    return isShipped(d) ? untranslated(english) : .safe(english)
  }

  /// Shared vocabulary a user may reword (a criterion's question, a playbook's action) as
  /// page text: the catalogue's translation when `english` is the shipped wording
  /// (``Localization/shippedTranslation(_:_:)``), else `english`, marked as English in a page
  /// that is not.
  static func shipped(_ key: String, _ english: String) -> HTMLNode {
    Localization.shippedTranslation(key, english).map { .safe($0) } ?? untranslated(english)
  }

  /// Knowledge-base text that is not translated (rationales, evidence): in a page that is
  /// not in English, marked as English.
  static func untranslated(_ text: String) -> HTMLNode {
    Localization.language == .english
      ? .safe(text) : .el("span", ["lang": "en", "class": "untranslated"], .safe(text))
  }

  /// What people typed or named (a person's name, an email): never translated, and marked
  /// `translate="no"` in a page that is not in English so that neither a browser's
  /// translator nor a reader takes it for an untranslated sentence.
  static func asTyped(_ text: String) -> HTMLNode {
    Localization.language == .english
      ? .safe(text) : .el("span", ["translate": "no"], .safe(text))
  }

  /// Whether the knowledge base ships this domain (its text is English by construction).
  private static func isShipped(_ d: Domain) -> Bool {
    Localization.language != .english && shippedIDs.contains(d.id)
  }

  private static let shippedIDs: Set<String> = Set(((try? KnowledgeBase.allDomains()) ?? []).map(\.id))
}
