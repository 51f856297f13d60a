import Foundation
import Testing

/// `safezones sensitivity` and the uncertainty layer of `map` and `assess`, run through the
/// real binary.
@Suite("safezones sensitivity and uncertainty maps")
struct SensitivityCommandTests {
  /// A domain judged by two assessors from each side, with ranges and quantiles on which
  /// they disagree.
  static let panelYAML = """
    domains:
      - id: panel-materials
        name: Panel materials (fixture)
        assessments:
          - assessor: US Analyst
            date: 2026-03-01
            perspective: US
            scores:
              fundamentality: [2, 3, 4]
              maturity: 2
              parity: 3
              scale: 2
              spillovers: 3
              recombination: 2
              public_good: 3
              military: [1, 2, 3]
              economic: 2
              security_exposure: 1
              dominance: 1
              salience: 2
              stakeholder_support: 2
              indifference: 2
          - assessor: CN Analyst
            date: 2026-03-02
            perspective: CN
            scores:
              fundamentality: 3
              maturity: 2
              parity: 3
              scale: 2
              spillovers: 3
              recombination: 2
              public_good: 3
              military: {quantiles: {0.05: 2.5, 0.5: 3.2, 0.95: 4}}
              economic: 2
              security_exposure: 2
              dominance: 1
              salience: [2, 3, 4]
              stakeholder_support: 2
              indifference: 2
    """

