import Foundation

/// Who is writing, and from where: the audit trail's *who*. Set around a write with
/// `AuditContext.$current.withValue(…)`; the store reads it when it appends the record in
/// the write's own transaction, so no write can skip its record.
public struct AuditContext: Sendable, Hashable {
  /// The account's email, `cli:<user>` for the command line, `system` for first-start seeding.
  public var actor: String
  /// The client's address (web), or `nil`.
  public var address: String?

  public init(actor: String, address: String? = nil) {
    self.actor = actor
    self.address = address
  }

  @TaskLocal public static var current: AuditContext?

  /// The writer named by the task, or `system` when none is.
  public static var effective: AuditContext { current ?? AuditContext(actor: "system") }
}

/// What a write appends to the audit trail: an action name and a summary of what it
/// touched (ids, not content).
public struct AuditEvent: Sendable, Hashable {
  /// `assessment.add`, `domain.create`, `import`, `rubric.save`, `round.open`,
  /// `account.create`, `sign-in.failed`, …
  public var action: String
  /// Flat and small: ids, counts, roles.
  public var summary: [String: AuditValue]

  public init(_ action: String, _ summary: [String: AuditValue] = [:]) {
    self.action = action
    self.summary = summary
  }

  /// The summary as canonical JSON (keys sorted, no spaces): what the hash covers.
  public var summaryJSON: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(summary)) ?? Data("{}".utf8), as: UTF8.self)
  }
}

/// A value in an audit summary.
public enum AuditValue: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
  case text(String)
  case number(Int)
  case list([String])
  case flag(Bool)

  public init(stringLiteral value: String) { self = .text(value) }
  public init(integerLiteral value: Int) { self = .number(value) }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .text(let s): try c.encode(s)
    case .number(let n): try c.encode(n)
    case .list(let l): try c.encode(l)
    case .flag(let b): try c.encode(b)
    }
  }
}

/// One record of the audit trail, as stored. `hash` is the SHA-256 of the previous record's
/// hash and this record's canonical text, so the records form a chain: changing, removing
/// or inserting one breaks every link after it.
public struct AuditRecord: Sendable, Hashable {
  /// 1, 2, 3, … without gaps.
  public var seq: Int
  /// When, in whole microseconds since 1970 (exact in both databases).
  public var microseconds: Int64
  public var actor: String
  public var action: String
  /// Canonical JSON (`AuditEvent.summaryJSON`).
  public var summary: String
  public var address: String?
  public var previousHash: String
  public var hash: String

  public init(
    seq: Int, microseconds: Int64, actor: String, action: String, summary: String, address: String?,
    previousHash: String, hash: String
  ) {
    self.seq = seq
    self.microseconds = microseconds
    self.actor = actor
    self.action = action
    self.summary = summary
    self.address = address
    self.previousHash = previousHash
    self.hash = hash
  }

  public var date: Date { Date(timeIntervalSince1970: Double(microseconds) / 1e6) }

  /// The text the hash covers: the previous hash and every field, one JSON array, so that
  /// no field can run into the next.
  public var hashedText: String {
    Self.hashedText(
      previous: previousHash, seq: seq, microseconds: microseconds, actor: actor, action: action, summary: summary,
      address: address)
  }

  public static func hashedText(
    previous: String, seq: Int, microseconds: Int64, actor: String, action: String, summary: String, address: String?
  ) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    func q(_ s: String) -> String { String(decoding: (try? encoder.encode(s)) ?? Data("\"\"".utf8), as: UTF8.self) }
    return "[\(q(previous)),\(seq),\(microseconds),\(q(actor)),\(q(action)),\(q(summary)),\(address.map(q) ?? "null")]"
  }

  /// The previous hash of the first record.
  public static let genesis = String(repeating: "0", count: 64)

  /// Whole microseconds since 1970.
  public static func microseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1e6).rounded()) }
}

/// The result of checking the chain.
public enum AuditVerification: Sendable, Hashable {
  case intact(records: Int, head: String)
  /// The first record that does not follow from the ones before it, and why.
  case broken(seq: Int, reason: String)
}

/// Recomputes the audit trail's hash chain.
public enum AuditChain {
  /// Checks `records` (in order) link by link, then against the stored head (the last
  /// sequence number and hash, kept apart so that removing the newest records shows too).
  public static func verify(
    _ records: [AuditRecord], head: (seq: Int, hash: String)?, sha256: (String) -> String
  ) -> AuditVerification {
    var previous = AuditRecord.genesis
    var expectedSeq = 1
    for r in records {
      if r.seq != expectedSeq {
        return .broken(
          seq: r.seq, reason: "record \(expectedSeq) is missing (the record after \(expectedSeq - 1) is \(r.seq))")
      }
      if r.previousHash != previous {
        return .broken(seq: r.seq, reason: "its previous hash does not match record \(r.seq - 1)'s hash")
      }
      if sha256(r.hashedText) != r.hash {
        return .broken(seq: r.seq, reason: "its contents do not match its hash (the record was changed)")
      }
      previous = r.hash
      expectedSeq += 1
    }
    let last = records.last.map { ($0.seq, $0.hash) } ?? (0, AuditRecord.genesis)
    if let head, head.seq != last.0 || head.hash != last.1 {
      return .broken(
        seq: min(head.seq, last.0 + 1),
        reason: head.seq > last.0
          ? "records \(last.0 + 1)…\(head.seq) were removed (the head names \(head.seq), the last record is \(last.0))"
          : "the head does not match the last record")
    }
    return .intact(records: records.count, head: last.1)
  }
}

/// What the audit trail answers queries with.
public struct AuditQuery: Sendable, Hashable {
  public var actor: String?
  /// Records whose action starts with this (`round.` for every round action).
  public var action: String?
  public var since: Date?
  public var until: Date?
  public var limit: Int?

  public init(actor: String? = nil, action: String? = nil, since: Date? = nil, until: Date? = nil, limit: Int? = nil) {
    self.actor = actor
    self.action = action
    self.since = since
    self.until = until
    self.limit = limit
  }
}

/// The audit trail's store.
public protocol AuditLog: Sendable {
  /// Appends one record on its own (sign-in attempts; every other write appends its record
  /// in its own transaction).
  func appendAudit(_ event: AuditEvent) async throws
  /// Records in sequence order (the newest last), filtered.
  func auditRecords(_ query: AuditQuery) async throws -> [AuditRecord]
  /// The newest record's sequence number and hash, as the head keeps them.
  func auditHead() async throws -> (seq: Int, hash: String)?
  /// Failed sign-ins since `date` for the account `email` and from `address`.
  func failedSignIns(email: String, address: String?, since date: Date) async throws -> (account: Int, address: Int)
}
