import Foundation

/// A JSON value written as Swift literals (used for the OpenAPI document).
indirect enum JSONValue: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])

  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .int(value) }
  init(floatLiteral value: Double) { self = .double(value) }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  typealias Key = String
  typealias Value = JSONValue

  init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }

  struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    switch self {
    case .string(let v):
      var c = encoder.singleValueContainer()
      try c.encode(v)
    case .int(let v):
      var c = encoder.singleValueContainer()
      try c.encode(v)
    case .double(let v):
      var c = encoder.singleValueContainer()
      try c.encode(v)
    case .bool(let v):
      var c = encoder.singleValueContainer()
      try c.encode(v)
    case .array(let items):
      var c = encoder.unkeyedContainer()
      for item in items { try c.encode(item) }
    case .object(let members):
      var c = encoder.container(keyedBy: MemberKey.self)
      for (key, value) in members { try c.encode(value, forKey: MemberKey(stringValue: key)) }
    }
  }

  /// The members of an object (empty for anything else).
  var members: [String: JSONValue] {
    if case .object(let m) = self { return m }
    return [:]
  }
}
