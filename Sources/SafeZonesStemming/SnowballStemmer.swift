import CStemmer
import Foundation
import SafeZonesCore

/// Snowball's stemmer for a language (Debian's libstemmer, the reference implementation of
/// the Porter2 "english" algorithm and its siblings), behind Core's `Stemmer` protocol.
///
/// A libstemmer object is not safe to share between threads, so each call takes a lock;
/// stems are cached, since a corpus repeats its words.
public final class SnowballStemmer: Stemmer, @unchecked Sendable {
  private let stemmer: OpaquePointer
  private let lock = NSLock()
  private var cache: [String: String] = [:]
  /// The Snowball algorithm's name (`english`, `french`, …).
  public let algorithm: String

  /// The stemmer for `algorithm` (a name `sb_stemmer_list` knows), or `nil`.
  public init?(algorithm: String = "english") {
    guard let made = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
    stemmer = made
    self.algorithm = algorithm
  }

  deinit { sb_stemmer_delete(stemmer) }

  /// The algorithms this libstemmer offers.
  public static var algorithms: [String] {
    var out: [String] = []
    guard var list = sb_stemmer_list() else { return out }
    while let name = list.pointee {
      out.append(String(cString: name))
      list = list.advanced(by: 1)
    }
    return out
  }

  public func stem(_ word: String) -> String {
    lock.lock()
    defer { lock.unlock() }
    if let known = cache[word] { return known }
    let bytes = Array(word.utf8)
    let stemmed: String = bytes.withUnsafeBufferPointer { buffer -> String in
      guard let base = buffer.baseAddress,
        let result = sb_stemmer_stem(stemmer, base, Int32(buffer.count))
      else { return word }
      let length = Int(sb_stemmer_length(stemmer))
      return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
    }
    if cache.count < 200_000 { cache[word] = stemmed }
    return stemmed
  }
}
