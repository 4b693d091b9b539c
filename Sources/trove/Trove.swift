import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
import TroveStore

@main
struct Trove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trove",
        abstract: "Curate agent trajectories for fine-tuning: import, review, label and export.",
        discussion: """
            trove keeps trajectories in a SQLite store (--store, else $TROVE_STORE, else ./trove.sqlite) \
            that trainers can read directly; see docs/store.md.
            """,
        version: TroveVersion.current,
        subcommands: [
            ImportCommand.self, StatsCommand.self, ShowCommand.self, DiffCommand.self, LabelCommand.self,
            EditCommand.self,
            ExportCommand.self,
            ReviewCommand.self, MixCommand.self, SynthCommand.self, BackupCommand.self, CopyCommand.self,
            CheckCommand.self, ReparseCommand.self,
            TeamCommand.self, AssignCommand.self, ProgressCommand.self,
            AgreementCommand.self,
        ]
    )

    /// Runs a command with sysexits statuses for what ArgumentParser leaves at 1: a damaged store (a
    /// row that cannot be read, a record whose bytes changed) exits 65, a store error that is the
    /// disk's fault 74, a write a PostgreSQL server refuses for lack of privilege 66 (as a read-only
    /// SQLite store), any other unexpected error 70 (internal). A write past
    /// the file size limit fails with EFBIG and is reported, instead of SIGXFSZ ending the run silently.
    static func main() {
        signal(SIGXFSZ, SIG_IGN)
        var parsed: (any ParsableCommand.Type)?
        do {
            var command = try parseAsRoot()
            parsed = type(of: command)
            try command.run()
        } catch let error as ValidationError {
            // One thrown by run() names the command's usage, as ArgumentParser does for one thrown by
            // validate() (it knows only the root command there).
            guard let parsed, parsed != Self.self else { exit(withError: error) }
            let name = parsed.configuration.commandName ?? "\(parsed)"
            Console.error(
                "Error: \(error.message)\nUsage: trove \(parsed.usageString())\n"
                    + "  See 'trove \(name) --help' for more information.")
            Foundation.exit(TroveExitCode.usage)
        } catch let error where error is ExitCode || error is CleanExit {
            exit(withError: error)
        } catch {
            let code = exitCode(for: error)
            guard code == .failure else { exit(withError: error) }
            if (error as? StoreError)?.isDamage == true || error is AlteredRecordError {
                Console.error("trove: \(error)")
                Foundation.exit(TroveExitCode.dataError)
            }
            if let error = error as? PostgresError, error.isWriteDenied {
                Console.error(StoreOptions.writeDeniedMessage(error))
                Foundation.exit(TroveExitCode.cannotOpen)
            }
            if StorageFailure.isIOError(error) {
                Console.error("trove: the store could not be written (disk full or I/O error): \(error)")
                Foundation.exit(TroveExitCode.ioError)
            }
            Console.error("trove: \(error)")
            Foundation.exit(TroveExitCode.software)
        }
    }
}
