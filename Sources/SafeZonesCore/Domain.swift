/// How two domains are related. The essay's examples are the first links; later links may
/// use other kinds.
public struct DomainLink: Sendable, Hashable, Codable {
  public var target: String
  /// `enables`, `applies`, `shares-facility`, `reframes`, `related`, …
  public var kind: String
  /// Strength in [0, 1].
  public var weight: Double
  public var rationale: String?

  public init(target: String, kind: String = "related", weight: Double = 0.5, rationale: String? = nil) {
    self.target = target
    self.kind = kind
    self.weight = weight
    self.rationale = rationale
  }
}

/// A research or technology domain and every assessment of it.
public struct Domain: Sendable, Hashable, Identifiable {
  /// Lowercase letters, digits and '-'.
  public var id: String
  public var name: String
  public var summary: String?
  public var tags: [String]
  public var links: [DomainLink]
  /// Where in the essay this domain is discussed (for shipped domains).
  public var source: String?
  /// Oldest first; the last is the current assessment.
  public var assessments: [Assessment]

  public init(
    id: String, name: String, summary: String? = nil, tags: [String] = [], links: [DomainLink] = [],
    source: String? = nil, assessments: [Assessment]
  ) {
    self.id = id
    self.name = name
    self.summary = summary
    self.tags = tags
    self.links = links
    self.source = source
    self.assessments = assessments.sorted { $0.date < $1.date }
  }

  /// The newest assessment (ties keep input order).
  public var current: Assessment? { assessments.last }

  /// `true` when `text` is a valid domain id.
  public static func isValidID(_ text: String) -> Bool {
    guard !text.isEmpty, text.count <= 80, text.first != "-", text.last != "-" else { return false }
    return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
  }

  /// Format-independent checks of one domain at `key` (e.g. `domains[3]`).
  public func validate(key: String) -> [InputIssue] {
    var issues: [InputIssue] = []
    if !Domain.isValidID(id) {
      issues.append(
        InputIssue(
          key: InputIssue.key(key, "id"),
          message: "'\(TextLimits.preview(id))' is not a valid id: use lowercase letters, digits and '-' (at most 80)"))
    }
    if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(InputIssue(key: InputIssue.key(key, "name"), message: "must not be empty"))
    }
    if assessments.isEmpty {
      issues.append(
        InputIssue(key: InputIssue.key(key, "assessment"), message: "a domain needs at least one assessment"))
    }
    for (index, link) in links.enumerated() {
      if !(link.weight.isFinite && (0...1).contains(link.weight)) {
        issues.append(
          InputIssue(
            key: InputIssue.key(key, "links[\(index)].weight"),
            message: "must be between 0 and 1, got \(Format.number(link.weight))")
        )
      }
      if link.target == id {
        issues.append(
          InputIssue(key: InputIssue.key(key, "links[\(index)].target"), message: "a domain cannot link to itself"))
      }
    }
    return issues
  }

  /// Checks a whole collection: each domain, and that ids are unique.
  public static func validate(_ domains: [Domain], key: String = "domains") -> [InputIssue] {
    var issues: [InputIssue] = []
    var firstIndex: [String: Int] = [:]
    for (index, domain) in domains.enumerated() {
      issues += domain.validate(key: "\(key)[\(index)]")
      if let first = firstIndex[domain.id] {
        issues.append(
          InputIssue(
            key: "\(key)[\(index)].id",
            message: "duplicate id '\(domain.id)' (first used by \(key)[\(first)])"))
      } else {
        firstIndex[domain.id] = index
      }
    }
    return issues
  }
}
