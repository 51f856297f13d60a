import Foundation
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesTestSupport

@testable import SafeZonesCharts

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element, enough to query the SVG's structure.
final class XMLNode {
  let name: String
  let attributes: [String: String]
  var children: [XMLNode] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  /// This element and every descendant, in document order.
  var all: [XMLNode] { [self] + children.flatMap(\.all) }

  var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

  /// The text of this element and its descendants.
  var fullText: String { text + children.map(\.fullText).joined() }

  func descendants(_ name: String, class cls: String? = nil) -> [XMLNode] {
    all.filter { $0.name == name && (cls == nil || $0.classes.contains(cls!)) }
  }
}

/// Parses XML with Foundation's parser; `nil` when the document is not well-formed.
func parseXML(_ text: String) -> XMLNode? {
  final class Builder: NSObject, XMLParserDelegate {
    var stack: [XMLNode] = []
    var root: XMLNode?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
      attributes attributeDict: [String: String] = [:]
    ) {
      let node = XMLNode(name: elementName, attributes: attributeDict)
      if let parent = stack.last { parent.children.append(node) } else { root = node }
      stack.append(node)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
      stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
  }
  let parser = XMLParser(data: Data(text.utf8))
  let builder = Builder()
  parser.delegate = builder
  guard parser.parse() else { return nil }
  return builder.root
}

enum Fixtures {
  /// A fixed rubric, so that snapshots do not depend on the shipped rubric file.
  static let rubric = Rubric(version: "test-1", countries: .usChina, criteria: [])

  /// Hand-made points: every quadrant, ranges, a borderline point, user points, a long
  /// name and an HTML-hostile one.
  static let points: [MapPoint] = [
    MapPoint(id: "radio-astronomy", label: "Radio astronomy", gains: 0.78, risk: 0.12, quadrant: .safeZone),
    MapPoint(
      id: "gravitational-waves", label: "Gravitational waves", gains: 0.84, risk: 0.18, gainsRange: 0.7...0.93,
      riskRange: 0.08...0.33, quadrant: .safeZone),
    MapPoint(
      id: "carbon-capture", label: "Carbon capture and sequestration", gains: 0.74, risk: 0.62,
      quadrant: .politicalEngineering),
    MapPoint(
      id: "artificial-intelligence", label: "Artificial intelligence", gains: 0.7, risk: 0.85,
      quadrant: .politicalEngineering),
    MapPoint(id: "missile-guidance", label: "Missile guidance", gains: 0.2, risk: 0.92, quadrant: .monitor),
    MapPoint(
      id: "telecommunications-equipment", label: "Telecommunications equipment", gains: 0.3, risk: 0.7,
      riskRange: 0.6...0.8, quadrant: .monitor),
    MapPoint(id: "wind-energy", label: "Wind energy", gains: 0.3, risk: 0.2, quadrant: .traditional),
    MapPoint(
      id: "ppe", label: "Personal protective equipment and ventilators", gains: 0.42, risk: 0.35, quadrant: .traditional
    ),
    MapPoint(
      id: "lithium-batteries", label: "Lithium-based batteries", gains: 0.53, risk: 0.54,
      quadrant: .politicalEngineering,
      borderline: true),
    MapPoint(
      id: "ocean-sensors", label: "Our lab's ocean sensors", gains: 0.62, risk: 0.3, gainsRange: 0.55...0.7,
      quadrant: .safeZone, group: .user),
    MapPoint(
      id: "x\"><script>", label: "<script>alert(1)</script>", gains: 0.15, risk: 0.6, quadrant: .monitor,
      borderline: false,
      group: .user),
  ]

  /// `count` synthetic domains scored on the shipped rubric.
  static func synthetic(_ count: Int, seed: UInt64 = 42) throws -> (points: [MapPoint], rubric: Rubric) {
    let rubric = try KnowledgeBase.rubric()
    var rng = SplitMix64(seed: seed)
    let domains = Synthetic.domains(count: count, rubric: rubric, using: &rng)
    return (domains.map { MapPoint(PlacedDomain(domain: $0, rubric: rubric)) }, rubric)
  }
}

/// Every way the layout breaks the no-overlap rules, as readable messages.
func layoutViolations(_ layout: MapLayout) -> [String] {
  var problems: [String] = []
  let labelled = layout.labels.enumerated().compactMap { i, l in l.map { (i, $0) } }
  for (a, (i, la)) in labelled.enumerated() {
    if !layout.plot.contains(la.box) { problems.append("label of \(i) leaves the plot") }
    for (j, lb) in labelled[(a + 1)...] where la.box.intersects(lb.box) {
      problems.append("labels of \(i) and \(j) overlap")
    }
    for (j, m) in layout.markers.enumerated() where la.box.intersects(m) {
      problems.append("label of \(i) covers the marker of \(j)")
    }
    for name in layout.quadrantNames {
      if let box = name.box, box.intersects(la.box) {
        problems.append("label of \(i) covers the name of \(name.quadrant)")
      }
    }
    // Leaders of names stay clear of other labels (numbers in dense clusters may cross).
    if la.kind == .name, let leader = la.leader {
      for (j, lb) in labelled where j != i && leader.intersects(lb.box) {
        problems.append("leader of \(i) crosses the label of \(j)")
      }
    }
  }
  return problems
}
