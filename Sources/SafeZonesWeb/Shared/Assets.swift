import Foundation
import Vapor

/// The stylesheet, the script and the icon, shipped as resources, read once and served with
/// a content hash in their URL so browsers may cache them for good.
enum Assets {
  struct Asset: Sendable {
    let body: String
    let contentType: HTTPMediaType
    let hash: String
  }

  static let files: [String: Asset] = {
    var files: [String: Asset] = [:]
    for (name, ext, type) in [
      ("app", "css", HTTPMediaType.css),
      ("app", "js", HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])),
      ("favicon", "svg", HTTPMediaType(type: "image", subType: "svg+xml")),
    ] {
      guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources"),
        let text = try? String(contentsOf: url, encoding: .utf8)
      else { continue }
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      files["\(name).\(ext)"] = Asset(body: text, contentType: type, hash: String(hash, radix: 16))
    }
    return files
  }()

  /// The URL of an asset, with its hash for cache busting (`/assets/app.css?v=…`).
  static func url(_ name: String) -> String { "/assets/\(name)?v=\(files[name]?.hash ?? "0")" }

  static func register(_ routes: some RoutesBuilder) {
    routes.get("assets", ":file") { req -> Response in
      guard let name = req.parameters.get("file"), let asset = files[name] else {
        throw AppError.notFound("no such asset")
      }
      let response = Response(status: .ok, body: .init(string: asset.body))
      response.headers.contentType = asset.contentType
      response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
      return response
    }
    // Browsers ask for /favicon.ico whatever the page links; send them to the icon.
    routes.get("favicon.ico") { _ -> Response in
      let response = Response(status: .movedPermanently)
      response.headers.replaceOrAdd(name: .location, value: url("favicon.svg"))
      response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
      return response
    }
  }
}
