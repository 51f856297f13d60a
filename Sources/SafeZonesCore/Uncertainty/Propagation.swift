/// Placing domains under uncertainty: every assessor's latest judgement of a domain is
/// turned into distributions, pooled, and propagated by Monte Carlo; the results are
/// attached to each placed domain.
public enum Propagation {
  /// Each domain placed, with its quadrant probabilities, in the order of `domains`.
  /// Problems (quantiles that cannot be fitted, a logarithmic pool that is undefined) are
  /// reported per domain and criterion. The Monte Carlo results keep the covariance and the
  /// cloud the map's ellipses need.
  public static func place(
    _ domains: [Domain], rubric: Rubric, method: PoolingMethod = .linear, options: MonteCarlo.Options,
    playbook: Playbook = .standard, progress: (@Sendable (Int) -> Void)? = nil
  ) throws(InputError) -> [PlacedDomain] {
    var judges: [(id: String, judges: [Judge])] = []
    var issues: [InputIssue] = []
    for (i, domain) in domains.enumerated() {
      do {
        judges.append((domain.id, try Judge.current(of: domain)))
      } catch {
        issues += error.issues.map { issue in
          var issue = issue
          issue.key = "domains[\(i)] (\(domain.id))" + (issue.key.map { ".\($0)" } ?? "")
          return issue
        }
      }
    }
    if !issues.isEmpty { throw InputError(issues) }
    let pooled = try Pooling.pool(many: judges, method: method)
    let results = MonteCarlo.run(pooled, rubric: rubric, options: options, progress: progress)
    var placed: [PlacedDomain] = []
    for (i, domain) in domains.enumerated() {
      var one = PlacedDomain(domain: domain, rubric: rubric, playbook: playbook)
      let judges = pooled[i].judges
      let viability: Viability?
      if judges.contains(where: { $0.perspective != nil }) {
        var small = options
        small.samples = min(options.samples, 4_000)
        small.importance = false
        small.threads = 1
        viability = try Sensitivity.viability(judges, id: domain.id, rubric: rubric, method: method, options: small)
      } else {
        viability = nil
      }
      one.uncertainty = PlacedDomain.Uncertainty(
        placement: results[i], assessors: judges.map(\.assessor), pooling: pooled[i].method, viability: viability)
      placed.append(one)
    }
    return placed
  }
}

extension TextOutput {
  /// The table printed by `assess --samples N`.
  public static func probabilityTable(_ placed: [PlacedDomain]) -> String {
    let rows = placed.map { placed -> [String] in
      let r = DomainReport(placed)
      let p = r.probabilities ?? [:]
      func pct(_ q: Quadrant) -> String { Format.fixed(p[q] ?? 0, digits: 2) }
      var notes: [String] = []
      // Missing criteria are drawn over their whole scale: say so, as the plain table does.
      if !r.missing.isEmpty { notes.append(tr("missing {count}", ["count": .text(String(r.missing.count))])) }
      if let v = r.viability {
        switch v.status {
        case .viable: notes.append(tr("viable both sides"))
        case .notAcceptable: notes.append(tr("not viable: {reasons}", ["reasons": .text(v.displayReasonList)]))
        case .incomplete: notes.append(tr("viability unknown: {reasons}", ["reasons": .text(v.displayReasonList)]))
        }
      }
      if let n = r.assessorsPooled?.count, n > 1 {
        notes.append(tr("{count} assessors pooled", ["count": .text(String(n))]))
      }
      return [
        r.id, Format.fixed(r.gains), Format.fixed(r.risk), r.quadrant.label, pct(.safeZone),
        pct(.politicalEngineering),
        pct(.monitor), pct(.traditional), (r.mostLikely?.label ?? "") + " " + Format.fixed(r.confidence ?? 0),
        notes.joined(separator: Localization.language.usesCJKScript ? "；" : "; "),
      ]
    }
    return table(
      headers: [
        tr("id"), tr("gains"), tr("risk"), tr("quadrant"), tr("P(safe)"), tr("P(pol-eng)"), tr("P(monitor)"),
        tr("P(trad)"), tr("most likely"), tr("notes"),
      ],
      rows: rows, rightAligned: [1, 2, 4, 5, 6, 7])
  }
}
