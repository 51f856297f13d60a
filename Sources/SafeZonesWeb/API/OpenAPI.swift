import Foundation
import SafeZonesApplication
import SafeZonesCore

/// The OpenAPI 3.0 description of `/api/v1`, served at `/api/v1/openapi.json`. The API
/// tests check that every route is described (and nothing else), and that real responses
/// match the schemas given here.
enum OpenAPIDocument {
  /// The document, encoded once.
  static let data: Data = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(document)) ?? Data("{}".utf8)
  }()

  static var document: JSONValue {
    [
      "openapi": "3.0.3",
      "info": [
        "title": "SafeZones API",
        "version": "1.0.0",
        "description": """
        Places research domains on joint gains versus political risk (Karplus, Morgan & Victor, \
        "Finding Safe Zones for Science"). All bodies are JSON with snake_case keys. Writes must be sent \
        with `Content-Type: application/json` (otherwise 415). Errors have the shape \
        `{"error": {"code", "message", "field", "issues"}}`. See docs/api.md.
        """,
      ],
      "servers": [["url": "/"]],
      "tags": [
        ["name": "domains"], ["name": "placements"], ["name": "uncertainty"], ["name": "change"], ["name": "rounds"],
        ["name": "rubrics"],
        ["name": "data"], ["name": "meta"],
      ],
      "paths": .object(paths),
      "components": [
        "schemas": .object(schemas),
        "parameters": .object(parameters),
        "responses": .object(errorResponses),
      ],
    ]
  }

  // MARK: - Paths

  static var paths: [String: JSONValue] {
    [
      "/api/v1/domains": [
        "get": operation(
          "listDomains", tag: "domains", summary: "List domains with their placement, filtered and paginated",
          parameters: ["Quadrant", "Tag", "Query", "Limit", "Offset"],
          responses: ["200": json("DomainList", "One page of matching domains, in id order"), "422": "Invalid"]),
        "post": operation(
          "createDomain", tag: "domains",
          summary: "Create a domain from one domain in the input format (with its first assessment or assessments)",
          body: "DomainInput",
          responses: [
            "201": json(
              "DomainDetail", "The created domain",
              headers: ["Location": header("URL of the new domain"), "ETag": header("The domain's version, quoted")]),
            "400": "BadRequest", "409": "Conflict", "413": "PayloadTooLarge", "415": "UnsupportedMediaType",
            "422": "Invalid",
          ]),
      ],
      "/api/v1/domains/{id}": [
        "get": operation(
          "getDomain", tag: "domains",
          summary: "One domain: its report (placement, contributions, strategy), links, version and current assessment",
          parameters: ["DomainID"],
          responses: [
            "200": json(
              "DomainDetail", "The domain", headers: ["ETag": header("The domain's version, quoted, e.g. \"3\"")]),
            "404": "NotFound",
          ])
      ],
      "/api/v1/domains/{id}/history": [
        "get": operation(
          "getDomainHistory", tag: "domains",
          summary: "Every assessment of a domain, oldest first, placed under the rubric in force, with what changed",
          parameters: ["DomainID"],
          responses: ["200": json("History", "The domain's history"), "404": "NotFound"])
      ],
      "/api/v1/domains/{id}/assessments": [
        "post": operation(
          "addAssessment", tag: "domains",
          summary: "Add an assessment to a domain, based on the version the client read (optimistic locking)",
          parameters: ["DomainID", "IfMatch"], body: "AssessmentInput",
          responses: [
            "201": json(
              "AssessmentCreated", "The new version and where it places the domain",
              headers: ["Location": header("URL of the domain's history"), "ETag": header("The new version, quoted")]),
            "400": "BadRequest", "404": "NotFound", "409": "Conflict", "413": "PayloadTooLarge",
            "415": "UnsupportedMediaType", "422": "Invalid", "428": "PreconditionRequired",
          ])
      ],
      "/api/v1/placements": [
        "get": operation(
          "getPlacements", tag: "placements",
          summary:
            "The placement document of every domain (as `safezones domains --format json`); with samples, with each domain's quadrant probabilities (as `safezones assess --samples N --format json`)",
          parameters: [
            "Rubric", "GainsThreshold", "RiskThreshold", "Margin", "Samples", "Seed", "Pool", "Quadrant", "Tag",
            "Query",
          ],
          responses: [
            "200": json("PlacementDocument", "Every domain's report, in id order"), "404": "NotFound",
            "422": "Invalid",
          ])
      ],
      "/api/v1/domains/{id}/sensitivity": [
        "get": operation(
          "getDomainSensitivity", tag: "uncertainty",
          summary:
            "What drives a domain's placement under uncertainty: quadrant probabilities, tornado, importance, each assessor's influence, viability per perspective (as `safezones sensitivity DOMAIN --format json`)",
          parameters: ["DomainID", "SensitivitySamples", "Seed", "Pool"],
          responses: [
            "200": json("SensitivityReport", "The domain's sensitivity report"), "404": "NotFound", "422": "Invalid",
          ])
      ],
      "/api/v1/warnings": [
        "get": operation(
          "getWarnings", tag: "change",
          summary:
            "Migration warnings, most severe first, and projections from recorded drifts (as `safezones watch --format json`)",
          parameters: ["AsOf", "Horizon"],
          responses: ["200": json("Warnings", "The warnings and projections"), "422": "Invalid"])
      ],
      "/api/v1/graph": [
        "get": operation(
          "getGraph", tag: "change",
          summary:
            "The links between domains and the risk they carry to each domain (as `safezones graph --format json`)",
          parameters: ["AsOf"],
          responses: ["200": json("Graph", "The links and the risk they carry"), "422": "Invalid"])
      ],
      "/api/v1/rounds": [
        "get": operation(
          "listRounds", tag: "rounds",
          summary: "Delphi rounds, ordered by study and number, with how many took part (never who judged what)",
          parameters: ["Study"],
          responses: ["200": json("RoundList", "The rounds")])
      ],
      "/api/v1/rounds/{id}": [
        "get": operation(
          "getRound", tag: "rounds",
          summary:
            "One Delphi round: participation per domain (counts only) and, once closed, how the panel's spread changed since the study's first round",
          parameters: ["RoundID"],
          responses: ["200": json("RoundDetail", "The round"), "404": "NotFound", "422": "Invalid"])
      ],
      "/api/v1/rubric": [
        "get": operation(
          "getRubric", tag: "rubrics", summary: "The rubric in force, in the rubric file's shape",
          responses: ["200": json("Rubric", "The rubric in force")])
      ],
      "/api/v1/rubrics": [
        "get": operation(
          "listRubrics", tag: "rubrics", summary: "Every stored rubric version, oldest first; the last is in force",
          responses: ["200": json("RubricList", "The stored versions")]),
        "post": operation(
          "createRubric", tag: "rubrics",
          summary: "Store a rubric version and put it in force (a version already stored with the same content: 200)",
          body: "RubricInput",
          responses: [
            "200": json("Rubric", "This version was already stored with the same content; nothing changed"),
            "201": json(
              "Rubric", "The stored rubric, now in force", headers: ["Location": header("URL of the rubric")]),
            "400": "BadRequest", "409": "Conflict", "413": "PayloadTooLarge", "415": "UnsupportedMediaType",
            "422": "Invalid",
          ]),
      ],
      "/api/v1/rubrics/{version}": [
        "get": operation(
          "getRubricVersion", tag: "rubrics", summary: "One stored rubric version, in the rubric file's shape",
          parameters: ["RubricVersion"],
          responses: ["200": json("Rubric", "The rubric"), "404": "NotFound"])
      ],
      "/api/v1/export": [
        "get": operation(
          "export", tag: "data",
          summary: "Download the store: json (every domain with its full history, re-importable), csv or history",
          parameters: ["ExportFormat"],
          responses: [
            "200": [
              "description": "The export, as an attachment",
              "headers": ["Content-Disposition": header("attachment; filename=\"safezones-….json|csv\"")],
              "content": [
                "application/json": ["schema": ref("Export")],
                "text/csv": ["schema": ["type": "string"]],
              ],
            ],
            "422": "Invalid",
          ])
      ],
      "/api/v1/import": [
        "post": operation(
          "importDomains", tag: "data",
          summary:
            "Import domains in the file format, all or nothing; assessments already stored are skipped, so importing twice adds nothing",
          body: "ImportInput",
          responses: [
            "200": json("ImportSummary", "What the import did"), "400": "BadRequest", "409": "Conflict",
            "413": "PayloadTooLarge", "415": "UnsupportedMediaType", "422": "Invalid",
          ])
      ],
      "/api/v1/map.svg": [
        "get": operation(
          "getMap", tag: "placements", summary: "The map of every domain as an SVG drawing",
          responses: [
            "200": ["description": "The map", "content": ["image/svg+xml": ["schema": ["type": "string"]]]]
          ])
      ],
      "/api/v1/openapi.json": [
        "get": operation(
          "getOpenAPI", tag: "meta", summary: "This document",
          responses: [
            "200": [
              "description": "The OpenAPI document", "content": ["application/json": ["schema": ["type": "object"]]],
            ]
          ])
      ],
    ]
  }

  static func operation(
    _ id: String, tag: String, summary: String, parameters: [String] = [], body: String? = nil,
    responses: [String: JSONValue]
  ) -> JSONValue {
    var op: [String: JSONValue] = [
      "operationId": .string(id), "tags": [.string(tag)], "summary": .string(summary),
      "responses": .object(
        responses.mapValues { value in
          if case .string(let name) = value { return ["$ref": .string("#/components/responses/\(name)")] }
          return value
        }),
    ]
    if !parameters.isEmpty {
      op["parameters"] = .array(parameters.map { ["$ref": .string("#/components/parameters/\($0)")] })
    }
    if let body {
      op["requestBody"] = ["required": true, "content": ["application/json": ["schema": ref(body)]]]
    }
    return .object(op)
  }

  static func json(_ schema: String, _ description: String, headers: [String: JSONValue] = [:]) -> JSONValue {
    var response: [String: JSONValue] = [
      "description": .string(description), "content": ["application/json": ["schema": ref(schema)]],
    ]
    if !headers.isEmpty { response["headers"] = .object(headers) }
    return .object(response)
  }

  static func header(_ description: String) -> JSONValue {
    ["description": .string(description), "schema": ["type": "string"]]
  }

  // MARK: - Parameters

  static var parameters: [String: JSONValue] {
    func query(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
      ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": schema]
    }
    return [
      "DomainID": [
        "name": "id", "in": "path", "required": true, "description": "The domain's id, e.g. quantum-encryption",
        "schema": ["type": "string"],
      ],
      "RoundID": [
        "name": "id", "in": "path", "required": true, "description": "A Delphi round's id",
        "schema": ["type": "integer", "minimum": 1],
      ],
      "RubricVersion": [
        "name": "version", "in": "path", "required": true, "description": "A stored rubric version",
        "schema": ["type": "string"],
      ],
      "IfMatch": [
        "name": "If-Match", "in": "header", "required": false,
        "description":
          "The version the client read, as the ETag of GET /api/v1/domains/{id} (e.g. \"3\"); an alternative to base_version in the body",
        "schema": ["type": "string"],
      ],
      "Quadrant": query(
        "quadrant", "Only domains in these quadrants (comma-separated)",
        [
          "type": "string", "example": "safe-zone,political-engineering",
          "pattern":
            "^ *(safe-zone|political-engineering|monitor|traditional) *(, *(safe-zone|political-engineering|monitor|traditional) *)*$",
        ]),
      "Tag": query("tag", "Only domains with this tag", ["type": "string"]),
      "Query": query("q", "Text matched (ignoring case and accents) against id and name", ["type": "string"]),
      "Limit": query("limit", "Page size", ["type": "integer", "minimum": 1, "maximum": 1000, "default": 100]),
      "Offset": query(
        "offset", "Domains to skip", ["type": "integer", "minimum": 0, "maximum": .int(Int(Int32.max)), "default": 0]),
      "Rubric": query("rubric", "Place under this stored rubric version (404 if unknown)", ["type": "string"]),
      "GainsThreshold": query(
        "gains_threshold", "Override the gains threshold", ["type": "number", "minimum": 0, "maximum": 1]),
      "RiskThreshold": query(
        "risk_threshold", "Override the risk threshold", ["type": "number", "minimum": 0, "maximum": 1]),
      "Margin": query(
        "margin", "Override the borderline margin (at least 0, below 0.5)",
        ["type": "number", "minimum": 0, "maximum": 0.5, "exclusiveMaximum": true]),
      "Samples": query(
        "samples",
        "Propagate each domain's uncertainty with this many Monte Carlo samples: adds probabilities, most_likely, confidence, intervals, importance and viability to every report",
        [
          "type": "integer", "minimum": .int(MonteCarloQuery.samplesRange.lowerBound),
          "maximum": .int(MonteCarloQuery.samplesRange.upperBound),
        ]),
      "SensitivitySamples": query(
        "samples", "Monte Carlo samples",
        [
          "type": "integer", "minimum": .int(MonteCarloQuery.samplesRange.lowerBound),
          "maximum": .int(MonteCarloQuery.samplesRange.upperBound), "default": .int(MonteCarloDefaults.samples),
        ]),
      "Seed": query(
        "seed", "Seed of the Monte Carlo run, 0 to 2^64 − 1: the same seed gives the same bytes (with samples only)",
        ["type": "integer", "minimum": 0, "default": 1]),
      "Pool": query(
        "pool",
        "How several assessors' judgements are pooled: linear (a mixture) or log (logarithmic; with samples only)",
        ["type": "string", "enum": ["linear", "log", "logarithmic"], "default": "linear"]),
      "AsOf": query(
        "as_of", "Take the map as it stood on this date: each domain's newest assessment by then",
        ["type": "string", "format": "date", "example": "2020-01-01"]),
      "Horizon": query(
        "horizon", "Report trends that cross a threshold within this many years",
        ["type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 50, "default": 3]),
      "Study": query("study", "Only the rounds of this study", ["type": "string"]),
      "ExportFormat": query(
        "format",
        "json (re-importable, full history), csv (current placements) or history (CSV, one row per assessment)",
        ["type": "string", "enum": ["json", "csv", "history"], "default": "json"]),
    ]
  }

  // MARK: - Error responses

  static var errorResponses: [String: JSONValue] {
    func error(_ description: String) -> JSONValue {
      ["description": .string(description), "content": ["application/json": ["schema": ref("Error")]]]
    }
    return [
      "BadRequest": error("The body is missing or not valid JSON (code malformed_json)"),
      "NotFound": error("No such domain, rubric version or route (code not_found)"),
      "Conflict": error(
        "The domain id exists (already_exists), the domain changed since base_version (stale_version, with the current version in the message and the ETag header), or the rubric version is stored with other content (rubric_version_exists)"
      ),
      "PayloadTooLarge": error("The body exceeds the server's limit (code payload_too_large)"),
      "UnsupportedMediaType": error("A write without Content-Type: application/json (code unsupported_media_type)"),
      "Invalid": error(
        "Validation failed (code invalid, every problem in issues with its field path and line) or a query parameter is out of range (code invalid_parameter)"
      ),
      "PreconditionRequired": error("Neither base_version nor If-Match was given (code base_version_required)"),
    ]
  }

  // MARK: - Schemas

  static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

  static func object(
    _ properties: [String: JSONValue], required: [String]? = nil, description: String? = nil
  ) -> JSONValue {
    var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
    // OpenAPI 3.0 wants a non-empty list, or none.
    let names = required ?? properties.keys.sorted()
    if !names.isEmpty { schema["required"] = .array(names.map { .string($0) }) }
    if let description { schema["description"] = .string(description) }
    return .object(schema)
  }

  static func array(_ items: JSONValue, min: Int? = nil, max: Int? = nil) -> JSONValue {
    var schema: [String: JSONValue] = ["type": "array", "items": items]
    if let min { schema["minItems"] = .int(min) }
    if let max { schema["maxItems"] = .int(max) }
    return .object(schema)
  }

  static func map(_ values: JSONValue) -> JSONValue { ["type": "object", "additionalProperties": values] }

  /// An object that accepts no other properties than those listed (input the loaders check
  /// field by field, refusing unknown ones).
  static func closed(
    _ properties: [String: JSONValue], required: [String] = [], description: String? = nil, oneOf: [JSONValue] = []
  ) -> JSONValue {
    var schema = object(properties, required: required, description: description).members
    schema["additionalProperties"] = false
    if !oneOf.isEmpty { schema["oneOf"] = .array(oneOf) }
    return .object(schema)
  }

  /// Scores keyed by criterion id: at least one, no other keys.
  static func scores(_ value: JSONValue) -> JSONValue {
    var properties: [String: JSONValue] = [:]
    for id in CriterionID.allCases { properties[id.rawValue] = value }
    var schema = closed(properties).members
    schema["minProperties"] = 1
    return .object(schema)
  }

  static let string: JSONValue = ["type": "string"]
  static let number: JSONValue = ["type": "number"]
  static let integer: JSONValue = ["type": "integer"]
  static let boolean: JSONValue = ["type": "boolean"]
  static let date: JSONValue = ["type": "string", "format": "date"]
  static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
  static let unit: JSONValue = ["type": "number", "minimum": 0, "maximum": 1]
  static let range: JSONValue = array(number, min: 2, max: 2)
  static let score04: JSONValue = ["type": "number", "minimum": 0, "maximum": 4]
  static let correlation: JSONValue = ["type": "number", "minimum": -1, "maximum": 1]
  static let nonEmpty: JSONValue = ["type": "string", "minLength": 1]
  static let evidence: JSONValue = ["oneOf": [string, array(string)]]
  static func enumeration(_ values: [String]) -> JSONValue {
    ["type": "string", "enum": .array(values.map { .string($0) })]
  }

  /// Every property of the domain report (shared by the placement document and the detail).
  static var reportProperties: [String: JSONValue] {
    [
      "id": string, "name": string, "tags": array(string), "gains": unit, "risk": unit, "quadrant": ref("Quadrant"),
      "borderline": boolean, "borderline_axes": array(ref("Axis")), "gains_range": range, "risk_range": range,
      "missing": array(ref("CriterionID")), "assessor": string, "date": date, "assessments": integer,
      "source": string, "links": array(ref("DomainLink")), "contributions": map(ref("CriterionEntry")),
      "risk_breakdown": ref("RiskBreakdown"), "strategy": ref("Strategy"),
    ]
  }

  /// The members a report gains when uncertainty is propagated (`samples`).
  static var uncertaintyProperties: [String: JSONValue] {
    [
      "probabilities": ref("QuadrantProbabilities"), "most_likely": ref("Quadrant"), "confidence": unit,
      "gains_interval": range, "risk_interval": range, "importance": ref("Importance"),
      "assessors_pooled": array(string), "pooling": ref("PoolingMethod"), "samples": integer,
      "viability": ref("Viability"),
    ]
  }

  /// Every property of a Delphi round (shared by the list and the detail).
  static var roundProperties: [String: JSONValue] {
    [
      "id": integer, "study": string, "number": integer, "title": string, "domains": array(string),
      "facilitator": string, "status": enumeration(Round.Status.allCases.map(\.rawValue)), "opened_at": dateTime,
      "closed_at": dateTime,
      "previous_round": ["type": "integer", "description": "The id of the study's round this one follows"],
      "assessors": ["type": "integer", "description": "Assessors who submitted at least one judgement"],
      "judgements": ["type": "integer", "description": "Judgements submitted, revisions included"],
    ]
  }

  static let roundRequired = [
    "id", "study", "number", "title", "domains", "facilitator", "status", "opened_at", "assessors", "judgements",
  ]

  static let reportRequired = [
    "id", "name", "tags", "gains", "risk", "quadrant", "borderline", "borderline_axes", "gains_range", "risk_range",
    "missing", "assessments", "links", "contributions", "risk_breakdown", "strategy",
  ]

  static var schemas: [String: JSONValue] {
    let scoreValue: JSONValue = [
      "description": "A score on the 0–4 scale, or a range [low, likely, high]",
      "oneOf": [score04, array(score04, min: 3, max: 3)],
    ]
    let quantiles: JSONValue = [
      "description": "Elicited quantiles: probability (e.g. \"0.05\") → value on the 0–4 scale",
      "type": "object", "additionalProperties": score04, "minProperties": 1,
    ]
    let thresholds = object(["gains": unit, "risk": unit, "margin": number])
    return [
      "Error": object(
        [
          "error": object(
            [
              "code": [
                "type": "string",
                "description":
                  "malformed_json, not_found, already_exists, stale_version, rubric_version_exists, payload_too_large, unsupported_media_type, invalid, invalid_parameter, base_version_required, internal",
              ],
              "message": string, "field": string,
              "issues": array(
                object(
                  ["field": string, "line": integer, "column": integer, "message": string], required: ["message"])),
            ], required: ["code", "message"])
        ]),
      "Quadrant": enumeration(Quadrant.allCases.map(\.rawValue)),
      "Axis": enumeration(Axis.allCases.map(\.rawValue)),
      "CriterionID": enumeration(CriterionID.allCases.map(\.rawValue)),
      "ScoreValue": [
        "description": "A score, a range [low, likely, high], or elicited quantiles",
        "oneOf": [score04, array(score04, min: 3, max: 3), closed(["quantiles": quantiles], required: ["quantiles"])],
      ],
      "ScoreEntry": closed(
        ["value": scoreValue, "quantiles": quantiles, "rationale": string, "evidence": array(string)],
        description: "One criterion's score: value (a point or range) or quantiles, with the assessor's reasons",
        oneOf: [["required": ["value"]], ["required": ["quantiles"]]]),
      "Assessment": object(
        [
          "assessor": string, "date": date, "perspective": string, "note": string,
          "scores": scores(ref("ScoreEntry")), "drifts": array(ref("Drift")),
        ], required: ["assessor", "date", "scores"],
        description: "An assessment in the input format (what POST /api/v1/domains/{id}/assessments accepts)"),
      "ScoreInput": [
        "description":
          "A number, a range [low, likely, high], or an object with value (or likely with optional low and high, or quantiles), rationale and evidence (a text or a list)",
        "oneOf": [
          score04, array(score04, min: 3, max: 3),
          closed(["value": scoreValue, "rationale": string, "evidence": evidence], required: ["value"]),
          closed(
            ["low": score04, "likely": score04, "high": score04, "rationale": string, "evidence": evidence],
            required: ["likely"]),
          closed(
            [
              "quantiles": [
                "description": "Probability → value, or a list of [probability, value] pairs",
                "oneOf": [["type": "object", "additionalProperties": score04], array(array(number, min: 2, max: 2))],
              ],
              "rationale": string, "evidence": evidence,
            ], required: ["quantiles"]),
        ],
      ],
      "ScoresInput": scores(ref("ScoreInput")),
      "Drift": [
        "description":
          "An expected drift of a criterion's score over time (0–4 scale): per_year, or change over years; uncertainty in the same units",
        "oneOf": [
          closed(
            ["criterion": ref("CriterionID"), "per_year": number, "uncertainty": ["type": "number", "minimum": 0]],
            required: ["criterion", "per_year"]),
          closed(
            [
              "criterion": ref("CriterionID"), "change": number, "years": ["type": "number", "minimum": 0],
              "uncertainty": ["type": "number", "minimum": 0],
            ], required: ["criterion", "change", "years"]),
        ],
      ],
      "AssessmentFields": closed(
        [
          "assessor": nonEmpty, "date": date, "perspective": nonEmpty, "note": string, "scores": ref("ScoresInput"),
          "drifts": array(ref("Drift")),
        ], required: ["assessor", "date", "scores"]),
      "AssessmentInput": closed(
        [
          "base_version": [
            "type": "integer", "minimum": 0,
            "description": "The version the client read; required unless an If-Match header gives it (428 otherwise)",
          ],
          "assessor": nonEmpty, "date": date, "perspective": nonEmpty, "note": string, "scores": ref("ScoresInput"),
          "drifts": array(ref("Drift")),
        ], required: ["assessor", "date", "scores"]),
      "DomainLink": object(
        ["target": string, "kind": string, "weight": unit, "rationale": string], required: ["target", "kind", "weight"]),
      "DomainInput": closed(
        [
          "id": ["type": "string", "pattern": "^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$"], "name": nonEmpty,
          "summary": string, "description": ["type": "string", "description": "Same as summary"],
          "tags": ["oneOf": [nonEmpty, array(nonEmpty)], "description": "A list of tags, or one tag"], "source": string,
          "links": array([
            "oneOf": [
              ["type": "string", "minLength": 1, "description": "The target's id"],
              closed(
                ["target": nonEmpty, "kind": string, "weight": unit, "rationale": string], required: ["target"]),
            ]
          ]),
          "assessment": ref("AssessmentFields"), "assessments": array(ref("AssessmentFields"), min: 1),
        ], required: ["id", "name"],
        description:
          "One domain in the input format, with either assessment or assessments (not both). Links must name known domains and not the domain itself.",
        oneOf: [["required": ["assessment"]], ["required": ["assessments"]]]),
      "ImportInput": closed(
        [
          "domains": array(ref("DomainInput"), min: 1),
          "rubric": ["description": "Written by exports; ignored"],
          "exported_at": ["description": "Written by exports; ignored"],
        ], required: ["domains"],
        description: "A domain file in the input format (an export is one); ids must be unique"),
      "DomainSummary": object([
        "id": string, "name": string, "tags": array(string), "version": integer, "gains": unit, "risk": unit,
        "quadrant": ref("Quadrant"), "borderline": boolean,
      ]),
      "DomainList": object([
        "total": integer, "limit": integer, "offset": integer, "domains": array(ref("DomainSummary")),
      ]),
      "CriterionEntry": object(
        [
          "axis": ref("Axis"), "score": number, "low": number, "high": number, "weight": number,
          "contribution": number, "peak": boolean, "floor": boolean, "rationale": string, "evidence": array(string),
        ], required: ["axis", "weight", "contribution", "peak", "floor", "evidence"]),
      "RiskBreakdown": object(
        [
          "mean": number, "peak": number, "unmitigated": number, "mitigation": number, "mitigated": number,
          "floor": number, "floor_criterion": ref("CriterionID"),
        ], required: ["mean", "peak", "unmitigated", "mitigation", "mitigated", "floor"]),
      "Precedent": object(["example": string, "passage": string]),
      "Strategy": object([
        "stance": object([
          "quadrant": ref("Quadrant"), "headline": string, "summary": string, "precedent": ref("Precedent"),
        ]),
        "actions": array(
          object([
            "id": string, "title": string, "detail": string, "precedent": ref("Precedent"),
            "because": array(
              object(["criterion": ref("CriterionID"), "score": number, "text": string], required: ["text"])),
          ])),
      ]),
      "DomainReport": object(
        reportProperties.merging(uncertaintyProperties) { _, new in new }, required: reportRequired,
        description: "A domain's report; the uncertainty members are present only with samples"),
      "DomainDetail": object(
        reportProperties.merging([
          "version": ["type": "integer", "description": "The number of assessments; send it back as base_version"],
          "summary": string, "rubric": ["type": "string", "description": "The rubric version the report uses"],
          "assessment": ref("Assessment"),
        ]) { _, new in new },
        required: reportRequired + ["version", "rubric", "assessment"]),
      "PlacementDocument": object([
        "rubric": object(["version": string, "countries": array(string, min: 2, max: 2), "thresholds": thresholds]),
        "domains": array(ref("DomainReport")),
      ]),
      "Placement": object(
        [
          "gains": unit, "risk": unit, "quadrant": ref("Quadrant"), "borderline": boolean,
          "borderline_axes": array(ref("Axis")), "gains_range": range, "risk_range": range,
          "missing": array(ref("CriterionID")),
        ]),
      "Changes": object(
        [
          "previous_version": integer,
          "from": object(["gains": unit, "risk": unit, "quadrant": ref("Quadrant")]),
          "to": object(["gains": unit, "risk": unit, "quadrant": ref("Quadrant")]),
          "quadrant_changed": boolean, "gains_delta": number, "risk_delta": number,
          "added": array(object(["criterion": ref("CriterionID"), "value": ref("ScoreValue")])),
          "removed": array(object(["criterion": ref("CriterionID"), "value": ref("ScoreValue")])),
          "changed": array(
            object(["criterion": ref("CriterionID"), "old": ref("ScoreValue"), "new": ref("ScoreValue")])),
          "reasons_changed": array(ref("CriterionID")), "perspective_changed": boolean, "assessor_changed": boolean,
        ], description: "What changed compared with the previous version"),
      "HistoryEntry": object(
        [
          "version": integer, "assessor": string, "date": date, "recorded_at": dateTime, "perspective": string,
          "note": string, "scores": scores(ref("ScoreEntry")), "drifts": array(ref("Drift")),
          "placement": ref("Placement"), "changes": ref("Changes"),
        ], required: ["version", "assessor", "date", "scores", "placement"],
        description: "One assessment; changes is absent for the first"),
      "History": object([
        "id": string, "name": string, "version": integer, "rubric": string, "assessments": array(ref("HistoryEntry")),
      ]),
      "AssessmentCreated": object([
        "id": string, "version": integer, "assessment": ref("HistoryEntry"), "strategy": ref("Strategy"),
      ]),
      "Criterion": object(
        [
          "id": ref("CriterionID"), "axis": ref("Axis"), "weight": ["type": "number", "minimum": 0],
          "question": string, "levels": array(string, min: 5, max: 5), "mitigation_floor": unit,
        ], required: ["id", "axis", "weight", "question", "levels", "mitigation_floor"]),
      "Rubric": object(
        [
          "version": string, "title": string, "countries": array(string, min: 2, max: 2), "thresholds": thresholds,
          "aggregation": object(["peak_share": unit, "mitigation_strength": unit]), "criteria": array(ref("Criterion")),
        ], description: "A rubric in the rubric file's shape"),
      "RubricInput": closed(
        [
          "version": nonEmpty, "title": nonEmpty, "countries": array(nonEmpty, min: 2, max: 2),
          "thresholds": closed([
            "gains": unit, "risk": unit,
            "margin": ["type": "number", "minimum": 0, "maximum": 0.5, "exclusiveMaximum": true],
          ]),
          "aggregation": closed(["peak_share": unit, "mitigation_strength": unit]),
          "criteria": array(
            closed(
              [
                "id": ref("CriterionID"), "axis": ref("Axis"), "weight": ["type": "number", "minimum": 0],
                "question": nonEmpty,
                "levels": [
                  "description": "Five texts for levels 0–4, as a list or an object keyed 0…4",
                  "oneOf": [
                    array(nonEmpty, min: 5, max: 5),
                    closed(
                      ["0": nonEmpty, "1": nonEmpty, "2": nonEmpty, "3": nonEmpty, "4": nonEmpty],
                      required: ["0", "1", "2", "3", "4"]),
                  ],
                ],
                "mitigation_floor": unit,
              ], required: ["id", "axis", "weight", "question", "levels"]), min: CriterionID.allCases.count,
            max: CriterionID.allCases.count),
        ], required: ["version", "criteria"],
        description:
          "A rubric file as JSON: each of the essay's criteria once, on its own axis, at least one weighted above 0 per axis; mitigation_floor only on risk criteria"
      ),
      "RubricList": object([
        "current": string,
        "rubrics": array(
          object(
            [
              "version": string, "title": string, "countries": array(string), "thresholds": thresholds,
              "stored_at": dateTime, "current": boolean,
            ], required: ["version", "title", "countries", "thresholds", "current"])),
      ]),
      "Export": object(
        [
          "exported_at": dateTime, "rubric": string,
          "domains": array(
            object(
              [
                "id": string, "name": string, "summary": string, "tags": array(string), "source": string,
                "links": array(ref("DomainLink")), "assessments": array(ref("Assessment")),
              ], required: ["id", "name", "tags", "links", "assessments"])),
        ], required: ["domains"], description: "Every domain with its full history in the input format"),
      "PoolingMethod": enumeration(PoolingMethod.allCases.map(\.rawValue)),
      "QuadrantProbabilities": object(
        Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0.rawValue, unit) }),
        description: "The probability of each quadrant; they sum to 1"),
      "Importance": [
        "description": "Spearman rank correlation of each criterion's samples with gains and with risk",
        "type": "object", "additionalProperties": object(["gains": correlation, "risk": correlation]),
      ],
      "PerspectivePlacement": object([
        "perspective": string, "assessors": array(string), "probabilities": ref("QuadrantProbabilities"),
        "most_likely": ref("Quadrant"), "acceptable": boolean,
      ]),
      "Viability": object(
        ["viable": boolean, "perspectives": array(ref("PerspectivePlacement")), "reasons": array(string)],
        description: "Whether cooperation is acceptable from both countries' side, and why not"),
      "UncertainPlacement": object(
        [
          "id": string, "samples": integer, "probabilities": ref("QuadrantProbabilities"),
          "most_likely": ref("Quadrant"), "confidence": unit, "gains_mean": unit, "risk_mean": unit,
          "gains_interval": range, "risk_interval": range, "covariance": array(number, min: 3, max: 3),
          "cloud": array(array(number, min: 2, max: 2)), "importance": ref("Importance"),
          "unscored": array(ref("CriterionID")),
        ],
        required: [
          "id", "samples", "probabilities", "most_likely", "confidence", "gains_mean", "risk_mean", "gains_interval",
          "risk_interval", "covariance", "cloud", "unscored",
        ]),
      "TornadoBar": object(
        [
          "criterion": ref("CriterionID"), "low": score04, "high": score04, "gains": array(number, min: 2, max: 2),
          "risk": array(number, min: 2, max: 2), "quadrants": array(ref("Quadrant"), min: 2, max: 2),
          "swing": number,
        ], description: "One criterion swept from its 5th to its 95th percentile, the others at their medians"),
      "AssessorInfluence": object(
        ["assessor": string, "perspective": string, "quadrant_without": ref("Quadrant"), "shift": number],
        required: ["assessor", "quadrant_without", "shift"]),
      "SensitivityReport": object([
        "id": string, "name": string, "samples": integer, "seed": ["type": "integer", "minimum": 0],
        "pool": ref("PoolingMethod"), "assessors": array(string), "thresholds": thresholds,
        "placement": ref("UncertainPlacement"),
        "median": object(["gains": unit, "risk": unit, "quadrant": ref("Quadrant")]),
        "tornado": array(ref("TornadoBar")), "influence": array(ref("AssessorInfluence")),
        "viability": ref("Viability"),
      ]),
      "PlacementSummary": object(["date": date, "gains": unit, "risk": unit, "quadrant": ref("Quadrant")]),
      "MigrationWarning": object(
        [
          "domain": string, "name": string, "kind": enumeration(MigrationKind.allCases.map(\.rawValue)),
          "severity": enumeration(Severity.allCases.map(\.rawValue)), "from": ref("PlacementSummary"),
          "to": ref("PlacementSummary"), "expected": date,
          "trend": object([
            "axis": ref("Axis"), "per_year": number, "threshold": unit, "years_to_cross": number, "points": integer,
          ]),
          "criteria": array(object(["criterion": ref("CriterionID"), "from": score04, "to": score04])),
          "related": string, "message": string, "precedent": string,
        ], required: ["domain", "name", "kind", "severity", "from", "to", "criteria", "message"]),
      "RecordedDrift": object(
        [
          "criterion": ref("CriterionID"), "per_year": number, "uncertainty": ["type": "number", "minimum": 0],
          "years": ["type": "number", "minimum": 0],
        ], required: ["criterion", "per_year"],
        description: "A drift as a rate per year (years: the period it was written over)"),
      "ProjectedYear": object([
        "years": integer, "date": date, "gains": unit, "risk": unit, "quadrant": ref("Quadrant"),
        "gains_range": range, "risk_range": range,
        "probabilities": object(
          Dictionary(uniqueKeysWithValues: Quadrant.allCases.map { ($0.rawValue, unit) }), required: []),
        "most_likely": ref("Quadrant"), "confidence": unit, "scores": map(score04),
      ]),
      "Projection": object([
        "domain": string, "name": string, "from": ref("PlacementSummary"), "assessor": string,
        "drifts": array(ref("RecordedDrift")), "years": array(ref("ProjectedYear")),
      ]),
      "Warnings": object(
        [
          "rubric": string, "as_of": date, "horizon": number, "warnings": array(ref("MigrationWarning")),
          "projections": array(ref("Projection")),
        ], required: ["rubric", "horizon", "warnings", "projections"]),
      "LinkHop": object(["from": string, "to": string, "kind": string, "weight": unit, "share": unit]),
      "LinkedRisk": object(
        [
          "id": string, "own": unit, "inherited": unit, "effective": unit, "source": string, "source_risk": unit,
          "path": array(ref("LinkHop")), "factor": unit,
        ], required: ["id", "own", "inherited", "effective", "path", "factor"],
        description:
          "A domain's own risk, the risk its links carry to it (from source along path), and the higher of the two"),
      "Graph": object(
        [
          "rubric": string, "as_of": date,
          "links": array(
            object(
              ["from": string, "to": string, "kind": string, "weight": unit, "rationale": string],
              required: ["from", "to", "kind", "weight"])),
          "linked_risk": array(ref("LinkedRisk")),
        ], required: ["rubric", "links", "linked_risk"]),
      "Round": object(roundProperties, required: roundRequired),
      "RoundList": object(["rounds": array(ref("Round"))]),
      "RoundDetail": object(
        roundProperties.merging([
          "next_round": ["type": "integer", "description": "The id of the study's round that follows this one"],
          "participation": array(
            object(
              [
                "domain": string,
                "assessors": ["type": "integer", "description": "Assessors whose judgement of the domain counts"],
                "submissions": ["type": "integer", "description": "Judgements of the domain, revisions included"],
              ])),
          "convergence": ref("Convergence"),
        ]) { _, new in new }, required: roundRequired + ["participation"],
        description: "A round; convergence is present once it is closed"),
      "Convergence": object(
        [
          "rounds": array(object(["id": integer, "number": integer])),
          "rows": array(
            object([
              "domain": string, "criterion": ref("CriterionID"),
              "spreads": array(
                object([
                  "round": integer, "n": integer, "iqr": number, "pooled_width": number, "median": score04,
                ])),
              "changes": array(
                object([
                  "from": integer, "to": integer, "iqr": number, "pooled_width": number,
                  "trend": enumeration(Convergence.Trend.allCases.map(\.rawValue)),
                ])),
            ])),
          "summaries": array(
            object([
              "from": integer, "to": integer, "narrowed": integer, "widened": integer, "unchanged": integer,
              "compared": integer,
            ])),
        ],
        description:
          "The spread of each criterion per round (IQR of the assessors' most likely values, width of the pooled 90% band) and its change between consecutive rounds; anonymous"
      ),
      "ImportSummary": object([
        "created": array(string), "updated": array(string), "assessments_added": integer,
        "assessments_unchanged": integer,
      ]),
    ]
  }
}
