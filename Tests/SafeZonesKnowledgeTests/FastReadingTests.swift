import Foundation
import SafeZonesCore
import Testing

@testable import SafeZonesKnowledge

/// The fast path of `DomainLoader.parse` (events, one domain at a time, no marks) against
/// the marked path (the whole node tree with marks): where the fast path gives domains they
/// are the marked path's; wherever the marked path finds a problem the fast path gives way,
/// so `parse` reports exactly the marked path's issues.
@Suite("Reading domain files: fast path and marked path")
struct FastReadingTests {
  /// What a reader made of a text: the domains, or the issues it reported.
  enum Outcome: Equatable, CustomStringConvertible {
    case domains([Domain])
    case issues([InputIssue])

    init(_ read: () throws(InputError) -> [Domain]) {
      do { self = .domains(try read()) } catch { self = .issues(error.issues) }
    }

    var description: String {
      switch self {
      case .domains(let d): "\(d.count) domains"
      case .issues(let i): i.map(\.description).joined(separator: "\n")
      }
    }
  }

  static func marked(_ text: String, knownIDs: Set<String>? = []) -> Outcome {
    Outcome { () throws(InputError) in try DomainLoader.parseMarked(text, file: "in.yaml", knownIDs: knownIDs) }
  }

  static func combined(_ text: String, knownIDs: Set<String>? = []) -> Outcome {
    Outcome { () throws(InputError) in try DomainLoader.parse(text, file: "in.yaml", knownIDs: knownIDs) }
  }

  // MARK: - Valid files

  /// Seeds and sizes: the larger files are converted on a second thread as well
  /// (`DomainConverter` converts the first batches on the caller's thread).
  static let sizes: [(UInt64, Int)] = [
    (1, 100), (2, 700), (3, DomainConverter.batchSize * DomainConverter.inlineBatches + 1),
  ]

