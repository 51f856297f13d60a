import Foundation

/// How much risk each kind of link carries, and how fast it fades with each further hop.
/// See `docs/links.md` for the rule.
public struct LinkRules: Sendable, Hashable, Codable {
  /// κ per link kind: the share of the neighbour's risk a link of weight 1 carries.
  public var kindFactors: [String: Double]
  /// κ for kinds not in `kindFactors`.
  public var otherKinds: Double
  /// δ: every hop after the first multiplies the carried share by this.
  public var hopDecay: Double

  public init(kindFactors: [String: Double], otherKinds: Double, hopDecay: Double) {
    self.kindFactors = kindFactors
    self.otherKinds = otherKinds
    self.hopDecay = hopDecay
  }

  /// `applies` 0.8, `enables` 0.6, `shares-facility` 0.5, `related` 0.3, `reframes` 0
  /// (a reframing replaces a topic, it does not tie the two together); other kinds 0.3;
  /// δ = 0.8.
  public static let standard = LinkRules(
    kindFactors: ["applies": 0.8, "enables": 0.6, "shares-facility": 0.5, "related": 0.3, "reframes": 0],
    otherKinds: 0.3, hopDecay: 0.8)

  /// κ of a kind.
  public func factor(_ kind: String) -> Double { kindFactors[kind] ?? otherKinds }

  /// The share one link carries: κ(kind) × weight, clamped to 0…1.
  public func share(_ link: DomainLink) -> Double {
    let w = link.weight.isFinite ? min(max(link.weight, 0), 1) : 0
    return min(max(factor(link.kind), 0), 1) * w
  }
}

/// One hop of the path along which risk was carried.
public struct LinkHop: Sendable, Hashable, Codable {
  public var from: String
  public var to: String
  public var kind: String
  public var weight: Double
  /// κ(kind) × weight.
  public var share: Double
}

/// A domain's own political risk, the risk its links carry to it, and the effective risk.
public struct LinkedRiskEntry: Sendable, Hashable, Codable {
  public var id: String
  /// Risk from the domain's own criteria (its placement).
  public var own: Double
  /// The most risk any linked domain carries to it (0 without links).
  public var inherited: Double
  /// max(own, inherited).
  public var effective: Double
  /// The domain whose risk is carried (the best source), if any link carries risk.
  public var source: String?
  /// That domain's own risk.
  public var sourceRisk: Double?
  /// The path from this domain to the source, hop by hop.
  public var path: [LinkHop]
  /// The product of the path's shares and the hop decay: inherited = factor × source risk.
  public var factor: Double

  /// How much the links raised the risk (0 when the own risk is higher).
  public var raisedBy: Double { max(0, effective - own) }
  /// `true` when a neighbour's risk, carried over the links, exceeds the own risk.
  public var isRaised: Bool { effective > own + 1e-12 }

  /// `solid-earth-physics → missile-guidance (enables, 0.4)`.
  public var pathText: String {
    guard let first = path.first else { return id }
    return ([first.from] + path.map { "\($0.to)" }).joined(separator: " → ")
      + " (" + path.map { "\($0.kind) \(Format.number($0.weight))" }.joined(separator: ", ") + ")"
  }

  /// One sentence: what the links carry and whether it raises the risk.
  public var sentence: String {
    guard let source, let sourceRisk else { return tr("No link carries risk to this domain.") }
    let numbers: [String: LocalizationArgument] = [
      "carried": .text(Format.fixed(inherited, digits: 3)), "source": .text(source),
      "sourceRisk": .text(Format.fixed(sourceRisk, digits: 3)), "factor": .text(Format.fixed(factor, digits: 3)),
      "path": .text(pathText), "effective": .text(Format.fixed(effective, digits: 3)),
      "raised": .text(Format.fixed(raisedBy, digits: 3)), "own": .text(Format.fixed(own, digits: 3)),
    ]
    if isRaised {
      return tr(
        "Links carry {carried} from {source} (own risk {sourceRisk} × {factor} along {path}): effective risk {effective}, raised by {raised} above the own risk {own}.",
        numbers)
    }
    return tr(
      "Links carry {carried} from {source} (own risk {sourceRisk} × {factor} along {path}): below the own risk {own}, which stands.",
      numbers)
  }
}

/// Risk carried over links: a benign-looking domain closely tied to a sensitive one
/// inherits part of its risk. See `docs/links.md`.
///
/// inherited(i) = max over linked domains j and paths i → … → j of
///   δ^(hops − 1) · Π (κ(kind) · weight) · own(j);  effective(i) = max(own(i), inherited(i)).
///
/// Links are followed in the direction they are stored: a domain inherits from the domains
/// it links to. The best path is found by a widest-path (max-product) search; every factor is
/// at most 1, so going round a cycle never helps and nothing is counted twice.
public enum LinkedRisk {
  /// The entry of every domain that has an assessment (as it stood on `day`, or the
  /// current one), keyed by id. `risks` overrides the own risks (e.g. reports already
  /// computed).
  public static func compute(
    _ domains: [Domain], rubric: Rubric, rules: LinkRules = .standard, asOf day: Day? = nil,
    risks: [String: Double]? = nil
  ) -> [String: LinkedRiskEntry] {
    let own = risks ?? ownRisks(domains, rubric: rubric, asOf: day)
    let graph = adjacency(domains, own: own)
    var out: [String: LinkedRiskEntry] = [:]
    for d in domains {
      guard let r = own[d.id] else { continue }
      out[d.id] = search(from: d.id, own: r, risks: own, graph: graph, rules: rules)
    }
    return out
  }

