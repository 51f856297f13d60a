import CGLPK
import SafeZonesCore

/// Core's ``LPSolver`` on GLPK's simplex (Debian's libglpk-dev).
///
/// GLPK aborts the process on malformed input, so every programme is checked in Swift
/// first (``LinearProgram/problems()``) and every later bound change is checked before
/// it reaches the library. Re-solves start from the previous basis (primal simplex): a
/// scenario changes a few bounds, so the old optimum is a few pivots away.
public struct GLPKSolver: LPSolver {
  public init() {}

  public var name: String { "GLPK " + String(cString: glp_version()) }

  public func session(for program: LinearProgram) throws(LPError) -> any LPSession {
    let problems = program.problems()
    if let first = problems.first {
      throw LPError(
        "the linear programme is malformed: \(first)\(problems.count > 1 ? " (and \(problems.count - 1) more)" : "")")
    }
    return GLPKSession(program)
  }
}

final class GLPKSession: LPSession {
  private let problem: OpaquePointer
  private let columnCount: Int
  private let rowCount: Int
  private var solvedOnce = false

  init(_ program: LinearProgram) {
    // Messages off for this thread's GLPK environment: a library never prints.
    glp_term_out(GLP_OFF)
    problem = glp_create_prob()
    columnCount = program.columns.count
    rowCount = program.rows.count
    glp_set_obj_dir(problem, program.sense == .maximize ? GLP_MAX : GLP_MIN)
    if rowCount > 0 { glp_add_rows(problem, Int32(rowCount)) }
    if columnCount > 0 { glp_add_cols(problem, Int32(columnCount)) }
    for (j, c) in program.columns.enumerated() {
      Self.bounds(lower: c.lower, upper: c.upper) { type, lb, ub in
        glp_set_col_bnds(problem, Int32(j + 1), type, lb, ub)
      }
      glp_set_obj_coef(problem, Int32(j + 1), c.cost)
    }
    var ia: [Int32] = [0]
    var ja: [Int32] = [0]
    var ar: [Double] = [0]
    for (i, r) in program.rows.enumerated() {
      Self.bounds(lower: r.lower, upper: r.upper) { type, lb, ub in
        glp_set_row_bnds(problem, Int32(i + 1), type, lb, ub)
      }
      for t in r.terms {
        ia.append(Int32(i + 1))
        ja.append(Int32(t.column + 1))
        ar.append(t.coefficient)
      }
    }
    if ia.count > 1 { glp_load_matrix(problem, Int32(ia.count - 1), ia, ja, ar) }
  }

  deinit { glp_delete_prob(problem) }

  /// GLPK's bound type for a pair of bounds, infinite meaning absent.
  private static func bounds(lower: Double, upper: Double, _ set: (Int32, Double, Double) -> Void) {
    switch (lower.isFinite, upper.isFinite) {
    case (false, false): set(GLP_FR, 0, 0)
    case (true, false): set(GLP_LO, lower, 0)
    case (false, true): set(GLP_UP, 0, upper)
    case (true, true): set(lower == upper ? GLP_FX : GLP_DB, lower, upper)
    }
  }

  private static func valid(_ lower: Double, _ upper: Double) -> Bool {
    !lower.isNaN && !upper.isNaN && lower <= upper && lower != .infinity && upper != -.infinity
  }

  func setColumnBounds(_ column: Int, lower: Double, upper: Double) {
    precondition(column >= 0 && column < columnCount && Self.valid(lower, upper), "bad column bounds")
    Self.bounds(lower: lower, upper: upper) { glp_set_col_bnds(problem, Int32(column + 1), $0, $1, $2) }
  }

  func setRowBounds(_ row: Int, lower: Double, upper: Double) {
    precondition(row >= 0 && row < rowCount && Self.valid(lower, upper), "bad row bounds")
    Self.bounds(lower: lower, upper: upper) { glp_set_row_bnds(problem, Int32(row + 1), $0, $1, $2) }
  }

  func setCost(_ column: Int, _ cost: Double) {
    precondition(column >= 0 && column < columnCount && cost.isFinite, "bad cost")
    glp_set_obj_coef(problem, Int32(column + 1), cost)
  }

  func setSense(_ sense: LinearProgram.Sense) {
    glp_set_obj_dir(problem, sense == .maximize ? GLP_MAX : GLP_MIN)
  }

  func solve() -> LPSolution {
    var parameters = glp_smcp()
    glp_init_smcp(&parameters)
    parameters.msg_lev = GLP_MSG_OFF
    // The first solve finds a basis; later ones start from it with the dual simplex
    // (falling back to the primal), which is what makes a scenario sweep cheap.
    // The first solve starts from GLPK's advanced basis; later ones from the previous
    // optimum with the primal simplex. Measured on the stress sweeps, the primal restart
    // takes about 10 pivots where GLPK's dual simplex (GLP_DUALP) took hundreds and a cold
    // start 50: a scenario's bound changes leave the old basis nearly optimal but not dual
    // feasible, so the dual method falls back to a primal phase from a worse point.
    parameters.meth = GLP_PRIMAL
    if !solvedOnce { glp_adv_basis(problem, 0) }
    let before = glp_get_it_cnt(problem)
    var code = glp_simplex(problem, &parameters)
    if code != 0 {
      // A basis made singular by the changes: start again from a fresh one.
      glp_adv_basis(problem, 0)
      parameters.meth = GLP_PRIMAL
      code = glp_simplex(problem, &parameters)
    }
    let iterations = Int(glp_get_it_cnt(problem) - before)
    guard code == 0 else { return LPSolution(status: .failed, iterations: iterations) }
    solvedOnce = true
    switch glp_get_status(problem) {
    case GLP_OPT:
      let values = (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
      return LPSolution(status: .optimal, objective: glp_get_obj_val(problem), values: values, iterations: iterations)
    case GLP_NOFEAS: return LPSolution(status: .infeasible, iterations: iterations)
    case GLP_UNBND: return LPSolution(status: .unbounded, iterations: iterations)
    default:
      // GLP_INFEAS / GLP_UNDEF after a clean return: the dual or primal phase proved no
      // solution; ask the primal simplex from scratch for a definite verdict.
      glp_adv_basis(problem, 0)
      parameters.meth = GLP_PRIMAL
      guard glp_simplex(problem, &parameters) == 0 else { return LPSolution(status: .failed) }
      switch glp_get_status(problem) {
      case GLP_OPT:
        let values = (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
        return LPSolution(status: .optimal, objective: glp_get_obj_val(problem), values: values)
      case GLP_NOFEAS: return LPSolution(status: .infeasible)
      case GLP_UNBND: return LPSolution(status: .unbounded)
      default: return LPSolution(status: .failed)
      }
    }
  }
}
