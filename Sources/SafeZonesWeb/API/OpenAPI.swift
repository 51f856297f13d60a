import Foundation
import OpenAPIKit30
import SafeZonesApplication
import Yams

/// The OpenAPI 3.0 description of `/api/v1`, served at `/api/v1/openapi.json`.
///
/// `Resources/openapi.yaml` is the source of truth, written by hand; OpenAPIKit decodes and
/// validates it once, and it is served as JSON. The API tests check that every route is
/// described (and nothing else), that real responses match its schemas, and that the
/// enumerations and limits it spells out are the code's.
enum OpenAPIDocument {
  /// The description, decoded and validated once.
  static let document: Result<OpenAPI.Document, any Error> = Result { try load() }

  /// The document as served, made on its first request: decoding and validating the YAML
  /// takes about 0.2 s, which start-up need not wait for (the tests load and validate it,
  /// so a broken document does not ship).
  static let served: Result<Data, any Error> = Result { try json(version: SafeZonesVersion.current) }

  /// `Resources/openapi.yaml`.
  static var source: URL? {
    Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources")
  }

  /// Reads, decodes and validates `Resources/openapi.yaml`. Beyond decoding, OpenAPIKit checks
  /// its defaults (references resolve, operation ids and parameters are unique, every
  /// operation has a response) and that there are paths, every path has an operation and
  /// every `{parameter}` in a path is declared; warnings count as errors.
  static func load() throws -> OpenAPI.Document {
    guard let url = source else {
      throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "Resources/openapi.yaml"])
    }
    let document = try YAMLDecoder().decode(OpenAPI.Document.self, from: try Data(contentsOf: url))
    let validator = Validator()
      .validating(.documentContainsPaths)
      .validating(.pathsContainOperations)
      .validating(.pathParametersAreDefined)
    try document.validate(using: validator)
    return document
  }

  /// The document as served: JSON, with `info.version` set to `version`.
  static func json(version: String) throws -> Data {
    var document = try document.get()
    let info = document.info
    document.info = .init(
      title: info.title, description: info.description, termsOfService: info.termsOfService, contact: info.contact,
      license: info.license, version: version, vendorExtensions: info.vendorExtensions)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(document)
  }
}
