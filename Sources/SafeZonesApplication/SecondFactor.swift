import Crypto
import Foundation
import SafeZonesCore
import SafeZonesStore

/// Time-based one-time passwords (RFC 6238, HMAC-SHA-1, 6 digits, 30-second steps), the
/// kind every authenticator app makes from a shared secret.
public enum TOTP {
  public static let digits = 6
  public static let period: TimeInterval = 30

  /// The time step of `date`.
  public static func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / period).rounded(.down)) }

  /// The code of `step` for `secret` (raw bytes), `digits` long (RFC 4226's truncation).
  public static func code(secret: [UInt8], step: Int64, digits: Int = digits) -> String {
    var counter = UInt64(bitPattern: step).bigEndian
    let message = withUnsafeBytes(of: &counter) { Data($0) }
    let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
    let offset = Int(mac[mac.count - 1] & 0x0f)
    let binary =
      (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
      | UInt32(mac[offset + 3])
    var modulus: UInt32 = 1
    for _ in 0..<digits { modulus *= 10 }
    let value = String(binary % modulus)
    return String(repeating: "0", count: digits - value.count) + value
  }

  /// The time step at which `code` is right for `secret` (base32), allowing one step either
  /// side of `date` for clocks that drift; `nil` when it is not right.
  public static func matchingStep(code: String, secret: String, at date: Date) -> Int64? {
    let typed = code.filter { !$0.isWhitespace }
    guard typed.count == digits, typed.allSatisfy(\.isASCIIDigit), let key = Base32.decode(secret) else { return nil }
    let now = step(at: date)
    return [now, now - 1, now + 1].first { Self.code(secret: key, step: $0) == typed }
  }

  /// A new random secret: 160 bits, base32.
  public static func newSecret() -> String {
    var rng = SystemRandomNumberGenerator()
    return Base32.encode((0..<20).map { _ in UInt8.random(in: 0...255, using: &rng) })
  }

  /// The `otpauth://` address an authenticator app reads (typed in, or from a QR code).
  public static func uri(secret: String, account: String, issuer: String = "SafeZones") -> String {
    let label = PercentEncode.component("\(issuer):\(account)")
    return
      "otpauth://totp/\(label)?secret=\(secret)&issuer=\(PercentEncode.component(issuer))&algorithm=SHA1&digits=\(digits)&period=\(Int(period))"
  }
}

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
public enum Base32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

  public static func encode(_ bytes: [UInt8]) -> String {
    var out = ""
    var buffer = 0
    var bits = 0
    for byte in bytes {
      buffer = (buffer << 8) | Int(byte)
      bits += 8
      while bits >= 5 {
        out.append(alphabet[(buffer >> (bits - 5)) & 31])
        bits -= 5
      }
    }
    if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
    return out
  }

  public static func decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    var buffer = 0
    var bits = 0
    for ch in text.uppercased() where ch != "=" && ch != " " {
      guard let value = alphabet.firstIndex(of: ch) else { return nil }
      buffer = (buffer << 5) | value
      bits += 5
      if bits >= 8 {
        out.append(UInt8((buffer >> (bits - 8)) & 0xff))
        bits -= 8
      }
    }
    return out.isEmpty ? nil : out
  }
}

enum PercentEncode {
  static func component(_ s: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
  }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension AccountService {
  /// Turns the second factor on once the person has typed a right code from `secret`:
  /// returns ten recovery codes, shown once (only their hashes are kept).
  public func enableSecondFactor(for account: Account, secret: String, code: String) async throws -> [String] {
    guard let step = TOTP.matchingStep(code: code, secret: secret, at: now()) else {
      throw AccountError.invalid(
        field: "code",
        message: tr("this is not the code your app shows now; check the phone's clock and type the 6 digits")
      )
    }
    let codes = (0..<10).map { _ in Self.recoveryCode() }
    try await accounts.setSecondFactor(
      accountID: account.id, secret: secret, recoveryHashes: codes.map { AuditHash.sha256(Self.normalisedRecovery($0)) }
    )
    _ = try await accounts.useTimeStep(accountID: account.id, step: step)
    return codes
  }

  /// Turns the second factor off (after the caller checked the password).
  public func disableSecondFactor(for account: Account) async throws {
    try await accounts.setSecondFactor(accountID: account.id, secret: nil, recoveryHashes: [])
  }

  /// Checks the second step of a sign-in: a current TOTP code (each good once) or an unused
  /// recovery code. A wrong one counts as a failed sign-in for the throttle.
  public func verifySecondFactor(_ typed: String, for account: Account, address: String?) async throws -> Bool {
    let context = AuditContext(actor: account.email, address: address)
    let recent = try await audit.failedSignIns(
      email: account.email, address: address, since: now().addingTimeInterval(-throttle.window))
    guard throttle.allows(accountFailures: recent.account, addressFailures: recent.address) else { return false }
    var ok = false
    if let (secret, _) = try await accounts.secondFactor(accountID: account.id) {
      if let step = TOTP.matchingStep(code: typed, secret: secret, at: now()) {
        ok = try await accounts.useTimeStep(accountID: account.id, step: step)
      } else if typed.filter({ !$0.isWhitespace }).count > TOTP.digits {
        ok = try await AuditContext.$current.withValue(context) {
          try await accounts.useRecoveryCode(
            accountID: account.id, hash: AuditHash.sha256(Self.normalisedRecovery(typed)))
        }
      }
    }
    try await AuditContext.$current.withValue(context) {
      try await audit.appendAudit(AuditEvent(ok ? "sign-in" : "sign-in.failed", ["second_factor": .flag(true)]))
    }
    return ok
  }

  /// `xxxx-xxxx-xxxx`, from an alphabet without look-alikes.
  static func recoveryCode() -> String {
    let letters = Array("abcdefghjkmnpqrstuvwxyz23456789")
    var rng = SystemRandomNumberGenerator()
    let raw = String((0..<12).map { _ in letters[Int.random(in: 0..<letters.count, using: &rng)] })
    return [raw.prefix(4), raw.dropFirst(4).prefix(4), raw.suffix(4)].joined(separator: "-")
  }

  static func normalisedRecovery(_ code: String) -> String {
    code.lowercased().filter { $0.isLetter || $0.isNumber }
  }
}
