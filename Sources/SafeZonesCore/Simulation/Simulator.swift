import Dispatch
import Foundation

/// What the simulator needs to know of a collaboration's domains.
public struct RiskProfile: Sendable, Hashable, Codable {
  /// Political risk of the collaboration placed as a whole (its riskiest domain).
  public var risk: Double
  /// Joint gains of the collaboration placed as a whole (mean of its domains).
  public var gains: Double
  /// Normalised score (0–1) of each risk criterion, the highest over its domains: how much
  /// a shock that amplifies the criterion raises this collaboration's risk.
  public var exposure: [CriterionID: Double]
  /// The domain that sets the risk.
  public var riskiestDomain: String?

  public init(risk: Double, gains: Double, exposure: [CriterionID: Double], riskiestDomain: String? = nil) {
    self.risk = risk
    self.gains = gains
    self.exposure = exposure
    self.riskiestDomain = riskiestDomain
  }

  /// A collaboration over several domains is placed as a whole: gains is the mean of the
  /// domains' gains, risk the highest of their risks (the riskiest component shows
  /// through), and the exposure to each risk criterion the highest of the domains' scores.
  public static func of(domains: [Domain], rubric: Rubric, risks: [String: Double]? = nil) -> RiskProfile {
    var exposure: [CriterionID: Double] = [:]
    var risk = 0.0
    var gains = 0.0
    var riskiest: String?
    for domain in domains {
      guard let a = domain.current else { continue }
      let p = Scoring.place(a, rubric: rubric)
      let r = risks?[domain.id] ?? p.risk
      if riskiest == nil || r > risk {
        risk = r
        riskiest = domain.id
      }
      gains += p.gains / Double(domains.count)
      for c in rubric.criteria(on: .risk) {
        exposure[c.id] = max(exposure[c.id] ?? 0, (a.scores[c.id]?.value.likely ?? 0) / 4)
      }
    }
    return RiskProfile(risk: risk, gains: gains, exposure: exposure, riskiestDomain: riskiest)
  }
}

/// The state of one collaboration in one year.
enum CollaborationState: UInt8 { case active, suspended, ended }

/// Options of a simulation run.
public struct SimulationOptions: Sendable, Hashable {
  public var trials: Int
  public var seed: UInt64
  public var threads: Int
  /// Keep per-trial totals for the frontier (at most this many trials are kept).
  public var frontierTrials: Int

  public init(trials: Int = 10_000, seed: UInt64 = 1, threads: Int? = nil, frontierTrials: Int = 0) {
    self.trials = trials
    self.seed = seed
    self.threads = threads ?? ProcessInfo.processInfo.activeProcessorCount
    self.frontierTrials = frontierTrials
  }
}

/// Distribution summary of a quantity across trials.
public struct Spread: Sendable, Hashable, Codable {
  public var mean: Double
  public var p5: Double
  public var p25: Double
  public var median: Double
  public var p75: Double
  public var p95: Double
  /// Expected shortfall: the mean of the worst 5% of trials.
  public var expectedShortfall5: Double
}

/// One collaboration's outcome over the horizon.
public struct CollaborationOutcome: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var structure: Structure
  public var risk: Double
  /// Total gains delivered over the horizon.
  public var delivered: Spread
  /// P(not ended) at the end of each year 1…T.
  public var survival: [Double]
  /// P(active) at the end of each year.
  public var active: [Double]
}

/// The portfolio's outcome over the horizon.
public struct PortfolioOutcome: Sendable, Hashable, Codable {
  public var delivered: Spread
  /// Value-at-risk at 5%: the shortfall of the 5th percentile below the mean.
  public var valueAtRisk5: Double
  /// P(every collaboration has ended by the horizon).
  public var probabilityLoseAll: Double
  /// Cumulative delivered gains by year: p5, p25, median, p75, p95 (for the fan chart).
  public var fan: [[Double]]
  /// Mean relations (0 hostile … 1 excellent) by year.
  public var relations: [Double]
  /// Mean number of shocks per year.
  public var shocksPerYear: Double
}

public struct SimulationResult: Sendable, Codable {
  public var seed: UInt64
  public var trials: Int
  public var years: Int
  public var scenario: String?
  public var collaborations: [CollaborationOutcome]
  public var portfolio: PortfolioOutcome
  /// The supply chain's delivered output under the same shocks, when one was given.
  public var supplyChain: SupplyChainOutcome?
}

