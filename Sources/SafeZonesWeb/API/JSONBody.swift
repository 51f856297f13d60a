import Foundation
import SafeZonesCore
import Vapor

/// A JSON request body, checked to be well-formed and prepared for the YAML-based loaders
/// (which report problems with line numbers): line breaks and columns are kept wherever
/// possible so that a line number in an error points into what the client sent.
struct JSONBody {
  /// The body as given, with tabs outside strings turned into spaces and UTF-16 surrogate
  /// escapes (`\ud83d\ude00`) written as the character, which the YAML reader requires.
  var text: String
  /// The parsed value, for the few fields the API reads itself (`base_version`).
  var value: Any

  var object: [String: Any]? { value as? [String: Any] }

  /// Reads and checks the request's body: 400 when it is missing, not UTF-8 or not JSON.
  static func read(_ request: Request) throws -> JSONBody {
    guard let buffer = request.body.data, buffer.readableBytes > 0 else {
      throw AppError(.badRequest, code: "malformed_json", message: "the request has no body; send a JSON object")
    }
    let limit = request.application.routes.defaultMaxBodySize.value
    if buffer.readableBytes > limit { throw AppError.tooLarge(limit: limit) }
    let data = Data(buffer: buffer)
    guard let text = String(data: data, encoding: .utf8) else {
      throw AppError(.badRequest, code: "malformed_json", message: "the body is not UTF-8 text")
    }
    do {
      let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return JSONBody(text: Self.yamlReady(text), value: value)
    } catch {
      throw AppError(
        .badRequest, code: "malformed_json", message: "the body is not valid JSON: " + Self.describe(error, in: text))
    }
  }

  /// `line 2, column 7: invalid value` from Foundation's "around character N" message.
  static func describe(_ error: any Error, in text: String) -> String {
    let debug = ((error as NSError).userInfo["NSDebugDescription"] as? String) ?? "cannot parse"
    var detail = debug.hasSuffix(".") ? String(debug.dropLast()) : debug
    if let range = detail.range(of: "around character "),
      let offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
    {
      let bytes = Array(text.utf8.prefix(offset))
      let line = bytes.filter { $0 == 10 }.count + 1
      let column = bytes.count - (bytes.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
      detail = "line \(line), column \(column): " + detail[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
    }
    return detail.isEmpty ? "cannot parse" : detail.prefix(1).lowercased() + detail.dropFirst()
  }

  /// The text with a top-level member (e.g. `"base_version": 3`) replaced by spaces, so
  /// the rest can be read by a loader that does not know the member, with every line and
  /// column unchanged. The body must be a well-formed JSON object.
  func removingMember(_ name: String) -> String {
    var chars = Array(text.unicodeScalars)
    var spans: [Range<Int>] = []
    var i = 0
    func skipSpace() { while i < chars.count, [" ", "\n", "\r", "\t"].contains(chars[i]) { i += 1 } }
    func skipString() {
      i += 1
      while i < chars.count, chars[i] != "\"" { i += chars[i] == "\\" ? 2 : 1 }
      i += 1
    }
    func skipValue() {
      var depth = 0
      repeat {
        switch chars[i] {
        case "\"": skipString(); continue
        case "{", "[": depth += 1
        case "}", "]": depth -= 1
        default: break
        }
        i += 1
      } while i < chars.count && (depth > 0 || ![",", "}", "]", " ", "\n", "\r", "\t"].contains(chars[i]))
    }
    skipSpace()
    guard i < chars.count, chars[i] == "{" else { return text }
    i += 1
    var previousComma: Int?
    while i < chars.count {
      skipSpace()
      guard i < chars.count, chars[i] == "\"" else { break }
      let start = i
      skipString()
      let keyText = String(String.UnicodeScalarView(chars[start..<i]))
      let key = (try? JSONSerialization.jsonObject(with: Data(keyText.utf8), options: [.fragmentsAllowed])) as? String
      skipSpace()
      i += 1  // ':'
      skipSpace()
      skipValue()
      var end = i
      skipSpace()
      var comma: Int?
      if i < chars.count, chars[i] == "," {
        comma = i
        i += 1
      }
      if key == name {
        // Remove the member and one comma next to it: its own, or the one before it.
        if let comma { end = comma + 1 } else if let previousComma { spans.append(previousComma..<previousComma + 1) }
        spans.append(start..<end)
        previousComma = nil
      } else {
        previousComma = comma
      }
      if comma == nil { break }
    }
    for span in spans {
      for k in span where chars[k] != "\n" && chars[k] != "\r" { chars[k] = " " }
    }
    return String(String.UnicodeScalarView(chars))
  }

  /// Prepares valid JSON for the YAML reader without moving any line.
  static func yamlReady(_ text: String) -> String {
    guard text.contains("\t") || text.contains("\\u") || text.contains("\\U") else { return text }
    let input = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var inString = false
    var i = 0
    func hex(_ at: Int) -> UInt32? {
      guard at + 4 <= input.count else { return nil }
      return UInt32(String(String.UnicodeScalarView(input[at..<at + 4])), radix: 16)
    }
    while i < input.count {
      let c = input[i]
      if !inString {
        if c == "\"" { inString = true }
        out.append(c == "\t" ? " " : c)
        i += 1
        continue
      }
      if c == "\"" {
        inString = false
      } else if c == "\\", i + 1 < input.count {
        let next = input[i + 1]
        if next == "u" || next == "U", let high = hex(i + 2), (0xD800...0xDBFF).contains(high),
          i + 7 < input.count, input[i + 6] == "\\", input[i + 7] == "u" || input[i + 7] == "U",
          let low = hex(i + 8), (0xDC00...0xDFFF).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        {
          out.append(scalar)
          i += 12
          continue
        }
        out.append(c)
        out.append(next)
        i += 2
        continue
      }
      out.append(c)
      i += 1
    }
    return String(out)
  }
}
