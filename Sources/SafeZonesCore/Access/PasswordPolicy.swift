import Foundation

/// What a password must be (NIST SP 800-63B's advice): long enough, not a known common
/// password, not the account's own email; no composition rules.
public struct PasswordPolicy: Sendable {
  /// The shortest accepted password, in characters.
  public static let minimumLength = 12
  /// The longest, in UTF-8 bytes: bcrypt reads no further than 72 bytes, so a longer
  /// password would be silently cut.
  public static let maximumBytes = 72

  /// Common passwords, lower case.
  public var common: Set<String>

  public init(common: Set<String>) { self.common = Set(common.map { $0.lowercased() }) }

  /// Why `password` is refused for the account `email`, or `nil` when it is accepted.
  public func problem(_ password: String, email: String) -> String? {
    if password.count < Self.minimumLength {
      return tr(
        "use at least {minimum} characters (a few unrelated words make a good one); this has {count}",
        ["minimum": .text(String(Self.minimumLength)), "count": .text(String(password.count))])
    }
    if password.utf8.count > Self.maximumBytes {
      return tr(
        "use at most {bytes} bytes (about {bytes} letters); longer passwords are cut by the hash",
        ["bytes": .text(String(Self.maximumBytes))])
    }
    let lower = password.lowercased()
    if common.contains(lower) {
      return tr("this is one of the most common passwords, the first an attacker tries; choose another")
    }
    let e = Account.normalised(email: email)
    if !e.isEmpty, lower == e || lower == e.split(separator: "@").first.map(String.init) {
      return tr("do not use your email address as the password")
    }
    return nil
  }
}

/// How many failed sign-ins are tolerated before sign-in is refused for a while, per
/// account and per address. The counts come from the audit trail, so servers sharing one
/// database count together.
public struct LoginThrottle: Sendable, Hashable {
  /// The window over which failures are counted.
  public var window: TimeInterval
  public var perAccount: Int
  public var perAddress: Int

  public init(window: TimeInterval = 15 * 60, perAccount: Int = 5, perAddress: Int = 20) {
    self.window = window
    self.perAccount = perAccount
    self.perAddress = perAddress
  }

  /// Whether another attempt may be made after these many recent failures.
  public func allows(accountFailures: Int, addressFailures: Int) -> Bool {
    accountFailures < perAccount && addressFailures < perAddress
  }

  /// The message for a refused attempt: the same whether the account exists or not.
  public var message: String {
    tr(
      "Too many failed sign-ins from here or for this account. Wait {minutes} minutes and try again, or ask an administrator to reset the password.",
      ["minutes": .text(String(Int(window / 60)))])
  }
}
