import Foundation
import SafeZonesCore
import SafeZonesKnowledge

/// Reads a folder in the format of CSET/ETO's Advanced Semiconductor Supply Chain dataset
/// (github.com/georgetown-cset/eto-supply-chain, `data/`) with an assumptions file, and
/// builds the country-level network (`ETONetwork`).
public enum ETOImport {
  public static let files = ["inputs.csv", "stages.csv", "sequence.csv", "providers.csv", "provision.csv"]

  public static func network(folder: String, assumptions: String) throws -> SupplyNetwork {
    let a = try ETOAssumptionsLoader.load(path: assumptions)
    var texts: [String: String] = [:]
    var missing: [InputIssue] = []
    for name in files {
      let path = (folder as NSString).appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: path) else {
        missing.append(
          InputIssue(
            file: path,
            message: tr(
              "not found: --from-eto needs a folder with {files}", ["files": .text(files.joined(separator: ", "))])))
        continue
      }
      texts[name] = try DomainLoader.read(path: path)
    }
    if !missing.isEmpty { throw InputError(missing) }
    do {
      return try ETONetwork.build(
        .init(
          inputs: texts["inputs.csv"]!, stages: texts["stages.csv"]!, sequence: texts["sequence.csv"]!,
          providers: texts["providers.csv"]!, provision: texts["provision.csv"]!), assumptions: a)
    } catch {
      // Name the folder in each file's issues.
      throw InputError(
        error.issues.map { issue in
          var i = issue
          if let f = i.file, !f.contains("/") { i.file = (folder as NSString).appendingPathComponent(f) }
          return i
        })
    }
  }
}
