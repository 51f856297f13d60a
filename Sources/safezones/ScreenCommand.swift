import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesKnowledge
import SafeZonesWeb

/// Screens proposed collaborations: the domains and technology categories each aim touches,
/// its placement, the proposal's placement set by its most sensitive aim, actions and checks;
/// writes the record as a document, saves a decision in the store, or lists the decisions
/// that need re-review.
struct ScreenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen",
    abstract: "Screen a proposal (or several): domains and categories per aim, placement, actions, checks.",
    discussion: """
      FILE holds one proposal under 'proposal:' or several under 'proposals:' (YAML or JSON; \\
      docs/screening.md). Matching is offline and explained: every domain and category comes with \\
      the words that matched. When nothing matches an aim well, the screening says so instead of \\
      guessing.

      --out FILE.html writes a print-ready document of the screening; with --decision, --rationale \\
      and --reviewer it is a decision record with its SHA-256. --save stores the decision in the \\
      store (--data/--database), screened against the store's domains, as the next version of the \\
      proposal's decisions. --due lists the stored decisions whose ground moved (a domain changed \\
      quadrant, a taxonomy changed version).
      """)

  @Argument(help: ArgumentHelp("The proposal file.", valueName: "file"))
  var file: String?

  @Option(name: .long, help: "Output format: text or json.")
  var format: Format = .text

  @Option(name: .long, help: ArgumentHelp("Write the screening (or decision record) as HTML here.", valueName: "file"))
  var out: String?

  @Option(name: .long, help: ArgumentHelp("Which proposal of the file (when it holds several).", valueName: "id"))
  var proposal: String?

  @Option(
    name: .long,
    help: ArgumentHelp("The decision: \(ScreeningDecision.list).", valueName: "decision"))
  var decision: String?

  @Option(name: .long, help: ArgumentHelp("The decision's conditions.", valueName: "text"))
  var conditions: String = ""

  @Option(name: .long, help: ArgumentHelp("Why (required with --decision).", valueName: "text"))
  var rationale: String = ""

  @Option(name: .long, help: ArgumentHelp("Who decides (required with --decision).", valueName: "name"))
  var reviewer: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Check partners against the lists in this CSV (name,aliases,country,list,source,date) instead of the store's.",
      valueName: "file"))
  var partners: String?

  @Flag(name: .long, help: "Store the decision (needs --decision) in the store.")
  var save = false

  @Flag(name: .long, help: "List the stored decisions that need re-review, and why.")
  var due = false

  @OptionGroup var common: CommonOptions
  @OptionGroup var store: StoreOptions

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

  struct Document: Encodable { var proposals: [ProposalScreening] }

  func validate() throws {
    if due {
      if file != nil { throw ValidationError(tr("--due lists stored decisions; it takes no file")) }
      if decision != nil || save || out != nil || partners != nil {
        throw ValidationError(tr("--due does not go with --decision, --save, --out or --partners"))
      }
      return
    }
    guard file != nil else { throw ValidationError(tr("name the proposal file (or use --due)")) }
    if save && decision == nil {
      throw ValidationError(tr("--save needs --decision ({decisions})", ["decisions": .text(ScreeningDecision.list)]))
    }
    if decision != nil && out == nil && !save {
      throw ValidationError(tr("--decision needs --out FILE.html (a record document) or --save (the store)"))
    }
  }

  func run() async throws {
    if due { return try await listDue() }
    let proposals = try ProposalLoader.load(path: file ?? "")
    let chosen = try choose(proposals)
    let taxonomies = try KnowledgeBase.taxonomies()
    let decided = try parsedDecision()
    let fileLists = try partners.map { path in
      try ScreeningRecords.partnerLists(csv: try DomainLoader.read(path: path), file: path)
    }

    if save, let decided, let one = chosen.first {
      let settings = try store.settings()
      let record = try await StoreAccess.with(settings) { runtime in
        let inView = try common.loadRubric().countries
        let stored = try await runtime.repository.rubrics().last?.rubric.scoped(to: inView)
        let scope = PairScope(
          inView, rubric: try stored ?? common.loadRubric(), domains: try await runtime.repository.allDomains())
        let rubric = scope.rubric
        let placed = Output.placed(scope.domains, rubric: rubric)
        let screener = try ProposalScreener(placed: placed, rubric: rubric, taxonomies: taxonomies)
        var lists = fileLists ?? []
        if fileLists == nil { lists = try await runtime.repository.decisions.partnerLists() }
        let draft = ScreeningRecords.draft(
          proposal: one,
          // A record is data, kept and hashed in the code's English whatever --lang says.
          screening: Localization.with(nil) { screener.screen(one).checkingPartners(against: lists) },
          decision: decided,
          conditions: conditions, rationale: rationale, reviewer: reviewer ?? "", date: Day(Date()), rubric: rubric,
          knowledgeBase: ScreeningRecords.storeKnowledgeBase(revision: try await runtime.repository.revision()),
          taxonomies: taxonomies, placed: placed, partnerLists: lists)
        try Self.check(draft)
        return (try await runtime.repository.decisions.save(draft), rubric)
      }
      if let out { try Output.save(RecordDocument.html(record.0, thresholds: record.1.thresholds), to: out) }
      Output.write(
        tr(
          "Saved decision {proposal} version {version}: {decision} (sha256 {sha256})",
          [
            "proposal": .text(record.0.proposalID), "version": .text(String(record.0.version)),
            "decision": .text(record.0.draft.decision.label), "sha256": .text(record.0.sha256),
          ]) + "\n")
      return
    }

    let rubric = try common.loadRubric()
    let placed = Output.placed(try shippedDomains(rubric), rubric: rubric)
    let screener = try ProposalScreener(placed: placed, rubric: rubric, taxonomies: taxonomies)
    let lists = fileLists ?? []
    // Records, their hashes and JSON are data in the code's English; only the text report
    // follows --lang.
    let screenings = Localization.with(nil) { chosen.map { screener.screen($0).checkingPartners(against: lists) } }
    if let out, let one = chosen.first, let screening = screenings.first {
      let knowledgeBase = try ScreeningRecords.shippedKnowledgeBase()
      if let decided {
        let draft = ScreeningRecords.draft(
          proposal: one, screening: screening, decision: decided, conditions: conditions, rationale: rationale,
          reviewer: reviewer ?? "", date: Day(Date()), rubric: rubric, knowledgeBase: knowledgeBase,
          taxonomies: taxonomies, placed: placed, partnerLists: lists)
        try Self.check(draft)
        try Output.save(
          RecordDocument.html(try ScreeningRecords.unsaved(draft), thresholds: rubric.thresholds), to: out)
      } else {
        try Output.save(
          RecordDocument.html(
            screening: screening, proposal: one,
            versions: KnowledgeVersions(
              rubric: rubric.version, knowledgeBase: knowledgeBase,
              taxonomies: ScreeningRecords.versions(of: taxonomies),
              partnerLists: ScreeningRecords.versions(of: lists)),
            sha256: try ScreeningRecords.sha256(of: screening, proposal: one), thresholds: rubric.thresholds),
          to: out)
      }
    }
    switch format {
    case .json:
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(Document(proposals: screenings)))
      Output.write("\n")
    case .text:
      let shown =
        Localization.current == nil ? screenings : chosen.map { screener.screen($0).checkingPartners(against: lists) }
      Output.write(shown.map(Self.text).joined(separator: "\n"))
    }
  }

  /// The proposals to work on: all, or the one `--proposal` names; one only when a record
  /// is written or saved.
  func choose(_ proposals: [Proposal]) throws -> [Proposal] {
    var chosen = proposals
    if let id = proposal {
      chosen = proposals.filter { $0.id == id }
      if chosen.isEmpty {
        throw InputError(
          InputIssue(
            key: "--proposal",
            message: tr(
              "the file holds no proposal '{id}'; it has {ids}",
              ["id": .text(TextLimits.preview(id)), "ids": .text(proposals.map(\.id).joined(separator: ", "))])))
      }
    }
    if (out != nil || save) && chosen.count > 1 {
      throw InputError(
        InputIssue(
          key: "--proposal",
          message: tr(
            "the file holds {count} proposals; choose one for the record with --proposal ({ids})",
            ["count": .text(String(chosen.count)), "ids": .text(chosen.map(\.id).joined(separator: ", "))])))
    }
    return chosen
  }

  func parsedDecision() throws -> ScreeningDecision? {
    guard let decision else { return nil }
    switch ScreeningDecision.parse(decision, key: "--decision") {
    case .success(let d): return d
    case .failure(let issue): throw InputError(issue)
    }
  }

  /// Refuses a draft with problems, naming the options to fix.
  static func check(_ draft: DecisionDraft) throws {
    let issues = draft.validate().map { issue in
      var i = issue
      if let key = i.key, ["rationale", "conditions", "reviewer"].contains(key) { i.key = "--" + key }
      return i
    }
    if !issues.isEmpty { throw InputError(issues) }
  }

  func listDue() async throws {
    let taxonomies = try KnowledgeBase.taxonomies()
    // JSON is data in the code's English; the table follows --lang.
    let settings = try store.settings()
    let due = try await Localization.with(format == .json ? nil : Localization.current) {
      try await StoreAccess.with(settings) { runtime in
        let domains = try await runtime.repository.allDomains()
        let rubric = try await runtime.repository.rubrics().last?.rubric ?? common.loadRubric()
        let records = try await runtime.repository.decisions.allRecords()
        // Each record against the pair it was decided for.
        func placed(_ pair: CountryPair) -> [String: PlacedDomain] {
          let scope = PairScope(pair, rubric: rubric, domains: domains)
          return Dictionary(
            Output.placed(scope.domains, rubric: scope.rubric).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var others: [String: [String: PlacedDomain]] = [:]
        for id in Set(records.compactMap(\.draft.versions.pair)) {
          if let pair = CountryPair(id: id), rubric.pairs.contains(pair) { others[id] = placed(pair) }
        }
        return ReReview.due(
          records, placed: placed(rubric.defaultPair), taxonomies: ScreeningRecords.versions(of: taxonomies),
          partnerLists: ScreeningRecords.versions(of: try await runtime.repository.decisions.partnerLists()),
          placedByPair: others)
      }
    }
    switch format {
    case .json:
      struct DueDocument: Encodable { var due: [ReReview] }
      FileHandle.standardOutput.write(try StableJSONEncoder().encode(DueDocument(due: due)))
      Output.write("\n")
    case .text:
      if due.isEmpty {
        Output.write(
          tr(
            "No decision needs re-review: the domains they rest on are where they were, and the taxonomies unchanged.")
            + "\n")
        return
      }
      for d in due {
        Output.write(
          tr(
            "{proposal} version {version}: {title} — {decision} on {date} by {reviewer}",
            [
              "proposal": .text(d.proposalID), "version": .text(String(d.version)), "title": .text(d.title),
              "decision": .text(d.decision.label.lowercased()), "date": .text("\(d.date)"),
              "reviewer": .text(d.reviewer),
            ]) + "\n" + d.reasons.map { "  - \($0)\n" }.joined())
      }
    }
  }

  static func matches(_ list: [ScreeningMatch]) -> String {
    list.map { m in
      "\(m.taxonomy.map { "\($0)/" } ?? "")\(m.id) "
        + tr(
          "({score}; matched: {terms})",
          [
            "score": .text(SafeZonesCore.Format.fixed(m.score, digits: 2)),
            "terms": .text(m.matchedTerms.joined(separator: ", ")),
          ])
    }.joined(separator: Localization.language.usesCJKScript ? "；" : "; ")
  }

  static func text(_ s: ProposalScreening) -> String {
    let f = { (v: Double) in SafeZonesCore.Format.fixed(v) }
    var out = tr("Proposal {id}: {title}", ["id": .text(s.id), "title": .text(s.title)]) + "\n"
    if let o = s.overall {
      out +=
        tr(
          "Overall: {quadrant} (gains {gains}, risk {risk}), set by its most sensitive aim, {aim}",
          [
            "quadrant": .text(o.quadrant.label), "gains": .text(f(o.gains)), "risk": .text(f(o.risk)),
            "aim": .text(o.mostSensitiveAim),
          ]) + "\n"
    } else {
      out += tr("Overall: not placed — no domain matched any aim well enough (the screening does not guess)") + "\n"
    }
    if let strategy = s.strategy { out += tr("Strategy: {headline}", ["headline": .text(strategy)]) + "\n" }
    out += "\n" + tr("Aims") + "\n"
    for aim in s.aims {
      if let p = aim.placement {
        out +=
          "  \(aim.id): "
          + tr(
            "{quadrant} (gains {gains}, risk {risk}; the matched domains' risk runs {low}–{high})",
            [
              "quadrant": .text(p.quadrant.label), "gains": .text(f(p.gains)), "risk": .text(f(p.risk)),
              "low": .text(f(p.riskRange[0])), "high": .text(f(p.riskRange[1])),
            ]) + "\n"
      } else {
        out += "  \(aim.id): " + tr("not placed — no domain matched it well") + "\n"
      }
      if !aim.domains.isEmpty { out += "    " + tr("domains: {list}", ["list": .text(matches(aim.domains))]) + "\n" }
      if !aim.categories.isEmpty {
        out += "    " + tr("categories: {list}", ["list": .text(matches(aim.categories))]) + "\n"
      }
    }
    out += "\n" + tr("The whole proposal") + "\n"
    out +=
      "  " + tr("domains: {list}", ["list": .text(s.domains.isEmpty ? tr("none matched well") : matches(s.domains))])
      + "\n"
    out +=
      "  "
      + tr(
        "categories: {list}", ["list": .text(s.categories.isEmpty ? tr("none matched well") : matches(s.categories))])
      + "\n"
    if !s.partners.isEmpty {
      let partners = s.partners.map { partner -> String in
        let found = partner.matches.map { m in
          let arguments: [String: LocalizationArgument] = [
            "list": .text(m.list), "organisation": .text(m.organisation),
          ]
          return m.kind == .match
            ? tr("listed on {list} as {organisation}", arguments)
            : tr("near miss on {list} as {organisation}", arguments)
        }
        return "\(partner.name)\(partner.country.map { " (\($0))" } ?? "")"
          + (found.isEmpty ? "" : " — " + found.joined(separator: ", "))
      }
      out +=
        "  " + tr("partners: {list}", ["list": .text(partners.joined(separator: "; "))]) + "\n"
    }
    if !s.actions.isEmpty { out += "\n" + tr("Actions") + "\n" + s.actions.map { "  - \($0)\n" }.joined() }
    if !s.checks.isEmpty { out += "\n" + tr("Check next") + "\n" + s.checks.map { "  - \($0)\n" }.joined() }
    return out
  }
}
