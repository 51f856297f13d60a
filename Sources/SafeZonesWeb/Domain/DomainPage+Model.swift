import Foundation
import Plot
import SafeZonesCore

/// What the domain page shows: one version of a domain's assessment explained, its
/// strategy, its links and its whole history.
struct DomainPageModel {
  /// Whether the reader may add an assessment (assessors and above): the button shows only then.
  var canAssess = true
  struct HistoryEntry {
    var version: Int
    /// The version before it in the timeline (`nil` for the first).
    var previousVersion: Int?
    var assessment: Assessment
    var diff: AssessmentDiff
    /// Saved after an assessment dated later (`Domain.isBackDated`).
    var backDated = false
  }

  struct LinkEntry {
    var id: String
    /// `nil` when the linked domain is not in the store.
    var name: String?
    var link: DomainLink
  }

  var domain: Domain
  var rubric: Rubric
  /// The country pairs the domain is assessed for (the page shows `rubric.countries`).
  var pairs: [CountryPair] = []
  /// The version shown (its number in the order of saving) and how many there are.
  var version: Int
  var versions: Int
  /// The current assessment's version: the latest dated (`Domain.current`).
  var currentVersion: Int
  var assessment: Assessment
  /// The shown assessment's placement, strategy and contributions.
  var placed: PlacedDomain
  /// Newest first.
  var history: [HistoryEntry]
  var links: [LinkEntry]
  /// Domains whose links point here.
  var linkedFrom: [LinkEntry]
  /// Set after a save redirected here.
  var savedVersion: Int?
  /// Migration warnings, trajectory, projection and linked risk (`DomainChangeView`).
  var change: DomainChangeModel? = nil
  var uncertainty: DomainUncertainty? = nil
  /// The taxonomy areas the domain falls under (the shipped crosswalk), strongest first.
  var crosswalk: [CrosswalkEntry] = []
  /// Stored stress runs whose network has a node depending on the domain (signed-in
  /// readers only; `nil` for everyone else).
  var supplyChains: [StressRun]?

  /// One crosswalk link with the names a reader needs.
  struct CrosswalkEntry {
    var taxonomy: Taxonomy
    var entry: TaxonomyEntry
    var subfield: TaxonomySubfield?
    var link: CrosswalkLink
  }

  var isCurrent: Bool { version == currentVersion }
}
