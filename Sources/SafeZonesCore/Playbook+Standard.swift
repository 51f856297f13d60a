extension Precedent {
  static let cerc = Precedent(
    example: "US–China Clean Energy Research Center (CERC)",
    passage:
      "Outlining a policy strategy: CERC was productive, and bigger scale and steadier commitment would have multiplied its impact"
  )
  static let carbonCapture = Precedent(
    example: "DOE carbon capture and sequestration programmes",
    passage:
      "Outlining a policy strategy: CCS work moved from integrated cross-border projects to separate but coordinated ones when relations soured, spread from West Virginia to New Mexico"
  )
  static let zoonotic = Precedent(
    example: "COVID-19 origins reframed as control of future zoonotic disease",
    passage:
      "Outlining a policy strategy: a joint programme on future zoonotic diseases instead of a joint study of COVID-19's origins"
  )
  static let quantum = Precedent(
    example: "Fundamental quantum physics versus quantum encryption",
    passage:
      "Beyond specific technologies: basic ideas sit in the lower right, the security application in the upper left")
  static let solidEarth = Precedent(
    example: "Solid-earth physics informing missile guidance",
    passage: "A framework for cooperation: fundamental domains can migrate north-west as applications appear")
  static let gridDevices = Precedent(
    example: "Huawei equipment and networked grid devices",
    passage:
      "Outlining a policy strategy: hidden capabilities in circuit breakers, transformers and other networked critical devices"
  )
  static let batteries = Precedent(
    example: "Lithium-based batteries",
    passage:
      "A framework for cooperation: where one side dominates, even fundamental joint research is met with scepticism")
  static let windAerospace = Precedent(
    example: "Wind energy and aerospace",
    passage: "A framework for cooperation: mature technologies close to the market yield low joint gains")
  static let solarScale = Precedent(
    example: "Solar photovoltaics",
    passage:
      "Beyond specific technologies: cooperation on ideas plus manufacturing scale cut prices by 90% in a decade; fragmentation is raising them again"
  )
  static let belgrade = Precedent(
    example: "1999 Belgrade embassy bombing",
    passage:
      "A framework for cooperation: what matters is the capacity to contain political damage, as the compensation agreement did"
  )
  static let space = Precedent(
    example: "Civilian space stations and lunar bases",
    passage:
      "Beyond specific technologies: an early congressional ban produced parallel programmes instead of a joint one")
  static let exportControls = Precedent(
    example: "Over-broad dual-use definitions (wind-farm investment, encryption exports)",
    passage: "Beyond specific technologies: expansive dual-use interpretations isolate a country from ideas and markets"
  )
  static let deliberation = Precedent(
    example: "Deliberation by practical-minded scientists and administrators",
    passage: "Introduction: deliberation in both countries can help governments coordinate joint action")
}

extension Precedent {
  /// The catalogue name of each shipped precedent (`precedent.<name>.example`).
  static let catalogueNames: [Precedent: String] = [
    .cerc: "cerc", .carbonCapture: "carbon-capture", .zoonotic: "zoonotic", .quantum: "quantum",
    .solidEarth: "solid-earth", .gridDevices: "grid-devices", .batteries: "batteries",
    .windAerospace: "wind-aerospace", .solarScale: "solar-scale", .belgrade: "belgrade", .space: "space",
    .exportControls: "export-controls", .deliberation: "deliberation",
  ]
}

