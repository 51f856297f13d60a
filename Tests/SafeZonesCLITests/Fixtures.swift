/// Input files for the CLI tests, kept as text so tests write them into a `Sandbox` and
/// never depend on the shipped knowledge base while it changes.
enum Fixtures {
  /// The fourteen criterion ids in rubric order, with the shipped axes and weights.
  static let criteria: [(id: String, axis: String, weight: String, floor: String?)] = [
    ("fundamentality", "gains", "1.5", nil),
    ("maturity", "gains", "1.0", nil),
    ("parity", "gains", "1.0", nil),
    ("scale", "gains", "1.0", nil),
    ("spillovers", "gains", "1.0", nil),
    ("recombination", "gains", "1.0", nil),
    ("public_good", "gains", "1.0", nil),
    ("military", "risk", "1.5", "0.6"),
    ("economic", "risk", "1.0", nil),
    ("security_exposure", "risk", "1.5", "0.6"),
    ("dominance", "risk", "0.75", nil),
    ("salience", "risk", "1.0", nil),
    ("stakeholder_support", "mitigation", "1.0", nil),
    ("indifference", "mitigation", "1.0", nil),
  ]

  static var criterionIDs: [String] { criteria.map(\.id) }

  /// A complete, valid rubric with the shipped weights and fixed wording. Every criterion
  /// block looks like
  ///
  ///     - id: parity
  ///       axis: gains
  ///       weight: 1.0
  ///       question: Fixture question about parity?
  ///       levels:
  ///         0: parity level 0
  ///
  /// so tests can edit one line with `replacingOnce`.
  static func rubric(gains: String = "0.5", risk: String = "0.5", margin: String = "0.05") -> String {
    var lines = [
      "# Fixture rubric for the CLI tests.",
      "version: \"fixture-1\"",
      "title: Fixture rubric",
      "countries: [US, CN]",
      "thresholds:",
      "  gains: \(gains)",
      "  risk: \(risk)",
      "  margin: \(margin)",
      "aggregation:",
      "  peak_share: 0.5",
      "  mitigation_strength: 0.4",
      "criteria:",
    ]
    for c in criteria {
      lines.append("  - id: \(c.id)")
      lines.append("    axis: \(c.axis)")
      lines.append("    weight: \(c.weight)")
      if let floor = c.floor { lines.append("    mitigation_floor: \(floor)") }
      lines.append("    question: Fixture question about \(c.id)?")
      lines.append("    levels:")
      for level in 0...4 { lines.append("      \(level): \(c.id) level \(level)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Two user domains: one fully scored with rationales and evidence, one with a range and
  /// missing criteria. Ids do not clash with the shipped knowledge base.
  static let userDomainsYAML = """
    # Fixture: two domains a user might assess.
    domains:
      - id: user-hypersonics
        name: Hypersonic glide vehicles (fixture)
        tags: [fixture, defence]
        assessment:
          assessor: Fixture Analyst
          date: 2026-10-15
          perspective: US
          scores:
            fundamentality: {value: 1, rationale: "Engineering of known physics.", evidence: ["Fixture source A"]}
            maturity: 2
            parity: 3
            scale: 2
            spillovers: 1
            recombination: 1
            public_good: 0
            military: {value: 4, rationale: "A weapons delivery system."}
            economic: 1
            security_exposure: 2
            dominance: 2
            salience: 4
            stakeholder_support: 0
            indifference: 0
      - id: user-fusion
        name: Fusion energy (fixture)
        tags: [fixture, energy]
        assessment:
          assessor: Fixture Analyst
          date: 2026-10-16
          scores:
            fundamentality: [2, 3, 4]
            maturity: 1
            parity: 3
            scale: 4
            spillovers: 3
            public_good: 4
            military: 1
            economic: {low: 1, likely: 2, high: 3, rationale: "Private fusion firms are emerging."}
            security_exposure: 0
            dominance: 1
            salience: 1
            stakeholder_support: 3
    """

  static let userIDs = ["user-hypersonics", "user-fusion"]

  /// The same two domains as JSON.
  static let userDomainsJSON = """
    {
      "domains": [
        {
          "id": "user-hypersonics",
          "name": "Hypersonic glide vehicles (fixture)",
          "tags": ["fixture", "defence"],
          "assessment": {
            "assessor": "Fixture Analyst",
            "date": "2026-10-15",
            "perspective": "US",
            "scores": {
              "fundamentality": {"value": 1, "rationale": "Engineering of known physics.", "evidence": ["Fixture source A"]},
              "maturity": 2, "parity": 3, "scale": 2, "spillovers": 1, "recombination": 1, "public_good": 0,
              "military": {"value": 4, "rationale": "A weapons delivery system."},
              "economic": 1, "security_exposure": 2, "dominance": 2, "salience": 4,
              "stakeholder_support": 0, "indifference": 0
            }
          }
        },
        {
          "id": "user-fusion",
          "name": "Fusion energy (fixture)",
          "tags": ["fixture", "energy"],
          "assessment": {
            "assessor": "Fixture Analyst",
            "date": "2026-10-16",
            "scores": {
              "fundamentality": [2, 3, 4],
              "maturity": 1, "parity": 3, "scale": 4, "spillovers": 3, "public_good": 4, "military": 1,
              "economic": {"low": 1, "likely": 2, "high": 3, "rationale": "Private fusion firms are emerging."},
              "security_exposure": 0, "dominance": 1, "salience": 1, "stakeholder_support": 3
            }
          }
        }
      ]
    }
    """

  /// A copy of quantum encryption as the essay places it (upper left), with rationales, so
  /// the explanation snapshot does not move when the shipped knowledge base is edited.
  static let quantumEncryptionYAML = """
    domains:
      - id: quantum-encryption
        name: Quantum encryption
        tags: [quantum-information-science]
        source: "Beyond specific technologies: quantum encryption in the upper left"
        assessment:
          assessor: Fixture Analyst
          date: 2026-11-01
          scores:
            fundamentality: 1
            maturity: 2
            parity: 2
            scale: 1
            spillovers: 1
            recombination: 1
            public_good: 1
            military: {value: 4, rationale: "Secure military communications.", evidence: ["Fixture citation"]}
            economic: 2
            security_exposure: 4
            dominance: 2
            salience: 3
            stakeholder_support: 1
            indifference: 0
    """

  /// One minimal valid domain whose `scores` block is the last line, for the bad-input
  /// cases that replace a score.
  static func oneDomain(score line: String = "military: 2") -> String {
    """
    domains:
      - id: probe
        name: Probe domain
        assessment:
          assessor: Fixture Analyst
          date: 2026-01-01
          scores:
            \(line)

    """
  }
}
