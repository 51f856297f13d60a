import Foundation
import SafeZonesCore

extension DomainLoader {
  /// The domains of a file that has no mistakes, read without building the node tree of the
  /// whole file and without marks; `nil` as soon as anything is wrong or unusual.
  ///
  /// Reads libyaml's events one at a time (``YAMLEvents``) and hands each domain's events
  /// to a second thread (``DomainConverter``), which builds its bare nodes (``NodeBuilder``)
  /// and converts them with the same code as the marked path (``domain(_:_:_:)`` with a
  /// ``NodeReader`` that records no marks), so that memory holds the events of a few
  /// hundred domains at a time. Returns `nil` (and leaves the file to ``parseMarked(_:file:knownIDs:)``,
  /// which gives the located messages) on a syntax error, an anchor, alias or explicit tag,
  /// a key given twice, any issue found while reading a domain, any issue of
  /// `Domain.validate`, and a link to an unknown domain.
  static func parseQuickly(_ text: String, knownIDs: Set<String>?) -> [Domain]? {
    guard let events = YAMLEvents(text),
      case .streamStart? = events.next(), case .documentStart? = events.next(),
      case .mappingStart? = events.next()
    else { return nil }
    var domains: [Domain]?
    var seen: [String] = []
    while true {
      guard let event = events.next() else { return nil }
      if case .mappingEnd = event { break }
      guard case .scalar(let field, _) = event, !seen.contains(field) else { return nil }
      seen.append(field)
      switch field {
      case "domains":
        guard case .sequenceStart? = events.next() else { return nil }
        // This thread parses and hands each domain's events over; another builds the
        // nodes and converts them once there are enough domains to share the work (a small
        // file is converted here).
        let converter = DomainConverter()
        var batch = DomainConverter.Batch()
        while true {
          guard let event = events.next() else {
            converter.cancel()
            return nil
          }
          if case .sequenceEnd = event { break }
          guard Self.capture(startingWith: event, from: events, into: &batch.events) else {
            converter.cancel()
            return nil
          }
          batch.count += 1
          if batch.count == DomainConverter.batchSize {
            guard converter.submit(batch) else {
              converter.cancel()
              return nil
            }
            batch = DomainConverter.Batch()
          }
        }
        guard converter.submit(batch), let list = converter.finish(), !list.isEmpty else {
          converter.cancel()
          return nil
        }
        domains = list
      case "rubric", "exported_at":
        // Written by `safezones export` and ignored, but still read, so that a mistake in
        // them is found as the marked path finds it.
        guard let event = events.next(), NodeBuilder.node(startingWith: event, next: events.next) != nil else {
          return nil
        }
      default:
        return nil
      }
    }
    guard case .documentEnd? = events.next(), case .streamEnd? = events.next(), let domains,
      Domain.validate(domains).isEmpty
    else { return nil }
    if let knownIDs {
      var ids = Set(domains.map(\.id))
      ids.formUnion(knownIDs)
      for domain in domains where !domain.links.allSatisfy({ ids.contains($0.target) }) { return nil }
    }
    return domains
  }

  /// Appends the events of the node that starts with `first` (up to the end of the
  /// collection it opens) to `batch`; `false` on a syntax error or an unsupported event.
  private static func capture(
    startingWith first: YAMLEvents.Event, from events: YAMLEvents, into batch: inout [YAMLEvents.Event]
  ) -> Bool {
    var event = first
    var depth = 0
    while true {
      switch event {
      case .sequenceStart, .mappingStart: depth += 1
      case .sequenceEnd, .mappingEnd: depth -= 1
      case .scalar: break
      default: return false
      }
      batch.append(event)
      if depth == 0 { return true }
      guard let next = events.next() else { return false }
      event = next
    }
  }
}

/// Builds the nodes of domains from their events (``NodeBuilder``) and converts them to
/// domains (``DomainLoader/domain(_:_:_:)`` with a reader that records no marks), in order,
/// on a thread of its own while the caller parses the rest of the file; the first batches
/// are converted on the caller's thread, so that a small file starts no thread. At most
/// ``maxPending`` batches wait, so memory holds the events of a few hundred domains at a
/// time.
final class DomainConverter: @unchecked Sendable {
  /// The events of `count` domains, one after the other.
  struct Batch: Sendable {
    var events: [YAMLEvents.Event] = []
    var count = 0
  }

  static let batchSize = 128
  static let maxPending = 4
  /// Batches converted on the caller's thread before the converter starts its own.
  static let inlineBatches = 2

  // Everything below is guarded by `condition`, except `reader` and `domains`, which
  // belong to whichever thread converts (the caller's, then the converter's after
  // `started`, until `finish` has waited for it).
  private let condition = NSCondition()
  private var pending: [Batch] = []
  private var started = false
  private var closed = false
  private var stopped = false
  private var failed = false
  private var running = false
  private var submitted = 0
  private var reader = NodeReader(file: "", recordsMarks: false)
  private var domains: [Domain] = []

  /// Hands over a batch; `false` when a domain read so far has an issue.
  func submit(_ batch: Batch) -> Bool {
    submitted += 1
    if !started && submitted <= Self.inlineBatches { return convert(batch) }
    condition.lock()
    defer { condition.unlock() }
    if !started {
      started = true
      running = true
      let thread = Thread { [self] in run() }
      thread.start()
    }
    while pending.count >= Self.maxPending && !failed { condition.wait() }
    if failed { return false }
    pending.append(batch)
    condition.broadcast()
    return true
  }

  /// The domains of every batch, once all are converted; `nil` when one has an issue.
  func finish() -> [Domain]? {
    condition.lock()
    closed = true
    condition.broadcast()
    while running { condition.wait() }
    let result = failed ? nil : domains
    condition.unlock()
    return result
  }

  /// Stops the converter (after a problem) and waits for its thread, if it has one.
  func cancel() {
    condition.lock()
    stopped = true
    closed = true
    condition.broadcast()
    while running { condition.wait() }
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      while pending.isEmpty && !closed && !stopped { condition.wait() }
      if stopped || failed || pending.isEmpty {
        running = false
        condition.broadcast()
        condition.unlock()
        return
      }
      let batch = pending.removeFirst()
      condition.broadcast()
      condition.unlock()
      if !convert(batch) {
        condition.lock()
        failed = true
        condition.broadcast()
        condition.unlock()
      }
    }
  }

  private func convert(_ batch: Batch) -> Bool {
    var events = batch.events.makeIterator()
    for _ in 0..<batch.count {
      guard let first = events.next(), let node = NodeBuilder.node(startingWith: first, next: { events.next() }),
        let domain = DomainLoader.domain(node, "domains[\(domains.count)]", &reader), reader.issues.isEmpty
      else { return false }
      domains.append(domain)
    }
    return true
  }
}
