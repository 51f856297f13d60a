import Foundation

/// How far apart two spellings are: for "did you mean" hints on mistyped ids and for
/// partner names that nearly match a listed organisation.
public enum TextDistance {
  /// Levenshtein distance: the fewest insertions, deletions and substitutions that turn
  /// `a` into `b`.
  public static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The known id closest in spelling to `text`, if close enough to be a useful "did you
  /// mean" hint (a prefix or a part of the id counts as close).
  public static func closest(to text: String, in known: some Sequence<String>) -> String? {
    let typed = Array(text.lowercased())
    var best: (distance: Int, id: String)?
    for id in known {
      let candidate = Array(id)
      let d = levenshtein(typed, candidate)
      // A prefix or a part of the id ("neutrino" for "neutrino-physics") is a good hint too.
      let contained = typed.count >= 4 && (id.hasPrefix(text.lowercased()) || id.contains(text.lowercased()))
      let score = contained ? min(d, 1) : d
      if score <= max(2, typed.count / 4),
        best == nil || score < best!.distance || (score == best!.distance && id < best!.id)
      {
        best = (score, id)
      }
    }
    return best?.id
  }
}
