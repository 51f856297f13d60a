import Yams

/// A node of a parsed YAML (or JSON) document, as ``NodeReader`` and the loaders read it:
/// Yams' `Node`, with a mark for every node (the marked path), or a ``BareNode`` of the
/// fast path of ``DomainLoader``, which has none.
protocol InputNode {
  /// Where the node starts in the file, when known.
  var mark: Mark? { get }
  /// What the node holds.
  var content: InputContent<Self> { get }
}

/// What a node holds: a scalar's text (and whether it was written plain, without quotes or
/// a block indicator, which is what makes `3` a number and `"3"` a string), a mapping's
/// pairs in file order, or a list's items.
enum InputContent<N: InputNode> {
  case scalar(String, plain: Bool)
  case mapping([(N, N)])
  case sequence([N])
  case alias
}

extension Node: InputNode {
  var content: InputContent<Node> {
    switch self {
    case .scalar(let s): .scalar(s.string, plain: s.style == .plain)
    case .mapping(let m): .mapping(m.map { ($0.key, $0.value) })
    case .sequence(let s): .sequence(Array(s))
    case .alias: .alias
    }
  }
}

/// A node of the fast path: scalars' text and plainness, and the pairs and items of
/// collections; no marks and no tags, so that building and reading one is cheap.
enum BareNode: InputNode, Sendable {
  case scalar(String, plain: Bool)
  case mapping([(BareNode, BareNode)])
  case sequence([BareNode])

  var mark: Mark? { nil }

  var content: InputContent<BareNode> {
    switch self {
    case .scalar(let text, let plain): .scalar(text, plain: plain)
    case .mapping(let pairs): .mapping(pairs)
    case .sequence(let items): .sequence(items)
    }
  }
}
