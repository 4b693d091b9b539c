import Foundation
import GRDB
import Testing
import TroveCore
import TroveStore
import TroveTestSupport

/// Guarantee 5 of docs/reliability.md: newer stores are refused, read-only stores are read and not
/// written (and say so), `trove backup` copies a consistent snapshot while others write, and
/// `trove check` finds damage.
@Suite struct StoreHygieneTests {
    private let directory = TemporaryDirectory()
    private var store: String { directory.path("store.sqlite") }

    private func makeStore(records: Int = 10) throws {
        let input = directory.path("corpus.jsonl")
        Corpus.writeJSONL(count: records, to: input)
        try TroveBinary.run(["import", "--store", store, "--quiet", input]).expectSuccess()
    }

    @Test(arguments: ["migration", "schema_version"])
    func aStoreFromANewerTroveIsRefusedWithAClearMessage(_ marker: String) throws {
        try makeStore()
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in
            if marker == "migration" {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
            } else {
                try db.execute(sql: "UPDATE store_info SET value = '99' WHERE key = 'schema_version'")
            }
        }
        try queue.close()
        for command in [["stats"], ["label", "os_1", "--accept"], ["import", Fixtures.url("hostile/bom.jsonl").path]] {
            let result = try TroveBinary.run([command[0], "--store", store] + command.dropFirst())
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr.contains("written by a newer version of trove; upgrade trove to open it"))
        }
        #expect(try StoreAudit.of(store).labelEvents == 0)
    }

    @Test func aWriteProtectedStoreIsReadButNotWrittenAndSaysSo() throws {
        try makeStore()
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: store)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: store) }
        let label = try TroveBinary.run(["label", "--store", store, Corpus.id(1), "--accept"])
        #expect(label.status == 66)
        #expect(label.stderr.contains("is read-only: labels cannot be changed (the file is write-protected)"))
        let undo = try TroveBinary.run(["label", "--store", store, "--undo"])
        #expect(undo.status == 66)
        let importing = try TroveBinary.run(["import", "--store", store, Fixtures.url("hostile/bom.jsonl").path])
        #expect(importing.status == 66)
        #expect(try Store.open(path: store).isReadOnly)
        try TroveBinary.run(["stats", "--store", store]).expectSuccess()
        try TroveBinary.run(["show", "--store", store, Corpus.id(1)]).expectSuccess()
        let check = try TroveBinary.run(["check", "--store", store])
        #expect(check.status == 0)
        #expect(check.stdout.contains("skipped  full-text index (the store is read-only)"))
        let audit = try StoreAudit.of(store)
        #expect(audit.labelEvents == 0 && audit.trajectories == 10)
    }

    @Test func backupCopiesAConsistentSnapshotWhileAReviewerWrites() throws {
        let runs = 30
        try makeStore(records: 2 * runs)
        let writes = Counter()
        let store = self.store
        let writer = Thread {
            for run in 0..<runs {
                let result = try? TroveBinary.run([
                    "label", "--store", store, Corpus.id(2 * run), Corpus.id(2 * run + 1), "--reject", "--reviewer",
                    "r",
                ])
                writes.add(result?.status == 0 ? 1 : 0, failure: result?.stderr ?? "could not run")
            }
        }
        writer.start()
        var backups = 0
        repeat {
            let destination = directory.path("backup-\(backups).sqlite")
            let result = try TroveBinary.run(["backup", "--store", store, destination])
            #expect(result.status == 0, "\(result.stderr)")
            let audit = try StoreAudit.of(destination)
            #expect(audit.isClean, "\(audit)")
            #expect(audit.trajectories == 2 * runs)
            #expect(audit.labelEvents % 2 == 0, "backup \(backups) holds half a label run")
            try TroveBinary.run(["check", "--store", destination]).expectSuccess()
            backups += 1
        } while !writer.isFinished
        #expect(writes.succeeded == runs, "\(writes.failures)")
        // A backup never overwrites.
        let again = try TroveBinary.run(["backup", "--store", store, directory.path("backup-0.sqlite")])
        #expect(again.status == 64)
        print("reliability: \(backups) online backups taken during \(runs) label writes, each a whole snapshot")
    }

    @Test func checkPassesAHealthyStoreAndNamesDamage() throws {
        try makeStore()
        try TroveBinary.run(["label", "--store", store, Corpus.id(1), "--accept", "--tag", "x", "--reviewer", "r"])
            .expectSuccess()
        let healthy = try TroveBinary.run(["check", "--store", store])
        #expect(healthy.status == 0, "\(healthy.stdout)")
        for check in ["SQLite integrity", "foreign keys", "message rows", "steps", "current labels", "full-text index"]
        {
            #expect(healthy.stdout.contains("ok       \(check)\n"), "\(healthy.stdout)")
        }
        // Damage trove's invariants behind its back, as a careless script would.
        let queue = try DatabaseQueue(path: store)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM message_row WHERE trajectory_id = 3 AND idx = 0")
            try db.execute(sql: "DELETE FROM text_use WHERE trajectory_id = 4")
            try db.execute(sql: "DELETE FROM label_tag")
        }
        try queue.close()
        let damaged = try TroveBinary.run(["check", "--store", store])
        #expect(damaged.status == 65)
        #expect(damaged.stdout.contains("FAILED   message rows\n  \(Corpus.id(2)): message_count"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("FAILED   current labels"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("\n  \(Corpus.id(3)): message "), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("cannot be found by search"), "\(damaged.stdout)")
    }
}