  @Test("generated files, YAML and JSON, read to the same domains on both paths", arguments: sizes)
  func generated(seed: UInt64, count: Int) throws {
    // setup
    let file = GeneratedFile(domains: count, seed: seed)
    for text in [file.yaml, file.json] {
      // act
      let quick = try #require(DomainLoader.parseQuickly(text, knownIDs: []), "the fast path reads a valid file")
      let marked = try DomainLoader.parseMarked(text, file: "in.yaml", knownIDs: [])
      // check
      #expect(quick == marked)
      #expect(quick.count == count)
    }
    // check: the two formats hold the same domains
    #expect(
      DomainLoader.parseQuickly(file.yaml, knownIDs: []) == DomainLoader.parseQuickly(file.json, knownIDs: []))
  }

  @Test("the shipped knowledge base and the examples read the same on both paths")
  func shippedAndExamples() throws {
    // setup
    let shipped = try KnowledgeBase.domainsText()
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../examples/my-domains.yaml")
    let mine = try String(contentsOf: examples, encoding: .utf8)
    let ids = Set(try KnowledgeBase.domains().map(\.id))
    for (text, known) in [(shipped, Set<String>()), (mine, ids)] {
      // act
      let quick = try #require(DomainLoader.parseQuickly(text, knownIDs: known))
      // check
      #expect(quick == (try DomainLoader.parseMarked(text, file: "in.yaml", knownIDs: known)))
    }
  }

  @Test("the fields an exported file carries besides the domains are read and ignored")
  func exportedFields() throws {
    let file = GeneratedFile(domains: 3, seed: 9)
    let text = "exported_at: 2026-11-30\nrubric: {version: \"1\", title: Some rubric}\n" + file.yaml
    let quick = try #require(DomainLoader.parseQuickly(text, knownIDs: []))
    #expect(quick == (try DomainLoader.parseMarked(text, file: "in.yaml", knownIDs: [])))
  }

  @Test("YAML the fast path leaves to the marked path is still read, to the same domains")
  func unusualButValid() throws {
    // setup
    let base = Self.one(score: "military: 2")
    let texts = [
      // an anchor and an alias (compose resolves the alias)
      base.replacingOccurrences(of: "military: 2", with: "military: &two 2\n        economic: *two"),
      // an explicit tag
      base.replacingOccurrences(of: "name: Probe", with: "name: !!str Probe"),
      // a key that is a number in YAML and a string in the file's other mapping
      base + "  - id: other\n    name: Other\n    assessment: {assessor: me, date: 2026-01-01, scores: {1: 2}}\n",
    ]
    for (i, text) in texts.enumerated() {
      // act
      let combined = Self.combined(text)
      // check
      #expect(combined == Self.marked(text), "case \(i)")
      if i < 2 {
        #expect(DomainLoader.parseQuickly(text, knownIDs: []) == nil, "case \(i) is left to the marked path")
        guard case .domains(let d) = combined else {
          Issue.record("case \(i) is valid: \(combined)")
          continue
        }
        #expect(d.count == 1)
      }
    }
  }

  // MARK: - Bad files

  /// Changes that make a generated file wrong in one place: `change` rewrites a line that
  /// starts (after its indentation) with `find`, or deletes it when it returns `nil`.
  static let mutations: [(name: String, find: String, change: @Sendable (String) -> String?)] = [
    ("string score", "maturity: ", { swap($0, "maturity: ", "maturity: high #") }),
    ("quoted score", "maturity: ", { swap($0, "maturity: ", "maturity: \"3\" #") }),
    ("boolean score", "maturity: ", { swap($0, "maturity: ", "maturity: yes #") }),
    ("null score", "maturity: ", { swap($0, "maturity: ", "maturity: #") }),
    ("score 5", "maturity: ", { swap($0, "maturity: ", "maturity: 5 #") }),
    ("infinite score", "maturity: ", { swap($0, "maturity: ", "maturity: 1e999 #") }),
    ("not a number", "maturity: ", { swap($0, "maturity: ", "maturity: .nan #") }),
    ("range out of order", "maturity: ", { swap($0, "maturity: ", "maturity: [3, 2, 1] #") }),
    ("range of two", "maturity: ", { swap($0, "maturity: ", "maturity: [1, 2] #") }),
    ("unknown score field", "maturity: ", { swap($0, "maturity: ", "maturity: {value: 2, why: because} #") }),
    ("unknown criterion", "maturity: ", { swap($0, "maturity: ", "maturity_: 1 #") }),
    ("alias of a missing anchor", "maturity: ", { swap($0, "maturity: ", "maturity: *nowhere #") }),
    ("impossible date", "date: ", { swap($0, "date: ", "date: 2026-02-30 #") }),
    ("other date format", "date: ", { swap($0, "date: ", "date: 01/02/2026 #") }),
    ("bad id", "- id: ", { swap($0, "- id: ", "- id: Hyper Sonics! #") }),
    ("duplicate id", "- id: ", { $0.hasSuffix("id: gen-1") ? $0 : swap($0, "- id: ", "- id: gen-1 #") }),
    ("empty name", "name: ", { swap($0, "name: ", "name: \"  \" #") }),
    ("unclosed quote", "name: ", { swap($0, "name: ", "name: \"unclosed #") }),
    ("tab", "name: ", { "\t" + $0 }),
    ("colon in plain text", "name: ", { swap($0, "name: ", "name: Probe: a domain: with colons #") }),
    ("no name", "name: ", { _ in nil }),
    ("no date", "date: ", { _ in nil }),
    ("duplicate key", "date: ", { $0 + "\n" + $0 }),
    ("unknown top-level field", "domains:", { "extra: 1\n" + $0 }),
    ("unknown domain field", "- id: ", { $0 + "\n    colour: blue" }),
    ("unknown link", "- id: ", { $0 + "\n    links: [nowhere]" }),
    ("second document", "- id: ", { "---\n" + $0 }),
  ]

  static func swap(_ line: String, _ find: String, _ replacement: String) -> String {
    line.replacingOccurrences(of: find, with: replacement)
  }

  @Test("a mistake anywhere: the fast path gives way, and parse reports the marked path's issues")
  func mutated() throws {
    // setup
    // 300 domains, so that most mistakes are met on the converter's thread
    let file = GeneratedFile(domains: 300, seed: 7, withRanges: false)
    let lines = file.yaml.components(separatedBy: "\n")
    var rng = SplitMix64(seed: 11)
    for mutation in Self.mutations {
      for _ in 0..<2 {
        let candidates = lines.indices.filter {
          lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix(mutation.find)
            && mutation.change(lines[$0]) != lines[$0]
        }
        let at = try #require(candidates.randomElement(using: &rng), "\(mutation.name): no line to change")
        var changed = lines
        if let line = mutation.change(lines[at]) { changed[at] = line } else { changed.remove(at: at) }
        let text = changed.joined(separator: "\n")
        // act
        let marked = Self.marked(text)
        let combined = Self.combined(text)
        // check
        guard case .issues(let issues) = marked, !issues.isEmpty else {
          Issue.record("\(mutation.name) at line \(at + 1): the marked path accepts the file")
          continue
        }
        let gaveWay = DomainLoader.parseQuickly(text, knownIDs: []) == nil
        #expect(gaveWay, "\(mutation.name) at line \(at + 1): the fast path gives way")
        #expect(combined == marked, "\(mutation.name) at line \(at + 1)")
      }
    }
  }

  @Test("links are checked against the known ids on both paths")
  func knownIDs() throws {
    let text = Self.one(score: "military: 2").replacingOccurrences(
      of: "    assessment:", with: "    links: [quantum-encryption]\n    assessment:")
    #expect(DomainLoader.parseQuickly(text, knownIDs: ["quantum-encryption"]) != nil)
    #expect(DomainLoader.parseQuickly(text, knownIDs: nil) != nil)
    #expect(DomainLoader.parseQuickly(text, knownIDs: []) == nil)
    #expect(Self.combined(text, knownIDs: []) == Self.marked(text, knownIDs: []))
    guard case .issues(let issues) = Self.combined(text, knownIDs: []) else {
      Issue.record("an unknown link is reported")
      return
    }
    #expect(
      issues.map(\.description) == [
        "in.yaml:4:13: domains[0].links[0].target: links to unknown domain 'quantum-encryption'"
      ])
  }

  static func one(score: String) -> String {
    """
    domains:
      - id: probe
        name: Probe
        assessment:
          assessor: me
          date: 2026-01-01
          scores:
            \(score)

    """
  }
}

