import Dispatch
import Foundation

/// `transform` of every index in `0..<count`, computed on `workers` threads (worker `w`
/// takes indices `w`, `w + workers`, …), in index order. For work whose items are
/// independent: each result depends on its index only, so the output does not depend on
/// the number of threads.
func parallelMap<T>(count: Int, workers: Int, _ transform: @Sendable (Int) -> T) -> [T] {
  let workers = max(1, min(workers, count))
  let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
  buffer.initialize(repeating: nil)
  defer { buffer.deallocate() }
  nonisolated(unsafe) let output = buffer
  DispatchQueue.concurrentPerform(iterations: workers) { worker in
    var i = worker
    while i < count {
      output[i] = transform(i)
      i += workers
    }
  }
  return buffer.map { $0! }
}
