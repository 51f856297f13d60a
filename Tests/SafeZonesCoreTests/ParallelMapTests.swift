import Foundation
import Testing

@testable import SafeZonesCore

@Suite("parallelMap")
struct ParallelMapTests {
  final class Box: Sendable {
    let value: Int
    init(_ value: Int) { self.value = value }
  }

  @Test("results come back in index order, whatever the number of workers")
  func order() {
    for workers in [1, 2, 3, 8] {
      for count in [0, 1, 7, 100] {
        #expect(parallelMap(count: count, workers: workers) { $0 * $0 } == (0..<count).map { $0 * $0 })
      }
    }
  }

  @Test("nothing is kept once the result is dropped")
  func released() {
    var watched: [Weak] = []
    do {
      let boxes = parallelMap(count: 50, workers: 2) { Box($0) }
      watched = boxes.map(Weak.init)
      #expect(watched.allSatisfy { $0.box != nil })
      #expect(boxes.map(\.value) == Array(0..<50))
    }
    #expect(watched.allSatisfy { $0.box == nil })
  }

  struct Weak {
    weak var box: Box?
    init(_ box: Box) { self.box = box }
  }
}
