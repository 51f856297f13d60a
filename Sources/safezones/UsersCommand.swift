import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore
import SafeZonesStore
import SafeZonesWeb

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Role: ExpressibleByArgument {}

/// `safezones users …`: accounts on the same store as `serve` (`--data` / `--database`).
struct UsersCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "users",
    abstract: "Manage accounts: add, list, set-role, disable, enable, reset-password, token.",
    discussion: "Roles: " + Role.allCases.map { "\($0.rawValue) (\($0.summary))" }.joined(separator: "; ") + ".",
    subcommands: [
      UsersAdd.self, UsersList.self, UsersSetRole.self, UsersDisable.self, UsersEnable.self, UsersResetPassword.self,
      UsersToken.self,
    ])
}

/// Opens the store and the account service, and names the command line as the writer.
enum Accounts {
  static func with<T: Sendable>(
    _ store: StoreOptions, _ body: @Sendable (AccountService, StoreRuntime) async throws -> T
  ) async throws -> T {
    let settings = try store.settings()
    return try await StoreAccess.with(settings) { runtime in
      let service = try AccountService(
        store: runtime.repository, hasher: BcryptHasher(cost: settings.passwordHashCost))
      do {
        return try await AuditContext.$current.withValue(CommandLineWriter.context) {
          try await body(service, runtime)
        }
      } catch let e as AccountError {
        throw CommandFailure(
          e.field == "email" || e.field == "role" ? e.description : "\(e.field): \(AccountsText.message(e))")
      }
    }
  }
}

extension Accounts {
  /// `users disable` and `users enable`.
  static func setDisabled(_ email: String, _ disabled: Bool, _ store: StoreOptions) async throws {
    let a = try await with(store) { service, _ in try await service.setDisabled(email: email, disabled) }
    Output.write(
      (a.disabled
        ? tr("{email} is disabled", ["email": .text(a.email)]) : tr("{email} is enabled", ["email": .text(a.email)]))
        + "\n")
  }
}

enum AccountsText {
  static func message(_ e: AccountError) -> String {
    if case .invalid(_, let message) = e { return message }
    return e.description
  }
}

/// Who the command line writes as in the audit trail: `cli:<login name>`.
enum CommandLineWriter {
  static var context: AuditContext {
    let user =
      ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? NSUserName()
    return AuditContext(actor: "cli:" + (user.isEmpty ? "unknown" : user))
  }
}

/// Reads a password: one line from standard input (`--password-stdin`), or typed twice at
/// the terminal without echo.
enum PasswordInput {
  static func read(fromStdin: Bool, confirm: Bool = true) throws -> String {
    if fromStdin {
      guard let line = readLine(strippingNewline: true) else {
        throw CommandFailure(
          tr(
            "--password-stdin: standard input is empty; pipe the password in, e.g. printf '%s\\n' \"$PW\" | safezones users add …"
          ))
      }
      return line
    }
    guard isatty(STDIN_FILENO) == 1 else {
      throw CommandFailure(tr("no terminal to ask for the password: pass --password-stdin and pipe it in"))
    }
    let first = try prompt(tr("Password (at least 12 characters): "))
    if confirm {
      let second = try prompt(tr("Again: "))
      guard first == second else { throw CommandFailure(tr("the two passwords differ; nothing was changed")) }
    }
    return first
  }

  static func prompt(_ text: String) throws -> String {
    FileHandle.standardError.write(Data(text.utf8))
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    tcsetattr(STDIN_FILENO, TCSANOW, &silent)
    defer {
      tcsetattr(STDIN_FILENO, TCSANOW, &saved)
      FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = readLine(strippingNewline: true) else { throw CommandFailure(tr("no password given")) }
    return line
  }
}

struct UsersAdd: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add", abstract: "Add an account (asks for its password, or reads it with --password-stdin).")

  @Argument(help: ArgumentHelp("The account's email (its sign-in name).", valueName: "email")) var email: String
  @Option(help: ArgumentHelp("viewer, assessor, facilitator or admin.", valueName: "role")) var role: Role
  @Option(help: ArgumentHelp("The name shown on assessments (default: the email).", valueName: "name")) var name:
    String?
  @Flag(help: "Read the password from standard input (one line) instead of asking.") var passwordStdin = false
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let password = try PasswordInput.read(fromStdin: passwordStdin)
    let (email, role, name) = (email, role, name ?? "")
    let account = try await Accounts.with(store) { service, _ in
      try await service.add(email: email, name: name, role: role, password: password)
    }
    Output.write(
      tr("added {email} ({role})", ["email": .text(account.email), "role": .text(account.role.rawValue)]) + "\n")
  }
}

