import Foundation

/// Builds a country-level supply network from tables in the format of CSET/ETO's Advanced
/// Semiconductor Supply Chain dataset (`inputs.csv`, `stages.csv`, `sequence.csv`,
/// `providers.csv`, `provision.csv`) and the user's assumptions about stocks, recovery and
/// demand, which the dataset does not hold.
///
/// - Each input the dataset lists becomes a part. A part that is "a type of" another is
///   needed wherever its parent is (a fab that needs lithography tools needs each type).
/// - Each country providing a part with a market share becomes a node producing it, its
///   normal flow being its share (shares of countries, normalised to sum to 1) of what the
///   final demand needs of that part. A process without shares of its own takes its
///   stage's; a part whose providers are listed without shares is split evenly among them;
///   a part nobody is listed for becomes one node of country `unknown`.
/// - "X goes into Y" means each unit of Y needs one unit of X. Every node of X supplies
///   every node of Y.
/// - The ultimate output (type `ultimate_output`) is one node with the final demand.
/// - Inventory is `inventory_days` of the node's normal flow; capacity is
///   `capacity_slack` × the normal flow; the recovery is the most specific `ttr_days`
///   (the input's, then the country's, then the default).
public enum ETONetwork {
  /// The user's overlay.
  public struct Assumptions: Sendable, Equatable {
    public struct Values: Sendable, Equatable {
      public var inventoryDays: Double?
      public var ttr: SupplyNetwork.Recovery?
      public var capacitySlack: Double?
      public init(inventoryDays: Double? = nil, ttr: SupplyNetwork.Recovery? = nil, capacitySlack: Double? = nil) {
        self.inventoryDays = inventoryDays
        self.ttr = ttr
        self.capacitySlack = capacitySlack
      }
    }
    public var name: String
    public var horizonDays: Double
    public var demandPerDay: Double
    public var defaults: Values
    /// By the dataset's input or stage id.
    public var inputs: [String: Values]
    /// By ISO 3166-1 alpha-2 code (or `Various`, `unknown`).
    public var countries: [String: Values]
    public var scenarios: [SupplyNetwork.ScenarioSpec]
    public init(
      name: String = "Advanced semiconductor supply chain (ETO dataset)", horizonDays: Double = 730,
      demandPerDay: Double = 100,
      defaults: Values = Values(inventoryDays: 30, ttr: .init(days: 90), capacitySlack: 1.2),
      inputs: [String: Values] = [:], countries: [String: Values] = [:], scenarios: [SupplyNetwork.ScenarioSpec] = []
    ) {
      self.name = name
      self.horizonDays = horizonDays
      self.demandPerDay = demandPerDay
      self.defaults = defaults
      self.inputs = inputs
      self.countries = countries
      self.scenarios = scenarios
    }
  }

  /// The dataset's tables as text, by file name.
  public struct Tables: Sendable {
    public var inputs: String
    public var stages: String
    public var sequence: String
    public var providers: String
    public var provision: String
    public init(inputs: String, stages: String, sequence: String, providers: String, provision: String) {
      self.inputs = inputs
      self.stages = stages
      self.sequence = sequence
      self.providers = providers
      self.provision = provision
    }
  }

  /// ISO alpha-3 (and the dataset's own `MAL`) to alpha-2, for the countries the dataset
  /// names; a code not here is kept as written.
  static let alpha2: [String: String] = [
    "USA": "US", "CHN": "CN", "TWN": "TW", "KOR": "KR", "JPN": "JP", "NLD": "NL", "DEU": "DE", "GBR": "GB",
    "FRA": "FR", "ISR": "IL", "SGP": "SG", "MYS": "MY", "MAL": "MY", "IND": "IN", "IRL": "IE", "CHE": "CH",
    "AUT": "AT", "BEL": "BE", "ITA": "IT", "CAN": "CA", "RUS": "RU", "UKR": "UA", "PHL": "PH", "THA": "TH",
    "VNM": "VN", "SWE": "SE", "FIN": "FI", "DNK": "DK", "NOR": "NO", "ESP": "ES", "AUS": "AU", "HKG": "HK",
    "IDN": "ID", "MEX": "MX", "BRA": "BR", "CZE": "CZ", "POL": "PL", "HUN": "HU", "SAU": "SA", "ARE": "AE",
  ]

