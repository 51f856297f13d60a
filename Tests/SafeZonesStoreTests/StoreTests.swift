import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing

@testable import SafeZonesStore

/// The parent suite of the store tests. Every test runs against SQLite in memory and, when
/// `DATABASE_URL` is set, against that PostgreSQL database too. Tests run one at a time:
/// PostgreSQL tests share one database and each starts by resetting it.
@Suite(.serialized) struct StoreTests {
  /// The PostgreSQL schema the store tests work in, so that resetting it cannot disturb
  /// other suites (the web tests) that use the same `DATABASE_URL` at the same time.
  static let postgresSchema = "safezones_store_tests"

  /// SQLite in memory, plus the `DATABASE_URL` database when the variable is set.
  static func locations() throws -> [StoreLocation] {
    let url = ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    return [.sqliteMemory] + (try url.map { [try StoreLocation(url: $0)] } ?? [])
  }

  /// Runs `body` on a freshly migrated, empty store at `location`, then shuts the store down.
  static func withStore(
    _ location: StoreLocation, _ body: (StoreRuntime, FluentDomainRepository) async throws -> Void
  ) async throws {
    let runtime = try StoreRuntime(location: location, postgresSchema: postgresSchema)
    do {
      if location.isPostgres { try await runtime.revertAll() }
      try await runtime.migrate()
      try await body(runtime, runtime.repository)
    } catch {
      await runtime.shutdown()
      throw error
    }
    await runtime.shutdown()
  }
}

// MARK: - Fixtures

enum Fixture {
  static func day(_ text: String) -> Day { Day(text)! }

  /// Every criterion at `value`.
  static func all(_ value: Double) -> [CriterionID: CriterionScore] {
    Dictionary(uniqueKeysWithValues: CriterionID.allCases.map { ($0, CriterionScore(value)) })
  }

  static func assessment(
    _ assessor: String, _ date: String = "2026-05-01", value: Double = 2, perspective: String? = nil,
    note: String? = nil
  ) -> Assessment {
    Assessment(assessor: assessor, date: day(date), perspective: perspective, note: note, scores: all(value))
  }

  /// A domain using every field: ranges, rationales, evidence, links with and without a
  /// rationale, tags, perspective, note, non-ASCII text, and numbers that are not short
  /// decimals.
  static func full(id: String = "quantum-sensing") -> Domain {
    var detailed = all(1.5)
    detailed[.fundamentality] = CriterionScore(
      .range(low: 2, likely: 2.5, high: 4), rationale: "Mixed: some basic, some applied.",
      evidence: ["https://example.org/report?id=1&x=2", "Essay, 'A framework for cooperation'"])
    detailed[.military] = CriterionScore(3, rationale: "Navigation without GPS — “dual use”.")
    detailed[.maturity] = CriterionScore(0.1, evidence: ["Public fact: prototypes only."])
    detailed[.salience] = CriterionScore(.range(low: 1.0 / 3, likely: 1.0 / 3, high: 1.0 / 3))
    detailed[.indifference] = CriterionScore(.range(low: 0, likely: 0, high: 4), rationale: "")
    detailed[.publicGood] = nil
    return Domain(
      id: id, name: "Quantum sensing (Quantensensorik, 量子传感) ✓",
      summary: "Line one,\nline two with 'single' and \"double\" quotes; 100% ok.",
      tags: ["quantum", "sensing", "dual-use"],
      links: [
        DomainLink(target: "fundamental-quantum-physics", kind: "applies", weight: 0.35, rationale: "Builds on it."),
        DomainLink(target: "missile-guidance", kind: "enables", weight: 1.0 / 3),
        DomainLink(target: "gravimetry", kind: "related", weight: 0, rationale: nil),
      ],
      source: "Essay, 'Beyond specific technologies'",
      assessments: [
        Assessment(
          assessor: "Ada Example", date: day("2026-01-15"), perspective: "US", note: "First look;\nsecond line.",
          scores: detailed),
        Assessment(assessor: "李 Wei", date: day("2026-03-02"), perspective: "CN", scores: all(2.75)),
        Assessment(assessor: "Third Party", date: day("2026-03-02"), scores: all(4)),
      ])
  }

  /// The shipped rubric under another version.
  static func rubric(_ version: String) throws -> Rubric {
    var rubric = try KnowledgeBase.rubric()
    rubric.version = version
    return rubric
  }

  /// A small domain with only the required fields.
  static func minimal(_ id: String, assessments: [Assessment]? = nil) -> Domain {
    Domain(id: id, name: "Domain \(id)", assessments: assessments ?? [assessment("Initial", "2026-01-01")])
  }
}

extension Domain {
  /// The domain without what the store adds (sequence numbers and save times).
  var withoutStoreFields: Domain {
    var copy = self
    copy.assessments = assessments.map { $0.withoutStoreFields }
    return copy
  }
}

extension Assessment {
  var withoutStoreFields: Assessment {
    var copy = self
    copy.sequence = nil
    copy.recordedAt = nil
    return copy
  }
}

/// The outcome of an async call, for comparing concurrent writers.
func outcome<T: Sendable>(_ body: () async throws -> T) async -> Result<T, any Error> {
  do { return .success(try await body()) } catch { return .failure(error) }
}
