import Foundation

/// A proposed collaboration as it reaches a reviewer: what it is about, its aims, who the
/// partners are. Screening reads its text to find the domains and technology categories it
/// touches (`Screener`). See `docs/screening.md`.
public struct Proposal: Sendable, Hashable, Codable {
  public struct Aim: Sendable, Hashable, Codable {
    public var id: String
    public var text: String

    public init(id: String, text: String) {
      self.id = id
      self.text = text
    }
  }

  public struct Partner: Sendable, Hashable, Codable {
    public var name: String
    /// A country code as the rubric uses them (`CN`, `US`, …), when given.
    public var country: String?

    public init(name: String, country: String? = nil) {
      self.name = name
      self.country = country
    }
  }

  public var id: String
  public var title: String
  public var abstract: String
  public var aims: [Aim]
  public var partners: [Partner]
  public var funding: String?
  public var data: String?
  public var equipment: String?

  public init(
    id: String, title: String, abstract: String = "", aims: [Aim] = [], partners: [Partner] = [],
    funding: String? = nil, data: String? = nil, equipment: String? = nil
  ) {
    self.id = id
    self.title = title
    self.abstract = abstract
    self.aims = aims
    self.partners = partners
    self.funding = funding
    self.data = data
    self.equipment = equipment
  }

  /// Format-independent checks, keys relative to `key` (e.g. `proposals[2]`).
  public func validate(key: String = "") -> [InputIssue] {
    var issues: [InputIssue] = []
    func k(_ member: String) -> String { InputIssue.key(key, member) }
    if !Domain.isValidID(id) {
      issues.append(
        InputIssue(
          key: k("id"),
          message: tr(
            "'{id}' is not a valid id: use lowercase letters, digits and '-' (at most 80)",
            ["id": .text(TextLimits.preview(id))])))
    }
    if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(InputIssue(key: k("title"), message: tr("give the proposal a title")))
    }
    if aims.isEmpty && abstract.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(
        InputIssue(key: k("aims"), message: tr("a proposal needs an abstract or at least one aim to screen")))
    }
    var seen: Set<String> = []
    for (i, aim) in aims.enumerated() {
      if aim.id.isEmpty || aim.id.count > 40 || !aim.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
        issues.append(
          InputIssue(
            key: k("aims[\(i)].id"),
            message: tr("'{id}' is not a valid aim id, e.g. a1", ["id": .text(TextLimits.preview(aim.id))])))
      } else if !seen.insert(aim.id).inserted {
        issues.append(
          InputIssue(key: k("aims[\(i)].id"), message: tr("'{id}' is used by another aim", ["id": .text(aim.id)])))
      }
      if aim.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        issues.append(InputIssue(key: k("aims[\(i)].text"), message: tr("say what the aim is")))
      }
    }
    for (i, partner) in partners.enumerated()
    where partner.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(InputIssue(key: k("partners[\(i)].name"), message: tr("name the partner")))
    }
    return issues
  }

  /// Everything a reviewer reads about the work (not the partners): title, abstract, aims,
  /// funding, data and equipment.
  public var fullText: String {
    ([title, abstract] + aims.map(\.text) + [funding, data, equipment].compactMap { $0 }).joined(separator: "\n")
  }
}
