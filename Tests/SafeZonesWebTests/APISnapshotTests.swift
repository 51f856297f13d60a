import Foundation
import SafeZonesCore
import SnapshotTesting
import Testing
import VaporTesting

@testable import SafeZonesWeb

extension APITests {
  /// The placements document of the shipped knowledge base, compared with
  /// `__Snapshots__/APISnapshotTests/shippedPlacements.1.json`. It depends on the shipped
  /// rubric and knowledge base: re-record it (delete the file, run twice) whenever they change.
  @Suite("snapshots", .enabled(if: API.freshStore, "needs a store holding exactly the shipped knowledge base"))
  struct APISnapshotTests {
    @Test("GET /placements for the shipped knowledge base")
    func shippedPlacements() async throws {
      try await API.withAPI { app in
        let res = try await API.send(app, .GET, "/api/v1/placements")
        #expect(res.status == .ok)
        var json = Snapshotting<String, String>.lines
        json.pathExtension = "json"
        assertSnapshot(of: res.body.string, as: json, testName: "shippedPlacements")
      }
    }
  }
}
