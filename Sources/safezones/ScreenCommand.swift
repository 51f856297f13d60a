import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge

/// Screens proposed collaborations: the domains and technology categories each aim touches,
/// its placement, the proposal's placement set by its most sensitive aim, actions and checks.
struct ScreenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen",
    abstract: "Screen a proposal (or several): domains and categories per aim, placement, actions, checks.",
    discussion: """
      FILE holds one proposal under 'proposal:' or several under 'proposals:' (YAML or JSON; \\
      docs/screening.md). Matching is offline and explained: every domain and category comes with \\
      the words that matched. When nothing matches an aim well, the screening says so instead of \\
      guessing.
      """)

  @Argument(help: ArgumentHelp("The proposal file.", valueName: "file"))
  var file: String

  @Option(name: .long, help: "Output format: text or json.")
  var format: Format = .text

  @OptionGroup var common: CommonOptions

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  struct Document: Encodable { var proposals: [ProposalScreening] }

  func run() throws {
    let proposals = try ProposalLoader.load(path: file)
    let rubric = try common.loadRubric()
    let placed = Output.placed(try KnowledgeBase.domains(), rubric: rubric)
    let screener = try ProposalScreener(placed: placed, rubric: rubric, taxonomies: try KnowledgeBase.taxonomies())
    let screenings = proposals.map(screener.screen)
    switch format {
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(Document(proposals: screenings)))
      Output.write("\n")
    case .text:
      Output.write(screenings.map(Self.text).joined(separator: "\n"))
    }
  }

  static func matches(_ list: [ScreeningMatch]) -> String {
    list.map { m in
      "\(m.taxonomy.map { "\($0)/" } ?? "")\(m.id) (\(SafeZonesCore.Format.fixed(m.score, digits: 2)); matched: \(m.matchedTerms.joined(separator: ", ")))"
    }.joined(separator: "; ")
  }

  static func text(_ s: ProposalScreening) -> String {
    let f = { (v: Double) in SafeZonesCore.Format.fixed(v) }
    var out = "Proposal \(s.id): \(s.title)\n"
    if let o = s.overall {
      out +=
        "Overall: \(o.quadrant.rawValue) (gains \(f(o.gains)), risk \(f(o.risk))), set by its most sensitive aim, \(o.mostSensitiveAim)\n"
    } else {
      out += "Overall: not placed — no domain matched any aim well enough (the screening does not guess)\n"
    }
    if let strategy = s.strategy { out += "Strategy: \(strategy)\n" }
    out += "\nAims\n"
    for aim in s.aims {
      if let p = aim.placement {
        out +=
          "  \(aim.id): \(p.quadrant.rawValue) (gains \(f(p.gains)), risk \(f(p.risk)); the matched domains' risk runs \(f(p.riskRange[0]))–\(f(p.riskRange[1])))\n"
      } else {
        out += "  \(aim.id): not placed — no domain matched it well\n"
      }
      if !aim.domains.isEmpty { out += "    domains: \(matches(aim.domains))\n" }
      if !aim.categories.isEmpty { out += "    categories: \(matches(aim.categories))\n" }
    }
    out += "\nThe whole proposal\n"
    out += "  domains: \(s.domains.isEmpty ? "none matched well" : matches(s.domains))\n"
    out += "  categories: \(s.categories.isEmpty ? "none matched well" : matches(s.categories))\n"
    if !s.partners.isEmpty {
      out +=
        "  partners: \(s.partners.map { "\($0.name)\($0.country.map { " (\($0))" } ?? "")" }.joined(separator: "; "))\n"
    }
    if !s.actions.isEmpty { out += "\nActions\n" + s.actions.map { "  - \($0)\n" }.joined() }
    if !s.checks.isEmpty { out += "\nCheck next\n" + s.checks.map { "  - \($0)\n" }.joined() }
    return out
  }
}
