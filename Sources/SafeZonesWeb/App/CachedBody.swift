import CompressNIO
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SafeZonesApplication
import Vapor

/// Bytes the catalog keeps for a revision: the body, a validator and, for bodies worth it,
/// the gzip form, compressed once rather than on every answer.
public struct CachedBody: Sendable {
  public let data: Data
  /// A weak entity tag: the same app version, store revision and cache key make the same bytes.
  public let etag: String
  public let gzip: Data?

  /// Bodies smaller than this go uncompressed: the header costs more than it saves.
  static let compressionThreshold = 1024

  init(_ data: Data, tag: String) {
    self.data = data
    self.etag = EntityTag.weak(SafeZonesVersion.current + "|" + tag)
    self.gzip = data.count >= Self.compressionThreshold ? Self.compress(data) : nil
  }

  static func compress(_ data: Data) -> Data? {
    var buffer = ByteBufferAllocator().buffer(capacity: data.count)
    buffer.writeBytes(data)
    guard var compressed = try? buffer.compress(with: .gzip()) else { return nil }
    return compressed.readData(length: compressed.readableBytes)
  }

  /// The answer to `req`: 304 when the client holds these bytes already, else the body,
  /// compressed when the client accepts gzip.
  func response(to req: Request, contentType: HTTPMediaType, headers: HTTPHeaders = [:]) -> Response {
    var headers = headers
    headers.replaceOrAdd(name: .eTag, value: etag)
    headers.replaceOrAdd(name: .vary, value: "Accept-Encoding")
    headers.contentType = contentType
    // This body is compressed here, once; the server must not compress it again.
    headers.responseCompression = .disable
    if EntityTag.matches(req.headers.first(name: .ifNoneMatch), etag) {
      return Response(status: .notModified, headers: headers)
    }
    if let gzip, EntityTag.acceptsGzip(req.headers) {
      headers.replaceOrAdd(name: .contentEncoding, value: "gzip")
      return Response(status: .ok, headers: headers, body: .init(data: gzip))
    }
    return Response(status: .ok, headers: headers, body: .init(data: data))
  }
}

/// Entity tags (`ETag`, `If-None-Match`) and content negotiation, as RFC 9110 has them.
enum EntityTag {
  /// `W/"…"` over an FNV-1a hash of `text`.
  static func weak(_ text: String) -> String { "W/\"" + hex(fnv1a(text.utf8)) + "\"" }

  /// `W/"…"` over the bytes themselves, for answers not kept by the catalog.
  static func weak(bytes: some Sequence<UInt8>) -> String { "W/\"b" + hex(fnv1a(bytes)) + "\"" }

  /// Whether an `If-None-Match` value names `etag` (weak comparison; `*` matches anything).
  static func matches(_ ifNoneMatch: String?, _ etag: String) -> Bool {
    guard let ifNoneMatch else { return false }
    func opaque(_ tag: Substring) -> Substring {
      let t = tag.trimmingCharacters(in: .whitespaces)
      return Substring(t.hasPrefix("W/") ? String(t.dropFirst(2)) : t)
    }
    let wanted = opaque(Substring(etag))
    return ifNoneMatch.split(separator: ",").contains { candidate in
      let c = opaque(candidate)
      return c == "*" || c == wanted
    }
  }

  /// Whether `Accept-Encoding` accepts gzip (not refused with `q=0`).
  static func acceptsGzip(_ headers: HTTPHeaders) -> Bool {
    for value in headers[.acceptEncoding] {
      for coding in value.split(separator: ",") {
        let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let name = parts.first, ["gzip", "x-gzip", "*"].contains(name) else { continue }
        // `q=0` means "not acceptable"; no weight means 1.
        let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
        if weight > 0 { return true }
      }
    }
    return false
  }

  static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
  }

  static func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}

/// Rendered fragments of single domains (the map table's rows), kept across snapshots: a
/// fragment is made again only when what it shows changed (its `fingerprint`), so a page of
/// a thousand rows after a write renders one row, not a thousand. Safe to use from any
/// thread.
public final class FragmentCache: Sendable {
  private let entries = NIOLockedValueBox<[String: (fingerprint: String, text: String)]>([:])
  /// Entries beyond which the cache starts afresh (domains × page kinds).
  let limit: Int

  init(limit: Int = 200_000) { self.limit = limit }

  func text(_ key: String, fingerprint: String, make: () -> String) -> String {
    if let hit = entries.withLockedValue({ $0[key] }), hit.fingerprint == fingerprint { return hit.text }
    let text = make()
    entries.withLockedValue {
      if $0.count >= limit { $0.removeAll(keepingCapacity: true) }
      $0[key] = (fingerprint, text)
    }
    return text
  }
}