extension Playbook {
  /// The playbook that follows the essay. Wording is SafeZones' own; each rule cites the
  /// essay example it rests on.
  public static let standard = Playbook(
    stances: [
      .safeZone: Stance(
        quadrant: .safeZone,
        headline: "Pursue integrated, cross-border cooperation and commit to it",
        summary:
          "The most viable and durable ground: build joint programmes, scale them up and fund them reliably over many years, since half-hearted commitment forfeits most of the gain.",
        precedent: .cerc),
      .politicalEngineering: Stance(
        quadrant: .politicalEngineering,
        headline: "Cooperate with political engineering",
        summary:
          "Large gains steeped in risk: give the work powerful domestic constituencies in both countries, spread its benefits across regions, reframe its scope toward lower risk, and be ready to switch from integrated to separate-but-coordinated work when relations turn rough.",
        precedent: .carbonCapture),
      .monitor: Stance(
        quadrant: .monitor,
        headline: "Do not build joint programmes; monitor",
        summary:
          "The most problematic ground, with the lowest expectations: watch for openings, invest in verification and in reducing one's own vulnerabilities rather than in joint work.",
        precedent: .gridDevices),
      .traditional: Stance(
        quadrant: .traditional,
        headline: "Cooperate in the traditional way, without spending political capital",
        summary:
          "Modest gains at low risk: ordinary exchanges are fine and unlikely to provoke a backlash, but they are not where scarce political capital or large budgets should go.",
        precedent: .windAerospace),
    ],
    rules: [
      PlaybookRule(
        id: "firewall-applications",
        when: .all([.atLeast(.military, 2.5), .any([.highGains, .atLeast(.fundamentality, 2.5)])]),
        title: "Confine joint work to the fundamental part and firewall the applications",
        detail:
          "Cooperate on the open, basic questions and keep weapon-relevant applications out of the joint scope by design: separate teams, no shared application data, publication-first outputs.",
        precedent: .quantum),
      PlaybookRule(
        id: "watch-north-west",
        when: .all([.atLeast(.fundamentality, 3), .atLeast(.military, 1.5), .atMost(.military, 3)]),
        title: "Watch for migration toward military use",
        detail:
          "Fundamental work with emerging defence relevance can move north-west on the map; re-assess on a fixed schedule and agree in advance which results would end joint work.",
        precedent: .solidEarth),
      PlaybookRule(
        id: "build-constituencies",
        when: .all([.highGains, .any([.atMost(.stakeholderSupport, 2), .highRisk])]),
        title: "Build constituencies in both countries and spread benefits across regions",
        detail:
          "Fund partners in many states or provinces, involve industry and local universities, so that domestic supporters on each side will defend the work through rough periods.",
        precedent: .carbonCapture),
      PlaybookRule(
        id: "separate-but-coordinated",
        when: .inQuadrant([.politicalEngineering]),
        title: "Prepare a separate-but-coordinated structure",
        detail:
          "Design the collaboration so that it can fall back from integrated cross-border projects to parallel national projects that share agendas and results, and restart once relations recover.",
        precedent: .carbonCapture),
      PlaybookRule(
        id: "reframe-scope",
        when: .atLeast(.salience, 2.5),
        title: "Reframe the scope toward a less salient question",
        detail:
          "Choose a forward-looking, shared-problem framing that avoids assigning blame, keeping most of the scientific value while lowering political attention.",
        precedent: .zoonotic),
      PlaybookRule(
        id: "verify-and-harden",
        when: .atLeast(.securityExposure, 2.5),
        title: "Invest in verification and in reducing vulnerabilities",
        detail:
          "Do not integrate the partner's networked devices or code into critical systems; fund independent testing, verification research and designs that limit what hidden capabilities could do.",
        precedent: .gridDevices),
      PlaybookRule(
        id: "agree-ip-upfront",
        when: .all([.atLeast(.economic, 2.5), .any([.highGains, .atLeast(.scale, 2.5)])]),
        title: "Agree on intellectual property and market terms before the work starts",
        detail:
          "Where commercial stakes are contested, settle ownership, licensing and publication rules in the founding agreement, as the joint centre did with its IP plan.",
        precedent: .cerc),
      PlaybookRule(
        id: "expect-scepticism",
        when: .atLeast(.dominance, 2.5),
        title: "Expect scepticism where one side dominates, and show mutual benefit",
        detail:
          "When one country leads the field, even basic joint research looks like a transfer; make the reciprocal benefit explicit and measurable, or pursue parallel work.",
        precedent: .batteries),
      PlaybookRule(
        id: "scale-and-commit",
        when: .all([.inQuadrant([.safeZone]), .any([.atLeast(.scale, 2.5), .atLeast(.publicGood, 3)])]),
        title: "Scale the programme up and commit for the long run",
        detail:
          "Share the large fixed costs in a multi-year programme with stable funding; small, stop-and-go programmes lose most of the possible gains.",
        precedent: .cerc),
      PlaybookRule(
        id: "nurture-scale",
        when: .all([.atLeast(.recombination, 3), .highGains]),
        title: "Nurture combined markets and the exchange of ideas",
        detail:
          "Much of the value comes from recombining ideas and from manufacturing scale across both markets; avoid measures that fragment them without a security reason.",
        precedent: .solarScale),
      PlaybookRule(
        id: "precise-controls",
        when: .all([.atLeast(.military, 1.5), .atMost(.military, 2.5), .highGains]),
        title: "Screen precisely rather than broadly",
        detail:
          "Identify the specific parts of the work that touch sensitive applications and control those; an expansive dual-use reading would cut the country off from ideas and markets.",
        precedent: .exportControls),
      PlaybookRule(
        id: "low-profile",
        when: .all([.inQuadrant([.traditional, .safeZone]), .atLeast(.indifference, 3)]),
        title: "Keep a low profile and let the work run",
        detail:
          "Domestic interests in both countries care little about this field, which protects it; avoid turning it into a political symbol.",
        precedent: .belgrade),
      PlaybookRule(
        id: "mature-modest",
        when: .all([
          .atLeast(.maturity, 3), .any([.inQuadrant([.traditional, .monitor]), .atMost(.fundamentality, 1)]),
        ]),
        title: "Expect modest joint gains from a mature technology",
        detail:
          "Knowledge is largely settled and close to the market, so each country can proceed alone; keep exchanges routine and spend effort elsewhere.",
        precedent: .windAerospace),
      PlaybookRule(
        id: "avoid-parallel-programmes",
        when: .all([.highGains, .atLeast(.scale, 3.5), .highRisk]),
        title: "Avoid sliding into duplicated national programmes",
        detail:
          "Very expensive projects that cannot be joint end up built twice; look for a multilateral or partial joint framework that keeps the costs shared.",
        precedent: .space),
      PlaybookRule(
        id: "monitor-openings",
        when: .inQuadrant([.monitor]),
        title: "Monitor for openings; keep channels for verification",
        detail:
          "No joint programme for now; track the field, keep expert contacts for verification and standards discussions, and re-assess if the risk drivers change.",
        precedent: .gridDevices),
      PlaybookRule(
        id: "resolve-borderline",
        when: .borderline,
        title: "Gather evidence before deciding: the placement sits on a boundary",
        detail:
          "A small change in the drivers would move this domain to another quadrant; ask assessors from both countries to review the criteria that contribute most.",
        precedent: .deliberation),
      PlaybookRule(
        id: "complete-assessment",
        when: .incomplete,
        title: "Complete the assessment",
        detail:
          "Some criteria were not scored, so the placement may move once they are; score them before relying on it.",
        precedent: .deliberation),
    ]
  )
}
