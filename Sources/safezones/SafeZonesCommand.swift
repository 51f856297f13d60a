import ArgumentParser
import Foundation
import SafeZonesApplication
import SafeZonesCore

@main
struct SafeZonesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "safezones",
    abstract: "Find safe zones for international scientific cooperation: joint gains versus political risk.",
    discussion: """
      Places research domains on the map of the essay "Finding Safe Zones for Science", explains each \
      placement criterion by criterion, and recommends a strategy. Exit status: 0 on success, 2 on bad \
      input or usage.
      """,
    version: SafeZonesVersion.current,
    subcommands: [
      ServeCommand.self, MapCommand.self, ExplainCommand.self, AssessCommand.self, DomainsCommand.self,
      RubricCommand.self, ImportCommand.self, ExportCommand.self, BenchCommand.self, ElicitCommand.self,
      WatchCommand.self, GraphCommand.self, SimulateCommand.self, SensitivityCommand.self, UsersCommand.self,
      AuditCommand.self, TaxonomyCommand.self, ScreenCommand.self, PartnersCommand.self,
      StressCommand.self, PairsCommand.self, CompareCommand.self,
    ]
  )

  /// Runs the command, sending every input or usage problem to standard error with exit
  /// status 2 (ArgumentParser would use 64 for usage errors).
  static func main() async {
    // `--lang` sets the language of every human-readable line (Core's `tr`), errors included.
    let localizer: Localizer?
    do {
      localizer = try CommonOptions.localizer(arguments: Array(CommandLine.arguments.dropFirst()))
    } catch {
      FileHandle.standardError.write(Data("error: \(error)\n".utf8))
      Foundation.exit(2)
    }
    // JSON is data for programs: its values (reasons, messages, labels) stay in the code's
    // English whatever --lang says; a drawing written with --out still follows --lang.
    let json = CommonOptions.asksForJSON(Array(CommandLine.arguments.dropFirst()))
    await Localization.with(json ? nil : localizer) { await runReportingErrors() }
  }

  static func runReportingErrors() async {
    do {
      var command = try parseCommand()
      if var async = command as? any AsyncParsableCommand {
        try await async.run()
      } else {
        try command.run()
      }
    } catch let error as InputError {
      FileHandle.standardError.write(
        Data(
          (error.issues.map { tr("error: {message}", ["message": .text($0.description)]) }.joined(separator: "\n")
            + "\n").utf8))
      Foundation.exit(2)
    } catch let error as StoreError {
      FileHandle.standardError.write(Data((tr("error: {message}", ["message": .text(error.description)]) + "\n").utf8))
      Foundation.exit(2)
    } catch let error as CommandFailure {
      FileHandle.standardError.write(Data((tr("error: {message}", ["message": .text(error.message)]) + "\n").utf8))
      Foundation.exit(2)
    } catch let error as LPError {
      // The solver could not answer (not an input problem): exit 1.
      FileHandle.standardError.write(Data((tr("error: {message}", ["message": .text(error.message)]) + "\n").utf8))
      Foundation.exit(1)
    } catch {
      let code = exitCode(for: error)
      if code == .success || code == .failure {
        exit(withError: error)
      }
      let message = fullMessage(for: error)
      FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
      Foundation.exit(2)
    }
  }
}

extension SafeZonesCommand {
  /// The command of the command line. `--lang` was read before parsing (`main`), so a
  /// command that does not declare it (`stress`, `users`, `elicit`, …) still takes it: when
  /// the arguments do not parse with it, they are parsed again without it.
  static func parseCommand() throws -> any ParsableCommand {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      return try parseAsRoot(arguments)
    } catch {
      let without = CommonOptions.removingLanguage(arguments)
      guard without != arguments, let command = try? parseAsRoot(without) else { throw error }
      return command
    }
  }
}

/// A problem that is not located in a file (an unknown domain id, an unwritable output).
struct CommandFailure: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
