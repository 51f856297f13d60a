import Foundation
import SafeZonesCore
import Vapor

extension APIController {
  /// `GET /api/v1/compare?pairs=US-CN,EU-CN[&all=on]`: the comparison as `safezones
  /// compare --format json` prints it.
  @Sendable
  func compare(req: Request) async throws -> Response {
    let (snapshot, comparison, all) = try await CompareController.comparison(req: req)
    let rubric = snapshot.rubrics.last?.rubric ?? snapshot.rubric
    let key = "api:compare|\(comparison.pairs.map(\.id).joined(separator: ","))|\(all)"
    let body = try await req.catalog.body(snapshot: snapshot, key: key) {
      try StableJSONEncoder().encode(PairComparisonReport(comparison, rubric: rubric, onlyDiffering: !all))
    }
    return body.response(to: req, contentType: .json)
  }
}
