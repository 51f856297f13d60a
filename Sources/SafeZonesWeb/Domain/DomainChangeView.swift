import Foundation
import Plot
import SafeZonesCore

/// The domain page's "Migration warnings" section: the warnings that concern the domain,
/// its trajectory (every dated placement), its projection when drifts are recorded, and the
/// risk its links carry.
struct DomainChangeModel {
  var id: String
  var name: String
  var warnings: [MigrationWarning]
  /// Oldest first.
  var trajectory: [TrajectoryPoint]
  var projection: Projection?
  var linked: LinkedRiskEntry?
  var names: [String: String]

  /// Everything from plain values: the domain, the store's domains (for reframings and
  /// links) and the rubric. Only the domains the links reach are placed.
  static func make(_ domain: Domain, domains: [Domain], rubric: Rubric) -> DomainChangeModel {
    let trajectory = Trajectory(domain, rubric: rubric)
    var warnings = Migration.warnings(trajectory, rubric: rubric)
    var names: [String: String] = [:]
    var involved: [Domain] = []
    for other in domains {
      let reframesIt = other.links.contains { $0.kind == "reframes" && $0.target == domain.id }
      let reframedBy = domain.links.contains { $0.kind == "reframes" && $0.target == other.id }
      if other.id != domain.id && (reframesIt || reframedBy) { involved.append(other) }
      if domain.links.contains(where: { $0.target == other.id }) || reframesIt {
        names[other.id] = DomainText.name(other)
      }
    }
    for other in involved {
      let t = Trajectory(other, rubric: rubric)
      if domain.links.contains(where: { $0.kind == "reframes" && $0.target == other.id }),
        let w = Migration.reframing(trajectory, as: t)
      {
        warnings.append(w)
      }
      if other.links.contains(where: { $0.kind == "reframes" && $0.target == domain.id }),
        let w = Migration.reframing(t, as: trajectory)
      {
        warnings.append(w)
      }
    }
    return DomainChangeModel(
      id: domain.id, name: domain.name, warnings: Migration.sorted(warnings), trajectory: trajectory.points,
      projection: Projection.project(domain, rubric: rubric),
      linked: LinkedRisk.entry(for: domain.id, in: domains, rubric: rubric), names: names)
  }
}

enum DomainChangeView {
  static func section(_ c: DomainChangeModel?) -> HTMLNode {
    guard let c else { return .none }
    var content: [HTMLNode] = [.el("h2", ["id": "migration-title"], .safe(tr("Migration warnings")))]
    if c.warnings.isEmpty {
      content.append(
        .el(
          "p", ["id": "no-warnings", "class": "muted"],
          .safe(
            c.trajectory.count < 2
              ? tr(
                "No warnings: a single assessment has no trajectory yet. Add a dated assessment to follow the domain over time."
              )
              : tr(
                "No warnings: no quadrant change, no trend about to cross a threshold, no north-west or leftward drift."
              )
          )))
    } else {
      content.append(
        .el(
          "ol", ["id": "domain-warnings", "class": "warnings"],
          c.warnings.map { ChangeViews.warning($0, names: c.names, showDomain: false) }))
    }
    content.append(trajectory(c))
    if let p = c.projection {
      content.append(.el("h3", ["id": "projection-title"], .safe(tr("Projection"))))
      content.append(ChangeViews.projection(p, id: "projection"))
    }
    if let l = c.linked, l.source != nil {
      content.append(.el("h3", ["id": "linked-risk-title"], .safe(tr("Risk carried over links"))))
      content.append(
        .el(
          "p",
          [
            "id": "linked-risk", "class": l.isRaised ? "raised" : nil,
            "data-effective": Format.number(l.effective, digits: 4),
          ],
          .safe(l.sentence + " "), .link(SiteURL.graph, tr("See the link graph"))))
    }
    return .el("section", ["id": "migration", "aria-labelledby": "migration-title"], content)
  }

  static func trajectory(_ c: DomainChangeModel) -> HTMLNode {
    .group([
      .el("h3", ["id": "trajectory-title"], .safe(tr("Trajectory"))),
      ViewParts.scroll(
        tr("Trajectory"),
        .el(
          "table", ["id": "trajectory", "class": "data"],
          .el(
            "caption", [:],
            .safe(
              tr(
                "Every assessment's placement in date order (several on one day in the order saved; the last is where the domain stood that day)"
              ))),
          .el(
            "thead", [:],
            .el(
              "tr", [:],
              .el("th", ["scope": "col"], .safe(tr("Date"))),
              .el("th", ["scope": "col"], .safe(tr("Assessor"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Gains"))),
              .el("th", ["scope": "col", "class": "num"], .safe(tr("Risk"))),
              .el("th", ["scope": "col"], .safe(tr("Quadrant"))),
              .el("th", ["scope": "col"], .safe(tr("Version")))
            )),
          .el(
            "tbody", [:],
            c.trajectory.map { p in
              .el(
                "tr", ["data-date": p.date.description, "data-version": String(p.version)],
                .el("th", ["scope": "row"], .el("time", ["datetime": p.date.description], .safe(p.date.description))),
                .el("td", [:], .safe(p.assessor)),
                .el("td", ["class": "num"], .safe(Format.fixed(p.gains))),
                .el("td", ["class": "num"], .safe(Format.fixed(p.risk))),
                .el("td", [:], ViewParts.badge(p.quadrant)),
                .el(
                  "td", [:],
                  .link("#version-\(p.version)", tr("version {version}", ["version": .text(String(p.version))])))
              )
            })
        )),
      c.trajectory.count >= 2
        ? .el(
          "p", [:],
          .link(SiteURL.mapTrajectories(query: c.id), tr("See the trajectory on the map"), ["id": "trajectory-map"]))
        : .none,
    ])
  }
}
