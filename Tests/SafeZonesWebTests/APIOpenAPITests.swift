import Foundation
import OpenAPIKit30
import SafeZonesApplication
import SafeZonesCore
import Testing
import Vapor
import VaporTesting
import Yams

@testable import SafeZonesWeb

extension APITests {
  @Suite("OpenAPI document")
  struct OpenAPI {
    @Test("openapi.yaml decodes and passes OpenAPIKit's validation, with no warning")
    func validates() throws {
      // act: load() validates strictly, warnings counting as errors
      let document = try OpenAPIDocument.load()
      // check
      #expect(document.openAPIVersion == .v3_0_3)
      #expect(!document.paths.isEmpty)
      #expect(try document.validate(strict: false).isEmpty)
    }

    @Test("The served JSON says what openapi.yaml says, nothing lost or added, but for the version")
    func servesTheSource() throws {
      // setup
      let url = try #require(OpenAPIDocument.source)
      let source = try YAMLDecoder().decode(Tree.self, from: Data(contentsOf: url))
      // act
      let served = try JSONDecoder().decode(Tree.self, from: OpenAPIDocument.json(version: "9.8.7"))
      // check
      #expect(served["info"]?["version"] == .string("9.8.7"))
      #expect(served["info"]?["version"] != source["info"]?["version"])
      var expected = source
      expected["info"]?["version"] = .string("9.8.7")
      let differences = expected.differences(from: served)
      #expect(differences.isEmpty, "\(differences.prefix(10))")
    }

    @Test("GET /openapi.json is well-formed OpenAPI 3.x JSON with the required keys")
    func wellFormed() async throws {
      try await API.withAPI { app in
        // act
        let res = try await API.send(app, .GET, "/api/v1/openapi.json")
        // check
        #expect(res.status == .ok)
        #expect(res.headers.contentType?.subType == "json")
        let document = API.object(res)
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let info = document["info"] as? [String: Any] ?? [:]
        #expect(info["title"] as? String != nil)
        let version = try #require(info["version"] as? String)
        #expect(Data(buffer: res.body) == (try OpenAPIDocument.json(version: version)))
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        #expect(!paths.isEmpty)
        for (path, item) in paths {
          #expect(path.hasPrefix("/"))
          for (method, value) in item {
            #expect(["get", "post", "put", "patch", "delete"].contains(method), "\(path) \(method)")
            let operation = value as? [String: Any] ?? [:]
            let responses = operation["responses"] as? [String: Any] ?? [:]
            #expect(!responses.isEmpty, "\(method) \(path) has no responses")
            #expect(operation["operationId"] as? String != nil)
            for (status, response) in responses {
              #expect(Int(status) != nil, "\(status)")
              let resolved = OpenAPIValidator.shared.resolved(response)
              #expect(resolved["description"] as? String != nil, "\(method) \(path) \(status) lacks a description")
            }
            // Every path parameter is declared.
            let declared = (operation["parameters"] as? [Any] ?? []).map { OpenAPIValidator.shared.resolved($0) }
            for name in Self.pathParameters(path) {
              #expect(
                declared.contains {
                  $0["name"] as? String == name && $0["in"] as? String == "path" && $0["required"] as? Bool == true
                },
                "\(method) \(path) does not declare {\(name)}")
            }
          }
        }
        // Every reference resolves.
        for ref in Self.references(in: document) {
          #expect(!OpenAPIValidator.shared.resolve(ref).isEmpty, "unresolved \(ref)")
        }
      }
    }

