import Foundation

/// What `safezones watch` prints: the migration warnings, most severe first, and the
/// projections of domains whose assessors recorded drifts.
public struct WatchReport: Sendable, Hashable, Codable {
  public var rubric: String
  /// The date the map is taken as of (`nil`: every assessment).
  public var asOf: Day?
  public var horizon: Double
  public var warnings: [MigrationWarning]
  public var projections: [Projection]

  public init(
    domains: [Domain], rubric: Rubric, asOf day: Day? = nil, horizon: Double = 3, only: Set<String>? = nil,
    projection: Projection.Options = Projection.Options()
  ) {
    self.rubric = rubric.version
    asOf = day
    self.horizon = horizon
    warnings = Migration.warnings(domains, rubric: rubric, asOf: day, options: Migration.Options(horizon: horizon))
      .filter { only == nil || only!.contains($0.domain) }
    projections = domains.filter { only == nil || only!.contains($0.id) }.compactMap {
      Projection.project($0, rubric: rubric, asOf: day, options: projection)
    }
  }

  /// Stable, pretty-printed JSON with snake_case keys.
  public func json() throws -> Data { try StableJSONEncoder().encode(self) }

  /// The text report: a table of warnings, each warning's sentence, then the projections.
  public var text: String {
    var out: [String] = []
    let years: [String: LocalizationArgument] = ["years": .text(Format.number(horizon))]
    let head: [String: LocalizationArgument] = [
      "date": .text(asOf?.description ?? ""), "rubric": .text(rubric),
      "duration": .text(horizon == 1 ? tr("{years} year", years) : tr("{years} years", years)),
      "count": .text(warnings.isEmpty ? tr("none") : String(warnings.count)),
    ]
    out.append(
      asOf == nil
        ? tr("Migration warnings on every assessment, rubric {rubric}, trends over {duration}: {count}", head)
        : tr("Migration warnings as of {date}, rubric {rubric}, trends over {duration}: {count}", head))
    if !warnings.isEmpty {
      out.append("")
      let rows = warnings.enumerated().map { i, w -> [String] in
        [
          String(i + 1), w.severity.rawValue, w.kind.rawValue, w.domain, "\(w.from.date) → \(w.to.date)",
          "\(Format.fixed(w.from.gains)) → \(Format.fixed(w.to.gains))",
          "\(Format.fixed(w.from.risk)) → \(Format.fixed(w.to.risk))",
          w.from.quadrant == w.to.quadrant
            ? w.to.quadrant.rawValue : "\(w.from.quadrant.rawValue) → \(w.to.quadrant.rawValue)",
        ]
      }
      out.append(
        TextOutput.table(
          headers: [
            "#", tr("severity"), tr("kind"), tr("domain"), tr("dates"), tr("gains"), tr("risk"), tr("quadrant"),
          ], rows: rows,
          rightAligned: [0]
        ).trimmingTrailingNewline)
      out.append("")
      for (i, w) in warnings.enumerated() {
        // A hanging indent: the number sticks out, continuation lines align with the text.
        let number = "\(i + 1). "
        let pad = String(repeating: " ", count: number.count)
        out.append(
          number
            + TextOutput.wrap(
              tr("{name}: {message}", ["name": .text(w.name), "message": .text(w.message)]), indent: pad
            )
            .dropFirst(pad.count))
        if let precedent = w.precedent { out.append(TextOutput.wrap(precedent, indent: pad)) }
      }
    }
    if !projections.isEmpty {
      out.append("")
      out.append(
        tr("Projections from recorded drifts (P: probability of each quadrant, by Monte Carlo over the drifts' ±):"))
      for p in projections {
        out.append("")
        out.append(
          TextOutput.wrap(
            tr(
              "{id} ({name}), from {placement}, by {assessor}: {drifts}",
              [
                "id": .text(p.domain), "name": .text(p.name), "placement": .text(p.from.text),
                "assessor": .text(p.assessor), "drifts": .text(p.drifts.map(\.text).joined(separator: "; ")),
              ]),
            indent: ""))
        let rows = p.years.map { y -> [String] in
          [
            "+\(y.years)", y.date.description, Format.fixed(y.gains), Format.fixed(y.risk), y.quadrant.rawValue,
            Format.fixed(y.probabilities[.safeZone] ?? 0), Format.fixed(y.probabilities[.politicalEngineering] ?? 0),
            Format.fixed(y.probabilities[.monitor] ?? 0), Format.fixed(y.probabilities[.traditional] ?? 0),
          ]
        }
        out.append(
          TextOutput.table(
            headers: [
              tr("year"), tr("date"), tr("gains"), tr("risk"), tr("quadrant"), tr("P(safe)"), tr("P(pol-eng)"),
              tr("P(monitor)"), tr("P(trad)"),
            ],
            rows: rows, rightAligned: [2, 3, 5, 6, 7, 8]
          ).trimmingTrailingNewline.indented("  "))
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}
