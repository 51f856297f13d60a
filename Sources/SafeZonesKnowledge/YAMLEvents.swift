import CYaml
import Foundation

/// The parse events of a YAML (or JSON) text, read one at a time from libyaml, the parser
/// under `Yams.compose`, so that a large file can be read without building a node tree for
/// all of it.
///
/// Only the plain form of YAML that domain files use is passed on: an anchor, an alias or an
/// explicit tag comes out as ``Event/unsupported``, and a syntax error as `nil`. A caller
/// that meets either leaves the file to `Yams.compose` and ``NodeReader``, which accept or
/// reject it with located messages.
final class YAMLEvents {
  enum Event: Sendable {
    case streamStart, streamEnd, documentStart, documentEnd
    case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    /// A scalar with its text, and whether it is written plain (no quotes, no block).
    case scalar(String, plain: Bool)
    /// An alias, an anchor or an explicit tag.
    case unsupported
  }

  private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
  private let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
  /// The text's UTF-8 bytes, which libyaml reads in place; kept alive with the parser.
  private let text: String

  /// Events of `text`, or `nil` when its UTF-8 bytes are not stored contiguously.
  init?(_ text: String) {
    self.text = text
    guard yaml_parser_initialize(parser) == 1 else {
      parser.deallocate()
      event.deallocate()
      return nil
    }
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
    let contiguous: Void? = self.text.utf8.withContiguousStorageIfAvailable { bytes in
      yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }
    // A native Swift string is contiguous; a bridged one would need a copy the slow path makes.
    if contiguous == nil {
      yaml_parser_delete(parser)
      parser.deallocate()
      event.deallocate()
      return nil
    }
  }

  deinit {
    yaml_parser_delete(parser)
    parser.deallocate()
    event.deallocate()
  }

  /// The next event, or `nil` on a syntax error (or at the end, after ``Event/streamEnd``).
  func next() -> Event? {
    guard yaml_parser_parse(parser, event) == 1 else { return nil }
    defer { yaml_event_delete(event) }
    let e = event.pointee
    switch e.type {
    case YAML_STREAM_START_EVENT: return .streamStart
    case YAML_STREAM_END_EVENT: return .streamEnd
    case YAML_DOCUMENT_START_EVENT: return .documentStart
    case YAML_DOCUMENT_END_EVENT: return .documentEnd
    case YAML_SEQUENCE_START_EVENT:
      let start = e.data.sequence_start
      return start.anchor == nil && start.tag == nil ? .sequenceStart : .unsupported
    case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
    case YAML_MAPPING_START_EVENT:
      let start = e.data.mapping_start
      return start.anchor == nil && start.tag == nil ? .mappingStart : .unsupported
    case YAML_MAPPING_END_EVENT: return .mappingEnd
    case YAML_SCALAR_EVENT:
      let scalar = e.data.scalar
      guard scalar.anchor == nil, scalar.tag == nil, let string = Self.string(scalar.value, count: scalar.length)
      else { return .unsupported }
      return .scalar(string, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE)
    default: return .unsupported  // an alias, or an event libyaml does not produce
    }
  }

  /// A scalar's text as Yams makes it (`String(bytes:encoding:)`), with a shortcut for
  /// ASCII text without NUL, where every decoder agrees.
  private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String? {
    guard let pointer else { return count == 0 ? "" : nil }
    let bytes = UnsafeBufferPointer(start: pointer, count: count)
    if bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
    return String(bytes: bytes, encoding: .utf8)
  }
}

/// Builds the ``BareNode`` of one subtree at a time from ``YAMLEvents``: the same scalars,
/// pairs and items as `Yams.compose` would give for the plain YAML of domain files, without
/// marks or tags. Returns `nil` for anything it does not handle the same way: anchors,
/// aliases, explicit tags, keys that are not scalars, a key given twice in one mapping, and
/// mappings of more than ``maxKeys`` keys (compose rejects some of these; `nil` leaves the
/// decision and the message to it).
enum NodeBuilder {
  /// A mapping being built: its pairs, its keys' texts, and the key waiting for its value.
  private struct OpenMapping {
    var pairs: [(BareNode, BareNode)]
    var keys: [String]
    var key: BareNode?

    init() {
      // Room for the fields of a domain, an assessment or a score without growing.
      pairs = []
      pairs.reserveCapacity(8)
      keys = []
      keys.reserveCapacity(8)
    }
  }

  /// More keys than any mapping of a domain file has; a larger mapping is left to the
  /// marked path, so that the duplicate check here stays cheap.
  static let maxKeys = 64

  /// The node that starts with `first`, reading the rest of its events from `next`.
  static func node(startingWith first: YAMLEvents.Event, next: () -> YAMLEvents.Event?) -> BareNode? {
    // The open collections, innermost last: `isMapping` tells which stack each one is on.
    var isMapping: [Bool] = []
    var sequences: [[BareNode]] = []
    var mappings: [OpenMapping] = []
    var event = first
    while true {
      let done: BareNode
      switch event {
      case .scalar(let text, let plain):
        done = .scalar(text, plain: plain)
      case .sequenceStart:
        isMapping.append(false)
        sequences.append([])
        guard let following = next() else { return nil }
        event = following
        continue
      case .mappingStart:
        isMapping.append(true)
        mappings.append(OpenMapping())
        guard let following = next() else { return nil }
        event = following
        continue
      case .sequenceEnd:
        guard isMapping.popLast() == false, let items = sequences.popLast() else { return nil }
        done = .sequence(items)
      case .mappingEnd:
        guard isMapping.popLast() == true, let open = mappings.popLast(), open.key == nil else { return nil }
        done = .mapping(open.pairs)
      default:
        return nil
      }
      // Place the finished node in the collection that holds it, or return it.
      switch isMapping.last {
      case nil:
        return done
      case false?:
        sequences[sequences.count - 1].append(done)
      case true?:
        let m = mappings.count - 1
        if let key = mappings[m].key {
          mappings[m].pairs.append((key, done))
          mappings[m].key = nil
        } else {
          guard case .scalar(let text, _) = done, mappings[m].keys.count < maxKeys, !mappings[m].keys.contains(text)
          else { return nil }
          mappings[m].keys.append(text)
          mappings[m].key = done
        }
      }
      guard let following = next() else { return nil }
      event = following
    }
  }
}
