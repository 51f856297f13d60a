import Foundation
import SafeZonesCore
import Vapor

/// Guards every write under `/api/v1`: the body must be declared `application/json` (a
/// cross-site HTML form cannot send that, which is the API's defence against request
/// forgery) and must not exceed the configured size. Runs before the body is read.
struct APIWriteGuard: AsyncMiddleware {
  func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
    let maxBodyBytes = request.application.routes.defaultMaxBodySize.value
    if [.POST, .PUT, .PATCH, .DELETE].contains(request.method) {
      guard let type = request.headers.contentType, type.type.lowercased() == "application",
        type.subType.lowercased() == "json"
      else {
        let sent = request.headers.first(name: .contentType).map { "'\($0)'" } ?? "no Content-Type"
        throw AppError(
          .unsupportedMediaType, code: "unsupported_media_type",
          message: "send the body as JSON with the header Content-Type: application/json (got \(sent))",
          field: "Content-Type")
      }
      if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > maxBodyBytes {
        throw AppError.tooLarge(limit: maxBodyBytes)
      }
      if let body = request.body.data, body.readableBytes > maxBodyBytes {
        throw AppError.tooLarge(limit: maxBodyBytes)
      }
    }
    return try await next.respond(to: request)
  }
}

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

/// Reading query parameters with errors that name the parameter (422).
enum QueryParameter {
  /// The domain filter `quadrant` (comma-separated), `tag` and `q`; an unknown quadrant is
  /// refused by name.
  static func placementFilter(_ request: Request) throws -> PlacementFilter {
    var quadrants: Set<Quadrant> = []
    for name in raw(request, "quadrant")?.split(separator: ",", omittingEmptySubsequences: false) ?? [] {
      guard let quadrant = Quadrant(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
        throw AppError.parameter(
          "quadrant", "must be one of \(Quadrant.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
      }
      quadrants.insert(quadrant)
    }
    return PlacementFilter(quadrants: quadrants, tag: string(request, "tag"), query: string(request, "q") ?? "")
  }

  /// The trimmed value, `nil` when the parameter is absent or empty (text filters).
  static func string(_ request: Request, _ name: String) -> String? {
    guard let value = raw(request, name), !value.isEmpty else { return nil }
    return value
  }

  /// The trimmed value as given, `""` when the parameter is present without a value.
  static func raw(_ request: Request, _ name: String) -> String? {
    (try? request.query.get(String.self, at: name))?.trimmingCharacters(in: .whitespaces)
  }

  static func int(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
    guard let text = raw(request, name) else { return value }
    guard let number = Int(text), range.contains(number) else {
      throw AppError.parameter(
        name, "must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
    }
    return number
  }

  /// A whole number in `range`, `nil` when the parameter is absent.
  static func int(_ request: Request, _ name: String, range: ClosedRange<Int>) throws -> Int? {
    guard raw(request, name) != nil else { return nil }
    return try int(request, name, default: range.lowerBound, range: range)
  }

  /// A whole number from 0 to 2⁶⁴ − 1 (a seed), `nil` when the parameter is absent.
  static func uint64(_ request: Request, _ name: String) throws -> UInt64? {
    guard let text = raw(request, name) else { return nil }
    guard let number = UInt64(text) else {
      throw AppError.parameter(name, "must be a whole number from 0 to \(UInt64.max), got '\(text)'")
    }
    return number
  }

  /// A calendar day written `YYYY-MM-DD`, `nil` when the parameter is absent.
  static func day(_ request: Request, _ name: String) throws -> Day? {
    guard let text = raw(request, name) else { return nil }
    guard let day = Day(text) else {
      throw AppError.parameter(name, "must be a real calendar date written YYYY-MM-DD, got '\(text)'")
    }
    return day
  }

  static func double(_ request: Request, _ name: String) throws -> Double? {
    guard let text = raw(request, name) else { return nil }
    guard let number = Double(text), number.isFinite else {
      throw AppError.parameter(name, "must be a number, got '\(text)'")
    }
    return number
  }
}

/// Building JSON responses: snake_case keys, sorted, pretty-printed, like the command line.
enum APIResponse {
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }

  static func json<T: Encodable>(
    _ value: T, status: HTTPResponseStatus = .ok, headers: HTTPHeaders = [:]
  ) throws -> Response {
    try data(encoder().encode(value), status: status, headers: headers)
  }

  static func data(
    _ data: Data, status: HTTPResponseStatus = .ok, contentType: HTTPMediaType = .json, headers: HTTPHeaders = [:]
  ) -> Response {
    let response = Response(status: status, headers: headers, body: .init(data: data))
    response.headers.contentType = contentType
    return response
  }

  /// `ETag: "N"` for a domain at version N, the value `If-Match` expects back.
  static func etag(_ version: Int) -> String { "\"\(version)\"" }
}

extension AppError {
  /// A query parameter with a bad value.
  static func parameter(_ name: String, _ message: String) -> AppError {
    AppError(.unprocessableEntity, code: "invalid_parameter", message: "\(name) \(message)", field: name)
  }
}

/// Which methods the routes offer for a concrete path (for 405 and its `Allow` header).
enum APIRouteMatch {
  static func methods(for path: String, in routes: Routes) -> [String] {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var methods: Set<String> = []
    for route in routes.all where route.path.count == parts.count {
      let matches = zip(route.path, parts).allSatisfy { component, part in
        switch component {
        case .constant(let text): return text == part
        case .parameter: return true
        case .anything, .catchall: return true
        }
      }
      if matches { methods.insert(route.method.rawValue) }
    }
    return methods.sorted()
  }
}
