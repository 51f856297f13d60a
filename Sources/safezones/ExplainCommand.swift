import ArgumentParser
import Foundation
import SafeZonesCore
import SafeZonesKnowledge

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Explain why a domain sits where it sits, and what to do about it.")

  @OptionGroup var common: CommonOptions

  @Argument(help: ArgumentHelp("The domain's id (see `safezones domains`).", valueName: "domain"))
  var domain: String

  @Option(
    name: .long, help: ArgumentHelp("Look the domain up in this file instead of the knowledge base.", valueName: "file")
  )
  var file: String?

  @Option(name: .long, help: "Output format: text or json.")
  var format: ExplainFormat = .text

  enum ExplainFormat: String, ExpressibleByArgument { case text, json }

  func run() throws {
    let rubric = try common.loadRubric()
    // Links of a file's domain may point into the shipped knowledge base: `all` has both.
    let (found, all) = try DomainLookup.find(domain, file: file, rubric: rubric)
    let placed = PlacedDomain(domain: found, rubric: rubric)
    let linked = LinkedRisk.entry(for: found.id, in: all, rubric: rubric)
    switch format {
    case .text: Output.write(Explanation.text(placed, rubric: rubric, linked: linked))
    case .json:
      FileHandle.standardOutput.write(try PlacementDocument.json(rubric: rubric, placed: [placed]))
      Output.write("\n")
    }
  }
}
