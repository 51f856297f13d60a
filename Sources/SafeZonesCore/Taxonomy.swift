/// A technology taxonomy: a published list of sensitive or critical technology areas (the US
/// Critical and Emerging Technologies list, Canada's Sensitive Technology Research Areas, the
/// EU dual-use list's categories …), shipped as a versioned data file so that research
/// proposals can be screened against it (`docs/taxonomies.md`).
///
/// Ids are stable: screening results cite a taxonomy by ``id`` and an area by its entry's or
/// subfield's id, so an id is never reused for something else once shipped.
public struct Taxonomy: Sendable, Hashable, Codable, Identifiable {
  /// The taxonomy's id, e.g. `us-cet-2024`: lowercase letters, digits and '-'.
  public var id: String
  /// A short name for lists and headings.
  public var name: String
  /// Who published the source document.
  public var publisher: String
  /// The source document's title.
  public var title: String
  /// When the source was published (or the version of it this file follows).
  public var date: Day
  /// The source's version this file follows, e.g. `2024-02`.
  public var version: String
  /// Where the source can be read.
  public var url: String
  /// One sentence on what the list is and how it is used.
  public var note: String?
  /// The list's areas, in the source's order.
  public var entries: [TaxonomyEntry]

  public init(
    id: String, name: String, publisher: String, title: String, date: Day, version: String, url: String,
    note: String? = nil, entries: [TaxonomyEntry]
  ) {
    self.id = id
    self.name = name
    self.publisher = publisher
    self.title = title
    self.date = date
    self.version = version
    self.url = url
    self.note = note
    self.entries = entries
  }

  /// The entry or subfield with this id, if any.
  public func area(id: String) -> (entry: TaxonomyEntry, subfield: TaxonomySubfield?)? {
    for entry in entries {
      if entry.id == id { return (entry, nil) }
      if let subfield = entry.subfields.first(where: { $0.id == id }) { return (entry, subfield) }
    }
    return nil
  }

  /// Format-independent checks, with keys as in the file (`taxonomy.id`,
  /// `entries[3].subfields[1].id`): every id valid (``Domain/isValidID(_:)``) and used once
  /// across entries and subfields; names, summaries and the source's details not empty; at
  /// least one entry, and at least one keyword per entry; no empty keyword.
  public func validate() -> [InputIssue] {
    var issues: [InputIssue] = []
    func notEmpty(_ text: String, _ key: String) {
      if Taxonomy.isBlank(text) { issues.append(InputIssue(key: key, message: "must not be empty")) }
    }
    if !Domain.isValidID(id) {
      issues.append(InputIssue(key: "taxonomy.id", message: Taxonomy.invalidIDMessage(id)))
    }
    notEmpty(name, "taxonomy.name")
    notEmpty(publisher, "taxonomy.publisher")
    notEmpty(title, "taxonomy.title")
    notEmpty(version, "taxonomy.version")
    notEmpty(url, "taxonomy.url")
    if entries.isEmpty {
      issues.append(InputIssue(key: "entries", message: "the taxonomy lists no entries"))
    }

    // Where each id was first used: entries and subfields share one namespace.
    var firstUse: [String: String] = [:]
    func checkID(_ id: String, _ key: String) {
      if !Domain.isValidID(id) {
        issues.append(InputIssue(key: key, message: Taxonomy.invalidIDMessage(id)))
      } else if let first = firstUse[id] {
        issues.append(InputIssue(key: key, message: "duplicate id '\(id)' (first used by \(first))"))
      } else {
        firstUse[id] = key
      }
    }
    func checkKeywords(_ keywords: [String], _ key: String) {
      for (k, keyword) in keywords.enumerated() { notEmpty(keyword, "\(key).keywords[\(k)]") }
    }

    for (i, entry) in entries.enumerated() {
      let key = "entries[\(i)]"
      checkID(entry.id, "\(key).id")
      notEmpty(entry.name, "\(key).name")
      notEmpty(entry.summary, "\(key).summary")
      if entry.keywords.isEmpty {
        issues.append(
          InputIssue(key: "\(key).keywords", message: "an entry needs at least one keyword to be matched by"))
      }
      checkKeywords(entry.keywords, key)
      for (j, subfield) in entry.subfields.enumerated() {
        let subKey = "\(key).subfields[\(j)]"
        checkID(subfield.id, "\(subKey).id")
        notEmpty(subfield.name, "\(subKey).name")
        checkKeywords(subfield.keywords, subKey)
      }
    }
    return issues
  }

  static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }

  static func invalidIDMessage(_ id: String) -> String {
    "'\(TextLimits.preview(id))' is not a valid id: use lowercase letters, digits and '-' (at most 80)"
  }
}

/// One area of a ``Taxonomy``: a US CET area, a Canadian category, an EU Annex I category.
public struct TaxonomyEntry: Sendable, Hashable, Codable, Identifiable {
  /// Unique within the taxonomy (across entries and subfields).
  public var id: String
  /// The name as the source gives it.
  public var name: String
  /// One or two sentences, in our own words.
  public var summary: String
  /// Words people write in proposals about this area: synonyms, abbreviations, phrasings.
  public var keywords: [String]
  /// The source's subfields (subcategories, product groups), in its order.
  public var subfields: [TaxonomySubfield]
  /// What a reader should know about this entry, e.g. where its wording is paraphrased.
  public var note: String?

  public init(
    id: String, name: String, summary: String, keywords: [String], subfields: [TaxonomySubfield] = [],
    note: String? = nil
  ) {
    self.id = id
    self.name = name
    self.summary = summary
    self.keywords = keywords
    self.subfields = subfields
    self.note = note
  }
}

/// A subfield of a ``TaxonomyEntry``.
public struct TaxonomySubfield: Sendable, Hashable, Codable, Identifiable {
  /// Unique within the taxonomy (across entries and subfields).
  public var id: String
  /// The name as the source gives it, or a faithful paraphrase.
  public var name: String
  /// Words people write in proposals about this subfield.
  public var keywords: [String]

  public init(id: String, name: String, keywords: [String] = []) {
    self.id = id
    self.name = name
    self.keywords = keywords
  }
}