  /// Reads a table: a header row and rows of fields by column name, each with its line;
  /// a missing column is an issue naming the file.
  static func table(
    _ text: String, file: String, columns: [String], issues: inout [InputIssue]
  ) -> [(
    line: Int, fields: [String: String]
  )] {
    let rows = CSVRows.parse(text).filter { !($0.fields.count == 1 && $0.fields[0].isEmpty) }
    guard let header = rows.first else {
      issues.append(InputIssue(file: file, message: tr("is empty; expected a header row")))
      return []
    }
    let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    let missing = columns.filter { !names.contains($0) }
    if !missing.isEmpty {
      issues.append(
        InputIssue(
          file: file, line: header.line,
          message: missing.count == 1
            ? tr("lacks the column {columns}", ["columns": .text(missing.joined(separator: ", "))])
            : tr("lacks the columns {columns}", ["columns": .text(missing.joined(separator: ", "))])))
      return []
    }
    return rows.dropFirst().map { row in
      var fields: [String: String] = [:]
      for (i, name) in names.enumerated() where i < row.fields.count {
        fields[name] = row.fields[i].trimmingCharacters(in: .whitespaces)
      }
      return (row.line, fields)
    }
  }

  public static func build(_ t: Tables, assumptions a: Assumptions) throws(InputError) -> SupplyNetwork {
    var issues: [InputIssue] = []
    let inputs = table(
      t.inputs, file: "inputs.csv", columns: ["input_id", "input_name", "type", "stage_id"], issues: &issues)
    let stages = table(t.stages, file: "stages.csv", columns: ["stage_id", "stage_name"], issues: &issues)
    let sequence = table(
      t.sequence, file: "sequence.csv", columns: ["input_id", "goes_into_id", "is_type_of_id"], issues: &issues)
    let providers = table(
      t.providers, file: "providers.csv", columns: ["provider_id", "provider_type"], issues: &issues)
    let provision = table(
      t.provision, file: "provision.csv", columns: ["provider_id", "provided_id", "share_provided"], issues: &issues)
    if !issues.isEmpty { throw InputError(issues) }

    var names: [String: String] = [:]
    var stageOf: [String: String] = [:]
    var order: [String] = []
    var finals: [String] = []
    for (_, f) in inputs {
      guard let id = f["input_id"], !id.isEmpty else { continue }
      if names[id] == nil { order.append(id) }
      names[id] = f["input_name"] ?? id
      if let s = f["stage_id"], !s.isEmpty { stageOf[id] = s }
      if f["type"] == "ultimate_output" { finals.append(id) }
    }
    for (_, f) in stages { if let id = f["stage_id"] { names[id] = names[id] ?? f["stage_name"] ?? id } }
    guard finals.count == 1, let final = finals.first else {
      throw InputError(
        InputIssue(
          file: "inputs.csv",
          message: tr(
            "expected one input of type ultimate_output, found {count}", ["count": .text(String(finals.count))])))
    }
    // Structure: what goes into what, and subtypes.
    var into: [String: [String]] = [:]
    var subtypes: [String: [String]] = [:]
    for (line, f) in sequence {
      guard let a = f["input_id"], !a.isEmpty, names[a] != nil else {
        issues.append(
          InputIssue(
            file: "sequence.csv", line: line,
            message: tr("names an input not in inputs.csv: '{id}'", ["id": .text(f["input_id"] ?? "")])))
        continue
      }
      if let b = f["goes_into_id"], !b.isEmpty {
        guard names[b] != nil else {
          issues.append(
            InputIssue(
              file: "sequence.csv", line: line,
              message: tr("goes_into_id '{id}' is not in inputs.csv", ["id": .text(b)])))
          continue
        }
        if !(into[b] ?? []).contains(a) { into[b, default: []].append(a) }
      }
      if let p = f["is_type_of_id"], !p.isEmpty {
        guard names[p] != nil else {
          issues.append(
            InputIssue(
              file: "sequence.csv", line: line,
              message: tr("is_type_of_id '{id}' is not in inputs.csv", ["id": .text(p)])))
          continue
        }
        if !(subtypes[p] ?? []).contains(a) { subtypes[p, default: []].append(a) }
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    // A part with subtypes is needed as each of its subtypes (recursively).
    func expand(_ id: String, _ seen: Set<String> = []) -> [String] {
      guard let subs = subtypes[id], !subs.isEmpty, !seen.contains(id) else { return [id] }
      return subs.flatMap { expand($0, seen.union([id])) }
    }
    var needs: [String: [String]] = [:]
    for (b, parts) in into {
      var list: [String] = []
      for p in parts.flatMap({ expand($0) }) where !list.contains(p) { list.append(p) }
      needs[b] = list
    }
    // Tiers: the longest path from the final output.
    var tier: [String: Int] = [final: 0]
    var visiting: Set<String> = []
    func walk(_ b: String) throws(InputError) {
      guard visiting.insert(b).inserted else {
        throw InputError(
          InputIssue(file: "sequence.csv", message: tr("the inputs form a cycle through '{id}'", ["id": .text(b)])))
      }
      defer { visiting.remove(b) }
      for a in needs[b] ?? [] {
        tier[a] = max(tier[a] ?? 0, tier[b]! + 1)
        try walk(a)
      }
    }
    try walk(final)
    // Units of each part per final unit: summed over every path to the final output.
    var memo: [String: Double] = [:]
    func perFinal(_ part: String, _ stack: Set<String> = []) -> Double {
      if part == final { return 1 }
      if let m = memo[part] { return m }
      var total = 0.0
      for (b, parts) in needs where parts.contains(part) && !stack.contains(b) {
        total += perFinal(b, stack.union([part]))
      }
      memo[part] = total
      return total
    }
    var required: [String: Double] = [:]
    for part in tier.keys { required[part] = perFinal(part) }

    // Country shares per provided id.
    var kind: [String: String] = [:]
    for (_, f) in providers { if let id = f["provider_id"] { kind[id] = f["provider_type"] } }
    var shares: [String: [(country: String, share: Double?)]] = [:]
    var seenRows: Set<String> = []
    for (line, f) in provision {
      guard let pid = f["provider_id"], let what = f["provided_id"], !what.isEmpty else { continue }
      // The dataset repeats a row now and then: a provider counts once per item.
      guard kind[pid] == "country", seenRows.insert("\(pid)|\(what)").inserted else { continue }
      if (f["negligible_market_share"] ?? "").lowercased() == "negligible" { continue }
      let name = f["provider_name"] ?? pid
      let country = alpha2[name] ?? name
      var share: Double?
      if let text = f["share_provided"], !text.isEmpty {
        let digits = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let v = Double(digits), v >= 0 else {
          issues.append(
            InputIssue(
              file: "provision.csv", line: line, key: "share_provided",
              message: tr("expected a share such as 45%, got '{text}'", ["text": .text(text)])))
          continue
        }
        share = text.hasSuffix("%") || v > 1 ? v / 100 : v
      }
      shares[what, default: []].append((country, share))
    }
    if !issues.isEmpty { throw InputError(issues) }
    func countryShares(_ part: String) -> [(String, Double)] {
      var rows = shares[part] ?? []
      if !rows.contains(where: { $0.share != nil }), let s = stageOf[part], let stage = shares[s],
        stage.contains(where: { $0.share != nil })
      {
        rows = stage
      }
      if rows.isEmpty { return [("unknown", 1)] }
      let given = rows.filter { $0.share != nil }
      if given.isEmpty { return rows.map { ($0.country, 1 / Double(rows.count)) } }
      let total = given.reduce(0) { $0 + $1.share! }
      guard total > 0 else { return given.map { ($0.country, 1 / Double(given.count)) } }
      var merged: [(String, Double)] = []
      for g in given {
        if let i = merged.firstIndex(where: { $0.0 == g.country }) {
          merged[i].1 += g.share! / total
        } else {
          merged.append((g.country, g.share! / total))
        }
      }
      return merged
    }
    func value<T>(_ part: String, _ country: String, _ key: KeyPath<Assumptions.Values, T?>) -> T? {
      a.inputs[part]?[keyPath: key] ?? stageOf[part].flatMap { a.inputs[$0]?[keyPath: key] }
        ?? a.countries[country]?[keyPath: key] ?? a.defaults[keyPath: key]
    }

    var nodes: [SupplyNetwork.Node] = []
    var byPart: [String: [String]] = [:]
    let parts = order.filter { tier[$0] != nil && $0 != final }
    for part in parts {
      let flow = a.demandPerDay * (required[part] ?? 0)
      for (country, share) in countryShares(part) {
        let id = "\(part)@\(country)"
        let normal = flow * share
        nodes.append(
          SupplyNetwork.Node(
            id: id, name: "\(names[part] ?? part) (\(country))", produces: part,
            needs: (needs[part] ?? []).map { ($0, 1) },
            inventory: normal * (value(part, country, \.inventoryDays) ?? 0),
            capacityPerDay: normal * (value(part, country, \.capacitySlack) ?? 1),
            recovery: value(part, country, \.ttr) ?? .init(days: 0), country: country, tier: tier[part]))
        byPart[part, default: []].append(id)
      }
    }
    nodes.insert(
      SupplyNetwork.Node(
        id: final, name: names[final], produces: final, needs: (needs[final] ?? []).map { ($0, 1) },
        demandPerDay: a.demandPerDay, inventory: a.demandPerDay * (a.defaults.inventoryDays ?? 0),
        recovery: a.defaults.ttr ?? .init(days: 0), tier: 0),
      at: 0)
    byPart[final] = [final]
    var links: [SupplyNetwork.Link] = []
    for b in [final] + parts {
      for customer in byPart[b] ?? [] {
        for part in needs[b] ?? [] {
          for supplier in byPart[part] ?? [] { links.append(.init(from: supplier, to: customer)) }
        }
      }
    }
    let network = SupplyNetwork(
      name: a.name, horizonDays: a.horizonDays, nodes: nodes, links: links, scenarios: a.scenarios)
    let problems = network.validate()
    if !problems.isEmpty { throw InputError(problems) }
    return network
  }
}
