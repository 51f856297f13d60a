import ArgumentParser
import Foundation
import SafeZonesCore
import SafeZonesKnowledge

struct RubricCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rubric",
    abstract: "Print the rubric in force, or check an organisation's rubric file.")

  @OptionGroup var common: CommonOptions

  @Option(name: .long, help: ArgumentHelp("Validate this rubric file and report every problem.", valueName: "file"))
  var check: String?

  @Flag(name: .long, help: "Print the rubric as YAML (a starting point for your own).")
  var yaml = false

  @Flag(name: .long, help: "Print the rubric in force as JSON (for scripts).")
  var json = false

  func run() throws {
    if let check {
      let rubric = try RubricLoader.load(path: check)
      Output.write(
        "\(check): valid rubric \(rubric.version) (\(rubric.countries), \(rubric.criteria.count) criteria)\n")
      return
    }
    if json {
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(try common.loadRubric()))
      Output.write("\n")
      return
    }
    if yaml {
      guard common.rubric == nil else {
        throw CommandFailure("--yaml prints the shipped rubric; your own file is already YAML")
      }
      Output.write(try KnowledgeBase.rubricText())
      return
    }
    Output.write(RubricText.render(try common.loadRubric()))
  }
}

enum RubricText {
  static func render(_ rubric: Rubric) -> String {
    var out: [String] = []
    out.append("\(rubric.title)")
    out.append("version \(rubric.version) · countries \(rubric.countries)")
    let t = rubric.thresholds
    out.append(
      "thresholds: gains \(Format.number(t.gains)), risk \(Format.number(t.risk)), borderline margin \(Format.number(t.margin))"
    )
    out.append(
      "aggregation: peak share λ = \(Format.number(rubric.aggregation.peakShare)), mitigation strength μ = \(Format.number(rubric.aggregation.mitigationStrength))"
    )
    for axis in Axis.allCases {
      out.append("")
      out.append(axis == .mitigation ? "MITIGATION (lowers risk)" : axis.rawValue.uppercased())
      for c in rubric.criteria(on: axis) {
        var head = "  \(c.id.rawValue) — weight \(Format.number(c.weight))"
        if c.id.isInverse { head += ", inverse (higher lowers gains)" }
        if c.mitigationFloor > 0 { head += ", mitigation floor \(Format.number(c.mitigationFloor))" }
        out.append(head)
        out.append(TextOutput.wrap(c.question, indent: "    "))
        for (level, text) in c.levels.enumerated() {
          out.append(TextOutput.wrap("\(level): \(text)", indent: "      "))
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
