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
        tr(
          "{file}: valid rubric {version} ({pair}, {count} criteria)",
          [
            "file": .text(check), "version": .text(rubric.version), "pair": .text("\(rubric.countries)"),
            "count": .text(String(rubric.criteria.count)),
          ]) + "\n")
      return
    }
    if json {
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(try common.loadRubric()))
      Output.write("\n")
      return
    }
    if yaml {
      guard common.rubric == nil else {
        throw CommandFailure(tr("--yaml prints the shipped rubric; your own file is already YAML"))
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
    // The shipped rubric's title and words in the language in view; a custom rubric's as written.
    out.append(
      rubric.title == "SafeZones rubric after \"Finding Safe Zones for Science\""
        ? tr("SafeZones rubric after \"Finding Safe Zones for Science\"") : rubric.title)
    out.append(
      tr(
        "version {version} · countries {pair}",
        ["version": .text(rubric.version), "pair": .text(rubric.countries.displayName)]))
    let t = rubric.thresholds
    out.append(
      tr(
        "thresholds: gains {gains}, risk {risk}, borderline margin {margin}",
        [
          "gains": .text(Format.number(t.gains)), "risk": .text(Format.number(t.risk)),
          "margin": .text(Format.number(t.margin)),
        ]))
    out.append(
      tr(
        "aggregation: peak share λ = {lambda}, mitigation strength μ = {mu}",
        [
          "lambda": .text(Format.number(rubric.aggregation.peakShare)),
          "mu": .text(Format.number(rubric.aggregation.mitigationStrength)),
        ]))
    for axis in Axis.allCases {
      out.append("")
      switch axis {
      case .gains: out.append(tr("GAINS"))
      case .risk: out.append(tr("RISK"))
      case .mitigation: out.append(tr("MITIGATION (lowers risk)"))
      }
      for c in rubric.criteria(on: axis) {
        var head =
          "  "
          + tr(
            "{criterion} — weight {weight}",
            ["criterion": .text(c.id.rawValue), "weight": .text(Format.number(c.weight))])
        if c.id.isInverse { head += tr(", inverse (higher lowers gains)") }
        if c.mitigationFloor > 0 {
          head += tr(", mitigation floor {floor}", ["floor": .text(Format.number(c.mitigationFloor))])
        }
        out.append(head)
        out.append(
          TextOutput.wrap(Localization.shipped("criterion.\(c.id.rawValue).question", c.question), indent: "    "))
        for (level, text) in c.levels.enumerated() {
          out.append(
            TextOutput.wrap(
              "\(level): \(Localization.shipped("criterion.\(c.id.rawValue).level.\(level)", text))", indent: "      "))
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
