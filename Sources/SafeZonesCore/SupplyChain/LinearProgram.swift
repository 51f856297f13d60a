import Foundation

/// A linear programme in the solver-neutral form the supply-chain model builds:
/// optimise `objective · x` subject to `row.lower ≤ row · x ≤ row.upper` and
/// `column.lower ≤ x ≤ column.upper`. Infinite bounds mean "no bound".
///
/// The model layer builds this value and knows nothing of the solver; an ``LPSolver``
/// turns it into a solver's problem once and re-solves it after bound and objective
/// changes (an ``LPSession``), which is how one network's many scenarios share one model.
public struct LinearProgram: Sendable, Equatable {
  public enum Sense: String, Sendable, Equatable { case minimize, maximize }

  /// A bounded variable.
  public struct Column: Sendable, Equatable {
    public var name: String
    public var lower: Double
    public var upper: Double
    public var cost: Double
    public init(name: String, lower: Double = 0, upper: Double = .infinity, cost: Double = 0) {
      self.name = name
      self.lower = lower
      self.upper = upper
      self.cost = cost
    }
  }

  /// A bounded linear constraint; `terms` holds (column index, coefficient) with each
  /// column at most once.
  public struct Row: Sendable, Equatable {
    public var name: String
    public var terms: [(column: Int, coefficient: Double)]
    public var lower: Double
    public var upper: Double
    public init(name: String, terms: [(column: Int, coefficient: Double)], lower: Double, upper: Double) {
      self.name = name
      self.terms = terms
      self.lower = lower
      self.upper = upper
    }
    public static func == (a: Row, b: Row) -> Bool {
      a.name == b.name && a.lower == b.lower && a.upper == b.upper && a.terms.count == b.terms.count
        && zip(a.terms, b.terms).allSatisfy { $0.column == $1.column && $0.coefficient == $1.coefficient }
    }
  }

  public var sense: Sense
  public var columns: [Column]
  public var rows: [Row]

  public init(sense: Sense, columns: [Column] = [], rows: [Row] = []) {
    self.sense = sense
    self.columns = columns
    self.rows = rows
  }

  /// Adds a column and returns its index.
  @discardableResult
  public mutating func addColumn(_ column: Column) -> Int {
    columns.append(column)
    return columns.count - 1
  }

  /// Adds a row, merging repeated columns (solvers refuse them) and dropping zeros.
  @discardableResult
  public mutating func addRow(name: String, terms: [(Int, Double)], lower: Double, upper: Double) -> Int {
    var merged: [Int: Double] = [:]
    var order: [Int] = []
    for (c, v) in terms {
      if merged[c] == nil { order.append(c) }
      merged[c, default: 0] += v
    }
    let clean = order.compactMap { c -> (column: Int, coefficient: Double)? in
      let v = merged[c]!
      return v == 0 ? nil : (c, v)
    }
    rows.append(Row(name: name, terms: clean, lower: lower, upper: upper))
    return rows.count - 1
  }

  /// The problems a solver must never see: an index out of range, a repeated column in
  /// a row, a NaN, a lower bound above the upper, an infinite coefficient or cost.
  public func problems() -> [String] {
    var found: [String] = []
    for (j, c) in columns.enumerated() {
      if c.lower.isNaN || c.upper.isNaN || !c.cost.isFinite {
        found.append("column \(j) (\(c.name)) has a NaN or infinite value")
      }
      if c.lower > c.upper { found.append("column \(j) (\(c.name)) has lower bound \(c.lower) above upper \(c.upper)") }
    }
    for (i, r) in rows.enumerated() {
      if r.lower.isNaN || r.upper.isNaN { found.append("row \(i) (\(r.name)) has a NaN bound") }
      if r.lower > r.upper { found.append("row \(i) (\(r.name)) has lower bound \(r.lower) above upper \(r.upper)") }
      var seen: Set<Int> = []
      for t in r.terms {
        if t.column < 0 || t.column >= columns.count {
          found.append("row \(i) (\(r.name)) names column \(t.column), out of range")
        }
        if !seen.insert(t.column).inserted { found.append("row \(i) (\(r.name)) names column \(t.column) twice") }
        if !t.coefficient.isFinite { found.append("row \(i) (\(r.name)) has a non-finite coefficient") }
      }
    }
    return found
  }
}

/// How a solve ended. Anything but `optimal` is turned into a clear message by the caller.
public enum LPStatus: String, Sendable, Equatable {
  case optimal, infeasible, unbounded
  /// The solver stopped without a verdict (iteration or time limit, numerical trouble).
  case failed
}

/// A solve's outcome: the status, and for an optimal solve the objective and the columns.
public struct LPSolution: Sendable, Equatable {
  public var status: LPStatus
  public var objective: Double
  public var values: [Double]
  /// Simplex iterations the solve took (0 when the solver does not say).
  public var iterations: Int
  public init(status: LPStatus, objective: Double = .nan, values: [Double] = [], iterations: Int = 0) {
    self.status = status
    self.objective = objective
    self.values = values
    self.iterations = iterations
  }
}

/// A refused or failed solve, said in words.
public struct LPError: Error, Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// A programme loaded into a solver once and re-solved after changes; the solver may
/// start each solve from the previous basis. Not shared between threads.
public protocol LPSession: AnyObject {
  func setColumnBounds(_ column: Int, lower: Double, upper: Double)
  func setRowBounds(_ row: Int, lower: Double, upper: Double)
  func setCost(_ column: Int, _ cost: Double)
  func setSense(_ sense: LinearProgram.Sense)
  /// Solves the programme as it now stands.
  func solve() -> LPSolution
}

/// A linear-programming solver. Implementations wrap a real solver (GLPK in
/// `SafeZonesLP`); the model layer only sees this protocol.
public protocol LPSolver: Sendable {
  /// A short name for reports ("GLPK 5.0").
  var name: String { get }
  /// Loads `program` for repeated solves; throws ``LPError`` when it is malformed.
  func session(for program: LinearProgram) throws(LPError) -> any LPSession
}

extension LPSolver {
  /// Loads and solves once.
  public func solve(_ program: LinearProgram) throws(LPError) -> LPSolution {
    try session(for: program).solve()
  }
}
