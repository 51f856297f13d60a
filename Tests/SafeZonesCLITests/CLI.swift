import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What one run of the real `safezones` binary produced.
struct CLIResult: CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  var timedOut: Bool
  /// `true` when the process ended by a signal (a crash or a trap) rather than by exiting.
  var signaled = false

  var description: String {
    "exit status \(status)\(signaled ? " (signal)" : "")\(timedOut ? " (timed out)" : "")\n--- stdout ---\n\(stdout.prefix(4000))\n--- stderr ---\n\(stderr.prefix(4000))"
  }
}

/// Finds and runs the built `safezones` executable.
///
/// The test target depends on the executable, so SwiftPM builds it into the same products
/// directory as the test bundle (`.build/<triple>/debug`). `SAFEZONES_BIN` overrides the
/// search, e.g. to test a release build.
enum CLI {
  static let binary: URL? = locate()

  static func locate() -> URL? {
    let fm = FileManager.default
    func executable(in dir: URL) -> URL? {
      let candidate = dir.appendingPathComponent("safezones")
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
        fm.isExecutableFile(atPath: candidate.path)
      else { return nil }
      return candidate
    }
    if let path = ProcessInfo.processInfo.environment["SAFEZONES_BIN"], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    var starts: [URL] = [Bundle.main.bundleURL]
    if let exe = Bundle.main.executableURL { starts.append(exe.deletingLastPathComponent()) }
    if let first = CommandLine.arguments.first {
      starts.append(URL(fileURLWithPath: first).deletingLastPathComponent())
    }
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      starts.append(bundle.bundleURL.deletingLastPathComponent())
    }
    // Walk up a few levels from each start (the bundle may be a directory on macOS).
    for start in starts {
      var dir = start.standardizedFileURL
      for _ in 0..<4 {
        if let found = executable(in: dir) { return found }
        dir = dir.deletingLastPathComponent()
      }
    }
    // Last resort: the package's own build directory, relative to this source file.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    for sub in [".build/debug", ".build/release"] {
      if let found = executable(in: root.appendingPathComponent(sub)) { return found }
    }
    return nil
  }

  /// Runs the binary with `args` in `directory`, feeding `stdin`, and waits at most
  /// `timeout` seconds. Output goes through files, so a large output cannot fill a pipe
  /// and block the child.
  static func run(
    _ args: [String], stdin: String? = nil, in directory: URL? = nil, timeout: TimeInterval = 120
  ) throws -> CLIResult {
    guard let binary else {
      Issue.record("the safezones executable was not found; build it with `swift build` or set SAFEZONES_BIN")
      return CLIResult(status: -1, stdout: "", stderr: "", timedOut: false)
    }
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("safezones-run-\(UUID().uuidString)")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    let inURL = scratch.appendingPathComponent("stdin")
    fm.createFile(atPath: outURL.path, contents: nil)
    fm.createFile(atPath: errURL.path, contents: nil)
    fm.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))

    let process = Process()
    process.executableURL = binary
    process.arguments = args
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["COLUMNS"] = "100"
    process.environment = environment
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    let inHandle = try FileHandle(forReadingFrom: inURL)
    defer {
      try? outHandle.close()
      try? errHandle.close()
      try? inHandle.close()
    }
    process.standardOutput = outHandle
    process.standardError = errHandle
    process.standardInput = inHandle

    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    var timedOut = false
    if done.wait(timeout: .now() + timeout) == .timedOut {
      timedOut = true
      process.terminate()
      _ = done.wait(timeout: .now() + 10)
    }
    let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    return CLIResult(
      status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut,
      signaled: process.terminationReason == .uncaughtSignal)
  }
}

/// Runs `safezones args` in the current directory.
func run(_ args: [String], stdin: String? = nil) throws -> CLIResult {
  try CLI.run(args, stdin: stdin)
}

/// A temporary working directory for one test: fixture files are written into it, the
/// binary runs inside it (so messages name files by their short relative names), and it
/// is removed when the test ends.
final class Sandbox {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("safezones-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, Data(text.utf8))
  }

  @discardableResult
  func write(_ name: String, _ data: Data) throws -> String {
    let target = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: target)
    return name
  }

  func read(_ name: String) throws -> String {
    try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
  }

  func contents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  func run(_ args: [String], stdin: String? = nil, timeout: TimeInterval = 120) throws -> CLIResult {
    try CLI.run(args, stdin: stdin, in: url, timeout: timeout)
  }
}

