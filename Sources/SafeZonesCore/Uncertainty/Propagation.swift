/// Placing domains under uncertainty: every assessor's latest judgement of a domain is
/// turned into distributions, pooled, and propagated by Monte Carlo; the results are
/// attached to each domain's report.
public enum Propagation {
  /// Reports with probabilities for each domain. Problems (quantiles that cannot be
  /// fitted, a logarithmic pool that is undefined) are reported per domain and criterion.
  public static func reports(
    for domains: [Domain], rubric: Rubric, method: PoolingMethod = .linear, options: MonteCarlo.Options,
    playbook: Playbook = .standard, progress: (@Sendable (Int) -> Void)? = nil
  ) throws(InputError) -> [DomainReport] {
    try propagate(domains, rubric: rubric, method: method, options: options, playbook: playbook, progress: progress)
      .reports
  }

  /// The reports, and each domain's Monte Carlo result (with the covariance and cloud the
  /// map's ellipses need), in the order of `domains`.
  public static func propagate(
    _ domains: [Domain], rubric: Rubric, method: PoolingMethod = .linear, options: MonteCarlo.Options,
    playbook: Playbook = .standard, progress: (@Sendable (Int) -> Void)? = nil
  ) throws(InputError) -> (reports: [DomainReport], placements: [UncertainPlacement]) {
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
    var reports: [DomainReport] = []
    for (i, domain) in domains.enumerated() {
      var report = DomainReport(domain: domain, rubric: rubric, playbook: playbook)
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
      report.attach(results[i], pooled: pooled[i], viability: viability)
      reports.append(report)
    }
    return (reports, results)
  }
}

extension TextOutput {
  /// The table printed by `assess --samples N`.
  public static func probabilityTable(_ reports: [DomainReport]) -> String {
    let rows = reports.map { r -> [String] in
      let p = r.probabilities ?? [:]
      func pct(_ q: Quadrant) -> String { Format.fixed(p[q] ?? 0, digits: 2) }
      var notes: [String] = []
      // Missing criteria are drawn over their whole scale: say so, as the plain table does.
      if !r.missing.isEmpty { notes.append("missing \(r.missing.count)") }
      if let v = r.viability {
        notes.append(v.viable ? "viable both sides" : "not viable: " + v.reasons.joined(separator: "; "))
      }
      if let n = r.assessorsPooled?.count, n > 1 { notes.append("\(n) assessors pooled") }
      return [
        r.id, Format.fixed(r.gains), Format.fixed(r.risk), r.quadrant.rawValue, pct(.safeZone),
        pct(.politicalEngineering),
        pct(.monitor), pct(.traditional), (r.mostLikely?.rawValue ?? "") + " " + Format.fixed(r.confidence ?? 0),
        notes.joined(separator: "; "),
      ]
    }
    return table(
      headers: [
        "id", "gains", "risk", "quadrant", "P(safe)", "P(pol-eng)", "P(monitor)", "P(trad)", "most likely", "notes",
      ],
      rows: rows, rightAligned: [1, 2, 4, 5, 6, 7])
  }
}
