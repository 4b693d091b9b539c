import ArgumentParser
import Foundation
import TroveCore
import TroveStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a new file while others keep reading and writing it.",
        discussion: """
            Uses SQLite's online backup: the copy is one consistent snapshot (every label acknowledged before \
            it, none in part), reviewers and importers are not blocked, and the copy is checked with \
            PRAGMA integrity_check before it is linked into place with the store's mode. DEST must not exist, \
            and a file created at DEST while the copy ran is never replaced.

            Exit status: 0 when the copy was written; 64 when DEST exists; 66 when the store could not be \
            opened; 73 when the copy could not be created; 74 when writing it failed (a full disk).

            Examples:
              trove backup backups/trove-$(date +%F).sqlite
              trove backup --store /data/review.sqlite /mnt/backup/review.sqlite
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("Where to write the copy (a new file).", valueName: "dest"))
    var destination: String

    func validate() throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw ValidationError("\(destination) already exists; a backup never overwrites a file")
        }
    }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        do {
            let backup = try store.backup(to: destination)
            Console.output(
                """
                backed up \(backup.trajectories) trajectories and \(backup.labelEvents) label events \
                to \(backup.path) (\(String(format: "%.1f", Double(backup.bytes) / 1_000_000)) MB, integrity ok)

                """)
        } catch let error as StoreBackupError {
            Console.error("trove: backup to \(Console.visible(destination)) failed: \(error)")
            if case .destinationExists = error { throw ExitCode(TroveExitCode.usage) }
            throw ExitCode(TroveExitCode.dataError)
        } catch let error as OutputError {
            Console.error("trove: backup failed: \(error)")
            throw ExitCode(TroveExitCode.of(error))
        } catch {
            Console.error("trove: backup to \(Console.visible(destination)) failed: \(error)")
            throw ExitCode(StorageFailure.isIOError(error) ? TroveExitCode.ioError : TroveExitCode.cannotCreate)
        }
    }
}
