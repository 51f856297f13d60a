import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesStore

/// Delphi rounds on the command line: the facilitator opens and closes rounds and reads
/// their status; assessors get a round as a YAML file, edit it, and send it back.
struct ElicitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "elicit",
    abstract: "Run Delphi rounds: open a round, export it for an assessor, import their answers, close, report.",
    discussion: """
      A round asks a panel to judge a set of domains. Each assessor's judgements are private while the \
      round is open; once it is closed, each sees the anonymous group distribution beside their own and \
      may revise in the study's next round. See docs/uncertainty.md, "Deliberation (Delphi rounds)".
      """,
    subcommands: [
      Open.self, List.self, Export.self, Import.self, Close.self, Status.self, Adopt.self, Revert.self,
    ])

  static func withStore<T: Sendable>(
    _ options: StoreOptions, _ body: (StoreRuntime) async throws -> T
  ) async throws -> T {
    try await StoreAccess.with(try options.settings(), body)
  }

  static func round(_ id: Int, in runtime: StoreRuntime) async throws -> Round {
    guard let round = try await runtime.deliberation.round(id: id) else { throw DeliberationError.roundNotFound(id) }
    return round
  }

  // MARK: - open

  struct Open: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Open a round for a set of domains (the next round of a study follows its latest, closed round).")

    @Option(
      name: .long,
      help: ArgumentHelp("The study grouping successive rounds (taken from --after when omitted).", valueName: "name"))
    var study: String?

    @Option(name: .long, help: ArgumentHelp("The round's title.", valueName: "text"))
    var title: String

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Comma-separated domain ids (repeatable; default with --after: the previous round's).", valueName: "ids"))
    var domains: [String] = []

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Who runs the round (default: the previous round's facilitator, else $USER).", valueName: "name"))
    var facilitator: String?

    @Option(
      name: .long,
      help: ArgumentHelp("The round this one follows: it must be its study's latest and be closed.", valueName: "round")
    )
    var after: Int?

    @Option(
      name: .long,
      help: ArgumentHelp(
        "The country pair the panel judges (default: the rubric's); a later round keeps its study's.",
        valueName: "pair"))
    var pair: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let ids = domains.flatMap { $0.split(separator: ",").map(String.init) }
      let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "facilitator"
      let round = try await ElicitCommand.withStore(store) { runtime in
        let rubric = try await runtime.repository.rubrics().last?.rubric ?? KnowledgeBase.rubric()
        let judged = try rubric.pair(named: pair, key: "--pair")
        var new = NewRound(
          study: study ?? "", title: title, domainIDs: ids, facilitator: facilitator ?? user, after: after,
          pair: judged == rubric.defaultPair ? nil : judged)
        // The next round of a study asks about the same domains, run by the same facilitator,
        // unless told otherwise.
        if let after, let previous = try await runtime.deliberation.round(id: after) {
          if ids.isEmpty { new.domainIDs = previous.domainIDs }
          if facilitator == nil { new.facilitator = previous.facilitator }
        }
        let issues = new.validate()
        if !issues.isEmpty {
          throw InputError(issues.map { InputIssue(key: "--\($0.key ?? "study")", message: $0.message) })
        }
        do {
          return try await runtime.deliberation.openRound(new)
        } catch DeliberationError.invalid(let error) {
          // Name the options, as the checks above do.
          throw InputError(error.issues.map { InputIssue(key: "--\($0.key ?? "study")", message: $0.message) })
        }
      }
      let arguments: [String: LocalizationArgument] = [
        "id": .text(String(round.id)), "study": .text(round.study), "number": .text(String(round.number)),
        "title": .text(round.title), "domains": .text(ElicitCommand.domains(round.domainIDs.count)),
        "ids": .text(round.domainIDs.joined(separator: ", ")), "facilitator": .text(round.facilitator),
        "pair": .text(round.pair.map { "\($0)" } ?? ""),
      ]
      Output.write(
        (round.pair == nil
          ? tr(
            "opened round {id}: {study}, round {number} “{title}” — {domains} ({ids}), facilitated by {facilitator}",
            arguments)
          : tr(
            "opened round {id}: {study}, round {number} “{title}” — {domains} ({ids}), facilitated by {facilitator}, judging {pair}",
            arguments)) + "\n")
      Output.note(
        tr(
          "next: safezones elicit export {id} --assessor NAME --out NAME.yaml  (one file per assessor)",
          ["id": .text(String(round.id))]))
    }
  }

  // MARK: - list

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the rounds, by study.")

    @Option(name: .long, help: ArgumentHelp("Only this study's rounds.", valueName: "name"))
    var study: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let rows = try await ElicitCommand.withStore(store) { runtime in
        var rows: [[String]] = []
        for r in try await runtime.deliberation.rounds(study: study) {
          let judgements = try await runtime.deliberation.judgements(round: r.id)
          rows.append([
            String(r.id), r.study, String(r.number), r.title, r.status.rawValue, String(r.domainIDs.count),
            String(Set(judgements.map(\.assessor)).count), Self.day(r.openedAt), r.closedAt.map(Self.day) ?? "",
          ])
        }
        return rows
      }
      if rows.isEmpty {
        Output.write(
          (study == nil ? tr("no rounds yet") : tr("no rounds in the study '{study}'", ["study": .text(study!)])) + "\n"
        )
        return
      }
      Output.write(
        TextOutput.table(
          headers: [
            tr("id"), tr("study"), tr("round"), tr("title"), tr("status"), tr("domains"), tr("assessors"), tr("opened"),
            tr("closed"),
          ], rows: rows,
          rightAligned: [0, 2, 5, 6]))
    }

    static func day(_ date: Date) -> String { Day(date).description }
  }

  // MARK: - export

  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Write a round as a YAML file for one assessor to edit (prefilled; the previous round's group in comments).")

    @Argument(help: ArgumentHelp("The round id.", valueName: "round"))
    var round: Int

    @Option(name: .long, help: ArgumentHelp("Who will answer.", valueName: "name"))
    var assessor: String

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
      if assessor.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        throw InputError(InputIssue(key: "--assessor", message: tr("name who will answer")))
      }
      let (sheet, text) = try await ElicitCommand.withStore(store) { runtime in
        let delphi = runtime.deliberation
        let round = try await ElicitCommand.round(self.round, in: runtime)
        var previous: Round?
        var previousJudgements: [RoundJudgement] = []
        if let id = round.previousRoundID, let p = try await delphi.round(id: id) {
          previous = p
          previousJudgements = try await delphi.judgements(round: p.id)
        }
        var domains: [Domain] = []
        let rubric = try await runtime.repository.rubrics().last?.rubric ?? KnowledgeBase.rubric()
        for id in round.domainIDs {
          // The round's pair's judgements only: "current" is that pair's current assessment.
          if let d = try await runtime.repository.domain(id: id) {
            domains.append(d.judging(round.pair ?? rubric.defaultPair, default: rubric.defaultPair))
          }
        }
        let sheet = try AnswerSheet.make(
          round: round, domains: domains, judgements: try await delphi.judgements(round: round.id), previous: previous,
          previousJudgements: previousJudgements, assessor: assessor, date: Day(Date()))
        return (sheet, sheet.yaml())
      }
      if let out {
        try Output.save(text, to: out)
        Output.note(
          tr(
            "wrote {file}: {domains} of round {id} for {assessor}; send it back with: safezones elicit import {file} --round {id}",
            [
              "file": .text(out), "domains": .text(ElicitCommand.domains(sheet.entries.count)),
              "id": .text(String(sheet.round.id)), "assessor": .text(sheet.assessor),
            ]))
      } else {
        Output.write(text)
      }
      if sheet.round.status == .closed {
        Output.note(
          tr("note: round {id} is closed and accepts no answers", ["id": .text(String(sheet.round.id))]))
      }
    }
  }

  // MARK: - import

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import an assessor's answers into an open round (all or nothing).")

    @Argument(help: ArgumentHelp("The answer file (a domain file, as written by `elicit export`).", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The round id.", valueName: "round"))
    var round: Int

    @OptionGroup var store: StoreOptions

    func run() async throws {
      // Parse first (every problem with its line), then check against the round.
      let text = try DomainLoader.read(path: file)
      let domains = try DomainLoader.parse(text, file: file)
      let (round, stored) = try await ElicitCommand.withStore(store) { runtime in
        let round = try await ElicitCommand.round(self.round, in: runtime)
        guard round.isOpen else { throw DeliberationError.roundClosed(round.id) }
        var issues: [InputIssue] = []
        var judgements: [RoundJudgement] = []
        for (i, domain) in domains.enumerated() {
          guard round.domainIDs.contains(domain.id) else {
            issues.append(
              InputIssue(
                file: file, line: Self.line(ofDomain: domain.id, in: text), key: "domains[\(i)].id",
                message: tr(
                  "'{domain}' is not one of round {id}'s domains ({ids})",
                  [
                    "domain": .text(domain.id), "id": .text(String(round.id)),
                    "ids": .text(round.domainIDs.joined(separator: ", ")),
                  ])))
            continue
          }
          for assessment in domain.assessments {
            judgements.append(RoundJudgement(assessment, roundID: round.id, domainID: domain.id))
          }
        }
        if !issues.isEmpty { throw InputError(issues) }
        do {
          return (round, try await runtime.deliberation.submit(judgements))
        } catch DeliberationError.invalid(let error) {
          // Locate what the store refused at the domain's entry in the file.
          throw InputError(
            error.issues.map { issue in
              var issue = issue
              if let key = issue.key, key.hasPrefix("judgements["),
                let index = Int(key.dropFirst("judgements[".count).prefix { $0.isNumber }), index < judgements.count
              {
                issue.file = file
                issue.line = Self.line(ofDomain: judgements[index].domainID, in: text)
              } else if judgements.count == 1 {
                issue.file = file
                issue.line = Self.line(ofDomain: judgements[0].domainID, in: text)
              }
              return issue
            })
        }
      }
      let assessors = Set(stored.map(\.assessor)).sorted()
      Output.write(
        tr(
          "imported {file} into round {id} ({study}, round {number}): {judgements} by {assessors} ({domains})",
          [
            "file": .text(file), "id": .text(String(round.id)), "study": .text(round.study),
            "number": .text(String(round.number)), "judgements": .text(ElicitCommand.judgements(stored.count)),
            "assessors": .text(assessors.joined(separator: ", ")),
            "domains": .text(stored.map(\.domainID).joined(separator: ", ")),
          ]) + "\n")
    }

    /// The 1-based line of `- id: <id>` in a YAML file (or `"id": "<id>"` in JSON).
    static func line(ofDomain id: String, in text: String) -> Int? {
      let escaped = NSRegularExpression.escapedPattern(for: id)
      guard
        let pattern = try? NSRegularExpression(
          pattern: "^\\s*(-\\s*)?[\"']?id[\"']?\\s*:\\s*[\"']?\(escaped)[\"']?\\s*(#.*)?,?\\s*$", options: [])
      else { return nil }
      for (i, line) in text.components(separatedBy: "\n").enumerated() {
        let ns = line as NSString
        if pattern.firstMatch(in: line, range: NSRange(location: 0, length: ns.length)) != nil { return i + 1 }
      }
      return nil
    }
  }

  // MARK: - close

  struct Close: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Close a round (final): no more answers; assessors can then see the group's feedback.")

    @Argument(help: ArgumentHelp("The round id.", valueName: "round"))
    var round: Int

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let (closed, judgements) = try await ElicitCommand.withStore(store) { runtime in
        let closed = try await runtime.deliberation.closeRound(id: round)
        return (closed, try await runtime.deliberation.judgements(round: round))
      }
      let assessors = Set(judgements.map(\.assessor)).count
      Output.write(
        tr(
          "closed round {id} ({study}, round {number} “{title}”): {judgements} by {assessors}",
          [
            "id": .text(String(closed.id)), "study": .text(closed.study), "number": .text(String(closed.number)),
            "title": .text(closed.title), "judgements": .text(ElicitCommand.judgements(judgements.count)),
            "assessors": .text(ElicitCommand.assessors(assessors)),
          ]) + "\n")
    }
  }

  // MARK: - status

  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show a round's participation and, once closed, the spread per criterion and its change since the previous round."
    )

    @Argument(help: ArgumentHelp("The round id.", valueName: "round"))
    var round: Int

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let text = try await ElicitCommand.withStore(store) { runtime in
        let delphi = runtime.deliberation
        let round = try await ElicitCommand.round(self.round, in: runtime)
        let judgements = try await delphi.judgements(round: round.id)
        let convergence = round.isOpen ? nil : try Delphi.convergence(try await delphi.history(upTo: round))
        let previous = try await round.previousRoundID.asyncMap { try await delphi.round(id: $0) } ?? nil
        return Self.render(round: round, judgements: judgements, previous: previous, convergence: convergence)
      }
      Output.write(text)
    }

    static func render(
      round r: Round, judgements: [RoundJudgement], previous: Round?, convergence: Convergence?
    ) -> String {
      var out: [String] = []
      out.append(
        tr(
          "{study}, round {number} “{title}” (id {id}): {status}",
          [
            "study": .text(r.study), "number": .text(String(r.number)), "title": .text(r.title),
            "id": .text(String(r.id)), "status": .text(r.status.rawValue),
          ]))
      var line = tr(
        "facilitator {name}; opened {time}", ["name": .text(r.facilitator), "time": .text(ViewText.time(r.openedAt))])
      if let closed = r.closedAt { line += tr("; closed {time}", ["time": .text(ViewText.time(closed))]) }
      if let previous {
        line += tr(
          "; follows round {number} (id {id})",
          ["number": .text(String(previous.number)), "id": .text(String(previous.id))])
      }
      out.append(line)
      out.append("")
      let p = Delphi.participation(round: r, judgements: judgements)
      out.append(
        tr(
          "participation: {assessors}, {judgements} (revisions included)",
          [
            "assessors": .text(ElicitCommand.assessors(p.assessors.count)),
            "judgements": .text(ElicitCommand.judgements(judgements.count)),
          ]))
      out.append(
        TextOutput.table(
          headers: [tr("domain"), tr("assessors"), tr("submissions"), tr("names")],
          rows: p.perDomain.map {
            [$0.domainID, String($0.assessors.count), String($0.submissions), $0.assessors.joined(separator: ", ")]
          },
          rightAligned: [1, 2]))
      guard let c = convergence, let last = c.rounds.last, last.id == r.id else {
        out.append(tr("convergence: reported when the round closes"))
        return out.joined(separator: "\n") + "\n"
      }
      let i = c.rounds.count - 1
      let f = { (v: Double?) in v.map { Format.fixed($0, digits: 2) } ?? "—" }
      if i >= 1, let s = c.latest {
        let a = c.rounds[i - 1].number
        out.append(
          tr(
            "convergence (round {before} → round {after}): {narrowed} narrowed, {widened} widened, {unchanged} unchanged, of {compared} criteria scored in both rounds",
            [
              "before": .text(String(a)), "after": .text(String(r.number)), "narrowed": .text(String(s.narrowed)),
              "widened": .text(String(s.widened)), "unchanged": .text(String(s.unchanged)),
              "compared": .text(String(s.compared)),
            ]))
        let rows = c.rows.compactMap { row -> [String]? in
          let before = row.spreads[i - 1]
          let after = row.spreads[i]
          guard before != nil || after != nil else { return nil }
          let change = row.changes[i - 1]
          return [
            row.domainID, row.criterion.rawValue,
            "\(before.map { String($0.n) } ?? "—")→\(after.map { String($0.n) } ?? "—")",
            f(before?.iqr), f(after?.iqr), change.map { Format.fixed($0.iqr, digits: 2) } ?? "—",
            f(before?.pooledWidth), f(after?.pooledWidth),
            change.map { Format.fixed($0.pooledWidth, digits: 2) } ?? "—",
            change?.trend.rawValue ?? tr("not comparable"),
          ]
        }
        out.append(
          TextOutput.table(
            headers: [
              tr("domain"), tr("criterion"), "n", "IQR \(a)", "IQR \(r.number)", tr("change"), "90% \(a)",
              "90% \(r.number)", tr("change"), tr("trend"),
            ],
            rows: rows, rightAligned: [2, 3, 4, 5, 6, 7, 8]))
      } else {
        out.append(
          tr("spread in round {number} (no previous round to compare with):", ["number": .text(String(r.number))]))
        let rows = c.rows.compactMap { row -> [String]? in
          guard let s = row.spreads[i] else { return nil }
          return [row.domainID, row.criterion.rawValue, String(s.n), f(s.median), f(s.iqr), f(s.pooledWidth)]
        }
        out.append(
          TextOutput.table(
            headers: [tr("domain"), tr("criterion"), "n", tr("median"), "IQR", tr("90% width")], rows: rows,
            rightAligned: [2, 3, 4, 5])
        )
      }
      out.append(
        tr(
          "IQR: interquartile range of the assessors' most likely values; 90%: width of the pooled distribution's 5th–95th percentile band."
        ))
      return out.joined(separator: "\n") + "\n"
    }
  }

  // MARK: - adopt

  struct Adopt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a closed round's pooled judgement as a new assessment of each domain it judged.")

    @Argument(help: ArgumentHelp("The round id.", valueName: "round"))
    var round: Int

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let (round, adopted) = try await ElicitCommand.withStore(store) { runtime in
        let round = try await ElicitCommand.round(self.round, in: runtime)
        return (
          round, try await runtime.deliberation.adopt(round: round.id, into: runtime.repository, date: Day(Date()))
        )
      }
      if adopted.isEmpty {
        Output.write(
          tr(
            "nothing to adopt: every domain of round {id} already holds its panel's judgement",
            ["id": .text(String(round.id))]) + "\n")
      } else {
        Output.write(
          tr(
            "adopted round {id}'s pooled judgement as “{panel}”: {domains}",
            [
              "id": .text(String(round.id)), "panel": .text(Delphi.panelName(round)),
              "domains": .text(adopted.map { ElicitCommand.version($0.domainID, $0.version) }.joined(separator: ", ")),
            ]) + "\n")
      }
    }
  }
}