/// A supply chain's exposure to the catalogue's shocks, computed by its stress test: for
/// each shock kind (catalogue order), the share of a year's output (demand × margin) lost
/// to one event at severity 0, 0.1, …, 1 (interpolated between).
public struct SupplyExposure: Sendable, Hashable {
  public var network: String
  public var loss: [[Double]]
  public init(network: String, loss: [[Double]]) {
    self.network = network
    self.loss = loss
  }

  static let steps = 10

  /// The share lost to an event of kind `k` at `severity` (0…1).
  @inline(__always)
  func share(_ k: Int, _ severity: Double) -> Double {
    let row = loss[k]
    let x = max(0, min(1, severity)) * Double(Self.steps)
    let i = min(Self.steps - 1, Int(x))
    return row[i] + (row[i + 1] - row[i]) * (x - Double(i))
  }
}

/// What the supply chain delivered, trial by trial, on the portfolio's shocks.
public struct SupplyChainOutcome: Sendable, Hashable, Codable {
  public var network: String
  /// Mean share of each year's output delivered (1 = every unit of demand met).
  public var delivered: [Double]
  /// P(the year's delivered share is below 90%), by year.
  public var belowNinety: [Double]
  /// P(at least one year of the horizon below 90%).
  public var anyYearBelowNinety: Double
  /// The worst year of each trial: mean and 5th percentile.
  public var worstYear: Spread
}

/// The Monte Carlo simulator of collaborations under geopolitical shocks
/// (docs/simulation.md has the equations).
public struct Simulator: Sendable {
  public let catalogue: ShockCatalogue
  public let collaborations: [Collaboration]
  public let profiles: [RiskProfile]
  public let years: Int
  public let scenario: Scenario?
  /// A supply chain hit by the same shocks (nil: none).
  public let supply: SupplyExposure?

  // Compiled constants.
  let kinds: Int
  let riskCriteria: [CriterionID]
  let severityTables: [QuantileTable]
  let decay: [Double]
  let legacyDecay: Double
  /// amplification[k * criteria + c]
  let amplification: [Double]
  /// exposure[i * criteria + c]
  let exposure: [Double]
  let baseRisk: [Double]
  let hazardScale: [Double]
  let activeValue: [Double]
  let suspendedValue: [Double]
  let scripted: [[(kind: Int, damage: Double, severity: Double)]]
  /// The most a collaboration can deliver (histogram range).
  let maximum: [Double]
  /// e^(−rate) per kind of shock, for Poisson draws by inversion.
  let poissonLimit: [Double]
  /// Each shock kind's impact, chance of a settlement and share a settlement contains, read
  /// once here rather than copied out of the catalogue in the per-trial loop.
  let impact: [Double]
  let settlement: [Double]
  let containment: [Double]
  static let bins = 1024

  public init(
    catalogue: ShockCatalogue, collaborations: [Collaboration], profiles: [RiskProfile], years: Int,
    scenario: Scenario? = nil, supply: SupplyExposure? = nil
  ) {
    self.supply = supply
    self.catalogue = catalogue
    self.collaborations = collaborations
    self.profiles = profiles
    self.years = years
    self.scenario = scenario
    let p = catalogue.parameters
    kinds = catalogue.shocks.count
    let criteriaList = CriterionID.riskCriteria
    riskCriteria = criteriaList
    severityTables = catalogue.shocks.map {
      QuantileTable(mixture: [
        (1, .beta(ScaledBeta(alpha: $0.severityAlpha, beta: $0.severityBeta, lower: 0, upper: 1)))
      ])
    }
    decay = catalogue.shocks.map { Foundation.exp(-1 / $0.recoveryYears) }
    legacyDecay = Foundation.exp(-1.0 / 5)
    amplification = catalogue.shocks.flatMap { shock in criteriaList.map { shock.amplifies[$0] ?? 0 } }
    exposure = profiles.flatMap { profile in criteriaList.map { profile.exposure[$0] ?? 0 } }
    maximum = collaborations.map { max($0.value, 1e-9) * Double(max(1, years)) }
    poissonLimit = catalogue.shocks.map { Foundation.exp(-$0.rate) }
    impact = catalogue.shocks.map(\.impact)
    settlement = catalogue.shocks.map(\.settlement)
    containment = catalogue.shocks.map(\.containment)
    baseRisk = profiles.map(\.risk)
    hazardScale = collaborations.map { c in
      p.baseHazard * (c.structure == .separate ? p.separateHazard : 1) / (1 + max(0, c.buffer))
    }
    activeValue = collaborations.map { $0.value * ($0.structure == .separate ? p.separateEfficiency : 1) }
    suspendedValue = collaborations.map { $0.structure == .separate ? $0.value * p.separateSuspendedValue : 0 }
    var scripted = [[(kind: Int, damage: Double, severity: Double)]](repeating: [], count: years + 1)
    for event in scenario?.events ?? [] where (1...max(1, years)).contains(event.year) {
      guard let k = catalogue.shocks.firstIndex(where: { $0.id == event.shock }) else { continue }
      let shock = catalogue.shocks[k]
      let damage = shock.impact * event.severity * (event.settled ? 1 - shock.containment : 1)
      scripted[event.year].append((k, damage, event.severity))
    }
    self.scripted = scripted
  }

