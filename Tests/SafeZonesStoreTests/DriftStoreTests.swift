import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesStore

extension StoreTests {
  /// Drifts recorded on assessments survive the store (migration M009).
  @Suite struct Drifts {
    @Test(arguments: try StoreTests.locations())
    func driftsReadBackEqual(location: StoreLocation) async throws {
      try await StoreTests.withStore(location) { _, repo async throws in
        // setup
        var domain = Fixture.minimal("drifting")
        domain.assessments[0].drifts = [
          Drift(criterion: .military, change: 1, years: 5, uncertainty: 0.5), Drift(criterion: .maturity, perYear: 0.2),
        ]
        var later = domain.assessments[0]
        later.date = Day("2099-01-01")!
        later.drifts = []
        // act
        try await repo.create(domain)
        _ = try await repo.append(later, to: "drifting", basedOn: 1)
        // check
        let read = try #require(try await repo.domain(id: "drifting"))
        #expect(read.assessments[0].drifts == domain.assessments[0].drifts)
        #expect(read.assessments[1].drifts.isEmpty)
        #expect(try await repo.allDomains().first { $0.id == "drifting" }?.assessments[0].drifts.count == 2)
      }
    }

    @Test("stored drifts round-trip through their JSON; unreadable entries are left out")
    func storedJSON() {
      let drifts = [
        Drift(criterion: .military, change: 1, years: 5, uncertainty: 0.5), Drift(criterion: .maturity, perYear: -0.25),
      ]
      #expect(StoredDrifts.decode(StoredDrifts.encode(drifts)) == drifts)
      #expect(StoredDrifts.encode([]) == nil)
      #expect(StoredDrifts.decode(nil).isEmpty)
      #expect(
        StoredDrifts.decode(
          "[{\"criterion\": \"bravery\", \"per_year\": 1}, {\"criterion\": \"military\", \"per_year\": 0.1}]") == [
            Drift(criterion: .military, perYear: 0.1)
          ])
      #expect(StoredDrifts.decode("not json").isEmpty)
    }
  }
}