// MARK: - Checks shared by the suites

/// The run succeeded: exit 0 and no crash.
func expectSuccess(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(result.status == 0, "\(result)", sourceLocation: sourceLocation)
  #expect(!result.timedOut, sourceLocation: sourceLocation)
  expectNoCrash(result, sourceLocation: sourceLocation)
}

/// The run failed the way bad input must: exit status 2, nothing on standard output, one
/// `error:` line on standard error, no crash. Returns the message.
@discardableResult
func expectInputError(
  _ result: CLIResult, lines: Int? = 1, sourceLocation: SourceLocation = #_sourceLocation
) -> String {
  #expect(result.status == 2, "\(result)", sourceLocation: sourceLocation)
  #expect(!result.timedOut, sourceLocation: sourceLocation)
  #expect(result.stdout.isEmpty, "nothing may be printed on stdout: \(result)", sourceLocation: sourceLocation)
  expectNoCrash(result, sourceLocation: sourceLocation)
  let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
  let messageLines = message.split(separator: "\n")
  if let lines {
    #expect(messageLines.count == lines, "expected \(lines) message line(s): \(result)", sourceLocation: sourceLocation)
  }
  #expect(
    messageLines.allSatisfy { $0.hasPrefix("error: ") }, "every message line starts with 'error: ': \(result)",
    sourceLocation: sourceLocation)
  return message
}

func expectNoCrash(_ result: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
  for marker in [
    "Fatal error", "Stack dump", "Current stack trace", "Illegal instruction", "Segmentation fault", "SIGSEGV",
    "0x0000",
  ] {
    #expect(
      !result.stderr.contains(marker), "crash marker '\(marker)' on stderr: \(result)", sourceLocation: sourceLocation)
  }
  #expect(!result.signaled, "killed by a signal: \(result)", sourceLocation: sourceLocation)
  #expect((0...2).contains(result.status), "unexpected exit status: \(result)", sourceLocation: sourceLocation)
}

/// The 1-based number of the line where the first occurrence of `needle` starts (`needle`
/// may span lines, to pick one of several similar lines).
func lineNumber(of needle: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
  guard let range = text.range(of: needle) else {
    Issue.record("'\(needle)' is not in the fixture", sourceLocation: sourceLocation)
    return -1
  }
  return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
}

extension String {
  /// Replaces the single occurrence of `target`; records an issue when it is absent, so a
  /// fixture edit cannot silently do nothing.
  func replacingOnce(
    _ target: String, with replacement: String, sourceLocation: SourceLocation = #_sourceLocation
  )
    -> String
  {
    guard let range = range(of: target) else {
      Issue.record("'\(target)' is not in the fixture", sourceLocation: sourceLocation)
      return self
    }
    return replacingCharacters(in: range, with: replacement)
  }
}

/// Parses JSON output, recording an issue when it is not a JSON object.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [String: Any] {
  guard let data = text.data(using: .utf8),
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else {
    Issue.record("not a JSON object: \(text.prefix(500))", sourceLocation: sourceLocation)
    return [:]
  }
  return object
}

/// The `domains` array of a placement document.
func jsonDomains(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
  guard let domains = jsonObject(text, sourceLocation: sourceLocation)["domains"] as? [[String: Any]] else {
    Issue.record("no 'domains' array", sourceLocation: sourceLocation)
    return []
  }
  return domains
}

/// CSV records split on CRLF (the tool writes RFC 4180 line ends); fixtures avoid quoted
/// line breaks.
func csvRows(_ text: String) -> [String] {
  text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
}

/// The shipped domains' ids, in knowledge-base order.
func shippedIDs(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
  let result = try run(["domains", "--format", "json"])
  expectSuccess(result, sourceLocation: sourceLocation)
  return jsonDomains(result.stdout, sourceLocation: sourceLocation).compactMap { $0["id"] as? String }
}

// MARK: - SVG

/// `true` when `text` parses as XML (the SVG is well-formed).
func isWellFormedXML(_ text: String) -> Bool {
  XMLParser(data: Data(text.utf8)).parse()
}
