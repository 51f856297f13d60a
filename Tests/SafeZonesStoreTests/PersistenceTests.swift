import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import Testing

@testable import SafeZonesStore

extension StoreTests {
  @Suite struct Persistence {
    @Test func anSQLiteFileKeepsTheStoreAcrossRuntimes() async throws {
      // setup
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safezones-store-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: folder) }
      let location = try StoreLocation(url: "sqlite://" + folder.appendingPathComponent("store.db").path)
      let domain = Fixture.full()
      let rubric = StoredRubric(rubric: try KnowledgeBase.rubric(), text: try KnowledgeBase.rubricText())

      // act: write with one runtime, read with another
      let writer = try StoreRuntime(location: location)
      try await writer.migrate()
      try await writer.repository.create(domain)
      _ = try await writer.repository.append(Fixture.assessment("Later"), to: domain.id, basedOn: 3)
      try await writer.repository.save(rubric)
      let written = try await writer.repository.allDomains()
      let revision = try await writer.repository.revision()
      await writer.shutdown()

      let reader = try StoreRuntime(location: location)
      try await reader.migrate()
      let read = try await reader.repository.allDomains()
      let rubrics = try await reader.repository.rubrics()
      let readRevision = try await reader.repository.revision()
      let migrations = try await reader.appliedMigrations()
      await reader.shutdown()

      // check
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("store.db").path))
      #expect(read == written)
      #expect(read.first?.assessments.count == 4)
      #expect(rubrics.map(\.text) == [rubric.text])
      #expect(readRevision == revision)
      #expect(migrations.count == StoreMigrations.all.count)
    }
  }
}
