import ArgumentParser
import Foundation
import TroveCore
import TrovePostgres
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

            On a PostgreSQL store (--store postgresql://…) the backup is a new SQLite file: every table \
            copied as `trove copy` copies it, read in one REPEATABLE READ transaction (one consistent \
            snapshot; reviewers keep working), then checked with `trove check` before it is reported; a copy \
            that fails the check is removed. `trove copy DEST postgresql://…` restores it to a server.

            Exit status: 0 when the copy was written; 65 when the copy of a PostgreSQL store failed its check; 64 when DEST exists or is a file SQLite keeps beside a database (DB-wal, DB-shm, DB-journal) or the store's rejects file; 66 when the store could not be \
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
            throw ValidationError("\(StoreBackupError.destinationExists(path: destination))")
        }
    }

    func run() throws {
        try storeOptions.requireNewFile(destination)
        if storeOptions.isPostgres { return try backUpPostgres() }
        let store = try storeOptions.open(readOnly: true)
        do {
            let backup = try store.backup(to: destination)
            Console.output(
                """
                backed up \(Plural.trajectories(backup.trajectories)) and \(Plural.counted(backup.labelEvents, "label event")) \
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

    /// A PostgreSQL store copied into a new SQLite file at `destination` from one snapshot, then checked.
    private func backUpPostgres() throws {
        let store = try storeOptions.openPostgres()
        var counts: [(table: String, rows: Int)] = []
        do {
            try store.readSnapshot { _ in
                try Store.createCopy(at: destination) { copy in counts = try StoreCopy.copy(from: store, to: copy) }
            }
        } catch let error as StoreCopyError {
            Console.error("trove: backup to \(Console.visible(destination)) failed: \(error); nothing was written")
            if case .destinationExists = error { throw ExitCode(TroveExitCode.usage) }
            throw ExitCode(TroveExitCode.dataError)
        } catch {
            Console.error("trove: backup to \(Console.visible(destination)) failed: \(error); nothing was written")
            throw ExitCode(StorageFailure.isIOError(error) ? TroveExitCode.ioError : TroveExitCode.cannotCreate)
        }
        let check = try Store.open(path: destination).check()
        guard check.isOK else {
            try? FileManager.default.removeItem(atPath: destination)
            let problems = check.findings.flatMap { finding in finding.problems.map { "\(finding.check): \($0)" } }
            Console.error(
                "trove: the backup of \(Console.visible(storeOptions.displayName)) failed its check and was removed: "
                    + problems.joined(separator: "; "))
            throw ExitCode(TroveExitCode.dataError)
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: destination)[.size] as? Int) ?? 0
        func rows(_ table: String) -> Int { counts.first { $0.table == table }?.rows ?? 0 }
        Console.output(
            """
            backed up \(Plural.trajectories(rows("trajectory"))) and \(Plural.counted(rows("label_event"), "label event")) \
            to \(Console.visible(destination)) (\(String(format: "%.1f", Double(bytes) / 1_000_000)) MB, check ok)

            """)
    }
}