    @Test("Every /api/v1 route is in the document, and every documented operation is a route")
    func coversRoutes() async throws {
      try await API.withAPI { app in
        // setup
        let routes = Set(
          app.routes.all.compactMap { route -> String? in
            let parts = route.path.map { component -> String in
              switch component {
              case .constant(let text): return text
              case .parameter(let name): return "{\(name)}"
              case .anything: return "*"
              case .catchall: return "**"
              }
            }
            guard parts.starts(with: ["api", "v1"]) else { return nil }
            return "\(route.method.rawValue.lowercased()) /\(parts.joined(separator: "/"))"
          })
        let paths = OpenAPIValidator.shared.document["paths"] as? [String: [String: Any]] ?? [:]
        let documented = Set(paths.flatMap { path, item in item.keys.map { "\($0) \(path)" } })
        // check
        #expect(!routes.isEmpty)
        #expect(
          routes.subtracting(documented).isEmpty, "routes not documented: \(routes.subtracting(documented).sorted())")
        #expect(
          documented.subtracting(routes).isEmpty, "documented but no route: \(documented.subtracting(routes).sorted())")
      }
    }

    @Test("Schemas name every criterion, quadrant and axis of the core")
    func enumerations() {
      let schemas =
        (OpenAPIValidator.shared.document["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
      func values(_ name: String) -> [String] { (schemas[name] as? [String: Any])?["enum"] as? [String] ?? [] }
      #expect(values("CriterionID") == CriterionID.allCases.map(\.rawValue))
      #expect(values("Quadrant") == Quadrant.allCases.map(\.rawValue))
      #expect(values("Axis") == Axis.allCases.map(\.rawValue))
    }

    @Test("The other values the document spells out are the code's")
    func codeValues() {
      func node(_ path: String) -> Any? {
        path.split(separator: "/").reduce(OpenAPIValidator.shared.document as Any?) {
          ($0 as? [String: Any])?[String($1)]
        }
      }
      func keys(_ path: String) -> Set<String> { Set((node(path) as? [String: Any]).map { Array($0.keys) } ?? []) }
      let schemas = "components/schemas"
      // check: enumerations
      #expect(node("\(schemas)/PoolingMethod/enum") as? [String] == PoolingMethod.allCases.map(\.rawValue))
      #expect(
        node("\(schemas)/MigrationWarning/properties/kind/enum") as? [String] == MigrationKind.allCases.map(\.rawValue))
      #expect(
        node("\(schemas)/MigrationWarning/properties/severity/enum") as? [String] == Severity.allCases.map(\.rawValue))
      #expect(node("\(schemas)/Round/properties/status/enum") as? [String] == Round.Status.allCases.map(\.rawValue))
      let trend = "\(schemas)/Convergence/properties/rows/items/properties/changes/items/properties/trend/enum"
      #expect(node(trend) as? [String] == Convergence.Trend.allCases.map(\.rawValue))
      // check: objects keyed by criterion or quadrant
      let criteria = Set(CriterionID.allCases.map(\.rawValue))
      for path in ["Assessment/properties/scores", "HistoryEntry/properties/scores", "ScoresInput"] {
        #expect(keys("\(schemas)/\(path)/properties") == criteria, "\(path)")
      }
      let quadrants = Set(Quadrant.allCases.map(\.rawValue))
      for path in ["QuadrantProbabilities", "ProjectedYear/properties/probabilities"] {
        #expect(keys("\(schemas)/\(path)/properties") == quadrants, "\(path)")
      }
      let rubricCriteria = "\(schemas)/RubricInput/properties/criteria"
      #expect(node("\(rubricCriteria)/minItems") as? Int == CriterionID.allCases.count)
      #expect(node("\(rubricCriteria)/maxItems") as? Int == CriterionID.allCases.count)
      // check: Monte Carlo limits and defaults
      for name in ["Samples", "SensitivitySamples"] {
        #expect(node("components/parameters/\(name)/schema/minimum") as? Int == MonteCarloQuery.samplesRange.lowerBound)
        #expect(node("components/parameters/\(name)/schema/maximum") as? Int == MonteCarloQuery.samplesRange.upperBound)
      }
      #expect(node("components/parameters/SensitivitySamples/schema/default") as? Int == MonteCarloDefaults.samples)
      #expect(node("components/parameters/Seed/schema/default") as? Int == Int(MonteCarloDefaults.seed))
    }

    @Test("Request bodies the API accepts match the documented request schemas")
    func requestBodies() async throws {
      try await API.withAPI { app in
        // setup: bodies the other tests send with success, and an export
        let export = try await API.send(app, .GET, "/api/v1/export")
        let rubric = try await API.send(app, .GET, "/api/v1/rubric")
        let bodies: [(String, String, String)] = [
          ("post", "/api/v1/domains", API.domainJSON(id: "a-domain", links: ["b"])),
          ("post", "/api/v1/domains/{id}/assessments", API.assessmentJSON(base: 1)),
          ("post", "/api/v1/import", export.body.string),
          ("post", "/api/v1/rubrics", rubric.body.string),
        ]
        for (method, path, body) in bodies {
          // check
          let problems = OpenAPIValidator.shared.checkRequest(Data(body.utf8), method: method, path: path)
          #expect(problems.isEmpty, "\(method) \(path): \(problems.prefix(8))")
        }
        // and a body the loader refuses is refused by the schema too
        let wrong = OpenAPIValidator.shared.checkRequest(
          Data(
            #"{"id": "x", "name": "X", "assessment": {"assessor": "a", "date": "2026-01-01", "scores": {"military": 9}}}"#
              .utf8),
          method: "post", path: "/api/v1/domains")
        #expect(!wrong.isEmpty)
      }
    }

    static func pathParameters(_ path: String) -> [String] {
      path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.map {
        String($0.dropFirst().dropLast())
      }
    }

    static func references(in value: Any) -> [String] {
      if let object = value as? [String: Any] {
        let own = (object["$ref"] as? String).map { [$0] } ?? []
        return own + object.values.flatMap { references(in: $0) }
      }
      if let array = value as? [Any] { return array.flatMap { references(in: $0) } }
      return []
    }
  }
}

