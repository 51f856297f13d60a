import Foundation
import NIOCore
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import Testing
import VaporTesting

@testable import SafeZonesWeb

/// The API tests: every route through the real app (`configure`), on SQLite in memory
/// seeded with the shipped knowledge base (or on `DATABASE_URL`). Nested suites live in the
/// `API*.swift` files. Tests that need a store holding exactly the shipped knowledge base
/// run only on a fresh in-memory store (`freshStore`); the others use unique ids so that
/// they also pass on a shared PostgreSQL database.
@Suite("API /api/v1", .serialized)
struct APITests {}

enum API {
  /// `true` when each test gets its own empty store (SQLite in memory).
  static let freshStore = (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty

  /// Runs `test` against the real app configured with the test settings.
  static func withAPI(
    _ adjust: @escaping @Sendable (inout Settings) -> Void = { _ in }, _ test: (Application) async throws -> Void
  ) async throws {
    try await withApp(configure: { app in
      var settings = try Settings.testing()
      adjust(&settings)
      try await configure(app, settings: settings)
    }) { app in
      app.storage[TokenKey.self] = try await token(app, role: .admin)
      // The page downloads (map.svg, export.csv, …) take the session of a signed-in browser.
      app.storage[PagesKit.SessionKey.self] = try await PagesKit.signIn(app, role: .admin)
      try await test(app)
    }
  }

  struct TokenKey: StorageKey { typealias Value = String }

  /// A new account with `role` and a personal API token for it.
  static func token(_ app: Application, role: Role, name: String = "") async throws -> String {
    let email = "api-\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@example.org"
    let account = try await app.accountService.add(email: email, name: name, role: role, password: PagesKit.password)
    return try await app.accountService.createToken(for: account, name: "tests").token
  }

  /// The administrator's token the API tests use.
  static func adminToken(_ app: Application) -> String { app.storage[TokenKey.self]! }

  /// `headers` with the administrator's bearer token added.
  static func authorized(_ app: Application, _ headers: HTTPHeaders = [:]) -> HTTPHeaders {
    var h = headers
    if !h.contains(name: .authorization), let token = app.storage[TokenKey.self] {
      h.add(name: .authorization, value: "Bearer \(token)")
    }
    return h
  }

  /// A unique domain id, so tests do not collide on a shared database.
  static func uniqueID(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
  }

  static let jsonHeaders: HTTPHeaders = ["Content-Type": "application/json"]

  /// Sends a request with an optional JSON body (sent as `application/json` unless other
  /// headers say otherwise).
  static func send(
    _ app: Application, _ method: HTTPMethod, _ path: String, json: String? = nil, headers: HTTPHeaders? = nil,
    anonymous: Bool = false
  ) async throws -> TestingHTTPResponse {
    var all = headers ?? (json == nil ? [:] : jsonHeaders)
    if json != nil, headers != nil, !all.contains(name: "Content-Type") {
      all.add(name: "Content-Type", value: "application/json")
    }
    if !anonymous {
      if path.hasPrefix("/api/") {
        all = authorized(app, all)
      } else if let session = app.storage[PagesKit.SessionKey.self], !all.contains(name: .cookie) {
        all.add(name: .cookie, value: session.cookies())
      }
    }
    return try await app.testing().sendRequest(
      method, path, headers: all, body: json.map { ByteBuffer(string: $0) })
  }

  /// The response body as a JSON object (records an issue when it is not one).
  static func object(_ res: TestingHTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
    let value = try? JSONSerialization.jsonObject(with: Data(buffer: res.body), options: [.fragmentsAllowed])
    guard let object = value as? [String: Any] else {
      Issue.record("not a JSON object: \(res.body.string.prefix(300))", sourceLocation: sourceLocation)
      return [:]
    }
    return object
  }

  /// The `error` member of an error response, checked to have the documented shape.
  static func error(
    _ res: TestingHTTPResponse, _ status: HTTPResponseStatus, code: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> [String: Any] {
    #expect(res.status == status, "\(res.body.string.prefix(400))", sourceLocation: sourceLocation)
    #expect(res.headers.contentType?.subType == "json", sourceLocation: sourceLocation)
    let body = object(res, sourceLocation: sourceLocation)
    let error = body["error"] as? [String: Any] ?? [:]
    #expect(error["code"] as? String == code, "\(res.body.string.prefix(400))", sourceLocation: sourceLocation)
    #expect((error["message"] as? String)?.isEmpty == false, sourceLocation: sourceLocation)
    #expect(!res.body.string.contains("Swift/"), "no internals in errors", sourceLocation: sourceLocation)
    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff", sourceLocation: sourceLocation)
    return error
  }

  /// Checks the response against the OpenAPI document: the status is documented for the
  /// operation, and a JSON body matches its schema with no undocumented property.
  static func expectDocumented(
    _ res: TestingHTTPResponse, _ method: String, _ path: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let problems = OpenAPIValidator.shared.check(
      status: Int(res.status.code), contentType: res.headers.contentType, body: Data(buffer: res.body), method: method,
      path: path)
    #expect(
      problems.isEmpty, "\(method.uppercased()) \(path) \(res.status.code): \(problems.prefix(8))",
      sourceLocation: sourceLocation)
  }

  // MARK: - Bodies

  /// One domain in the input format, as JSON.
  static func domainJSON(
    id: String, name: String = "Test domain", tags: [String] = ["test"], links: [String] = [], military: Double = 1,
    fundamentality: Double = 3
  ) -> String {
    let linkList = links.map { "\"\($0)\"" }.joined(separator: ", ")
    let tagList = tags.map { "\"\($0)\"" }.joined(separator: ", ")
    return """
      {
        "id": "\(id)",
        "name": "\(name)",
        "summary": "A domain made by the API tests.",
        "tags": [\(tagList)],
        "links": [\(linkList)],
        "assessment": {
          "assessor": "API test",
          "date": "2026-11-02",
          "perspective": "US",
          "scores": {
            "fundamentality": \(fundamentality),
            "maturity": 1,
            "scale": [2, 3, 4],
            "military": {"value": \(military), "rationale": "little defence use", "evidence": ["a citation"]},
            "stakeholder_support": 2
          }
        }
      }
      """
  }

  /// One assessment in the input format, with an optional `base_version`.
  static func assessmentJSON(base: Int?, assessor: String = "Second assessor", military: Double = 3) -> String {
    let baseLine = base.map { "\n  \"base_version\": \($0)," } ?? ""
    return """
      {\(baseLine)
        "assessor": "\(assessor)",
        "date": "2026-11-20",
        "note": "military use became clearer",
        "scores": {
          "fundamentality": 3,
          "maturity": 1,
          "scale": [2, 3, 4],
          "military": \(military),
          "economic": 2
        }
      }
      """
  }
}

/// A small JSON-schema checker for the subset of OpenAPI 3.0 the document uses: `$ref`,
/// `type`, `enum`, `properties`, `required`, `additionalProperties`, `items`, `oneOf`,
/// `minItems`/`maxItems`, `minimum`/`maximum`, `pattern`, `format` (date, date-time).
/// Objects without `additionalProperties` are closed: a property the document does not
/// list is reported, so the document cannot fall behind the code.
final class OpenAPIValidator: @unchecked Sendable {
  static let shared = OpenAPIValidator()

