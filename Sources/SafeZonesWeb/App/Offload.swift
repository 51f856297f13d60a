import Dispatch
import Foundation
import SafeZonesCore

/// CPU-heavy work — placing many domains, rendering a large page, drawing the map, Monte
/// Carlo — runs on these threads, not on the Swift concurrency pool. That pool has one
/// thread per core (two here): a long computation on it would hold up every other request,
/// `/health` included, until it ended.
enum Offload {
  private static let queue = DispatchQueue(label: "safezones.compute", qos: .userInitiated, attributes: .concurrent)

  /// Runs `work` on the compute threads and waits for it without holding a pool thread.
  static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    // The pair in view is a task local; the queue's threads are not the request's task.
    let (pair, language) = (PairInView.choice, Localization.current)
    return try await withCheckedThrowingContinuation { continuation in
      queue.async {
        continuation.resume(
          with: Result {
            try PairInView.$choice.withValue(pair) { try Localization.$current.withValue(language) { try work() } }
          })
      }
    }
  }

  /// `run` for work that cannot fail.
  static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    let (pair, language) = (PairInView.choice, Localization.current)
    return await withCheckedContinuation { continuation in
      queue.async {
        continuation.resume(
          returning: PairInView.$choice.withValue(pair) { Localization.$current.withValue(language) { work() } })
      }
    }
  }
}