  @Test(
    "the text shows probabilities, a character tornado widest first with the quadrant at each end, importance and viability"
  )
  func text() throws {
    // act
    let result = try run(["sensitivity", "advanced-materials", "--samples", "4000"])
    // check
    expectSuccess(result)
    let out = result.stdout
    #expect(out.hasPrefix("Sensitivity of Advanced materials (advanced-materials)\n"))
    #expect(out.contains("4000 samples · seed 1 · linear pool of 1 assessor"))
    #expect(out.contains("P(safe-zone) "))
    #expect(out.contains("Most likely: "))
    let lines = out.split(separator: "\n").map(String.init)
    let header = try #require(lines.firstIndex { $0.hasPrefix("criterion ") && $0.contains("change from the median") })
    // The widest bar first: military applicability sweeps risk across the threshold.
    let first = lines[header + 2]
    #expect(first.hasPrefix("Military applicability"))
    #expect(first.contains("safe-zone → political-engineering  (crosses a threshold)"))
    #expect(first.contains("-|+") || first.contains("-:+") || first.contains("|"))
    #expect(first.contains("-") && first.contains("+"))
    #expect(out.contains("Evidence on military applicability could move the domain to another quadrant."))
    #expect(out.contains("Judged with certainty (no sweep): "))
    #expect(out.contains("Importance: Spearman rank correlation"))
    #expect(out.contains("Viability per perspective"))
    #expect(
      out.contains(
        "Viability not known yet: no assessment from the US side yet; no assessment from the CN side yet."))
    // One assessor: no leave-one-out section.
    #expect(!out.contains("Assessor influence"))
    #expect(result.stderr.isEmpty)
  }

  @Test(
    "--format json carries probabilities summing to 1, the tornado widest first, the median and viability; the seed fixes it"
  )
  func json() throws {
    // act
    let a = try run(["sensitivity", "advanced-materials", "--samples", "2000", "--seed", "7", "--format", "json"])
    let b = try run(["sensitivity", "advanced-materials", "--samples", "2000", "--seed", "7", "--format", "json"])
    // check
    expectSuccess(a)
    #expect(a.stdout == b.stdout, "same seed, same output")
    let doc = jsonObject(a.stdout)
    #expect(doc["id"] as? String == "advanced-materials")
    #expect(doc["samples"] as? Int == 2000)
    #expect(doc["seed"] as? Int == 7)
    #expect(doc["pool"] as? String == "linear")
    let placement = try #require(doc["placement"] as? [String: Any])
    let probabilities = try #require(placement["probabilities"] as? [String: Double])
    #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-3)
    #expect(placement["importance"] is [String: Any])
    let tornado = try #require(doc["tornado"] as? [[String: Any]])
    let swings = tornado.compactMap { $0["swing"] as? Double }
    #expect(swings.count == tornado.count && swings == swings.sorted(by: >))
    #expect(tornado.first?["criterion"] as? String == "military")
    #expect(tornado.first?["quadrants"] as? [String] == ["safe-zone", "political-engineering"])
    let median = try #require(doc["median"] as? [String: Any])
    #expect(median["gains"] is Double && median["risk"] is Double)
    let viability = try #require(doc["viability"] as? [String: Any])
    #expect(viability["viable"] as? Bool == false)
    #expect((doc["influence"] as? [Any])?.isEmpty == true)
  }

  @Test("--out writes the tornado as SVG and still prints the text")
  func out() throws {
    let box = try Sandbox()
    // act
    let result = try box.run(["sensitivity", "advanced-materials", "--samples", "1000", "--out", "tornado.svg"])
    // check
    expectSuccess(result)
    #expect(result.stdout.hasPrefix("Sensitivity of Advanced materials"))
    #expect(result.stderr.contains("wrote tornado.svg"))
    let svg = try box.read("tornado.svg")
    #expect(isWellFormedXML(svg))
    #expect(svg.contains("class=\"tornado\""))
    #expect(svg.contains("What moves Advanced materials"))
    #expect(svg.contains("data-criterion=\"military\""))
    #expect(svg.contains("data-crosses=\"true\""))
  }

  @Test("several assessors: their influence, each perspective and viability from both sides; quantiles are fitted")
  func panel() throws {
    let box = try Sandbox()
    try box.write("panel.yaml", Self.panelYAML)
    // act
    let text = try box.run(["sensitivity", "panel-materials", "--file", "panel.yaml", "--samples", "2000"])
    let json = try box.run([
      "sensitivity", "panel-materials", "--file", "panel.yaml", "--samples", "2000", "--format", "json",
    ])
    // check
    expectSuccess(text)
    #expect(text.stdout.contains("linear pool of 2 assessors: US Analyst, CN Analyst"))
    #expect(text.stdout.contains("Assessor influence: leave each assessor out"))
    let influence = text.stdout.split(separator: "\n").filter {
      $0.hasPrefix("US Analyst ") || $0.hasPrefix("CN Analyst ")
    }
    #expect(influence.count == 2)
    expectSuccess(json)
    let doc = jsonObject(json.stdout)
    let perspectives = try #require((doc["viability"] as? [String: Any])?["perspectives"] as? [[String: Any]])
    #expect(Set(perspectives.compactMap { $0["perspective"] as? String }) == ["CN", "US"])
    #expect((doc["influence"] as? [[String: Any]])?.count == 2)
  }

  @Test("an unknown domain, a bad pool and bad options exit 2 with one message")
  func errors() throws {
    let unknown = expectInputError(try run(["sensitivity", "no-such-domain"]))
    #expect(unknown.contains("unknown domain 'no-such-domain'"))
    let near = expectInputError(try run(["sensitivity", "materials"]))
    #expect(near.contains("did you mean advanced-materials"))
    let box = try Sandbox()
    try box.write("panel.yaml", Self.panelYAML)
    let wrongFile = expectInputError(try box.run(["sensitivity", "advanced-materials", "--file", "panel.yaml"]))
    #expect(wrongFile.contains("the file defines panel-materials"))
    // Usage errors: ArgumentParser's message with the usage line, exit 2.
    for args in [["--samples", "5"], ["--pool", "median"], ["--format", "yaml"]] {
      let usage = try run(["sensitivity", "advanced-materials"] + args)
      #expect(usage.status == 2, "\(usage)")
      #expect(usage.stdout.isEmpty)
      expectNoCrash(usage)
    }
  }

  // MARK: - Maps

  @Test("map --uncertainty draws ellipses and colours by P(safe zone), the same for the same seed")
  func mapUncertainty() throws {
    let box = try Sandbox()
    // act
    let result = try box.run(["map", "--uncertainty", "--samples", "1000", "--seed", "3", "--out", "map.svg"])
    let again = try box.run(["map", "--uncertainty", "--samples", "1000", "--seed", "3", "--out", "again.svg"])
    let plain = try box.run(["map", "--out", "plain.svg"])
    // check
    expectSuccess(result)
    expectSuccess(again)
    #expect(result.stderr.contains("with a 90% ellipse; "))
    let svg = try box.read("map.svg")
    #expect(isWellFormedXML(svg))
    #expect(svg == (try box.read("again.svg")))
    #expect(svg.contains("<ellipse class=\"ellipse\""))
    #expect(svg.contains("P(safe zone) 80–100%"))
    let points = svg.components(separatedBy: "class=\"domain\"").count - 1
    let probabilities = svg.components(separatedBy: "data-p-safe=").count - 1
    #expect(points > 20)
    // Each point carries it, and so does each uncertainty mark.
    #expect(probabilities == 2 * points)
    // The listing on stdout is unchanged.
    #expect(result.stdout == plain.stdout)
    #expect(!(try box.read("plain.svg")).contains("<ellipse"))
  }

  @Test("map --uncertainty needs --out, and --samples needs --uncertainty")
  func mapUncertaintyUsage() throws {
    let noOut = try run(["map", "--uncertainty"])
    #expect(noOut.status == 2 && noOut.stderr.contains("--uncertainty draws on the map: add --out map.svg"), "\(noOut)")
    let noFlag = try run(["map", "--samples", "500", "--out", "/tmp/x.svg"])
    #expect(noFlag.status == 2 && noFlag.stderr.contains("--samples and --seed go with --uncertainty"), "\(noFlag)")
  }

  @Test("assess --samples --out draws the file's domains with ellipses, coloured by P(safe zone)")
  func assessMap() throws {
    let box = try Sandbox()
    try box.write("panel.yaml", Self.panelYAML)
    // act
    let result = try box.run(["assess", "panel.yaml", "--samples", "2000", "--out", "map.svg", "--only"])
    // check
    expectSuccess(result)
    #expect(result.stdout.contains("P(safe)"))
    let svg = try box.read("map.svg")
    #expect(isWellFormedXML(svg))
    #expect(svg.contains("data-id=\"panel-materials\" data-p-safe="))
    #expect(svg.contains("<ellipse class=\"ellipse\""))
    #expect(svg.contains("Probabilities: safe zone "))
  }

  @Test("assess --samples: a domain with criteria left out says how many, as the plain table does")
  func assessSamplesMissing() throws {
    let box = try Sandbox()
    try box.write(
      "partial.yaml",
      """
      domains:
        - id: partial
          name: Partial
          assessment:
            assessor: A
            date: 2026-10-01
            scores:
              fundamentality: {quantiles: {0.25: 1, 0.75: 3}}
              military: 1
      """)
    // act
    let plain = try box.run(["assess", "partial.yaml"])
    let sampled = try box.run(["assess", "partial.yaml", "--samples", "1000"])
    // check
    expectSuccess(plain)
    expectSuccess(sampled)
    #expect(plain.stdout.contains("missing 12"), "\(plain.stdout)")
    #expect(sampled.stdout.contains("missing 12"), "\(sampled.stdout)")
  }
}
