/// Which axis of the map a criterion feeds.
public enum Axis: String, Sendable, Codable, CaseIterable, Comparable {
  /// Joint gains from cooperating (horizontal axis).
  case gains
  /// Political risk of cooperating (vertical axis).
  case risk
  /// Factors that lower political risk (stakeholders, indifference).
  case mitigation

  public static func < (lhs: Axis, rhs: Axis) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The fourteen criteria named by the essay. Their ids are fixed so that assessments made
/// under one organisation's rubric stay comparable with another's; a rubric may reweight or
/// reword them, never rename them.
public enum CriterionID: String, Sendable, Codable, CaseIterable, Comparable, CodingKeyRepresentable {
  case fundamentality, maturity, parity, scale, spillovers, recombination
  case publicGood = "public_good"
  case military, economic
  case securityExposure = "security_exposure"
  case dominance, salience
  case stakeholderSupport = "stakeholder_support"
  case indifference

  /// The axis the essay assigns to this criterion. A rubric cannot move a criterion to
  /// another axis.
  /// The risk criteria, in declaration order (what shocks can amplify).
  public static let riskCriteria = allCases.filter { $0.canonicalAxis == .risk }

  public var canonicalAxis: Axis {
    switch self {
    case .fundamentality, .maturity, .parity, .scale, .spillovers, .recombination, .publicGood:
      return .gains
    case .military, .economic, .securityExposure, .dominance, .salience:
      return .risk
    case .stakeholderSupport, .indifference:
      return .mitigation
    }
  }

  /// `true` when a higher score lowers the axis value (only maturity: mature technologies
  /// and settled knowledge yield low gains).
  public var isInverse: Bool { self == .maturity }

  /// A short human name used in tables and charts.
  public var title: String {
    switch self {
    case .fundamentality: return "Fundamentality"
    case .maturity: return "Maturity"
    case .parity: return "Parity"
    case .scale: return "Scale and cost"
    case .spillovers: return "Spillovers"
    case .recombination: return "Recombination and market scale"
    case .publicGood: return "Public good"
    case .military: return "Military applicability"
    case .economic: return "Economic contestation"
    case .securityExposure: return "Security exposure"
    case .dominance: return "Asymmetric dominance"
    case .salience: return "Political salience"
    case .stakeholderSupport: return "Stakeholder support"
    case .indifference: return "Domestic indifference"
    }
  }

  public static func < (lhs: CriterionID, rhs: CriterionID) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// The ids as written in files, for error messages that list what is allowed.
  public static var allIDs: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
