import Foundation

/// What an account may do. Each role includes everything the roles before it may do.
public enum Role: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
  /// Reads the map, the domains, the warnings, the link graph and the rubric.
  case viewer
  /// Also adds assessments (signed with the account) and answers Delphi rounds.
  case assessor
  /// Also opens, closes and feeds back Delphi rounds, runs simulations and imports files.
  case facilitator
  /// Also manages accounts, rubrics, settings and reads the audit trail.
  case admin

  var rank: Int { Self.allCases.firstIndex(of: self)! }

  public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }

  /// Whether this role grants `permission`.
  public func allows(_ permission: Permission) -> Bool { self >= permission.minimumRole }

  /// `viewer, assessor, facilitator, admin`, for messages.
  public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// What the role may do, in a sentence (pages and `users list`).
  public var summary: String {
    switch self {
    case .viewer: return tr("reads the map, domains, warnings, links and rubric")
    case .assessor: return tr("also adds assessments and answers Delphi rounds")
    case .facilitator: return tr("also runs Delphi rounds and simulations and imports files")
    case .admin: return tr("also manages accounts, rubrics and reads the audit trail")
    }
  }

  /// The role's name as people read it (in English its raw value); forms and logic keep
  /// using ``rawValue``.
  public var title: String {
    switch self {
    case .viewer: return tr("viewer")
    case .assessor: return tr("assessor")
    case .facilitator: return tr("facilitator")
    case .admin: return tr("admin")
    }
  }
}

/// A kind of action, granted from a minimum role upwards.
public enum Permission: String, CaseIterable, Sendable, Hashable {
  /// Reading the map, domains, warnings, graph, rubric, rounds' group feedback, simulation results.
  case read
  /// Adding assessments, answering Delphi rounds.
  case assess
  /// Opening, closing and adopting Delphi rounds, running simulations, importing files.
  case facilitate
  /// Accounts, rubrics, settings, the audit trail.
  case administer

  public var minimumRole: Role {
    switch self {
    case .read: return .viewer
    case .assess: return .assessor
    case .facilitate: return .facilitator
    case .administer: return .admin
    }
  }
}

/// Who may use a route. Every route of the app carries one (a test generated from the
/// router checks that none lacks it).
public enum AccessRule: Sendable, Hashable, CustomStringConvertible {
  /// Anyone, also before the first administrator exists: health, assets, sign-in.
  case open
  /// Any signed-in account, whatever its role (its own settings, signing out).
  case signedIn
  /// Accounts whose role grants the permission; `read` also anonymous visitors when the
  /// server reads publicly (`--public-read`).
  case permission(Permission)

  public var description: String {
    switch self {
    case .open: return "open"
    case .signedIn: return "signed-in"
    case .permission(let p): return p.rawValue
    }
  }

  /// The outcome for a request by an account with `role` (`nil`: nobody signed in).
  public func decide(role: Role?, publicRead: Bool) -> AccessDecision {
    switch self {
    case .open: return .allow
    case .signedIn: return role == nil ? .signIn : .allow
    case .permission(let p):
      guard let role else { return p == .read && publicRead ? .allow : .signIn }
      return role.allows(p) ? .allow : .forbidden(needs: p.minimumRole)
    }
  }
}

/// What an access rule says about one request.
public enum AccessDecision: Sendable, Hashable {
  case allow
  /// Nobody is signed in and the route needs an account.
  case signIn
  /// The account's role is too low; `needs` is the least role that would do.
  case forbidden(needs: Role)
}