extension ElicitCommand {
  /// Undoes an adoption: each domain still holding the round's judgement gets a new
  /// assessment restoring the one before it (the panel's stays in the history).
  struct Revert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Revert the adoption of a round's judgement: restore each domain's assessment from before it.",
      discussion: """
        Only a domain whose current assessment is still the round's adopted judgement can be \
        reverted (a later assessment would be discarded otherwise). The restoring assessment is \
        dated today and signed --as NAME (default $USER); its note says what it restores.
        """)

    @Argument(help: ArgumentHelp("The round id.", valueName: "round"))
    var round: Int

    @Option(name: .customLong("domain"), help: ArgumentHelp("Revert only this domain (repeatable).", valueName: "id"))
    var domains: [String] = []

    @Option(name: .customLong("as"), help: ArgumentHelp("Who signs the restoring assessments.", valueName: "name"))
    var signer: String?

    @OptionGroup var store: StoreOptions

    func run() async throws {
      let user = ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "facilitator"
      let by = (signer ?? user).trimmingCharacters(in: .whitespaces)
      guard !by.isEmpty else { throw ValidationError(tr("--as: give the name that signs the restoring assessments")) }
      let reverted = try await ElicitCommand.withStore(store) { runtime in
        let round = try await ElicitCommand.round(self.round, in: runtime)
        let rubric = try await runtime.repository.rubrics().last?.rubric ?? KnowledgeBase.rubric()
        return try await runtime.deliberation.revertAdoption(
          round: round.id, domainIDs: domains, into: runtime.repository, rubric: rubric, by: by, date: Day(Date()))
      }
      if reverted.isEmpty {
        Output.write(
          tr(
            "nothing to revert: no domain of round {id} holds its adopted judgement as its current assessment",
            ["id": .text(String(round))]) + "\n")
      } else {
        Output.write(
          tr(
            "reverted the adoption of round {id}: {domains}",
            [
              "id": .text(String(round)),
              "domains": .text(reverted.map { ElicitCommand.version($0.domainID, $0.version) }.joined(separator: ", ")),
            ]) + "\n")
      }
    }
  }
}

