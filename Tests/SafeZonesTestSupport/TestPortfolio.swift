import Foundation

/// The small portfolios the simulation tests load, written from one description so that a
/// test states only what it changes.
public enum TestPortfolio {
  /// One collaboration of a portfolio file.
  public struct Collaboration: Sendable {
    public var id: String
    public var name: String
    public var domains: [String]
    public var value: Double
    public var budget: Double
    public var buffer: Double?
    public var structure: String?

    public init(
      id: String, name: String, domains: [String], value: Double, budget: Double, buffer: Double? = nil,
      structure: String? = nil
    ) {
      self.id = id
      self.name = name
      self.domains = domains
      self.value = value
      self.budget = budget
      self.buffer = buffer
      self.structure = structure
    }

    /// The same collaboration with another budget.
    public func budget(_ budget: Double) -> Collaboration {
      var copy = self
      copy.budget = budget
      return copy
    }

    /// The same collaboration with another buffer.
    public func buffer(_ buffer: Double) -> Collaboration {
      var copy = self
      copy.buffer = buffer
      return copy
    }
  }

  /// A large facility in fundamental physics: the essay's safe zone.
  public static let neutrino = Collaboration(
    id: "neutrino", name: "Neutrino observatory", domains: ["neutrino-physics", "particle-physics"], value: 12,
    budget: 30, buffer: 3)
  /// A dialogue in a high-risk field.
  public static let aiDialogue = Collaboration(
    id: "ai-dialogue", name: "AI safety dialogue", domains: ["artificial-intelligence"], value: 9, budget: 10)
  /// The essay's political-engineering example, run separately but coordinated.
  public static let carbonCapture = Collaboration(
    id: "ccs", name: "Carbon capture", domains: ["carbon-capture"], value: 10, budget: 20, buffer: 2,
    structure: "separate-but-coordinated")

  /// The portfolio file (`docs/simulation.md`) with these values.
  public static func yaml(
    name: String, budget: Double, horizon: Int, riskAppetite: Double, collaborations: [Collaboration]
  ) -> String {
    func number(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }
    var lines = [
      "portfolio:", "  name: \(name)", "  budget: \(number(budget))", "  horizon: \(horizon)",
      "  risk_appetite: \(number(riskAppetite))", "collaborations:",
    ]
    for c in collaborations {
      lines += [
        "  - id: \(c.id)", "    name: \(c.name)", "    domains: [\(c.domains.joined(separator: ", "))]",
        "    value: \(number(c.value))", "    budget: \(number(c.budget))",
      ]
      if let buffer = c.buffer { lines.append("    buffer: \(number(buffer))") }
      if let structure = c.structure { lines.append("    structure: \(structure)") }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