extension OpenAPIValidator {
  /// A response or parameter with its `$ref` followed.
  func resolved(_ value: Any) -> [String: Any] {
    let object = value as? [String: Any] ?? [:]
    if let ref = object["$ref"] as? String { return resolve(ref) }
    return object
  }
}

extension OpenAPIValidator {
  /// Problems of a request body against the operation's documented request schema.
  func checkRequest(_ body: Data, method: String, path: String) -> [String] {
    let paths = document["paths"] as? [String: Any]
    let operation = (paths?[path] as? [String: Any])?[method] as? [String: Any]
    let content = (operation?["requestBody"] as? [String: Any])?["content"] as? [String: Any]
    guard let schema = (content?["application/json"] as? [String: Any])?["schema"] as? [String: Any] else {
      return ["\(method) \(path) documents no JSON request body"]
    }
    guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
      return ["not JSON"]
    }
    return errors(value, schema, "$")
  }
}

/// A JSON or YAML value, to compare the served document with its source.
enum Tree: Decodable, Equatable {
  case null, bool(Bool), number(Double), string(String), array([Tree]), object([String: Tree])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([Tree].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: Tree].self))
    }
  }

  subscript(key: String) -> Tree? {
    get { if case .object(let members) = self { members[key] } else { nil } }
    set { if case .object(var members) = self { members[key] = newValue; self = .object(members) } }
  }

  /// Where `other` differs from this value, as paths.
  func differences(from other: Tree, at path: String = "$") -> [String] {
    switch (self, other) {
    case (.object(let mine), .object(let theirs)):
      return Set(mine.keys).union(theirs.keys).sorted().flatMap { key -> [String] in
        switch (mine[key], theirs[key]) {
        case (let a?, let b?): return a.differences(from: b, at: "\(path).\(key)")
        case (_?, nil): return ["\(path).\(key) is missing"]
        default: return ["\(path).\(key) is added"]
        }
      }
    case (.array(let mine), .array(let theirs)) where mine.count == theirs.count:
      return zip(mine, theirs).enumerated().flatMap { $1.0.differences(from: $1.1, at: "\(path)[\($0)]") }
    default:
      return self == other ? [] : ["\(path): \(self) ≠ \(other)"]
    }
  }
}
