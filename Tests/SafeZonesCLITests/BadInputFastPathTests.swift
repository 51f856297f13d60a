import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The bad-input cases of `BadInputTests` read by `DomainLoader` directly: the fast path
/// (events, no marks) gives way on every one of them, and `parse` reports exactly what the
/// marked path (the node tree with marks) reports, so the messages `assess` prints come
/// from the marked path.
@Suite("bad input: the fast path gives way to the marked path")
struct BadInputFastPathTests {
  static func issues(_ read: () throws(InputError) -> [Domain]) -> [InputIssue]? {
    do {
      _ = try read()
      return nil
    } catch {
      return error.issues
    }
  }

  @Test("each bad file is left to the marked path, and parse reports its issues", arguments: BadInputTests.cases)
  func sameIssues(_ bad: BadInput) throws {
    // setup: links may point to the shipped domains, as in `assess`
    let known = Set(try KnowledgeBase.domains().map(\.id))
    // act
    let gaveWay = DomainLoader.parseQuickly(bad.content, knownIDs: known) == nil
    let combined = Self.issues { () throws(InputError) in
      try DomainLoader.parse(bad.content, file: bad.file, knownIDs: known)
    }
    let marked = Self.issues { () throws(InputError) in
      try DomainLoader.parseMarked(bad.content, file: bad.file, knownIDs: known)
    }
    // check (the empty files are refused before parsing; both paths refuse them too)
    #expect(gaveWay, "\(bad.name): the fast path gives way")
    #expect(marked != nil, "\(bad.name): the marked path finds a problem")
    #expect(combined == marked, "\(bad.name)")
  }
}
