import Dispatch
import Foundation

/// `transform` of every index in `0..<count`, computed on `workers` threads (worker `w`
/// takes indices `w`, `w + workers`, …), in index order. For work whose items are
/// independent: each result depends on its index only, so the output does not depend on
/// the number of threads.
func parallelMap<T>(count: Int, workers: Int, _ transform: @Sendable (Int) -> T) -> [T] {
  let workers = max(1, min(workers, count))
  // Each worker initialises its own elements of the result in place: no optionals, no
  // copy, and nothing left behind (an earlier version deallocated a buffer of optionals
  // without deinitialising it, which kept every result alive until the process ended).
  return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
    nonisolated(unsafe) let output = buffer
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var i = worker
      while i < count {
        (output.baseAddress! + i).initialize(to: transform(i))
        i += workers
      }
    }
    initialized = count
  }
}