extension ElicitCommand {
  /// "3 domains" in the language in view.
  static func domains(_ n: Int) -> String {
    n == 1 ? tr("{count} domain", ["count": .text(String(n))]) : tr("{count} domains", ["count": .text(String(n))])
  }

  /// "3 judgements" in the language in view.
  static func judgements(_ n: Int) -> String {
    n == 1
      ? tr("{count} judgement", ["count": .text(String(n))]) : tr("{count} judgements", ["count": .text(String(n))])
  }

  /// "3 assessors" in the language in view.
  static func assessors(_ n: Int) -> String {
    n == 1 ? tr("{count} assessor", ["count": .text(String(n))]) : tr("{count} assessors", ["count": .text(String(n))])
  }

  /// "quantum-basic (version 3)".
  static func version(_ id: String, _ version: Int) -> String {
    tr("{id} (version {version})", ["id": .text(id), "version": .text(String(version))])
  }
}

/// Times in command output: `2026-11-29 14:03 UTC`.
enum ViewText {
  static func time(_ date: Date) -> String { Format.utcMinute(date) }
}

extension Optional {
  fileprivate func asyncMap<U>(_ transform: (Wrapped) async throws -> U) async rethrows -> U? {
    guard let self else { return nil }
    return try await transform(self)
  }
}
