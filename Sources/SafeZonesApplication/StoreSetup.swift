import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore

/// Opening the store, the same way for `safezones serve` and for the commands that read
/// or write it (`import`, `export`, `elicit`, `simulate --data`): its location from the
/// settings, its migrations, and the shipped rubric and knowledge base on first start.
public enum StoreSetup {
  /// Opens, migrates and seeds the store the settings name. A store that cannot be opened
  /// is reported against the setting that chose it.
  public static func open(_ settings: Settings) async throws -> StoreRuntime {
    try settings.prepareDataDirectory()
    let runtime = try StoreRuntime(location: settings.database)
    do {
      try await SetupLock.holding(on: runtime.database) {
        try await runtime.migrate()
        try await seed(runtime.repository, knowledgeBase: settings.seedKnowledgeBase)
      }
    } catch {
      await runtime.shutdown()
      throw settings.storeOpenError(error)
    }
    return runtime
  }

  /// Loads the shipped rubric (when the store has none) and the shipped knowledge base (when
  /// the store has no domains and `knowledgeBase` is on).
  public static func seed(_ repository: any Store, knowledgeBase: Bool) async throws {
    if try await repository.rubrics().isEmpty {
      try await repository.save(StoredRubric(rubric: try KnowledgeBase.rubric(), text: try KnowledgeBase.rubricText()))
    }
    if knowledgeBase, try await repository.isEmpty() {
      _ = try await repository.importDomains(try KnowledgeBase.allDomains())
    }
  }
}