  /// The entry of one domain; only the domains its links reach are placed.
  public static func entry(
    for id: String, in domains: [Domain], rubric: Rubric, rules: LinkRules = .standard, asOf day: Day? = nil,
    risks: [String: Double]? = nil
  ) -> LinkedRiskEntry? {
    let byID = Dictionary(domains.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var own: [String: Double] = [:]
    func risk(_ id: String) -> Double? {
      if let r = own[id] { return r }
      if let r = risks?[id] {
        own[id] = r
        return r
      }
      guard let d = byID[id], let r = ownRisk(d, rubric: rubric, asOf: day) else { return nil }
      own[id] = r
      return r
    }
    guard let start = risk(id) else { return nil }
    // Place every domain reachable from `id` (breadth first).
    var queue = [id]
    var seen: Set<String> = [id]
    while let next = queue.popLast() {
      for l in byID[next]?.links ?? [] where !seen.contains(l.target) && risk(l.target) != nil {
        seen.insert(l.target)
        queue.append(l.target)
      }
    }
    let reached = domains.filter { seen.contains($0.id) }
    return search(from: id, own: start, risks: own, graph: adjacency(reached, own: own), rules: rules)
  }

  /// A collaboration spanning several domains placed as a whole: gains the mean of the
  /// domains' gains, risk the highest of their effective risks (own or carried over links),
  /// so the riskiest component shows through. Reuses `RiskProfile.of`.
  public static func collaboration(
    _ ids: [String], in domains: [Domain], rubric: Rubric, rules: LinkRules = .standard
  ) -> RiskProfile {
    let entries = compute(domains, rubric: rubric, rules: rules)
    let chosen = ids.compactMap { id in domains.first { $0.id == id } }
    return RiskProfile.of(domains: chosen, rubric: rubric, risks: entries.mapValues(\.effective))
  }

  // MARK: - The search

  static func ownRisks(_ domains: [Domain], rubric: Rubric, asOf day: Day?) -> [String: Double] {
    var own: [String: Double] = [:]
    for d in domains where own[d.id] == nil { own[d.id] = ownRisk(d, rubric: rubric, asOf: day) }
    return own
  }

  /// A domain's own risk on `day` (its newest assessment by then), or its current risk.
  static func ownRisk(_ d: Domain, rubric: Rubric, asOf day: Day?) -> Double? {
    if let day { return d.assessment(asOf: day).map { Scoring.place($0, rubric: rubric).risk } }
    return d.current.map { Scoring.place($0, rubric: rubric).risk }
  }

  /// Outgoing links per domain, to placed domains only, self-links left out.
  static func adjacency(_ domains: [Domain], own: [String: Double]) -> [String: [(from: String, link: DomainLink)]] {
    var graph: [String: [(from: String, link: DomainLink)]] = [:]
    for d in domains where graph[d.id] == nil {
      graph[d.id] = d.links.filter { $0.target != d.id && own[$0.target] != nil }.map { (d.id, $0) }
    }
    return graph
  }

  /// Widest-path search from `start`: the best strength to every reachable domain, then the
  /// domain whose carried risk (strength × own risk) is highest.
  static func search(
    from start: String, own: Double, risks: [String: Double], graph: [String: [(from: String, link: DomainLink)]],
    rules: LinkRules
  ) -> LinkedRiskEntry {
    // strength[j]: the best δ^(hops−1)·Π shares over paths start → j; ties prefer fewer hops.
    var strength: [String: Double] = [start: 1]
    var hops: [String: Int] = [start: 0]
    var via: [String: LinkHop] = [:]
    var done: Set<String> = []
    let decay = min(max(rules.hopDecay, 0), 1)
    while true {
      // The unsettled domain with the greatest strength (ties: fewer hops, then id).
      var pick: String?
      for (id, s) in strength where !done.contains(id) {
        guard let p = pick else {
          pick = id
          continue
        }
        let ps = strength[p]!
        if s > ps || (s == ps && (hops[id]! < hops[p]! || (hops[id]! == hops[p]! && id < p))) { pick = id }
      }
      guard let current = pick, strength[current]! > 0 else { break }
      done.insert(current)
      let base = strength[current]!
      for (from, link) in graph[current] ?? [] where !done.contains(link.target) {
        let share = rules.share(link)
        let s = base * share * (current == start ? 1 : decay)
        let h = hops[current]! + 1
        let old = strength[link.target] ?? 0
        if s > old || (s == old && s > 0 && h < (hops[link.target] ?? .max)) {
          strength[link.target] = s
          hops[link.target] = h
          via[link.target] = LinkHop(from: from, to: link.target, kind: link.kind, weight: link.weight, share: share)
        }
      }
    }
    // The best source: highest carried risk; ties prefer fewer hops, then id.
    var best: (id: String, carried: Double)?
    for (id, s) in strength where id != start && s > 0 {
      guard let r = risks[id] else { continue }
      let carried = s * r
      if let b = best {
        if carried > b.carried
          || (carried == b.carried && (hops[id]! < hops[b.id]! || (hops[id]! == hops[b.id]! && id < b.id)))
        {
          best = (id, carried)
        }
      } else if carried > 0 {
        best = (id, carried)
      }
    }
    guard let best else {
      return LinkedRiskEntry(
        id: start, own: own, inherited: 0, effective: own, source: nil, sourceRisk: nil, path: [], factor: 0)
    }
    var path: [LinkHop] = []
    var node = best.id
    while node != start, let hop = via[node] {
      path.insert(hop, at: 0)
      node = hop.from
    }
    return LinkedRiskEntry(
      id: start, own: own, inherited: best.carried, effective: max(own, best.carried), source: best.id,
      sourceRisk: risks[best.id], path: path, factor: strength[best.id]!)
  }
}