struct UsersList: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let accounts = try await Accounts.with(store) { service, _ in try await service.accounts.accounts() }
    if accounts.isEmpty {
      let settings = try store.settings()
      Output.write(
        tr("no accounts yet; create the first administrator with:") + "\n  \(settings.firstAdminCommand)\n")
      return
    }
    Output.write(
      TextOutput.table(
        headers: [tr("email"), tr("name"), tr("role"), tr("status"), tr("created")],
        rows: accounts.map {
          [
            $0.email, $0.name, $0.role.rawValue, $0.disabled ? tr("disabled") : tr("active"),
            Format.utcMinute($0.createdAt),
          ]
        }))
  }
}

struct UsersSetRole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change an account's role.")
  @Argument(help: ArgumentHelp("The account's email.", valueName: "email")) var email: String
  @Argument(help: ArgumentHelp("viewer, assessor, facilitator or admin.", valueName: "role")) var role: Role
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let (email, role) = (email, role)
    let a = try await Accounts.with(store) { service, _ in try await service.setRole(email: email, role: role) }
    Output.write(tr("{email} is now {role}", ["email": .text(a.email), "role": .text(a.role.rawValue)]) + "\n")
  }
}

struct UsersDisable: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "disable", abstract: "Disable an account: it cannot sign in, its sessions and tokens stop working.")
  @Argument(help: ArgumentHelp("The account's email.", valueName: "email")) var email: String
  @OptionGroup var store: StoreOptions

  func run() async throws { try await Accounts.setDisabled(email, true, store) }
}

struct UsersEnable: AsyncParsableCommand {
  static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled account again.")
  @Argument(help: ArgumentHelp("The account's email.", valueName: "email")) var email: String
  @OptionGroup var store: StoreOptions

  func run() async throws { try await Accounts.setDisabled(email, false, store) }
}

struct UsersResetPassword: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset-password", abstract: "Set a new password for an account (ends its sessions).")
  @Argument(help: ArgumentHelp("The account's email.", valueName: "email")) var email: String
  @Flag(help: "Read the password from standard input (one line) instead of asking.") var passwordStdin = false
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let password = try PasswordInput.read(fromStdin: passwordStdin)
    let email = email
    try await Accounts.with(store) { service, _ in try await service.setPassword(email: email, password: password) }
    Output.write(
      tr("new password set for {email}; its sessions ended", ["email": .text(Account.normalised(email: email))])
        + "\n")
  }
}

struct UsersToken: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token",
    abstract: "Create a personal API token for an account and print it (shown once; only its hash is kept).")
  @Argument(help: ArgumentHelp("The account's email.", valueName: "email")) var email: String
  @Option(help: ArgumentHelp("What uses the token, e.g. \"nightly export\".", valueName: "name")) var name: String
  @Option(help: ArgumentHelp("The token's role, at most the account's (default: the account's).", valueName: "role"))
  var role: Role?
  @Option(help: ArgumentHelp("Days until it expires (default: never).", valueName: "days")) var expiresDays: Int?
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let (email, name, role, days) = (email, name, role, expiresDays)
    let made = try await Accounts.with(store) { service, _ in
      try await service.createToken(
        for: try await service.require(email: email), name: name, role: role, expiresInDays: days)
    }
    let arguments: [String: LocalizationArgument] = [
      "id": .text("\(made.stored.id)"), "name": .text(made.stored.name),
      "email": .text(Account.normalised(email: email)), "role": .text(made.stored.role.rawValue),
      "expires": .text(made.stored.expiresAt.map { Format.utcMinute($0) } ?? ""),
    ]
    Output.note(
      made.stored.expiresAt == nil
        ? tr(
          "token {id} \"{name}\" for {email}, role {role}; send it as Authorization: Bearer <token>", arguments)
        : tr(
          "token {id} \"{name}\" for {email}, role {role}, expires {expires}; send it as Authorization: Bearer <token>",
          arguments))
    Output.write(made.token + "\n")
  }
}

