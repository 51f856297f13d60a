import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesStore

/// The store, for the commands that read or write it (`import`, `export`, `elicit`,
/// `simulate --data`).
enum StoreAccess {
  /// Runs `body` on the store, shutting it down afterwards whatever happens, and turns the
  /// store's refusals into messages.
  static func with<T: Sendable>(_ settings: Settings, _ body: (StoreRuntime) async throws -> T) async throws -> T {
    let runtime = try await StoreSetup.open(settings)
    do {
      // The command line's writes are recorded as `cli:<login name>` in the audit trail.
      let result = try await AuditContext.$current.withValue(AuditContext.current ?? CommandLineWriter.context) {
        try await body(runtime)
      }
      await runtime.shutdown()
      return result
    } catch {
      await runtime.shutdown()
      switch error {
      case let e as DeliberationError:
        if case .invalid(let input) = e { throw input }
        throw CommandFailure(e.description)
      case let e as StoreError: throw CommandFailure(e.description)
      default: throw error
      }
    }
  }
}
