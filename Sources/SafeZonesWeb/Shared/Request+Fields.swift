import Foundation
import SafeZonesCore
import Vapor

extension Request {
  /// The fields of the query string.
  var queryFields: FormFields { FormFields(urlEncoded: url.query ?? "") }

  /// The fields of a posted form; only URL-encoded forms are accepted.
  func formFields() throws -> FormFields {
    guard headers.contentType == .urlEncodedForm else {
      throw AppError(
        .unsupportedMediaType, code: "unsupported_media_type",
        message: "send the form as application/x-www-form-urlencoded")
    }
    return FormFields(urlEncoded: body.string ?? "")
  }

  /// The domain the path's `:id` names, in `snapshot`; 404 when there is none.
  func pathDomain(in snapshot: Catalog.Snapshot, unassessed: Bool = false) throws -> Domain {
    let id = parameters.get("id") ?? ""
    guard let domain = snapshot.domain(id) else {
      if let other = snapshot.notAssessed[id] {
        // The assessment form may give a domain its first judgement for this pair.
        if unassessed { return other }
        throw AppError.notFound(
          "'\(id)' has no assessment for \(snapshot.pair) yet; choose another country pair above, or assess it for \(snapshot.pair)"
        )
      }
      throw AppError.notFound("no domain with id '\(TextLimits.preview(id))'")
    }
    return domain
  }
}

extension FormFields {
  /// `as_of`: `nil` when absent or empty; 400 when not a date.
  func asOf() throws -> Day? {
    guard let text = self["as_of"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
    guard let day = Day(text) else {
      throw AppError.badRequest("as_of must be a date YYYY-MM-DD, got '\(TextLimits.preview(text))'", field: "as_of")
    }
    return day
  }

  /// `true` when the checkbox-style field `name` is on.
  func isOn(_ name: String) -> Bool { Self.isOn(self[name]) }
}
