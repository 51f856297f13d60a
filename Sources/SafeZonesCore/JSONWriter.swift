import Foundation

/// The one JSON writer of SafeZones. Pretty-printed, it writes exactly the layout of
/// Foundation's `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`
/// (what every report, the API and the command line print); compact, the layout of
/// `[.sortedKeys, .withoutEscapingSlashes]` (small answers such as errors). Callers emit
/// keys in sorted order themselves; `StableJSONEncoder` does so for any `Encodable`.
struct JSONWriter {
  private(set) var out: [UInt8] = []
  private let pretty: Bool
  /// The current depth in spaces (what a fragment for this point starts at).
  private(set) var indent = 0
  private var empty: [Bool] = []

  /// - Parameter indent: the depth (in spaces) the first value starts at, for a fragment
  ///   written apart and then placed into a larger document with `fragment(_:)`.
  init(capacity: Int = 1 << 16, pretty: Bool = true, indent: Int = 0) {
    self.pretty = pretty
    self.indent = indent
    out.reserveCapacity(capacity)
  }

  /// Bytes written by another writer that started at this writer's current depth (the
  /// value of an entry or an element already begun).
  mutating func fragment(_ bytes: [UInt8]) { out.append(contentsOf: bytes) }

  /// The bytes written so far, handed over and removed (the writer's state stays): for
  /// documents written out a piece at a time.
  mutating func take() -> Data {
    defer { out.removeAll(keepingCapacity: true) }
    return Data(out)
  }

  mutating func beginObject() {
    out.append(0x7B)
    empty.append(true)
    indent += 2
  }

  mutating func endObject() { close(0x7D) }

  mutating func beginArray() {
    out.append(0x5B)
    empty.append(true)
    indent += 2
  }

  mutating func endArray() { close(0x5D) }

  private mutating func close(_ bracket: UInt8) {
    indent -= 2
    let wasEmpty = empty.removeLast()
    if pretty {
      if wasEmpty { out.append(0x0A) }
      out.append(0x0A)
      Self.pad(indent, &out)
    }
    out.append(bracket)
  }

  private mutating func separator() {
    if empty[empty.count - 1] { empty[empty.count - 1] = false } else { out.append(0x2C) }
    guard pretty else { return }
    out.append(0x0A)
    Self.pad(indent, &out)
  }

  /// Starts an entry of the current object.
  mutating func key(_ name: String) {
    separator()
    Self.writeString(name, into: &out)
    if pretty { out.append(contentsOf: [0x20, 0x3A, 0x20]) } else { out.append(0x3A) }
  }

  /// Starts an element of the current array.
  mutating func element() { separator() }

  mutating func string(_ s: String) { Self.writeString(s, into: &out) }
  mutating func number(_ v: Double) { out.append(contentsOf: Self.number(v).utf8) }
  mutating func number(_ v: Int) { out.append(contentsOf: String(v).utf8) }
  /// A number already written as JSON text.
  mutating func number(text: String) { out.append(contentsOf: text.utf8) }
  mutating func bool(_ b: Bool) { out.append(contentsOf: (b ? "true" : "false").utf8) }
  mutating func null() { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

  mutating func strings(_ values: [String]) {
    beginArray()
    for v in values {
      element()
      string(v)
    }
    endArray()
  }

  mutating func numbers(_ values: [Double]) {
    beginArray()
    for v in values {
      element()
      number(v)
    }
    endArray()
  }

  /// Any other value through the generic encoder, at the current depth.
  mutating func encodable<T: Encodable>(_ value: T) throws {
    let encoder = NodeEncoder()
    try value.encode(to: encoder)
    write(encoder.root.value)
  }

  /// A tree built by the generic encoder, object keys in sorted (byte) order.
  mutating func write(_ node: JNode) {
    switch node {
    case .null: null()
    case .bool(let b): bool(b)
    case .number(let text): number(text: text)
    case .string(let s): string(s)
    case .array(let box):
      beginArray()
      for item in box.items {
        element()
        write(item)
      }
      endArray()
    case .object(let box):
      beginObject()
      for entry in box.entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
        key(entry.key)
        write(entry.value)
      }
      endObject()
    }
  }

  mutating func optionalKey(_ name: String, _ value: String?) {
    guard let value else { return }
    key(name)
    string(value)
  }

  mutating func optionalKey(_ name: String, _ value: Double?) {
    guard let value else { return }
    key(name)
    number(value)
  }

  // MARK: - Bytes

  static let hex: [UInt8] = Array("0123456789abcdef".utf8)

  @inline(__always)
  static func pad(_ n: Int, _ out: inout [UInt8]) {
    for _ in 0..<n { out.append(0x20) }
  }

  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(0x22)
    var s = s
    s.withUTF8 { bytes in
      var start = 0
      for i in 0..<bytes.count {
        let b = bytes[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
        start = i + 1
        out.append(0x5C)
        switch b {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x0A: out.append(0x6E)
        case 0x0D: out.append(0x72)
        case 0x09: out.append(0x74)
        case 0x08: out.append(0x62)
        case 0x0C: out.append(0x66)
        default:
          out.append(contentsOf: [0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
        }
      }
      if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
    }
    out.append(0x22)
  }

  /// Numbers as Foundation writes them: integral values without ".0", others in Swift's
  /// shortest round-tripping form.
  static func number(_ v: Double) -> String {
    if v == 0 { return v.sign == .minus ? "-0" : "0" }
    if v.isFinite && v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
    return v.description
  }
}
