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
  /// Words and phrases people write in proposals about this domain (synonyms, abbreviations,
  /// method names): searched beside the name and summary, so that screening and the map's
  /// search box find a domain by the words of the field rather than its title only.
  public var keywords: [String]
  public var links: [DomainLink]
  /// Where in the essay this domain is discussed (for shipped domains).
  public var source: String?
  /// The domain's timeline: by date, oldest first, and on one date in the order given
  /// (the order they were saved). The last is the current assessment, so a back-dated save
  /// joins the history at its date without displacing a later-dated one
  /// (`docs/change-over-time.md`). Kept in this order whenever it is set.
  public var assessments: [Assessment] {
    didSet { assessments = Domain.timeline(assessments) }
  }

  public init(
    id: String, name: String, summary: String? = nil, tags: [String] = [], keywords: [String] = [],
    links: [DomainLink] = [], source: String? = nil, assessments: [Assessment]
  ) {
    self.id = id
    self.name = name
    self.summary = summary
    self.tags = tags
    self.keywords = keywords
    self.links = links
    self.source = source
    self.assessments = Domain.timeline(assessments)
  }

  /// `assessments` in timeline order: by date, and on one date in the order given — the one
  /// rule that decides which assessment is current and which placement the map shows on
  /// any day.
  public static func timeline(_ assessments: [Assessment]) -> [Assessment] {
    var ordered = true
    for i in assessments.indices.dropFirst() where assessments[i - 1].date > assessments[i].date {
      ordered = false
      break
    }
    if ordered { return assessments }
    return assessments.enumerated().sorted { a, b in
      a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
    }.map(\.element)
  }

  /// The version number of the assessment at `index` of the timeline: its place in the
  /// order of saving (1 for the first saved). A back-dated save joins the timeline before
  /// later-dated assessments, but keeps the next number, so a version number never changes.
  public func version(at index: Int) -> Int { assessments[index].sequence ?? index + 1 }

  /// The timeline index of the assessment with version number `version`.
  public func index(ofVersion version: Int) -> Int? {
    assessments.indices.first { self.version(at: $0) == version }
  }

  /// `true` when the assessment at `index` was saved after one dated later than it: a
  /// back-dated save, which joins the history at its date and is not the current one.
  public func isBackDated(at index: Int) -> Bool {
    let v = version(at: index)
    return assessments.indices.dropFirst(index + 1).contains { version(at: $0) < v }
  }

  /// The domain's version: how many assessments it holds across every pair — what a
  /// writer states as the version it read (`DomainRepository.append`). A domain scoped to
  /// one pair (`judging(_:default:)`) keeps the count of the whole.
  public var latestVersion: Int { versionAcrossPairs ?? assessments.count }
  var versionAcrossPairs: Int?

  /// Equal content: the same identity and judgements (how many other pairs' judgements a
  /// scoped domain left out is bookkeeping for writers, not content).
  public static func == (a: Domain, b: Domain) -> Bool {
    a.id == b.id && a.name == b.name && a.summary == b.summary && a.tags == b.tags && a.keywords == b.keywords
      && a.links == b.links && a.source == b.source && a.assessments == b.assessments
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(name)
    hasher.combine(assessments)
  }

  /// The current assessment: the latest dated, and of several on that date the one saved
  /// last.
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
          message: tr(
            "'{id}' is not a valid id: use lowercase letters, digits and '-' (at most 80)",
            ["id": .text(TextLimits.preview(id))])))
    }
    if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      issues.append(InputIssue(key: InputIssue.key(key, "name"), message: tr("must not be empty")))
    }
    if assessments.isEmpty {
      issues.append(
        InputIssue(key: InputIssue.key(key, "assessment"), message: tr("a domain needs at least one assessment")))
    }
    for (index, link) in links.enumerated() {
      if !(link.weight.isFinite && (0...1).contains(link.weight)) {
        issues.append(
          InputIssue(
            key: InputIssue.key(key, "links[\(index)].weight"),
            message: tr("must be between 0 and 1, got {value}", ["value": .text(Format.number(link.weight))]))
        )
      }
      if link.target == id {
        issues.append(
          InputIssue(key: InputIssue.key(key, "links[\(index)].target"), message: tr("a domain cannot link to itself")))
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
            message: tr(
              "duplicate id '{id}' (first used by {first})",
              ["id": .text(domain.id), "first": .text("\(key)[\(first)]")])))
      } else {
        firstIndex[domain.id] = index
      }
    }
    return issues
  }
}
