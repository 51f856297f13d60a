import Foundation
import SafeZonesCore

/// The JSON kept in `assessments.drifts`: the drifts in the input format, `nil` for none.
enum StoredDrifts {
  static func encode(_ drifts: [Drift]) -> String? {
    guard !drifts.isEmpty else { return nil }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return (try? encoder.encode(drifts.map(DriftEntry.init))).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Reads the stored drifts; entries this version cannot read are left out.
  static func decode(_ text: String?) -> [Drift] {
    guard let text, !text.isEmpty else { return [] }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return ((try? decoder.decode([DriftEntry].self, from: Data(text.utf8))) ?? []).compactMap(\.drift)
  }
}