/// `safezones audit verify|export`.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Check or export the audit trail (a SHA-256 hash chain of every write).",
    subcommands: [AuditVerify.self, AuditExport.self])
}

struct AuditVerify: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract:
      "Recompute the audit trail's hash chain: \"intact, N records\" (exit 0) or the first broken record (exit 1).")
  @OptionGroup var store: StoreOptions

  func run() async throws {
    let result = try await StoreAccess.with(try store.settings()) { runtime in
      let audit = runtime.repository.audit
      return AuditChain.verify(
        try await audit.auditRecords(AuditQuery()), head: try await audit.auditHead(), sha256: AuditHash.sha256)
    }
    switch result {
    case .intact(let n, let head):
      Output.write(
        tr("intact, {count} records (head {head})", ["count": .text(String(n)), "head": .text("\(head)")]) + "\n")
    case .broken(let seq, let reason):
      Output.note(tr("broken at record {seq}: {reason}", ["seq": .text(String(seq)), "reason": .text("\(reason)")]))
      throw ExitCode(1)
    }
  }
}

struct AuditExport: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write the audit trail's records as JSON lines or CSV.")

  enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

  @Option(help: ArgumentHelp("Only records from this day on (YYYY-MM-DD, UTC).", valueName: "date")) var since: String?
  @Option(help: ArgumentHelp("Only records before the end of this day (YYYY-MM-DD, UTC).", valueName: "date"))
  var until: String?
  @Option(help: "jsonl or csv (default jsonl).") var format: Format = .jsonl
  @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var out: String?
  @OptionGroup var store: StoreOptions

  func run() async throws {
    func day(_ text: String?, _ option: String) throws -> Day? {
      guard let text else { return nil }
      guard let d = Day(text) else {
        throw CommandFailure(
          tr(
            "{option}: '{text}' is not a date; use YYYY-MM-DD",
            ["option": .text(option), "text": .text(TextLimits.preview(text))]))
      }
      return d
    }
    let query = AuditQuery(
      since: try day(since, "--since")?.date, until: try day(until, "--until")?.date.addingTimeInterval(86_400))
    let records = try await StoreAccess.with(try store.settings()) { runtime in
      try await runtime.repository.audit.auditRecords(query)
    }
    let text = format == .csv ? AuditExportText.csv(records) : AuditExportText.jsonLines(records)
    if let out { try Output.save(text, to: out) } else { Output.write(text) }
  }
}

/// The exported forms of audit records (every field, so that a copy can be checked again).
enum AuditExportText {
  static let headers = ["seq", "at", "actor", "action", "summary", "address", "previous_hash", "hash"]

  static func fields(_ r: AuditRecord) -> [String] {
    [
      String(r.seq), ISO8601Micro.string(r.microseconds), r.actor, r.action, r.summary, r.address ?? "", r.previousHash,
      r.hash,
    ]
  }

  static func csv(_ records: [AuditRecord]) -> String { TextOutput.csv(headers: headers, rows: records.map(fields)) }

  static func jsonLines(_ records: [AuditRecord]) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    struct Line: Encodable {
      var seq: Int
      var at: String
      var at_us: Int64
      var actor: String
      var action: String
      var summary: String
      var address: String?
      var previous_hash: String
      var hash: String
    }
    return records.map { r in
      let line = Line(
        seq: r.seq, at: ISO8601Micro.string(r.microseconds), at_us: r.microseconds, actor: r.actor, action: r.action,
        summary: r.summary, address: r.address, previous_hash: r.previousHash, hash: r.hash)
      return String(decoding: (try? encoder.encode(line)) ?? Data(), as: UTF8.self) + "\n"
    }.joined()
  }
}

/// `2026-12-02T14:03:07.123456Z`.
enum ISO8601Micro {
  static func string(_ microseconds: Int64) -> String {
    let seconds = Int64((Double(microseconds) / 1e6).rounded(.down))
    let micro = microseconds - seconds * 1_000_000
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter.string(from: Date(timeIntervalSince1970: Double(seconds))) + String(format: ".%06lldZ", micro)
  }
}