/// A domain file written in many of the ways a person writes one: YAML with plain, quoted
/// and block scalars, flow and block collections and comments, and the same domains as
/// JSON; scores as numbers, ranges, mappings and quantiles; drifts, links, tags, several
/// assessments. Reproducible from the seed.
struct GeneratedFile {
  var yaml = ""
  var json = ""

  static let criteria = CriterionID.allCases.map(\.rawValue)
  static let names = ["Solar sensing", "Ocean modelling", "Énergie marine", "量子 materials", "Deep \"quoted\" physics"]

  init(domains count: Int, seed: UInt64, withRanges: Bool = true) {
    var rng = SplitMix64(seed: seed)
    var y = "# generated\ndomains:\n"
    var j: [String] = []
    func q(_ s: String) -> String {
      var out = "\""
      for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        default: out.unicodeScalars.append(ch)
        }
      }
      return out + "\""
    }
    func number(_ x: Double) -> String { x == x.rounded() && Bool.random(using: &rng) ? "\(Int(x))" : "\(x)" }
    for n in 1...count {
      let id = "gen-\(n)"
      let name = "\(Self.names.randomElement(using: &rng)!) \(n)"
      var fields: [String] = ["\"id\": \(q(id))", "\"name\": \(q(name))"]
      y += "  - id: \(id)\n"
      y += Bool.random(using: &rng) && !name.contains("\"") ? "    name: \(name)\n" : "    name: \(q(name))\n"
      if Int.random(in: 0..<3, using: &rng) == 0 {
        let summary = "About \(name.lowercased()): what it covers."
        fields.append("\"summary\": \(q(summary))")
        y += Bool.random(using: &rng) ? "    summary: >-\n      \(summary)\n" : "    summary: \(q(summary))\n"
      }
      let tags = Array(
        ["energy", "oceans", "quantum", "space"].shuffled(using: &rng).prefix(Int.random(in: 1...3, using: &rng)))
      fields.append("\"tags\": [\(tags.map(q).joined(separator: ", "))]")
      y += tags.count == 1 ? "    tags: \(tags[0])\n" : "    tags: [\(tags.joined(separator: ", "))]\n"
      if n > 1 && Int.random(in: 0..<5, using: &rng) == 0 {
        let target = "gen-\(Int.random(in: 1..<n, using: &rng))"
        if Bool.random(using: &rng) {
          fields.append("\"links\": [\(q(target))]")
          y += "    links: [\(target)]\n"
        } else {
          fields.append("\"links\": [{\"target\": \(q(target)), \"kind\": \"enables\", \"weight\": 0.5}]")
          y += "    links:\n      - target: \(target)\n        kind: enables\n        weight: 0.5\n"
        }
      }
      let assessments = Int.random(in: 1...3, using: &rng)
      var jsonAssessments: [String] = []
      y += assessments == 1 ? "    assessment:\n" : "    assessments:\n"
      for a in 0..<assessments {
        let pad = assessments == 1 ? "      " : "        "
        y += (assessments == 1 ? pad : "      - ") + "assessor: Analyst \(a)\n"
        y += "\(pad)date: 202\(a)-0\(a + 1)-1\(a)  # a date\n"
        var af = ["\"assessor\": \"Analyst \(a)\"", "\"date\": \"202\(a)-0\(a + 1)-1\(a)\""]
        if Bool.random(using: &rng) {
          y += "\(pad)note: |-\n\(pad)  Line one.\n\(pad)  Line two: 'quoted'.\n"
          af.append("\"note\": \(q("Line one.\nLine two: 'quoted'."))")
        }
        y += "\(pad)scores:\n"
        var sf: [String] = []
        for c in Self.criteria where Int.random(in: 0..<6, using: &rng) != 0 {
          let likely = Double(Int.random(in: 0...8, using: &rng)) / 2
          switch withRanges ? Int.random(in: 0..<6, using: &rng) : 0 {
          case 1:
            let (l, h) = (max(0, likely - 0.5), min(4, likely + 1))
            y += "\(pad)  \(c): [\(number(l)), \(number(likely)), \(number(h))]\n"
            sf.append("\(q(c)): [\(l), \(likely), \(h)]")
          case 2:
            y += "\(pad)  \(c):\n\(pad)    value: \(number(likely))\n\(pad)    rationale: 'It''s judged so.'\n"
            y += "\(pad)    evidence:\n\(pad)      - Report one\n\(pad)      - \"Report two\"\n"
            sf.append(
              "\(q(c)): {\"value\": \(likely), \"rationale\": \"It's judged so.\", \"evidence\": [\"Report one\", \"Report two\"]}"
            )
          case 3:
            y += "\(pad)  \(c): {likely: \(number(likely)), high: 4}\n"
            sf.append("\(q(c)): {\"likely\": \(likely), \"high\": 4}")
          case 4:
            let (l, h) = (max(0, likely - 0.5), min(4, likely + 0.5))
            y += "\(pad)  \(c): {quantiles: {0.05: \(l), 0.5: \(likely), 0.95: \(h)}}\n"
            sf.append("\(q(c)): {\"quantiles\": [[0.05, \(l)], [0.5, \(likely)], [0.95, \(h)]]}")
          default:
            y += "\(pad)  \(c): \(number(likely))\n"
            sf.append("\(q(c)): \(likely)")
          }
        }
        if sf.isEmpty {
          y += "\(pad)  maturity: 1\n"
          sf.append("\"maturity\": 1")
        }
        af.append("\"scores\": {\(sf.joined(separator: ", "))}")
        if withRanges && Int.random(in: 0..<4, using: &rng) == 0 {
          y += "\(pad)drifts:\n\(pad)  - {criterion: maturity, per_year: 0.2}\n"
          y += "\(pad)  - criterion: military\n\(pad)    change: 1\n\(pad)    years: 5\n"
          af.append(
            "\"drifts\": [{\"criterion\": \"maturity\", \"per_year\": 0.2}, {\"criterion\": \"military\", \"change\": 1, \"years\": 5}]"
          )
        }
        jsonAssessments.append("{\(af.joined(separator: ", "))}")
      }
      fields.append(
        assessments == 1
          ? "\"assessment\": \(jsonAssessments[0])" : "\"assessments\": [\(jsonAssessments.joined(separator: ",\n  "))]"
      )
      j.append("{\(fields.joined(separator: ", "))}")
    }
    yaml = y
    json = "{\"domains\": [\n\(j.joined(separator: ",\n"))\n]}\n"
  }
}
