import Foundation

/// A fast JSON encoder for large reports. It writes the same text as Foundation's
/// `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and
/// `.convertToSnakeCase` (a test compares the two), several times faster, because a
/// 10,000-domain report is ~100 MB of JSON.
public struct StableJSONEncoder {
  /// Pretty-printed (the default) or compact.
  public var pretty: Bool

  public init(pretty: Bool = true) { self.pretty = pretty }

  public func encode<T: Encodable>(_ value: T) throws -> Data {
    let encoder = NodeEncoder()
    try value.encode(to: encoder)
    var writer = JSONWriter(pretty: pretty)
    writer.write(encoder.root.value)
    return Data(writer.out)
  }

  static func number(_ v: Double) -> String { JSONWriter.number(v) }

  /// `fooBar` → `foo_bar`, as `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase` does for
  /// the keys SafeZones uses.
  static func snakeCase(_ key: String) -> String {
    guard key.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return key }
    var out = ""
    for ch in key {
      if ch.isUppercase {
        if !out.isEmpty { out.append("_") }
        out.append(contentsOf: ch.lowercased())
      } else {
        out.append(ch)
      }
    }
    return out
  }
}

/// The intermediate tree. Containers are boxed so that nested encoders can fill them after
/// they are attached to their parent.
enum JNode {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array(ArrayBox)
  case object(ObjectBox)
}

final class ArrayBox { var items: [JNode] = [] }
final class ObjectBox { var entries: [(key: String, value: JNode)] = [] }
final class NodeRef { var value: JNode = .null }

final class NodeEncoder: Encoder {
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] = [:]
  let root: NodeRef

  init(root: NodeRef = NodeRef()) { self.root = root }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    let box: ObjectBox
    if case .object(let existing) = root.value {
      box = existing
    } else {
      box = ObjectBox()
      root.value = .object(box)
    }
    return KeyedEncodingContainer(KeyedContainer<Key>(box: box))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    let box: ArrayBox
    if case .array(let existing) = root.value {
      box = existing
    } else {
      box = ArrayBox()
      root.value = .array(box)
    }
    return UnkeyedContainer(box: box)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(ref: root) }

  /// Encodes a value, using direct cases for the common leaf types.
  static func node<T: Encodable>(_ value: T) throws -> JNode {
    switch value {
    case let v as String: return .string(v)
    case let v as Double: return .number(StableJSONEncoder.number(v))
    case let v as Int: return .number(String(v))
    case let v as Bool: return .bool(v)
    // Other integers: without these cases their `encode(to:)` asks for a single-value
    // container, whose generic `encode` comes back here, forever (a simulation's UInt64 seed).
    case let v as UInt64: return .number(String(v))
    case let v as Int64: return .number(String(v))
    case let v as UInt: return .number(String(v))
    case let v as Int32: return .number(String(v))
    case let v as UInt32: return .number(String(v))
    default:
      let encoder = NodeEncoder()
      try value.encode(to: encoder)
      return encoder.root.value
    }
  }
}

struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  var codingPath: [any CodingKey] = []
  let box: ObjectBox

  mutating func put(_ key: Key, _ node: JNode) {
    box.entries.append((StableJSONEncoder.snakeCase(key.stringValue), node))
  }

  mutating func encodeNil(forKey key: Key) throws { put(key, .null) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, .bool(value)) }
  mutating func encode(_ value: String, forKey key: Key) throws { put(key, .string(value)) }
  mutating func encode(_ value: Double, forKey key: Key) throws { put(key, .number(StableJSONEncoder.number(value))) }
  mutating func encode(_ value: Int, forKey key: Key) throws { put(key, .number(String(value))) }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(key, try NodeEncoder.node(value)) }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  )
    -> KeyedEncodingContainer<NestedKey>
  {
    let nested = ObjectBox()
    put(key, .object(nested))
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let nested = ArrayBox()
    put(key, .array(nested))
    return UnkeyedContainer(box: nested)
  }

  mutating func superEncoder() -> any Encoder { fatalError("superEncoder is not used by SafeZones types") }
  mutating func superEncoder(forKey key: Key) -> any Encoder {
    fatalError("superEncoder is not used by SafeZones types")
  }
}

struct UnkeyedContainer: UnkeyedEncodingContainer {
  var codingPath: [any CodingKey] = []
  let box: ArrayBox
  var count: Int { box.items.count }

  mutating func encodeNil() throws { box.items.append(.null) }
  mutating func encode(_ value: Bool) throws { box.items.append(.bool(value)) }
  mutating func encode(_ value: String) throws { box.items.append(.string(value)) }
  mutating func encode(_ value: Double) throws { box.items.append(.number(StableJSONEncoder.number(value))) }
  mutating func encode(_ value: Int) throws { box.items.append(.number(String(value))) }
  mutating func encode<T: Encodable>(_ value: T) throws { box.items.append(try NodeEncoder.node(value)) }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    let nested = ObjectBox()
    box.items.append(.object(nested))
    return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: nested))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let nested = ArrayBox()
    box.items.append(.array(nested))
    return UnkeyedContainer(box: nested)
  }

  mutating func superEncoder() -> any Encoder { fatalError("superEncoder is not used by SafeZones types") }
}

struct SingleContainer: SingleValueEncodingContainer {
  var codingPath: [any CodingKey] = []
  let ref: NodeRef

  mutating func encodeNil() throws { ref.value = .null }
  mutating func encode(_ value: Bool) throws { ref.value = .bool(value) }
  mutating func encode(_ value: String) throws { ref.value = .string(value) }
  mutating func encode(_ value: Double) throws { ref.value = .number(StableJSONEncoder.number(value)) }
  mutating func encode(_ value: Int) throws { ref.value = .number(String(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws { ref.value = try NodeEncoder.node(value) }
}
