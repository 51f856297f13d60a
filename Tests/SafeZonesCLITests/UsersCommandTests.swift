import Foundation
import Testing

/// `safezones users …` and `safezones audit …` through the real binary, on a data folder of
/// their own (SQLite).
@Suite("users and audit commands")
struct UsersCommandTests {
  static func folder() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("safezones-users-\(UUID().uuidString)").path
  }

  @Test("first admin, list, role, token, disable, reset; weak passwords and unknown accounts refused with exit 2")
  func accounts() throws {
    let data = Self.folder()
    defer { try? FileManager.default.removeItem(atPath: data) }
    // A store without accounts says how to make the first.
    let empty = try CLI.run(["users", "list", "--data", data])
    #expect(empty.status == 0)
    #expect(empty.stdout.contains("safezones users add you@example.org --role admin --data \(data)"))

    let weak = try CLI.run(
      ["users", "add", "a@example.org", "--role", "admin", "--password-stdin", "--data", data], stdin: "short\n")
    #expect(weak.status == 2)
    #expect(weak.stderr.contains("password: use at least 12 characters"))
    let common = try CLI.run(
      ["users", "add", "a@example.org", "--role", "admin", "--password-stdin", "--data", data], stdin: "password1234\n")
    #expect(common.status == 2 && common.stderr.contains("most common passwords"))

    let added = try CLI.run(
      ["users", "add", "Ada@Example.org", "--role", "admin", "--name", "Ada L.", "--password-stdin", "--data", data],
      stdin: "a long enough passphrase\n")
    #expect(added.status == 0, "\(added)")
    #expect(added.stdout == "added ada@example.org (admin)\n")
    let again = try CLI.run(
      ["users", "add", "ada@example.org", "--role", "viewer", "--password-stdin", "--data", data],
      stdin: "another passphrase here\n")
    #expect(again.status == 2 && again.stderr.contains("already exists"))
    #expect(
      try CLI.run(
        ["users", "add", "bo@example.org", "--role", "viewer", "--password-stdin", "--data", data],
        stdin: "bo's passphrase is long\n"
      ).status == 0)

    // The last administrator cannot be demoted or disabled.
    let demote = try CLI.run(["users", "set-role", "ada@example.org", "viewer", "--data", data])
    #expect(demote.status == 2 && demote.stderr.contains("last enabled administrator"))
    #expect(try CLI.run(["users", "disable", "ada@example.org", "--data", data]).status == 2)
    #expect(
      try CLI.run(["users", "set-role", "bo@example.org", "facilitator", "--data", data]).stdout
        == "bo@example.org is now facilitator\n")
    let badRole = try CLI.run(["users", "set-role", "bo@example.org", "superuser", "--data", data])
    #expect(badRole.status != 0 && badRole.stderr.contains("superuser"))
    #expect(
      try CLI.run(["users", "set-role", "nobody@example.org", "viewer", "--data", data]).stderr.contains("no account"))

    let token = try CLI.run([
      "users", "token", "bo@example.org", "--name", "nightly", "--role", "viewer", "--expires-days", "30", "--data",
      data,
    ])
    #expect(token.status == 0, "\(token)")
    #expect(token.stdout.hasPrefix("szt_") && token.stdout.count == 48)
    #expect(token.stderr.contains("role viewer") && token.stderr.contains("expires"))
    let tooHigh = try CLI.run(["users", "token", "bo@example.org", "--name", "x", "--role", "admin", "--data", data])
    #expect(tooHigh.status == 2 && tooHigh.stderr.contains("cannot exceed"))

    #expect(try CLI.run(["users", "disable", "bo@example.org", "--data", data]).status == 0)
    #expect(
      try CLI.run(
        ["users", "reset-password", "bo@example.org", "--password-stdin", "--data", data],
        stdin: "a brand new passphrase\n"
      ).status == 0)
    let list = try CLI.run(["users", "list", "--data", data])
    #expect(
      list.stdout.contains("ada@example.org") && list.stdout.contains("Ada L.") && list.stdout.contains("disabled"))

    // Every change is in the audit trail, by the command line, and the chain holds.
    let verify = try CLI.run(["audit", "verify", "--data", data])
    #expect(verify.status == 0, "\(verify)")
    #expect(verify.stdout.hasPrefix("intact, "))
    let export = try CLI.run(["audit", "export", "--format", "jsonl", "--data", data])
    let lines = export.stdout.split(separator: "\n")
    let actions = lines.compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }.compactMap { $0["action"] as? String }
    #expect(actions.filter { $0 == "account.create" }.count == 2)
    #expect(
      actions.contains("account.role") && actions.contains("token.create") && actions.contains("account.disable")
        && actions.contains("account.password"))
    #expect(export.stdout.contains("\"actor\":\"cli:"))
    let csv = try CLI.run(["audit", "export", "--format", "csv", "--since", "2000-01-01", "--data", data])
    #expect(csv.stdout.hasPrefix("seq,at,actor,action,summary,address,previous_hash,hash"))
    let badDate = try CLI.run(["audit", "export", "--since", "yesterday", "--data", data])
    #expect(badDate.status == 2 && badDate.stderr.contains("--since"))
  }
}