  /// Read-only after `init`.
  let document: [String: Any]

  init() {
    let data = (try? OpenAPIDocument.json(version: "test")) ?? Data()
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    document = object ?? [:]
  }

  func check(status: Int, contentType: HTTPMediaType?, body: Data, method: String, path: String) -> [String] {
    guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
      let operation = item[method] as? [String: Any], let responses = operation["responses"] as? [String: Any]
    else { return ["\(method) \(path) is not in the document"] }
    guard var response = responses[String(status)] as? [String: Any] else {
      return ["status \(status) is not documented (documented: \(responses.keys.sorted()))"]
    }
    if let ref = response["$ref"] as? String { response = resolve(ref) }
    guard let content = response["content"] as? [String: Any] else { return body.isEmpty ? [] : ["undocumented body"] }
    let type = contentType.map { "\($0.type)/\($0.subType)" } ?? "none"
    guard let media = content[type] as? [String: Any], let schema = media["schema"] as? [String: Any] else {
      return ["content type \(type) is not documented (documented: \(content.keys.sorted()))"]
    }
    guard type == "application/json" else { return [] }
    guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
      return ["the body is not JSON"]
    }
    return errors(value, schema, "$")
  }

  func resolve(_ ref: String) -> [String: Any] {
    var node: Any = document
    for part in ref.dropFirst(2).split(separator: "/") {
      node = (node as? [String: Any])?[String(part)] ?? [:]
    }
    return node as? [String: Any] ?? [:]
  }

