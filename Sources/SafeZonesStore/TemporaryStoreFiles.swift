import Foundation

/// The files behind "in-memory" SQLite stores.
///
/// SQLiteNIO is built without shared-cache support, so an in-memory database cannot be
/// shared by the pool's connections (one per event loop); sqlite-kit's `.memory` therefore
/// uses a file in the temporary folder and never removes it, which left one file behind per
/// test. The store names those files itself, removes a runtime's file when it shuts down,
/// and removes the rest when the process exits.
enum TemporaryStoreFiles {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var paths: Set<String> = []
  nonisolated(unsafe) private static var cleanupRegistered = false

  /// A new, unused path in the temporary folder, removed at the latest when the process exits.
  static func makePath() -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "safezones-memory-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite"
      )
      .path
    lock.withLock {
      paths.insert(path)
      if !cleanupRegistered {
        cleanupRegistered = true
        atexit { TemporaryStoreFiles.removeAll() }
      }
    }
    return path
  }

  /// Removes the database file at `path` and SQLite's companion files.
  static func remove(_ path: String) {
    _ = lock.withLock { paths.remove(path) }
    for suffix in ["", "-journal", "-wal", "-shm"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }

  static func removeAll() {
    let all = lock.withLock { paths }
    for path in all { remove(path) }
  }
}
