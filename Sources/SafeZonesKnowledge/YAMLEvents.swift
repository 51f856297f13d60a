import CYaml
import Foundation
import Yams

/// The parse events of a YAML (or JSON) text, read one at a time from libyaml, the parser
/// under `Yams.compose`, so that a large file can be read without building a node tree for
/// all of it.
///
/// Only the plain form of YAML that domain files use is passed on: an anchor, an alias or an
/// explicit tag comes out as ``Event/unsupported``, and a syntax error as `nil`. A caller
/// that meets either leaves the file to `Yams.compose` and ``NodeReader``, which accept or
/// reject it with located messages.
final class YAMLEvents {
  enum Event {
    case streamStart, streamEnd, documentStart, documentEnd
    case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    /// A scalar with its text and style; `quoted` is libyaml's `quoted_implicit`, which
    /// Yams turns into the tag `str`.
    case scalar(String, Node.Scalar.Style, quoted: Bool)
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
      guard scalar.anchor == nil, scalar.tag == nil,
        let style = Node.Scalar.Style(rawValue: numericCast(scalar.style.rawValue)),
        let string = Self.string(scalar.value, count: scalar.length)
      else { return .unsupported }
      return .scalar(string, style, quoted: scalar.quoted_implicit == 1)
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

/// Builds Yams nodes from ``YAMLEvents`` one subtree at a time, exactly as `Yams.compose`
/// would for the plain YAML of domain files, without marks. Returns `nil` for anything it
/// does not handle the same way: anchors, aliases, explicit tags, keys that are not scalars,
/// a key given twice in one mapping, and mappings of more than ``maxKeys`` keys (compose
/// rejects some of these; `nil` leaves the decision and the message to it).
struct NodeBuilder {
  /// A mapping being built: its pairs, its keys' texts, and the key waiting for its value.
  private struct OpenMapping {
    var pairs: [(Node, Node)] = []
    var keys: [String] = []
    var key: Node?
  }

  /// More keys than any mapping of a domain file has; a larger mapping is left to the
  /// marked path, so that the duplicate check here stays cheap.
  static let maxKeys = 64

  /// The resolver and constructor every tag refers to, as `Yams.Parser` keeps one of each
  /// (`Constructor.default` builds a new constructor, with its tables, on every call).
  private let resolver = Resolver.default
  private let constructor = Constructor.default

  private func tag(_ name: Tag.Name) -> Tag { Tag(name, resolver, constructor) }

  /// The node that starts with `first`, reading the rest of it from `events`.
  func node(startingWith first: YAMLEvents.Event, from events: YAMLEvents) -> Node? {
    // The open collections, innermost last: `isMapping` tells which stack each one is on.
    var isMapping: [Bool] = []
    var sequences: [[Node]] = []
    var mappings: [OpenMapping] = []
    var event = first
    while true {
      let done: Node
      switch event {
      case .scalar(let string, let style, let quoted):
        done = .scalar(Node.Scalar(string, tag(quoted ? .str : .implicit), style))
      case .sequenceStart:
        isMapping.append(false)
        sequences.append([])
        guard let next = events.next() else { return nil }
        event = next
        continue
      case .mappingStart:
        isMapping.append(true)
        mappings.append(OpenMapping())
        guard let next = events.next() else { return nil }
        event = next
        continue
      case .sequenceEnd:
        guard isMapping.popLast() == false, let nodes = sequences.popLast() else { return nil }
        done = .sequence(Node.Sequence(nodes, tag(.implicit)))
      case .mappingEnd:
        guard isMapping.popLast() == true, let open = mappings.popLast(), open.key == nil else { return nil }
        done = .mapping(Node.Mapping(open.pairs, tag(.implicit)))
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
          guard case .scalar(let scalar) = done, mappings[m].keys.count < Self.maxKeys,
            !mappings[m].keys.contains(scalar.string)
          else { return nil }
          mappings[m].keys.append(scalar.string)
          mappings[m].key = done
        }
      }
      guard let next = events.next() else { return nil }
      event = next
    }
  }
}