  static func isBool(_ value: Any) -> Bool { String(describing: type(of: value)).contains("Boolean") }

  func errors(_ value: Any, _ schema: [String: Any], _ path: String) -> [String] {
    if let ref = schema["$ref"] as? String { return errors(value, resolve(ref), path) }
    var problems: [String] = []
    if let options = schema["oneOf"] as? [[String: Any]] {
      let matching = options.filter { errors(value, $0, path).isEmpty }.count
      if matching != 1 { problems.append("\(path): matches \(matching) of the oneOf schemas") }
    }
    if let parts = schema["allOf"] as? [[String: Any]] {
      for part in parts { problems += errors(value, part, path) }
    }
    if let values = schema["enum"] as? [String] {
      if let text = value as? String, values.contains(text) {
      } else {
        problems.append("\(path): \(value) is not one of \(values)")
      }
    }
    if let object = value as? [String: Any] {
      for name in schema["required"] as? [String] ?? [] where object[name] == nil {
        problems.append("\(path): missing required \(name)")
      }
    }
    let type = schema["type"] as? String
    switch type {
    case "object":
      guard let object = value as? [String: Any] else { return problems + ["\(path): expected an object"] }
      let properties = schema["properties"] as? [String: Any] ?? [:]
      if let min = schema["minProperties"] as? Int, object.count < min {
        problems.append("\(path): fewer than \(min) members")
      }
      let additional = schema["additionalProperties"]
      for (name, member) in object {
        if let property = properties[name] as? [String: Any] {
          problems += errors(member, property, "\(path).\(name)")
        } else if let additional = additional as? [String: Any] {
          problems += errors(member, additional, "\(path).\(name)")
        } else if additional == nil || (additional as? Bool) == false {
          // Closed when the document says so, and in this checker whenever it lists properties.
          if additional != nil || !properties.isEmpty { problems.append("\(path): undocumented property \(name)") }
        }
      }
    case "array":
      guard let array = value as? [Any] else { return problems + ["\(path): expected an array"] }
      if let min = schema["minItems"] as? Int, array.count < min { problems.append("\(path): fewer than \(min) items") }
      if let max = schema["maxItems"] as? Int, array.count > max { problems.append("\(path): more than \(max) items") }
      if let items = schema["items"] as? [String: Any] {
        for (i, item) in array.enumerated() { problems += errors(item, items, "\(path)[\(i)]") }
      }
    case "string":
      guard let text = value as? String else { return problems + ["\(path): expected a string, got \(value)"] }
      if let min = schema["minLength"] as? Int, text.count < min { problems.append("\(path): shorter than \(min)") }
      // JSON Schema counts code points.
      if let max = schema["maxLength"] as? Int, text.unicodeScalars.count > max {
        problems.append("\(path): longer than \(max)")
      }
      if let pattern = schema["pattern"] as? String, text.range(of: pattern, options: .regularExpression) == nil {
        problems.append("\(path): '\(text)' does not match \(pattern)")
      }
      if schema["format"] as? String == "date", Day(text) == nil { problems.append("\(path): '\(text)' is not a date") }
      if schema["format"] as? String == "date-time", !text.contains("T") {
        problems.append("\(path): '\(text)' is not a date-time")
      }
    case "boolean":
      if !Self.isBool(value) { problems.append("\(path): expected a boolean, got \(value)") }
    case "number", "integer":
      guard !Self.isBool(value), let number = (value as? NSNumber)?.doubleValue else {
        return problems + ["\(path): expected a \(type!), got \(value)"]
      }
      if type == "integer" && number.rounded() != number { problems.append("\(path): \(number) is not an integer") }
      if let min = (schema["minimum"] as? NSNumber)?.doubleValue, number < min {
        problems.append("\(path): \(number) < \(min)")
      }
      if let max = (schema["maximum"] as? NSNumber)?.doubleValue {
        let exclusive = (schema["exclusiveMaximum"] as? Bool) == true
        if exclusive ? number >= max : number > max { problems.append("\(path): \(number) above \(max)") }
      }
    default:
      break
    }
    return problems
  }
}
