import Foundation
import SafeZonesCore
import Yams

/// Loads proposals to screen (YAML or JSON): one under `proposal:` or several under
/// `proposals:`, every problem reported with file, line and key.
///
/// ```yaml
/// proposal:
///   id: p-2027-014
///   title: Machine-learned discovery of solid-state electrolytes
///   abstract: "…"
///   aims:
///     - {id: a1, text: "…"}
///   partners:
///     - {name: "…", country: CN}
///   funding: "…"      # optional
///   data: "…"         # optional
///   equipment: "…"    # optional
/// ```
public enum ProposalLoader {
  static let topFields: Set<String> = ["proposal", "proposals"]
  static let proposalFields: Set<String> = [
    "id", "title", "abstract", "aims", "partners", "funding", "data", "equipment",
  ]
  static let aimFields: Set<String> = ["id", "text"]
  static let partnerFields: Set<String> = ["name", "country"]

  public static func load(path: String) throws(InputError) -> [Proposal] {
    try parse(InputFile.read(path), file: path)
  }

  public static func parse(_ text: String, file: String) throws(InputError) -> [Proposal] {
    let root = try NodeReader.parse(text, file: file)
    var reader = NodeReader(file: file)
    guard let fields = reader.mapping(root, "", allowed: topFields) else { throw InputError(reader.issues) }
    var proposals: [Proposal] = []
    var keys: [String] = []
    if fields.isEmpty {
      reader.adopt([
        InputIssue(key: "proposal", message: tr("give one proposal under 'proposal:' or several under 'proposals:'"))
      ])
    }
    for (key, node) in fields {
      if key == "proposal" {
        proposals.append(proposal(node, key, &reader))
        keys.append(key)
      } else if let items = reader.sequence(node, key) {
        for (i, item) in items.enumerated() {
          proposals.append(proposal(item, "\(key)[\(i)]", &reader))
          keys.append("\(key)[\(i)]")
        }
      }
    }
    let readKeys = Set(reader.issues.compactMap(\.key))
    var seen: Set<String> = []
    for (p, key) in zip(proposals, keys) {
      reader.adopt(p.validate(key: key).filter { !TaxonomyLoader.reported($0.key, in: readKeys) })
      if !p.id.isEmpty, !seen.insert(p.id).inserted {
        reader.adopt([
          InputIssue(
            key: "\(key).id", message: tr("'{id}' is the id of another proposal in this file", ["id": .text(p.id)]))
        ])
      }
    }
    if !reader.issues.isEmpty { throw InputError(reader.issuesInFileOrder()) }
    return proposals
  }

  static func proposal(_ node: Node, _ key: String, _ reader: inout NodeReader) -> Proposal {
    var p = Proposal(id: "", title: "")
    guard let fields = reader.mapping(node, key, allowed: proposalFields) else { return p }
    reader.require(["id", "title"], in: fields, at: node, key)
    for (k, v) in fields {
      let childKey = "\(key).\(k)"
      switch k {
      case "id": p.id = reader.text(v, childKey) ?? ""
      case "title": p.title = reader.text(v, childKey) ?? ""
      case "abstract": p.abstract = reader.text(v, childKey) ?? ""
      case "funding": p.funding = reader.text(v, childKey)
      case "data": p.data = reader.text(v, childKey)
      case "equipment": p.equipment = reader.text(v, childKey)
      case "aims":
        guard let items = reader.sequence(v, childKey) else { continue }
        p.aims = items.enumerated().map { i, item in
          let aimKey = "\(childKey)[\(i)]"
          var aim = Proposal.Aim(id: "", text: "")
          guard let aimFields = reader.mapping(item, aimKey, allowed: aimFields) else { return aim }
          reader.require(["id", "text"], in: aimFields, at: item, aimKey)
          for (ak, av) in aimFields {
            if ak == "id" {
              aim.id = reader.text(av, "\(aimKey).id") ?? ""
            } else {
              aim.text = reader.text(av, "\(aimKey).text") ?? ""
            }
          }
          return aim
        }
      default:
        guard let items = reader.sequence(v, childKey) else { continue }
        p.partners = items.enumerated().map { i, item in
          let partnerKey = "\(childKey)[\(i)]"
          var partner = Proposal.Partner(name: "")
          guard let pf = reader.mapping(item, partnerKey, allowed: partnerFields) else { return partner }
          reader.require(["name"], in: pf, at: item, partnerKey)
          for (pk, pv) in pf {
            if pk == "name" {
              partner.name = reader.text(pv, "\(partnerKey).name") ?? ""
            } else {
              partner.country = reader.text(pv, "\(partnerKey).country")
            }
          }
          return partner
        }
      }
    }
    return p
  }
}