  /// Trials are simulated in blocks of this size; partial sums are merged in block order, so
  /// the result does not depend on the number of threads.
  static let block = 256

  /// Runs the simulation; `progress` receives the number of trials done. Also returns the
  /// per-trial delivered totals of each collaboration for the first
  /// `options.frontierTrials` trials (for the portfolio frontier).
  public func run(
    _ options: SimulationOptions, progress: (@Sendable (Int) -> Void)? = nil
  ) -> (result: SimulationResult, totals: [[Double]]) {
    let n = collaborations.count
    let t = years
    let blocks = (options.trials + Self.block - 1) / Self.block
    let keep = min(options.trials, options.frontierTrials)
    let workers = max(1, min(options.threads, blocks))
    // Integer tallies merge in any order; floating sums are kept per block and added in
    // block order, so the result is the same whatever the number of threads.
    var tallies = [Tally?](repeating: nil, count: workers)
    var blockSums = [BlockSums?](repeating: nil, count: blocks)
    var kept = [[Double]](repeating: [Double](repeating: 0, count: n), count: keep)
    var portfolioTotals = [Double](repeating: 0, count: options.trials)
    var yearly = [Double](repeating: 0, count: options.trials * t)
    var supplyShares = [Double](repeating: 1, count: supply == nil ? 0 : options.trials * t)
    let counter = Counter()
    tallies.withUnsafeMutableBufferPointer { talliesBuffer in
      blockSums.withUnsafeMutableBufferPointer { sumsBuffer in
        kept.withUnsafeMutableBufferPointer { keptBuffer in
          portfolioTotals.withUnsafeMutableBufferPointer { totalsBuffer in
            yearly.withUnsafeMutableBufferPointer { yearlyBuffer in
              supplyShares.withUnsafeMutableBufferPointer { supplyBuffer in
                nonisolated(unsafe) let supplyOut = supplyBuffer
                nonisolated(unsafe) let talliesOut = talliesBuffer
                nonisolated(unsafe) let sumsOut = sumsBuffer
                nonisolated(unsafe) let keptOut = keptBuffer
                nonisolated(unsafe) let totalsOut = totalsBuffer
                nonisolated(unsafe) let yearlyOut = yearlyBuffer
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                  var b = worker
                  var scratch = Scratch(collaborations: n, kinds: kinds, criteria: riskCriteria.count)
                  var tally = Tally(collaborations: n, years: t)
                  while b < blocks {
                    var sums = BlockSums(collaborations: n, years: t)
                    let first = b * Self.block
                    let last = min(options.trials, first + Self.block)
                    for trial in first..<last {
                      var rng = MonteCarlo.generator(seed: options.seed, index: trial)
                      simulateTrial(
                        &rng, &scratch, &tally, &sums,
                        yearly: UnsafeMutableBufferPointer(rebasing: yearlyOut[(trial * t)..<(trial * t + t)]),
                        supply: supply == nil
                          ? nil : UnsafeMutableBufferPointer(rebasing: supplyOut[(trial * t)..<(trial * t + t)]))
                      totalsOut[trial] = scratch.portfolioTotal
                      for i in 0..<n {
                        let v = scratch.delivered[i]
                        sums.delivered[i] += v
                        tally.histogram[
                          i * Self.bins + min(Self.bins - 1, max(0, Int(v / maximum[i] * Double(Self.bins))))] += 1
                        if trial < keep { keptOut[trial][i] = v }
                      }
                    }
                    sumsOut[b] = sums
                    progress?(counter.add(last - first))
                    b += workers
                  }
                  talliesOut[worker] = tally
                }
              }
            }
          }
        }
      }
    }
    var tally = Tally(collaborations: n, years: t)
    for partial in tallies { tally.merge(partial!) }
    var sums = BlockSums(collaborations: n, years: t)
    for partial in blockSums { sums.merge(partial!) }
    var result = summarise(tally, sums, options: options, portfolioTotals: portfolioTotals, yearly: yearly)
    if let supply { result.supplyChain = Self.supplyOutcome(supply.network, shares: supplyShares, years: t) }
    return (result, kept)
  }

  struct Scratch {
    var wounds: [Double]
    var amp: [Double]
    var state: [CollaborationState]
    var delivered: [Double]
    var portfolioTotal = 0.0

    init(collaborations: Int, kinds: Int, criteria: Int) {
      wounds = [Double](repeating: 0, count: kinds)
      amp = [Double](repeating: 0, count: criteria)
      state = [CollaborationState](repeating: .active, count: collaborations)
      delivered = [Double](repeating: 0, count: collaborations)
    }
  }

  /// Counts, merged in any order.
  struct Tally {
    var notEnded: [Int]
    var active: [Int]
    var histogram: [Int]
    var allEnded = 0
    var shocks = 0

    init(collaborations: Int, years: Int) {
      notEnded = [Int](repeating: 0, count: collaborations * years)
      active = [Int](repeating: 0, count: collaborations * years)
      histogram = [Int](repeating: 0, count: collaborations * Simulator.bins)
    }

    mutating func merge(_ o: Tally) {
      for i in notEnded.indices {
        notEnded[i] += o.notEnded[i]
        active[i] += o.active[i]
      }
      for i in histogram.indices { histogram[i] += o.histogram[i] }
      allEnded += o.allEnded
      shocks += o.shocks
    }
  }

  /// Floating sums of one block of trials, merged in block order.
  struct BlockSums {
    var relations: [Double]
    var delivered: [Double]

    init(collaborations: Int, years: Int) {
      relations = [Double](repeating: 0, count: years)
      delivered = [Double](repeating: 0, count: collaborations)
    }

    mutating func merge(_ o: BlockSums) {
      for i in relations.indices { relations[i] += o.relations[i] }
      for i in delivered.indices { delivered[i] += o.delivered[i] }
    }
  }

  /// One trial: the relations path and every collaboration's fate.
  @inline(__always)
  func simulateTrial(
    _ rng: inout SplitMix64, _ s: inout Scratch, _ partial: inout Tally, _ sums: inout BlockSums,
    yearly: UnsafeMutableBufferPointer<Double>, supply supplyShare: UnsafeMutableBufferPointer<Double>? = nil
  ) {
    let p = catalogue.parameters
    let n = collaborations.count
    let criteria = riskCriteria.count
    let random = scenario?.randomShocks ?? true
    for k in 0..<kinds { s.wounds[k] = 0 }
    for i in 0..<n {
      s.state[i] = .active
      s.delivered[i] = 0
    }
    var legacy = max(0, p.baseline - p.initial)
    var cumulative = 0.0
    var discount = 1.0
    for year in 1...years {
      // Shocks of the year; each also costs the supply chain its share of the year's output.
      var supplyLost = 0.0
      if random {
        for k in 0..<kinds {
          let events = Self.poisson(limit: poissonLimit[k], &rng)
          for _ in 0..<events {
            let severity = severityTables[k].sample(rng.nextUnit())
            let settled = rng.nextUnit() < settlement[k]
            s.wounds[k] += impact[k] * severity * (settled ? 1 - containment[k] : 1)
            partial.shocks += 1
            if let supply { supplyLost += supply.share(k, severity) }
          }
        }
      }
      for event in scripted[year] {
        s.wounds[event.kind] += event.damage
        partial.shocks += 1
        if let supply { supplyLost += supply.share(event.kind, event.severity) }
      }
      supplyShare?[year - 1] = max(0, 1 - supplyLost)
      var damage = legacy
      for k in 0..<kinds { damage += s.wounds[k] }
      let relations = min(1, max(0, p.baseline - damage))
      sums.relations[year - 1] += relations
      for c in 0..<criteria {
        var a = 0.0
        for k in 0..<kinds { a += s.wounds[k] * amplification[k * criteria + c] }
        s.amp[c] = a
      }
      let tension = 1 + p.tensionMultiplier * (1 - relations)
      let canRestart = relations >= p.restartThreshold
      var delivered = 0.0
      var anyAlive = false
      s.state.withUnsafeMutableBufferPointer { state in
        s.delivered.withUnsafeMutableBufferPointer { deliveredBy in
          s.amp.withUnsafeBufferPointer { amp in
            exposure.withUnsafeBufferPointer { exposure in
              partial.notEnded.withUnsafeMutableBufferPointer { notEnded in
                partial.active.withUnsafeMutableBufferPointer { activeCount in
                  for i in 0..<n {
                    // Two draws every year whatever the state, so that paths stay aligned
                    // across collaborations and parameter changes (common random numbers).
                    let u1 = rng.nextUnit()
                    let u2 = rng.nextUnit()
                    switch state[i] {
                    case .active:
                      var risk = baseRisk[i]
                      for c in 0..<criteria { risk += amp[c] * exposure[i &* criteria &+ c] }
                      risk = Swift.min(1, risk)
                      let eta = hazardScale[i] * risk * tension
                      // 1 − e^(−η) ≤ η, so a draw above η can skip the exponential.
                      if u1 < eta && u1 < 1 - Foundation.exp(-eta) {
                        state[i] = u2 < Swift.min(1, p.endShare * risk) ? .ended : .suspended
                      }
                    case .suspended:
                      if canRestart && u1 < p.restartRate { state[i] = .active }
                    case .ended:
                      break
                    }
                    let index = i &* years &+ year &- 1
                    switch state[i] {
                    case .active:
                      let v = activeValue[i] * discount
                      deliveredBy[i] += v
                      delivered += v
                      notEnded[index] += 1
                      activeCount[index] += 1
                      anyAlive = true
                    case .suspended:
                      let v = suspendedValue[i] * discount
                      deliveredBy[i] += v
                      delivered += v
                      notEnded[index] += 1
                      anyAlive = true
                    case .ended:
                      break
                    }
                  }
                }
              }
            }
          }
        }
      }
      cumulative += delivered
      yearly[year - 1] = cumulative
      if year == years && !anyAlive && n > 0 { partial.allEnded += 1 }
      // Recovery at the end of the year.
      for k in 0..<kinds { s.wounds[k] *= decay[k] }
      legacy *= legacyDecay
      discount /= 1 + p.discountRate
    }
    s.portfolioTotal = cumulative
  }

  /// A Poisson count by inversion (rates are small: a few events per year at most).
  @inline(__always)
  static func poisson(limit: Double, _ rng: inout SplitMix64) -> Int {
    guard limit < 1 else { return 0 }
    var product = rng.nextUnit()
    var count = 0
    while product > limit && count < 1000 {
      product *= rng.nextUnit()
      count += 1
    }
    return count
  }

  func summarise(
    _ tally: Tally, _ sums: BlockSums, options: SimulationOptions, portfolioTotals: [Double], yearly: [Double]
  ) -> SimulationResult {
    let n = collaborations.count
    let trials = Double(options.trials)
    var outcomes: [CollaborationOutcome] = []
    for i in 0..<n {
      let histogram = Array(tally.histogram[(i * Self.bins)..<((i + 1) * Self.bins)])
      outcomes.append(
        CollaborationOutcome(
          id: collaborations[i].id, name: collaborations[i].name, structure: collaborations[i].structure,
          risk: Format.rounded(baseRisk[i]),
          delivered: Self.spread(
            histogram: histogram, width: maximum[i] / Double(Self.bins), mean: sums.delivered[i] / trials),
          survival: (0..<years).map { Format.rounded(Double(tally.notEnded[i * years + $0]) / trials) },
          active: (0..<years).map { Format.rounded(Double(tally.active[i * years + $0]) / trials) }))
    }
    let delivered = Self.spread(portfolioTotals)
    let fan = (0..<years).map { year -> [Double] in
      var column = (0..<options.trials).map { yearly[$0 * years + year] }
      column.sort()
      return [0.05, 0.25, 0.5, 0.75, 0.95].map { Format.rounded(Self.sortedQuantile(column, $0)) }
    }
    return SimulationResult(
      seed: options.seed, trials: options.trials, years: years, scenario: scenario?.name, collaborations: outcomes,
      portfolio: PortfolioOutcome(
        delivered: delivered, valueAtRisk5: Format.rounded(delivered.mean - delivered.p5),
        probabilityLoseAll: Format.rounded(Double(tally.allEnded) / trials), fan: fan,
        relations: sums.relations.map { Format.rounded($0 / trials) },
        shocksPerYear: Format.rounded(Double(tally.shocks) / trials / Double(max(1, years)))))
  }

  /// The supply chain's outcome from each trial's yearly delivered shares.
  static func supplyOutcome(_ network: String, shares: [Double], years: Int) -> SupplyChainOutcome {
    let trials = shares.count / max(1, years)
    var mean = [Double](repeating: 0, count: years)
    var below = [Int](repeating: 0, count: years)
    var worst: [Double] = []
    var anyBelow = 0
    for trial in 0..<trials {
      var w = 1.0
      for y in 0..<years {
        let v = shares[trial * years + y]
        mean[y] += v
        if v < 0.9 { below[y] += 1 }
        w = min(w, v)
      }
      if w < 0.9 { anyBelow += 1 }
      worst.append(w)
    }
    let n = Double(max(1, trials))
    return SupplyChainOutcome(
      network: network, delivered: mean.map { Format.rounded($0 / n) },
      belowNinety: below.map { Format.rounded(Double($0) / n) },
      anyYearBelowNinety: Format.rounded(Double(anyBelow) / n),
      worstYear: spread(worst))
  }

  /// Quantiles and expected shortfall from a histogram on [0, bins × width] (values are
  /// placed at the middle of their bin), with an exact mean.
  static func spread(histogram: [Int], width: Double, mean: Double) -> Spread {
    let total = histogram.reduce(0, +)
    func quantile(_ p: Double) -> Double {
      let target = p * Double(total)
      var cumulative = 0
      for (i, count) in histogram.enumerated() where count > 0 {
        if Double(cumulative + count) >= target {
          let within = (target - Double(cumulative)) / Double(count)
          return (Double(i) + within) * width
        }
        cumulative += count
      }
      return Double(histogram.count) * width
    }
    let tail = max(1, Int((Double(total) * 0.05).rounded(.up)))
    var remaining = tail
    var tailSum = 0.0
    for (i, count) in histogram.enumerated() where count > 0 && remaining > 0 {
      let take = min(count, remaining)
      tailSum += Double(take) * (Double(i) + 0.5) * width
      remaining -= take
    }
    return Spread(
      mean: Format.rounded(mean), p5: Format.rounded(quantile(0.05)), p25: Format.rounded(quantile(0.25)),
      median: Format.rounded(quantile(0.5)), p75: Format.rounded(quantile(0.75)), p95: Format.rounded(quantile(0.95)),
      expectedShortfall5: Format.rounded(tailSum / Double(tail)))
  }

  /// The `p` quantile of values sorted in increasing order: linear interpolation between
  /// order statistics (the "type 7" quantile of R and numpy's default).
  static func sortedQuantile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let position = p * Double(sorted.count - 1)
    let i = Int(position)
    let f = position - Double(i)
    return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
  }

  /// The mean and the 5% expected shortfall (the mean of the worst ⌈5%⌉ of trials, at
  /// least one) of values sorted in increasing order. Summing the sorted values keeps the
  /// mean independent of thread scheduling.
  static func meanAndShortfall(sorted: [Double]) -> (mean: Double, shortfall: Double) {
    let mean = sorted.reduce(0, +) / Double(max(1, sorted.count))
    let tail = max(1, Int((Double(sorted.count) * 0.05).rounded(.up)))
    return (mean, sorted.prefix(tail).reduce(0, +) / Double(tail))
  }

  /// Mean, quantiles and the 5% expected shortfall of per-trial values.
  public static func spread(_ values: [Double]) -> Spread {
    let sorted = values.sorted()
    let (mean, shortfall) = meanAndShortfall(sorted: sorted)
    return Spread(
      mean: Format.rounded(mean), p5: Format.rounded(sortedQuantile(sorted, 0.05)),
      p25: Format.rounded(sortedQuantile(sorted, 0.25)), median: Format.rounded(sortedQuantile(sorted, 0.5)),
      p75: Format.rounded(sortedQuantile(sorted, 0.75)), p95: Format.rounded(sortedQuantile(sorted, 0.95)),
      expectedShortfall5: Format.rounded(shortfall))
  }
}

extension Counter {
  func add(_ n: Int) -> Int { increment(by: n) }
}
