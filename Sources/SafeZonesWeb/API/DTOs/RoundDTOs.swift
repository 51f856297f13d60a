import Foundation
import SafeZonesCore

/// A Delphi round with how many took part. Never who judged what: the API shows no
/// assessor's name and no single judgement, only counts and (once closed) the group's
/// anonymous spread.
struct RoundDTO: Encodable {
  var id: Int
  var study: String
  var number: Int
  var title: String
  var domains: [String]
  var facilitator: String
  var status: Round.Status
  var openedAt: String
  var closedAt: String?
  var previousRound: Int?
  /// Assessors who submitted at least one judgement.
  var assessors: Int
  /// Judgements submitted, revisions included.
  var judgements: Int

  init(_ round: Round, judgements: [RoundJudgement]) {
    id = round.id
    study = round.study
    number = round.number
    title = round.title
    domains = round.domainIDs
    facilitator = round.facilitator
    status = round.status
    openedAt = APIDates.format(round.openedAt)
    closedAt = round.closedAt.map(APIDates.format)
    previousRound = round.previousRoundID
    let relevant = judgements.filter { $0.roundID == round.id }
    assessors = Set(relevant.map(\.assessor)).count
    self.judgements = relevant.count
  }
}

/// `GET /api/v1/rounds`.
struct RoundListDTO: Encodable {
  var rounds: [RoundDTO]
}

/// `GET /api/v1/rounds/{id}`: the round, participation per domain (counts only), the next
/// round of the study, and once closed how the spread changed since the study's first round.
struct RoundDetailDTO: Encodable {
  struct Participation: Encodable {
    var domain: String
    /// Assessors whose judgement of the domain counts (each one's latest).
    var assessors: Int
    /// Judgements of the domain, revisions included.
    var submissions: Int
  }

  var round: RoundDTO
  var nextRound: Int?
  var participation: [Participation]
  var convergence: ConvergenceDTO?

  init(_ round: Round, judgements: [RoundJudgement], next: Round?, convergence: Convergence?) {
    self.round = RoundDTO(round, judgements: judgements)
    nextRound = next?.id
    participation = Delphi.participation(round: round, judgements: judgements).perDomain.map {
      Participation(domain: $0.domainID, assessors: $0.assessors.count, submissions: $0.submissions)
    }
    self.convergence = convergence.map(ConvergenceDTO.init)
  }

  enum Keys: String, CodingKey { case nextRound, participation, convergence }

  func encode(to encoder: any Encoder) throws {
    try round.encode(to: encoder)
    var container = encoder.container(keyedBy: Keys.self)
    try container.encodeIfPresent(nextRound, forKey: .nextRound)
    try container.encode(participation, forKey: .participation)
    try container.encodeIfPresent(convergence, forKey: .convergence)
  }
}

/// How the panel's spread changed from round to round (`Delphi.convergence`), anonymous.
struct ConvergenceDTO: Encodable {
  struct RoundRef: Encodable {
    var id: Int
    var number: Int
  }
  struct Spread: Encodable {
    var round: Int
    var n: Int
    var iqr: Double
    var pooledWidth: Double
    var median: Double
  }
  struct Change: Encodable {
    var from: Int
    var to: Int
    var iqr: Double
    var pooledWidth: Double
    var trend: Convergence.Trend
  }
  struct Row: Encodable {
    var domain: String
    var criterion: CriterionID
    /// The rounds (by number) in which someone scored the criterion.
    var spreads: [Spread]
    /// Between consecutive rounds that both have a spread.
    var changes: [Change]
  }
  struct Summary: Encodable {
    var from: Int
    var to: Int
    var narrowed: Int
    var widened: Int
    var unchanged: Int
    var compared: Int
  }

  var rounds: [RoundRef]
  var rows: [Row]
  var summaries: [Summary]

  init(_ c: Convergence) {
    let numbers = c.rounds.map(\.number)
    rounds = c.rounds.map { RoundRef(id: $0.id, number: $0.number) }
    rows = c.rows.map { row in
      Row(
        domain: row.domainID, criterion: row.criterion,
        spreads: row.spreads.enumerated().compactMap { i, s in
          s.map {
            Spread(
              round: numbers[i], n: $0.n, iqr: Format.rounded($0.iqr), pooledWidth: Format.rounded($0.pooledWidth),
              median: Format.rounded($0.median))
          }
        },
        changes: row.changes.enumerated().compactMap { i, change in
          change.map {
            Change(
              from: numbers[i], to: numbers[i + 1], iqr: Format.rounded($0.iqr),
              pooledWidth: Format.rounded($0.pooledWidth), trend: $0.trend)
          }
        })
    }
    summaries = c.summaries.map {
      Summary(
        from: $0.from, to: $0.to, narrowed: $0.narrowed, widened: $0.widened, unchanged: $0.unchanged,
        compared: $0.compared)
    }
  }
}
